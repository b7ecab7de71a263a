"""The Reports screen: the department view (case mix, DNFB, productivity, queries, DRG shift).

A thin view over `workbench.reports`: a worker reads the stays once and builds the report asked for;
the screen shows its headline figures, its chart and its table. Keys 1-5 pick the report.
"""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static

from codesets.release.calendar import PERIODS
from workbench.reports import REPORTS, Filters, ReportError, build_report
from workbench.reports.base import Report
from workbench.reports.stays import ReportStay, load_stays
from workbench.reports.text import cell
from workbench.session import Services
from workbench.store.core import StoreError
from workbench.tui.bindings import keyed
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


class ReportsScreen(Screen[None]):
    BINDINGS, BINDING_GROUP_TITLE = keyed("reports")
    HELP = ("The department view. 1 case mix (CMI by month), 2 DNFB (stays not final by days since "
            "discharge), 3 productivity (charts coded per day), 4 queries, 5 DRG shift to the next "
            "release. The same figures as `workbench report NAME`; definitions in the README.")

    class Built(Message):
        def __init__(self, report: Report | None, error: str | None = None) -> None:
            super().__init__()
            self.report, self.error = report, error

    def __init__(self, services: Services, name: str = "casemix") -> None:
        super().__init__()
        self.services = services
        self.current = name
        self.stays: list[ReportStay] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="reports-tabs")
        yield Static("Reading the database...", id="reports-summary")
        yield ReportChart(id="reports-chart")
        yield DataTable(id="reports-table", zebra_stripes=True, cursor_type="row")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self._show_tabs()
        self.query_one(DataTable).focus()
        self.build()

    def _show_tabs(self) -> None:
        tabs = "  ".join(f"[reverse] {i} {LABELS[n]} [/reverse]" if n == self.current
                         else f" {i} {LABELS[n]} " for i, n in enumerate(NAMES, 1))
        self.query_one("#reports-tabs", Static).update(f"[b]Reports[/b]  {tabs}")

    @work(thread=True, exclusive=True, group="reports", exit_on_error=False, description="build report")
    def build(self, reload: bool = False) -> None:
        try:
            if self.stays is None or reload:
                self.stays = load_stays(self.services.store)
            release = PERIODS[-1].release
            report = build_report(self.current, self.stays, Filters(), self.services.drg_service(),
                                  as_of=self.services.today, release=release)
        except (ReportError, StoreError) as e:
            self.post_message(self.Built(None, str(e)))
            return
        self.post_message(self.Built(report))

    def on_reports_screen_built(self, message: Built) -> None:
        summary = self.query_one("#reports-summary", Static)
        table = self.query_one(DataTable)
        if message.report is None:
            summary.update(f"[b]Cannot build the report:[/b] {message.error}")
            return
        r = message.report
        if r.name != self.current:
            return
        figures = "  ".join(f"{k.replace('_', ' ')} [b]{cell(r.summary.get(k))}[/b]"
                            for k in SUMMARY_KEYS[r.name])
        notes = f"\n[dim]{r.notes[0]}[/dim]" if r.notes else ""
        summary.update(f"[b]{r.title}[/b]  {figures}{notes}")
        self.query_one(ReportChart).show(r)
        table.clear(columns=True)
        table.add_columns(*(c.replace("_", " ") for c in r.columns))
        table.add_rows([[cell(row.get(c)) for c in r.columns] for row in r.rows[:500]])

    def action_show(self, name: str) -> None:
        if name != self.current:
            self.current = name
            self._show_tabs()
            self.query_one("#reports-summary", Static).update(f"Building {LABELS[name]}...")
            self.build()

    def action_refresh(self) -> None:
        self.build(reload=True)

    def action_back(self) -> None:
        self.app.pop_screen()
