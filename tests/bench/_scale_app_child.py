"""One fresh app process for bench_scale.py: prints one JSON line of figures (see bench_scale.py)."""

from __future__ import annotations

import asyncio
import functools
import json
import sys
import time

T0 = float(sys.argv[1])
DB = sys.argv[2]

import _until  # noqa: E402  (beside this script)
from textual import events  # noqa: E402
from textual.widgets import Input  # noqa: E402

from workbench.settings import Settings  # noqa: E402
from workbench.tui.app import make_app  # noqa: E402
from workbench.tui.messages import QueueLoaded  # noqa: E402
from workbench.tui.screens.queue import QueueScreen  # noqa: E402


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


loads: list[float] = []
changed: list[float] = []
keys: list[float] = []
painted: list[float] = []


def hook(message: object) -> None:
    if isinstance(message, QueueLoaded):
        loads.append(time.perf_counter())
    elif isinstance(message, Input.Changed):
        changed.append(time.perf_counter())
    elif isinstance(message, events.Key):
        keys.append(time.perf_counter())


handled: list[float] = []
_real_loaded = QueueScreen.on_queue_loaded


def _timed_loaded(self, message) -> None:  # the rows of a filter handed to the table
    _real_loaded(self, message)
    handled.append(time.perf_counter())


QueueScreen.on_queue_loaded = _timed_loaded  # type: ignore[method-assign]

screen_shown: dict[str, list[float]] = {"session": [], "record": [], "drg": []}
"""When the encounter screen handed its record (the session opened) and its DRG to its widgets."""


def _timed(name: str, real):
    def method(self, *args, **kwargs):
        out = real(self, *args, **kwargs)
        screen_shown[name].append(time.perf_counter())
        return out
    return method


def time_chart_open() -> None:
    """Note when the encounter screen shows the record and the DRG (imported once the queue's memory is
    taken: the app itself loads the encounter screen only when a chart opens)."""
    from textual.widgets import TextArea

    from workbench.tui.screens.encounter import EncounterScreen

    EncounterScreen._opened = _timed("session", EncounterScreen._opened)  # type: ignore[method-assign]
    # The record's text reaches its reader a message later (the document list's highlight).
    TextArea.load_text = _timed("record", TextArea.load_text)  # type: ignore[method-assign]
    EncounterScreen._show_result = _timed("drg", EncounterScreen._show_result)  # type: ignore[method-assign]


def first_paint_after(t: float) -> float:
    after = [p for p in painted if p > t]
    return after[0] if after else time.perf_counter()


def watch_paints(app) -> None:
    """Note when the app hands a frame to the (headless) terminal: the end of a key's work in the app."""
    real = app._display

    def display(screen, renderable) -> None:
        real(screen, renderable)
        painted.append(time.perf_counter())

    app._display = display


def table_of(app):
    return app.screen.query_one("#queue-table")


until = functools.partial(_until.until, limit=120.0, step=0.002)


async def measure() -> dict[str, object]:
    out: dict[str, object] = {}
    app = make_app(DB, Settings(), preload=True)
    watch_paints(app)
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await until(pilot, lambda: loads and table_of(app).row_count > 0)
        out["queue_s"] = time.time() - T0
        out["rss_queue_mb"] = rss_mb()
        time_chart_open()
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        await pilot.press("slash")
        times, inner, noop, app_ms = [], [], [], []
        for _ in range(3):  # what Pilot itself costs a key: cursor keys in the filter box reload nothing
            t = time.perf_counter()
            await pilot.press("left")
            noop.append((time.perf_counter() - t) * 1e3)
        for ch in "heart":
            before = len(loads)
            t = time.perf_counter()
            await pilot.press(ch)
            await until(pilot, lambda before=before: len(loads) > before)
            await pilot.pause(0)
            await pilot.pause(0.05)  # let the frame with the new rows go out
            times.append((time.perf_counter() - t) * 1e3)
            inner.append((loads[-1] - changed[-1]) * 1e3)
            key_at = keys[-1]
            # the key reached the app -> the first frame after its rows were handed to the table
            shown = [p for p in painted if p > handled[-1]]
            app_ms.append(((shown[0] if shown else time.perf_counter()) - key_at) * 1e3)
        out["filter_ms"] = times
        out["filter_inner_ms"] = inner
        out["filter_app_ms"] = app_ms
        out["noop_key_ms"] = noop
        out["filter_value"] = app.screen.query_one("#queue-filter").value
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)
        out["filter_rows"] = table_of(app).row_count
        await pilot.press("escape")  # clear the filter, back to the table
        await app.workers.wait_for_complete()
        await pilot.pause(0.1)
        table = table_of(app)
        table.move_cursor(row=min(5, table.row_count - 1))
        await pilot.pause(0.05)
        t = time.perf_counter()
        await pilot.press("enter")  # Pilot returns once the app is idle: every pane filled and painted
        await until(pilot, lambda: getattr(app.screen, "session", None) is not None)
        await until(pilot, lambda: getattr(app.screen, "last", None) is not None)
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)
        out["still_s"] = time.perf_counter() - t
        key_at = keys[-1]
        # the Enter key reached the app -> the first frame out after the record / the DRG were shown
        out["open_s"] = first_paint_after(screen_shown["record"][-1]) - key_at
        out["drg_s"] = first_paint_after(screen_shown["drg"][-1]) - key_at
        await pilot.pause(0.1)
        out["rss_loaded_mb"] = rss_mb()
    # Keys typed while the queue loads: a second start, typing at once.
    app = make_app(DB, Settings(), preload=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"heart")
        for _ in range(3):
            await app.workers.wait_for_complete()
            await pilot.pause(0.1)
        out["typeahead"] = app.screen.query_one("#queue-filter").value
    return out


print(json.dumps(asyncio.run(measure())))
