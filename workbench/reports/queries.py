"""`report queries`: physician queries, open and answered, their age, the answer rate, by physician.

A query goes to the stay's attending physician (the query record names its author, the coder, not
its addressee), so "by physician" groups by the attending. Age of an open query: days from its
creation to `as_of`; turnaround of an answered one: days from creation to answer. Answer rate =
answered / all queries asked (withdrawn ones count as asked, not answered). The date range reads the
day the query was created; --coder keeps the queries that coder wrote.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from workbench.reports.base import Filters, Report, median, share
from workbench.reports.stays import ReportStay

COLUMNS = ("physician", "queries", "open", "answered", "withdrawn", "answer_rate",
           "median_days_to_answer", "oldest_open_days")


def _day(v: Any) -> dt.date | None:
    if not isinstance(v, str) or len(v) < 10:
        return None
    try:
        return dt.date.fromisoformat(v[:10])
    except ValueError:
        return None


@dataclass(slots=True)
class _Cell:
    counts: dict[str, int] = field(default_factory=lambda: {"open": 0, "answered": 0, "withdrawn": 0})
    turnaround: list[int] = field(default_factory=list)
    open_ages: list[int] = field(default_factory=list)

    def row(self, physician: str) -> dict[str, Any]:
        n = sum(self.counts.values())
        return {"physician": physician, "queries": n, **self.counts,
                "answer_rate": share(self.counts["answered"], n),
                "median_days_to_answer": median(self.turnaround),
                "oldest_open_days": max(self.open_ages) if self.open_ages else None}


def build(stays: list[ReportStay], filters: Filters, as_of: dt.date) -> Report:
    total = _Cell()
    cells: dict[str, _Cell] = defaultdict(_Cell)
    undated = 0
    for s in stays:
        for q in s.queries:
            created = _day(q.get("created"))
            if not (filters.coder_ok(str(q.get("author") or "")) and filters.in_range(created)):
                continue
            status = str(q.get("status"))
            if status not in total.counts:
                status = "open"
            cell = cells[s.attending or "(no attending)"]
            for c in (total, cell):
                c.counts[status] += 1
            answered = _day(q.get("answered"))
            if created is None:
                undated += 1
            elif status == "answered" and answered is not None:
                for c in (total, cell):
                    c.turnaround.append((answered - created).days)
            elif status == "open":
                for c in (total, cell):
                    c.open_ages.append((as_of - created).days)
    rows = [cells[p].row(p) for p in sorted(cells)]
    t = total.row("all")
    summary = {"queries": t["queries"], "open": t["open"], "answered": t["answered"],
               "withdrawn": t["withdrawn"], "answer_rate": t["answer_rate"],
               "median_days_to_answer": t["median_days_to_answer"],
               "median_open_age_days": median(total.open_ages), "oldest_open_days": t["oldest_open_days"],
               "as_of": as_of.isoformat()}
    notes = [f"{undated} queries have no creation date: counted, without an age"] if undated else []
    series = {"open_by_physician": [(r["physician"], float(r["open"])) for r in rows]}
    return Report("queries", "Physician queries", filters, COLUMNS, rows, summary, series, notes)
