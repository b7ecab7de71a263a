"""The coding queue table: one row per encounter, read from the store's queue rows."""

from __future__ import annotations

import datetime as dt

from rich.text import Text

from workbench.model.encounter import STATUS_LABELS
from workbench.store.core import QueueRow
from workbench.tui.widgets.table import WorkTable

COLUMNS = (("", "mark"), ("Account", "account"), ("Patient", "patient"), ("Status", "status"),
           ("DRG", "drg"), ("Weight", "weight"), ("Discharged", "discharged"), ("Days", "days"),
           ("LOS", "los"), ("Coder", "coder"))
SHORT_STATUS = {"new": "New", "in_progress": "In progress", "on_hold": "On hold", "coded": "Coded",
                "final": "Final"}


def row_los(row: QueueRow) -> int | None:
    if row.admit_date is None or row.discharge_date is None:
        return None
    return max((row.discharge_date - row.admit_date).days, 1)  # same-day stay counts 1 (UB-04)


class QueueTable(WorkTable):
    """Shows queue rows; the row key is the account."""

    BINDING_GROUP_TITLE = "Queue"
    HELP = ("The coding queue. Enter opens the highlighted encounter. `*` marks an encounter open for "
            "editing in another session; `+` one open here.")

    def on_mount(self) -> None:
        for label, key in COLUMNS:
            self.add_column(label, key=key)

    def show_rows(self, rows: list[QueueRow], today: dt.date, session: str) -> None:
        current = self.highlighted_account
        self.clear()
        for r in rows:
            mark = ""
            if r.lock is not None:
                mark = "+" if r.lock.session == session else "*"
            days = (today - r.discharge_date).days if r.discharge_date else None
            los = row_los(r)
            self.add_row(
                mark, r.account, r.patient_name,
                SHORT_STATUS.get(r.status, STATUS_LABELS.get(r.status, r.status)),
                r.drg or "", Text(f"{r.weight:.4f}" if r.weight is not None else "", justify="right"),
                r.discharge_date.isoformat() if r.discharge_date else "",
                Text("" if days is None else str(days), justify="right"),
                Text("" if los is None else str(los), justify="right"), r.coder, key=r.account)
        if current is not None and current in self.rows:
            self.move_cursor(row=self.get_row_index(current))

    @property
    def highlighted_account(self) -> str | None:
        if not self.row_count:
            return None
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value
