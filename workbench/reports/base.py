"""What every report shares: the filters (--from, --to, --coder), the result shape, CSV and JSON output.

A report is a plain function `build(store, filters, ...) -> Report`. `Report.rows` is its table (one
dict per line, keys = `columns`), `Report.summary` its headline figures, `Report.series` the data the
Reports screen charts. The CLI prints `summary` + `rows` as JSON, or `rows` as CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import statistics
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any


class ReportError(ValueError):
    """A report cannot be built as asked (bad date, unknown release); the message says what to fix."""


@dataclass(frozen=True, slots=True)
class Filters:
    """Which stays a report covers: a date range (inclusive; each report says which date it reads)
    and one coder. None means no limit."""

    start: dt.date | None = None
    end: dt.date | None = None
    coder: str | None = None

    def __post_init__(self) -> None:
        if self.start and self.end and self.end < self.start:
            raise ReportError(f"--to {self.end.isoformat()} is before --from {self.start.isoformat()}")

    def in_range(self, day: dt.date | None) -> bool:
        """Whether a date falls in the range; an unknown date is in range only when no range is set."""
        if day is None:
            return self.start is None and self.end is None
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def coder_ok(self, coder: str) -> bool:
        return self.coder is None or coder == self.coder

    def describe(self) -> dict[str, Any]:
        return {"from": self.start.isoformat() if self.start else None,
                "to": self.end.isoformat() if self.end else None, "coder": self.coder}


def parse_day(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ReportError(f"{option} must be a date as YYYY-MM-DD (got {value!r})") from None


@dataclass(slots=True)
class Report:
    name: str
    title: str
    filters: Filters
    columns: tuple[str, ...]
    rows: list[dict[str, Any]] = field(default_factory=list)
    summary: dict[str, Any] = field(default_factory=dict)
    series: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {**self.summary, "report": self.name, "filters": self.filters.describe(),
                "rows": self.rows, "notes": self.notes}


# -- output ------------------------------------------------------------------------------------

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: Any) -> Any:
    """A CSV cell a spreadsheet will not run as a formula: text starting with = + - @ (or tab, CR)
    gets a leading single quote (OWASP, "CSV Injection"). Numbers stay numbers."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}".rstrip("0").rstrip(".") if value == value else ""
    if isinstance(value, (list, tuple)):
        value = ";".join(str(v) for v in value)
    return csv_safe(value)


def write_csv(report: Report, out: IO[str]) -> int:
    """The report's rows as CSV (header = its columns); returns the number of rows."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(report.columns)
    for row in report.rows:
        w.writerow([csv_cell(row.get(c)) for c in report.columns])
    return len(report.rows)


def csv_text(report: Report) -> str:
    buf = io.StringIO()
    write_csv(report, buf)
    return buf.getvalue()


# -- small figures shared by the reports ---------------------------------------------------------

def mean(values: Iterable[float]) -> float | None:
    vals = list(values)
    return round(sum(vals) / len(vals), 4) if vals else None


def median(values: Iterable[float]) -> float | None:
    vals = list(values)
    return round(statistics.median(vals), 1) if vals else None


def share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def month_of(day: dt.date) -> str:
    return f"{day.year:04d}-{day.month:02d}"
