"""Specificity read from the sentence (ICD-10-CM Official Guidelines I.B.2 "highest level of detail", I.B.13
laterality, I.C.4.a type and complication, I.C.9 acuity and type): a suggested code gives way to a billable
code of its own category whose title the sentence says entirely and that says more.

"Type 2 diabetes with mild nonproliferative diabetic retinopathy without macular edema, bilateral" is
read by the search as E11.9; the category E11 holds E11.3293, every word of whose title the sentence
says: E11.3293 is suggested. "Secondary esophageal varices with bleeding" gives I85.11, not I85.01;
"sacral pressure ulcer stage 3" L89.153, not L89.93. "Acute alcoholic pancreatitis" gives K85.20, not K85.90:
the Index's etiology words ("alcoholic" is "alcohol induced", "gallstone" is "biliary", "necrotizing" is "with
necrosis", uninfected unless said infected), and a sibling that says strictly more keeps unsaid what the code
read already claims (its category's words, its "without necrosis or infection").

A title's words are its words outside parentheses, without the 7th-character extension, stemmed; words
that only name the classification's wording ("mellitus", "region", "site", "of", "the") need not be said.
A title's "with X" is not said by a sentence that says "without X" / "no X", and a title's "without X" is
said only by a sentence that says it ("without", "w/o", "no"). Injury and external-cause chapters (S, T,
V-Y: 7th characters, encounters) and pregnancy and perinatal chapters are left to the search.
"""

from __future__ import annotations

import dataclasses
import re
import threading
from typing import TYPE_CHECKING, Any

from codesets.search.text import stem

if TYPE_CHECKING:
    from workbench.record.suggest import Suggestion

_PAREN = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_WORD = re.compile(r"[a-z0-9]+|[,;]")
# Words of the classification's wording that a physician does not say.
_SILENT = frozenset("mellitus region site of the in on and or to a an by as nos elsewhere classified not "
                    "specified part".split())
# Titles with these words are defaults (a sentence never needs them to say less).
_DEFAULT = frozenset("unspecified other".split())
_NEG = frozenset("without no w/o non".split())
_SKIP_CHAPTERS = ("S", "T", "V", "W", "X", "Y", "O", "P", "Z")
_lock = threading.Lock()
Leaf = tuple[str, str, frozenset[str], frozenset[str], frozenset[str]]  # code, title, plain, with, without
_LEAVES: dict[tuple[int, str], list[Leaf]] = {}


# The end stage of a kidney or liver disease named beside another condition ("Hypertensive heart and chronic
# kidney disease with heart failure and ESRD") stages only the kidney or liver codes, not the heart failure
# (I50.84 "End stage heart failure").
_OTHER_ORGAN_END_STAGE = re.compile(r"\bend[- ]stage (?:renal|kidney|liver) (?:disease|failure)\b|"
                                    r"\b(?:esrd|eskd|esld)\b", re.IGNORECASE)
_STAGED_ORGANS = ("N18", "I12", "I13", "K7", "N19", "Z99")
# A lab value, a date or a ratio ("Cr at baseline 1.6", "12/3", "2/2"): no stage, type or digit of a title.
_NUMBER = re.compile(r"\d+(?:[./]\d+)+")


def _words(text: str) -> list[str]:
    """The sentence's words, stemmed, with its commas (a "without" reaches the next comma)."""
    text = _NUMBER.sub(" ", text.lower().replace("w/o", "without"))
    return [w if w in ",;" else stem(w) for w in _WORD.findall(text)]


def _parts(title: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(words said plainly, words after "with", words after "without") of a title. Of two words joined
    by "and" ("embolism and thrombosis") one is enough: the first is left out, the second kept."""
    plain: set[str] = set()
    withs: set[str] = set()
    withouts: set[str] = set()
    mode = plain
    toks = _WORD.findall(_EXTENSION.sub("", _PAREN.sub(" ", title)).lower())
    for i, w in enumerate(toks):
        if w in ",;":
            mode = plain
            continue
        if w == "with":
            mode = withs
            continue
        if w == "without":
            mode = withouts
            continue
        if i + 1 < len(toks) and toks[i + 1] == "and":
            continue
        s = stem(w)
        if s in _SILENT or w in _SILENT:
            continue
        mode.add(s)
    return frozenset(plain), frozenset(withs), frozenset(withouts)


_EXTENSION = re.compile(r",\s*(initial|subsequent|sequela)\b.*$", re.IGNORECASE)
_SIDE_WORDS = {"right": ("right", "dominant"), "left": ("left", "nondominant", "non-dominant"),
               "rt": ("right", "dominant"), "lt": ("left", "nondominant", "non-dominant"),
               "bilateral": ("bilateral",)}


def _title_list(title: str) -> list[str]:
    return [w for w in _WORD.findall(_EXTENSION.sub("", _PAREN.sub(" ", title)).lower()) if w not in ",;"]


def lateral(release: Any, code: str, title: str, sentence: str) -> str | None:
    """I.B.13 laterality: the code of the same category (same 7th character) whose title is this one's
    with one "unspecified" side replaced by the side the sentence says ("unspecified femur" -> "left
    femur"; "unspecified side" -> "right dominant side", I.C.6.a: right is dominant by default)."""
    low = sentence.lower()
    sides = {w for w in _WORD.findall(low) if w in _SIDE_WORDS}
    if len(sides) != 1 or "unspecified" not in title.lower():
        return None
    allowed = set(_SIDE_WORDS[next(iter(sides))])
    mine = _title_list(title)
    for cand, ctitle, *_rest in _leaves(release, code[:3]):
        if cand == code or len(cand) != len(code) or cand[6:] != code[6:]:
            continue
        theirs = _title_list(ctitle)
        if len(theirs) < len(mine) - 1 or len(theirs) > len(mine) + 1:
            continue
        gone = list(mine)
        extra = []
        for w in theirs:
            if w in gone:
                gone.remove(w)
            else:
                extra.append(w)
        if gone == ["unspecified"] and extra and set(extra) <= allowed and extra[0] in ("right", "left",
                                                                                        "bilateral"):
            return cand
    return None


def _category_words(release: Any, category: str) -> frozenset[str]:
    item = release.cm(category)
    return _parts(item.title)[0] if item is not None and item.title else frozenset()


def _leaves(release: Any, category: str) -> list[Leaf]:
    key = (id(release), category)
    hit = _LEAVES.get(key)
    if hit is not None:
        return hit
    out = []
    todo = [category]
    while todo:
        for it in release.children(todo.pop()):
            if it.billable:
                out.append((it.code, it.title, *_parts(it.title)))
            else:
                todo.append(it.code)
    with _lock:
        if len(_LEAVES) > 5000:
            _LEAVES.clear()
        _LEAVES[key] = out
    return out


def _negated_words(words: list[str]) -> set[str]:
    """Words the sentence says after "without" / "no" (up to the next "with" or comma-free 4 words)."""
    out: set[str] = set()
    reach = 0
    for w in words:
        if w in ",;":
            reach = 0
            continue
        if w in _NEG:
            reach = 4
            continue
        if w == "with":
            reach = 0
            continue
        if reach:
            out.add(w)
            reach -= 1
    return out


def _says(title: Leaf, said: set[str],
          negated: set[str], has_neg: bool, given: frozenset[str] = frozenset()) -> int:
    """How many words of the title the sentence says, or -1 when it does not say the whole title. Words
    `given` are those the code read already claims (its category's words, its "without" words): a title
    may keep them unsaid, and only the words said are counted."""
    _code, text, plain, withs, withouts = title
    own = withouts - given
    if not plain <= said | given or not withs <= said or not own <= said:
        return -1
    if withs & negated or own and not (has_neg and own <= negated):
        return -1
    low = text.lower()
    if any(f" {d}" in f" {low}" for d in _DEFAULT):
        return -1
    return len(plain & said) + len(withs) + len(withouts & said)


def _expanded(words: list[str], abbreviations: Any) -> list[str]:
    """The sentence's words with the expansions of its abbreviations ("DVT": deep vein thrombosis)."""
    out = list(words)
    for w in words:
        for e in abbreviations.get((w,), ()) if abbreviations else ():
            out.extend(stem(x) for x in _WORD.findall(e.lower()))
    if any(a == _PRESSURE and b == _INJURY for a, b in zip(words, words[1:], strict=False)):
        out.append(_ULCER)  # Index "Injury, pressure - see Ulcer, pressure": NPIAP's name for the ulcer
    if _GOUT in words and not _GOUT_KIND & set(words):
        out.append(_IDIOPATHIC)  # Index "Gout (acute) (flare) - see Gout, idiopathic": by site M10.0-
    if _BOWEL in words:
        out.append(_INTESTINAL)  # "small bowel obstruction due to adhesions": "Intestinal adhesions"
    if _NODAL in words:
        out += _LYMPH_NODE  # "DLBCL, multiple nodal sites": the titles' "lymph nodes of multiple sites"
    # The etiology and complication words of the Index's combination entries, in the titles' words:
    # "Pancreatitis, acute, alcohol induced K85.20 / biliary (gallstone) K85.10", "necrotizing" is "with
    # necrosis", and necrosis not said infected is the Index's "with necrosis (uninfected)" (K85.x1).
    for word, said in _ETIOLOGY_WORDS:
        if word in words:
            out += said
    if _NECROSIS in out and not _INFECTED & set(words):
        out.append(_UNINFECTED)
    return out


_ETIOLOGY_WORDS = ((stem("alcoholic"), [stem("alcohol"), stem("induced")]),
                   (stem("gallstone"), [stem("biliary")]),
                   (stem("necrotizing"), [stem("necrosis")]))
_NECROSIS, _UNINFECTED = stem("necrosis"), stem("uninfected")
_INFECTED = frozenset(stem(w) for w in ("infected", "infection", "infective"))


_PRESSURE, _INJURY, _ULCER, _NODAL = stem("pressure"), stem("injury"), stem("ulcer"), stem("nodal")
_LYMPH_NODE = [stem("lymph"), stem("nodes")]
_BOWEL, _INTESTINAL = stem("bowel"), stem("intestinal")
_GOUT, _IDIOPATHIC = stem("gout"), stem("idiopathic")
# Another kind of gout than the Index's default: lead, a drug, the kidneys, another disease, or chronic (M1A).
_GOUT_KIND = frozenset(stem(w) for w in
                       "lead drug induced renal secondary chronic tophaceous tophi tophus".split())


def _clause(s: Suggestion) -> str:
    """The part of the evidence sentence between the semicolons around the phrase: a list written on one
    line ("Hyperkalemia; ESRD on HD; T2DM with diabetic CKD") is several diagnoses, and the "2" of "T2DM"
    does not stage the ESRD of another item (I.B.2 reads the detail said of the condition itself)."""
    text, ev = s.evidence.text, s.evidence
    at = ev.phrase_start - ev.start
    if ";" not in text or not 0 <= at <= len(text):
        return text
    lo = text.rfind(";", 0, at) + 1
    hi = text.find(";", max(at, ev.phrase_end - ev.start))
    return text[lo: hi if hi >= 0 else len(text)]


def refine(release: Any, sugs: list[Suggestion], coded: set[str],
           abbreviations: Any = None) -> list[Suggestion]:
    """Each CM suggestion, or the code of its category its sentence says more exactly (module docstring)."""
    from workbench.record.combinations import make

    out = []
    taken = {s.code for s in sugs} | coded
    for s in sugs:
        if s.system != "CM":
            out.append(s)
            continue
        side = lateral(release, s.code, s.title, s.evidence.text)
        if side is not None and side not in taken and (new := make(release, s, side)) is not None:
            s = dataclasses.replace(new, kind=s.kind, query=s.query)
            taken.add(side)
        if s.code.startswith(_SKIP_CHAPTERS):
            out.append(s)
            continue
        clause = _clause(s)
        if not s.code.startswith(_STAGED_ORGANS):
            clause = _OTHER_ORGAN_END_STAGE.sub(" ", clause)  # "heart failure and ESRD": no end stage HF
        words = _expanded(_words(clause), abbreviations)
        said = set(words) - {",", ";"}
        negated = _negated_words(words)
        has_neg = bool(_NEG & said)
        leaves = _leaves(release, s.code[:3])
        mine = next((t for t in leaves if t[0] == s.code), None)
        if mine is None:
            out.append(s)
            continue
        # To give way, the current code's title must say less of the sentence than the other's.
        # A title the sentence says entirely may also replace one that says as much but not all of it
        # ("unspecified deep veins of right lower extremity" for "right femoral vein").
        best, best_n = None, len(said & (mine[2] | mine[3] | mine[4]))
        tie = _says(mine, said, negated, has_neg) < 0
        # What the code read already claims, kept by a sibling that says it too: its "without" words (K85.90
        # "... without necrosis or infection" for K85.20) and its category's words (K85 "Acute pancreatitis").
        given = mine[4] | (_category_words(release, s.code[:3]) & mine[2])
        for t in leaves:
            if t[0] == s.code or t[0] in taken:
                continue
            n = _says(t, said, negated, has_neg)
            # Or, when this title has a part the sentence does not say ("unspecified deep veins"), a
            # code of its subcategory that the sentence says entirely ("left popliteal vein").
            sibling = tie and n > 0 and t[0][:4] == s.code[:4] and "unspecified" in mine[1].lower()
            if n > best_n or tie and best is None and n == best_n and n > 0 or sibling and best is None:
                best, best_n = t[0], max(n, best_n)
            elif n < 0 and (kept := _says(t, said, negated, has_neg, given)) > best_n:
                best, best_n = t[0], kept  # says more only with what the code read claims: strictly more
        if best is not None and (new := make(release, s, best)) is not None:
            out.append(dataclasses.replace(new, kind=s.kind, query=s.query))
            taken.add(best)
        else:
            out.append(s)
    return out


# I.C.1 / Index "Pneumonia, pneumococcal J13": the organism the sentence names, in the Index's words.
_ORGANISMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(pneumococcal|pneumococcus|strep(?:tococcus)?\.? pneumoniae|s\. pneumoniae)\b", re.I),
     "streptococcus pneumoniae"),
    (re.compile(r"\b(mrsa|methicillin[- ]resistant staph\w*(?: aureus)?)\b", re.I),
     "methicillin resistant staphylococcus aureus"),
    (re.compile(r"\b(mssa|methicillin[- ]su(?:s|sc)ceptible staph\w*(?: aureus)?)\b", re.I),
     "methicillin susceptible staphylococcus aureus"),
    (re.compile(r"\b(pseudomonas|pseudomonal)\b", re.I), "pseudomonas"),
    (re.compile(r"\bklebsiella\b", re.I), "klebsiella pneumoniae"),
    (re.compile(r"\b(h\. ?influenzae|haemophilus influenzae|hemophilus influenzae)\b", re.I),
     "hemophilus influenzae"),
    (re.compile(r"\b(e\. ?coli|escherichia coli)\b", re.I), "escherichia coli"),
    (re.compile(r"\blegionella\b", re.I), "legionnaires"),
    (re.compile(r"\bmycoplasma\b", re.I), "mycoplasma pneumoniae"),
    (re.compile(r"\b(group a strep\w*|streptococcus pyogenes)\b", re.I), "streptococcus group a"),
    (re.compile(r"\b(group b strep\w*|streptococcus agalactiae)\b", re.I), "streptococcus group b"),
)
_NOT_ORGANISM = re.compile(r"\b(negative|no growth|ruled out|not|without|contaminant|colonized)\b", re.I)


def organism_specific(release: Any, index: Any, sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """A code of an "unspecified organism" ("Pneumonia, unspecified organism" J18.9) gives way to the code
    of the organism its own sentence names, as the Index reads "<condition> due to <organism>" (J13 for
    pneumococcal pneumonia), when that code is of the same chapter and a strong match."""
    from workbench.record.combinations import make

    if index is None:
        return sugs
    out = []
    taken = {s.code for s in sugs} | coded
    for s in sugs:
        text = s.evidence.text
        if s.system != "CM" or "unspecified organism" not in s.title.lower() or _NOT_ORGANISM.search(text):
            out.append(s)
            continue
        name = next((n for p, n in _ORGANISMS if p.search(text)), None)
        if name is None:
            out.append(s)
            continue
        condition = _PAREN.sub("", s.title.split(",")[0]).strip().lower()
        hit = next((r for r in index.search(f"{condition} due to {name}", system="CM", billable_only=True,
                                            limit=3, min_score=0.8) if r.code[:1] == s.code[:1]), None)
        if hit is not None and hit.code not in taken and (new := make(release, s, hit.code)) is not None:
            out.append(dataclasses.replace(new, kind=s.kind, query=s.query))
            taken.add(hit.code)
        else:
            out.append(s)
    return out


_BLEEDING = re.compile(r"\b(bleed\w*|hemorrhag\w*|hematemesis|melena|hematochezia|brbpr|coffee[- ]ground)\b",
                       re.I)
_GI_BLEED_CODES = ("K920", "K921", "K922")
_POSITIVE_PERFORATION = re.compile(r"\bwith (?:hemorrhage and |bleeding and )?perforation\b|"
                                   r"\band perforation\b", re.I)


def with_bleeding(release: Any, sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """Index "with hemorrhage / with bleeding" (I.A.15, I.B.9): an ulcer, gastritis or diverticular code
    read "without hemorrhage" when the record states the bleeding (its own sentence, or a GI hemorrhage
    code K92.0-K92.2 coded) gives way to its "with hemorrhage" sibling (K26.9 -> K26.4, K57.30 ->
    K57.31), and the separate K92 code, which that code already says, is left out."""
    from workbench.record.combinations import make

    record_bleeds = any(c.startswith(_GI_BLEED_CODES) for c in coded)
    out: list[Suggestion] = []
    switched = False
    for s in sugs:
        low = s.title.lower()
        if s.system != "CM" or not s.code.startswith("K") or not (
                "without hemorrhage" in low or "without bleeding" in low) or not (
                record_bleeds or _BLEEDING.search(s.evidence.text)):
            out.append(s)
            continue
        text = s.evidence.text.lower()
        mine = set(_title_list(s.title))
        best, best_n = None, -1
        for code, title, *_rest in _leaves(release, s.code[:3]):
            t = title.lower()
            if code == s.code or not ("with hemorrhage" in t or "with bleeding" in t) or (
                    _POSITIVE_PERFORATION.search(t) and "perforat" not in text) or (
                    t.startswith("acute") and "acute" not in text) or ("chronic" in t.split(" or ")[0]
                                                                       and "chronic" not in text
                                                                       and "unspecified" not in t):
                continue
            theirs = set(_title_list(title))
            n = len(mine & theirs) - len(theirs - mine)
            if n > best_n:
                best, best_n = code, n
        if best is not None and best not in coded and (new := make(release, s, best)) is not None:
            out.append(dataclasses.replace(new, kind=s.kind, query=s.query))
            switched = True
        else:
            out.append(s)
    if switched:  # the bleeding the switched code's sentence states is in that code now
        said = {s.evidence.text for s in out if s.system == "CM" and s.code.startswith("K") and not
                s.code.startswith(_GI_BLEED_CODES)}
        out = [s for s in out if not (s.code.startswith(_GI_BLEED_CODES) and s.evidence.text in said)]
    return out
