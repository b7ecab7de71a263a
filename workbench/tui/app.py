"""The app shell: builds the app from plain arguments, applies settings, routes help and commands.

`make_app` is the one factory, used by `workbench` (workbench/commands/app.py) and by the tests.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path

from textual import work
from textual.app import SystemCommand
from textual.screen import Screen

from workbench.session import Services
from workbench.settings import Settings
from workbench.store.core import Store
from workbench.tui.bindings import bindings
from workbench.tui.chart_commands import ChartProvider
from workbench.tui.heap import IdleCollector, settle_heap
from workbench.tui.keymap import AREAS
from workbench.tui.messages import QueueShown
from workbench.tui.pane_help import pane_help
from workbench.tui.screens.help import HelpScreen
from workbench.tui.screens.queue import QueueScreen
from workbench.tui.spare_chart import SpareChart
from workbench.tui.textual_guards import guard_tabs_resize
from workbench.tui.typeahead import TypeAheadApp
from workbench.tui.worker_pool import widen_worker_pool

guard_tabs_resize()


class WorkbenchApp(SpareChart, IdleCollector, TypeAheadApp):
    CSS_PATH = ["app.tcss", "encounter.tcss"]
    TITLE = "Coding workbench"
    BINDINGS = bindings("app")
    HELP = pane_help("app")
    COMMANDS = TypeAheadApp.COMMANDS | {ChartProvider}

    def __init__(self, services: Services, *, preload: bool = True) -> None:
        super().__init__()
        self.services = services
        self.preload = preload
        self.animation_level = "none"

    def on_load(self) -> None:
        widen_worker_pool()  # before any worker: the queue's first read is one

    def get_default_screen(self) -> Screen[None]:
        return QueueScreen(self.services)

    def on_mount(self) -> None:
        settings = self.services.settings
        if settings.keymap:
            self.set_keymap(settings.keymap)
            from workbench.tui.keymap import keymap_problems

            for problem in keymap_problems(settings.keymap):
                self.notify(problem, title="config.toml", severity="warning", timeout=10)
        if settings.theme in self.available_themes:
            self.theme = settings.theme
        else:
            self.notify(f"unknown theme {settings.theme!r} in settings; using textual-dark",
                        severity="warning")

    def on_queue_shown(self, message: QueueShown) -> None:
        """The queue is on screen: now load what it did not need, so start-up never waits for it."""
        if self.preload:
            self.warm_up()
        self.prepare_spare_chart()
        self.collect_when_idle()

    @work(thread=True, exclusive=True, group="warm-up", exit_on_error=False, description="load release")
    def warm_up(self) -> None:
        """Load today's release, its search index and the grouper while the coder looks at the queue,
        then regroup the stored DRGs a new grouper version made stale (`291~` in the queue)."""
        self.services.store.tidy()  # what the open left for after the queue (make_app: tidy_later)
        self.services.preload()
        self.regroup_stale()
        self.settle_heap()

    @staticmethod
    def settle_heap() -> None:
        """The warm-up's data set aside from the garbage collector (workbench/tui/heap.py)."""
        settle_heap()

    def regroup_stale(self) -> None:
        """Regroup stale stored DRGs (a worker thread). A chart open in this app is left for later: its
        session holds the revision it read, and the regroup's save would make the coder's next edit a
        conflict. Another session's open chart is left too (the store refuses it)."""
        from workbench.drg.regroup import regroup_stale
        from workbench.store.files import StoreError
        from workbench.tui.screens.encounter import EncounterScreen

        def open_here(account: str) -> str | None:
            charts = [s for s in list(self.screen_stack) if isinstance(s, EncounterScreen)]
            return "open in this session" if any(s.account == account for s in charts) else None

        def progress(done: int, total: int) -> None:
            if done == 0:
                self.call_from_thread(self.notify, f"regrouping {total:,} stored DRGs made stale by a new "
                                      "grouper version, in the background", timeout=6)

        try:
            result = regroup_stale(self.services.store, self.services.drg_service(), progress, open_here)
        except (StoreError, RuntimeError, OSError) as e:  # the store, or the grouper failing to load
            self.call_from_thread(self.notify, f"background regroup stopped: {e}", severity="warning")
            return
        if result.stale:
            left = f"; {len(result.left)} left for later (`db regroup` says why)" * bool(result.left)
            self.call_from_thread(self.notify, f"{len(result.regrouped):,} stale DRGs regrouped{left}",
                                  timeout=8)
            self.call_from_thread(self._reload_queue)

    def _reload_queue(self) -> None:
        if isinstance(self.screen, QueueScreen):
            self.screen.load()

    def deliver_screenshot(self, filename: str | None = None, path: str | None = None,
                           time_format: str | None = None) -> str | None:
        """ctrl+p Screenshot: the screen shows patient names, so it is written 0600 into the 0700
        `screenshots` folder of the data directory, never into ~/Downloads or the working folder."""
        from codesets.paths import data_dir, private_dir
        from workbench.fsutil import write_atomic

        folder = private_dir(data_dir() / "screenshots")
        name = Path(filename or f"screen-{dt.datetime.now():%Y%m%d-%H%M%S-%f}.svg").name
        target = folder / name
        write_atomic(target, self.export_screenshot().encode(), 0o600)
        self.notify(f"Saved screenshot to {target} (readable by you only)", title="Screenshot")
        return str(target)

    def open_chart(self, account: str) -> None:
        """Open `account`'s chart from anywhere (the ctrl+p patient jump): back to the queue first, leaving
        an open chart as Escape does (its edits are saved, its lock released)."""
        queue = next((s for s in self.screen_stack if isinstance(s, QueueScreen)), None)
        if queue is None:
            return
        for _ in range(len(self.screen_stack)):
            if self.screen is queue:
                break
            leave = getattr(self.screen, "leave_chart", None)
            if leave is not None:
                leave()
            else:
                self.pop_screen()
        queue.open_account(account)

    def action_reports(self) -> None:
        from workbench.tui.screens.reports import ReportsScreen

        if not isinstance(self.screen, ReportsScreen):
            self.push_screen(ReportsScreen(self.services))

    def action_help(self) -> None:
        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.focused, dict(self.screen.active_bindings)))

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every key that works here, named "Area: what it does" (the keymap's area names, not the ids'
        "queue."), plus Textual's own commands."""
        seen = set()
        for active in screen.active_bindings.values():
            b = active.binding
            if not b.id or b.id in seen or not active.enabled or b.id == "app.palette":
                continue
            seen.add(b.id)
            area = AREAS.get(b.id.split(".", 1)[0], "")  # "Queue", not the id's "queue."
            node = active.node

            def run(action: str = b.action, target: object = node) -> None:
                self.call_later(self.run_action, action, target)

            keys = self.get_key_display(b)
            what = b.tooltip or b.description
            yield SystemCommand(f"{area}: {what}" if area else what, f"key {keys}", run)
        yield from super().get_system_commands(screen)

    def on_unmount(self) -> None:
        self.services.close()


def make_app(db_path: Path | str | None, settings: Settings | None = None, *,
             today: dt.date | None = None, preload: bool = True) -> WorkbenchApp:
    """The workbench app on the database at `db_path` (created if missing). `today` fixes the
    date used for "days since discharge" and new encounters (tests and snapshots)."""
    if settings is None:
        from workbench.settings import load_settings

        settings = load_settings()
    store = Store.open(db_path, tidy_later=True)  # the queue shows before the walk of every folder
    return WorkbenchApp(Services(store, settings, today), preload=preload)
