"""Snapshot tests at 80x24 and 120x40 (fixed today, fixed data; review snapshot_report.html before
`--snapshot-update`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.support.app_samples import TODAY, make_db, make_long_titles_db
from workbench.settings import Settings
from workbench.tui.app import make_app
from workbench.tui.widgets.queue.queue_table import QueueTable

SIZES = {"small": (80, 24), "wide": (120, 40)}
RunBefore = Callable[[Pilot[None]], Awaitable[None]]


def _app(tmp_path: Path):
    return make_app(make_db(tmp_path / "db"), Settings(), today=TODAY, preload=False)


async def _settle(pilot, focus: str | None = None) -> None:
    """Wait for the state the snapshot is about: no worker running (open, release, regroup, the
    suggestions scan), the wanted pane focused, and two renders in a row that are the same (the
    footer recomposes after a focus change, one refresh later)."""
    app = pilot.app
    last = None
    for _ in range(200):
        await app.workers.wait_for_complete()
        for widget in app.screen.query("Input, TextArea"):
            widget.cursor_blink = False  # a blinking cursor would make two renders differ
        await pilot.pause()
        if any(w.is_running for w in app.workers):
            continue
        if focus is not None:
            focused = app.screen.focused
            if focused is None or focus not in {n.id for n in focused.ancestors_with_self}:
                await pilot.pause(0.02)
                continue
        await pilot.pause(0.02)
        shot = app.export_screenshot()
        if shot == last:
            return
        last = shot
    raise AssertionError(f"the screen did not settle (focus wanted: {focus})")


async def _at_queue(pilot) -> None:
    await _settle(pilot, "queue-table")


def _titles_app(tmp_path: Path):
    return make_app(make_long_titles_db(tmp_path / "db"), Settings(), today=TODAY, preload=False)


def _open(account: str, *keys: str, focus: str | None = "coding") -> RunBefore:
    """Open `account` from the queue, type `keys` in its chart, and wait till `focus` has the focus."""

    async def run_before(pilot: Pilot[None]) -> None:
        await _settle(pilot, "queue-table")
        table = pilot.app.screen.query_one(QueueTable)
        table.move_cursor(row=table.get_row_index(account))
        await pilot.press("enter")
        await _settle(pilot, "coding")
        if keys:
            await pilot.press(*keys)
        await _settle(pilot, focus)

    return run_before


class TestQueue:
    def test_queue_small(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["small"], run_before=_at_queue)

    def test_queue_wide_filtered(self, snap_compare, tmp_path: Path) -> None:
        async def run_before(pilot) -> None:
            await _settle(pilot, "queue-table")
            await pilot.press("t")
            await _settle(pilot, "queue-table")

        assert snap_compare(_app(tmp_path), terminal_size=SIZES["wide"], run_before=run_before)


class TestEncounter:
    @pytest.mark.parametrize(("size", "run_before"), [
        pytest.param("wide", _open("A1001"), id="wide"),
        pytest.param("small", _open("A1001"), id="small_coding"),
        pytest.param("small", _open("A1001", "4", focus="drg"), id="small_drg"),
        pytest.param("small", _open("A1001", "1", focus="side"), id="small_record"),
        pytest.param("small", _open("A1004", "F"), id="finalize_refused_small"),
        pytest.param("small", _open("A1001", "f1", focus=None), id="help_small"),
    ])
    def test_encounter(self, snap_compare, tmp_path: Path, size: str, run_before: RunBefore) -> None:
        assert snap_compare(_app(tmp_path), terminal_size=SIZES[size], run_before=run_before)


class TestFullTitles:
    """Titles that end in the deciding word ("Atrioventricular block, complete"; "... with
    obstruction"; "Insertion of Pacemaker, Dual Chamber into Chest ...") wrap, never cut."""

    @pytest.mark.parametrize(("size", "run_before"), [
        pytest.param("wide", _open("A1005"), id="coding_list_wide"),
        pytest.param("small", _open("A1005"), id="coding_list_small"),
        pytest.param("small", _open("A1005", "/", *"cholecystitis obstruction", focus="search"),
                     id="search_results_small"),
        pytest.param("wide", _open("A1005", "/", *"pacemaker dual chamber", focus="search"),
                     id="search_results_wide"),
        pytest.param("wide", _open("A1005", "3", focus="side"), id="suggestions_wide"),
        pytest.param("small", _open("A1005", "3", "down", focus="side"), id="suggestions_small"),
        pytest.param("small", _open("A1005", "4", focus="drg"), id="drg_small"),
    ])
    def test_titles(self, snap_compare, tmp_path: Path, size: str, run_before: RunBefore) -> None:
        assert snap_compare(_titles_app(tmp_path), terminal_size=SIZES[size], run_before=run_before)
