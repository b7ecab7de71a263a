"""Without a hospital base rate the expected payment cannot be worked out: the DRG pane says so and where
to set it (it used to leave the payment out without a word, which reads as 'no payment for this DRG')."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from textual.widgets import Static

from tests.support.pilot import opened, started
from workbench.model.encounter import Diagnosis, Encounter
from workbench.settings import Settings
from workbench.store.core import Store
from workbench.tui.app import make_app

STAY = Encounter(account="P100", mrn="M100", patient_name="Rate, Ann", age=80, sex="F",
                 admit_date=dt.date(2025, 11, 10), discharge_date=dt.date(2025, 11, 14), disposition="01",
                 diagnoses=[Diagnosis("J189", "Y"), Diagnosis("E119", "Y")])


def test_drg_pane_without_a_base_rate_says_how_to_get_the_payment(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db") as store:
        store.add_many([STAY])

    async def run() -> None:
        app = make_app(tmp_path / "db", Settings(), today=dt.date(2025, 11, 20), preload=False)  # type: ignore[arg-type]
        async with started(app) as pilot:
            screen = await opened(app, pilot, "P100")
            text = str(screen.query_one("#drg-text", Static).render())
            assert "DRG 195" in text and "Weight 0.6285" in text and "expected $" not in text
            assert "no base rate set (config.toml, [hospital] section)" in text

    asyncio.run(run())
