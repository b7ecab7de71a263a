"""Relative procedure dates (#16): the day a sentence says in words, against the admission (2026-03-02),
the discharge (2026-03-06) or its note's date; what is ambiguous or unsaid stays the note's date, marked
a guess; a day outside the stay is never offered."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.model.encounter import Document, Encounter
from workbench.model.procedure_dates import date_offer, sentence_date_guess

STAY = Encounter(account="E1", admit_date=dt.date(2026, 3, 2), discharge_date=dt.date(2026, 3, 6))


@pytest.mark.parametrize(("text", "note", "want"), [
    ("EGD on hospital day 2 with clipping.", "2026-03-06", ("2026-03-03", False)),
    ("POD #1 s/p lap chole, tolerating diet.", "2026-03-05 07:30", ("2026-03-04", False)),
    ("Thoracentesis yesterday, 1 L removed.", "2026-03-04", ("2026-03-03", False)),
    ("PICC placed the day before discharge.", "2026-03-06", ("2026-03-05", False)),
    ("Lap chole (2026-03-04), discharged POD 2.", "2026-03-06", ("2026-03-04", False)),  # written wins
    ("Biopsy yesterday at an outside hospital.", "2026-03-02", ("", False)),  # 03-01: before the stay
    ("On HD 9 he underwent tracheostomy.", "2026-03-06", ("", False)),  # day 9 of a 5-day stay
    ("Received HD 2 sessions this stay.", "2026-03-06", ("2026-03-06", True)),  # hemodialysis, not a day
    ("Intubated last night.", "2026-03-04", ("2026-03-04", True)),
    # POD1 dates an event after a surgery the sentence does not date, not the surgery itself
    ("POD1 Hgb 7.4, transfused 1 unit PRBC.", "2026-03-06", ("2026-03-06", True)),
    ("Extubated yesterday after two days of ventilation.", "2026-03-05", ("2026-03-05", True)),
    ("PEG placed during this hospitalization.", "2026-03-06", ("2026-03-06", True)),
])
def test_sentence_dates(text: str, note: str, want: tuple[str, bool]) -> None:
    assert sentence_date_guess(STAY, text, note, "Progress Note") == want


def test_an_operative_notes_own_date_is_not_a_guess() -> None:
    assert sentence_date_guess(STAY, "Laparoscopic cholecystectomy.", "2026-03-04", "Operative Note") == \
        ("2026-03-04", False)


def test_the_date_box_offer() -> None:
    title = "Excision of Gallbladder, Percutaneous Endoscopic Approach"
    enc = Encounter(account="E1", admit_date=dt.date(2026, 3, 2), discharge_date=dt.date(2026, 3, 6),
                    documents=[Document("Operative Note", "Laparoscopic gallbladder excision.", "Dr. A",
                                        "2026-03-03"),
                               Document("Discharge Summary", "Gallbladder removed.", "Dr. B", "2026-03-06")])
    today = dt.date(2026, 9, 1)
    # said in words, against the sentence's note
    assert date_offer(enc, title, today, "POD 2 after cholecystectomy", "2026-03-05") == \
        (dt.date(2026, 3, 3), False)
    # no day said: the operative note's date, which is the day it was done
    assert date_offer(enc, title, today, "cholecystectomy", "2026-03-06") == (dt.date(2026, 3, 3), False)
    # no note names it: the admission date, a guess
    assert date_offer(STAY, title, today, "cholecystectomy", "2026-03-06") == (dt.date(2026, 3, 2), True)
