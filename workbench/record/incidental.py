"""Findings the stay did not evaluate or treat, and findings part of the principal condition: no code.

Official Guidelines Section III (UHDDS "other diagnoses"): a secondary diagnosis is reported only when it
was clinically evaluated, treated, monitored, or needed diagnostic procedures, nursing care or a longer
stay. Section III.B: abnormal findings (imaging) are not coded unless the provider gives them clinical
significance. I.B.5 / Coding Clinic: a sign routinely part of the condition (a small pleural effusion with
pneumonia or heart failure, cleared by treating that condition) is not coded unless itself treated.

- `not_this_stay`: a finding the sentence sends to outpatient care ("Onychomycosis noted on exam; podiatry
  follow-up as an outpatient", "Right inguinal hernia, reducible - elective outpatient repair") or of which
  it says nothing is to be done ("Incidental simple renal cyst, no follow-up needed"), with no management
  this stay.
- `integral_findings`: a pleural effusion beside pneumonia or heart failure unless drained; a film
  finding (atelectasis, a renal cyst, gallstones, ...) stated only as seen on imaging, with no follow-up
  study planned for it.
- `injury_already_coded`: an injury code of the same subcategory and encounter as a coded one (S06.5XAA
  "LOC status unknown" beside the coded S06.5X0A "without loss of consciousness"): one injury, one code.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from workbench.record.combinations import make as _make
from workbench.record.stated import IMAGING

if TYPE_CHECKING:
    from codesets.release.core import Release
    from workbench.model.encounter import Encounter
    from workbench.record.suggest import Suggestion

_I = re.IGNORECASE
# A test or visit months after discharge: "f/u CT in 6 months", "repeat imaging in 3-6 mo".
LATER = (r"(?:follow[- ]?up|f/u|repeat|recheck)\s+(?:[\w/-]+\s+){0,2}in\s+\d+\s*(?:-\s*\d+\s*)?"
          r"(?:weeks?|wks?|months?|mos?|years?|yrs?)")
# The sentence hands the finding to care after this stay, or says nothing is to be done about it.
_OUTPATIENT = re.compile(r"\b(outpatient|outpt|as an? outpatient|after discharge|"
                         r"(?:follow[- ]?up|f/u) (?:with|by|in)|^\W*(?:follow[- ]?up|f/u)\b|" + LATER + r"|"
                         r"with (?:the |her |his |their |a )?(?:pcp|primary care\w*)|"
                         r"(?:podiatry|dermatology|derm|endocrinology|urology|gi|surgical|surgery|pcp|"
                         r"primary care|ent|ophthalmology|gynecology|cardiology|pulmonology|nephrology|"
                         r"neurology|hematology|oncology)\s+(?:follow[- ]?up|f/u|referral|clinic|"
                         r"appointment|visit|consult\w*)|referr\w*|refer to|elective\w*|"
                         r"no (?:further |specific )?(?:follow[- ]?up|f/u|work-?up|action|intervention|"
                         r"treatment|therapy)"
                         r"(?: (?:is )?(?:needed|required|indicated|necessary))?)\b", _I)
# Management this stay: the sentence says the condition was treated, worked up or changed the care.
_MANAGED = re.compile(r"\b(treat\w*|start\w*|initiat\w*|given|gave|receiv\w*|continu\w*|cont'?d?|resum\w*|"
                      r"held|hold|adjust\w*|increas\w*|decreas\w*|titrat\w*|manag\w*|improv\w*|resolv\w*|"
                      r"repair\w*|drain\w*|remov\w*|excis\w*|debrid\w*|biops\w*|tapped|aspirat\w*|iv|"
                      r"transfus\w*|replet\w*|replac\w*|diures\w*|monitor\w*|consult\w*|evaluat\w*|"
                      r"symptomatic|painful|bleeding|infected|required|requiring|placed|underwent|"
                      r"stable|controlled|at baseline|unchanged|order(?:ed)?|obtained|performed|"
                      r"s/p|status post|prescri\w*|dose\w*|mg|on (?:home )?\w+(?:in|ol|ide|ate|one|pril|"
                      r"sartan|statin)\b)\b", _I)
# Chronic systemic conditions: coded whenever present and monitored (Section III; Coding Clinic), whatever
# the sentence says about follow-up.
_ALWAYS_CODED = ("N40", "K21", "G47", "M81", "E08", "E09", "E10", "E11", "E13", "I10", "I11", "I12", "I13",
                 "I15", "I16", "I25", "I27", "I48", "I50", "N18", "J44", "J45", "J84", "J96", "E66", "E03",
                 "E05", "E78", "G20", "G30", "G35", "G40", "F0", "F1", "F2", "F3", "F4", "B20", "C", "D63",
                 "D57", "K70", "K74", "Z")


_CLAUSE_END = re.compile(r"[,;.]|$")


def _unmanaged(text: str) -> bool:
    """No management word outside the clauses that hand the finding on ("elective outpatient surgical
    repair" is a repair after this stay)."""
    for m in _OUTPATIENT.finditer(text):
        end = _CLAUSE_END.search(text, m.end())
        text = text[: m.start()] + " " * ((end.start() if end else len(text)) - m.start()) + \
            text[end.start() if end else len(text):]
    return not _MANAGED.search(text)


class FinalDiagnoses:
    """The words of each sentence of the record's discharge diagnoses (its "final" sections), read when
    first asked: most records have no suggestion that needs them."""

    def __init__(self, enc: Encounter) -> None:
        self._enc = enc
        self._words: list[frozenset[str]] | None = None

    def __iter__(self) -> Iterator[frozenset[str]]:
        if self._words is None:
            from workbench.record.suggest import _words
            from workbench.record.text import sentences

            self._words = [_words(s.text) for d, doc in enumerate(self._enc.documents)
                           for s in sentences(doc.text, d) if s.section_kind == "final"]
        return iter(self._words)


def final_diagnoses(enc: Encounter) -> FinalDiagnoses:
    """The record's discharge diagnoses, as words per sentence (read lazily)."""
    return FinalDiagnoses(enc)


def _concluded(s: Suggestion, finals: Iterable[frozenset[str]]) -> bool:
    """The provider lists the finding among the discharge diagnoses ("2. Pulmonary nodule"): clinical
    significance given (Section III.B), whatever the narrative sentence says."""
    from workbench.record.suggest import _words

    mine = _words(s.evidence.phrase)
    return bool(mine) and any(mine <= f for f in finals)


def not_this_stay(sugs: list[Suggestion], finals: Iterable[frozenset[str]]) -> list[Suggestion]:
    """Leave out a diagnosis whose sentence sends it to outpatient care or says nothing is to be done, with no
    management this stay (Section III): neither a code nor a query (the provider decided, nothing is
    unclear). Chronic systemic conditions stay (they are monitored); an uncertain one stays a query; one
    the discharge diagnoses list stays."""
    out = []
    for s in sugs:
        text = s.evidence.text
        if s.system == "CM" and not s.code.startswith(_ALWAYS_CODED) and not s.evidence.cue \
                and _OUTPATIENT.search(text) and _unmanaged(text) \
                and not _concluded(s, finals):
            continue
        out.append(s)
    return out


_PLEURAL_EFFUSION = ("J90", "J918")
# Pneumonia (J12-J18, aspiration J69.0) and heart failure (I50, and the hypertensive codes that state it).
_EFFUSION_WITH = ("J12", "J13", "J14", "J15", "J16", "J17", "J18", "J690", "I50", "I110", "I130", "I132",
                  "I0981")
_DRAINED = re.compile(r"\b(thoracentes\w*|chest tube|pigtail|pleurx|pleurodes\w*|drain\w*|tapped)\b", _I)
_NOT_DONE = re.compile(r"\b(no|not|without|too small to|deferred|declined)\b[^.;]{0,25}$", _I)
# Findings a film shows that are usually incidental: coded only when the stay did something about them.
_FILM_FINDINGS = ("J9811", "J9819", "J90", "J918", "N281", "K7689", "K8020", "I700", "I7090", "K449", "I517",
                  "N200", "R911", "R918", "K5730", "K5790", "Q613", "E278")


# A follow-up study the provider plans for the finding ("follow-up CT", "repeat imaging"): clinical
# significance given (Section III.B), the finding is coded; handing it to outpatient care is another matter.
_FOLLOWED = re.compile(r"\b(?:follow[- ]?up|f/u|repeat|surveillance)\b(?! (?:with|by|in)\b)", _I)


def _drained(text: str) -> bool:
    for m in _DRAINED.finditer(text):
        if not _NOT_DONE.search(text[: m.start()]):
            return True
    return False


def integral_findings(sugs: list[Suggestion], coded: set[str], finals: Iterable[frozenset[str]],
                      release: Release | None = None) -> list[Suggestion]:
    """No pleural effusion beside pneumonia or heart failure (coded or suggested) unless it was drained;
    no film finding said only as seen on imaging, with nothing done about it (Section III.B)."""
    have = coded | {s.code for s in sugs if s.system == "CM"}
    with_cause = any(c.startswith(_EFFUSION_WITH) for c in have)
    out = []
    for s in sugs:
        text = s.evidence.text
        if s.system == "CM" and s.code in _PLEURAL_EFFUSION and with_cause and not _drained(text):
            continue
        if s.system == "CM" and s.code == "J90" and with_cause and release is not None:
            # Index "Effusion, pleura, in conditions classified elsewhere J91.8": drained, it is the heart
            # failure's or the pneumonia's effusion, J91.8 (J90 Excludes1 it)
            s = _make(release, s, "J918") or s
        if s.system == "CM" and s.code in _FILM_FINDINGS and IMAGING.search(text) and _unmanaged(text) \
                and not _drained(text) and not _concluded(s, finals) and not _FOLLOWED.search(text):
            continue
        out.append(s)
    return out


def _injury(code: str) -> bool:
    return code[:1] in ("S", "T") and len(code) == 7


def injury_already_coded(sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """No injury code (S/T, 7 characters) of the subcategory (first five characters) and encounter (7th
    character) of a coded one: the record's one injury is coded; another reading of it (another LOC
    status, another side) contradicts the coder's."""
    taken = {(c[:5], c[6]) for c in coded if _injury(c)}
    return [s for s in sugs
            if not (s.system == "CM" and _injury(s.code) and (s.code[:5], s.code[6]) in taken)]


# II.H / III.C: a suspicion the stay answered against it in the same sentence ("Concern for pneumonia on
# admission but CXR clear and procalcitonin low; antibiotics stopped"): ruled out, neither code nor query.
_ANSWERED_AGAINST = re.compile(r"\b(?:but|however|yet)\b[^.]{0,60}?\b(?:clear|negative|normal|unremarkable|"
                               r"unrevealing|no evidence|not (?:consistent|supported|confirmed)|ruled out|"
                               r"at (?:her |his |the patient's )?baseline)\b",
                               _I)


# A problem item that names a question and answers it after its dash: "r/o arrhythmia - tele without events
# x 48h", "? seizure - EEG normal", "Possible PE - CTA negative": the work-up found nothing (II.H: ruled out).
_ITEM_ANSWERED = re.compile(r"^\s*(?:-|--|\u2013|:)\s*(?:[^.;,]{0,40}?\b)?(?:negative|neg|normal|"
                            r"unremarkable|unrevealing|without (?:events|abnormalit\w+|evidence\b[^.;]*)|"
                            r"no (?:events|abnormalit\w+|acute findings)|wnl|within normal limits)\b", _I)


def answered_against(sugs: list[Suggestion]) -> list[Suggestion]:
    """Leave out an uncertain diagnosis ("concern for", "possible") its own sentence answers against."""
    out = []
    for s in sugs:
        ev = s.evidence
        after = ev.text[max(0, ev.phrase_end - ev.start):]
        if s.system == "CM" and (ev.cue or _questioned_item(ev)) and (
                _ANSWERED_AGAINST.search(after) or _ITEM_ANSWERED.match(after) and _doubt(ev)):
            continue
        out.append(s)
    return out


# "Probable osteomyelitis - MRI negative early, treated with 6 weeks of IV antibiotics": the provider's
# conclusion, or a condition treated, outweighs the test (II.H).
_CONCLUDED = re.compile(r"\b(probabl[ey]|likely)\b", _I)
_TREATED = re.compile(r"\b(treat\w*|antibiotics|started|continued|given|complet\w*|cultures?)\b", _I)


def _doubt(ev: Any) -> bool:
    """The item is a doubt the work-up could answer: not concluded, not treated as the condition (a negative
    culture answers no doubt: "Possible pneumonia - blood cultures negative, completed ceftriaxone")."""
    return not _CONCLUDED.search(str(ev.cue)) and not _TREATED.search(str(ev.text))


def _questioned_item(ev: Any) -> bool:
    """"? seizure - EEG normal": a question mark right before the condition."""
    return str(ev.text)[: max(0, ev.phrase_start - ev.start)].rstrip().endswith("?")


# A condition operated on in a past year ("Left eye cataract surgery 2021", "gallbladder removed in 2015"):
# the condition is gone (history or status codes, Z9-, where care needs them), never its own code.
_OPERATED = re.compile(r"[^.;]{0,40}?\b(?:surgery|repair(?:ed)?|removed|removal|excised|extracted|resected|"
                       r"\w+ectomy)\b(?:\s+(?:in|on))?\s+((?:19|20)\d\d)\b", _I)


def operated_before(sugs: list[Suggestion], year: int) -> list[Suggestion]:
    """Leave out a diagnosis (not a cancer, status or history code) whose sentence says it was operated on
    in a year before the stay's, right after naming it."""
    out = []
    for s in sugs:
        ev = s.evidence
        m = _OPERATED.match(ev.text, max(0, ev.phrase_start - ev.start))  # the phrase may hold "surgery"
        if s.system == "CM" and not s.code.startswith(("C", "Z", "D0")) and m and int(m.group(1)) < year:
            continue
        out.append(s)
    return out
