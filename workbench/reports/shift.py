"""`report shift --release R`: every coded stay regrouped under release R's MS-DRG version, to see
what happens to the queue on 1 October (or 1 April).

The coding stays as it is; only the grouper version changes (R's, from the calendar:
`codesets.release.calendar`), and the weight is R's Table 5 weight (null, with a note, when R's
Table 5 is not installed: a weight is never borrowed from another year). The date range reads the
discharge date; --coder the assigned coder. CMI effect = mean of (next weight - current weight) over
the stays that have both, which is the change of their CMI.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import Counter
from typing import Any

from codesets.release.calendar import Period, UnknownRelease, period
from workbench.drg import table5
from workbench.drg.batch import BatchGrouper
from workbench.drg.service import DrgService
from workbench.reports.base import Filters, Report, ReportError, mean
from workbench.reports.grouping import batch_stay, from_row, groupings
from workbench.reports.stays import DONE, ReportStay

COLUMNS = ("account", "drg", "weight", "drg_next", "weight_next", "version", "version_next", "note")


class _AtRelease(BatchGrouper):
    """The batch grouper with one period for every stay (the release asked for)."""

    def __init__(self, svc: DrgService, fixed: Period) -> None:
        super().__init__(svc)
        self._fixed = fixed

    def _period(self, day: dt.date | None) -> Period:
        return self._fixed


def _weight_note(p: Period, drg: str | None) -> str | None:
    """Why a regrouped stay has no weight under `p`, or None when it has one."""
    if drg is None or table5.row(p.release, drg) is not None:
        return None
    if not table5.has_weights(p.release):
        return f"no weights installed for FY{p.fiscal_year}"
    return f"DRG {drg} is not in the FY{p.fiscal_year} Table 5"


def build(stays: list[ReportStay], filters: Filters, svc: DrgService, release: str) -> Report:
    try:
        target = period(release)
    except UnknownRelease as e:
        raise ReportError(f"--release: {e}") from None
    chosen = [s for s in stays if s.status in DONE and s.has_principal and filters.in_range(s.discharge_date)
              and filters.coder_ok(s.coder)]
    now, notes = groupings(chosen, svc)
    todo = []
    for s in chosen:
        b = batch_stay(s)
        if b is not None:
            # No discharge date on the claim: the grouper does not read it (workbench.drg.batch), and the
            # Medicare Code Editor, which does, has no say in a what-if.
            todo.append(dataclasses.replace(b, discharge_date=None))
    nxt = {}
    for row in _AtRelease(svc, target).rows(todo):
        if "error" in row:
            notes.append(f"{row.get('account')}: {row['error'].removeprefix('line 0: ')} (under {release})")
        else:
            nxt[row["account"]] = (from_row(row), _weight_note(target, row.get("drg")))
    rows: list[dict[str, Any]] = []  # Report.rows: the JSON shape of each stay
    weight_note = None
    for s in chosen:
        cur = now.get(s.account)
        n, note = nxt.get(s.account, (None, None))
        if cur is None and n is None:
            continue
        if note and note.startswith("no weights installed"):
            weight_note = note
        rows.append({"account": s.account, "drg": cur.drg if cur else None,
                     "weight": cur.weight if cur else None,
                     "drg_next": n.drg if n else None, "weight_next": n.weight if n else None,
                     "version": cur.version if cur else None, "version_next": target.drg_version,
                     "note": note})
    changed = [r for r in rows if r["drg"] != r["drg_next"]]
    both = [r for r in rows if r["weight"] is not None and r["weight_next"] is not None]
    effect = mean(r["weight_next"] - r["weight"] for r in both)
    if weight_note:
        notes.append(f"{weight_note}: weight_next is null; import release {release}'s Table 5 "
                     f"(`workbench codesets import`) to see the CMI effect")
    summary = {"release": release, "version_next": target.drg_version, "stays": len(rows),
               "changed": len(changed), "cmi": mean(r["weight"] for r in rows if r["weight"] is not None),
               "cmi_next": mean(r["weight_next"] for r in rows if r["weight_next"] is not None),
               "cmi_effect": effect, "compared": len(both)}
    moves = Counter((r["drg"], r["drg_next"]) for r in changed)
    series = {"top_moves": [(f"{a or '-'}>{b or '-'}", float(k)) for (a, b), k in moves.most_common(8)]}
    return Report("shift", f"DRG shift to release {release} (MS-DRG v{target.drg_version})", filters,
                  COLUMNS, rows, summary, series, notes)
