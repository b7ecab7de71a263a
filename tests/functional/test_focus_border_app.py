"""The pane holding focus shows it with its border (`round $accent`; the others `round $panel`), as the
focus moves between the record, the coding list, the search and the DRG preview; on a narrow terminal
the search box keeps no border. Real app, real store and release."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.color import Color

from tests.functional.test_app import app_on, open_account
from tests.support.pilot import pressed
from workbench.tui.screens.encounter import EncounterScreen

PANES = ("#side", "#coding", "#search", "#drg")


def borders(screen: EncounterScreen) -> dict[str, tuple[str, Color]]:
    return {pane: screen.query_one(pane).styles.border_top for pane in PANES}


@pytest.mark.asyncio
async def test_the_focused_pane_has_the_accent_border_and_the_others_the_panel_border(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_account(app, pilot, "A1004")
        accent = Color.parse(app.theme_variables["accent"])
        panel = Color.parse(app.theme_variables["panel"])
        for keys, focused in ((("2",), "#coding"), (("1",), "#side"), (("2", "slash"), "#search"),
                              (("escape",), "#coding"), (("4",), "#drg"), (("3",), "#side")):
            await pressed(app, pilot, *keys)
            assert app.screen is screen
            assert borders(screen) == {pane: ("round", accent if pane == focused else panel)
                                       for pane in PANES}, keys


@pytest.mark.asyncio
async def test_the_search_box_has_no_border_on_a_narrow_terminal_even_when_focused(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(app, pilot, "A1004")
        await pressed(app, pilot, "slash")
        assert screen.focused is screen.query_one("#search-input")
        assert screen.query_one("#search").styles.border_top[0] in ("", "none")


@pytest.mark.asyncio
async def test_without_colour_the_focused_pane_has_a_double_border(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_account(app, pilot, "A1004")
        await pressed(app, pilot, "1")
        assert {pane: screen.query_one(pane).styles.border_top[0] for pane in PANES} == {
            "#side": "double", "#coding": "round", "#search": "round", "#drg": "round"}
