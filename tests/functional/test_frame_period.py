"""The screens' update timer ticks at FRAMES_PER_SECOND (frame_period.py sets a Textual module global
that its Screen reads when it makes the timer: this pins that Textual still reads it there)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.test_coder_flow import CHF, demo_db, on_demo
from workbench.tui.frame_period import FRAMES_PER_SECOND
from workbench.tui.screens.encounter import EncounterScreen
from workbench.tui.screens.queue import QueueScreen


@pytest.mark.asyncio
async def test_queue_and_chart_screens_tick_at_the_shorter_period(tmp_path: Path) -> None:
    db = demo_db(tmp_path / "db")
    async with on_demo(db) as (app, pilot):
        assert isinstance(app.screen, QueueScreen)
        assert app.screen._update_timer._interval == pytest.approx(1 / FRAMES_PER_SECOND)
    async with on_demo(db, f"/{CHF}", "enter") as (app, pilot):
        assert isinstance(app.screen, EncounterScreen)
        assert app.screen._update_timer._interval == pytest.approx(1 / FRAMES_PER_SECOND)
        assert FRAMES_PER_SECOND > 60  # Textual's own default, which the gaps came from
