"""Snapshot tests at 80x24 and 120x40 (fixed today, fixed data; review snapshot_report.html before
`--snapshot-update`)."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from app_samples import TODAY, make_db  # noqa: E402

from workbench.settings import Settings  # noqa: E402
from workbench.tui.app import make_app  # noqa: E402
from workbench.tui.widgets.queue.queue_table import QueueTable  # noqa: E402

SIZES = {"small": (80, 24), "wide": (120, 40)}


def _app(tmp_path: Path):  # noqa: ANN202
    return make_app(make_db(tmp_path / "db"), Settings(), today=TODAY, preload=False)


async def _settle(pilot) -> None:  # noqa: ANN001
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause(0.05)


def _open(account: str, *keys: str):  # noqa: ANN202
    async def run_before(pilot) -> None:  # noqa: ANN001
        await _settle(pilot)
        table = pilot.app.screen.query_one(QueueTable)
        table.move_cursor(row=table.get_row_index(account))
        await pilot.press("enter")
        await _settle(pilot)
        if keys:
            await pilot.press(*keys)
            await _settle(pilot)
        want = {"4": "drg", "1": "side"}.get(keys[0] if keys else "", "coding")
        for _ in range(40):  # the pane is shown first, then focused after the next refresh
            focused = pilot.app.screen.focused
            if focused is None or want in {n.id for n in focused.ancestors_with_self}:
                break
            await pilot.pause(0.05)

    return run_before


class TestQueue:
    def test_queue_small(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["small"], run_before=_settle)

    def test_queue_wide_filtered(self, snap_compare, tmp_path: Path) -> None:
        async def run_before(pilot) -> None:  # noqa: ANN001
            await _settle(pilot)
            await pilot.press("t")
            await _settle(pilot)

        assert snap_compare(_app(tmp_path), terminal_size=SIZES["wide"], run_before=run_before)


class TestEncounter:
    def test_encounter_wide(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["wide"], run_before=_open("A1001"))

    def test_encounter_small_coding(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["small"], run_before=_open("A1001"))

    def test_encounter_small_drg(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["small"], run_before=_open("A1001", "4"))

    def test_encounter_small_record(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["small"], run_before=_open("A1001", "1"))

    def test_finalize_refused_small(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["small"], run_before=_open("A1004", "F"))

    def test_help_small(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["small"], run_before=_open("A1001", "f1"))
