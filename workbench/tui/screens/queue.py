"""The queue screen: the encounters of the database, filtered and sorted from the keyboard."""

from __future__ import annotations

from textual import on, work
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Input, Static

from workbench.model.encounter import STATUSES
from workbench.presentation import count_words
from workbench.session import Services
from workbench.store.core import StoreError
from workbench.store.queue_index import QueueQuery, QueueView
from workbench.tui.bindings import keyed
from workbench.tui.messages import QueueLoaded, QueueShown
from workbench.tui.pane_help import pane_help
from workbench.tui.queue_filter import FilterError, parse_filter, status_of, with_term
from workbench.tui.typeahead import hold_keys, release_keys
from workbench.tui.widgets.keyline import KeyLine
from workbench.tui.widgets.line_input import LineInput
from workbench.tui.widgets.queue.queue_table import QueueTable

SORTS = (("discharge_date", "discharge date"), ("account", "account"), ("patient_name", "patient"),
         ("status", "status"), ("drg", "DRG"), ("weight", "weight"), ("los", "LOS"), ("age", "age"),
         ("payer", "payer"), ("service", "service"), ("coder", "coder"))


class QueueScreen(Screen[None]):
    BINDINGS, BINDING_GROUP_TITLE = keyed("queue")
    HELP = pane_help("queue")

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.sort_index = 0
        self.descending = False
        self.view: QueueView | None = None
        self.shown_line: str | None = None
        """The filter text the table shows the rows of."""
        self.open_when_loaded = False
        """Enter in the filter came before the rows of its text: open the first one once they are in."""
        self.loads = 0
        """Reads of the queue asked for; the answer to the latest one lets keys held for it go."""

    def compose(self) -> ComposeResult:
        yield Static("[b]Coding queue[/b]  loading...", id="queue-title")
        yield LineInput(placeholder="/ filter: words or codes  status:hold  coder:NAME  drg:291  payer:NAME",
                    id="queue-filter")
        yield QueueTable(id="queue-table")
        yield Static(id="queue-summary")
        yield KeyLine(id="keys")  # Textual's Footer remounts a widget per key on every focus move

    def on_mount(self) -> None:
        self.query_one(QueueTable).focus()
        self.load()

    def on_screen_resume(self) -> None:
        self.load()

    # -- loading -------------------------------------------------------------------------

    @property
    def _rows_hold(self) -> str:
        return f"queue rows {id(self)}"

    def load(self) -> None:
        """Read the rows again. Keys typed meanwhile wait for them (Escape clears the filter, Down Down
        Enter must move on the whole queue, not on the rows still shown), except while the coder types
        into the filter box: those keys go to the box, and its Enter waits by itself."""
        box = self.query_one("#queue-filter", Input)
        if not box.has_focus:
            self._hold_for_rows()
        self.loads += 1
        self._read_queue(self.loads, box.value, self.sort_index, self.descending)

    def _hold_for_rows(self) -> None:
        """Keys wait until the answer to the latest read is in (a read answers even when it fails)."""
        hold_keys(self.app, self._rows_hold)

    @work(thread=True, exclusive=True, group="queue", exit_on_error=False, description="read queue")
    def _read_queue(self, load: int, line: str, sort_index: int, descending: bool) -> None:
        """Ask the queue index (worker thread): counting and sorting never build the rows."""
        try:
            f = parse_filter(line)
            view = self.services.store.queue(QueueQuery(
                status=f.status, coder=f.coder, drg=f.drg, payer=f.payer, service=f.service, text=f.text,
                sort=SORTS[sort_index][0], descending=descending))
        except (FilterError, StoreError) as e:
            self.post_message(QueueLoaded(None, line, str(e), load))
            return
        except Exception as e:  # keys wait for this answer: never leave them without one (re-raised)
            self.post_message(QueueLoaded(None, line, f"the queue could not be read ({type(e).__name__})",
                                          load))
            raise
        self.post_message(QueueLoaded(view, line, load=load))

    def on_queue_loaded(self, message: QueueLoaded) -> None:
        line = self.query_one("#queue-filter", Input).value
        if message.line != line:
            return  # an answer to a filter the coder has typed past; the newer one is on its way
        if message.load == self.loads:
            self.call_after_refresh(release_keys, self.app, self._rows_hold)  # once the rows are shown
        title = self.query_one("#queue-title", Static)
        title.update(f"[b]Coding queue[/b]  {self.services.store.path.name}")
        if message.view is None:
            self.query_one("#queue-summary", Static).update(f"[b]Filter:[/b] {message.error}")
            if self.open_when_loaded:
                self.open_when_loaded = False
                release_keys(self.app, "queue-filter")
            return
        first = self.view is None
        self.view = view = message.view
        self.shown_line = line
        self.query_one(QueueTable).show_view(view, self.services.today, self.services.store.session)
        cmi, grouped = view.case_mix()
        shown = parse_filter(line).describe() if line.strip() else "all"
        sort = SORTS[self.sort_index][1] + (" (desc)" if self.descending else "")
        # "CMI - over 0 grouped" read as a formula: with nothing grouped the line says so in words.
        mix = f"CMI {cmi:.4f} over {grouped} grouped" if cmi is not None and grouped else "none grouped yet"
        self.query_one("#queue-summary", Static).update(
            f"{count_words(len(view), 'encounter')} ({shown})  {mix}  sorted by {sort}")
        if first:
            self.post_message(QueueShown())
        if self.open_when_loaded:
            self.open_when_loaded = False
            self._open_first()
            release_keys(self.app, "queue-filter")

    # -- actions -------------------------------------------------------------------------

    def action_open_encounter(self) -> None:
        account = self.query_one(QueueTable).highlighted_account
        if account is not None:
            self.open_account(account)

    def open_account(self, account: str) -> None:
        """Open `account`'s chart (from the table, the next/previous chart keys, the ctrl+p palette);
        the cursor follows it, so the queue shows where the coder is when they come back."""
        from workbench.tui.screens.encounter import EncounterScreen

        table = self.query_one(QueueTable)
        where = self.view.position(account) if self.view is not None else None
        if where is not None:
            table.move_cursor(row=where)
        chart_screen = getattr(self.app, "chart_screen", None)  # a spare composed ahead (spare_chart.py)
        self.app.push_screen(chart_screen(account) if chart_screen is not None
                             else EncounterScreen(self.services, account))

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
        """Enter in the filter opens the first encounter it finds (`/ name Enter`), once the rows of
        the typed text are in: keys typed meanwhile wait, so they reach the chart that opens."""
        self.query_one(QueueTable).focus()
        if self.shown_line != self.query_one("#queue-filter", Input).value:
            self.open_when_loaded = True
            hold_keys(self.app, "queue-filter")
            return
        self._open_first()

    def _open_first(self) -> None:
        table = self.query_one(QueueTable)
        if table.row_count:
            table.move_cursor(row=0)
            self.action_open_encounter()
        else:
            self.notify("no encounter matches the filter", severity="warning")

    def _set_filter(self, line: str) -> None:
        """A key changed the filter line: keys typed next wait for its rows from now on, not only once
        its Input.Changed reaches this screen (which reloads)."""
        box = self.query_one("#queue-filter", Input)
        if box.value != line:
            self._hold_for_rows()
            box.value = line

    def _set_term(self, key: str, value: str | None) -> None:
        self._set_filter(with_term(self.query_one("#queue-filter", Input).value, key, value))

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
        self._set_filter("")
        self.query_one(QueueTable).focus()

    def action_refresh(self) -> None:
        self.load()
