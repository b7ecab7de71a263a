"""What a past procedure or a device leaves, as ICD-10-CM codes it: the search engine's second looks at a
diagnosis query that names a procedure.

    results = with_absence(results, words, resected, absent)      # "s/p appendectomy": Z90.49 first
    results = with_joint(results, words, replaced, present)       # "s/p right TKA": Z96.651 first
    results = with_implant(results, words, procedure, status)     # "s/p ORIF": Z96.7, Z87.81
    results = with_condition(results, words, condition)           # "UTI due to Foley": T83.511A, N39.0
    results = with_status(results, words, status)                 # "G tube in place": Z93.1 first
    results = with_organism(results, words, bacteremia, organism) # "MSSA bacteremia": R78.81, B95.61
    results = with_event(results, words, event)                   # "fell at home": W19.XXXA, Y92.009
    results = with_infection(results, words, condition, organism) # "E coli UTI": N39.0, B96.20
    results = with_sepsis(results, words, condition, sepsis)      # "sepsis due to pneumonia": A41.9, J18.9

- A resection the patient has had ("s/p", "status post", "history of") leaves an acquired absence
  (ICD-10-CM Index: Absence, organ, acquired; Z90.-; an endocrine gland's is its postprocedural
  hypofunction, E89.-: "s/p thyroidectomy" E89.0). The organ's own code when one names it ("s/p
  splenectomy" Z90.81, "s/p nephrectomy" Z90.5); else the "other parts" code of its organ group
  (appendix, gallbladder: "other specified parts of digestive tract" Z90.49; prostate: "other genital
  organ(s)" Z90.79), the group read from the body system of the resected body part's PCS table.
- A joint replaced ("s/p TKA", "history of left shoulder arthroplasty") leaves an artificial joint
  (ICD-10-CM Index: Presence, joint implant (prosthesis); Status, joint replacement: Z96.6-), of the side
  the query names (else "unspecified"), not an acquired absence of the knee (Z89.52-, a prosthesis
  taken out) or of the leg.
- Other past procedures that leave hardware or a status, read from the PCS code the procedure's words find:
  an internal fixation of a bone or joint ("s/p ORIF right ankle", "hx IM nail femur") leaves a bone
  implant (Index: Presence, bone implant NEC, Z96.7), and a reduction a healed fracture (History,
  personal, fracture, traumatic (healed), Z87.81, second); a spinal or joint fusion an arthrodesis status
  (Z98.1); a coronary dilation the angioplasty status, with its stent a presence (Status, angioplasty,
  coronary artery Z98.61, with implant Z95.5: Z98.61 Excludes1 Z95.5); a heart valve replaced a
  prosthetic valve (Z95.2); an arterial bypass or stent graft a vascular graft (Presence, graft, vascular
  NEC Z95.828); an operation that leaves none of these (an inspection, a release, an endarterectomy: "s/p
  craniotomy", "s/p ex lap", "s/p CEA") the personal history of surgery (History, personal, surgery NEC
  Z98.890). Not an acquired absence of the joint or limb the site's words find, and only when the words
  read as a procedure (PROCEDURE_MATCH): "history of hip fracture" is the fracture's history.
- A device or opening the patient has ("has a colostomy", "G tube in place", "pacemaker in place") is a
  status (Z93.-, ICD-10-CM Index: Status (post)) or a presence (Z95-Z97, Index: Presence (of)): that code
  of the words first.
- Bacteria found in the blood with no sepsis said ("MSSA bacteremia", "E coli in blood cultures") is
  bacteremia R78.81 (Index: Bacteremia) with the organism's "as the cause of diseases classified
  elsewhere" code (B95-B96) beside it: R78.81 first, the organism second.
- An event with the place it happened ("fell at home", "fall at the nursing home"): the place's words
  make a place of occurrence code (Y92.-) the best match, but the place is coded beside the event's own
  external cause (ICD-10-CM I.C.20.b: a place code goes with the cause), and a condition named with
  where the patient lives is the condition ("pneumonia in a nursing home resident"): the event or
  condition searched alone first, the place second.
- An infection named with its organism ("E coli UTI", "ESBL klebsiella UTI", "MRSA cellulitis") where the
  Index has no combination code: the infection's code first and the organism's B95-B96 code beside it
  ("Use additional code (B95-B97) to identify infectious agent", N39.0), not the organism (or its
  resistance, Z16) first because its words weigh more.
- Sepsis named with the infection it came from and no organism ("sepsis due to pneumonia", "UTI with
  sepsis"): the systemic infection first, A41.9 Sepsis, unspecified organism, and the localized infection
  beside it (ICD-10-CM guideline I.C.1.d.4), not a sepsis of an organism whose name shares the words
  ("pneumonia" is no Streptococcus pneumoniae, A40.3).
- An infection or other condition due to a device or graft (T80-T88) asks for a code of the condition
  beside it (T83.51-: "Use additional code to identify infection"): the condition named in the query,
  searched alone, is offered second.

Plain functions over callbacks into the index (engine.py), so the engine keeps its size.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Protocol, TypeVar

from codesets.search.clinical import DIAGNOSIS_CUES


class Result(Protocol):
    """The fields of a search result read here (engine.SearchResult)."""

    @property
    def code(self) -> str: ...

    @property
    def title(self) -> str: ...

    @property
    def score(self) -> float: ...

    @property
    def matched(self) -> str: ...


R = TypeVar("R", bound=Result)
Search = Callable[[list[str]], Sequence[R]]

# The words that say the procedure is past: "s/p" and "h/o" (typed "s p", "h o"), "status post",
# "history of"; those dropped to leave the procedure's words.
_PAST_CUES = frozenset("status history hx prior previous".split())
_PAST = frozenset("s p status post history hx h o of prior previous".split())
# ICD-10-CM Z90: the "other parts" code of each organ group, by the body system (character 2) of the
# resected body part's ICD-10-PCS table: 0D Gastrointestinal and 0F Hepatobiliary System and Pancreas ->
# Z90.49, 0T Urinary -> Z90.6, 0U/0V Female/Male Reproductive -> Z90.79, 0C Mouth and Throat and 09 Ear,
# Nose, Sinus -> Z90.09; any other body system -> Z90.89 (other organs).
_GROUPS = {"D": "digestive tract", "F": "digestive tract", "T": "urinary tract", "U": "genital organs",
           "V": "genital organs", "C": "head and neck", "9": "head and neck"}
_OTHER_ORGANS = "organs"
# Body systems whose acquired absence codes cover a part taken out (a partial gastrectomy, colectomy or
# pancreatectomy: Excision), 0D Gastrointestinal and 0F Hepatobiliary System and Pancreas.
_PART_ABSENT = frozenset("DF")
_PART_WORDS = frozenset({"partial", "subtotal", "distal", "hemicolectomy"})
# Endocrine glands taken out leave their hormone missing: ICD-10-CM Index "Absence, thyroid (gland)
# (acquired) E89.0", "parathyroid ... E89.2", "pituitary ... E89.3", "adrenal ... acquired E89.6" (the
# postprocedural hypofunction, not a Z90 code).
_HYPOFUNCTION = {"thyroid": ["postprocedural", "hypothyroidism"],
                 "parathyroid": ["postprocedural", "hypoparathyroidism"],
                 "pituitary": ["postprocedural", "hypopituitarism"],
                 "adrenal": ["postprocedural", "adrenocortical", "hypofunction"]}
_SIDE_WORDS = frozenset("right left bilateral".split())
_GENERIC = frozenset("lobe lobes upper lower middle part parts segment gland glands duct".split())
# "UTI due to Foley", "pneumonia from aspiration of a device", "Foley-associated UTI".
_CAUSES = frozenset("due from associated related secondary caused".split())
_LINKS = frozenset("to by with a an the".split())


def led_by(lead: Sequence[R], results: list[R]) -> list[R]:
    """`lead` first, then `results` without the codes `lead` holds."""
    codes = {r.code for r in lead}
    return [*lead, *[r for r in results if r.code not in codes]]


def past_procedure(words: Sequence[str]) -> list[str] | None:
    """The procedure words of a query naming it as past ("s/p appendectomy": ["appendectomy"]); None
    when no past marker or no word is left."""
    pairs = set(zip(words, words[1:], strict=False))
    if not (_PAST_CUES.intersection(words) or ("s", "p") in pairs or ("h", "o") in pairs):
        return None
    rest = [w for w in words if w not in _PAST]
    return rest or None


def resected_organ(pcs_code: str, pcs_title: str, part: bool = False) -> tuple[list[str], str] | None:
    """The organ words of a Resection code's title ("Resection of Right Kidney, Open Approach":
    ["kidney"]) and its organ group's words (Z90 "other parts" code); None for another objective. An
    Excision of a digestive organ counts too when the query says a part was taken (`part`: "partial
    gastrectomy"; not a biopsy or polypectomy): its acquired absence includes a part ("Acquired absence of
    stomach [part of]" Z90.3, "Acquired partial absence of pancreas" Z90.411, Z90.49)."""
    partial = part and len(pcs_code) >= 3 and pcs_code[2] == "B" and pcs_code[1] in _PART_ABSENT
    head = "Excision of " if partial else "Resection of "
    if len(pcs_code) < 3 or pcs_code[0] != "0" or (pcs_code[2] != "T" and not partial) \
            or not pcs_title.startswith(head):
        return None
    title_part = pcs_title[len(head) :].split(",")[0].lower().split()
    organ = [w for w in title_part if w not in _SIDE_WORDS]
    return (organ, _GROUPS.get(pcs_code[1], _OTHER_ORGANS)) if organ else None


def with_absence(results: list[R], words: Sequence[str], resected: Search[R], absent: Search[R],
                 make: Callable[[R, str], R]) -> list[R]:
    """`results` with the acquired absence a past resection leaves first (see the module docstring).
    `resected` searches PCS resection codes, `absent` the Z90 codes; `make` marks the result moved."""
    proc = past_procedure(words)
    if proc is None:
        return results
    hits = resected(proc)
    part = bool(_PART_WORDS.intersection(proc))
    found = resected_organ(hits[0].code, hits[0].title, part) if hits else None
    if found is None and len(proc) == 1:  # a short form ("s/p chole"): the start of an -ectomy word
        hits = [h for h in resected(["resection", *proc])[:1] if "ectomy" in h.matched.lower()]
        found = resected_organ(hits[0].code, hits[0].title) if hits else None
    if found is None:
        return results
    organ, group = found
    named = [w for w in organ if w not in _GENERIC] or organ
    gland = next((_HYPOFUNCTION[w] for w in named if w in _HYPOFUNCTION), None)
    own = absent(gland or ["acquired", "absence", *organ])
    if part and own and "total" in own[0].title.lower():  # "Acquired total absence of pancreas": the partial
        own = absent(["acquired", "partial", "absence", *organ])
    if own and gland and own[0].code.startswith("E89"):
        best = own[0]
    elif own and set(named) & set(own[0].title.lower().replace("(", " ").split()):
        best = own[0]
    else:
        other = absent(["acquired", "absence", "other", "parts", *group.split()])
        if not other:
            return results
        best = other[0]
    own_code = bool(own) and best is own[0]
    if best.code in [r.code for r in results[:1]] or (  # the words as typed found it, or found another
            best.code[:1] != "E" and any(r.code.startswith("Z90") and (
                not own_code or set(named) & _title_words(r.title)) for r in results[:1])):
        # an absence first: of the organ, or of another when only an "other parts" code was found ("s/p TAH
        # BSO"); a status that is no absence first ("Bariatric surgery status"), or an absence of another
        # organ than the organ's own code ("total" read as a hysterectomy), and the absence leads
        return results
    note = f"{' '.join(proc)}: acquired absence of {' '.join(organ)} ({hits[0].code})"
    return led_by([make(best, note)], results)


def _title_words(title: str) -> set[str]:
    return set(title.lower().replace("(", " ").replace("[", " ").replace(",", " ").split())


def condition_words(words: Sequence[str]) -> list[list[str]]:
    """The words on each side of a cause ("UTI due to Foley": [["uti"], ["foley"]]), the side before
    first; none when the query names no cause."""
    k = next((i for i, w in enumerate(words) if w in _CAUSES), -1)
    if k < 0:
        return []
    after = list(words[k + 1 :])
    while after and after[0] in _LINKS:
        after = after[1:]
    return [side for side in (list(words[:k]), after) if side]


def with_condition(results: list[R], words: Sequence[str], condition: Search[R]) -> list[R]:
    """`results` led by a complication of care (T80-T88) with the condition the query names beside it
    second ("UTI due to indwelling Foley catheter": T83.511A, then N39.0)."""
    if not results or not results[0].code.startswith("T8"):
        return results
    for side in condition_words(words):
        hits = condition(side)
        best = next((r for r in hits[:1] if not r.code.startswith(("T8", "Z"))), None)
        if best is not None:
            if best.code in [r.code for r in results[:2]]:
                return results
            return [results[0], best, *[r for r in results[1:] if r.code != best.code]]
    return results


def names_condition(words: Sequence[str], readings: Iterable[Sequence[str]]) -> bool:
    """The query names a condition caused by something ("UTI from indwelling Foley catheter"): a cause
    word typed and an abbreviation read as a condition ("UTI": urinary tract infection), so that the
    device named reads as the cause, not as a procedure to code."""
    if not _CAUSES.intersection(words):
        return False
    typed = set(words)
    return any(w in DIAGNOSIS_CUES and w not in typed for words_read in readings for w in words_read)


_HAS = frozenset({"has", "have", "a", "an"})
# A status code is put first only when it matches the words well ("PICC line in place" has none:
# Z93.0 Tracheostomy status matched "status" alone).
STATUS_MATCH = 0.5
# The words of the status titles of chapter 21: "Gastrostomy status" (Z93.-), "Presence of ..." (Z95-Z97,
# ICD-10-CM Index: Status (post), pacemaker Z95.0; Presence (of), insulin pump Z96.41).
_STATUS_TITLES = ("status", "presence")


def status_named(words: Sequence[str]) -> list[str] | None:
    """The words of a device or opening the patient has ("has a colostomy": ["colostomy"]; "G tube in
    place": ["g", "tube"]); None when the query does not say so."""
    pairs = list(zip(words, words[1:], strict=False))
    if ("in", "place") in pairs:
        k = pairs.index(("in", "place"))
        rest = [*words[:k], *words[k + 2 :]]
    elif words[:1] == ["has"]:
        rest = [w for w in words if w not in _HAS]
    else:
        return None
    return rest or None


def with_status(results: list[R], words: Sequence[str], status: Search[R],
                procedure: Search[R] | None = None,
                within: Callable[[str, list[str]], list[R]] | None = None) -> list[R]:
    """`results` with the status code of what the patient has first ("has a colostomy": Z93.3);
    `status` searches the status codes of chapter 21. When no status title matches the words ("PPM in
    place", "IVC filter in place", "ureteral stent in place"), the status the device's PCS code leaves
    (implant_status), when `procedure` (a search of PCS codes) and `within(prefix, words)` are given."""
    rest = status_named(words)
    if rest is None:
        return results
    for word in _STATUS_TITLES:  # "Colostomy status"; a device implanted is "Presence of cardiac pacemaker"
        hits = status([word, *rest])
        if hits and word in hits[0].title.lower() and hits[0].score >= STATUS_MATCH:
            return led_by(hits[:1], results)
    if procedure is None or within is None:
        return results
    device = [h for h in procedure(rest)[:1] if h.score >= PROCEDURE_MATCH]
    wanted = implant_status(device[0].code, device[0].title, side_named(rest)) if device else None
    if not wanted or wanted is _SURGERY_NEC:
        return results
    lead = [found[0] for prefix, title in wanted if (found := within(prefix, title))]
    return led_by(lead, results) if lead else results


_FRACTURE = frozenset({"fracture", "fractures", "fx", "fxs", "fractured"})
# A fracture that was not an injury (ICD-10-CM Z87.31-: personal history of (healed) nontraumatic fracture)
# by the words that say so; any other past fracture is traumatic (Z87.81).
_NONTRAUMATIC = (({"osteoporotic", "osteoporosis", "fragility", "insufficiency"}, "Z87310"),
                 ({"pathologic", "pathological"}, "Z87311"), ({"stress"}, "Z87312"))


def with_history(results: list[R], words: Sequence[str],
                 within: Callable[[str, list[str]], list[R]]) -> list[R]:
    """`results` led by the personal history of a healed fracture when the query names a past fracture
    ("history of hip fracture", "h/o ankle fx": Z87.81; "history of osteoporotic vertebral fracture":
    Z87.310), not an acquired absence or an artificial joint of the site its words meet (ICD-10-CM Index:
    History, personal, fracture (healed), traumatic Z87.81, nontraumatic, osteoporosis Z87.310). Unchanged
    when that code is already among the first two (with a bone implant leading: "s/p ORIF hip fracture")."""
    rest = past_procedure(words)
    if rest is None or not _FRACTURE.intersection(rest):
        return results
    prefix = next((code for cue, code in _NONTRAUMATIC if cue.intersection(rest)), "Z8781")
    found = within(prefix, ["personal", "history", "healed", "fracture"])
    if not found or found[0].code in [r.code for r in results[:2]]:
        return results
    return led_by(found[:1], results)


# "bacteremia", "positive blood cultures", "bcx": bacteria in the blood; sepsis named is a code of its own
# (A40-A41: "E. coli bacteremia with sepsis" A41.51), so the rule stands aside.
_BACTEREMIA = frozenset({"bacteremia", "bacteraemia", "bcx"})
_CULTURE = frozenset({("blood", "culture"), ("blood", "cultures")})
_SEPSIS = frozenset({"sepsis", "septic", "septicemia", "urosepsis"})
_NOT_ORGANISM = frozenset("in on with of a the positive grew growing pos blood culture cultures".split())
# An organism code is put second only when its title matches the words well.
ORGANISM_MATCH = 0.5


def organism_named(words: Sequence[str]) -> list[str] | None:
    """The organism's words of a bacteremia query ("MSSA bacteremia": ["mssa"]); None when the query
    names no bacteremia or blood culture, names sepsis, or names no organism."""
    pairs = set(zip(words, words[1:], strict=False))
    if not (_BACTEREMIA.intersection(words) or _CULTURE & pairs) or _SEPSIS.intersection(words):
        return None
    rest = [w for w in words if w not in _BACTEREMIA and w not in _NOT_ORGANISM]
    return rest or None


def with_organism(results: list[R], words: Sequence[str], bacteremia: Search[R],
                  organism: Search[R]) -> list[R]:
    """`results` led by R78.81 Bacteremia and the organism's B95-B96 code (see the module docstring);
    `bacteremia` searches the bacteremia code, `organism` the billable B95-B97 codes."""
    rest = organism_named(words)
    if rest is None:
        return results
    germ = organism(rest)
    head = bacteremia(["bacteremia"])
    if not germ or germ[0].score < ORGANISM_MATCH or not head:
        return results
    return led_by([head[0], germ[0]], results)


# The words that open the place of an event ("fell at home", "fell in the bathroom").
_PLACE_OPENERS = frozenset({"at", "in"})
# Words of where the patient lives ("lives at home"), which name no event or condition of their own.
_NOT_EVENT = frozenset("pt patient the a an was has had of lives living lived resides residing resident "
                       "stays staying".split())


def event_before_place(words: Sequence[str]) -> list[str] | None:
    """The event's words of a query naming an event and then its place ("fell at home": ["fell"]), or
    None when no place follows words of an event."""
    for i in range(len(words) - 1, 0, -1):
        if words[i] in _PLACE_OPENERS:
            event = [w for w in words[:i] if w not in _NOT_EVENT]
            return event or None
    return None


def with_event(results: list[R], words: Sequence[str], event: Search[R],
               place: Search[R] | None = None) -> list[R]:
    """`results` with the event's own code first when its place or circumstance leads them; `event`
    searches ICD-10-CM but the places ("pneumonia in a nursing home resident": J18.9 first). Leading: a
    place of occurrence (Y92), an activity (Y93) or an external cause status (Y99: "fell at work" Y99.0),
    or a code of no external cause at all while the event alone is one ("fell at school": the school's
    words found Z55.3 Underachievement in school; the fall is W19.XXXA), and then the place's own Y92 code
    second when `place` (a search of the places) finds one that matches well. Else unchanged."""
    if not results:
        return results
    beside = results[0].code.startswith(_CIRCUMSTANCES)
    if not beside and _is_cause(results[0].code):
        return results
    rest = event_before_place(words)
    if not rest or not (beside or _EVENT_WORDS.intersection(rest)):  # "pain in left knee": no event
        return results
    hits = event(rest)
    if not hits or not (beside or _is_cause(hits[0].code)):
        return results
    spot = place(list(words[len(_event_span(words)) :])) if place is not None and not beside else []
    where = [p for p in spot[:1] if p.score >= PLACE_MATCH]
    return led_by([hits[0], *where], results)


# A place of occurrence is put second only when its title matches the place's words well.
PLACE_MATCH = 0.5


def _event_span(words: Sequence[str]) -> Sequence[str]:
    """The words up to the last place opener ("fell at school": "fell")."""
    k = max((i for i in range(1, len(words)) if words[i] in _PLACE_OPENERS), default=len(words))
    return words[:k]


# Words of an event with an external cause of its own, when no place code leads (a search is spent only
# on them).
_EVENT_WORDS = frozenset("fell fall falls fallen falling slipped slip tripped tripping stumbled injured hurt "
                         "struck hit bitten bit stung assaulted attacked crashed collided burned burnt "
                         "mvc mva".split())
# Chapter 20 codes that go beside the cause (I.C.20.b, c, k): place, activity, external cause status.
_CIRCUMSTANCES = ("Y92", "Y93", "Y99")


def _is_cause(code: str) -> bool:
    """An external cause of chapter 20 (V00-Y38: transport, falls, exposures, assault, intent unknown)."""
    return code[:1] in "VWX" or (code[:1] == "Y" and code[1:2] in "0123")


# Words that name an organism (or its resistance) in a query naming an infection ("E coli UTI"); "e" counts
# only before "coli".
_ORGANISM_WORDS = frozenset("coli ecoli esbl klebsiella pseudomonas enterococcus enterococcal vre mrsa mssa "
                            "mrse staph staphylococcus staphylococcal strep streptococcus streptococcal gbs "
                            "proteus enterobacter serratia citrobacter acinetobacter".split())
# The organism alone: as the cause of diseases classified elsewhere (B95-B97), its infection of an
# unspecified site (A49: "MRSA infection"), its resistance (Z16) or carriage (Z22).
_GERM_CODES = ("B95", "B96", "B97", "A49", "Z16", "Z22")
# A resistance named with the organism ("ESBL klebsiella"): coded apart (Z16.12), not the organism.
_RESISTANCES = frozenset({"esbl"})
_NOT_CONDITION = frozenset("due to from with by of a an the positive".split())
# Words that name no site or condition of their own beside an organism.
_NO_SITE_INFECTION = frozenset("infection infections infected colonization colonized carrier screen isolated "
                               "growth history hx".split())
# The infection is put first only when its words find it well ("MSSA wound infection": no such code).
CONDITION_MATCH = 0.7


def organism_split(words: Sequence[str]) -> tuple[list[str], list[str]]:
    """The organism's words and the other words of a query ("esbl e coli uti": ["esbl", "e", "coli"],
    ["uti"])."""
    germ = [w for n, w in enumerate(words)
            if w in _ORGANISM_WORDS or (w == "e" and words[n + 1 : n + 2] == ["coli"])]
    rest = [w for w in words if w not in germ and w not in _NOT_CONDITION]
    return germ, rest


def with_infection(results: list[R], words: Sequence[str], condition: Search[R],
                   organism: Search[R]) -> list[R]:
    """`results` led by the infection a query names with its organism, the organism's B95-B96 code second
    (see the module docstring); `condition` searches ICD-10-CM, `organism` the billable B95-B97 codes.
    Unchanged unless the organism or its resistance leads, or the infection leads without its organism
    near; or when the words name no organism, no other condition, or a bacteremia (with_organism)."""
    if not results or organism_named(words) is not None:
        return results
    germ, rest = organism_split(words)
    if not germ or not set(rest) - _NO_SITE_INFECTION:  # "MRSA infection", "MRSA carrier": the organism's own
        return results
    cond = condition(rest)
    if not cond or cond[0].code.startswith(_GERM_CODES) or cond[0].score < CONDITION_MATCH:
        return results
    lead = results[0].code
    if not (lead.startswith(_GERM_CODES) or lead == cond[0].code):
        return results  # a combination code leads ("MRSA pneumonia" J15.212, "C diff colitis" A04.72)
    named = [w for w in germ if w not in _RESISTANCES]
    found = organism(named) if named else []
    bug = [g for g in found[:1] if g.score >= ORGANISM_MATCH]
    if lead == cond[0].code and (not bug or bug[0].code in [r.code for r in results[:3]]):
        return results
    return led_by([cond[0], *bug], results)


_JOINT_SIDES = frozenset({"right", "left", "bilateral"})
_SIDE_SHORT = {"r": "right", "rt": "right", "l": "left", "lt": "left", "bilat": "bilateral",
               "both": "bilateral"}


def replaced_joint(pcs_code: str, pcs_title: str) -> list[str] | None:
    """The joint words of a joint Replacement code's title ("Replacement of Right Knee Joint with ...":
    ["knee"]), without its side; None for another objective or body part."""
    head = "Replacement of "
    if len(pcs_code) < 3 or pcs_code[0] != "0" or pcs_code[1] not in "RS" or pcs_code[2] != "R" \
            or not pcs_title.startswith(head):
        return None
    part = pcs_title[len(head) :].split(",")[0].split(" with ")[0].lower().split()
    if "joint" not in part:
        return None
    return [w for w in part[: part.index("joint")] if w not in _JOINT_SIDES] or None


def with_joint(results: list[R], words: Sequence[str], replaced: Search[R], present: Search[R],
               make: Callable[[R, str], R] | None = None) -> list[R]:
    """`results` led by the presence of the artificial joint a past joint replacement leaves (see the module
    docstring); `replaced` searches PCS codes, `present` the Z96.6- codes."""
    proc = past_procedure(words)
    if proc is None:
        return results
    hits = replaced(proc)
    joint = replaced_joint(hits[0].code, hits[0].title) if hits else None
    if joint is None:
        return results
    sides = [_SIDE_SHORT.get(w, w) for w in proc]
    side = [w for w in sides if w in _JOINT_SIDES][:1] or ["unspecified"]
    found = present(["presence", *side, "artificial", *joint, "joint"])
    if not found or found[0].code in [r.code for r in results[:1]]:
        return results
    best = make(found[0], f"{' '.join(proc)}: artificial {' '.join(joint)} joint ({hits[0].code})") \
        if make is not None else found[0]
    return led_by([best], results)


PROCEDURE_MATCH = 0.5
"""How well the words after "s/p" must match a PCS title to be read as that procedure: a condition's
words ("history of hip fracture", 0.17 to "Fusion of Right Hip Joint") match none this well."""
_NO_TRACE = frozenset("JNC9Q85")
"""Root operations that leave no device, absence or opening: Inspection, Release, Extirpation, Drainage,
Repair, Division, Destruction ("s/p craniotomy", "s/p ex lap", "s/p CEA")."""
_SURGERY_NEC = [("Z98890", ["other", "specified", "postprocedural", "states"])]
# Generators put into the chest or abdomen wall (ICD-10-PCS 0JH, character 6): a pacemaker leaves the
# presence of a cardiac pacemaker (Index: Status (post), pacemaker, cardiac Z95.0), a defibrillator the
# presence of an automatic defibrillator (Z95.810).
_PACEMAKERS = {**dict.fromkeys("4567", ("Z950", ["presence", "cardiac", "pacemaker"])),
               **dict.fromkeys("89", ("Z95810", ["presence", "automatic", "implantable", "cardiac",
                                                 "defibrillator"]))}


# Words that document a coronary stent: the angioplasty's implant (Z95.5) is coded only when said, a PCI
# may be a balloon alone (Z98.61), whatever device the search ranks first for "PCI".
_STENT_WORDS = frozenset("stent stents stented des bms drug eluting implant scaffold".split())


def implant_status(pcs_code: str, pcs_title: str = "",
                   side: str = "unspecified", stent: bool = True) -> list[tuple[str, list[str]]] | None:
    """The ICD-10-CM codes (prefix to search within, title words) of the status a past procedure leaves,
    from its PCS code (see the module docstring); None when its code leaves none of these. `side`: the
    side the query names ("right", "left"), for the statuses coded by side (cataract extraction); `stent`
    False: the query names no stent, so a coronary dilation leaves its status only."""
    if len(pcs_code) != 7 or pcs_code[0] != "0":
        return None
    system, root, part, device = pcs_code[1], pcs_code[2], pcs_code[3], pcs_code[5]
    if system == "8" and root in "DR" and part in "JK":  # a lens taken out, an intraocular lens put in
        lens = [("Z961", ["presence", "intraocular", "lens"])]
        return [("Z984", ["cataract", "extraction", "status", side, "eye"]), *lens]
    if system == "J" and root == "H" and device in _PACEMAKERS:
        return [_PACEMAKERS[device]]
    if system in "3456" and root == "H" and device == "D":  # a filter in a vein ("IVC filter")
        return [("Z95828", ["presence", "other", "vascular", "implants", "grafts"])]
    if system == "T" and root in "7H" and device == "D":  # a stent in a ureter or the urethra
        return [("Z960", ["presence", "urogenital", "implants"])]
    if system == "H" and root == "B":  # part of a breast or skin taken ("s/p lumpectomy"): no absence
        return _SURGERY_NEC
    if system in "34" and (root == "1" and " vein" not in pcs_title.lower()  # an AV fistula is no graft
                           or root in "VRU" and device != "Z"):  # a stent graft, a vessel replaced
        return [("Z95828", ["presence", "other", "vascular", "implants", "grafts"])]
    if root in _NO_TRACE and device == "Z":
        return _SURGERY_NEC
    if system in "NPQRS" and root in "SHU" and device in "46":  # internal fixation, intramedullary
        bone = [("Z967", ["presence", "other", "bone", "tendon", "implants"])]
        return bone + [("Z8781", ["personal", "history", "healed", "traumatic", "fracture"])] * (root == "S")
    if system in "RS" and root == "G":
        return [("Z981", ["arthrodesis", "status"])]
    if system == "2" and root == "7" and part in "0123":
        with_stent = device != "Z" and stent
        return [("Z955", ["presence", "coronary", "angioplasty", "implant", "graft"])] if with_stent \
            else [("Z9861", ["coronary", "angioplasty", "status"])]
    if system == "2" and root == "R" and part in "FGHJ":
        return [("Z952", ["presence", "prosthetic", "heart", "valve"])]
    return None


def side_named(words: Sequence[str]) -> str:
    """"right" or "left" when the words name that side alone, else "unspecified"."""
    sides = {_SIDE_SHORT.get(w, w) for w in words} & {"right", "left"}
    return sides.pop() if len(sides) == 1 else "unspecified"


def with_implant(results: list[R], words: Sequence[str], procedure: Search[R],
                 status: Callable[[str, list[str]], list[R]],
                 make: Callable[[R, str], R] | None = None) -> list[R]:
    """`results` led by the status a past procedure leaves (see the module docstring): `procedure`
    searches PCS codes, `status(prefix, words)` the ICD-10-CM codes within `prefix`."""
    proc = past_procedure(words)
    if proc is None:
        return results
    hits = [h for h in procedure(proc)[:1] if h.score >= PROCEDURE_MATCH]
    wanted = implant_status(hits[0].code, hits[0].title, side_named(proc),
                            stent=bool(_STENT_WORDS.intersection(proc))) if hits else None
    led = bool(results) and results[0].matched.startswith(f"{' '.join(proc)}:")  # an earlier look led
    if not wanted or wanted is _SURGERY_NEC and led:  # the surgery NEC never displaces an absence
        return results
    lead = [found[0] for prefix, title in wanted if (found := status(prefix, title))]
    if not lead or lead[0].code in [r.code for r in results[:1]]:
        return results
    note = f"{' '.join(proc)}: {hits[0].code}"
    return led_by([make(r, note) if make is not None else r for r in lead], results)


# The noun: "septic" names a condition of its own ("septic arthritis" M00.9, "septic emboli").
_SEPSIS_WORDS = frozenset({"sepsis", "septicemia"})
# Words around the source of a sepsis that name no condition ("sepsis 2/2 pneumonia", "sepsis likely from").
_SOURCE_LINKS = frozenset("due to from with secondary 2 likely source of the a an probable possible".split())
# Sepsis named with more than its source: its own combination codes (severe sepsis R65.2-, a sepsis after a
# procedure T81.44, in a newborn P36, after delivery O85) are found from the words as typed.
_SEPSIS_OTHERS = frozenset("severe shock postprocedural postoperative neonatal newborn puerperal "
                           "urosepsis".split())
# The localized infection's own code must not already be a sepsis, a complication of care, or a code of
# pregnancy or the newborn.
_NOT_SOURCE = ("A40", "A41", "A02", "A22", "A32", "A39", "A42", "A54", "B37", "R65", "R78", "T8", "O", "P")
SOURCE_MATCH = 0.5


def with_sepsis(results: list[R], words: Sequence[str], condition: Search[R], sepsis: Search[R]) -> list[R]:
    """`results` led by A41.9 Sepsis, unspecified organism, and the localized infection it came from second
    (see the module docstring); `condition` searches ICD-10-CM, `sepsis` the code A41.9. Unchanged when the
    query names no sepsis, names an organism (its sepsis has a code: "E coli sepsis" A41.51), or more than
    the source (severe sepsis, septic shock, a newborn's or a procedure's sepsis)."""
    said = set(words)
    if not _SEPSIS_WORDS & said or _SEPSIS_OTHERS & said:
        return results
    rest = [w for w in words if w not in _SEPSIS_WORDS and w not in _SOURCE_LINKS]
    if not rest or organism_split(rest)[0]:
        return results
    lead = results[0] if results else None
    said = _title_words(f"{lead.title} {lead.matched}") if lead else set()
    if lead and "sepsis" in lead.title.lower() and set(rest) <= said:
        return results  # a sepsis code of the words as typed ("pneumococcal sepsis" A40.3)
    if lead and "septic" in said and set(rest) <= said:
        # a condition the sepsis caused, by its own Index entry ("encephalopathy due to sepsis": Septic
        # encephalopathy G93.41), no source: that code first, the sepsis second
        head = sepsis(["sepsis", "unspecified", "organism"])
        return led_by([lead, head[0]], results) if head else results
    source = [c for c in condition(rest)[:1]
              if c.score >= SOURCE_MATCH and not c.code.startswith(_NOT_SOURCE)]
    head = sepsis(["sepsis", "unspecified", "organism"])
    if not source or not head or [r.code for r in results[:2]] == [head[0].code, source[0].code]:
        return results
    return led_by([head[0], source[0]], results)
