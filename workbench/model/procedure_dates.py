"""Procedure dates: the date of the note that documents a procedure, and the stay's bounds.

A procedure is coded with the date it was performed (UB-04 FL 74), which is the date of the
operative, procedure or delivery note that describes it far more often than the admission date.
"""

from __future__ import annotations

import datetime as dt
import re

from workbench.model.encounter import Encounter
from workbench.model.relative_dates import SaidDay, ends_procedure, said_day

# Words of PCS titles that say how, not what: they do not tell one note from another.
_GENERIC = frozenset("""approach percutaneous endoscopic opening natural artificial external device
    devices right left bilateral upper lower other substitute autologous tissue synthetic partial
    complete consecutive hours body part system""".split())
# Note types that describe a procedure as it was done.
_SUMMARY = re.compile(r"discharge|summary", re.I)
_PROCEDURE_NOTE = re.compile(r"operat|procedure|surg|deliver|labor|anesth|cath|endoscop|op note", re.I)


def _stems(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]{5,}", text.lower()) if w not in _GENERIC}


def note_date(text: str) -> dt.date | None:
    """The date a note's date field starts with ("2026-06-30 16:10" -> 2026-06-30)."""
    try:
        return dt.date.fromisoformat(text.strip()[:10])
    except ValueError:
        return None


def documented_date(enc: Encounter, title: str) -> dt.date | None:
    """The date of the note that documents the procedure titled `title`, within the stay: a
    procedure note (operative, delivery...) that names it, else the earliest other note that does,
    the discharge summary last (it names every procedure of the stay, on its own date). None when
    no dated note names it."""
    found = _documenting(enc, title)
    return found[0] if found else None


def _documenting(enc: Encounter, title: str) -> tuple[dt.date, bool] | None:
    """(documented_date, whether that note is a procedure note: its date is the day it was done)."""
    words = _stems(title)
    best: tuple[int, int, int] | None = None
    for doc in enc.documents:
        day = note_date(doc.date)
        if day is None or stay_problem(enc, day) or not words & _stems(doc.text):
            continue
        rank = 2 if _PROCEDURE_NOTE.search(doc.type) else 0 if _SUMMARY.search(doc.type) else 1
        key = (rank, -day.toordinal(), len(words & _stems(doc.text)))
        if best is None or key > best:
            best = key
    return (dt.date.fromordinal(-best[1]), best[0] == 2) if best else None


# Dates as notes write them: ISO (2026-04-09), US m/d/yyyy, m/d/yy and m/d or mm/dd (the stay's year).
_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
_US = re.compile(r"(?<![\d/.])(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?(?![\d/])")


def written_dates(enc: Encounter, text: str) -> list[tuple[dt.date, bool]]:
    """The calendar dates `text` writes, in the order written, each with whether it has its year (a date
    without one takes the stay's year that puts it inside the stay, else the admission's). Dates that end
    a procedure ("extubated 7/8") are left out."""
    found: list[tuple[int, dt.date, bool]] = []
    for m in _ISO.finditer(text):
        if ends_procedure(text, m.start()):
            continue
        try:
            found.append((m.start(), dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))), True))
        except ValueError:
            continue
    for m in _US.finditer(text):
        if ends_procedure(text, m.start()):
            continue
        when = _day_of_stay(enc, int(m.group(1)), int(m.group(2)), m.group(3))
        if when is not None:
            found.append((m.start(), when, bool(m.group(3))))
    return [(d, year) for _, d, year in sorted(found, key=lambda t: t[0])]


def _day_of_stay(enc: Encounter, month: int, day: int, year: str | None,
                 no_stay_years: tuple[int, ...] = ()) -> dt.date | None:
    """The day a month/day names: in `year` when written (two digits are 20yy), else in the stay's year
    that puts it inside the stay, else the admission's (`no_stay_years` when the stay has no dates);
    None when no such day is on the calendar."""
    if year:
        years = [int(year) + (2000 if len(year) == 2 else 0)]
    else:
        years = sorted({d.year for d in (enc.admit_date, enc.discharge_date) if d is not None}) \
            or list(no_stay_years)
    days = []
    for y in years:
        try:
            days.append(dt.date(y, month, day))
        except ValueError:
            continue
    if not days:
        return None
    inside = [d for d in days if stay_problem(enc, d) is None]
    return (inside or days)[0]


def written_date(enc: Encounter, text: str) -> tuple[dt.date | None, dt.date | None]:
    """(the first date `text` writes inside the stay, the first it writes outside it): the date written
    with a procedure ("Endotracheal intubation (2026-04-09)", "EGD on 4/10") is the date it was done."""
    dates = written_dates(enc, text)
    inside = next((d for d, _ in dates if stay_problem(enc, d) is None), None)
    # without a year, a month/day outside the stay is as likely a score or count ("Apgars 8/9", "2/4
    # bottles") as a date: only a date with its year counts as one written outside the stay
    outside = next((d for d, year in dates if year and stay_problem(enc, d) is not None), None)
    return inside, outside


def sentence_date(enc: Encounter, text: str, doc_date: str, doc_type: str = "") -> str:
    """The date a procedure read from `text` (a sentence or procedure line of a note dated `doc_date`)
    carries, ISO (sentence_date_guess without whether it is a guess)."""
    return sentence_date_guess(enc, text, doc_date, doc_type)[0]


def sentence_date_guess(enc: Encounter, text: str, doc_date: str, doc_type: str = "") -> tuple[str, bool]:
    """(the date a procedure read from `text` carries, ISO; whether it is a guess). The date written with
    it inside the stay, over the note's own date (a discharge summary lists every procedure on its own
    date); else the day the sentence says in words ("POD 2", "on hospital day 3", "yesterday": against
    the note's date, the admission or the discharge); "" when the only day written or said lies outside
    the stay (never used silently: the date box then asks); else the note's date, a guess unless the note
    is the procedure's own (an operative or procedure note is written the day it is done)."""
    decided, day, said = _text_day(enc, text, note_date(doc_date))
    if decided:
        return (day.isoformat() if day is not None else ""), False
    own_note = bool(doc_type) and bool(_PROCEDURE_NOTE.search(doc_type)) and said is None
    return doc_date[:10], not own_note


def _text_day(enc: Encounter, text: str,
              note_day: dt.date | None) -> tuple[bool, dt.date | None, SaidDay | None]:
    """(whether `text` decides the procedure's day, that day, the words that say a day). The date written
    inside the stay, else the day said in words; decided but None when what it writes or says lies
    outside the stay. Undecided when it gives no day (the words, if any, name no single day)."""
    inside, outside = written_date(enc, text)
    if inside is not None:
        return True, inside, None
    if outside is not None:
        return True, None, None
    said = said_day(enc, text, note_day)
    if said is not None and said.day is not None:
        return True, (None if stay_problem(enc, said.day) else said.day), said
    return False, None, said


def default_date(enc: Encounter, title: str, today: dt.date, text: str = "",
                 note: str = "") -> dt.date | None:
    """What the date box offers (date_offer without whether it is a guess)."""
    return date_offer(enc, title, today, text, note)[0]


def date_offer(enc: Encounter, title: str, today: dt.date, text: str = "",
               note: str = "") -> tuple[dt.date | None, bool]:
    """(what the date box offers, whether it is a guess). The date written with the procedure in `text`
    (the sentence it was suggested from, in a note dated `note`) when inside the stay, or the day the
    sentence says in words ("POD 2"); none when what it writes or says lies outside the stay; else the
    documenting note's date (not a guess when that is the procedure's own note), else the admission
    date (a guess)."""
    if text:
        decided, day, _said = _text_day(enc, text, note_date(note) if note else None)
        if decided:
            return day, False
    found = _documenting(enc, title)
    if found is not None:
        return found[0], not found[1]
    return enc.admit_date or enc.discharge_date or today, True


def stay_problem(enc: Encounter, day: dt.date) -> str | None:
    """Why `day` cannot be a procedure date of this stay (None: it can)."""
    if enc.admit_date is not None and day < enc.admit_date:
        return f"{day} is before the admission ({enc.admit_date}): a procedure date falls within the stay"
    if enc.discharge_date is not None and day > enc.discharge_date:
        return f"{day} is after the discharge ({enc.discharge_date}): a procedure date falls within the stay"
    return None


_US_DATE = re.compile(r"(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}|\d{2}))?")


def read_day(enc: Encounter, text: str) -> dt.date:
    """A procedure date as a coder types it: 2026-04-10, 4/10/2026, 04/10/26, or 4/10 (month/day of
    the stay: the year that puts it within the stay, so a 12/31 to 1/2 stay reads 1/1 as the new year).
    Raises ValueError naming the forms read."""
    value = text.strip()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        pass
    m = _US_DATE.fullmatch(value)
    if m is None:
        raise ValueError(f'expected a date as YYYY-MM-DD, M/D/YYYY or M/D (got "{value}")')
    when = _day_of_stay(enc, int(m[1]), int(m[2]), m[3], (dt.date.today().year,))
    if when is None:
        raise ValueError(f'"{value}" is not a day of the calendar')
    return when
