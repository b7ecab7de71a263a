"""What one step of the flow bench costs the main thread, event by event: layouts, frames, update-timer
ticks, after-refresh callbacks and the chart screen's own steps, with their times from the key.

    .venv/bin/python -m tests.bench.trace_frames [--size 120x40] [--step open|suggestions|search|all]

Runs the first chart of bench_flow (warm-up and warm open as the bench does, then `/ william Enter`),
then `3` and a search (`/`, `j`, `1`). Prints one line per event: ms since the key was sent, what ran,
the main thread's CPU while it ran (ms). A reading aid for the chain of frame ticks a step waits on;
not a benchmark.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import tempfile
import time
from pathlib import Path
from typing import Any

from tests.bench.bench_flow import Chart, Driver

ARGS = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ARGS.add_argument("--size", default="120x40")
ARGS.add_argument("--step", choices=("open", "suggestions", "accept", "search", "all"), default="all")

WATCH = {"sugg-list", "ScrollBar"}
"""Widgets whose every refresh is noted (with its caller)."""
EVENTS: list[tuple[float, str, float]] = []
ON = False


def _note(what: str, took: float = 0.0) -> None:
    if ON:
        EVENTS.append((time.perf_counter(), what, took))


def _wrap(cls: Any, name: str, label: Any = None) -> None:
    real = getattr(cls, name)

    if asyncio.iscoroutinefunction(real):
        @functools.wraps(real)
        async def awrapped(self: Any, *a: Any, **k: Any) -> Any:
            what = label(self, *a) if label and ON else f"{type(self).__name__}.{name}"
            t = time.thread_time()
            try:
                return await real(self, *a, **k)
            finally:
                _note(what, time.thread_time() - t)
        setattr(cls, name, awrapped)
        return

    @functools.wraps(real)
    def wrapped(self: Any, *a: Any, **k: Any) -> Any:
        what = label(self, *a) if label and ON else f"{type(self).__name__}.{name}"
        t = time.thread_time()
        try:
            return real(self, *a, **k)
        finally:
            _note(what, time.thread_time() - t)
    setattr(cls, name, wrapped)


def _callback_name(cb: Any) -> str:
    func = getattr(cb, "func", cb)
    args = getattr(cb, "args", ())
    name = getattr(func, "__qualname__", repr(func))
    if args and callable(args[0]):
        name += f"({getattr(args[0], '__qualname__', args[0])})"
    return name


def _caller(depth: int = 2) -> str:
    import sys
    f = sys._getframe(depth)
    out: list[str] = []
    while f is not None and len(out) < 6:
        name = f.f_code.co_filename
        if "trace_frames" not in name and "asyncio" not in name and "_callback" not in name:
            out.append(f"{Path(name).stem}:{f.f_code.co_name}")
        f = f.f_back
    return " < ".join(out)


def _names(widgets: Any) -> str:
    names = sorted({w.id or type(w).__name__ for w in widgets})
    return ",".join(names[:8]) + (f"+{len(names) - 8}" if len(names) > 8 else "")


def instrument() -> None:
    from textual.app import App
    from textual.screen import Screen

    from workbench.tui.screens.encounter import EncounterScreen
    from workbench.tui.widgets.search.search_pane import SearchPane
    from workbench.tui.widgets.suggestions.suggestions_pane import SuggestionsPane

    _wrap(Screen, "_refresh_layout", lambda s, *a: f"layout {type(s).__name__}"
          f" for {_names(s._layout_widgets)} <- {_caller(4)}")
    _wrap(Screen, "_on_timer_update", lambda s, *a: f"timer tick {type(s).__name__} "
          f"layout={s._layout_required} repaint={s._repaint_required} dirty={_names(s._dirty_widgets)}")
    _wrap(Screen, "_invoke_later", lambda s, cb, *a: f"  after-refresh queued: {_callback_name(cb)}")
    _wrap(Screen, "_invoke_and_clear_callbacks",
          lambda s, *a: f"after-refresh callbacks ran ({type(s).__name__})")
    from textual.widget import Widget
    real_refresh = Widget.refresh

    @functools.wraps(real_refresh)
    def refresh(self: Any, *regions: Any, **k: Any) -> Any:
        if ON and k.get("layout"):
            _note(f"  refresh(layout) {self.id or type(self).__name__} <- {_caller()}")
        elif ON and (self.id in WATCH or type(self).__name__ in WATCH):
            _note(f"  refresh {self.id or type(self).__name__} <- {_caller()}")
        return real_refresh(self, *regions, **k)
    Widget.refresh = refresh  # type: ignore[method-assign]
    _wrap(Widget, "_refresh_styles", lambda w, *a: f"  refresh_styles {w.id or type(w).__name__}")
    _wrap(App, "_display", lambda s, *a: "FRAME written")
    for name in ("_opened", "action_focus_pane", "release_paint", "_paint_what_changed", "_show_result",
                 "_show_encounter", "on_mount", "compose", "_lay_out_panes"):
        _wrap(EncounterScreen, name)
    for name in ("showing", "focus_target"):
        _wrap(SuggestionsPane, name)
    _wrap(SearchPane, "on_input_changed") if hasattr(SearchPane, "on_input_changed") else None
    from textual.worker import Worker
    real_run = Worker._run

    @functools.wraps(real_run)
    async def run_worker(self: Any, app: Any) -> None:
        # a worker's wall time from start to end (a thread's CPU is not the main thread's)
        _note(f"  worker {self.group}/{self.name} starts")
        try:
            await real_run(self, app)
        finally:
            _note(f"  worker {self.group}/{self.name} ends ({self.state.name})")
    Worker._run = run_worker  # type: ignore[method-assign]


async def run(size: tuple[int, int], step: str) -> None:
    global ON
    from workbench.demo import demo_encounters
    from workbench.settings import Settings
    from workbench.store.core import Store
    from workbench.tui.app import make_app

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "db"
        with Store.open(db) as store:
            store.add_many(demo_encounters())
        app = make_app(db, Settings(), preload=False)
        async with app.run_test(size=size) as pilot:
            app.warm_up()
            await pilot.pause(0.2)
            await app.workers.wait_for_complete([w for w in app.workers if w.group == "warm-up"])
            d = Driver(app, pilot, Chart("trace"))
            await d.settle()
            await d.step("open", "enter")
            await d.settle()
            await d.step("back", "escape")
            steps = [("open chart", ("/", "william", "enter"))]
            if step in ("suggestions", "accept", "search", "all"):
                steps.append(("suggestions", ("3",)))
            if step in ("accept", "all"):
                steps.append(("accept", ("a", "y")))
            if step in ("search", "all"):
                steps.append(("search", ("/", "j", "1")))
            for i, (name, keys) in enumerate(steps):
                if i:
                    await asyncio.sleep(1.5)
                    await d.settle()
                    scans = [w for w in app.workers if w.group == "suggestions" and w.is_running]
                    if scans:  # the coder reads the list once it is there
                        await app.workers.wait_for_complete(scans)
                        await d.settle()
                if name == "open chart":  # the letters before Enter are not traced
                    await d.step("filter", *keys[:-1])
                    keys = keys[-1:]
                for key in keys:
                    EVENTS.clear()
                    ON = True
                    t0 = time.perf_counter()
                    await d.step(name, key)
                    ON = False
                    print(f"== {name}: key {key!r}  (cpu {d.chart.cpu[-1][1] * 1000:.0f} ms)")
                    for t, what, took in EVENTS:
                        print(f"{(t - t0) * 1000:8.1f}  {what:70} {took * 1000:6.1f}")


def main() -> None:
    args = ARGS.parse_args()
    w, h = (int(x) for x in args.size.split("x"))
    instrument()
    asyncio.run(run((w, h), args.step))


if __name__ == "__main__":
    main()
