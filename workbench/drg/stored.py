"""The grouping kept with each encounter: DRG, weight and grouper version, so the queue and the
reports read them without regrouping.

`summaries` groups many encounters at batch speed (import, background regroup). `is_stale` says when a
stored grouping was made by another grouper version than the one the discharge date now takes (a new
release installed, a date corrected), so it must be regrouped before it is trusted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from codesets.release.calendar import NoReleaseForDate, period_for_date
from workbench.drg.batch import BatchGrouper
from workbench.drg.service import DrgService
from workbench.interchange.stays import Stay
from workbench.model.encounter import Encounter

SUMMARY_KEYS = ("version", "release", "drg", "title", "weight", "mdc", "type", "severity")


def summary_of(row: dict[str, Any]) -> dict[str, Any] | None:
    """The stored grouping of one batch output row (None when the stay did not group)."""
    if row.get("error") or not row.get("drg"):
        return None
    return {k: row.get(k) for k in SUMMARY_KEYS}


def summaries(encounters: Iterable[Encounter],
              service: DrgService | None = None) -> dict[str, dict[str, Any]]:
    """Grouping summaries by account for the encounters that have a principal diagnosis."""
    stays = [Stay.of(e, n) for n, e in enumerate(encounters, 1) if e.diagnoses]
    if not stays:
        return {}
    grouper = BatchGrouper(service or DrgService())
    out = {}
    for row in grouper.rows(stays):
        s = summary_of(row)
        if s is not None:
            out[row["account"]] = s
    return out


def current_version(discharge: dt.date | None) -> str | None:
    """The grouper version a discharge date takes today (None outside every installed period)."""
    if discharge is None:
        return None
    try:
        return period_for_date(discharge).drg_version
    except NoReleaseForDate:
        return None


def is_stale(grouping: dict[str, Any] | None, discharge: dt.date | None) -> bool:
    """True when the stored grouping was made by a grouper version the stay no longer takes."""
    if not grouping or not grouping.get("drg"):
        return False
    want = current_version(discharge)
    return want is not None and str(grouping.get("version") or "") != want
