"""Department reports over the encounter store: case mix, DNFB, productivity, queries, DRG shift.

Plain modules (no Textual): `workbench report NAME` and the Reports screen both call `build_report`.
Each report's module docstring defines its figures.
"""

from __future__ import annotations

import datetime as dt

from workbench.drg.service import DrgService
from workbench.reports.base import Filters, Report, ReportError
from workbench.reports.group_cache import GroupCache
from workbench.reports.stays import ReportStay

REPORTS = {
    "casemix": "case mix index by month, MDC, service, payer, coder, med/surg; CC/MCC capture",
    "dnfb": "discharged not final billed: by days since discharge and reason, payment at stake",
    "productivity": "per coder: charts coded and finalized per day and hour, minutes per chart, reopens",
    "queries": "physician queries: open, answered, age, answer rate, by physician",
    "shift": "every coded stay regrouped under another release's MS-DRG version (--release R)",
}

__all__ = ["REPORTS", "Filters", "GroupCache", "Report", "ReportError", "build_report"]


def build_report(name: str, stays: list[ReportStay], filters: Filters, svc: DrgService, *,
                 as_of: dt.date, release: str | None = None, cache: GroupCache | None = None) -> Report:
    """Build report `name` over `stays` (from `workbench.reports.stays.load_stays`); regroupings go
    through `cache` (`GroupCache.of_store` keeps them between reports; None: this report only)."""
    if name == "casemix":
        from workbench.reports import casemix

        return casemix.build(stays, filters, svc, cache)
    if name == "dnfb":
        from workbench.reports import dnfb

        return dnfb.build(stays, filters, svc, as_of, cache)
    if name == "productivity":
        from workbench.reports import productivity

        return productivity.build(stays, filters)
    if name == "queries":
        from workbench.reports import queries

        return queries.build(stays, filters, as_of)
    if name == "shift":
        if not release:
            raise ReportError("shift needs --release R, the release to regroup under (e.g. 2027.0)")
        from workbench.reports import shift

        return shift.build(stays, filters, svc, release, cache)
    raise ReportError(f"unknown report {name!r}: expected one of {', '.join(REPORTS)}")
