"""Words for code search: how titles and queries are cut into terms, and the abbreviation table.

Index and query go through the same `terms()` so that `Fractures`, `fracture` and `FRACTURE` meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from functools import lru_cache
from importlib import resources
from pathlib import Path

# A query is cut to this many characters and terms, so a pasted 10 kB line costs no more than a phrase.
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12

_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_POSSESSIVE_RE = re.compile(r"(?<=[a-z])['\u2019]s\b")
_TOKEN_RE = re.compile(r"[a-z0-9]+|[()\[\],;]")

# Dropped from queries: they carry no concept.
QUERY_STOPWORDS = frozenset("of the and or in on to for by a an at as from is".split())
# The words a note wraps a procedure in ("EGD performed today", "underwent TURP"), dropped from a search's
# words: no title holds them, so a speller or a word start would read them as something ("performed" as
# perforated). Not joiners for the record scanner (QUERY_STOPWORDS are).
NOTE_WORDS = frozenset("performed underwent uneventful uneventfully today yesterday emergently urgently "
                       "successful tolerated".split()
                      # and the uncertainty a physician qualifies a diagnosis with ("probable pneumonia",
                      # "presumptive CAP"): coded as if established at discharge (ICD-10-CM guideline II.H),
                      # and no title holds them, so they only cost every code alike
                      + "probable probably likely presumptive questionable".split())
# A worksheet line's lead that is no part of the condition: "r/o PE" (rule out: coded as if established,
# guideline II.H), "c/o chest pain" (complains of). Read as "r o", "c o"; the lone "r" is otherwise "right".
LEADING_NOTES = frozenset({("r", "o"), ("c", "o"), ("rule", "out"), ("complains", "of")})

# "drain left in place", "catheter left in situ": a device placed that stays after the procedure, not the
# left side; read as "placed" ("drain placed": a drainage device).
_LEFT_STAYS = (("in", "place"), ("in", "situ"), ("indwelling",))


def without_left_in_place(words: list[str]) -> list[str]:
    """The words with "left in place" and the like after a word read as "placed" ("catheter left in
    place": catheter placed): no side."""
    if "left" not in words[1:]:
        return words
    out: list[str] = []
    n = 0
    while n < len(words):
        stays = next((s for s in _LEFT_STAYS if words[n] == "left" and n
                      and tuple(words[n + 1 : n + 1 + len(s)]) == s), None)
        if stays is None:
            out.append(words[n])
            n += 1
        else:
            out.append("placed")
            n += 1 + len(stays)
    return out


# Words a title may carry without making the code more specific than the query ("Heart failure,
# unspecified" is the plain heart failure). They weigh little when a title's length is counted.
NEUTRAL_WORDS = frozenset(
    "of the and or in on to for by a an at as from is unspecified nos organism site without "
    "elsewhere classified not specified due uncomplicated whether part".split()
)
NEUTRAL_WEIGHT = 0.15
# "Other heart failure" says more than "heart failure" (a specified kind), though not a full word more.
OTHER_WEIGHT = 0.7
# Nonessential modifiers: words in parentheses ("Acute on chronic systolic (congestive) heart failure").
PAREN_WEIGHT = 0.1
# Words the Alphabetic Index gives as nonessential modifiers though titles print them plainly:
# "Diabetes, diabetic (mellitus)".
NONESSENTIAL = frozenset({"mellitus"})
# The second concept of "Syncope and collapse", and the axes after the first comma of a PCS title
# ("Resection of Gallbladder, Percutaneous Endoscopic Approach"): they count, but less.
AND_WEIGHT = 0.5
PCS_TAIL_WEIGHT = 0.5
# The approach "Via Natural or Artificial Opening (Endoscopic)" in a PCS title's tail: one axis value in four
# or five words, weighing OPENING_WEIGHT in all, as "Open Approach" does (two words of PCS_TAIL_WEIGHT),
# so the length of its wording does not rank the other approaches first; the approach a query leaves
# unsaid is chosen by the procedure's usual way (procedure_scoring.py).
OPENING_TOKENS = frozenset({"via", "natural", "artificial", "opening", "endoscopic"})
OPENING_WEIGHT = 1.0


def _opening_words(tokens: list[str], at: int) -> int:
    """The number of words of "Via Natural or Artificial Opening (Endoscopic)" when tokens[at] is one of
    them, else 0 ("Percutaneous Endoscopic Approach" keeps its weight)."""
    a = at
    while a > 0 and (tokens[a - 1] in OPENING_TOKENS or tokens[a - 1] == "or"):
        a -= 1
    if tokens[a] != "via":
        return 0
    b = at
    while b + 1 < len(tokens) and (tokens[b + 1] in OPENING_TOKENS or tokens[b + 1] == "or"):
        b += 1
    return sum(t in OPENING_TOKENS for t in tokens[a : b + 1])
# Words after "without" / "not" name an absent state ("without complications", "not specified as
# recurrent"): stored as `~word`, so "septic shock" does not match "Severe sepsis without septic shock".
NEGATION = "~"
NEGATORS = ("without", "not")
NEGATED_SPAN = 5  # "without nonketotic hyperglycemic-hyperosmolar coma (NKHHC)": the coma too
NEGATION_ENDS = frozenset("of in on at to due following".split())
# Words after "whether" (and "unspecified as to") list alternatives left open ("unspecified whether with
# hypoxia or hypercapnia").
WHETHER_SPAN = 4


def clean(text: str) -> str:
    """Control characters out, compatibility forms folded (`ﬁ` -> `fi`), accents off, lower case."""
    text = _CONTROL_RE.sub(" ", text)
    if not text.isascii():  # most texts are: no forms to fold, no accents to strip
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.lower()
    return _POSSESSIVE_RE.sub("", text)  # eponyms: "Meckel's diverticulum" is "meckel diverticulum"


def stem(word: str) -> str:
    """Plural `s` off (`fractures` -> `fracture`, `arteries` -> `artery`); `-ss`, `-us`, `-is` kept."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")) and word[-2].isalpha():
        return word[:-1]
    return word


# Tokens the loop of weighted_terms reads as more than a plain word.
_MARKED = frozenset({",", ";", "(", "[", ")", "]", "whether", "unspecified", "with", "and", "other",
                     *NEGATORS, *NEGATION_ENDS, *NEUTRAL_WORDS, *NONESSENTIAL})
# The index cuts three million words of a few tens of thousands distinct (index_postings.py).
_stem_memo = lru_cache(maxsize=1 << 16)(stem)


def weighted_terms(text: str, light_from: int = -1, pcs: bool = False,
                   light: frozenset[str] = frozenset()) -> Iterator[tuple[str, float]]:
    """Stemmed terms of a title with the weight each adds to the title's length.

    From character `light_from` on (a 7th-character extension such as ", initial encounter for
    closed fracture") words weigh nothing: they tell encounters apart, not concepts.
    """
    if light_from >= 0:
        yield from weighted_terms(text[:light_from], light=light)
        yield from ((term, 0.0) for term, _ in weighted_terms(text[light_from:]))
        return
    depth = 0
    negated = whether = 0  # words still to come under a "without" / "whether"
    after_and = tail = False
    tokens = _TOKEN_RE.findall(clean(text))
    for at, tok in enumerate(tokens):
        if not (negated or whether or depth or after_and or tail) and tok not in _MARKED and tok not in light:
            yield _stem_memo(tok), 1.0  # a plain word outside any clause: what every branch below gives
            continue
        if tok in ",;":
            negated = whether = 0
            after_and = False
            tail = pcs
            continue
        if tok in "([":
            depth += 1
            continue
        if tok in ")]":
            depth = max(0, depth - 1)
            continue
        prefix = ""
        if negated:
            negated -= 1
            prefix = NEGATION
        in_whether = whether > 0
        if whether:
            whether -= 1
        if tok in NEGATION_ENDS and NEGATED_SPAN - negated > 2:
            # "without foreign body of scalp": after two negated words the site is there; "without
            # loss of consciousness", "without alteration of consciousness" stay negated
            negated = 0
            prefix = ""
        if tok in NEGATORS:
            negated = NEGATED_SPAN
        elif tok == "whether":
            whether = WHETHER_SPAN
        elif tok == "unspecified" and tokens[at + 1 : at + 3] == ["as", "to"]:
            whether = WHETHER_SPAN + 1  # "unspecified as to partial versus complete": open alternatives
        elif tok == "unspecified" and tokens[at + 2 : at + 3] == ["or"]:
            whether = 3  # "unspecified occlusion or stenosis": the alternatives left open, the default
        elif tok == "with":
            negated = 0
        elif tok == "and":
            after_and = True
        if tok in NEUTRAL_WORDS or prefix or in_whether or tok in light:
            weight = NEUTRAL_WEIGHT
        elif depth or tok in NONESSENTIAL:
            weight = PAREN_WEIGHT
        elif tok == "other":
            weight = OTHER_WEIGHT
        elif after_and or tail:
            weight = AND_WEIGHT if after_and else (
                OPENING_WEIGHT / n if tok in OPENING_TOKENS and (n := _opening_words(tokens, at))
                else PCS_TAIL_WEIGHT)
        else:
            weight = 1.0
        yield prefix + _stem_memo(tok), weight


def negate_query(words: list[str]) -> list[str]:
    """Query words after "without" / "not" get the same `~` mark as in titles."""
    out: list[str] = []
    negated = 0
    for w in words:
        if negated and w not in NEGATORS and w != "with":
            negated -= 1
            out.append(NEGATION + w)
            continue
        negated = NEGATED_SPAN if w in NEGATORS else 0
        out.append(w)
    return out


# Chart shorthand read as the words it stands for before a query is cut into words: "w/o" without,
# "w/" with, "> 96 hours" greater than, "< 24 hours" less than.
_SHORTHAND = ((re.compile(r"\bw/o\b"), " without "),
              (re.compile(r"\bw/(?![a-z0-9])|\bw/(?=[a-z]{3})"), " with "),
              (re.compile(r">=?"), " greater than "), (re.compile(r"<=?"), " less than "))


def raw_words(text: str) -> list[str]:
    """Lower-case words of a query, unstemmed (abbreviations are matched on these)."""
    text = clean(text[: MAX_QUERY_CHARS * 4])
    if "/" in text or ">" in text or "<" in text:
        for pattern, said in _SHORTHAND:
            text = pattern.sub(said, text)
    words = [t for t in _TOKEN_RE.findall(text) if t not in "()[],;"]
    if "w" in words[1:-1]:  # "EGD w bx", "colonoscopy w polypectomy": chart shorthand for "with" (not
        # "w/d", withdrawal, read by the abbreviations as "w d")
        words = [words[0], *("with" if w == "w" and len(words[n + 2]) > 1 else w
                             for n, w in enumerate(words[1:-1])), words[-1]]
    if "x" in words[:-1]:
        words = _joined_counts(words)
    return words


_UNITS = ("min", "h", "day", "week", "wk", "month", "year", "yr", "cm", "mm")


def _joined_counts(words: list[str]) -> list[str]:
    """A count written apart ("DES x 2", "CABG x 3") joined as coders also write it ("x2"), so it reads
    the same (the stents' or arteries' count); a measure ("4 x 5 cm") and a duration ("x 3 days", read by
    its number) stay apart."""
    out: list[str] = []
    for n, w in enumerate(words):
        after = words[n + 1] if n + 1 < len(words) else ""
        if (out and out[-1] == "x" and len(w) == 1 and w in "123456789"
                and not (len(out) > 1 and out[-2].isdigit()) and not after.startswith(_UNITS)):
            out[-1] = "x" + w
        else:
            out.append(w)
    return out


# --- abbreviations -------------------------------------------------------------------------------

Abbreviations = dict[tuple[str, ...], tuple[str, ...]]


def parse_abbreviations(lines: Iterable[str], source: str) -> Abbreviations:
    """`SHORT<TAB>expansion` lines (# comments, blank lines allowed); one line per meaning.

    Raises ValueError naming the file and line of a malformed row.
    """
    out: dict[tuple[str, ...], list[str]] = {}
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise ValueError(
                f"{source}, line {n}: expected `abbreviation<TAB>expansion` (got {line[:60]!r})"
            )
        key = tuple(raw_words(parts[0]))
        if not key or len(key) > 4:
            raise ValueError(f"{source}, line {n}: abbreviation must be 1 to 4 words (got {parts[0]!r})")
        expansion = " ".join(raw_words(parts[1]))
        if expansion and expansion not in out.setdefault(key, []):
            out[key].append(expansion)
    return {k: tuple(v) for k, v in out.items()}


def load_abbreviations(user_file: Path | None = None) -> Abbreviations:
    """The table shipped with the package, extended (and overridden per key) by the user's file."""
    shipped = resources.files("codesets.search").joinpath("abbreviations.tsv")
    lines = shipped.read_text(encoding="utf-8").splitlines()
    table = parse_abbreviations(lines, "codesets/search/abbreviations.tsv")
    if user_file is not None and user_file.is_file():
        user = parse_abbreviations(user_file.read_text(encoding="utf-8").splitlines(), str(user_file))
        table.update(user)
    return table
