"""Codes a record states in words the code search does not read as one concept: status, history and
stage statements, each checked against the sentence's context (negated, family, uncertain, ruled out).

- "septic shock" / "severe sepsis" beside a sepsis code: R65.21 / R65.20 (I.C.1.d.4, never alone);
- the CKD stage stated after "CKD" or "chronic kidney disease": N18.1-N18.6 (the stage the
  "use additional code" notes of E1x.22, I12 and I13 ask for);
- BMI with an adult's weight diagnosis: Z68.- (I.C.21.c.3: only with an associated reportable
  diagnosis such as obesity or malnutrition);
- long-term diabetes drugs (I.C.4.a.3): insulin Z79.4, oral hypoglycemics Z79.84, injectable
  non-insulin antidiabetics Z79.85, named as a class or a drug, with a diabetes code present;
- dialysis dependence Z99.2, home oxygen Z99.81, insulin pump Z96.41, status post CABG Z95.1,
  former smoker Z87.891, history of DVT / PE / TIA or stroke without residuals (Z86.718, Z86.711,
  Z86.73), old MI I25.2: personal history and status codes coders assign when the record states them;
- do-not-resuscitate Z66; long-term anticoagulant Z79.01 and antiplatelet Z79.02 drugs (not begun,
  loaded, bridged or given for a set course this stay, not prophylaxis, not a past course); a coronary
  stent of an earlier stay Z95.5;
- a diagnosis code the provider writes in parentheses after the condition (written_codes).

The rule table and its first look are stated_rules.py; history, family-history and contact codes of a
scanner mention are histories.py; infectious agents and "urosepsis" are organisms.py.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from workbench.record.sections import NOT_STATED
from workbench.record.stated_rules import (
    _ANY,
    _BAL,
    _BAL_CODES,
    _BMI,
    _CKD_STAGE,
    _RULES,
    _STAGES,
    ALLERGY_LINE,
    ALLERGY_LIST,
)
from workbench.record.stroke_sides import NO_DEFICIT  # one reading of "no residual deficits"
from workbench.record.text import MatchesLook, context, sentences

_I = re.IGNORECASE
_WEIGHT_DIAGNOSES = ("E66", "E43", "E44", "E46", "E41", "E40", "R636", "E45")
# A diabetes drug stopped, or insulin given only for the stay (I.C.4.a.3: not long-term use).
# ("Hold apixaban until follow-up with cardiology": not begun, and not taken now; a home drug held and
# resumed is kept by _KEPT and by its home list line)
_NOT_LONG_TERM = re.compile(r"\b(discontinu\w*|stopped|stop|sliding scale|ssi|held|hold|holding|allerg\w*|"
                            r"intoleran\w*)\b", _I)
# I.C.21.c.3: every drug of the home medication list is taken long term; aspirin there with its dose is
# aspirin therapy (Z79.82) even without "daily" (outside the list the daily dose must be said).
_LISTED_ASPIRIN = re.compile(r"\b(?:aspirin|asa|ecotrin)\s+\d+(?:\s*mg)?\b", re.IGNORECASE)
_STARTED = re.compile(r"\b(start\w*|initiat\w*|new(?:ly)?|begun|load\w*|bridg\w*|then|transition\w*|"
                      r"switch\w*|changed to|complet\w*|finish\w*|none since|h/o|history|"
                      r"x\s*\d+\s*(?:days?|weeks?|months?|mo)|for \d+\s*(?:days?|weeks?))\b", _I)
# A stoma made, revised or failing this stay is its procedure or complication (K94.-, J95.0-), not its status;
# palliative care declined or only discussed is none given.
_STOMA_NOW = re.compile(r"\b(placed|placement|insert\w*|creat\w*|perform\w*|complicat\w*|malfunction\w*|"
                        r"infect\w*|dislodg\w*|leak\w*|revis\w*|replac\w*|recommend\w*|consider\w*|plan\w*|"
                        # a stoma closed before this stay is no status: "colostomy reversed 2020"
                        r"will|revers\w*|taken down|take ?down|closed|closure|"
                        # "Open sigmoid colectomy with end colostomy (Hartmann procedure)": made this stay
                        r"hartmann\w*|\w+ectomy\s+(?:\w+\s+)?with)\b", _I)
_NOT_THIS_STAY = {
    "Z515": re.compile(r"\b(declin\w*|refus\w*|not (?:interested|ready|pursued|appropriate)|deferred|"
                       r"full code|full (?:treatment|scope)|if (?:she|he|they|family)|discuss\w* (?:with|if)|"
                       r"outpatient|palliative (?:chemo\w*|radiation|radiotherapy|xrt|intent|surgery|"
                       r"resection))\b", _I),
    "Z931": _STOMA_NOW, "Z930": _STOMA_NOW, "Z933": _STOMA_NOW, "Z932": _STOMA_NOW,
    "Z7952": re.compile(r"\b(taper\w*|burst|course|start\w*|initiat\w*|stress[- ]dose|"
                        r"x\s*\d+\s*(?:more |additional )?days?)\b",
                        _I),
    # "previously on hemodialysis 2019-2023", "s/p kidney transplant, off dialysis": dialysis that ended
    "Z992": re.compile(r"\b(?:previously|formerly|was|were|used to be|off|no longer|until)\s+(?:\w+\s+){0,1}?"
                       r"(?:on\s+)?(?:hemodialysis|dialysis|hd|pd)\b|\b(?:19|20)\d\d\s*(?:-|to|through)\s*"
                       r"(?:19|20)\d\d\b", _I),
    "Z7983": re.compile(r"\b(start\w*|initiat\w*|stopped|discontinu\w*|held|allerg\w*|intoleran\w*)\b", _I),
}
_PROPHYLAXIS = re.compile(r"\b(ppx|prophyla\w*)\b", _I)
_QUIT = re.compile(r"\b(quit|former|ex-?smoker|stopped|remote|used to)\b", _I)
_FULL_CODE = re.compile(r"\b(full code|not dnr|rescind\w*|revers\w*)\b", _I)
# A drug of the past told beside the drug (the sentence may name the current one too).
_USED_TO = re.compile(r"\b(?:was|were|used to be|previously|formerly|once) on\b|"
                      r"\bon\b[^.;,]{0,20}\b(?:previously|formerly|in the past|before)\b", _I)
# An allergy item the same sentence takes back: said not to be one ("codeine - intolerance, not an allergy"),
# or the same drug given since without reaction ("'iodine allergy'; tolerated CT with IV contrast"): no
# allergy status (Z88.-, Z91.04-). Another drug tolerated keeps it ("penicillin (hives) - tolerated
# pip-tazo").
_NOT_AN_ALLERGY = re.compile(r"\bnot an? (?:true )?allerg\w*|\bintoleran\w+", _I)
_TOLERATED = re.compile(r"\btolerat\w*\b", _I)


def _taken_back(text: str, end: int, pattern: re.Pattern[str]) -> bool:
    """The allergy item ending at `end` is taken back (see _NOT_AN_ALLERGY): in its own item (no ";"
    between), or the drug named again after "tolerated"."""
    t = _NOT_AN_ALLERGY.search(text, end)
    if t is not None and ";" not in text[end: t.start()]:
        return True
    t = _TOLERATED.search(text, end)
    return t is not None and pattern.search(text, t.end()) is not None


_STOPPED_LIST = re.compile(r"\b(?:stop\w*|discontinu\w*|d/c'?d)\b", _I)
_KEPT = re.compile(r"\b(resum\w*|restart\w*|continue[ds]?|home|long[- ]term)\b", _I)
_OLD_STROKE = re.compile(r"\b(old|remote|prior|previous|sequela\w*|residual|late effects?|following|since|"
                         r"history|h/o|hx|baseline|chronic)\b", _I)
# Deficit words: a stroke with them is a sequela (I69), without them a history (Z86.73).
_DEFICIT = re.compile(r"\b(residual|deficit|hemiparesis|hemiplegia|aphasia|dysphagia|dysarthria|weakness)\b",
                      _I)
# Imaging named in a sentence: abnormal imaging findings (R90.8-, R91-R93) need it.
IMAGING = re.compile(r"\b(ct|cta|mri|mra|x-?ray|xr|cxr|kub|imaging|scan|radiograph\w*|films?|ultrasound|us|"
                     r"sonogra\w*|doppler|duplex|echo\w*|mammogra\w*|pet|angiogra\w*|fluoroscop\w*|"
                     r"tomograph\w*|radiolog\w*|hida|nuclear|v/q)\b", _I)


def bmi_code(bmi: float) -> str:
    """Z68 adult BMI codes (Z68.1 through Z68.45, ICD-10-CM tabular ranges)."""
    if bmi < 20:
        return "Z681"
    if bmi < 40:
        return f"Z68{int(bmi)}"
    for top, code in ((45, "Z6841"), (50, "Z6842"), (60, "Z6843"), (70, "Z6844")):
        if bmi < top:
            return code
    return "Z6845"


def _span(s: Any, a: int, b: int) -> tuple[int, int] | None:
    """Token indexes of the sentence covering document offsets a..b."""
    toks = [i for i, t in enumerate(s.tokens) if t.end > a and t.start < b]
    return (toks[0], toks[-1]) if toks else None


def stated(release: Any, enc: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """Suggestions for the rules of the module docstring, with the sentence that states each."""
    from workbench.record.suggest import stated_suggestion

    present = coded | {s.code for s in sugs if s.system == "CM"}
    adult = (enc.age_years() or 0) >= 20
    out: dict[str, Any] = {}

    def add(code: str, s: Any, m: re.Match[str], doc: Any, d: int, kind: str = "code") -> None:
        if code in out or code in coded:
            return
        if (new := stated_suggestion(release, code, doc, d, s, m, kind=kind)) is not None:
            out[code] = new

    def delivered() -> bool:
        # the delivery's own codes (Z37, 10E0XZZ) come after these rules (pregnancy.py): a maternal record
        # (an obstetric principal) that says the delivery
        return bool(enc.diagnoses) and enc.diagnoses[0].code.startswith("O") and any(
            _DELIVERY_SAID.search(doc.text) for doc in enc.documents)

    for d, doc in enumerate(enc.documents):
        if not _ANY.search(doc.text) and "allerg" not in doc.text.lower():
            # most documents state none: no sentence splitting for them
            continue
        for s in sentences(doc.text, d):
            # A medication list ("HOME MEDS at d/c: apixaban, ...") states the drugs taken long term (Z79.-)
            # and nothing else.
            if s.section_kind == "allergies":  # the list of the patient's allergies: Z88.- statuses
                line_at = doc.text.rfind("\n", 0, s.start) + 1
                line_end = doc.text.find("\n", s.start)
                if ALLERGY_LINE.match(doc.text[line_at: line_end if line_end >= 0 else len(doc.text)]):
                    for pattern, code in ALLERGY_LIST:
                        if (m := pattern.search(s.text)) is not None and _said(s, m, history_ok=True) \
                                and not _taken_back(s.text, m.end(), pattern):
                            add(code, s, m, doc, d)
                continue
            meds = s.section_kind == "medications"
            # "Code Status: DNR/DNI, confirmed with patient" (registration text otherwise): Z66 only
            code_status = s.section.startswith("code status")
            if s.section_kind in NOT_STATED and not meds and not code_status or not _ANY.search(s.text):
                continue
            # "STOP taking these medications:", "Discontinued medications:": the drugs listed are stopped
            stopped_list = meds and _STOPPED_LIST.search(s.section) is not None
            for i, (_pattern, code, needs) in enumerate(_RULES):
                if meds and (not code.startswith("Z79") or stopped_list) or code_status and code != "Z66":
                    continue
                m = _RULE_MATCHES.match(s.text, i)
                if m is None and meds and code == "Z7982":
                    m = _LISTED_ASPIRIN.search(s.text)  # a home medication list's "aspirin 81 mg"
                if m is None or (needs and not any(c.startswith(needs) for c in present)
                                 and not (code == "O99824" and delivered())):
                    continue
                if code == "Z8673" and _DEFICIT.search(NO_DEFICIT.sub(" ", s.text)):
                    continue
                # (a medication list's line names many drugs: each drug's own item says whether it is a
                # course, held or begun: "cephalexin 500 mg QID x 5 days, apixaban 5 mg BID, aspirin 81 mg
                # daily")
                said = drug_item(s.text, m) if meds else s.text
                if code.startswith("Z79") and _NOT_LONG_TERM.search(said) and not _KEPT.search(said):
                    continue
                if code.startswith("Z79") and _USED_TO.search(s.text[max(0, m.start() - 20): m.end() + 14]):
                    continue  # "was on insulin previously, now on metformin": not current use (I.C.21.c.3)
                # (a condition's "h/o" before "on Eliquis" is no past course of the drug)
                started = _STARTED.search(_HX_WORDS.sub(" ", said) if _on_now(s, m) else said)
                if code in ("Z7901", "Z7902", "Z7982") and (started or _PROPHYLAXIS.search(said)) \
                        and not _kept_after_discharge(s):
                    continue  # begun this stay, or given to prevent a clot: not yet long-term use
                if code == "Z66" and _FULL_CODE.search(s.text):
                    continue
                if code == "F17210" and (_QUIT.search(s.text) or any(c.startswith("F17") for c in present)):
                    continue
                if code in ("R911", "R918") and not IMAGING.search(s.text):
                    continue
                if code.startswith("G81") and (_OLD_STROKE.search(s.text) or any(
                        c.startswith(("I69", "G81", "G83")) for c in present)):
                    continue
                if code in _NOT_THIS_STAY and _NOT_THIS_STAY[code].search(s.text):
                    continue
                if code in _DATED_HISTORY and m.group(0) and not _year_before_stay(m.group(0), enc):
                    continue  # "MI in 12/2026" of this stay's month is no old MI
                if code == "Z91158" and "Z91151" in out:
                    continue
                if code == "Z5900" and ("Z5901" in out or "Z5902" in out):
                    continue  # the kind of homelessness said beats the unspecified code
                if code == "I252" and any(c.startswith(("I21", "I22")) for c in present) \
                        and not _IN_YEAR_BEFORE.search(s.text):
                    continue  # "NSTEMI ... prior MI": this stay's MI unless the old one has its year
                if _said(s, m, history_ok=code[0] in "ZI" and code not in ("R6521", "R6520", "Z7901", "Z7902",
                                                                          "Z66", "Z515"),
                         family_ok=code in ("Z515", "P700", "P701"), listed_ok=code in ("Z7901", "Z7902")):
                    add(code, s, m, doc, d)
            if meds:
                continue
            m = _CKD_STAGE.search(s.text)
            if m and (_said(s, m, history_ok=True) or _negation_before_comma(s, m)):
                add(_STAGES[m.group(1).lower()], s, m, doc, d)
            m = _BAL.search(s.text)
            if m and any(c.startswith("F10") for c in present):
                level = int(m.group(1))
                add(next((c for top, c in _BAL_CODES if level < top), "Y908"), s, m, doc, d)
            m = _BMI.search(s.text)
            if m and adult and any(c.startswith(_WEIGHT_DIAGNOSES) for c in present):
                add(bmi_code(float(m.group(1))), s, m, doc, d)
    return [v for v in out.values()
            if not (v.code.startswith("Z79") and _stopped_this_stay(enc, v.evidence.phrase))]


# The rules' matches per sentence text (a rescan reads the same sentences again).
_RULE_MATCHES = MatchesLook([p for p, _, _ in _RULES])
_DOSE_WORDS = frozenset("daily baby low dose chronic long term home mg mcg on qd qday once every day by "
                        "mouth po bid tid nightly".split())
_ASPIRIN = "aspirin|asa|ecotrin"
_RESTARTED = re.compile(r"\b(resum\w*|restart\w*|continue[ds]?)\b", _I)


@functools.lru_cache(maxsize=256)
def _drug_patterns(drug: str) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(the drug named, the drug said stopped) for one drug's alternation, compiled once per drug."""
    named = re.compile(rf"\b(?:{drug})\b", _I)
    stop = re.compile(rf"\b(?:stop|stopped|discontinue[ds]?|d/c'?d|dc'?d)\W+(?:\w+\W+){{0,2}}?(?:{drug})\b|"
                      rf"\b(?:{drug})\b[^.;\n]{{0,40}}?\b(?:stopped|discontinued|d/c'?d)\b", _I)
    return named, stop


def _stopped_this_stay(enc: Any, phrase: str) -> bool:
    """The drug of a long-term use statement ("aspirin 81 mg daily for primary prevention" in the HPI) is
    stopped by the provider this stay ("Aspirin stopped", "STOP aspirin" on the discharge list, a "STOP
    taking" list) and not resumed or listed again among the discharge medications: no current long-term
    use (I.C.21.c.3)."""
    words = [w for w in re.findall(r"[a-z][a-z-]{2,}", phrase.lower()) if w not in _DOSE_WORDS]
    if not words:
        return False
    names = _ASPIRIN.split("|") if words[0] in _ASPIRIN.split("|") else [words[0]]
    named, stop = _drug_patterns(_ASPIRIN if len(names) > 1 else re.escape(words[0]))
    stopped = listed = False
    for d, doc in enumerate(enc.documents):
        if not _may_name(doc.text, names) or not named.search(doc.text):
            continue
        for s in sentences(doc.text, d):
            if not named.search(s.text) or s.section_kind in ("hpi", "history", "complaint"):
                continue
            said_stopped = stop.search(s.text) is not None or (
                s.section_kind == "medications" and _STOPPED_LIST.search(s.section) is not None)
            if said_stopped and not _RESTARTED.search(s.text):
                stopped = True
            elif s.section_kind == "medications" and "discharge" in s.section.lower() \
                    or _RESTARTED.search(s.text):
                listed = True
    return stopped and not listed


def _may_name(text: str, names: list[str]) -> bool:
    """Whether `text` may name one of the drug `names` (lower-case) as a case-insensitive word: an ASCII text
    only where its lower-case copy holds the name, a test far cheaper than the case-insensitive pattern over
    every document for every long-term drug suggested (re's IGNORECASE also folds a few non-ASCII letters:
    any other text is left to the pattern)."""
    if not text.isascii():
        return True
    low = text.lower()
    return any(n in low for n in names)


_RELATIVE = re.compile(r"\b(family|mother|father|sister|brother|fhx?|siblings?|parents?|daughter|son|mom|dad|"
                       r"grandma|grandpa|cousins?|niece|nephew|kids|children)\b", _I)


def _said(s: Any, m: re.Match[str], history_ok: bool, family_ok: bool = False,
          listed_ok: bool = False, uncertain_ok: bool = False) -> bool:
    """The statement is asserted: not negated, ruled out, family or uncertain; history only where the
    code is itself a history or status code. A relative named before the match ("family history of MI",
    whose trigger runs into the match) is the family's history, unless the code is about the family's
    part in the patient's care (`family_ok`: "family chose comfort care"). `listed_ok`: an item of a past
    medical history list with no history word of its own ("PMH: Afib on warfarin") is the patient's
    current state. `uncertain_ok`: "likely" / "probable" is read as said (II.H, an inpatient's
    condition uncertain at discharge)."""
    if not family_ok and _RELATIVE.search(s.text, 0, m.end()):
        return False
    span = _span(s, s.start + m.start(), s.start + m.end())
    if span is None:
        return False
    c = context(s, *span)
    if c.negated or c.ruled_out or c.family and not family_ok or c.uncertain and not uncertain_ok \
            or c.exposure:
        return False
    # ("h/o afib on Eliquis": the drug taken now, whatever the condition's history)
    return history_ok or not c.history or listed_ok and (c.cue == "past history section" or _on_now(s, m))


_NEGATION_WORD = re.compile(r"\b(?:no|not|without|denies|negative for)\b", _I)


def _negation_before_comma(s: Any, m: re.Match[str]) -> bool:
    """A stage negated only by a word before a comma, in another item: "Hypertensive heart and CKD without
    heart failure, CKD 3a" (I13.10's "use additional code to identify the stage": N18.31); the stage's own
    item names no negation and nothing else keeps it from being said."""
    head = s.text[: m.start()]
    cut = head.rfind(",")
    if cut < 0 or not _NEGATION_WORD.search(head[:cut]) or _NEGATION_WORD.search(head[cut:]):
        return False
    span = _span(s, s.start + m.start(), s.start + m.end())
    if span is None:
        return False
    c = context(s, *span)
    return c.negated and not (c.ruled_out or c.family or c.uncertain or c.exposure)


# I.C.21.c.3 (Z79: continuous use for long-term treatment): a drug begun this stay and continued after it on
# the discharge medication list ("Discharge meds: apixaban (starter pack)"), not a course of days, a
# bridge, a prophylaxis or a course of the past.
_PAST_COURSE = re.compile(r"\b(?:stopped|complet\w*|finish\w*|none since|h/o|history|hx|previous\w*|prior|"
                          r"(?:19|20)\d\d)\b", _I)
# (a set course of months, "Ticagrelor 90 mg BID x 12 months", is read as summaries_tuning4's TU4-19 and the
# demo key read it: a set course, not long-term use)
_SHORT_COURSE = re.compile(r"\bx\s*\d+\s*(?:days?|d|weeks?|wks?|months?|mos?)\b|"
                           r"\bfor \d+\s*(?:days?|weeks?|months?)\b|"
                           r"\bbridg\w*|\buntil\b|\bthen stop\w*", _I)


# A medication list's items: cut at a comma or semicolon that opens another drug with its dose; an item with
# no dose of its own ("apixaban 5 mg BID, started this admission") is the comment of the drug before it.
_ITEM_CUT = re.compile(r"[,;]\s+")
_DOSED = re.compile(r"\d\s*(?:mg|mcg|g|units?|ml|meq|%)\b|\b(?:one|two|1|2) (?:tabs?|puffs?|caps?)\b", _I)


def drug_item(text: str, m: re.Match[str]) -> str:
    """The item of a medication list's line that holds the match (the whole line if it is one item)."""
    cuts = [0] + [c.end() for c in _ITEM_CUT.finditer(text)] + [len(text) + 2]
    items: list[tuple[int, int]] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        piece = text[a: b - 2 if b <= len(text) else len(text)]
        if items and not _DOSED.search(piece):
            items[-1] = (items[-1][0], b)  # a comment on the drug before
        else:
            items.append((a, b))
    for a, b in items:
        if a <= m.start() < b:
            return text[a: min(b, len(text))]
    return text


# History codes whose rules read a condition dated by its year ("MI in 2019", "PE in 03/2022").
_DATED_HISTORY = frozenset({"I252", "Z86711", "Z8673", "Z86718"})
_MONTH_YEAR = re.compile(r"\b(?:(\d{1,2})/)?((?:19|20)\d\d)\b")


def _year_before_stay(phrase: str, enc: Any) -> bool:
    """Every date the phrase gives ("in 2019", "in 03/2026") is at least a month before the admission
    (the phrase without a date is not this rule's: True)."""
    admit = enc.admit_date
    dates = _MONTH_YEAR.findall(phrase)
    if admit is None or not dates:
        return True
    for month, year in dates:
        y, mo = int(year), int(month) if month else 0
        if y > admit.year or y == admit.year and (not mo or mo >= admit.month):
            return False
    return True


def _kept_after_discharge(s: Any) -> bool:
    """The antithrombotic begun this stay goes on after it for the long term (see _LONG_COURSE)."""
    if _PROPHYLAXIS.search(s.text) or _PAST_COURSE.search(s.text):
        return False
    # (a course of months said only in the hospital course stays out: summaries_tuning4's TU4-19 reads
    # "started this admission, planned 6 months" as a set course, summaries_tuning33's TU33-19 as
    # long-term use; the two keys disagree, the discharge list does not)
    return s.section_kind == "medications" and "discharge" in s.section and not _SHORT_COURSE.search(s.text)


_HX_WORDS = re.compile(r"\b(?:h/o|history)\b", _I)


def _on_now(s: Any, m: re.Match[str]) -> bool:
    """The drug is written right after "on": "h/o afib on Eliquis", "h/o DVT, on lifelong apixaban"."""
    return _ON_BEFORE.search(str(s.text[max(0, m.start() - 24): m.start()])) is not None


# "on " right before the drug, or with a word of lasting use between ("on lifelong apixaban": I.C.21.c.3,
# continuous use for long-term treatment or prophylaxis).
_ON_BEFORE = re.compile(
    r"\bon (?:(?:lifelong|life-long|long[- ]term|indefinite|chronic|daily|maintenance) )?$", _I)


_DELIVERY_SAID = re.compile(r"\b(?:n?svd|vaginal delivery|cesarean (?:delivery|section)|c-section|"
                            r"delivered|delivery of)\b", _I)
_IN_YEAR_BEFORE = re.compile(r"\b(?:19|20)\d\d\b|\byears? ago\b", _I)


# ---------------------------------------------------------------- codes the provider writes in the text

_CODE_IN_PARENS = re.compile(r"\(\s*([A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)\s*\)")


def written_codes(release: Any, enc: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """A diagnosis code the provider writes in parentheses after the condition ("history of stent (Z95.5)",
    "Anemia in CKD (D63.1)"): the code itself, when the release holds it as billable and the statement is
    asserted (not negated, uncertain or a relative's; a history or status Z code may sit in a history
    statement, an acute code may not). The other rules still hold it to the guidelines."""
    from workbench.record.suggest import stated_suggestion

    have = coded | {s.code for s in sugs}
    out: dict[str, Any] = {}
    for d, doc in enumerate(enc.documents):
        if "(" not in doc.text or not _CODE_IN_PARENS.search(doc.text):
            continue
        for s in sentences(doc.text, d):
            if s.section_kind in NOT_STATED:
                continue
            for m in _CODE_IN_PARENS.finditer(s.text):
                code = m.group(1).replace(".", "").upper()
                if code in have or code in out:
                    continue
                item = release.cm(code)
                if item is None or not item.billable:
                    continue
                # the condition the code belongs to: its last word before the parenthesis, read in context
                # ("No evidence of DVT (I82.401)", "History of PE (I26.99)", "Possible OSA (G47.33)")
                pm = None
                for word in re.finditer(r"[\w/-]+", s.text[:m.start()]):
                    pm = word
                if pm is None or not _said(s, pm, history_ok=code[0] == "Z"):
                    continue
                if (new := stated_suggestion(release, code, doc, d, s, m)) is not None:
                    out[code] = new
    return list(out.values())
