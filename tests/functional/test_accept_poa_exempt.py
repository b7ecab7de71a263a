"""An accepted POA-exempt suggestion is added with POA blank, whatever POA key was typed after `a`."""

from __future__ import annotations

import asyncio
import datetime as dt
from pathlib import Path
from typing import Any

from tests.support.pilot import opened, settle, started
from tests.support.suggesting import one_chart_db
from workbench.settings import Settings
from workbench.store.core import Store
from workbench.tui.app import make_app
from workbench.tui.screens.encounter import EncounterScreen
from workbench.tui.widgets.suggestions.suggestions_pane import SuggestionsPane

TODAY = dt.date(2026, 5, 20)
NOTE = ("DISCHARGE DIAGNOSES:\n1. Heart failure.\n2. Type 2 diabetes mellitus, on long-term insulin.\n"
        "3. Acute kidney injury.\n4. History of tobacco use.\nHOSPITAL COURSE:\nDiuresed.\n")


async def to_suggestion(pilot: Any, pane: SuggestionsPane, code: str) -> None:
    """Highlight `code` in the suggestions list (focused)."""
    at = [s.code for s in pane.suggestions].index(code)
    here = pane.query_one("#sugg-list").highlighted or 0
    for _ in range(abs(at - here)):
        await pilot.press("down" if at > here else "up")


def stored(db: Path) -> tuple[int, list[tuple[str, str]]]:
    with Store.open(db) as store:
        s = store.get("S1")
    return s.revision, [(d.code, d.poa) for d in s.encounter.diagnoses]


async def _exempt_accept(tmp_path: Path) -> None:
    db = one_chart_db(tmp_path / "db", NOTE)
    app = make_app(db, Settings(), today=TODAY, preload=False)
    async with started(app, size=(140, 40)) as pilot:
        screen = await opened(app, pilot, "S1")
        pane = screen.query_one(SuggestionsPane)
        await pilot.press("3")
        await settle(app, pilot)
        # Z79.4 (long-term insulin) is POA-exempt (Appendix I, Z79): `a` adds it blank; the `y` typed
        # after it out of habit does nothing in the list.
        await to_suggestion(pilot, pane, "Z794")
        await pilot.press("a", "y")
        await settle(app, pilot)
        # E11.9 is not exempt: `a y` still asks and gives Y.
        await to_suggestion(pilot, pane, "E119")
        await pilot.press("a", "y")
        await settle(app, pilot)
        assert isinstance(app.screen, EncounterScreen)
        coded = [(d.code, d.poa) for d in screen.session.encounter.diagnoses]
        assert coded == [("I509", "Y"), ("Z794", ""), ("E119", "Y")]
        assert not [f for f in screen.last.findings if "Z794" in f.codes]  # no "POA normally blank" note
    assert stored(db)[1] == [("I509", "Y"), ("Z794", ""), ("E119", "Y")]


def test_accepted_poa_exempt_suggestion_is_added_blank(tmp_path: Path) -> None:
    asyncio.run(_exempt_accept(tmp_path))
