"""Snapshots of the PCS code builder at 80x24 and 120x40 (review snapshot_report.html before
`--snapshot-update`)."""

from __future__ import annotations

from pathlib import Path

from tests.functional.test_snapshots import SIZES, _app, _settle
from workbench.tui.widgets.queue.queue_table import QueueTable


def _builder(prefix: str, *keys: str):
    async def run_before(pilot) -> None:
        await _settle(pilot, "queue-table")
        table = pilot.app.screen.query_one(QueueTable)
        table.move_cursor(row=table.get_row_index("A1004"))
        await pilot.press("enter")
        await _settle(pilot, "coding")
        await pilot.press("slash", *prefix, "ctrl+b")
        await _settle(pilot, "builder")
        if keys:
            await pilot.press(*keys)
        await _settle(pilot, "builder")

    return run_before


class TestPcsBuilder:
    def test_builder_small_table(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["small"], run_before=_builder("0SG", "0"))

    def test_builder_wide_complete(self, snap_compare, tmp_path: Path) -> None:
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["wide"],
                            run_before=_builder("0DB", "n", "8", "z", "x"))

    def test_builder_physiological_table_small(self, snap_compare, tmp_path: Path) -> None:
        # 5A1: body systems, durations and functions named from the long titles (codesets/pcs/leftovers.py)
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["small"], run_before=_builder("5A1"))

    def test_builder_ventilation_wide(self, snap_compare, tmp_path: Path) -> None:
        # 5A19 + duration 5: "Respiratory Ventilation, Greater than 96 Consecutive Hours" being built
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["wide"], run_before=_builder("5A1", "9", "5"))

    def test_builder_new_technology_small(self, snap_compare, tmp_path: Path) -> None:
        # XW03 + approach 3: a substance letter is another drug in each New Technology group; until the
        # group is chosen each meaning shows with its group (codesets/pcs/builder.py)
        assert snap_compare(_app(tmp_path), terminal_size=SIZES["small"], run_before=_builder("XW03", "3"))
