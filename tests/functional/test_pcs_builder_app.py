"""The PCS code builder in the app, driven by keys: from a typed table prefix and from a search result,
axis by axis, then Enter adds the code with its procedure date (real store, real release)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from tests.functional.test_app import app_on, open_account, settle, stored
from workbench.tui.screens.encounter import EncounterScreen
from workbench.tui.screens.pcs_builder import PcsBuilderScreen


def code_line(app) -> str:
    return str(app.screen.query_one("#builder-code", Static).render())


async def highlight(app, pilot, axis: int, value: str) -> None:
    """Move the highlight of column `axis` down to `value` with the arrow key, as a coder would."""
    options = app.screen.query_one(f"#axis-{axis}", OptionList)
    values = [v.value for v in app.screen.view.axes[axis].values]
    assert value in values, values
    while values[options.highlighted or 0] != value:
        await pilot.press("down")
    await pilot.pause()


@pytest.mark.asyncio
async def test_builds_0sg00aj_from_typed_prefix_and_adds_it(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(app, pilot, "A1004")
        await pilot.press("slash", *"0SG", "ctrl+b")
        await settle(app, pilot)
        assert isinstance(app.screen, PcsBuilderScreen)
        assert "Fusion" in str(app.screen.query_one("#builder-head", Static).render())
        assert "0SG____" in code_line(app)
        await pilot.press("0")  # body part: lumbar vertebral joint
        assert "0SG0___" in code_line(app)
        # the approach column now lists only what rows with body part 0 allow
        assert [v.value for v in app.screen.view.axes[1].values] == ["0", "3", "4"]
        await pilot.press("0", "a")  # open, interbody fusion device
        assert [v.value for v in app.screen.view.axes[3].values] == ["0", "J"]  # as the table's row says
        await highlight(app, pilot, 3, "J")
        await pilot.press("enter")  # picks the qualifier: the code is complete
        assert "0SG00AJ" in code_line(app) and "Interbody Fusion Device" in code_line(app)
        await pilot.press("enter")  # adds it: the date is asked
        await settle(app, pilot)
        assert not isinstance(app.screen, PcsBuilderScreen)
        await pilot.press("enter")  # the admission date offered by default
        await settle(app, pilot)
        assert isinstance(app.screen, EncounterScreen) and app.screen is screen
        procs = stored(tmp_path, "A1004").encounter.procedures
        assert [p.code for p in procs][-1] == "0SG00AJ"
        assert procs[-1].date == screen.session.encounter.admit_date


@pytest.mark.asyncio
async def test_builds_0dbn8zx_from_a_search_result_axis_by_axis(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_account(app, pilot, "A1004")
        await pilot.press("slash", *"0DB")
        await settle(app, pilot)
        await pilot.press("ctrl+b")
        await settle(app, pilot)
        assert isinstance(app.screen, PcsBuilderScreen)
        await highlight(app, pilot, 0, "N")
        detail = str(app.screen.query_one("#builder-detail", Static).render())
        assert "Sigmoid Colon" in detail and "Body Part Key" in detail  # e.g. sigmoid flexure
        await pilot.press("enter")
        await pilot.press("right")  # approach column already focused: right moves on to the device
        await pilot.press("left")
        await highlight(app, pilot, 1, "8")
        await pilot.press("enter", "z")
        await pilot.press("backspace")  # undo the device, then pick it again
        assert "0DBN8__" in code_line(app)
        await pilot.press("z", "x")
        assert "0DBN8ZX" in code_line(app) and "Diagnostic" in code_line(app)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        # a day inside the stay (dates outside it are refused)
        await pilot.press("ctrl+a", "ctrl+k", *"2026-05-17", "enter")
        await settle(app, pilot)
        procs = stored(tmp_path, "A1004").encounter.procedures
        assert (procs[-1].code, procs[-1].date) == ("0DBN8ZX", dt.date(2026, 5, 17))


@pytest.mark.asyncio
async def test_bad_value_is_refused_and_escape_adds_nothing(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_account(app, pilot, "A1004")
        before = list(stored(tmp_path, "A1004").encounter.procedures)
        await pilot.press("slash", *"0SG", "ctrl+b")
        await settle(app, pilot)
        await pilot.press("z")  # no body part Z in table 0SG
        assert "0SG____" in code_line(app)
        await pilot.press("escape")
        await settle(app, pilot)
        assert not isinstance(app.screen, PcsBuilderScreen)
        assert stored(tmp_path, "A1004").encounter.procedures == before


@pytest.mark.asyncio
@pytest.mark.parametrize("key", ["question_mark", "f1"])
async def test_help_key_in_the_builder_shows_its_keys_and_escape_returns_to_it(tmp_path: Path, key) -> None:
    from workbench.tui.screens.help import HelpScreen

    app = app_on(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_account(app, pilot, "A1004")
        await pilot.press("slash", *"0SG", "ctrl+b")
        await settle(app, pilot)
        await pilot.press("0")
        await pilot.press(key)  # the app's help key did nothing once the (modal) builder was open
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).render())
        assert "PCS code builder" in text and "Build an ICD-10-PCS code from its table" in text
        assert "builder.undo" in text and "builder.add" in text  # its keys, by their keymap ids
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, PcsBuilderScreen) and "0SG0___" in code_line(app)
