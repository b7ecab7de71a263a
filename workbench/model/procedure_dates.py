"""Procedure dates: the date of the note that documents a procedure, and the stay's bounds.

A procedure is coded with the date it was performed (UB-04 FL 74), which is the date of the
operative, procedure or delivery note that describes it far more often than the admission date.
"""

from __future__ import annotations

import datetime as dt
import re

from workbench.model.encounter import Encounter

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
    return dt.date.fromordinal(-best[1]) if best else None


def default_date(enc: Encounter, title: str, today: dt.date) -> dt.date:
    """What the date box offers: the documenting note's date, else the admission date."""
    return documented_date(enc, title) or enc.admit_date or enc.discharge_date or today


def stay_problem(enc: Encounter, day: dt.date) -> str | None:
    """Why `day` cannot be a procedure date of this stay (None: it can)."""
    if enc.admit_date is not None and day < enc.admit_date:
        return f"{day} is before the admission ({enc.admit_date}): a procedure date falls within the stay"
    if enc.discharge_date is not None and day > enc.discharge_date:
        return f"{day} is after the discharge ({enc.discharge_date}): a procedure date falls within the stay"
    return None
