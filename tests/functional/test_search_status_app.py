"""Diagnosis search in the app, driven by keys: a condition typed with the treatment it is on ("ESRD on
HD") adds the condition (N18.6) with Enter, and the status code (Z99.2) is the next result, not the
dialysis procedure."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.functional.test_app import app_on, open_account, settle, stored
from workbench.tui.widgets.search.search_pane import SearchPane


@pytest.mark.asyncio
async def test_esrd_on_hd_adds_n18_6_and_offers_z99_2_next(tmp_path: Path) -> None:
    pytest.importorskip("codesets.release.core")
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_account(app, pilot, "A1004")
        await pilot.press("slash", *"esrd on hd")
        await settle(app, pilot)
        pane = screen.query_one(SearchPane)
        assert [r.code for r in pane.results[:2]] == ["N186", "Z992"]
        assert "Z99.2" in str(pane.query_one("#search-results", OptionList).get_option_at_index(1).prompt)
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert [(d.code, d.poa) for d in stored(tmp_path, "A1004").encounter.diagnoses] == [("N186", "Y")]
