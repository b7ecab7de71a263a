"""Procedures a discharge summary says were done this stay, in its hospital course or diagnoses, with no
operative note in the record ("He underwent EGD on 9/2 with clipping of a bleeding ulcer", "S/p lap chole on
9/3", "IR performed CT-guided percutaneous drainage ... on 9/2", "therapeutic thoracentesis on 9/2 removed
1.5 L"): each such sentence is read as an operative note's procedure line is read (the PCS search; the
approach and body part the sentence says, guided.py), with the date it gives.

A sentence states a procedure of this stay when it says it was done ("underwent", "performed", "taken to the
OR for") or dates it inside the stay; "s/p" / "status post" only with such a date or "this admission" (a
summary's "s/p lap chole" alone may be an earlier stay's). Never from a sentence that plans, recommends,
declines or defers it, or places it before the stay (a year or date before admission, "prior", "ago",
"history of"). Only the medical-surgical, obstetric, administration and extracorporeal sections (0, 1, 3,
5, 6): a summary's imaging and measurements are not coded from its retelling.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import TYPE_CHECKING

from workbench.record.sections import NOT_DONE_THIS_STAY
from workbench.record.text import sentences

if TYPE_CHECKING:
    from workbench.model.encounter import Encounter
    from workbench.record.scanner import Mention, Scanner

_I = re.IGNORECASE
_SUMMARIES = ("discharge", "death summary")
# Sections that tell what happened before the stay, or list drugs, allergies and systems.
_SECTIONS = ("0", "1", "3", "5", "6")
_DONE = re.compile(r"\b(underwent|undergone|performed|taken (?:emergently |urgently )?(?:back )?to (?:the )?"
                   r"(?:or|operating room|ir|interventional radiology|cath(?:eterization)? lab|endoscopy)|"
                   r"went to (?:the )?or|was done|were done|completed|successful(?:ly)?)\b", _I)
_STATUS_POST = re.compile(r"\b(s/p|status post|post[- ]?op(?:erative)?(?:ly)?)\b", _I)
_THIS_STAY = re.compile(r"\b(this (?:admission|hospitali[sz]ation|stay)|during (?:the|this) (?:admission|"
                        r"hospitali[sz]ation|stay)|pod ?#?\d|post[- ]?op(?:erative)? day|hospital day)\b", _I)
NOT_NOW = re.compile(r"\b(will|would|plan\w*|schedul\w*|recommend\w*|consider\w*|candidate|declin\w*|"
                     r"refus\w*|defer\w*|not (?:done|performed|pursued|indicated|needed|required)|"
                     r"no (?:need|indication)|"
                     r"outpatient|if (?:needed|worse\w*|recurs)|ago|prior(?! to discharge)|previous\w*|"
                     r"in the past|remote|history of|h/o|hx of|years? before|last (?:year|month|week|"
                     r"admission)|outside (?:hospital|facility)|osh|another (?:hospital|facility)|"
                     r"transferred from)\b", _I)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")
_MONTH = re.compile(r"\b(?:in|on|during|since) (" + "|".join(_MONTHS) + r")\b", _I)
_YEAR = re.compile(r"\b(19\d\d|20\d\d)\b")
_DATE = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})(?:/(\d{2}|\d{4}))?(?![\d/])")
_FIRST_LOOK = re.compile(r"underw|perform|taken|went to|s/p|status post|post|done|complet|success|\d/\d", _I)


def other_month(text: str, enc: Encounter) -> bool:
    """The text names a month ("in March", "during May") that is neither the admission's nor the
    discharge's: it tells of another time than this stay."""
    admit, discharge = enc.admit_date, enc.discharge_date or enc.admit_date
    if admit is None or discharge is None:
        return False
    return any(_MONTHS.index(m.group(1).lower()) + 1 not in (admit.month, discharge.month)
               for m in _MONTH.finditer(text))


def _dates(text: str, enc: Encounter) -> list[dt.date]:
    """The month/day dates the text gives, in the stay's year (or years)."""
    admit, discharge = enc.admit_date, enc.discharge_date or enc.admit_date
    if admit is None or discharge is None:
        return []
    out = []
    for m in _DATE.finditer(text):
        month, day = int(m.group(1)), int(m.group(2))
        years = [int(m.group(3)) % 100 + 2000] if m.group(3) else sorted({admit.year, discharge.year})
        for y in years:
            try:
                out.append(dt.date(y, month, day))
            except ValueError:
                continue
    return out


def _first_inside(enc: Encounter, days: list[dt.date]) -> str:
    """The first of `days` inside the stay (ISO), or ""."""
    admit, discharge = enc.admit_date, enc.discharge_date or enc.admit_date
    for day in days:
        if admit is not None and discharge is not None and admit <= day <= discharge:
            return day.isoformat()
    return ""


def stated_date(enc: Encounter, text: str) -> str:
    """The first date the text gives inside the stay (ISO), or ""."""
    return _first_inside(enc, _dates(text, enc))


def done_this_stay(text: str, enc: Encounter) -> bool:
    """Whether the sentence says a procedure was done this stay (module docstring)."""
    if NOT_NOW.search(text):
        return False
    admit = enc.admit_date
    if admit is not None and any(int(y) < admit.year for y in _YEAR.findall(text)):
        return False
    if other_month(text, enc):  # "underwent lap chole in March"
        return False
    dated = _dates(text, enc)
    inside = bool(_first_inside(enc, dated))
    if dated and not inside:
        return False  # dated, but outside the stay
    if _STATUS_POST.search(text):
        return inside or bool(_THIS_STAY.search(text))
    return inside or bool(_DONE.search(text))


def course_mentions(scanner: Scanner, enc: Encounter) -> list[Mention]:
    """The procedure mentions of the discharge summaries' sentences that say them done this stay, asserted
    (the "s/p" of such a sentence is this stay's, not a history)."""
    out: list[Mention] = []
    for d, doc in enumerate(enc.documents):
        if not any(k in (doc.type or "").lower() for k in _SUMMARIES) or not _FIRST_LOOK.search(doc.text):
            continue
        for s in sentences(doc.text, d):
            if s.section_kind in NOT_DONE_THIS_STAY or not _FIRST_LOOK.search(s.text) \
                    or not done_this_stay(s.text, enc):
                continue
            for m in scanner.scan_procedures(s, doc.text):
                c = m.context
                if m.code[:1] not in _SECTIONS or c.negated or c.ruled_out or c.family or c.uncertain:
                    continue
                out.append(dataclasses.replace(m, context=dataclasses.replace(c, history=False, cue="")))
    return out


