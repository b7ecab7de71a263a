"""The encounter's search pane ranks codes the patient's age and sex rule out last (issue 14): driven
by keys in the real app, on the real store and release."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.test_app import app_on, open_account, settle
from workbench.tui.widgets.search.search_pane import SearchPane


async def search(app, pilot, text: str) -> list:
    await pilot.press("slash", *text)
    await settle(app, pilot)
    return app.screen.query_one(SearchPane).results


@pytest.mark.asyncio
async def test_newborn_codes_rank_last_for_a_45_year_old_man(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_account(app, pilot, "A1004")  # Moe, Max: 45, male
        pane = app.screen.query_one(SearchPane)
        assert pane.patient == (45, "M")
        results = await search(app, pilot, "jaundice")
        codes = [r.code for r in results]
        assert codes[0] == "R17"
        newborn = [i for i, c in enumerate(codes) if c.startswith("P")]
        adult = [i for i, c in enumerate(codes) if not c.startswith("P")]
        assert newborn and max(adult) < min(newborn)  # still listed, after every other code
        assert "newborns (age 0)" in results[newborn[0]].matched


@pytest.mark.asyncio
async def test_obstetric_procedures_rank_last_for_a_man(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_account(app, pilot, "A1004")
        results = await search(app, pilot, "delivery")
        first_obstetric = next(i for i, r in enumerate(results) if r.code.startswith("10"))
        assert all(not r.code.startswith("10") for r in results[:first_obstetric])
        assert first_obstetric > 0 and "female patients only" in results[first_obstetric].matched


@pytest.mark.asyncio
async def test_the_whole_list_shown_is_ranked_for_the_patient(tmp_path: Path) -> None:
    # The first 40 matches of "pregnancy" hold 27 codes a man's chart cannot take; ranked over the
    # search's whole pool, the 40 lines shown are codes that fit, with 8 (a fifth) kept for those ruled
    # out, last and marked.
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_account(app, pilot, "A1004")  # 45, male
        results = await search(app, pilot, "pregnancy")
        assert len(results) == 40
        ruled_out = [n for n, r in enumerate(results) if "female patients only" in r.matched]
        assert ruled_out == list(range(32, 40))
        assert "Z331" in [results[n].code for n in ruled_out]  # Pregnant state, incidental: still listed
