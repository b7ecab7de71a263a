"""`procedure_dates.read_day`: a procedure date as coders type it, read within the stay."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.model.encounter import Encounter
from workbench.model.procedure_dates import read_day


def stay(admit: dt.date, discharge: dt.date) -> Encounter:
    return Encounter(account="A1", admit_date=admit, discharge_date=discharge)


def test_the_forms_a_coder_types() -> None:
    enc = stay(dt.date(2026, 4, 8), dt.date(2026, 4, 10))
    assert read_day(enc, "2026-04-09") == dt.date(2026, 4, 9)
    assert read_day(enc, "4/9") == read_day(enc, "04/09") == read_day(enc, "4-9") == dt.date(2026, 4, 9)
    assert read_day(enc, "4/9/2026") == read_day(enc, "04/09/26") == dt.date(2026, 4, 9)
    assert read_day(enc, " 4/10 ") == dt.date(2026, 4, 10)


def test_month_day_takes_the_year_that_puts_it_in_a_stay_across_new_year() -> None:
    enc = stay(dt.date(2025, 12, 30), dt.date(2026, 1, 2))
    assert read_day(enc, "1/1") == dt.date(2026, 1, 1)
    assert read_day(enc, "12/31") == dt.date(2025, 12, 31)


@pytest.mark.parametrize("typed,says", [("4/31", "not a day of the calendar"), ("April 9", "M/D/YYYY"),
                                        ("13/40/2026", "not a day of the calendar")])
def test_what_is_not_a_date_says_why(typed: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        read_day(stay(dt.date(2026, 4, 8), dt.date(2026, 4, 10)), typed)
