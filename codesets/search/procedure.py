"""Procedure understanding for code search: a query's words -> the ICD-10-PCS axes they name.

    intent = interpret(("colonoscopy", "with", "biopsy", "of", "sigmoid"))
    intent.words        # ("with", "of", "sigmoid")      the words left for the titles to match
    intent.groups       # {"op": {"0_B": 1.0, ...}, "app": {"____8": 1.0}, "qual": {"______X": 1.0}}
    procedure_scoring.axis_factors(intent, chars)   # a factor per candidate PCS code

A coder names an objective (root operation), a site, an approach and sometimes a device or qualifier;
the titles spell the site, so the words left carry it, while the axes become code patterns (characters
of the code, `_` any): Excision of section 0 is `0_B` whatever the body system (the root operation
letters are the same across section 0, ICD-10-PCS Reference Manual). The vocabulary is
codesets/search/procedure_terms.tsv: phrases, medical suffixes (-ectomy, -otomy, ...) and word roots
(nephr -> kidney). How candidate codes are scored against the axes read here is
codesets/search/procedure_scoring.py; how a query naming two procedures is cut into readings,
codesets/search/procedure_readings.py.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from codesets.search.debridement_depth import deepest_layer
from codesets.search.procedure_conventions import CONVERTED, scope_reach, settle
from codesets.search.procedure_vocab import (
    LEVEL_RE,
    MAX_PHRASE,
    OPERATIONS,
    Entry,
    IndexVocabulary,
    Intent,
    Vocabulary,
    affix,
    best_pattern,
    compound,
    index_objectives,
    inverted,
    qualified_after,
    root_operation,
    singular,
    spine,
    suffix_entry,
    vocabulary,
)

DEVICE_WORDS = frozenset("device substitute lead stent graft mesh tissue filter pacemaker defibrillator "
                         "catheter tube airway implant prosthesis fixation spacer expander stimulator "
                         "generator pump electrode".split())
# A query with these words asks for the state after a procedure or its complication (ICD-10-CM Z and T
# codes: "status post CABG", "pacemaker malfunction"), not for the procedure.
STATE_WORDS = frozenset("status history hx presence malfunction complication complications "
                        "postprocedural dysfunction displacement leakage".split())
# Approaches by character 5 as the titles spell them, like the root operations (OPERATIONS): the reading in
# the titles' words names the objective and approach the query means (ICD-10-PCS tables).
OPERATION_WORDS = frozenset(OPERATIONS.values())
APPROACHES = {"0": ("open",), "3": ("percutaneous",), "4": ("percutaneous", "endoscopic"),
              "7": ("via", "natural", "or", "artificial", "opening"),
              "8": ("via", "natural", "or", "artificial", "opening", "endoscopic"), "X": ("external",)}
_APPROACH_WORDS = frozenset(w for ws in APPROACHES.values() for w in ws)
# A scope's tract is the site of its inspection (0DJD, 0DJ0); an excision or destruction through it is of
# an organ the tract holds, unnamed: the large intestine (0DBE) for a colonoscopy, the stomach (0DB6) for an
# EGD (ICD-10-PCS tables 0DB, 0D5: no "intestinal tract" body part).
SCOPE_ORGANS: dict[tuple[str, ...], tuple[str, ...]] = {
    ("lower", "intestinal", "tract"): ("large", "intestine"), ("upper", "intestinal", "tract"): ("stomach",),
    ("hepatobiliary", "duct"): ("common", "bile", "duct")}  # ERCP's stones and stents: the common bile duct
# Lymph nodes sampled through a scope of a region with no region said are that region's nodes: through the
# mediastinoscope the mediastinal nodes (Body Part Key: mediastinal lymph node, use Lymphatic, Thorax).
SCOPE_NODES: dict[tuple[str, ...], str] = {("mediastinum",): "thorax"}
# A stent put in through a scope whose site names no tube the stent can hold: through the cystoscope it goes
# up a ureter (0T7_8DZ); through the bronchoscope it holds the trachea or a main bronchus open (0B7_8DZ:
# table 0B7 has no Tracheobronchial Tree body part).
STENT_REACH: dict[tuple[str, ...], tuple[str, ...]] = {
    ("bladder",): ("ureter",), ("tracheobronchial", "tree"): ("trachea",)}
# A dilation through an upper endoscopy with no site said stretches the esophagus (a stricture, a ring,
# achalasia: 0D758ZZ), which the scope's own organ, the stomach, rarely needs.
DILATION_REACH: dict[tuple[str, ...], tuple[str, ...]] = {("upper", "intestinal", "tract"): ("esophagus",)}
_NUMBER_WORDS = {"one": 1, "single": 1, "two": 2, "double": 2, "three": 3, "triple": 3, "four": 4,
                 "quadruple": 4, "five": 5, "quintuple": 5}
_COUNT_RE = re.compile(r"^x([1-9])$")
# "no stent placed", "without mesh", "no biopsy": what follows names what was not done or not used, up to
# the next join or a few words, so it names no axis (an op note lists what it did not do).
NEGATORS = frozenset({"no", "without", "not"})
NEGATED_WORDS = 3
_NEGATION_ENDS = frozenset({"with", "and", "plus", "then"})
# Two spinal levels name the joint between them, or its disc when the query is about the disc.
DISC_WORDS = frozenset("disc disk discectomy diskectomy microdiscectomy discs".split())
# "talc via chest tube", "chemotherapy through the central line": what follows names the way in (its site
# words count), not a second objective or the device of this one.
ROUTE_WORDS = frozenset({"via", "through", "thru"})
# A line, PICC or port as the way in is a central vein (the site of the administration tables, 3E04, 3024):
# devices 3 (infusion device), W and X (vascular access devices).
VENOUS_ACCESS = frozenset({"_____3", "_____W", "_____X"})


def _merge(into: dict[str, dict[str, float]], groups: dict[str, dict[str, float]]) -> None:
    for axis, pats in groups.items():
        have = into.setdefault(axis, {})
        for p, w in pats.items():
            have[p] = max(have.get(p, 0.0), w)


def _number(words: Sequence[str], i: int) -> int | None:
    w = words[i]
    if w.isdigit():
        return int(w)
    return _NUMBER_WORDS.get(w)


def _durations(words: Sequence[str], groups: dict[str, dict[str, float]]) -> None:
    """Hours or days of mechanical ventilation -> character 5 of 5A19 (3: < 24 h, 4: 24-96, 5: > 96)."""
    ops = groups.get("op", {})
    if not any(p.startswith(("5A19", "5A09")) for p in ops):
        return
    for i in range(len(words)):
        n = _number(words, i)
        if n is None or i + 1 >= len(words):
            continue
        unit = words[i + 1]
        hours = n * 24 if unit.startswith("day") else n if unit.startswith(("hour", "hr", "h")) else None
        if hours is None:
            continue
        before = words[max(0, i - 2) : i]
        if "greater" in before or "more" in before or "over" in before:
            hours += 1
        if "less" in before or "under" in before:
            hours -= 1
        groups["dur"] = {"____" + ("3" if hours < 24 else "4" if hours <= 96 else "5"): 1.0}
        return


def counted(words: Sequence[str], nouns: tuple[str, ...]) -> int | None:
    """The number before one of `nouns` ("two stents", "3 vessel", "x3"), else None."""
    for i, w in enumerate(words):
        m = _COUNT_RE.match(w)
        if m and "x" in nouns:
            return int(m.group(1))
        if w == "x" and "x" in nouns and i + 1 < len(words) and words[i + 1] in "12345":  # "x 3"
            return int(words[i + 1])
        if w.rstrip("s") in nouns or w in nouns:
            for j in range(i - 1, max(-1, i - 4), -1):
                n = _number(words, j)
                if n:
                    return n
    return None


# A coronary bypass whose graft the query leaves unnamed ("CABG x3", "triple bypass"): a saphenous vein
# from the aorta (021_09W, autologous venous tissue), the commonest graft, first, then the internal mammary
# arteries; every other source still listed (ICD-10-PCS table 021, characters 6 and 7).
_USUAL_GRAFT = {"dev": {"_____9": 1.0, "_____Z": 0.97},
                "qual": {"______W": 1.0, "______9": 0.97, "______8": 0.96}}
_STENTS = {"4": "4567", "D": "DEFG"}  # one to four or more drug-eluting / bare intraluminal devices


def _coronary_counts(typed: Sequence[str], out: Sequence[str], groups: dict[str, dict[str, float]]) -> None:
    """Coronary arteries treated or bypassed (CABG x3, 3 vessel): character 4 of 021 / 027; stents
    placed (two drug-eluting stents): character 6 of 027 (ICD-10-PCS tables 021, 027)."""
    if "coronary" not in out:
        return
    nouns = ("x", "vessel", "artery", "arterie", "arteries", "graft", "bypas", "bypass", "cabg")
    # "triple bypass": read as "cabg x3"; "DES to LAD and diagonal": two arteries by name
    arteries = counted(typed, nouns) or counted(out, nouns) or named_arteries(typed)
    stents = counted(typed, ("stent", "de", "bm"))
    times = _stent_times(typed)
    if times and _arteries_named(typed) <= 1:  # "DES x2 to LAD", "DES x2": two stents, in one artery
        arteries, stents = 1, times
    elif times:  # "DES x2 to LAD and diagonal": two stents in all
        stents = times
    elif not stents and arteries and arteries >= 2:
        # guideline B4.4: "Angioplasty of two distinct coronary arteries with placement of two stents is
        # coded as Dilation of Coronary Artery, Two Arteries with Two Intraluminal Devices": a stent each
        stents = arteries
    groups["count"] = artery_count(arteries) if arteries else dict(UNCOUNTED)
    bypass = root_operation(best_pattern(groups.get("op", {}))) == "1"
    if bypass and "qual" not in groups and "dev" not in groups:
        groups.update({axis: dict(pats) for axis, pats in _USUAL_GRAFT.items()})  # "CABG x3": the usual graft
    if stents:
        count_stents(groups, stents)


def count_stents(groups: dict[str, dict[str, float]], stents: int) -> None:
    """Character 6 of a coronary dilation (027) for `stents` stents of each kind the words may mean
    ("bare metal stents": D counted, not the generic drug-eluting 4); nothing when no stent is read."""
    dev = best_pattern(groups.get("dev", {}))
    if dev and dev[-1] in _STENTS and root_operation(best_pattern(groups.get("op", {}))) == "7":
        counted = {"_____" + _STENTS[p[-1]][min(stents, 4) - 1]: w
                   for p, w in groups["dev"].items() if p[-1] in _STENTS}
        # the one-stent code next ("DES to LAD and RCA" when one artery took no stent is coded apart)
        groups["dev"] = counted | {p: w * 0.97 for p, w in groups["dev"].items()
                                   if p[-1] in _STENTS and p not in counted}


# Coronary arteries by name: each one a distinct artery of the count (guideline B4.4: "LAD and diagonal" is
# two arteries, a branch counting apart from its parent). Two-word names are keyed on their second word.
_ARTERY_NAMES = {"lad": "lad", "descending": "lad", "lcx": "lcx", "circumflex": "lcx", "rca": "rca",
                 "diagonal": "diag", "d1": "diag", "d2": "diag2", "marginal": "om", "om": "om", "om1": "om",
                 "om2": "om2", "pda": "pda", "ramus": "ramus", "plv": "plv"}


UNCOUNTED = {"02_0": 1.0, "02_": 0.95}  # no count said: one artery first, any count still listed


def artery_count(arteries: int) -> dict[str, float]:
    """Character 4 of 021 / 027 for a number of coronary arteries (0-3: one to four or more)."""
    return {"02_" + "0123"[min(arteries, 4) - 1]: 1.0}


def named_arteries(words: Sequence[str]) -> int | None:
    """How many coronary arteries the words name ("DES to LAD and diagonal": 2), None below two (one named
    artery is the default count anyway; "right coronary artery" names its artery by "rca" alone)."""
    names = {_ARTERY_NAMES[w] for w in words if w in _ARTERY_NAMES}
    if any(a == "right" and b == "coronary" for a, b in zip(words, words[1:], strict=False)):
        names.add("rca")  # "right coronary artery", not "right heart cath ... coronary angiography"
    return len(names) if len(names) >= 2 else None


_STENT_WORDS = frozenset({"des", "bms", "stent", "stents"})


def _stent_times(words: Sequence[str]) -> int | None:
    """The count typed right after a stent ("DES x2", "stent x 3"), else None."""
    for i, w in enumerate(words[:-1]):
        if w in _STENT_WORDS:
            m = _COUNT_RE.match(words[i + 1])
            if m:
                return int(m.group(1))
            if words[i + 1] == "x" and i + 2 < len(words) and words[i + 2] in "12345":
                return int(words[i + 2])
    return None


def _arteries_named(words: Sequence[str]) -> int:
    """How many coronary arteries the words name by their abbreviations. With none or one ("DES x2",
    "DES x2 to LAD") a count after the stent is of stents, as a coder writes it (one artery, the count's
    default); with two named ("DES x2 LAD and diagonal") it is the stents of both arteries."""
    return len({_ARTERY_NAMES[w] for w in words if w in _ARTERY_NAMES})


_COUNT_NOUNS = frozenset({"vessel", "vessels"})


def _without_counts(out: Sequence[str]) -> list[str]:
    """The words less the count of arteries ("x3", "x 3", "3 vessels"): read into the code, not the title."""
    keep: list[str] = []
    for n, w in enumerate(out):
        after = out[n + 1 : n + 2]
        if _COUNT_RE.match(w) or w in _COUNT_NOUNS or (w == "x" and after and after[0] in "12345") or (
                (w.isdigit() or w in _NUMBER_WORDS) and n and out[n - 1] == "x"):
            continue
        if (w.isdigit() or w in _NUMBER_WORDS) and after and after[0] in _COUNT_NOUNS:
            continue
        keep.append(w)
    return keep


@dataclass
class _Scan:
    """What the words read so far name (one pass over a query, see `interpret`)."""

    out: list[str] = field(default_factory=list)
    groups: dict[str, dict[str, float]] = field(default_factory=dict)
    weak: dict[str, float] = field(default_factory=dict)
    hint: dict[str, float] = field(default_factory=dict)
    site: tuple[str, ...] = ()
    part: bool = False
    whole: bool = False
    dev_default: dict[str, float] = field(default_factory=dict)
    default_words: frozenset[str] = frozenset()
    said_app: dict[str, float] = field(default_factory=dict)  # the one approach a word names on its own
    app_word: bool = False  # a word names approaches alone ("endoscopic": 8 or 4)

    def add(self, entry: Entry) -> None:
        _merge(self.groups, entry.groups)
        if (set(entry.groups) == {"app"} and entry.words is not None
                and not (entry.weak_ops or entry.hint_ops or entry.site)):
            self.app_word = True
            if len(entry.groups["app"]) == 1:
                # one way in said outright ("lap", "IR"), not the titles' own words an abbreviation spells
                for p, w in entry.groups["app"].items():
                    self.said_app[p] = max(self.said_app.get(p, 0.0), w)
        for src, dst in ((entry.weak_ops, self.weak), (entry.hint_ops, self.hint)):
            for p, w in src.items():
                dst[p] = max(dst.get(p, 0.0), w)
        self.site = self.site or entry.site
        self.part = self.part or entry.part
        self.whole = self.whole or entry.whole
        if entry.dev_default and not self.dev_default:
            self.dev_default, self.default_words = entry.dev_default, frozenset(entry.words or ())


# Words that leave a default device (dev?=) standing: the route and the donor, no substance of their own
# ("transfusion through the PICC": the red cells still; "platelet transfusion": the platelets).
_ROUTE_ONLY = frozenset("peripheral central vein venous percutaneous iv line picc port catheter access "
                        "nonautologous autologous unit units transfusion transfused of via through into to a "
                        "x patient pt was were given received".split())


def _key_term(words: Sequence[str], i: int, state: _Scan, see: IndexVocabulary | None,
              known: Callable[[str], bool] | None = None) -> int:
    """A Body Part Key term at `i` ("greater saphenous vein"), longest first: the words of its PCS
    value in its place ("saphenous vein"); or a Device Key brand no code text has ("Xience stent": the
    drug-eluting intraluminal device); the number of words it took, 0 when none."""
    if see is None:
        return 0
    for k in range(min(MAX_PHRASE, len(words) - i), 0, -1):
        entry = see.keys.get(tuple(words[i : i + k]))
        if entry is not None and entry.words:
            state.out.extend(entry.words)
            return k
    device = see.brands.get(words[i])
    if device and known is not None and not known(words[i]):
        state.out.extend(device)
        return 1
    return 0


def _without_device(words: Sequence[str]) -> list[str]:
    """Title words less a device value ("pleural cavity drainage device" -> "pleural cavity")."""
    return [w for n, w in enumerate(words)
            if w != "device" and not (n + 1 < len(words) and words[n + 1] == "device")]


# A skin graft "from" its donor site "to" the wound: the site coded is the wound's (Replacement of the skin
# grafted; the donor site is not coded separately, ICD-10-PCS guideline B3.9).
_SKIN_GRAFTS = frozenset({"stsg", "ftsg"})
_GRAFT_WORDS = frozenset({"graft", "grafts", "grafting", "autograft"})


def _donor_site(words: Sequence[str]) -> tuple[int, int] | None:
    """The span "from <donor site> to" of a skin graft ("STSG from right thigh to left arm"), else None."""
    if not (_SKIN_GRAFTS & set(words) or ("skin" in words and _GRAFT_WORDS & set(words))):
        return None
    if "from" not in words:
        return None
    a = list(words).index("from")
    b = next((j for j in range(a + 1, min(len(words), a + 6)) if words[j] == "to"), None)
    return (a, b + 1) if b is not None else None


def affirmed(words: Sequence[str]) -> list[str]:
    """The words less the spans a negator opens ("no stent placed", "without mesh"), see NEGATORS, and
    less the guidance before "guided" ("TEE-guided cardioversion", "CT-guided biopsy": the objective is
    the procedure guided, the imaging a code of its own) and a skin graft's donor site (`_donor_site`)."""
    out: list[str] = []
    i, n = 0, len(words)
    g = list(words).index("guided", 1) if "guided" in words[1:] else 0
    if g and (words[g - 1], "guided") not in vocabulary().phrases:  # "CT guided" is percutaneous (vocabulary)
        words, n = [*words[: g - 1], *words[g + 1 :]], n - 2  # the imaging in one word: TEE, fluoroscopy
    donor = _donor_site(words)
    if donor is not None:
        words, n = [*words[: donor[0]], *words[donor[1] :]], n - (donor[1] - donor[0])
    while i < n:
        if words[i] in NEGATORS:
            i += 1
            end = min(n, i + NEGATED_WORDS)
            while i < end and words[i] not in _NEGATION_ENDS:
                i += 1
            continue
        out.append(words[i])
        i += 1
    return out


_PASSIVE = frozenset({"was", "were"})


def done_to(words: Sequence[str]) -> bool:
    """The words say, as an operative note does, that something was done ("the infected hardware was
    removed from the right tibia", "the kidney stone was fragmented with the laser"): "was" or "were"
    and, within the next three words, a word naming an objective. A diagnosis word before it
    ("infected", "stone") says what the procedure acted on, not that the query is a diagnosis."""
    phrases = vocabulary().phrases
    for i, w in enumerate(words):
        if w in _PASSIVE:
            for v in words[i + 1 : i + 4]:
                entry = phrases.get((v,))
                if entry is not None and (entry.groups.get("op") or entry.weak_ops):
                    return True
    return False


def leads_with_objective(words: Sequence[str]) -> bool:
    """The query opens with an objective alone ("removal of infected knee prosthesis", "I&D of infected
    cyst", "thrombectomy of clotted AV graft"): the words after it describe what it acts on, so a
    diagnosis word among them ("infected") does not make the query a diagnosis. Not a phrase that also
    names a device or what the procedure makes ("infected AV fistula" is the fistula's complication)."""
    phrases = vocabulary().phrases
    i = 0
    while i < len(words):
        for k in range(min(MAX_PHRASE, len(words) - i), 0, -1):
            entry = phrases.get(tuple(words[i : i + k]))
            if entry is not None:
                break
        else:
            return False
        if set(entry.groups) == {"app"} and not entry.weak_ops:  # "CT guided drainage of pelvic abscess":
            i += k  # the way in said first, then the objective
            continue
        return bool(entry.groups.get("op")) and set(entry.groups) <= {"op", "app"}
    return False


def _joints(words: Sequence[str], i: int) -> int:
    """The joints between a spinal level at `i` and the level after it ("L3-L5": 2; "L4-5": 1)."""
    first = LEVEL_RE.match(words[i])
    if first is None or i + 1 >= len(words):
        return 1
    second = LEVEL_RE.match(words[i + 1])
    nxt = second.group(2) if second else words[i + 1]
    return max(1, int(nxt) - int(first.group(2))) if nxt.isdigit() else 1


def _second_level(words: Sequence[str], i: int) -> str | None:
    """The region letter of the level after a spinal level at `i` ("L5-S1": s; "L4-5": l), else None."""
    first = LEVEL_RE.match(words[i])
    if first is None or i + 1 >= len(words):
        return None
    second = LEVEL_RE.match(words[i + 1])
    if second:
        return second.group(1)
    nxt = words[i + 1]
    return first.group(1) if nxt.isdigit() and int(first.group(2)) < int(nxt) <= 12 else None


def _longer_abbreviation(words: Sequence[str], i: int, vocab: Vocabulary,
                         abbreviations: Mapping[tuple[str, ...], tuple[str, ...]] | None) -> bool:
    """True when an abbreviation at `i` spans more words than any vocabulary phrase there ("exploratory
    lap" is an exploratory laparotomy, not "exploratory" then "lap" the laparoscopic approach)."""
    if abbreviations is None:
        return False
    span = next((k for k in range(min(4, len(words) - i), 1, -1)
                 if tuple(words[i : i + k]) in abbreviations), 0)
    return span > 0 and not any(tuple(words[i : i + k]) in vocab.phrases
                                for k in range(span, min(MAX_PHRASE, len(words) - i) + 1))


def _plural(key: tuple[str, ...], vocab: Vocabulary) -> Entry | None:
    """The vocabulary phrase of `key` with its last word in the plural ("breast implants", "chest tubes":
    the phrase "breast implant"), else None."""
    last = key[-1]
    if len(last) > 4 and last.endswith("s") and not last.endswith("ss"):
        return vocab.phrases.get((*key[:-1], last[:-1]))
    if len(key) >= 2 and singular(key[0]) != key[0]:  # "stones extraction" (from "extraction of stones")
        return vocab.phrases.get((singular(key[0]), *key[1:]))
    return None


def _scan(words: Sequence[str], vocab: Vocabulary, state: _Scan,
          abbreviations: Mapping[tuple[str, ...], tuple[str, ...]] | None,
          known: Callable[[str], bool] | None = None, see: IndexVocabulary | None = None) -> None:
    """Read `words` left to right: vocabulary phrases (longest first), then Body Part Key terms, then
    clinical abbreviations (their first meaning, read again through the vocabulary), then affixed
    words, whose objective is the one the PCS Index sends them to when it has them as main terms
    (`see`); others are kept."""
    n = len(words)
    i = 0
    while i < n:
        longer = _longer_abbreviation(words, i, vocab, abbreviations)
        turn = 0 if longer else inverted(words, i, vocab)
        if turn:  # Index order: "dialysis, peritoneal", "biopsy, bone marrow"
            words = [*words[:i], *words[i + 1 : i + 1 + turn], words[i], *words[i + 1 + turn :]]
        elif not longer:  # "arterial line, left femoral": the site written after the device
            words = qualified_after(words, i, vocab) or words
        for k in range(min(MAX_PHRASE, n - i), 0, -1):
            key = tuple(words[i : i + k])
            entry = None if longer else vocab.phrases.get(key) or _plural(key, vocab)
            if entry is not None:
                said = words[i : i + k] if entry.words is None else entry.words
                if i and words[i - 1] in ROUTE_WORDS and entry.groups.get("op"):
                    venous = VENOUS_ACCESS & set(entry.groups.get("dev", {}))
                    said = ["central", "vein"] if venous else _without_device(said)
                    drop = ("op", "dev", "app") if venous else ("op", "dev")  # its own insertion's way
                    entry = Entry(entry.words, {a: p for a, p in entry.groups.items() if a not in drop})
                state.out.extend(said)
                state.add(entry)
                i += k
                break
        else:
            k = _key_term(words, i, state, see, known)
            if k:
                i += k
                continue
            level_pair = _second_level(words, i)
            if abbreviations is not None and not level_pair:  # "L5-S1" is a joint, not two vertebrae
                for k in range(min(4, n - i), 0, -1):
                    meanings = abbreviations.get(tuple(words[i : i + k]))
                    if meanings:
                        _scan(meanings[0].split(), vocab, state, None, known, see)
                        i += k
                        break
                else:
                    k = 0
                if k:
                    continue
            level = LEVEL_RE.match(words[i])
            if level:
                pair = _second_level(words, i)
                levels = spine(level.group(1), pair, _joints(words, i) if pair else 1)
                if pair and DISC_WORDS & set(words):  # "discectomy L5-S1": the disc between the two
                    levels = (*levels[:-1], "disc")
                state.out.extend(levels)
                i += 2 if pair else 1
                continue
            found = affix(words[i], vocab, known)
            ref = see.objectives.get((words[i],)) if see is not None else None
            suffixed = found[0] if found else suffix_entry(words[i], vocab)
            if ref is not None and suffixed is not None:
                # the organ the word's roots name, else the body part the Index reference names
                found = (index_objectives(suffixed, ref), found[1] if found else ref.words or ())
            if found is None:
                state.out.extend(compound(words[i], vocab) or (words[i],))
            else:
                state.out.extend(found[1])
                state.add(found[0])
            i += 1


def interpret(words: Sequence[str],
              abbreviations: Mapping[tuple[str, ...], tuple[str, ...]] | None = None,
              known: Callable[[str], bool] | None = None,
              see: IndexVocabulary | None = None) -> Intent | None:
    """The axes the query's words name, or None when they do not name a procedure. `known` says
    which words the code texts hold (a suffixed word with an unlisted root reads as that root);
    `see` what the PCS Index says of words (procedure_vocab.index_vocabulary)."""
    state = read(words, abbreviations, known, see)
    return None if state is None else intent_of(words, state)


def read(words: Sequence[str],
          abbreviations: Mapping[tuple[str, ...], tuple[str, ...]] | None = None,
          known: Callable[[str], bool] | None = None,
          see: IndexVocabulary | None = None) -> _Scan | None:
    """One pass over the words (`_scan`); None when they describe a state, not a procedure. `interpret`
    and `approach_only` both start from it."""
    if STATE_WORDS.intersection(words):
        return None
    state = _Scan()
    _scan(_level_ranges(affirmed(words)), vocabulary(), state, abbreviations, known, see)
    return state


_RANGE_WORDS = frozenset("to through thru".split())


def _level_ranges(words: list[str]) -> list[str]:
    """"L3 to L5", "T10 through T12": the range word dropped, so the two levels read as "L3-L5" does (two
    joints: 0SG1, 2 or more lumbar vertebral joints)."""
    keep = [w for n, w in enumerate(words)
            if not (w in _RANGE_WORDS and 0 < n < len(words) - 1 and LEVEL_RE.match(words[n - 1])
                    and (LEVEL_RE.match(words[n + 1]) or words[n + 1].isdigit()))]
    return keep if len(keep) < len(words) else words


# The words of a device's name in the titles ("Synthetic Substitute") and of the objectives name no site.
_NAMES_NO_SITE = DEVICE_WORDS | OPERATION_WORDS | frozenset(
    "synthetic autologous nonautologous zooplastic intraluminal extraluminal drug eluting internal external "
    "intramedullary balloon basket".split())  # the tool of an extraction or dilation, no site either


def names_objective(state: _Scan) -> bool:
    """True when `intent_of` reads an intent from the pass (an objective named, or a scope's default
    one); it is None exactly when this is False."""
    return bool(state.groups.get("op")) or bool(state.weak)


def intent_of(words: Sequence[str], state: _Scan) -> Intent | None:
    """`interpret` from the pass over the words. Returns None before it changes `state`, so that
    `approach_of` can read the same pass."""
    groups, out = state.groups, state.out
    strong = bool(groups.get("op"))
    if not names_objective(state):
        return None
    if not groups.get("op"):
        groups["op"] = dict(state.hint or state.weak)
    if all(p[:1] == "3" for p in groups["op"]) and "for" in out:
        # a substance given for a condition ("tPA for massive PE"): the body part of an administration is
        # the route it is given by, never the organ of the reason
        out = _without_reason(out)
    named = _before_reason(out)  # "EGD for melena": the reason names no site of the procedure
    if state.site and not strong and not names_site(_before_extent(named)):  # "colonoscopy to the cecum"
        out = _before_extent(out)
        out.extend(state.site)
    elif state.site and not names_site([w for w in named if w not in _NAMES_NO_SITE]):
        # another objective through the scope: the organ it reaches; a device named is no site ("hernia
        # repair with mesh": the inguinal region)
        reach = scope_reach(words) if strong else None
        if strong and "_____D" in groups.get("dev", {}) and state.site in STENT_REACH:
            reach = STENT_REACH[state.site]  # the stent's tube, which the scope's own site is not
        elif strong and root_operation(best_pattern(groups["op"])) == "7" and state.site in DILATION_REACH:
            reach = DILATION_REACH[state.site]  # "EGD with dilation": the esophagus stretched
        out.extend(reach or (SCOPE_ORGANS.get(state.site, state.site) if strong else state.site))
    if state.site in SCOPE_NODES and "lymphatic" in out and SCOPE_NODES[state.site] not in out:
        out.insert(out.index("lymphatic"), SCOPE_NODES[state.site])
    ops = groups["op"]
    for p in [p for p in ops if p[1:2] == "_" and len(p) == 3]:
        # an objective named for a body system ("arthrotomy": Drainage of the joints, 0R9 and 0S9) before the
        # same objective said of any site ("I&D")
        if any(q[:1] == p[:1] and q[1:2] != "_" and q[2:] == p[2:] and w >= ops[p] for q, w in ops.items()):
            ops[p] = min(ops[p], SYSTEM_NAMED_OTHERS)
    if state.said_app and groups.get("app", {}).keys() - state.said_app.keys() and not CONVERTED & set(words):
        # an approach typed on its own ("laparoscopic PD catheter", "IR port") beats the one a procedure's
        # phrase assumes when silent (a PD catheter through a needle, a port through an open pocket)
        groups["app"] = dict(state.said_app)
    out = settle(words, affirmed(words), groups, out)
    out = deepest_layer(words, groups, out)  # "excisional debridement ... to bone": that bone
    if state.part or state.whole:
        # Resection or Excision said of any site ("0_T") or of the table the Index names ("partial
        # glossectomy": Glossectomy see Excision, Tongue 0CB7 / Resection 0CT7): a part removed is the
        # Excision (guideline B3.8), the whole body part the Resection
        cut = {letter: [p for p in ops if root_operation(p) == letter] for letter in "TB"}
        if cut["T"] and cut["B"]:
            first, then = ("B", "T") if state.part else ("T", "B")
            ops.update({p: 1.0 for p in cut[first]})
            ops.update({p: 0.85 for p in cut[then]})
    if any(p[:1] == "B" for p in ops) and any(p[:1] == "0" for p in ops):
        # imaging in the same session ("cystoscopy, retrograde pyelogram, stent") is not the definitive
        # procedure: the surgical objective first
        for p in ops:
            if p[:1] == "B":
                ops[p] *= 0.9
    out = _exchanged(words, groups, out)
    out = _nailed_shaft(groups, out)
    out = _graft_inflow(words, groups, out)
    _durations(words, groups)
    if any(p[:1] == "0" for p in groups["op"]):
        _coronary_counts(words, out, groups)
        if "count" in groups:  # "CABG x3", "3 vessel": the count is character 4, no title word
            out = _without_counts(out)
    out = _title_words(out, groups)
    if state.dev_default and "dev" not in groups and all(
            w in state.default_words or w in _ROUTE_ONLY or w.isdigit() for w in words):
        groups["dev"] = dict(state.dev_default)  # "transfusion" alone: red blood cells
    words_set = set(out)
    devices = {w for n, w in enumerate(out)  # "subcutaneous tissue" is a site, not a tissue substitute
               if w in DEVICE_WORDS and not (w == "tissue" and "subcutaneous" in out[:n])
               and w != "device"}  # "Insertion of device in" (the Index's wording) names no device
    plain_device = "dev" not in groups and not devices
    if plain_device and "with" in out and _joins_procedure(words):
        # in a PCS title "with" introduces the device ("... with Drainage Device"); joining a second
        # procedure ("FESS with maxillary antrostomy") it names none, and would match one on the word alone
        out = [w for w in out if w != "with"]
    diagnostic = "diagnostic" in words_set or any(p.endswith("X") for p in groups.get("qual", {}))
    contrast = "contrast" in words_set or any(w.endswith("osmolar") for w in words_set)
    return Intent(tuple(out), groups, plain_device, diagnostic, contrast, strong)


def _joins_procedure(words: Sequence[str]) -> bool:
    """A word after "with" is a procedure by its suffix ("with maxillary antrostomy")."""
    after = words[words.index("with") + 1 :] if "with" in words else []
    return any(w.endswith(s) or (s[-1] == "y" and w.endswith(s[:-1] + "ies"))  # "antrostomies"
               for w in after for s in vocabulary().suffixes)


# ICD-10-PCS Index, "Revision": correcting a portion of an existing device is Revision; "Replacement of
# existing device: see Removal of device from; see Root operation to place new device, e.g., Insertion,
# Replacement, Supplement". A prosthesis whose components are exchanged is its Replacement (and the
# Removal of the old one), a liner exchanged is the Supplement with a new liner (and the old one's Removal).
EXCHANGE_WORDS = frozenset("exchange exchanged exchanging replaced swapped".split())
COMPONENT_WORDS = frozenset("component components prosthesis prostheses implants".split())
LINER_WORDS = frozenset("liner poly polyethylene insert".split())  # the tibial insert is the liner
_SURFACES = frozenset("femoral tibial acetabular patellar".split())


def _exchanged(words: Sequence[str], groups: dict[str, dict[str, float]], out: list[str]) -> list[str]:
    """The objectives of a device exchange in a joint (see EXCHANGE_WORDS): Replacement or Supplement first,
    Removal next, Revision and Change below."""
    typed = set(words)
    if not EXCHANGE_WORDS & typed:
        return out
    ops = groups["op"]
    drop = {"revision", "change"}
    if LINER_WORDS & typed:
        first, dev = "0_U", {"_____9": 1.0}
        drop |= {"synthetic", "substitute", "poly", "polyethylene"}
        out = out if "liner" in out else [*out, "liner"]
    elif COMPONENT_WORDS & typed and "_____J" in groups.get("dev", {}):
        first, dev = "0_R", groups["dev"]
        if len(_SURFACES & typed) > 1:  # "femoral and tibial components": the whole joint, no one surface
            drop |= _SURFACES
    else:
        return out
    for p in [p for p in ops if root_operation(p) in ("W", "2")]:
        ops[p] = min(ops[p], 0.7)
    ops[first], ops["0_P"] = 1.0, 0.95
    groups["dev"] = dev
    return [w for w in out if w not in drop]


# An intramedullary nail of the femur or humerus goes down the shaft (Femoral Shaft 0QS8/0QS9, Humeral Shaft
# 0PSF/0PSG); the upper or lower end is said when meant ("cephalomedullary nail": the upper femur).
_SHAFTS = {"femur": ("femoral", "shaft"), "humerus": ("humeral", "shaft")}
_BONE_ENDS = frozenset("upper lower proximal distal neck head intertrochanteric subtrochanteric "
                       "supracondylar condyle trochanteric".split())


def _nailed_shaft(groups: dict[str, dict[str, float]], out: list[str]) -> list[str]:
    if groups.get("dev", {}).get("_____6", 0.0) < 1.0 or _BONE_ENDS & set(out):
        return out
    return [v for w in out for v in _SHAFTS.get(w, (w,))]


# An arm AV graft made with no inflow artery named runs from the brachial artery (to an upper arm vein, or
# looped to a lower arm vein: 03170JD / 03170JF), the usual dialysis graft; a forearm graft or an artery
# named keeps what was said, and a graft declotted (Extirpation) keeps the upper artery (03CY).
_ARM_ARTERIES = frozenset("brachial radial ulnar axillary subclavian innominate".split())
_FOREARM = frozenset("forearm loop lower wrist".split())


def _graft_inflow(words: Sequence[str], groups: dict[str, dict[str, float]], out: list[str]) -> list[str]:
    if ("_____J" not in groups.get("dev", {}) or "qual" in groups
            or root_operation(best_pattern(groups.get("op", {}))) != "1"
            or (_ARM_ARTERIES | _FOREARM) & set(words)):
        return out
    at = next((n for n in range(len(out) - 1) if out[n] == "upper" and out[n + 1] == "artery"), None)
    if at is None:
        return out
    groups["qual"] = {"______D": 1.0, "______F": 0.9}
    return [*out[:at], "brachial", "artery", "upper", "arm", "vein", *out[at + 2:]]


def approach_only(words: Sequence[str],
                  abbreviations: Mapping[tuple[str, ...], tuple[str, ...]] | None = None,
                  known: Callable[[str], bool] | None = None,
                  see: IndexVocabulary | None = None) -> Intent | None:
    """The approach a query names when it names no objective ("arthroscopic", "lap"), as an intent
    with no root operation: the codes of that approach first, and the unstated axes their plain
    choice (no diagnostic qualifier unless biopsy or diagnostic is said); None when no approach."""
    state = read(words, abbreviations, known, see)
    return None if state is None else approach_of(state)


def approach_of(state: _Scan) -> Intent | None:
    """`approach_only` from the pass over the words."""
    apps = state.groups.get("app")
    if not apps or state.groups.get("op") or state.weak:
        return None
    said = set(state.out)
    devices = said & DEVICE_WORDS
    diagnostic = "diagnostic" in said or any(p.endswith("X") for p in state.groups.get("qual", {}))
    return Intent(tuple(state.out), {**state.groups, "op": {}}, "dev" not in state.groups and not devices,
                  diagnostic)


def _approach_words(apps: dict[str, float]) -> list[str]:
    """Words every likely approach shares ("endoscopic" for 8 or 4), in title order."""
    likely = [p for p, w in apps.items() if w >= 0.9]
    sets = [APPROACHES.get(p[-1], ()) for p in likely]
    if not sets:
        return []
    return [w for w in sets[0] if all(w in other for other in sets[1:])]


def _title_words(out: list[str], groups: dict[str, dict[str, float]]) -> list[str]:
    """The words with the objective and approach of the query spelled once, as the titles spell them."""
    op = best_pattern(groups.get("op", {}))
    apps = groups.get("app", {})
    words = [w for w in out if w not in OPERATION_WORDS and (not apps or w not in _APPROACH_WORDS)]
    letter = root_operation(op)
    head = [OPERATIONS[letter]] if letter else []
    tail = _approach_words(apps) if op and op[:1] in "0X" else []
    if not letter:  # other sections: their own words ("transfusion") stay
        words = [w for w in out if not apps or w not in _APPROACH_WORDS]
        tail = _approach_words(apps) if op and op[:1] in "3" else []
    return head + words + tail


NOT_SITE = frozenset("with of and the a an in on to for by at from via or right left bilateral "
                      "percutaneous endoscopic open external approach natural artificial opening diagnostic "
                      "therapeutic exploratory procedure surgery flexible rigid normal screening routine "
                      "complete only".split()
                     # a note's words around the procedure: no site ("EGD done", "bedside paracentesis")
                     + "performed done completed successfully successful underwent uneventful uneventfully "
                       "today yesterday bedside emergent emergently urgent urgently elective was were "
                       "tolerated given administered infused retained orthopedic symptomatic painful "
                       "prominent".split()
                     # the substance given names no site of its own ("tPA": a peripheral vein unless said)
                     + ["thrombolytic"]
                     # how a shock or pulse was given: its timing and energy ("synchronized
                     # cardioversion 200 joules", "biphasic defibrillation 150 J")
                     + "synchronized synchronised unsynchronized biphasic monophasic joules joule j "
                       "shock shocks attempt attempts x1 x2 x3".split())


# The share an objective said of any site keeps when the same objective is named for a body system.
SYSTEM_NAMED_OTHERS = 0.95


def _before_reason(words: Sequence[str]) -> list[str]:
    """The words before the reason "for ..." that follows a procedure ("EGD for melena", "DCCV for atrial
    flutter"): a diagnosis, so it names no site of the procedure's own (a scope's tract is still its site)."""
    return list(words[: words.index("for")]) if "for" in words else list(words)


# Words that name the way a substance goes in, ending the reason before them ("tPA for stroke,
# peripheral IV").
ROUTE_NAMES = frozenset("peripheral central iv intravenous vein venous via through into line picc port "
                        "catheter".split())


def _without_reason(words: Sequence[str]) -> list[str]:
    """The words less the reason "for ..." up to a word naming the route ("tPA infusion for stroke
    peripheral IV": "tPA infusion peripheral IV")."""
    if "for" not in words:
        return list(words)
    k = words.index("for")
    end = next((n for n in range(k + 1, len(words)) if words[n] in ROUTE_NAMES), len(words))
    return [*words[:k], *words[end:]]


def _before_extent(words: Sequence[str]) -> list[str]:
    """The words before "to": what follows says how far a scope went (inspection of the whole tract)."""
    return list(words[: words.index("to")]) if "to" in words else list(words)


def names_site(words: Sequence[str]) -> bool:
    return any(w not in NOT_SITE and not w.isdigit() for w in words)
