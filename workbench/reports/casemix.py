"""`report casemix`: coded and final stays with their weights; CMI overall and by month, MDC, service,
payer, coder and medical/surgical; CC/MCC capture rate.

CMI is the mean Table 5 relative weight (DOMAIN.md, "Table 5 and payment") over the stays that have
one; `encounters` counts those stays. The date range reads the discharge date; --coder the assigned
coder. The CC/MCC capture rate is the share of stays in a with-CC or with-MCC DRG among the stays
whose DRG family splits on CC/MCC (families from the DRG titles: `grouping.severity_split`).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from workbench.drg.service import DrgService
from workbench.reports.base import Filters, Report, mean, month_of, share
from workbench.reports.grouping import StayGrouping, groupings, severity_split
from workbench.reports.stays import DONE, ReportStay

COLUMNS = ("dimension", "group", "encounters", "weight_total", "cmi", "split_stays", "with_cc_mcc",
           "cc_mcc_rate")
DIMENSIONS = ("month", "mdc", "service", "payer", "coder", "type")


@dataclass(slots=True)
class _Cell:
    weights: list[float] = field(default_factory=list)
    split: int = 0
    with_cc: int = 0

    def add(self, g: StayGrouping) -> None:
        assert g.weight is not None
        self.weights.append(g.weight)
        side = severity_split(g.title)
        if side is not None:
            self.split += 1
            self.with_cc += side == "with"

    def row(self, dimension: str, group: str) -> dict[str, Any]:
        return {"dimension": dimension, "group": group, "encounters": len(self.weights),
                "weight_total": round(sum(self.weights), 4), "cmi": mean(self.weights),
                "split_stays": self.split, "with_cc_mcc": self.with_cc,
                "cc_mcc_rate": share(self.with_cc, self.split)}


def selected(stays: list[ReportStay], filters: Filters) -> list[ReportStay]:
    return [s for s in stays if s.status in DONE and filters.in_range(s.discharge_date)
            and filters.coder_ok(s.coder)]


def build(stays: list[ReportStay], filters: Filters, svc: DrgService) -> Report:
    chosen = selected(stays, filters)
    grouped, notes = groupings(chosen, svc)
    total = _Cell()
    cells: dict[tuple[str, str], _Cell] = defaultdict(_Cell)
    no_weight = 0
    for s in chosen:
        g = grouped.get(s.account)
        if g is None or g.weight is None:
            no_weight += g is not None
            continue
        total.add(g)
        keys = {"month": month_of(s.discharge_date) if s.discharge_date else "(no discharge date)",
                "mdc": g.mdc or "(none)", "service": s.service or "(none)", "payer": s.payer or "(none)",
                "coder": s.coder or "(unassigned)", "type": g.type}
        for dim, value in keys.items():
            cells[(dim, value)].add(g)
    if no_weight:
        notes.append(f"{no_weight} grouped stays have no weight (no Table 5 installed for their year, or "
                     f"DRG 998/999); they are left out of the CMI")
    ungrouped = len(chosen) - len(grouped)
    if ungrouped:
        notes.append(f"{ungrouped} coded stays could not be grouped (no principal diagnosis or a grouper "
                     f"error) and are left out")
    rows = [total.row("all", "all")]
    for dim in DIMENSIONS:
        rows += [cells[k].row(dim, k[1]) for k in sorted(k for k in cells if k[0] == dim)]
    summary = {"encounters": len(total.weights), "cmi": mean(total.weights),
               "weight_total": round(sum(total.weights), 4), "coded_stays": len(chosen),
               "grouped": len(grouped), "split_stays": total.split, "with_cc_mcc": total.with_cc,
               "cc_mcc_rate": share(total.with_cc, total.split),
               "regrouped": sum(1 for g in grouped.values() if g.source == "regrouped")}
    series = {"cmi_by_month": [(r["group"], r["cmi"]) for r in rows if r["dimension"] == "month"]}
    return Report("casemix", "Case mix", filters, COLUMNS, rows, summary, series, notes)
