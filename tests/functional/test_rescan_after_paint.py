"""An edit paints with its regrouping, and the suggestions rescan follows it (#16: the frame waited for
the rescan). Until the rescan is in, the list has no suggestion that is coded now and shows no DRG
effect; once it is in, the panes are what a fresh open of the saved chart shows. Real app, real demo
data on disk, real release, grouper and scanner."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList, Static

from tests.functional.test_coder_flow import app_on, demo_db
from tests.functional.test_flow import open_chart, stored
from tests.support.keys import burst
from tests.support.pilot import settle, started, typed
from workbench.tui.app import WorkbenchApp
from workbench.tui.widgets.suggestions import suggestions_pane
from workbench.tui.widgets.suggestions.suggestions_pane import SuggestionsPane

CHF = "47477539"  # the suggestions-driven demo chart of bench_flow


def panes(app: WorkbenchApp) -> dict[str, Any]:
    """What the coder reads of the DRG and the suggestions, the highlighted suggestion's detail apart."""
    screen = open_chart(app)
    pane = screen.query_one(SuggestionsPane)
    lst = pane.query_one("#sugg-list", OptionList)
    return {
        "drg line": str(screen.query_one("#enc-drg-line", Static).render()),
        "drg pane": str(screen.query_one("#drg-text", Static).render()),
        "status": str(pane.query_one("#sugg-status", Static).render()),
        "suggestions": [(s.code, s.drg_if_added and s.drg_if_added.drg) for s in pane.suggestions],
        "rows": [str(lst.get_option_at_index(i).prompt) for i in range(lst.option_count)],
    }


def detail_of(app: WorkbenchApp, code: str) -> str:
    """The detail line of suggestion `code`, highlighted."""
    pane = open_chart(app).query_one(SuggestionsPane)
    lst = pane.query_one("#sugg-list", OptionList)
    lst.highlighted = [s.code for s in pane.suggestions].index(code)
    return str(pane.query_one("#sugg-detail", Static).render())


@pytest.mark.asyncio
async def test_after_a_burst_of_accepts_the_panes_match_a_fresh_open(tmp_path: Path) -> None:
    """`a y a y a y` typed at once accepts the first three suggestions (before, the second `a` landed on
    the code just accepted, still listed while its rescan ran: two codes were added), and the DRG pane
    and the suggestions end up as a fresh open of the saved chart shows them."""
    db = demo_db(tmp_path / "db")
    before = [d.code for d in stored(db, CHF).diagnoses]
    app = app_on(db)
    async with started(app) as pilot:
        await typed(app, pilot, "/", CHF, "enter")
        first = [s.code for s in open_chart(app).query_one(SuggestionsPane).suggestions][:3]
        assert len(first) == 3
        # three accepts typed in one burst, each with its POA: the rescans of the first two are overtaken
        await typed(app, pilot, "3", "a", "y", "a", "y", "a", "y")
        coded = [d.code for d in open_chart(app).session.encounter.diagnoses]
        assert coded == before + first
        after = panes(app)
        assert not set(first) & {code for code, _ in after["suggestions"]}
        assert after["suggestions"] and "reading the record again" not in after["status"]
        rest = after["suggestions"][0][0]
        after_detail = detail_of(app, rest)
    assert [d.code for d in stored(db, CHF).diagnoses] == coded
    fresh = app_on(db)
    async with started(fresh) as pilot:
        await typed(fresh, pilot, "/", CHF, "enter", "3")
        assert panes(fresh) == after
        assert detail_of(fresh, rest) == after_detail


@pytest.mark.asyncio
async def test_an_accepted_suggestion_leaves_the_list_before_the_rescan(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rescan held back (its thread waits): the edit and its DRG are painted, the accepted code is
    off the list, no DRG effect is shown for the coding before; the rescan then fills the list."""
    db = demo_db(tmp_path / "db")
    app = app_on(db)
    async with started(app) as pilot:
        await typed(app, pilot, "/", CHF, "enter")
        screen = open_chart(app)
        pane = screen.query_one(SuggestionsPane)
        accepted = pane.suggestions[0].code
        listed = [s.code for s in pane.suggestions]
        gate = threading.Event()
        real = suggestions_pane.suggest

        def held(*a: Any, **k: Any) -> Any:
            gate.wait(30)
            return real(*a, **k)

        monkeypatch.setattr(suggestions_pane, "suggest", held)
        try:
            await typed(app, pilot, "3", "a")  # the POA dialog
            burst(app, "y")
            for _ in range(500):  # until the edit is regrouped, saved and painted (the rescan waits)
                await pilot.pause(0.02)
                if regrouped(screen, accepted) and not screen.paint_held:
                    break
            assert regrouped(screen, accepted) and not screen.paint_held
            assert [w for w in app.workers if w.group == "suggestions" and w.is_running], "the rescan waits"
            shown = panes(app)
            assert [code for code, _ in shown["suggestions"]] == [c for c in listed if c != accepted]
            assert len(shown["rows"]) == len(listed) - 1
            assert "reading the record again" in shown["status"]
            assert "if added" not in str(pane.query_one("#sugg-detail", Static).render())
        finally:  # a failure above must not leave the scan's thread waiting
            gate.set()
        await settle(app, pilot)
        assert "reading the record again" not in panes(app)["status"]
        assert accepted not in [s.code for s in pane.suggestions]
        assert pane.suggestions and pane.suggestions[0].drg_if_added is not None
        assert "if added" in str(pane.query_one("#sugg-detail", Static).render())


def regrouped(screen: Any, code: str) -> bool:
    """The DRG the chart shows is the regrouping of a coding with `code`, saved."""
    last = screen.last
    return (last is not None and last.revision is not None
            and code in [d.code for d in last.encounter.diagnoses])
