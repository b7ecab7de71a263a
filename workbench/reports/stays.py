"""The stays a report reads: the stored encounters, their kept grouping, audit trail and queries.

Read once per report with `workbench.store.scan` (one shared lock, no documents).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from workbench.store.core import Store
from workbench.store.scan import scan_encounters

DONE = ("coded", "final")  # the coder's finished work: what case mix and the DRG shift count


def _day(v: Any) -> dt.date | None:
    if not isinstance(v, str) or not v:
        return None
    try:
        return dt.date.fromisoformat(v[:10])
    except ValueError:
        return None


@dataclass(frozen=True, slots=True)
class ReportStay:
    account: str
    status: str
    coder: str
    admit_date: dt.date | None
    discharge_date: dt.date | None
    payer: str
    service: str
    attending: str
    disposition: str
    has_principal: bool
    record: dict[str, Any]  # the interchange record without documents (for regrouping)
    kept: dict[str, Any] | None  # the grouping summary kept on save, if any
    audit: list[dict[str, Any]]
    queries: list[dict[str, Any]]


def load_stays(store: Store) -> list[ReportStay]:
    """Every encounter of the database as a report reads it."""
    out = []
    for raw in scan_encounters(store):
        rec = raw.record
        out.append(ReportStay(
            account=str(rec.get("account", raw.row["account"])),
            status=str(rec.get("status") or "new"),
            coder=str(rec.get("coder") or ""),
            admit_date=_day(rec.get("admit_date")),
            discharge_date=_day(rec.get("discharge_date")),
            payer=str(rec.get("payer") or ""),
            service=str(rec.get("service") or ""),
            attending=str(rec.get("attending") or ""),
            disposition=str(rec.get("disposition") or "01"),
            has_principal=bool(rec.get("diagnoses")),
            record=rec,
            kept=raw.grouping if isinstance(raw.grouping, dict) else None,
            audit=raw.audit,
            queries=[q for q in rec.get("queries") or () if isinstance(q, dict)],
        ))
    return out
