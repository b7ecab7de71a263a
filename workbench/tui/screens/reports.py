"""The Reports screen: the department view (case mix, DNFB, productivity, queries, DRG shift).

A thin view over `workbench.reports`, the modules `workbench report` calls. The screen shows at once;
a worker builds the report on screen first, then fills the other tabs. The first case mix comes from
the queue index and the groupings earlier reports kept (`casemix.build_known`) when they cover every
stay, else from the full read. Keys 1-5 pick the report, f / t / c set the date range and the coder,
v the release the DRG shift regroups under, x clears the filters.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from codesets.release.calendar import PERIODS
from workbench.presentation import label_words
from workbench.reports import REPORTS, Filters, GroupCache, ReportError, build_report
from workbench.reports import casemix as casemix_report
from workbench.reports.base import Report
from workbench.reports.stays import DONE, ReportStay, gc_paused, index_stays, load_stays
from workbench.reports.text import cell
from workbench.session import Services
from workbench.store.core import StoreError
from workbench.tui.bindings import keyed
from workbench.tui.markup import escape
from workbench.tui.pane_help import pane_help
from workbench.tui.screens.dialogs import ChoiceDialog, DateDialog
from workbench.tui.widgets.reports.report_chart import ReportChart

NAMES = tuple(REPORTS)
LABELS = {"casemix": "Case mix", "dnfb": "DNFB", "productivity": "Productivity", "queries": "Queries",
          "shift": "DRG shift"}
SUMMARY_KEYS = {
    "casemix": ("encounters", "cmi", "cc_mcc_rate", "regrouped"),
    "dnfb": ("stays", "expected_payment", "weighted_stays", "as_of"),
    "productivity": ("coders", "coded", "finalized", "hours_worked", "coded_per_hour", "reopens"),
    "queries": ("queries", "open", "answered", "answer_rate", "median_days_to_answer", "oldest_open_days"),
    "shift": ("release", "stays", "changed", "cmi", "cmi_next", "cmi_effect"),
}
ALL_CODERS = "*"
Key = tuple[str, Filters, str | None]


class ReportsScreen(Screen[None]):
    BINDINGS, BINDING_GROUP_TITLE = keyed("reports")
    HELP = pane_help("reports")

    class Built(Message):
        def __init__(self, key: Key, report: Report | None, error: str | None = None) -> None:
            super().__init__()
            self.key, self.report, self.error = key, report, error

    def __init__(self, services: Services, name: str = "casemix") -> None:
        super().__init__()
        self.services = services
        self.current = name
        self.filters = Filters()
        self.release = PERIODS[-1].release
        self.stays: list[ReportStay] | None = None
        self.results: dict[Key, Report] = {}
        self._build_lock = threading.Lock()  # one build at a time: the grouper is not shared by threads
        self._cache: GroupCache | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="reports-tabs")
        yield Static(id="reports-filters")
        yield Static("Reading the database...", id="reports-summary")
        yield ReportChart(id="reports-chart")
        yield DataTable(id="reports-table", zebra_stripes=True, cursor_type="row")
        yield Footer(compact=True)

    def on_resize(self, event: Any) -> None:
        # Below 110 columns the report keys and `? F1 Help` need the whole line; ctrl+p still works and
        # the help screen names it.
        footer = self.query_one(Footer)
        wide = event.size.width >= 110
        if footer.show_command_palette != wide:
            footer.show_command_palette = wide
            footer.refresh(recompose=True)

    def on_mount(self) -> None:
        self._show_tabs()
        self.query_one(DataTable).focus()
        self.call_after_refresh(self.build)  # paint the screen first: the build holds the interpreter

    def on_unmount(self) -> None:
        if not self.app.is_running:
            # The app is closing, and the grouper with it (`Services.close`): a report in the making
            # must finish with it first (the fill stops at the next report; a thread cannot be killed).
            if self._build_lock.acquire(timeout=60):
                self._build_lock.release()

    # -- what is asked -------------------------------------------------------------------------------

    def key_of(self, name: str) -> Key:
        return (name, self.filters, self.release if name == "shift" else None)

    def _show_tabs(self) -> None:
        tabs = "  ".join(f"[reverse] {i} {LABELS[n]} [/reverse]" if n == self.current
                         else f" {i} {LABELS[n]} " for i, n in enumerate(NAMES, 1))
        self.query_one("#reports-tabs", Static).update(f"[b]Reports[/b]  {tabs}")
        f = self.filters
        period = next(p for p in PERIODS if p.release == self.release)
        self.query_one("#reports-filters", Static).update(
            f"[dim]f[/dim] from [b]{f.start or 'any'}[/b]  [dim]t[/dim] to [b]{f.end or 'any'}[/b]  "
            f"[dim]c[/dim] coder [b]{escape(f.coder or 'all')}[/b]  [dim]v[/dim] shift to "
            f"[b]{self.release}[/b] (v{period.drg_version})")

    def _request(self) -> None:
        """Show the current report: at once when built already, else build it (then the others)."""
        self._show_tabs()
        hit = self.results.get(self.key_of(self.current))
        if hit is not None:
            self._show(hit)
        else:
            self.query_one("#reports-summary", Static).update(f"Building {LABELS[self.current]}...")
            self.build()

    # -- building (worker thread) ----------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="reports", exit_on_error=False, description="build reports")
    def build(self, reload: bool = False) -> None:
        worker = get_current_worker()
        first = self.current
        order = [first, *(n for n in NAMES if n != first)]
        keys = {n: self.key_of(n) for n in order}
        with self._build_lock, gc_paused():
            done = set(self.results) if not reload else set()
            try:
                svc = self.services.drg_service()
                store = self.services.store
                if self._cache is None:
                    self._cache = GroupCache.of_store(store)
                if reload:
                    self.stays = None
                for name in order:
                    if worker.is_cancelled:
                        return
                    key = keys[name]
                    if key in done:
                        continue
                    report = None
                    if name == "casemix" and self.stays is None:
                        report = casemix_report.build_known(index_stays(store, DONE), key[1], svc,
                                                            self._cache)
                    if report is None:
                        if self.stays is None:
                            self.stays = load_stays(store)
                        report = build_report(name, self.stays, key[1], svc, as_of=self.services.today,
                                              release=key[2], cache=self._cache)
                    self.post_message(self.Built(key, report))
                    if name == first:
                        self._cache.save()
                self._cache.save()
            except (ReportError, StoreError) as e:
                self.post_message(self.Built(keys[first], None, str(e)))

    def on_reports_screen_built(self, message: Built) -> None:
        if message.report is None:
            if message.key == self.key_of(self.current):
                self.query_one("#reports-summary", Static).update(
                    f"[b]Cannot build the report:[/b] {escape(message.error or '')}")
            return
        self.results[message.key] = message.report
        if message.key == self.key_of(self.current):
            self._show(message.report)

    def _show(self, r: Report) -> None:
        figures = "  ".join(f"{label_words(k)} [b]{cell(r.summary.get(k))}[/b]"
                            for k in SUMMARY_KEYS[r.name])
        notes = f"\n[dim]{escape(r.notes[0])}[/dim]" if r.notes else ""
        self.query_one("#reports-summary", Static).update(f"[b]{escape(r.title)}[/b]  {figures}{notes}")
        self.query_one(ReportChart).show(r)
        table = self.query_one(DataTable)
        table.clear(columns=True)
        labels = [label_words(c) for c in r.columns]
        cells = [[cell(row.get(c)) for c in r.columns] for row in r.rows[:500]]
        # Widths given, not measured: the table measures new rows only when it is next idle, which the
        # fill of the other tabs can delay (a table drawn meanwhile cut every column to its header).
        for i, label in enumerate(labels):
            table.add_column(label, width=max([len(label), *(len(row[i]) for row in cells)]))
        table.add_rows(cells)

    # -- keys --------------------------------------------------------------------------------------------

    def action_show(self, name: str) -> None:
        if name != self.current:
            self.current = name
            self._request()

    def action_refresh(self) -> None:
        self.results.clear()
        self.query_one("#reports-summary", Static).update("Reading the database...")
        self.build(reload=True)

    def action_back(self) -> None:
        self.app.pop_screen()

    def _set_filters(self, **change: Any) -> None:
        now = self.filters
        values = {"start": now.start, "end": now.end, "coder": now.coder, **change}
        try:
            self.filters = Filters(**values)
        except ReportError as e:
            self.notify(str(e), severity="error")
            return
        self._request()

    def _ask_day(self, which: str) -> None:
        current: dt.date | None = getattr(self.filters, which)
        label = "First" if which == "start" else "Last"

        def done(value: str | None) -> None:
            if value is not None:
                self._set_filters(**{which: dt.date.fromisoformat(value) if value else None})

        self.app.push_screen(DateDialog(f"{label} day of the reports (discharge date; productivity: day "
                                        f"of work; queries: day asked). Blank: no limit.",
                                        current.isoformat() if current else ""), done)

    def action_set_from(self) -> None:
        self._ask_day("start")

    def action_set_to(self) -> None:
        self._ask_day("end")

    def action_pick_coder(self) -> None:
        with self.services.store.reading():
            rows = list(self.services.store.journal.rows.values())
        names = sorted({n for r in rows for n in (r["coder"], r["saved_by"]) if n})
        choices = [(ALL_CODERS, "every coder"), *((n, "") for n in names)]

        def done(value: str | None) -> None:
            if value is not None:
                self._set_filters(coder=None if value == ALL_CODERS else value)

        self.app.push_screen(ChoiceDialog("Reports for one coder (assigned coder; productivity: who "
                                          "acted; queries: who asked)", choices), done)

    def action_pick_release(self) -> None:
        choices = [(p.release, f"MS-DRG v{p.drg_version}, discharges from {p.start.isoformat()}")
                   for p in reversed(PERIODS)]

        def done(value: str | None) -> None:
            if value is not None and value != self.release:
                self.release = value
                self._request()

        self.app.push_screen(ChoiceDialog("Regroup the coded stays under release", choices), done)

    def action_clear_filters(self) -> None:
        if self.filters != Filters():
            self.filters = Filters()
            self._request()
