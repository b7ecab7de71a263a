"""Words of a record that name a condition without diagnosing it in the patient (Section III: only conditions
evaluated, treated or monitored are reported; a condition named is not a condition had):

- teaching and return instructions: "Warning signs of stroke and heart attack reviewed", "educated on
  signs and symptoms of infection and DVT", "Return to the ED for chest pain", "Call your doctor if you
  develop rash", "Discharge Instructions: Monitor for signs of dehydration, fever, confusion or falls";
- the risks of a drug or an operation discussed, a consent: "Risks of anticoagulation, including GI bleeding",
  "the risks including bleeding, infection, DVT, PE, MI, stroke and death were discussed";
- "signs" or "symptoms" alone, which the search reads as a chapter-18 title ("Other signs and symptoms in
  breast");
- a serology or an immunity: "rubella immune", "Hep B surface antibody positive (vaccinated)", "Varicella IgG
  positive", "Hep C antibody negative", a test's name ("Hepatitis panel and HIV screen sent") (a test result
  or order, not the infection; a PCR or a toxin is left alone); the tests for a condition said normal
  ("preeclampsia labs normal", "DVT work-up negative");
- nicotine dependence in a sentence that says the smoking stopped years ago ("counseled on smoking cessation;
  he quit 5 years ago": Z87.891, stated.py).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.record.suggest import Suggestion

_I = re.IGNORECASE
# A cue before the condition in its sentence.
_TEACHING = re.compile(
    r"\b(?:warning|early|danger|red[- ]flag) (?:signs?|symptoms)\b|\bsigns? (?:and|&|or) symptoms? of\b|"
    r"\brisks? (?:of|including|such as|include[ds]?|and benefits)\b|\bbenefits and risks\b|"
    r"\breturn (?:to (?:the )?(?:ed|er|emergency\w*|hospital)|precautions|if|for|with)\b|"
    r"\bseek (?:immediate |urgent )?(?:medical )?(?:care|attention|help|evaluation)\b|"
    r"\b(?:monitor|watch|look out) (?:closely )?for (?:any )?(?:signs?|symptoms?)\b|"
    r"\b(?:discharge|patient|home) instructions\b|"
    r"\bcall (?:your|the|911|pcp|doctor|physician|clinic|office)\b[^.;]{0,25}\b(?:if|for|should|with)\b|"
    r"\b(?:educat\w*|counsel\w*|instruct\w*|taught) (?:on|about|regarding) (?:the )?(?:risks?|signs?|"
    r"symptoms?|warning)\b", _I)
_SIGNS_ONLY = frozenset({"sign", "signs", "symptom", "symptoms", "signs and symptoms", "sx"})
_SEROLOGY_AFTER = re.compile(r"\W*(?:(?:surface|core|s|total)\s+)?(?:antibod\w*|ab|abs|igg|igm|titers?|"
                             r"titres?|immune|immunity|non-?immune|serolog\w*|antigen|ag|panel|screen)\b", _I)
# "Preeclampsia labs normal", "DVT work-up negative": the tests for a condition came back normal (III.B).
_TESTS_NORMAL_AFTER = re.compile(r"\W*(?:labs?|lab ?work|work-?up|studies|tests?)\s+(?:were\s+|was\s+|are\s+|"
                                 r"all\s+)?(?:normal|negative|unremarkable|wnl|within normal limits)\b", _I)
_QUIT_AGO = re.compile(r"\bquit\s+(?:\w+\s+){0,2}?(?:years?|yrs?|months?|mos?|decades?)\s+ago\b|"
                       r"\b(?:former|ex-?)\s?smoker\b", _I)


def names_no_diagnosis(s: Suggestion) -> bool:
    """The suggestion's words name a condition the patient is not said to have (module docstring)."""
    ev = s.evidence
    phrase = ev.phrase.lower().strip()
    if phrase in _SIGNS_ONLY:
        return True
    before = ev.text[: max(0, ev.phrase_start - ev.start)]
    if _TEACHING.search(before):
        return True
    if _SEROLOGY_AFTER.match(ev.text, ev.phrase_end - ev.start):
        return True
    if _TESTS_NORMAL_AFTER.match(ev.text, ev.phrase_end - ev.start):
        return True
    return s.code.startswith(("F172", "Z720")) and bool(_QUIT_AGO.search(ev.text))
