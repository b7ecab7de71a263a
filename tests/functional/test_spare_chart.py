"""Opening a chart on a spare screen composed ahead (workbench/tui/spare_chart.py): the chart shows its
own data only (nothing of the chart before), and keys typed ahead reach it in order. Real app, real
store on disk, real release and grouper."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static, TextArea

from tests.functional.test_flow import app_on, open_chart, stored
from tests.support.app_samples import make_db
from tests.support.pilot import pressed, started, typed
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.encounter import EncounterScreen
from workbench.tui.screens.queue import QueueScreen
from workbench.tui.widgets.coding.coding_pane import CodingPane
from workbench.tui.widgets.queue.queue_table import QueueTable
from workbench.tui.widgets.record.record_pane import RecordPane
from workbench.tui.widgets.search.search_pane import SearchPane
from workbench.tui.widgets.suggestions.suggestions_pane import SuggestionsPane


async def spare_of(app: WorkbenchApp, pilot: Pilot[None]) -> EncounterScreen:
    """The spare chart screen, once the app has built it (the keyboard idle for a moment)."""
    for _ in range(200):
        spare = app._spare
        if spare is not None and spare.is_mounted:
            return spare
        await pilot.pause(0.05)
    raise AssertionError("no spare chart screen was built while the keyboard was idle")


async def no_spare_composing(app: WorkbenchApp, pilot: Pilot[None]) -> None:
    """No spare is built from now on, and none is half-composed when the test ends (the app closing
    under a screen still mounting fails in its tabs' mount)."""
    app.prepare_spare_chart(60.0)
    for _ in range(100):
        if app._spare is None or app._spare.is_mounted:
            return
        await pilot.pause(0.05)


def text_of(screen: EncounterScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def open_from_queue(app: WorkbenchApp, pilot: Pilot[None], account: str) -> EncounterScreen:
    table = app.screen.query_one(QueueTable)
    table.move_cursor(row=table.get_row_index(account))
    await pressed(app, pilot, "enter")
    return open_chart(app)


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_chart_opened_on_the_spare_screen_shows_only_its_own_data(tmp_path: Path,
                                                                           size: tuple[int, int]) -> None:
    db = make_db(tmp_path / "db")
    app = app_on(db)
    async with started(app, size) as pilot:
        first = await open_from_queue(app, pilot, "A1003")
        await typed(app, pilot, "/i214")  # a search left typed in the first chart
        assert first.query_one(SearchPane).input.value == "i214"
        spare = await spare_of(app, pilot)
        assert spare is not first and spare.account == ""
        await pressed(app, pilot, "escape", "escape")
        assert isinstance(app.screen, QueueScreen)
        screen = await open_from_queue(app, pilot, "A1004")
        assert screen is spare, "the chart opened on the screen composed ahead"
        enc = screen.session.encounter
        assert screen.account == enc.account == "A1004"
        header = text_of(screen, "#enc-header")
        assert "A1004" in header and "A1003" not in header
        assert screen.query_one(RecordPane).documents == enc.documents
        reader = screen.query_one("#reader", TextArea).text
        assert reader and reader in "\n".join(d.text for d in enc.documents)
        assert screen.query_one(CodingPane).encounter == enc
        assert screen.last is not None and screen.last.encounter.account == "A1004"
        assert text_of(screen, "#enc-drg-line") != "DRG -"
        search = screen.query_one(SearchPane)
        assert search.input.value == "" and search.results == []
        suggestions = screen.query_one(SuggestionsPane)
        for _ in range(200):  # the scan runs in the background
            if suggestions.scanned_for is not None:
                break
            await pilot.pause(0.05)
        assert suggestions.session is not None and suggestions.session.encounter.account == "A1004"
        assert screen.focused is screen.query_one("#dx"), "the coding list has focus, as on a new screen"
        # the next spare is another screen: each chart's screen is used once
        assert await spare_of(app, pilot) is not screen


@pytest.mark.asyncio
async def test_keys_typed_ahead_into_a_chart_opening_on_the_spare_screen_arrive_in_order(
        tmp_path: Path) -> None:
    db = make_db(tmp_path / "db")
    app = app_on(db)
    async with started(app) as pilot:
        await open_from_queue(app, pilot, "A1003")
        spare = await spare_of(app, pilot)
        # back, filter by name, open, search, add with its POA: one burst, before anything opened
        await typed(app, pilot, "escape", "/moe", "enter", "/i214", "enter", "y")
        screen = open_chart(app)
        assert screen is spare and screen.account == "A1004"
        assert [(d.code, d.poa) for d in screen.session.encounter.diagnoses] == [("I214", "Y")]
        assert screen.query_one(SearchPane).input.value == ""
        assert screen.focused is screen.query_one("#dx")
    assert [d.code for d in stored(db, "A1004").diagnoses] == ["I214"]
    assert "I214" not in [d.code for d in stored(db, "A1003").diagnoses]


@pytest.mark.asyncio
async def test_a_spare_being_taken_down_ignores_a_late_resize_and_layout(tmp_path: Path) -> None:
    """The app tears a spare down (its widgets go first) while its layout-ahead timer or a terminal
    resize can still reach it: the app keeps running (a full suite run once died here with
    NoMatches on SearchPane)."""
    from textual import events
    from textual.geometry import Size

    db = make_db(tmp_path / "db")
    app = app_on(db)
    async with started(app) as pilot:
        spare = await spare_of(app, pilot)
        await spare.query_one("#body").remove()  # what the teardown does first
        spare._lay_out_ahead()
        spare.post_message(events.Resize(Size(100, 30), Size(100, 30)))
        await pilot.pause(0.1)
        await pilot.resize_terminal(100, 30)
        await pilot.pause(0.1)
        assert app.is_running and isinstance(app.screen, QueueScreen)


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_opening_header_of_a_spare_leaves_nothing_behind_in_the_chart_header(
        tmp_path: Path, size: tuple[int, int]) -> None:
    """A spare is laid out and rendered ahead with a two-line opening header; the chart's own header,
    one line or two, replaces it whole: no 'opening' line left, no blank line above the panes."""
    db = make_db(tmp_path / "db")
    app = app_on(db)
    async with started(app, size) as pilot:
        spare = await spare_of(app, pilot)
        assert "reading the chart" in text_of(spare, "#enc-header")
        for _ in range(200):  # laid out and rendered ahead while the keyboard is idle
            if spare.query_one("#body").size.height:
                break
            await pilot.pause(0.05)
        screen = await open_from_queue(app, pilot, "A1004")
        assert screen is spare
        header = screen.query_one("#enc-header", Static)
        text = text_of(screen, "#enc-header")
        assert "A1004" in text and "opening" not in text and "reading the chart" not in text
        assert header.size.height == len(text.splitlines()), "the header is as tall as its lines"
        drg_line = screen.query_one("#enc-drg-line")
        assert drg_line.region.y == header.region.bottom, "the DRG line follows the header directly"
        shown = app.export_screenshot()
        assert "reading the chart" not in shown and "opening..." not in shown


@pytest.mark.asyncio
async def test_a_chart_opened_right_after_leaving_the_first_opens_on_a_screen_composed_ahead(
        tmp_path: Path) -> None:
    """The coder waited on the queue, opened the wrong patient and, in one burst, went back and opened
    the right one: both charts open on screens composed while the coder looked at the queue (the
    second one was composed on its Enter), each with its own data, the keys typed ahead in order."""
    db = make_db(tmp_path / "db")
    app = app_on(db)
    async with started(app) as pilot:
        spare = await spare_of(app, pilot)
        for _ in range(200):  # the second one, built while the keyboard stays idle
            reserve = app._reserve
            if reserve is not None and reserve.is_mounted:
                break
            await pilot.pause(0.05)
        else:
            raise AssertionError("no second spare chart screen while the coder waited on the queue")
        assert reserve is not spare and reserve.account == ""
        table = app.screen.query_one(QueueTable)
        table.move_cursor(row=table.get_row_index("A1003"))
        await typed(app, pilot, "enter", "escape", "/moe", "enter", "/i214", "enter", "y")
        screen = open_chart(app)
        assert screen is reserve, "the second chart opened on the second screen composed ahead"
        assert spare.account == "A1003" and spare not in app.screen_stack, "the first opened on the spare"
        assert screen.account == screen.session.encounter.account == "A1004"
        header = text_of(screen, "#enc-header")
        assert "A1004" in header and "A1003" not in header
        assert [(d.code, d.poa) for d in screen.session.encounter.diagnoses] == [("I214", "Y")]
        assert screen.focused is screen.query_one("#dx")
    assert [d.code for d in stored(db, "A1004").diagnoses] == ["I214"]
    assert [d.code for d in stored(db, "A1003").diagnoses] == ["M1612"], "the first chart unchanged"
