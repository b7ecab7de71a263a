"""The app's search pane with diagnoses typed as physicians write them: shorthand and a typo find the
code, and Enter adds it (Pilot, real release, real TinyDB file)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.app_samples import TODAY, make_db
from workbench.settings import Settings
from workbench.store.core import Store
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.encounter import EncounterScreen
from workbench.tui.widgets.queue.queue_table import QueueTable


async def settle(app: WorkbenchApp, pilot: object) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)  # type: ignore[attr-defined]


@pytest.mark.asyncio
@pytest.mark.parametrize("typed, code", [("afib with rvr", "I4891"), ("hypokalmia", "E876")])
async def test_shorthand_and_typo_add_the_diagnosis(tmp_path: Path, typed: str, code: str) -> None:
    app = make_app(make_db(tmp_path / "db"), Settings(), today=TODAY, preload=False)
    async with app.run_test(size=(120, 40)) as pilot:
        table = app.screen.query_one(QueueTable)
        await settle(app, pilot)
        table.move_cursor(row=table.get_row_index("A1004"))
        await pilot.press("enter")
        await settle(app, pilot)
        assert isinstance(app.screen, EncounterScreen)
        await pilot.press("slash", *typed)
        await settle(app, pilot)
        await pilot.press("enter")  # the first result
        await settle(app, pilot)
        await pilot.press("y")  # POA
        await settle(app, pilot)
    with Store.open(tmp_path / "db") as store:
        assert [d.code for d in store.get("A1004").encounter.diagnoses] == [code]
