"""`report dnfb`: discharged, not final billed. Stays not final, by days since discharge and by reason,
with the expected payment waiting on them where a base rate is set.

Days since discharge count from the discharge date to `as_of` (today unless given). Stays not yet
discharged (no discharge date, or one after `as_of`) are not in the DNFB. The date range reads the
discharge date; --coder the assigned coder. Expected payment = Table 5 weight x base rate with the
transfer rules (`workbench.drg.payment`), for the stays that have a DRG (coded ones, or in progress
with a principal diagnosis); uncoded stays have none yet and are counted apart.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from workbench.drg import table5
from workbench.drg.payment import expected_payment
from workbench.drg.service import DrgService
from workbench.model.encounter import stay_days
from workbench.reports.base import Filters, Report
from workbench.reports.group_cache import GroupCache
from workbench.reports.grouping import groupings
from workbench.reports.stays import ReportStay

COLUMNS = ("dimension", "group", "stays", "weighted_stays", "weight_total", "expected_payment",
           "oldest_days")
BUCKETS = (("0-3", 0, 3), ("4-7", 4, 7), ("8-14", 8, 14), ("15-30", 15, 30), (">30", 31, None))
REASONS = {
    "new": "uncoded",
    "in_progress": "in progress",
    "on_hold": "on hold, open query",
    "coded": "coded, not final",
}
HOLD_ANSWERED = "on hold, query answered"


def bucket_of(days: int) -> str:
    for name, low, high in BUCKETS:
        if days >= low and (high is None or days <= high):
            return name
    return BUCKETS[0][0]  # negative never reaches here: stays discharged after as_of are left out


def reason_of(stay: ReportStay) -> str:
    if stay.status == "on_hold" and not any(q.get("status") == "open" for q in stay.queries):
        return HOLD_ANSWERED
    return REASONS[stay.status]


@dataclass(slots=True)
class _Cell:
    stays: int = 0
    weights: list[float] = field(default_factory=list)
    payment: float = 0.0
    oldest: int = 0

    def row(self, dimension: str, group: str, priced: bool) -> dict[str, object]:
        return {"dimension": dimension, "group": group, "stays": self.stays,
                "weighted_stays": len(self.weights), "weight_total": round(sum(self.weights), 4),
                "expected_payment": round(self.payment, 2) if priced else None,
                "oldest_days": self.oldest if self.stays else None}


def build(stays: list[ReportStay], filters: Filters, svc: DrgService, as_of: dt.date,
          cache: GroupCache | None = None) -> Report:
    open_stays = [s for s in stays if s.status != "final" and s.discharge_date is not None
                  and s.discharge_date <= as_of and filters.in_range(s.discharge_date)
                  and filters.coder_ok(s.coder)]
    grouped, notes = groupings(open_stays, svc, cache)
    rate = svc.base_rate
    total = _Cell()
    cells: dict[tuple[str, str], _Cell] = defaultdict(_Cell)
    for s in open_stays:
        assert s.discharge_date is not None
        days = (as_of - s.discharge_date).days
        g = grouped.get(s.account)
        weight = g.weight if g is not None else None
        pay = 0.0
        if weight is not None and rate is not None and g is not None and g.drg:
            row = table5.row(g.release, g.drg)
            if row is not None:
                los = stay_days(s.admit_date, s.discharge_date)
                pay = expected_payment(weight, rate, gmlos=row.gmlos, los=los, disposition=s.disposition,
                                       post_acute_drg=row.post_acute,
                                       special_pay_drg=row.special_pay).amount
        for cell in (total, cells[("age", bucket_of(days))], cells[("reason", reason_of(s))]):
            cell.stays += 1
            cell.oldest = max(cell.oldest, days)
            if weight is not None:
                cell.weights.append(weight)
                cell.payment += pay
    priced = rate is not None
    rows = [total.row("all", "all", priced)]
    rows += [cells[("age", b[0])].row("age", b[0], priced) for b in BUCKETS]
    reasons = [*REASONS.values(), HOLD_ANSWERED]
    rows += [cells[("reason", r)].row("reason", r, priced) for r in reasons
             if r != HOLD_ANSWERED or ("reason", r) in cells]
    if not priced:
        notes.append("no base rate set ([hospital] base_rate in config.toml): expected payment not shown")
    unpriced = total.stays - len(total.weights)
    if unpriced:
        notes.append(f"{unpriced} stays have no DRG weight yet (uncoded, ungroupable or no Table 5) and no "
                     f"expected payment")
    summary = {"stays": total.stays, "as_of": as_of.isoformat(), "base_rate": rate,
               "expected_payment": round(total.payment, 2) if priced else None,
               "weighted_stays": len(total.weights),
               "by_age": {b[0]: cells[("age", b[0])].stays for b in BUCKETS},
               "by_reason": {r["group"]: r["stays"] for r in rows if r["dimension"] == "reason"}}
    series = {"dnfb_by_age": [(b[0], float(cells[("age", b[0])].stays)) for b in BUCKETS]}
    return Report("dnfb", "Discharged, not final billed", filters, COLUMNS, rows, summary, series, notes)
