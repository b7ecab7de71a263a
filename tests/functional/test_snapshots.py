"""Snapshot tests at 80x24 and 120x40 (fixed today, fixed data; review snapshot_report.html before
`--snapshot-update`)."""

from __future__ import annotations

from pathlib import Path

from tests.support.app_samples import TODAY, make_db, make_long_titles_db
from workbench.settings import Settings
from workbench.tui.app import make_app
from workbench.tui.widgets.queue.queue_table import QueueTable

SIZES = {"small": (80, 24), "wide": (120, 40)}


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


def _open(account: str, *keys: str, focus: str = "coding"):
    async def run_before(pilot) -> None:
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
    def test_encounter_wide(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["wide"], run_before=_open("A1001"))

    def test_encounter_small_coding(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["small"], run_before=_open("A1001"))

    def test_encounter_small_drg(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["small"],
                            run_before=_open("A1001", "4", focus="drg"))

    def test_encounter_small_record(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["small"],
                            run_before=_open("A1001", "1", focus="side"))

    def test_finalize_refused_small(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["small"], run_before=_open("A1004", "F"))

    def test_help_small(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["small"],
                            run_before=_open("A1001", "f1", focus=None))


class TestFullTitles:
    """Titles that end in the deciding word ("Atrioventricular block, complete"; "... with
    obstruction"; "Insertion of Pacemaker, Dual Chamber into Chest ...") wrap, never cut."""

    def test_coding_list_wide(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_titles_app(tmp_path), terminal_size=SIZES["wide"], run_before=_open("A1005"))

    def test_coding_list_small(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_titles_app(tmp_path), terminal_size=SIZES["small"], run_before=_open("A1005"))

    def test_search_results_small(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_titles_app(tmp_path), terminal_size=SIZES["small"],
                            run_before=_open("A1005", "/", *"cholecystitis obstruction", focus="search"))

    def test_search_results_wide(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_titles_app(tmp_path), terminal_size=SIZES["wide"],
                            run_before=_open("A1005", "/", *"pacemaker dual chamber", focus="search"))

    def test_suggestions_wide(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_titles_app(tmp_path), terminal_size=SIZES["wide"],
                            run_before=_open("A1005", "3", focus="side"))

    def test_suggestions_small(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_titles_app(tmp_path), terminal_size=SIZES["small"],
                            run_before=_open("A1005", "3", "down", focus="side"))

    def test_drg_small(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_titles_app(tmp_path), terminal_size=SIZES["small"],
                            run_before=_open("A1005", "4", focus="drg"))
