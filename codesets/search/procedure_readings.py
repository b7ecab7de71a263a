"""A query's readings as procedures: one procedure, or two named in one line ("lumpectomy with sentinel
node biopsy", "intubation and mechanical ventilation 36 hours", "CABG x2: LIMA to LAD, SVG to RCA"), each
scored as a PCS code of its own, the definitive one first.

    intents, variants = readings(variants, words, abbreviations, keep, see, known)

What one procedure's words name (root operation, site, approach, device, qualifier) is
codesets/search/procedure.py; this module cuts the query into procedures and orders them.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import NamedTuple

from codesets.search.procedure import (
    DEVICE_WORDS,
    EXCHANGE_WORDS,
    NOT_SITE,
    OPERATION_WORDS,
    UNCOUNTED,
    _approach_words,
    _Scan,
    affirmed,
    approach_of,
    artery_count,
    count_stents,
    counted,
    intent_of,
    interpret,
    named_arteries,
    names_objective,
    names_site,
    read,
)
from codesets.search.procedure_vocab import (
    MAX_PHRASE,
    Entry,
    IndexVocabulary,
    Intent,
    Vocabulary,
    best_pattern,
    root_operation,
    suffix_entry,
    vocabulary,
)
from codesets.search.rank import Variant

NOTE = "read as: "
# The intent of a search with no PCS code to score (`readings`, pcs False) that names a procedure: its
# axes would only weigh PCS codes, so none is read (intent_of's work skipped), only that one is named.
NAMED = Intent((), {}, True, False)
SECOND_FACTOR = 0.97  # the second of two procedures named, after the definitive one
LOOK_FACTOR = 0.82  # ... when the second is the look (imaging, a catheterization's measurements) it followed
# ... when the second is the old device's Removal beside its replacement: the new device's codes first, all
# of them scored above the Removal's (whose short title matches the query's words more fully), which is
# placed second
REMOVAL_FACTOR = 0.9
SECOND_FACTORS = frozenset({SECOND_FACTOR, LOOK_FACTOR, REMOVAL_FACTOR})


_JOINS = frozenset({"with", "and", "plus", "then", "followed"})


Phrases = Mapping[tuple[str, ...], tuple[str, ...]]


def _segments(words: Sequence[str], abbreviations: Phrases) -> list[Sequence[str]]:
    """The query cut where "with" / "and" join two parts, never inside a phrase ("incision and
    drainage", "dilation and curettage"), and where a phrase naming another objective follows one that
    named its own with no joining word ("ERCP sphincterotomy stone extraction"; "EGD, biopsy, dilation of
    esophagus" once its commas are gone)."""
    vocab = vocabulary()
    phrases = vocab.phrases
    out: list[Sequence[str]] = []
    start = i = 0
    objective: str | None = None  # the objective a phrase since `start` names
    named: _Named | None = None  # the first objective, outright or a scope's default, said since `start`
    while i < len(words):
        span = next((k for k in range(min(MAX_PHRASE, len(words) - i), 1, -1)
                     if tuple(words[i : i + k]) in phrases or tuple(words[i : i + k]) in abbreviations), 1)
        if span == 1 and words[i] in _JOINS and i > start and not _paired(words, i) \
                and not _revision_by_exchange(words, start, i):
            out.append(words[start:i])
            start = i + 1
            objective = named = None
        else:
            phrase = tuple(words[i : i + span])
            entry = _phrase_entry(phrase, vocab, abbreviations)
            op = best_pattern(entry.groups.get("op", {})) if entry is not None and entry.words else None
            said = _objective_said(entry)
            if i > start and ((op and op[:1] == "0" and op == objective)
                              or _starts_another(words, i, phrase, entry, said, named)):
                # "TAH BSO", "TAH/BSO": the same surgical objective on two sites side by side, two procedures;
                # objectives of their own side by side: as many procedures as if "with" joined them. The
                # words after a scope's name say the next one's site ("colonoscopy, cecal biopsy")
                cut = named.end if named is not None and named.scope and named.end > start else i
                out.append(words[start:cut])
                start = cut
                objective = named = None
            objective = objective or op
            if named is None and said:
                named = _Named(said, i + span, bool(DEVICE_WORDS & set(phrase)) or words[i] in _HEADS,
                               entry is not None and not entry.groups.get("op"))
        i += span
    out.append(words[start:])
    return [seg for seg in out if seg]


# The surfaces of one joint prosthesis said together ("femoral and tibial components", "acetabular and
# femoral components exchanged"): one procedure on the whole joint, not two.
_SURFACES = frozenset("femoral tibial acetabular patellar".split())


def _paired(words: Sequence[str], i: int) -> bool:
    """The "and" at `i` joins two surfaces of one joint, not two procedures."""
    return 0 < i < len(words) - 1 and words[i - 1] in _SURFACES and words[i + 1] in _SURFACES


def _old_device_removed(words: Sequence[str], main: Intent) -> Intent | None:
    """A device exchanged in a joint (procedure._exchanged: the new one's Replacement or Supplement first,
    Removal next) is two codes: the Removal of the old device read as a second procedure, so it is offered
    beside the new one's codes, not below their every variant."""
    ops = main.groups.get("op", {})
    if not EXCHANGE_WORDS & set(words) or "0_P" not in ops or not any(
            p in ("0_R", "0_U") and w >= 1.0 for p, w in ops.items()):
        return None
    words_out = ("removal", *(w for w in main.words if w not in OPERATION_WORDS))
    return replace(main, words=words_out, groups={**main.groups, "op": {"0_P": 1.0}})


def _revision_by_exchange(words: Sequence[str], start: int, i: int) -> bool:
    """The join at `i` says how the revision before it was done ("THA revision with exchange of both
    components": one Replacement and Removal, procedure._exchanged), not a second procedure."""
    return i + 1 < len(words) and words[i + 1] in EXCHANGE_WORDS and bool(
        {"revision", "revised"} & set(words[start:i]))


class _Named(NamedTuple):
    objective: str  # its pattern, "X" added when diagnostic
    end: int  # where the phrase naming it ends
    governs: bool  # a device, or a word such as "removal": what follows says what was done to it
    scope: bool  # a scope's default objective only ("colonoscopy"): it names no site of its own


def _phrase_entry(phrase: tuple[str, ...], vocab: Vocabulary, abbreviations: Phrases) -> Entry | None:
    """The vocabulary entry of a phrase (or of its singular), of the phrase an abbreviation stands for
    ("ex lap": exploratory laparotomy) or of the procedure suffix a single word ends with."""
    entry = vocab.phrases.get(phrase)
    if entry is None and phrase in abbreviations:
        meaning = abbreviations[phrase][0].split()
        entry = vocab.phrases.get(tuple(meaning))
        state = read(meaning) if entry is None else None  # "PCI": the objective its meaning names
        if state is not None and (state.groups.get("op") or state.weak):
            said = {k: v for k, v in state.groups.items() if k in ("op", "qual")}  # (its device: its own)
            entry = Entry((), said, state.weak)
    last = phrase[-1]
    if entry is None and len(last) > 4 and last.endswith("s") and not last.endswith("ss"):  # "biopsies"
        singular = last[:-3] + "y" if last.endswith("ies") else last[:-1]
        entry = vocab.phrases.get((*phrase[:-1], singular))
    if entry is None and len(phrase) == 1:
        entry = suffix_entry(phrase[0], vocab)
    return entry


def _objective_said(entry: Entry | None) -> str | None:
    """The objective an entry names outright or by a scope's default, "X" added for a biopsy (another
    procedure than an excision beside it: "biopsy, polypectomy")."""
    if entry is None:
        return None
    said = best_pattern(entry.groups.get("op") or entry.weak_ops)
    return said + "X" if said and "______X" in entry.groups.get("qual", {}) else said


def _starts_another(words: Sequence[str], i: int, phrase: tuple[str, ...], entry: Entry | None,
                    said: str | None, named: _Named | None) -> bool:
    """The phrase at `i` names a procedure of its own after the objective `named`, no joining word between."""
    if not said or named is None or not _another(said, named.objective) or named.governs:
        return False
    if named.objective[:1] == "3" or _MEANS & set(words[named.end : i]):
        return False
    return not (words[i] in _HEADS or words[i] in _ACCESS or DEVICE_WORDS & set(phrase))


# A word that makes the next objective the means, reason or time of the one before ("trach for prolonged
# ventilation", "tube feeds via NG tube", "repaired after delivery"): one procedure, not two. Nor is the
# line or tube an administration (section 3) goes through a procedure of its own ("platelet transfusion
# central line").
_MEANS = frozenset("for via through thru after during into by from to in on using under".split())


# Words that say an objective only of what they are said with ("colostomy creation", "Lichtenstein repair",
# "hysterotomy closure", "removal of ureteral stent", "revision of total knee replacement"): never a
# procedure of their own beside it. A device named next to an objective is its device ("cysto, stent").
_HEADS = frozenset("creation create created closure closed repair repaired placement placed insertion "
                   "inserted exchange exchanged change changed revision revised removal removed "
                   "reconstruction".split())
# The incision that opens the way to the site named after the procedure ("LTCS, two-layer hysterotomy
# closure"): a step of that procedure, not coded apart (guideline B3.1b).
_ACCESS = frozenset("hysterotomy laparotomy celiotomy thoracotomy sternotomy craniotomy arthrotomy".split())


def _another(op: str, objective: str) -> bool:
    """A phrase naming `op` after one naming `objective` starts another procedure: the two name
    different root operations (or sections) or one is diagnostic (a trailing X), not one objective said of
    a body system and of a table."""
    if op[:1] != objective[:1]:
        return True
    a, b = root_operation(op[:3]), root_operation(objective[:3])
    return a is not None and b is not None and (a != b or op[3:] != objective[3:])


_DEVICE_ONLY = DEVICE_WORDS | frozenset(
    "synthetic autologous nonautologous zooplastic drug eluting intraluminal venous arterial one two three "
    "four".split())


def _second(first: Intent, other: Intent) -> bool:
    """`other` is a procedure of its own: another objective or qualifier, or the same objective named again
    on a site of its own ("tonsillectomy and adenoidectomy": each body part coded, guideline B3.2a)."""
    a, b = best_pattern(first.groups["op"]), best_pattern(other.groups["op"])
    if a and b and {a[:3], b[:3]} == {"10D", "10E"}:
        return False  # "vacuum extraction delivery": the extraction is the delivery (10E0XZZ is coded alone)
    if a and b and a != b and a[:1] == b[:1] == "0" and root_operation(a) == root_operation(b) and (
            "_" in (a[1:2], b[1:2])):
        return False  # the objective said of a body system and of a site ("arthrotomy and I&D right knee")
    same = (best_pattern(other.groups["op"]) == best_pattern(first.groups["op"])
            and best_pattern(other.groups.get("qual", {})) == best_pattern(first.groups.get("qual", {})))
    if same and not (first.strong and other.strong and _own_objective(first) and _own_objective(other)
                     and not set(_sites(first)) & set(_sites(other))):
        return False
    if b and _diagnostic(first) != _diagnostic(other) and root_operation(a) and root_operation(b) and (
            set(_sites(first)) == set(_sites(other))):
        return True  # "EGD, biopsy, dilation of esophagus": a biopsy beside the therapeutic one, one site
    return any(w not in NOT_SITE and w not in _DEVICE_ONLY and w not in OPERATION_WORDS
               and w not in first.words for w in other.words)


_ARTERIAL_SOURCES = frozenset({"lima", "rima"})


def _grafts(words: Sequence[str], main: Intent, abbreviations: Mapping[tuple[str, ...], tuple[str, ...]],
            known: Callable[[str], bool] | None, see: IndexVocabulary | None) -> list[Intent] | None:
    """A coronary bypass naming an internal mammary graft and vein grafts ("CABG x3: LIMA to LAD, SVG to
    OM and PDA"): two readings, one per source, each with its own count of arteries (table 021: the
    source is the qualifier, so LIMA-LAD is 02100Z9 and two vein grafts from the aorta 021109W). Each
    internal mammary graft bypasses one artery; the vein grafts the rest of the count. None otherwise."""
    if best_pattern(main.groups.get("op", {})) != "0_1" or "coronary" not in main.words:
        return None
    src = [i for i, w in enumerate(words) if w in _ARTERIAL_SOURCES or w == "svg"]
    kinds = {words[i] == "svg" for i in src}
    if kinds != {True, False}:
        return None
    cut = next(i for i in src if (words[i] == "svg") != (words[src[0]] == "svg"))
    arterial = sum(1 for i in src if words[i] in _ARTERIAL_SOURCES)
    total = counted(words, ("x", "vessel", "artery", "arterie", "arteries", "graft", "bypas", "cabg"))
    out = []
    for part in (words[src[0] : cut], words[cut:]):
        n = arterial if part[0] in _ARTERIAL_SOURCES else (total - arterial if total else 0)
        if n < 1 and part[0] not in _ARTERIAL_SOURCES and total:
            return None
        x = interpret(["cabg", *([f"x{n}"] if n > 1 else []), *part], abbreviations, known, see)
        if x is None:
            return None
        out.append(x)
    return out


Parts = list[tuple[Sequence[str], Intent | None]]  # each segment of the query and its reading


def _devices_joined(parts: Parts) -> Parts:
    """The readings of the segments, a segment that names only a device of the same objective as the
    one before joined to it ("PCI to RCA with DES": the stent is the PCI's device, not a third
    procedure); a device with an objective of its own stays apart ("pyelogram and stent")."""
    out: list[tuple[Sequence[str], Intent | None]] = []
    for seg, x in parts:
        before = out[-1][1] if out else None
        if (x is not None and before is not None and "dev" in x.groups
                and not set(_sites(x)) - set(_sites(before))  # ("PCI, DES x1 to LAD": the same artery)
                and best_pattern(x.groups["op"]) == best_pattern(before.groups["op"])):
            groups = {**before.groups, "dev": x.groups["dev"]}
            out[-1] = ([*out[-1][0], *seg], replace(before, groups=groups, plain_device=False))
            continue
        out.append((seg, x))
    return out


def _counted(groups: dict[str, dict[str, float]], arteries: int) -> dict[str, dict[str, float]]:
    """A part's axes with the arteries named across the query counted, and a stent in each (B4.4)."""
    out = {**groups, "count": artery_count(arteries)}
    if "dev" in out:
        out["dev"] = dict(out["dev"])
        count_stents(out, arteries)
    return out


def _scope_first(segments: Sequence[Sequence[str]], abbreviations: Phrases,
                 known: Callable[[str], bool] | None, see: IndexVocabulary | None) -> Sequence[str]:
    """The first segment when it is an ERCP alone ("ERCP with sphincterotomy and stone extraction"): the
    later parts are done through it, so each is read with it (a stone taken out at ERCP is of the common
    bile duct, procedure.SCOPE_ORGANS, while the sphincterotomy names the ampulla); else nothing. A scope
    of one tract (colonoscopy, EGD) gives its organ to a part naming none in the whole query's reading."""
    if len(segments) < 2:
        return ()
    for k in range(len(segments[0]), 0, -1):  # "ERCP, biliary sphincterotomy and ...": the scope said first
        state = read(segments[0][:k], abbreviations, known, see)
        if state is not None and state.site == _TWO_ORGAN_SCOPE and not state.groups.get("op"):
            return segments[0][:k]
    return ()


_TWO_ORGAN_SCOPE = ("hepatobiliary", "duct")


_HEART_SIDES = frozenset({"left", "right", "bilateral"})


def _catheterization_sided(intents: list[Intent]) -> list[Intent]:
    """A heart catheterization that names no side takes the side of the look done with it ("cardiac cath
    with LV gram": the left heart, 4A023N7, as the ventriculogram B215 is of the left heart; "cardiac cath
    with coronary angiography": the left heart too)."""
    cath = next((n for n, x in enumerate(intents)
                 if (best_pattern(x.groups.get("op", {})) or "").startswith("4A02")), None)
    if cath is None or _HEART_SIDES & set(intents[cath].words):
        return intents
    other = intents[1 - cath].words
    side = next((w for w, nxt in zip(other, other[1:], strict=False) if w in _HEART_SIDES and nxt == "heart"),
                None)
    if side is None and "coronary" in other and (
            best_pattern(intents[1 - cath].groups.get("op", {})) or "").startswith("B21"):
        side = "left"  # the coronary arteries and grafts are reached from the aortic root: a left heart cath
    if side is None:
        return intents
    out = list(intents)
    out[cath] = replace(intents[cath], words=(*intents[cath].words, side, "heart"))
    return out


def _sited(parts: Parts, abbreviations: Phrases, known: Callable[[str], bool] | None,
           see: IndexVocabulary | None) -> Parts:
    """A procedure naming no site read on the site of the next (or else the last) one that names one
    ("EGD, biopsy, dilation of esophagus": the biopsy is of the esophagus too)."""
    strong = [n for n, (_seg, x) in enumerate(parts) if x is not None and x.strong]
    if len(strong) < 2:
        return parts
    # the site words typed (a phrase's own site, "sphincterotomy": the ampulla, is lent to no other)
    sites = {n: [w for w in _sites(x) if _typed(w, seg)] if not _imaging(x) else []  # (a look lends none)
             for n, (seg, x) in enumerate(parts) if n in strong and x is not None}
    out = list(parts)
    for n in strong:
        seg, x = parts[n]
        assert x is not None
        if _sites(x) or not _approach_fifth(x):  # (an administration such as a transfusion names a route)
            continue
        donor = next((sites[k] for k in [*(k for k in strong if k > n), *(k for k in strong[::-1] if k < n)]
                      if sites[k]), None)
        if donor is None:
            continue
        y = interpret([*seg, *donor], abbreviations, known, see)
        if y is not None and y.strong and best_pattern(y.groups["op"]) == best_pattern(x.groups["op"]):
            device = {"dev": x.groups["dev"]} if "dev" in x.groups else {}  # ("PCI to RCA with DES")
            out[n] = (seg, replace(y, groups={**y.groups, **device}))
    return out


def _typed(word: str, typed: Sequence[str]) -> bool:
    """A title word said in the typed words, or the start of one ("esophagus": "esophageal"; not of a
    procedure's name: "sphincterotomy" says no sphincter of its own)."""
    return word in typed or len(word) > 5 and any(t.startswith(word[:5]) and not t.endswith(_NAMES_SUFFIXES)
                                                  for t in typed)


def _diagnostic(x: Intent) -> bool:
    return x.diagnostic or "______X" in x.groups.get("qual", {})


def _definitive_first(intents: list[Intent]) -> list[Intent]:
    """The procedures in the order a coder lists them: the therapeutic one before a biopsy (diagnostic),
    a biopsy before an inspection, looks (imaging, measurement) last when two are named, otherwise as
    named."""
    looks = sum(map(_imaging, intents))
    def rank(x: Intent) -> tuple[bool, bool, int]:
        # a procedure read on no site at all comes after one that has its site
        op = best_pattern(x.groups.get("op", {})) or "?"
        if _imaging(x):  # a look done in the same session: one is placed by readings(); two or more
            return (True, False, 3) if looks > 1 else (False, False, 0)  # last ("LHC, coronary
            # angiography, PCI": the PCI first, a look second)
        ops = x.groups.get("op", {})
        if root_operation(op) == "J" and not any(root_operation(p) not in (None, "J") and w >= ops[op]
                                                 for p, w in ops.items()):
            return True, False, 2
        # a drainage is as often an aspiration for diagnosis ("EBUS with needle aspiration"): as named
        return False, not _sites(x), 1 if _diagnostic(x) or root_operation(op) == "9" else 0
    return sorted(intents, key=rank)


def _imaging(intent: Intent) -> bool:
    """The reading's objective is a diagnostic look or measure: imaging (section B: fluoroscopy, CT,
    ultrasound...) or a measurement (4A0: the pressures and sampling of a heart catheterization)."""
    op = best_pattern(intent.groups.get("op", {})) or "?"
    return op[:1] == "B" or op.startswith("4A0")


# A side named before two procedures in one word is the side of both ("right salpingo-oophorectomy": the
# right ovary and the right fallopian tube; each body part coded, guideline B3.2a).
_SIDES = frozenset({"right", "left", "bilateral", "both"})


def _joined(words: Sequence[str], abbreviations: Phrases) -> list[str]:
    """The words with each abbreviation of two procedures spelled out ("T&A": tonsillectomy and
    adenoidectomy; "BSO": bilateral oophorectomy and bilateral salpingectomy), so that the query is cut
    between them, a side said before the pair repeated for the second; not when a procedure precedes."""
    out: list[str] = []
    i = 0
    while i < len(words):
        k = next((k for k in range(min(4, len(words) - i), 0, -1)
                  if _two_procedures(abbreviations.get(tuple(words[i : i + k]), ("",))[0])), 0)
        if k and _named_before(out, abbreviations):  # "TAH BSO", "hysterectomy with BSO": the pair stays
            k = 0  # one procedure beside the other (its two body parts read together)
        if k:
            first, second = abbreviations[tuple(words[i : i + k])][0].split(" and ", 1)
            side = [out[-1]] if out and out[-1] in _SIDES and not _SIDES & set(second.split()) else []
            out.extend([*first.split(), "and", *side, *second.split()])
        else:
            out.append(words[i])
        i += k or 1
    return out


def _named_before(words: Sequence[str], abbreviations: Phrases) -> bool:
    """An objective is named in `words` (the query before a pair of procedures)."""
    x = interpret(words, abbreviations) if words else None
    return x is not None and x.strong


def _two_procedures(meaning: str) -> bool:
    """The meaning names two procedures joined by "and", each in a word of its own ("tonsillectomy and
    adenoidectomy"), not one procedure whose title holds "and" ("sampling and pressure")."""
    parts = meaning.split(" and ")
    return len(parts) == 2 and all(p.split()[-1:] and p.split()[-1].endswith(_SUFFIXES) for p in parts)


_SUFFIXES = ("ectomy", "otomy", "ostomy", "plasty", "pexy", "rrhaphy")
_NAMES_SUFFIXES = (*_SUFFIXES, "scopy", "gram", "graphy", "tripsy", "lysis")


_APPROACH_SECTIONS = frozenset("01234789X")  # character 5 is the approach (not 5A1945Z's duration)


def _approach_fifth(intent: Intent) -> bool:
    """The reading's objective is of a section whose character 5 is the approach."""
    return (best_pattern(intent.groups.get("op", {})) or "?")[:1] in _APPROACH_SECTIONS


def _own_objective(intent: Intent) -> bool:
    """The reading names its objective in a word of its own and a site: "tonsillectomy" (tonsils)."""
    return bool(intent.words) and intent.words[0] in OPERATION_WORDS and names_site(intent.words[1:])


def _sites(intent: Intent) -> list[str]:
    return [w for w in intent.words
            if w not in NOT_SITE and w not in _DEVICE_ONLY and w not in OPERATION_WORDS]


def readings(readings: list[Variant], words: Sequence[str],
             abbreviations: Mapping[tuple[str, ...], tuple[str, ...]],
             keep: Callable[[str], bool] = lambda w: True,
             see: IndexVocabulary | None = None,
             known: Callable[[str], bool] | None = None,
             pcs: bool = True) -> tuple[list[Intent | None], list[Variant]]:
    """The readings to score and the intent each is scored with. A procedure query is read in the
    titles' words (scored for PCS codes only) and as typed (index entries such as "Colonoscopy");
    any other query keeps its readings, untouched. Two procedures named ("lumpectomy with sentinel
    node biopsy", "intubation and mechanical ventilation") are read apart, the first as the definitive
    one; `keep` says which words the PCS titles know (others only cost every PCS code alike).
    `pcs` False: the search has no PCS code to score (ICD-10-CM only, the record scanner's search), so
    the titles' words readings, scored for PCS codes only, are left out, and so is the work of cutting
    the query into procedures and of reading the intent's axes (NAMED stands for it); the readings kept,
    and whether an intent is read, are the same."""
    state = read(words, abbreviations, known, see)  # one pass read both ways (interpret, approach_only)
    if not pcs and state is not None and names_objective(state):
        # no PCS code is scored, so the intent's axes are never read: only that a procedure is named
        literal, expanded = _as_typed(readings, words)
        if expanded is not None and not all(keep(w) for w in set(expanded.words) - set(words)):
            return [NAMED, None], [literal, replace(expanded, factor=expanded.factor * 0.8)]
        return [NAMED], [literal]
    main = None if state is None else intent_of(words, state)
    if main is None:  # an approach alone ("knee arthroscopy" with a word left unread) still decides
        only = None if state is None else approach_of(state)
        return [only] * len(readings), readings
    segments = _segments(_joined(words, abbreviations), abbreviations)
    # One segment reads as one procedure, `main` (its parts are read only to find a second one).
    scope = _scope_first(segments, abbreviations, known, see)
    read_apart = [(seg, interpret([*(scope if n else ()), *seg], abbreviations, known, see))
                  for n, seg in enumerate(segments)] if len(segments) > 1 else []
    parts = [x for _seg, x in _sited(_devices_joined(read_apart), abbreviations, known, see)]
    strong = _definitive_first([x for x in parts if x is not None and x.strong])
    # the definitive one and the first after it that is a procedure of its own ("PCI, DES x1 to LAD" is one)
    other = next((x for x in strong[1:] if _second(strong[0], x)), None)
    intents = [strong[0], other] if other is not None else [main]
    removal = _old_device_removed(words, main) if other is None else None
    if removal is not None:
        intents = [replace(main, groups={**main.groups, "op": {p: w for p, w in main.groups["op"].items()
                                                               if p != "0_P"}}), removal]
    arteries = named_arteries(words)
    if arteries and len(segments) > 1:  # "LHC with PCI of LAD and diagonal": every part's arteries count
        intents = [replace(x, groups=_counted(x.groups, arteries))
                   if x.groups.get("count") == UNCOUNTED else x for x in intents]
    grafts = _grafts(words, main, abbreviations, known, see)
    if grafts is not None:  # "CABG x2, LIMA to LAD, SVG to RCA": each graft source is a code of its own
        intents = grafts
    look_second = False
    if len(intents) == 2 and _imaging(intents[0]) != _imaging(intents[1]):
        # imaging or a measurement done in the same session ("cystoscopy, retrograde pyelogram and stent",
        # "LHC with PCI", "cardioversion, TEE") is not the definitive procedure: the other one first, the
        # look second
        intents = intents[::-1] if _imaging(intents[0]) else intents
        look_second = True
    if len(intents) == 2:
        intents = _catheterization_sided(intents)
    if len(intents) > 1 and "app" in main.groups and _shared_approach(state, read_apart, words):
        # one scope or incision reaches both ("ERCP with ...", "laparoscopic cholecystectomy and ...")
        # (where character 5 is an approach: in sections 5, 6 and B-H it is a duration, contrast, ...)
        intents = [x if "app" in x.groups or not _approach_fifth(x) else
                   replace(x, groups={**x.groups, "app": main.groups["app"]}) for x in intents]
        # ... and its words too, so the second is read as fully as the first and stays second ("open
        # cystectomy and prostatectomy": the bladder's code first, the prostate's next)
        way = _approach_words(main.groups["app"])
        intents = [x if n == 0 or not way or set(way) & set(x.words) or not _approach_fifth(x) else
                   replace(x, words=(*x.words, *way)) for n, x in enumerate(intents)]
    literal, expanded = _as_typed(readings, words)
    out: list[Variant] = []
    for n, x in enumerate(intents):
        kept = tuple(w for k, w in enumerate(x.words) if keep(w) or k == len(x.words) - 1)
        second = LOOK_FACTOR if look_second else REMOVAL_FACTOR if removal is not None else SECOND_FACTOR
        out.append(Variant(kept or x.words, second if n else 1.0, NOTE + " ".join(kept)))
    if {"0J9", "0JB"} & set(intents[0].groups["op"]):  # a region's abscess or debridement: its subcutaneous
        # tissue (procedure_conventions.REGION_OTHERS)
        under = (*out[0].words, "subcutaneous", "tissue")
        out.append(Variant(under, 1.0, NOTE + " ".join(under)))
        intents = [*intents, intents[0]]
    # The query's shorthand read ("asp pna": aspiration pneumonia) when an abbreviation in it names a
    # condition (a word no PCS title has): the condition is still found, below the procedure readings.
    # Not when the condition is the procedure's reason ("tonsillectomy for OSA": the procedure is wanted).
    if expanded is not None and not all(keep(w) for w in set(expanded.words) - set(words)):
        return [*intents, intents[0], None], [*out, literal, replace(expanded, factor=expanded.factor * 0.8)]
    return [*intents, intents[0]], [*out, literal]


def _shared_approach(state: _Scan | None, parts: Parts, typed: Sequence[str] = ()) -> bool:
    """The query's approach is the way in of every procedure it names: said on its own ("laparoscopic
    cholecystectomy and appendectomy", "endoscopic sphincterotomy and stone removal") or the approach of
    a scope whose objective is only its default ("colonoscopy with polypectomy", "ERCP with stent"). Not
    the approach one procedure's own name carries ("tracheostomy and PEG": the PEG is percutaneous, the
    tracheostomy keeps its own way in). "Open" typed counts (its vocabulary entry keeps the word)."""
    said = state is not None and (state.app_word or "open" in typed)
    return said or any(x is not None and "app" in x.groups and not x.strong for _seg, x in parts)


def _as_typed(readings: list[Variant], words: Sequence[str]) -> tuple[Variant, Variant | None]:
    """The reading of the words as typed, less what was not done ("colonoscopy, no biopsy"), and the
    query's shorthand read (the first reading), None when the condition is the procedure's reason
    ("tonsillectomy for OSA": the procedure is wanted)."""
    literal = next((v for v in readings if v.words == tuple(words)), readings[-1])
    done = affirmed(words)
    if len(done) < len(words) and done:  # "colonoscopy, no biopsy": as typed, less what was not done
        literal = Variant(tuple(done), literal.factor, literal.note)
    return literal, None if "for" in words else readings[0]
