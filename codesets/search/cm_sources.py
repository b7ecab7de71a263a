"""ICD-10-CM texts besides the titles that code search matches: inclusion terms, `Includes` notes and the
conditions the instructional notes name with a code.

The built-in release has no CM Alphabetic Index, but the Tabular List names thousands of conditions
with the code they belong to inside its notes: "Excludes1: neonatal hypoglycemia (P70.4)" at E16.1,
"Code also: malignant neoplasm of colon (C18.-)". Read as "condition -> code", each such phrase is an
index entry the classification itself wrote, so it becomes a search text of the code it cites.

Every text pointing at a header also points at the code a coder reports when nothing more is known
(the "unspecified" default below it): "Deep vein thrombosis NOS" is written at I82.40 and reported as
I82.409; "diabetes NOS" at E11 is E11.9, not E11.8 "with unspecified complications".
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from codesets.search.text import NEGATION, NEUTRAL_WEIGHT, weighted_terms

# Notes whose phrases name a condition classified at the cited code.
NOTE_KINDS = ("excludes1", "excludes2", "code_first", "use_additional_code", "code_also")
# A cited code or category: (P70.4), (C18.-), (E08.22, E09.22); a range (O00-O07) names no one code.
_REF_RE = re.compile(r"\b([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?)(-?)(?![0-9A-Z.]*-[A-Z][0-9])")
_PAREN_RE = re.compile(r"\(([^()]*\b[A-Z][0-9][0-9A-Z][^()]*)\)")
# How code-first / use-additional notes begin: instructions, not the condition's name.
_LEAD_RE = re.compile(
    r"^(?:,?\s*if applicable[:,]?\s*|code\s*(?:,\s*if applicable,?\s*)?(?:to identify|for|,)?\s*|"
    r"(?:the\s+)?underlying (?:condition|disease)s?(?:,\s*if applicable)?(?:,?\s*such as:?)?\s*|"
    r"(?:any\s+)?associated\s+|such as:?\s*)+", re.I)
MAX_TARGETS_PER_NOTE = 3
# A header's inclusion terms also name each of up to this many billable children.
MAX_CHILDREN_SHARING = 6


def _plain(item: Any) -> bool:
    """The title says nothing more than its parent: "..., unspecified" (not "Cocaine abuse, unspecified
    with withdrawal", where the unspecified is the withdrawal's), "uncomplicated", "without
    complications", "without heart failure" (a "without" before any "with" clause). An "unspecified"
    that is one alternative ("with heart failure and stage 1 through stage 4 chronic kidney disease, or
    unspecified chronic kidney disease", I13.0) does not make the default: the Index's "Hypertension,
    heart and kidney" is I13.10."""
    t = item.title.lower()
    head = re.split(r"\bwith\b", t, maxsplit=1)[0]
    loose = t[t.rfind("unspecified"):] if "unspecified" in t else ""  # from the last "unspecified" on
    return ((bool(loose) and "with unspecified" not in t and "or unspecified" not in t
             and not re.search(r"\bwith\b", loose.replace("whether with", "")))
            or "without" in head or "uncomplicated" in t)


def _default_step(item: Any) -> bool:
    """A child a coder reports when nothing more is said: plain, or the 9 code unless it names an
    unspecified complication ("Alcohol dependence with unspecified alcohol-induced disorder")."""
    return _plain(item) or (item.code.endswith("9") and "with unspecified" not in item.title.lower())


def default_leaf(item: Any, children: dict[str, list[Any]]) -> tuple[Any, bool]:
    """The billable code reported for a header when nothing more is known, down the "unspecified" line
    (a title saying "unspecified" or "without complications", else the code ending in 9), and whether
    every step down was such a default (False when the line had to guess)."""
    leaf, sure = item, True
    for _ in range(4):
        kids = children.get(leaf.code)
        if leaf.billable or not kids:
            break
        leaf = max(kids, key=lambda c: (_plain(c), c.code.endswith("9") and _default_step(c),
                                        c.title.lower().count("unspecified")))
        sure = sure and _default_step(leaf)
    return leaf, sure


def synonyms(release: Any, codes_cm: list[Any], doc_of: dict[str, int]) -> list[tuple[int, str]]:
    """Inclusion terms and `Includes` notes of each CM item, as (document, text); a header's also go to
    its default billable code, and so does the header's own title ("Cardiac arrest" is I46.9 when
    nothing more is said, as the Index reads it)."""
    own: dict[str, list[str]] = defaultdict(list)  # one pass over the notes, not a query per code
    for code, _kind, text in release.iter_own_notes(("inclusion_term", "includes")):
        own[code].append(text)
    children = _children(codes_cm)
    titles = {i.code: i.title for i in codes_cm}
    by_code = {i.code: i for i in codes_cm}
    # "Parkinson's disease NOS" at G20.A1: the code a header titled "Parkinson's disease" defaults to,
    # whatever its "unspecified" child says (G20.C "Parkinsonism, unspecified" excludes it).
    nos = {t[:-4].strip().lower(): code for code, texts in own.items() for t in texts if t.endswith(" NOS")}
    sorted_codes = sorted(titles)
    out: list[tuple[int, str]] = []
    for item in codes_cm:
        named = nos.get(item.title.lower(), "")
        spelled = by_code[named] if named.startswith(item.code) and named != item.code else None
        if not item.billable and children.get(item.code):
            leaf, sure = (spelled, True) if spelled is not None else default_leaf(item, children)
            if sure and leaf.billable and leaf is not item:
                out.append((doc_of[leaf.code], item.title))
        terms = own.get(item.code)
        if not terms:
            continue
        for target in _targets(item, children, default=spelled):
            for term in dict.fromkeys(terms):
                out.append((doc_of[target.code], term))
        for term in terms:
            out += [(doc_of[item.code], text) for text in classifiable(item, term, titles, sorted_codes)]
    return out


# "Conditions classifiable to C15-C26" (Z80.0), "Personal history of conditions classifiable to O24.4-":
# the code covers the conditions of those categories; with this many categories or fewer, each one's
# title becomes a text of the code ("Family history of" + "Malignant neoplasm of colon").
_CLASSIFIABLE_RE = re.compile(r"^(.*?)\b(?:conditions|disorders|disease)\s+classifiable to\s+(.+)$", re.I)
_CODE_RE = re.compile(r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{1,4})?")
MAX_CLASSIFIABLE = 40


def _between(codes: list[str], lo: str, hi: str) -> list[str]:
    return codes[bisect.bisect_left(codes, lo) : bisect.bisect_left(codes, hi)]


def classifiable(item: Any, term: str, titles: dict[str, str],
                 sorted_codes: list[str] | None = None) -> list[str]:
    """Texts for the conditions an inclusion term "... classifiable to REFS" names (see above)."""
    m = _CLASSIFIABLE_RE.match(term.strip())
    if not m:
        return []
    if sorted_codes is None:
        sorted_codes = sorted(titles)
    head = m.group(1).strip()
    if not head:  # "Conditions classifiable to ...": the code's own title says whose ("Family history of")
        head = item.title.split(" of ", 1)[0] + " of" if " of " in item.title else ""
    refs = re.split(r"\b(?:except|that|not)\b", m.group(2), maxsplit=1)[0]
    texts: list[str] = []
    for part in re.split(r"[,;]|\band\b", refs):
        found = _CODE_RE.findall(part.upper())
        if len(found) == 2 and "-" in part.replace(".-", ""):  # a range: C15-C26, C7A.022-C7A.025
            lo, hi = (c.replace(".", "") for c in found)
            if len(lo) == 3 and len(hi) == 3:  # categories
                codes = [c for c in _between(sorted_codes, lo, hi + "~") if len(c) == 3]
            else:
                codes = _between(sorted_codes, lo, hi + "\x00")
        else:
            codes = [c.replace(".", "") for c in found if c.replace(".", "") in titles]
        if len(codes) > MAX_CLASSIFIABLE:
            continue
        texts += [f"{head} {titles[c]}".strip() for c in codes]
    return list(dict.fromkeys(texts))


def note_references(release: Any, codes_cm: list[Any], doc_of: dict[str, int]) -> list[tuple[int, str]]:
    """(document, phrase) for every condition a note names with a code: the phrase without its codes,
    pointing at the cited code (and the default billable code below a cited header)."""
    by_code = {i.code: i for i in codes_cm}
    children = _children(codes_cm)
    title_words: dict[str, set[str]] = {}
    out: list[tuple[int, str]] = []
    seen: set[tuple[int, str]] = set()
    for _at, kind, text in release.iter_own_notes(NOTE_KINDS):
        for phrase, refs in _phrases(text):
            words = _words(phrase)
            if len(words) < 2 and kind not in ("excludes1", "excludes2"):
                continue  # "insulin (Z79.4)", "abscess (J85.1)": a word read in its note's context
            for ref in refs[:MAX_TARGETS_PER_NOTE]:
                item = by_code.get(ref)
                if item is None:
                    continue
                for target in _targets(item, children, words, title_words, phrase):
                    if words <= _words(target.title):
                        continue  # the title says it already
                    key = (doc_of[target.code], phrase)
                    if key not in seen:
                        seen.add(key)
                        out.append(key)
    return out


def _phrases(text: str) -> Iterable[tuple[str, list[str]]]:
    """(phrase, cited codes) pairs of one note: "neonatal hypoglycemia (P70.4)" -> ("neonatal
    hypoglycemia", ["P704"]). A phrase citing only ranges (I46.-, O00-O07 are fine; O00-O07 is not
    one condition) gives nothing."""
    pos = 0
    for m in _PAREN_RE.finditer(text):
        inside = m.group(1)
        if re.search(r"[A-Z][0-9][0-9A-Z.]*-[A-Z][0-9]", inside):  # a range of categories
            pos = m.end()
            continue
        refs = [r.replace(".", "") for r, _dash in _REF_RE.findall(inside)]
        phrase = _LEAD_RE.sub("", text[pos : m.start()]).strip(" ,;:-")
        pos = m.end()
        if refs and len(phrase) >= 3 and any(ch.isalpha() for ch in phrase):
            yield phrase, list(dict.fromkeys(refs))


def _words(text: str) -> set[str]:
    return {t for t, w in weighted_terms(text) if w >= 1.0}


def _children(codes_cm: list[Any]) -> dict[str, list[Any]]:
    children: dict[str, list[Any]] = defaultdict(list)
    for item in codes_cm:
        if item.parent:
            children[item.parent].append(item)
    return children


def _targets(item: Any, children: dict[str, list[Any]], words: set[str] | None = None,
             title_words: dict[str, set[str]] | None = None, phrase: str = "",
             default: Any = None) -> list[Any]:
    """The item, its default billable code, and its billable children when they are a few that differ
    by side or site only ("deep femoral vein" at I82.41 is also I82.411, right, and I82.412, left).

    With the phrase's `words`, the billable code below the item whose title says more of them than the
    default's takes the default's place: "heart failure due to hypertension with chronic kidney
    disease (I13.-)" is I13.0 "... with heart failure and stage 1 through stage 4 chronic kidney
    disease", not the default I13.10 "... without heart failure"."""
    leaf = default if default is not None else default_leaf(item, children)[0]
    if words and title_words is not None and not item.billable:
        leaf = _best_leaf(item, leaf, children, words, title_words, phrase)
    out = [item, leaf] if leaf is not item and leaf.billable else [item]
    kids = children.get(item.code, [])
    if 1 < len(kids) <= MAX_CHILDREN_SHARING and all(k.billable for k in kids) and _sides_only(kids):
        out += [k for k in kids if k is not leaf]
    return out


# A phrase cited at a header is matched against the billable codes below it when they are this few.
MAX_LEAVES_COMPARED = 40


def _best_leaf(item: Any, default: Any, children: dict[str, list[Any]], words: set[str],
               title_words: dict[str, set[str]], phrase: str = "") -> Any:
    """The billable code below `item` whose title holds most of `words` (a word its title denies counts
    against it), the default unless another holds at least two more (one may be a word form:
    "aortic dissection" at I71.0- is I71.00 "Dissection of unspecified site of aorta", not I71.011
    "Dissection of aortic arch")."""
    leaves: list[Any] = []
    stack = list(children.get(item.code, []))
    while stack and len(leaves) <= MAX_LEAVES_COMPARED:
        node = stack.pop()
        if node.billable:
            leaves.append(node)
        stack.extend(children.get(node.code, []))
    if not default.billable or len(leaves) > MAX_LEAVES_COMPARED:
        return default

    def held(leaf: Any) -> int:
        """Phrase words the title says, less twice those it denies ("without heart failure")."""
        if leaf.code not in title_words:
            terms = list(weighted_terms(leaf.title))
            title_words[leaf.code] = {t for t, w in terms
                                      if w > NEUTRAL_WEIGHT and not t.startswith(NEGATION)}
            title_words[leaf.code + NEGATION] = {t[1:] for t, _w in terms if t.startswith(NEGATION)}
        says, denies = title_words[leaf.code], title_words[leaf.code + NEGATION]
        return len(words & says) - 2 * len((words & denies) - says)

    # Ties: the title that leaves more unspecified (the Index's default), then code order.
    best = max(sorted(leaves, key=lambda c: c.code), default=default,
               key=lambda c: (held(c), c.title.lower().count("unspecified")))
    # One more word is enough when the title spells the phrase itself and the default does not:
    # "Parkinson's disease (G20.-)" is G20.A1 "Parkinson's disease without dyskinesia ...", not G20.C
    # "Parkinsonism, unspecified" (its Excludes1: Parkinson's disease NOS (G20.A1)).
    spelled = phrase.lower()
    if spelled and spelled in best.title.lower() and spelled not in default.title.lower():
        return best if held(best) >= held(default) + 1 else default
    return best if held(best) >= held(default) + 2 else default  # one word may be a word form


_SIDE_WORDS = frozenset("right left bilateral unspecified side".split())


def _sides_only(kids: list[Any]) -> bool:
    """True when the codes differ by side only (right, left, bilateral, unspecified side)."""
    def rest(c: Any) -> tuple[str, ...]:
        return tuple(w for w in re.findall(r"[a-z0-9]+", c.title.lower()) if w not in _SIDE_WORDS)

    return len({rest(k) for k in kids}) == 1 and any(
        w in ("right", "left") for k in kids for w in re.findall(r"[a-z]+", k.title.lower()))
