import datetime as dt

import pytest

from codesets.release.calendar import (
    PERIODS,
    NoReleaseForDate,
    UnknownRelease,
    period,
    period_for_date,
    period_for_grouper_version,
)


@pytest.mark.parametrize(
    "day, release, version",
    [
        ("2025-09-30", "2025.1", 421),
        ("2025-10-01", "2026.0", 430),
        ("2026-03-31", "2026.0", 430),
        ("2026-04-01", "2026.1", 431),
        ("2026-09-30", "2026.1", 431),
        ("2026-10-01", "2027.0", 440),
        ("2022-10-01", "2023.0", 400),
        ("2023-03-31", "2023.0", 400),
        ("2023-04-01", "2023.1", 401),
    ],
)
def test_release_for_discharge_date_at_every_boundary(day, release, version):
    p = period_for_date(day)
    assert (p.release, p.grouper_version) == (release, version)


def test_periods_are_contiguous_and_cover_v40_to_v44():
    for a, b in zip(PERIODS, PERIODS[1:], strict=False):
        assert b.start == a.end + dt.timedelta(days=1)
    assert [p.grouper_version for p in PERIODS] == [400, 401, 410, 411, 420, 421, 430, 431, 440]


def test_dates_outside_the_calendar_say_what_is_supported():
    with pytest.raises(NoReleaseForDate, match="2022-10-01"):
        period_for_date("2022-09-30")
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        period_for_date("06/01/2026")


def test_release_lookup():
    assert period("2026.1").drg_version == "43.1"
    assert period_for_grouper_version(440).release == "2027.0"
    with pytest.raises(UnknownRelease, match="2026.1"):
        period("2031.0")
