"""The DRG pane, driven by keys, shows the HAC line of a fall fracture not present on admission and the
FY2026 weight of a v43.0 discharge."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from textual.widgets import Static

from tests.support.pilot import opened, pressed, started
from workbench.model.encounter import Diagnosis, Encounter
from workbench.settings import Settings
from workbench.store.core import Store
from workbench.tui.app import make_app
from workbench.tui.widgets.drg.drg_pane import DrgPane
from workbench.tui.widgets.table import WorkTable

TODAY = dt.date(2025, 11, 20)


def _db(path: Path) -> Path:
    with Store.open(path) as store:
        store.add_many([Encounter(
            account="H100", mrn="M100", patient_name="Fall, Ann", age=80, sex="F",
            admit_date=dt.date(2025, 11, 10), discharge_date=dt.date(2025, 11, 14), disposition="01",
            diagnoses=[Diagnosis("I5023", "Y"), Diagnosis("S72001A", "N"), Diagnosis("W010XXA", "N")])])
    return path


def test_drg_pane_shows_the_hac_and_fy2026_payment(tmp_path: Path) -> None:
    async def run() -> None:
        app = make_app(_db(tmp_path / "db"), Settings(base_rate=6000.0), today=TODAY, preload=False)  # type: ignore[arg-type]
        async with started(app) as pilot:
            await opened(app, pilot, "H100")
            await pressed(app, pilot, "4")  # the DRG pane
            assert app.focused is app.screen.query_one(DrgPane)
            text = str(app.screen.query_one("#drg-text", Static).render())
            assert "DRG 293" in text and "MS-DRG v43.0 (release 2026.0)" in text
            assert "expected $" in text and "no weights installed" not in text
            assert ("HAC S72.001A: HAC 05 Falls and Trauma, POA N: not counted as MCC (DRG 291 if it had "
                    "been present on admission)") in text

    asyncio.run(run())


def test_coding_list_marks_the_hac_code_as_set_aside_not_as_setting_the_drg(tmp_path: Path) -> None:
    """S72.001A with POA N is a HAC 05: the grouper set it aside (DRG 293, not 291), so its Cnt cell
    says HAC, never 'yes*' (which tells the coder the code set the DRG)."""
    async def run() -> None:
        app = make_app(_db(tmp_path / "db"), Settings(), today=TODAY, preload=False)  # type: ignore[arg-type]
        async with started(app) as pilot:
            screen = await opened(app, pilot, "H100")
            dx = screen.query_one("#dx", WorkTable)
            assert str(dx.get_cell("dx1", "code")) == "S72.001A"
            assert str(dx.get_cell("dx1", "counted")) == "HAC"
            assert str(dx.get_cell("dx0", "counted")) == "PDX"

    asyncio.run(run())
