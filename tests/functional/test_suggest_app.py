"""The suggestions pane in the real app: the scan runs in a worker, accept adds the code through the
search path (POA dialog) and saves, dismiss is remembered on the stored encounter."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path

from textual.widgets import OptionList, TextArea

from tests.support.suggesting import one_chart_db
from workbench.settings import Settings
from workbench.store.core import Store
from workbench.tui.app import make_app
from workbench.tui.screens.encounter import EncounterScreen
from workbench.tui.widgets.queue.queue_table import QueueTable
from workbench.tui.widgets.suggestions.suggestions_pane import SuggestionsPane

TODAY = dt.date(2026, 5, 20)
NOTE = ("DISCHARGE DIAGNOSES:\n1. Heart failure.\n2. Acute kidney injury.\n"
        "3. Acute respiratory failure with hypoxia.\n"
        "HOSPITAL COURSE:\nPulmonary embolism was ruled out. Diuresed.\n")


async def settle(app, pilot) -> None:
    for _ in range(4):
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)


async def _run(tmp_path: Path) -> None:
    db = one_chart_db(tmp_path / "db", NOTE)
    app = make_app(db, Settings(), today=TODAY, preload=False)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(QueueTable)
        table.move_cursor(row=table.get_row_index("S1"))
        await pilot.press("enter")
        await settle(app, pilot)
        screen = app.screen
        assert isinstance(screen, EncounterScreen)
        pane = screen.query_one(SuggestionsPane)
        assert [s.code for s in pane.suggestions][:1] == ["N179"]
        assert not any(s.code.startswith("I26") for s in pane.suggestions)  # ruled out
        assert pane.suggestions[0].drg_if_added is not None
        assert pane.suggestions[0].drg_if_added.drg == "292"

        await pilot.press("3")  # focus the suggestions pane
        await settle(app, pilot)
        assert screen.focused is pane.query_one("#sugg-list", OptionList)
        await pilot.press("e")  # the evidence selected in the record reader
        await pilot.pause(0.2)
        reader = screen.query_one("#reader", TextArea)
        assert reader.selected_text == "Acute kidney injury."

        await pilot.press("3", "a")  # accept: the POA dialog of the search path
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert [d.code for d in screen.session.encounter.diagnoses] == ["I509", "N179"]
        assert "N179" not in [s.code for s in pane.suggestions]

        await pilot.press("f5")  # after adding, focus is in the search box: F5 works from there
        await settle(app, pilot)
        first = pane.suggestions[0].code
        await pilot.press("x")  # dismiss, remembered
        await settle(app, pilot)
        assert first not in [s.code for s in pane.suggestions]
    with Store.open(db) as store:
        stored = store.get("S1").encounter
    assert [d.code for d in stored.diagnoses] == ["I509", "N179"]
    assert stored.diagnoses[1].poa == "Y"
    assert stored.dismissed == [first]


def test_accept_and_dismiss_in_the_app(tmp_path: Path) -> None:
    asyncio.run(_run(tmp_path))
