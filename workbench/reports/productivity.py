"""`report productivity`: per coder, charts coded and finalized per day and per hour worked, median
minutes per chart, rework (reopens).

Everything is read from the audit trail (who did what when); bulk imports are not coding work and are
left out. Definitions:
- A *session* is a run of one user's actions with no gap longer than SESSION_GAP (30 minutes: a
  coder who stops that long is taken to have stopped working); it lasts from its first action to its
  last. Hours worked = the sum of the sessions; a lone action adds no time.
- *Coded* / *finalized*: an action that set the status to coded / final, credited to its user.
  Per day = over the days the user did anything; per hour = over hours worked (none when 0 hours).
- *Minutes per chart*: for each chart coded, from the user's first action on that chart in the
  session of the coding to the coding; when the coding is that first action (coded straight from the
  queue), the time since the user's previous action in the session. Median over the charts.
- *Rework*: reopens (coded or final sent back, with a reason) of charts the user coded, charged to
  the user who last coded the chart before the reopen.
The date range reads the day of each action; --coder keeps one user.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from workbench.reports.base import Filters, Report, median
from workbench.reports.stays import ReportStay

SESSION_GAP = dt.timedelta(minutes=30)
NOT_WORK = frozenset({"import"})
COLUMNS = ("coder", "days_worked", "sessions", "hours_worked", "coded", "finalized", "coded_per_day",
           "coded_per_hour", "finalized_per_day", "finalized_per_hour", "median_minutes_per_chart",
           "reopens")


@dataclass(frozen=True, slots=True)
class Action:
    when: dt.datetime
    user: str
    account: str
    status_to: str | None  # the status this action set, if it changed it
    reopen: bool


def _status_to(entry: dict[str, Any]) -> str | None:
    for ch in entry.get("changes") or ():
        if isinstance(ch, dict) and ch.get("field") == "status":
            return ch.get("after")
    return None


def actions_of(stays: list[ReportStay]) -> tuple[list[Action], list[tuple[Action, str]]]:
    """Every work action (oldest first) and each reopen with the user charged for it."""
    acts: list[Action] = []
    reworks: list[tuple[Action, str]] = []
    for s in stays:
        last_coder = ""
        for e in s.audit:
            if e.get("action") in NOT_WORK:
                continue
            try:
                when = dt.datetime.fromisoformat(e["when"])
            except (KeyError, TypeError, ValueError):
                continue
            a = Action(when, str(e.get("user") or ""), s.account, _status_to(e), e.get("action") == "reopen")
            acts.append(a)
            if a.reopen and last_coder:
                reworks.append((a, last_coder))
            if a.status_to == "coded":
                last_coder = a.user
    acts.sort(key=lambda a: (a.when, a.account))
    return acts, reworks


@dataclass(slots=True)
class _Coder:
    days: set[dt.date] = field(default_factory=set)
    sessions: list[list[Action]] = field(default_factory=list)
    reopens: int = 0

    def add(self, a: Action) -> None:
        self.days.add(a.when.date())
        if self.sessions and a.when - self.sessions[-1][-1].when <= SESSION_GAP:
            self.sessions[-1].append(a)
        else:
            self.sessions.append([a])

    @property
    def hours(self) -> float:
        return sum((s[-1].when - s[0].when).total_seconds() for s in self.sessions) / 3600

    def row(self, user: str) -> dict[str, Any]:
        hours = self.hours
        coded = finalized = 0
        minutes: list[float] = []
        for sess in self.sessions:
            first_on: dict[str, dt.datetime] = {}
            for i, a in enumerate(sess):
                first_on.setdefault(a.account, a.when)
                if a.status_to == "final":
                    finalized += 1
                if a.status_to != "coded":
                    continue
                coded += 1
                start = first_on[a.account]
                if start == a.when:
                    start = sess[i - 1].when if i else a.when
                if start < a.when:
                    minutes.append((a.when - start).total_seconds() / 60)
        days = len(self.days)

        def rate(n: int, per: float) -> float | None:
            return round(n / per, 2) if per else None

        return {"coder": user, "days_worked": days, "sessions": len(self.sessions),
                "hours_worked": round(hours, 2), "coded": coded, "finalized": finalized,
                "coded_per_day": rate(coded, days), "coded_per_hour": rate(coded, hours),
                "finalized_per_day": rate(finalized, days), "finalized_per_hour": rate(finalized, hours),
                "median_minutes_per_chart": median(minutes), "reopens": self.reopens}


def build(stays: list[ReportStay], filters: Filters) -> Report:
    acts, reworks = actions_of(stays)
    coders: dict[str, _Coder] = defaultdict(_Coder)
    per_day: dict[dt.date, int] = defaultdict(int)
    for a in acts:
        if not (filters.coder_ok(a.user) and filters.in_range(a.when.date())):
            continue
        coders[a.user].add(a)
        if a.status_to == "coded":
            per_day[a.when.date()] += 1
    for a, charged in reworks:
        if filters.coder_ok(charged) and filters.in_range(a.when.date()):
            coders[charged].reopens += 1
    if filters.coder is not None:
        coders[filters.coder]  # a coder with no actions still gets a row (all zeros)
    rows = [coders[u].row(u) for u in sorted(coders)]
    hours = sum(c.hours for c in coders.values())
    coded = sum(r["coded"] for r in rows)
    finalized = sum(r["finalized"] for r in rows)
    summary = {"coders": len(rows), "coded": coded, "finalized": finalized,
               "hours_worked": round(hours, 2),
               "coded_per_hour": round(coded / hours, 2) if hours else None,
               "reopens": sum(r["reopens"] for r in rows),
               "session_gap_minutes": int(SESSION_GAP.total_seconds() // 60)}
    series = {"coded_by_day": [(d.isoformat(), float(per_day[d])) for d in sorted(per_day)]}
    return Report("productivity", "Coder productivity", filters, COLUMNS, rows, summary, series)
