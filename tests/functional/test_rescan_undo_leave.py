"""ctrl+z and leaving the chart while the suggestions rescan is still running (#16). Undone back to the
coding last scanned, the list is that scan's list again at once (the suggestion accepted and undone is
back, its DRG effect shown); undone to a coding between, the list has every suggestion not coded in it,
without DRG effects. Left (Escape, `]`) while the rescan runs, the chart opened next shows its own
suggestions and DRG effects, the edit is saved, nothing fails. The rescan is held by a gate on the
scanner's thread: real app, real demo data on disk, real release, grouper and scanner."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static

from tests.functional.test_coder_flow import app_on, demo_db
from tests.functional.test_flow import open_chart, stored
from tests.functional.test_rescan_after_paint import CHF, panes
from tests.support.keys import burst
from tests.support.pilot import settle, started, typed
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.encounter import EncounterScreen
from workbench.tui.widgets.queue.queue_table import QueueTable
from workbench.tui.widgets.suggestions import suggestions_pane
from workbench.tui.widgets.suggestions.suggestions_pane import SuggestionsPane

PNEUMONIA = "40562544"  # the medical demo chart of bench_flow


@contextmanager
def rescans_held(monkeypatch: pytest.MonkeyPatch, account: str) -> Iterator[threading.Event]:
    """Scans of `account` wait (in their thread) until the event is set; other charts scan as usual."""
    gate = threading.Event()
    real = suggestions_pane.suggest

    def held(enc: Any, *a: Any, **k: Any) -> Any:
        if enc.account == account:
            gate.wait(30)
        return real(enc, *a, **k)

    monkeypatch.setattr(suggestions_pane, "suggest", held)
    try:
        yield gate
    finally:  # a failure must not leave a scan's thread waiting
        gate.set()


async def until(pilot: Pilot[None], done: Any) -> None:
    """Until `done()` (10 s at most): `settle` would wait for the held rescan."""
    for _ in range(500):
        if done():
            return
        await pilot.pause(0.02)
    assert done()


def painted(screen: EncounterScreen, codes: list[str]) -> bool:
    """The chart shows, saved and painted, the regrouping of a coding whose diagnoses are `codes`."""
    last = screen.last
    return (last is not None and last.revision is not None and not screen.paint_held
            and [d.code for d in last.encounter.diagnoses] == codes)


def rescan_waits(app: WorkbenchApp) -> bool:
    return any(w.group == "suggestions" and w.is_running for w in app.workers)


async def highlighted(app: WorkbenchApp, pilot: Pilot[None], code: str) -> str:
    """The detail of suggestion `code`, highlighted (its message handled)."""
    pane = open_chart(app).query_one(SuggestionsPane)
    pane.query_one("#sugg-list", OptionList).highlighted = [s.code for s in pane.suggestions].index(code)
    await pilot.pause()
    return detail(pane)


def detail(pane: SuggestionsPane) -> str:
    return str(pane.query_one("#sugg-detail", Static).render())


@pytest.mark.asyncio
async def test_undo_while_the_rescan_runs_shows_the_list_of_the_coding_undone_to(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = demo_db(tmp_path / "db")
    app = app_on(db)
    async with started(app) as pilot:
        # the principal accepted first (scanned as usual): the other suggestions have a DRG effect
        await typed(app, pilot, "/", CHF, "enter", "3", "a", "y")
        screen = open_chart(app)
        pane = screen.query_one(SuggestionsPane)
        coded = [d.code for d in stored(db, CHF).diagnoses]
        before, before_detail = panes(app), detail(pane)
        assert "if added" in before_detail
        first, second = [s.code for s in pane.suggestions][:2]
        with rescans_held(monkeypatch, CHF) as gate:
            burst(app, "a", "y")
            await until(pilot, lambda: painted(screen, coded + [first]))
            burst(app, "a", "y")
            await until(pilot, lambda: painted(screen, coded + [first, second]))
            assert rescan_waits(app)
            # undone to a coding never scanned: the suggestion undone is listed again, no DRG effect
            burst(app, "ctrl+z")
            await until(pilot, lambda: painted(screen, coded + [first]))
            between = panes(app)
            listed = [c for c, _ in before["suggestions"]]
            assert [c for c, _ in between["suggestions"]] == [c for c in listed if c != first]
            assert len(between["rows"]) == len(before["rows"]) - 1
            assert "reading the record again" in between["status"]
            assert "if added" not in detail(pane)
            # undone to the coding scanned: its list, status and DRG effects at once, the rescan still held
            burst(app, "ctrl+z")
            await until(pilot, lambda: painted(screen, coded))
            assert panes(app) == before
            # its DRG effect, with the rescan still held
            assert await highlighted(app, pilot, first) == before_detail
            gate.set()
            await settle(app, pilot)
        assert panes(app) == before
        assert await highlighted(app, pilot, first) == before_detail
    assert [d.code for d in stored(db, CHF).diagnoses] == coded


async def open_fresh(db: Path, account: str) -> tuple[dict[str, Any], str]:
    """The panes and first suggestion's detail a fresh open of `account` shows."""
    app = app_on(db)
    async with started(app) as pilot:
        await typed(app, pilot, "/", account, "enter", "3")
        return panes(app), detail(open_chart(app).query_one(SuggestionsPane))


@pytest.mark.asyncio
@pytest.mark.parametrize("leave", ["escape", "next chart"])
async def test_leaving_while_the_rescan_runs_keeps_the_edit_and_the_next_chart_its_own_list(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, leave: str) -> None:
    db = demo_db(tmp_path / "db")
    coded = [d.code for d in stored(db, CHF).diagnoses]
    app = app_on(db)
    async with started(app) as pilot:
        # opened from the whole queue, the order `]` follows
        table = app.screen.query_one(QueueTable)
        table.move_cursor(row=table.get_row_index(CHF))
        await typed(app, pilot, "enter", "3")
        screen = open_chart(app)
        assert screen.account == CHF
        first = screen.query_one(SuggestionsPane).suggestions[0].code
        with rescans_held(monkeypatch, CHF) as gate:
            burst(app, "a", "y")
            await until(pilot, lambda: painted(screen, coded + [first]))
            assert rescan_waits(app)
            if leave == "escape":
                # Escape and the next chart's keys in one burst, the rescan still running
                burst(app, "escape", "/", PNEUMONIA, "enter", "3")
            else:
                burst(app, "]", "3")
            await until(pilot, lambda: isinstance(app.screen, EncounterScreen) and app.screen is not screen
                        and app.screen.session is not None and not app.keys_waiting)
            gate.set()
            await settle(app, pilot)
        nxt = open_chart(app)
        account = nxt.account
        assert account != CHF
        shown, shown_detail = panes(app), detail(nxt.query_one(SuggestionsPane))
        assert app.is_running
    assert [d.code for d in stored(db, CHF).diagnoses] == coded + [first]
    assert (shown, shown_detail) == await open_fresh(db, account)
