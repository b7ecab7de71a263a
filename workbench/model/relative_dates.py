"""Procedure dates a note says without writing them: "on hospital day 3", "POD 2", "the day after
admission", "yesterday" in a dated progress note. Each is resolved against the admission, the discharge
or the note's own date; words that name no single day ("last night", "overnight": either side of
midnight) are told apart, so the date offered for them is shown as a guess.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from workbench.model.encounter import Encounter

_WORDS = ("one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
          "sixteen seventeen eighteen nineteen twenty").split()
_ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
             "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth").split()
_NUMBER = {w: i + 1 for i, w in enumerate(_WORDS)} | {w: i + 1 for i, w in enumerate(_ORDINALS)}
_N = r"(\d{1,2}|" + "|".join(_WORDS) + r")"
_ORD = r"(\d{1,2}(?:st|nd|rd|th)|" + "|".join(_ORDINALS) + r")"
_STAY = r"(?:the\s+|this\s+|her\s+|his\s+|their\s+)?(?:hospital\s+stay|hospitalization|admission|stay)"
_ADMISSION = r"(?:admission|being\s+admitted|arrival)"

# (pattern, what the day counts from, sign of the number, days added): the day is
# anchor + sign * N + shift, N the pattern's number (1 when it has none).
_RULES: tuple[tuple[re.Pattern[str], str, int, int], ...] = tuple(
    (re.compile(p, re.I), anchor, sign, shift) for p, anchor, sign, shift in (
        # hospital day 1 is the admission day
        # (not "HD 2 sessions": HD is also hemodialysis)
        (r"\b(?:hospital\s+day|HD)\s*#?\s*" + _N
         + r"\b(?!\s*(?:sessions?|times|treatments?|hours?|hrs?|x\b))", "admit", 1, -1),
        (r"\b" + _ORD + r"\s+hospital\s+day\b", "admit", 1, -1),
        (r"\bday\s+#?\s*" + _N + r"\s+of\s+" + _STAY + r"\b", "admit", 1, -1),
        # a note written on postoperative day N: the surgery N days before it
        (r"\b(?:POD|post-?op(?:erative)?\s+day)\s*#?\s*" + _N + r"\b", "note", -1, 0),
        (r"\b" + _N + r"\s+days?\s+(?:after|following)\s+" + _ADMISSION, "admit", 1, 0),
        (r"\b(?:the\s+)?(?:day|morning|afternoon|evening)\s+(?:after|following)\s+" + _ADMISSION,
         "admit", 0, 1),
        (r"\b(?:the\s+)?day\s+(?:before|prior\s+to)\s+discharge\b", "discharge", 0, -1),
        (r"\b(?:the\s+)?day\s+of\s+discharge\b|\bdischarge\s+day\b", "discharge", 0, 0),
        (r"\b(?:the\s+)?day\s+of\s+" + _ADMISSION + r"|\badmission\s+day\b|\bon\s+(?:admission|arrival)\b",
         "admit", 0, 0),
        (r"\byesterday\b", "note", 0, -1),
        (r"\b" + _N + r"\s+days?\s+ago\b", "note", -1, 0),
        (r"\b(?:today|this\s+(?:morning|afternoon|evening)|earlier\s+today)\b", "note", 0, 0),
    ))
# "POD 2" dates the surgery (N days before the note) only when the sentence says the procedure is the
# surgery ("POD 2 s/p lap chole", "discharged on POD 3 after an appendectomy"); "POD1 Hgb 7.4, transfused"
# in a summary dates an event the day after a surgery the sentence does not date: a guess.
_POD = re.compile(r"\b(?:POD|post-?op)", re.I)
_OF_THE_SURGERY = re.compile(r"\b(?:s/p|status\s+post|after|following|discharged)\b", re.I)
# Words that name a time but not its calendar day: the note's date stays, shown as a guess.
_AMBIGUOUS = re.compile(r"\b(?:last\s+night|overnight|early\s+this\s+morning\s+before|tonight)\b", re.I)
# A day written or said after these words ends a procedure ("extubated yesterday", "extubated 7/8"), it
# does not date its start.
_ENDED = re.compile(r"\b(?:extubat\w*|liberated|weaned|discontinued|removed|until|through)\W+(?:on\W+)?$",
                    re.I)


def ends_procedure(text: str, start: int) -> bool:
    """True when the day at `start` of `text` follows words that end a procedure (see _ENDED)."""
    return _ENDED.search(text[max(0, start - 30):start]) is not None


@dataclass(frozen=True, slots=True)
class SaidDay:
    """The first day a sentence says in words."""

    day: dt.date | None
    """The calendar day, or None when the words name no single day (or what they count from is unknown)."""
    words: str
    """The words that say it ("POD 2", "last night")."""


def _number(text: str | None) -> int:
    if text is None:
        return 1
    text = text.lower()
    digits = re.match(r"\d+", text)
    return int(digits.group()) if digits else _NUMBER[text]


def said_day(enc: Encounter, text: str, note_day: dt.date | None) -> SaidDay | None:
    """The first day `text` (a sentence of a note dated `note_day`) says in words, resolved against the
    admission, the discharge or the note's date; None when it says none."""
    found: list[tuple[int, SaidDay]] = []
    for pattern, anchor, sign, shift in _RULES:
        for m in pattern.finditer(text):
            if ends_procedure(text, m.start()):
                continue
            if _POD.match(m.group()) and not _OF_THE_SURGERY.search(text):
                found.append((m.start(), SaidDay(None, m.group())))
                break
            base = {"admit": enc.admit_date, "discharge": enc.discharge_date, "note": note_day}[anchor]
            n = _number(m.group(1) if pattern.groups else None) if sign else 0
            day = base + dt.timedelta(days=sign * n + shift) if base is not None else None
            found.append((m.start(), SaidDay(day, m.group())))
            break
    for m in _AMBIGUOUS.finditer(text):
        if not ends_procedure(text, m.start()):
            found.append((m.start(), SaidDay(None, m.group())))
            break
    return min(found, key=lambda t: t[0])[1] if found else None
