"""Opening a chart: the record is shown with a quick grouping, and never held back by a slow one."""

from __future__ import annotations

import threading
import time

from workbench.tui.screens.encounter_opening import show_then_evaluate


def test_a_quick_grouping_reaches_the_screen_with_the_record():
    events: list[str] = []
    result = show_then_evaluate(lambda: events.append("record"), lambda: events.append("drg") or 291,
                                together=5.0)
    assert result == 291
    assert events == ["drg", "record"]  # one pass of the screen's queue: record and DRG in one frame


def test_a_slow_grouping_does_not_hold_the_record_back():
    shown = threading.Event()
    seen_while_grouping: list[bool] = []

    def slow() -> int:
        seen_while_grouping.append(shown.wait(5.0))  # the record goes out while this still runs
        return 292

    assert show_then_evaluate(shown.set, slow, together=0.01) == 292
    assert seen_while_grouping == [True]


def test_the_record_is_shown_once_even_when_the_grouping_fails():
    calls: list[float] = []

    def broken() -> int:
        time.sleep(0.05)
        raise RuntimeError("grouper gone")

    try:
        show_then_evaluate(lambda: calls.append(time.perf_counter()), broken, together=0.01)
    except RuntimeError:
        pass
    time.sleep(0.05)
    assert len(calls) == 1
