"""The queue screen: the encounters of the database, filtered and sorted from the keyboard."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from workbench.model.encounter import STATUSES
from workbench.session import Services
from workbench.store.core import QueueRow, StoreError
from workbench.tui.bindings import bindings
from workbench.tui.messages import QueueLoaded
from workbench.tui.queue_filter import FilterError, parse_filter, status_of, with_term
from workbench.tui.widgets.queue.queue_table import QueueTable

SORTS = (("discharge_date", "discharge date"), ("account", "account"), ("patient_name", "patient"),
         ("status", "status"), ("drg", "DRG"), ("weight", "weight"), ("coder", "coder"))


class QueueScreen(Screen[None]):
    BINDINGS = bindings("queue")
    BINDING_GROUP_TITLE = "Queue"
    HELP = ("Filter with words (account, MRN, patient, coder, principal code, DRG) and terms "
            "`status:new|progress|hold|coded|final`, `coder:NAME`, `drg:291`. "
            "The header shows how many encounters match and their case mix index (mean weight of "
            "the grouped ones).")

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.sort_index = 0
        self.descending = False
        self.rows: list[QueueRow] = []

    def compose(self) -> ComposeResult:
        yield Static(id="queue-title")
        yield Input(placeholder="/ filter: words  status:hold  coder:NAME  drg:291", id="queue-filter")
        yield QueueTable(id="queue-table")
        yield Static(id="queue-summary")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(QueueTable).focus()
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    # -- loading -------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="queue", exit_on_error=False, description="read queue")
    def load(self) -> None:
        line = self.query_one("#queue-filter", Input).value
        try:
            f = parse_filter(line)
            rows = self.services.store.list(status=f.status, coder=f.coder, drg=f.drg, text=f.text,
                                            sort=SORTS[self.sort_index][0], descending=self.descending)
        except (FilterError, StoreError) as e:
            self.post_message(QueueLoaded([], str(e)))
            return
        self.post_message(QueueLoaded(rows))

    def on_queue_loaded(self, message: QueueLoaded) -> None:
        self.rows = message.rows
        table = self.query_one(QueueTable)
        table.show_rows(message.rows, self.services.today, self.services.store.session)
        title = self.query_one("#queue-title", Static)
        title.update(f"[b]Coding queue[/b]  {self.services.store.path.name}")
        weights = [r.weight for r in message.rows if r.weight is not None]
        cmi = f"{sum(weights) / len(weights):.4f}" if weights else "-"
        line = self.query_one("#queue-filter", Input).value
        shown = "all" if not line.strip() else parse_filter(line).describe() if not message.error else line
        sort = SORTS[self.sort_index][1] + (" (desc)" if self.descending else "")
        summary = (f"{len(message.rows)} encounters ({shown})  CMI {cmi} over {len(weights)} grouped  "
                   f"sorted by {sort}")
        if message.error:
            summary = f"[b]Filter:[/b] {message.error}"
        self.query_one("#queue-summary", Static).update(summary)

    # -- actions -------------------------------------------------------------------------

    def action_open_encounter(self) -> None:
        account = self.query_one(QueueTable).highlighted_account
        if account is not None:
            from workbench.tui.screens.encounter import EncounterScreen

            self.app.push_screen(EncounterScreen(self.services, account))

    @on(QueueTable.RowSelected)
    def _row_selected(self, event: QueueTable.RowSelected) -> None:
        event.stop()
        self.action_open_encounter()

    def action_focus_filter(self) -> None:
        self.query_one("#queue-filter", Input).focus()

    @on(Input.Changed, "#queue-filter")
    def _filter_changed(self) -> None:
        self.load()

    @on(Input.Submitted, "#queue-filter")
    def _filter_submitted(self) -> None:
        self.query_one(QueueTable).focus()

    def _set_term(self, key: str, value: str | None) -> None:
        box = self.query_one("#queue-filter", Input)
        box.value = with_term(box.value, key, value)  # Input.Changed reloads

    def action_cycle_status(self) -> None:
        try:
            current = parse_filter(self.query_one("#queue-filter", Input).value).status
        except FilterError:
            current = None
        order = [*STATUSES, None]
        nxt = order[(order.index(current) + 1) % len(order)] if current in order else STATUSES[0]
        self._set_term("status", status_of(nxt) if nxt else None)

    def action_toggle_mine(self) -> None:
        current = parse_filter(self.query_one("#queue-filter", Input).value).coder
        self._set_term("coder", None if current else self.services.coder)

    def action_cycle_sort(self) -> None:
        self.sort_index = (self.sort_index + 1) % len(SORTS)
        self.load()

    def action_reverse_sort(self) -> None:
        self.descending = not self.descending
        self.load()

    def action_clear_filter(self) -> None:
        box = self.query_one("#queue-filter", Input)
        if box.value:
            box.value = ""
        self.query_one(QueueTable).focus()

    def action_refresh(self) -> None:
        self.load()
