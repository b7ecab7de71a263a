"""What a sentence adds to a code phrasings.py or the search read (phrasings.py's docstring): whether the
condition is this stay's, the withdrawal's and the diabetes' type, delirium denied, a poisoning's intent, a
dementia's disturbance, COPD with a lower respiratory infection, both blood gases of a respiratory
failure, a stroke's artery and side, an osteoarthritis' side, one poisoning code per drug class."""

from __future__ import annotations

import re
from typing import Any

from workbench.record.sections import NOT_STATED
from workbench.record.text import sentences

_I = re.IGNORECASE
# The alcohol use the record says beside a withdrawal (I.C.5.b.1): dependence 2, abuse 1, else use 9.
_AUD_DEPENDENCE = re.compile(r"\b(?:alcohol|etoh) dependence\b|\balcoholism\b|"
                             r"\b(?:alcohol|etoh) use disorder\b(?!,?\s*mild)|\baud\b(?!,?\s*mild)", _I)
_AUD_ABUSE = re.compile(r"\b(?:alcohol|etoh) abuse\b|\b(?:alcohol|etoh) use disorder,?\s*mild\b", _I)
_TYPE_1 = re.compile(r"\b(type 1|type i|t1dm|dm1|dm 1|iddm|juvenile diabetes)\b", _I)
_OTHER_DM = ("E08", "E09", "E13")


def _now(s: Any, m: re.Match[str]) -> bool:
    """A condition of this stay: asserted (stated.py's reading of the context), not in the story before
    admission (HPI, chief complaint) nor placed in the past ("2 months ago", "last winter")."""
    from workbench.record.guided import _RESOLVED
    from workbench.record.stated import _said

    return s.section_kind not in ("hpi", "complaint", "history") and not _RESOLVED.search(s.text) \
        and _said(s, m, False)


def _now_or_likely(enc: Any, doc: Any, s: Any, m: re.Match[str]) -> bool:
    """`_now`, or "likely secondary to HCTZ" in a discharge summary's assessment, course or diagnoses of an
    inpatient stay: uncertain at discharge is coded as if established (Section II.H)."""
    from workbench.record.guided import _RESOLVED
    from workbench.record.stated import _said
    from workbench.record.suggest import DISCHARGE_DOCUMENTS, is_inpatient

    if _now(s, m):
        return True
    return is_inpatient(enc) and any(k in (doc.type or "").lower() for k in DISCHARGE_DOCUMENTS) \
        and s.section_kind not in ("hpi", "complaint", "history", "preop") and not _RESOLVED.search(s.text) \
        and _said(s, m, False, uncertain_ok=True)


_DELIRIUM = re.compile(r"\b(delirium|dts)\b", _I)
# "No seizures or DTs", "without hallucinations or delirium": the withdrawal had none of them.
_NO_DELIRIUM = re.compile(r"\b(?:no|without|w/o|denies|negative for)\s+(?:\w+\s+(?:or|nor|and)\s+)?"
                          r"(?:delirium|dts)\b", _I)


def _negated_delirium(release: Any, s: Any) -> Any:
    """A withdrawal with delirium (F1x.x31) the search read off a sentence that says there was none ("c/w
    withdrawal, no seizures or DTs"): the uncomplicated withdrawal F1x.x30."""
    c = s.code
    if s.system != "CM" or not c.startswith("F1") or len(c) != 6 or c[4:6] != "31" \
            or not _NO_DELIRIUM.search(s.evidence.text) \
            or len(_DELIRIUM.findall(s.evidence.text)) > len(_NO_DELIRIUM.findall(s.evidence.text)):
        return s
    from workbench.record.combinations import make

    return make(release, s, c[:5] + "0") or s


def _withdrawal_code(enc: Any, sentence: str) -> str:
    """F10.x3y: x the use the record documents (2 dependence or a moderate/severe use disorder, 1 abuse or a
    mild one, 9 neither), y what the sentence says the withdrawal had."""
    text = " ".join(doc.text for doc in enc.documents)
    use = "2" if _AUD_DEPENDENCE.search(text) else "1" if _AUD_ABUSE.search(text) else "9"
    low = sentence.lower()
    if _DELIRIUM.search(low) and not _NO_DELIRIUM.search(low):
        kind = "1"
    elif re.search(r"\b(hallucinat\w*|perceptual)\b", low):
        kind = "2"
    elif re.search(r"\buncomplicated\b|\bwithout (?:complications|delirium|seizures?)\b", low) \
            or _NO_DELIRIUM.search(low):
        kind = "0"
    else:
        kind = "9"
    return f"F10{use}3{kind}"


def _diabetes_category(enc: Any, coded: set[str]) -> str:
    """The diabetes category of the record: a coded one, else E10 when an asserted sentence documents
    type 1, else E11 (I.C.4.a.2: type not documented is type 2)."""
    for c in sorted(coded):
        if c[:3] in ("E10", "E11", *_OTHER_DM):
            return c[:3]
    from workbench.record.stated import _said

    for d, doc in enumerate(enc.documents):
        if not _TYPE_1.search(doc.text):
            continue
        for s in sentences(doc.text, d):
            if s.section_kind not in NOT_STATED and (m := _TYPE_1.search(s.text)) and _said(s, m, True):
                return "E10"
    return "E11"


def _inside(s: Any, spans: list[tuple[int, int, int]]) -> bool:
    """A diagnosis read from words inside what a rule here read ("cancer" of "cancer-related pain")."""
    ev = s.evidence
    return s.system == "CM" and any(d == ev.document and a <= ev.phrase_start and ev.phrase_end <= b
                                    for d, a, b in spans)


def _one_poisoning(sugs: list[Any], coded: set[str]) -> list[Any]:
    """T36-T50 suggestions of a drug class (the code's first five characters, "T391X") already coded:
    the same event, whose intent and encounter the coded code says."""
    classes = {c[:5] for c in coded if c[:1] == "T" and c[1:3].isdigit() and 36 <= int(c[1:3]) <= 50}
    return [s for s in sugs if not (s.system == "CM" and s.code[:5] in classes and s.code not in coded)]


_INTENTIONAL = re.compile(r"\b(intentional\w*|self[- ]harm\w*|suicid\w*|deliberate\w*)\b", _I)


def _intent(release: Any, s: Any) -> Any:
    """A poisoning (T36-T65, intent character 1-4) read as accidental, its sentence saying intentional
    self-harm: the intentional self-harm code (T39.1X2A, not T39.1X1A)."""
    c = s.code
    if s.system != "CM" or len(c) != 7 or c[:1] != "T" or not c[1:3].isdigit() \
            or not 36 <= int(c[1:3]) <= 65 or c[5] != "1" or not _INTENTIONAL.search(s.evidence.text):
        return s
    from workbench.record.combinations import make

    return make(release, s, c[:5] + "2" + c[6:]) or s


_DEMENTIA = re.compile(r"\bdementia\b", _I)
_DISTURBANCES = ((re.compile(r"\b(agitat\w*|aggress\w*|combative\w*|violent)\b", _I), "11"),
                 (re.compile(r"\b(psychos[ie]s|psychotic|hallucinat\w*|delusion\w*|paranoi\w*)\b", _I), "2"),
                 (re.compile(r"\b(depress\w*|mood|apathy)\b", _I), "3"),
                 (re.compile(r"\banxi\w*\b", _I), "4"),
                 (re.compile(r"\b(behaviou?ral (?:disturbance|symptoms|issues|problems)|wandering|sundowning|"
                             r"sleep disturbance)\b", _I), "18"))
_WITHOUT_DISTURBANCE = re.compile(r"\b(?:without|w/o|no) (?:behaviou?ral|any) (?:disturbances?|symptoms|sx|"
                                  r"issues|problems)\b", _I)


def _dementia_disturbance(release: Any, s: Any) -> Any:
    """A dementia code "without behavioral disturbance" (F01.50, F02.80, F03.90, their severities) whose
    sentence says the disturbance: the sibling that names it."""
    c = s.code
    if s.system != "CM" or c[:3] not in ("F01", "F02", "F03") or len(c) != 5 or c[4] != "0" \
            or not _DEMENTIA.search(s.evidence.text) or _WITHOUT_DISTURBANCE.search(s.evidence.text):
        return s
    from workbench.record.combinations import make

    for pattern, suffix in _DISTURBANCES:
        if pattern.search(s.evidence.text):
            return make(release, s, c[:4] + suffix) or s
    return s


# Pneumonia, acute bronchitis and bronchiolitis, influenza with pneumonia.
_LOWER_RESPIRATORY = (*(f"J{n}" for n in range(12, 19)), "J20", "J21", "J22", "J100", "J110", "J09X1")


def _copd_with_infection(release: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """J44.0 beside a lower respiratory infection when the record states COPD; J44.9 gives way."""
    cm = coded | {s.code for s in sugs if s.system == "CM" and s.kind == "code"}  # a queried COPD: no J44.0
    if "J440" in cm or not any(c.startswith("J44") for c in cm) \
            or not any(c.startswith(_LOWER_RESPIRATORY) for c in cm):
        return sugs
    parts = ("J44", *_LOWER_RESPIRATORY)
    like = next((s for s in sugs if s.system == "CM" and s.code.startswith(parts)), None)
    if like is None:  # both coded: the checks' business
        return sugs
    from workbench.record.combinations import make

    new = make(release, like, "J440")
    return sugs if new is None else [s for s in sugs if s.code != "J449"] + [new]


_ARTERY = re.compile(r"\b(mca|middle cerebral|aca|anterior cerebral|pca|posterior cerebral|cerebellar)\b", _I)
_ARTERIES = {"mca": "1", "middle cerebral": "1", "aca": "2", "anterior cerebral": "2", "pca": "3",
             "posterior cerebral": "3", "cerebellar": "4"}
_SIDE = re.compile(r"\b(right|left|bilateral|r|l)\b", _I)


def _side_of(text: str) -> str:
    """1 right, 2 left, 3 bilateral (or both said), "" none."""
    sides = {m.group(1).lower()[:1] for m in _SIDE.finditer(text)}
    if "b" in sides or {"r", "l"} <= sides:
        return "3"
    return "1" if "r" in sides else "2" if "l" in sides else ""


def _stroke_artery(release: Any, s: Any) -> Any:
    """A cerebral infarction (I63) whose sentence names the artery and its side: the code of that artery,
    by the mechanism said (embolic 4, thrombotic 3, else 5: unspecified occlusion or stenosis)."""
    if s.system != "CM" or not s.code.startswith("I63"):
        return s
    text = s.evidence.text
    m = _ARTERY.search(text)
    if m is None:
        return s
    # The side said next to the artery ("left MCA", "MCA, left"), not that of a deficit ("right hemiparesis")
    side = _side_of(text[max(0, m.start() - 14): m.start()]) or _side_of(text[m.end(): m.end() + 8])
    if not side:
        return s
    low = text.lower()
    mech = "4" if re.search(r"\bembol\w*|cardioembol\w*", low) else "3" if re.search(r"\bthromb\w*", low) \
        else "5"
    from workbench.record.combinations import make

    return make(release, s, f"I63{mech}{_ARTERIES[m.group(1).lower()]}{side}") or s


_OA = re.compile(r"\b(osteoarthritis|oa|djd|degenerative joint disease|arthrosis)\b", _I)
_OA_JOINT = re.compile(r"\b(knees?|hips?)\b", _I)
_NOT_PRIMARY = re.compile(r"\b(post-?traumatic|secondary|rheumatoid|septic|psoriatic)\b", _I)


def _osteoarthritis_side(release: Any, s: Any) -> Any:
    """M17.9 / M16.9 / M19.90 read off "right knee osteoarthritis": the unilateral primary code of the side
    said, or the bilateral one."""
    if s.system != "CM" or s.code not in ("M179", "M169", "M1990", "M1991"):
        return s
    text = s.evidence.text
    joint = _OA_JOINT.search(text)
    side = _side_of(text)
    if not (_OA.search(text) and joint and side) or _NOT_PRIMARY.search(text):
        return s
    cat = "M17" if joint.group(1).lower().startswith("knee") else "M16"
    from workbench.record.combinations import make

    return make(release, s, cat + ("0" if side == "3" else "1" + side)) or s


_HYPOXIC = re.compile(r"\bhypox\w*", _I)
_HYPERCAPNIC = re.compile(r"\bhypercap\w*|\bhypercarb\w*", _I)


def _both_gases(release: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """J96.x1 (with hypoxia) read off "hypoxic and hypercapnic respiratory failure": J96.x2 too, and the
    other way round."""
    from workbench.record.combinations import make

    have = coded | {s.code for s in sugs}
    out = []
    for s in sugs:
        c = s.code
        if s.system == "CM" and c[:3] == "J96" and len(c) == 5 and c[4] in "12" \
                and _HYPOXIC.search(s.evidence.text) and _HYPERCAPNIC.search(s.evidence.text):
            other = c[:4] + ("2" if c[4] == "1" else "1")
            if other not in have and (new := make(release, s, other)) is not None:
                out.append(new)
                have.add(other)
    return out
