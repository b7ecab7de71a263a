"""The POA question asked on a line of the chart screen, not in a modal dialog (#16: a dialog's push
and pop each repainted the whole screen). Keys typed in one burst still arrive in order: the accept
key, its POA key and the next key each reach what they were meant for. Real app, real demo data on
disk, real release, grouper and scanner."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from codesets.release.poa_categories import exemption
from tests.functional.test_coder_flow import app_on, demo_db
from tests.functional.test_flow import open_chart, stored
from tests.support.pilot import started, typed
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.encounter import EncounterScreen
from workbench.tui.widgets.poa.poa_prompt import PoaPrompt
from workbench.tui.widgets.suggestions.suggestions_pane import SuggestionsPane

CHF = "47477539"  # the suggestions-driven demo chart of bench_flow


def asked(screen: EncounterScreen) -> list[str]:
    """The first suggestions, in list order, that `a` asks a POA for (CM codes not POA-exempt)."""
    assert screen.release is not None
    pane = screen.query_one(SuggestionsPane)
    return [s.code for s in pane.suggestions
            if s.system == "CM" and s.kind == "code" and not exemption(s.code, screen.release.id).exempt]


def poa_of(app: WorkbenchApp) -> dict[str, str]:
    return {d.code: d.poa for d in open_chart(app).session.encounter.diagnoses}


@pytest.mark.asyncio
async def test_accept_poa_and_next_keys_in_one_burst_arrive_in_order(tmp_path: Path) -> None:
    db = demo_db(tmp_path / "db")
    app = app_on(db)
    async with started(app) as pilot:
        await typed(app, pilot, "/", CHF, "enter", "3")
        screen = open_chart(app)
        pane = screen.query_one(SuggestionsPane)
        first, second = asked(screen)[:2]
        assert [s.code for s in pane.suggestions][:2] == [first, second], "the two at the top are asked"
        depth = len(app.screen_stack)

        # `a` asks, `y` answers, the next `a` accepts the next suggestion and `n` answers it; then `down`
        # moves the list's highlight (it is the list's key again once the question is answered).
        await typed(app, pilot, "a", "y", "a", "n", "down")
        assert poa_of(app)[first] == "Y" and poa_of(app)[second] == "N"
        assert len(app.screen_stack) == depth and app.screen is screen, "no dialog screen"
        prompt = screen.query_one(PoaPrompt)
        assert not prompt.display and not prompt.asking
        lst = pane.query_one("#sugg-list", OptionList)
        assert lst.has_focus and lst.highlighted == 1, "down reached the list after the second answer"
    assert {d.code: d.poa for d in stored(db, CHF).diagnoses if d.code in (first, second)} == {
        first: "Y", second: "N"}


@pytest.mark.asyncio
async def test_the_question_shows_the_code_and_choices_and_other_keys_wait_for_the_answer(
        tmp_path: Path) -> None:
    db = demo_db(tmp_path / "db")
    app = app_on(db)
    async with started(app, (80, 24)) as pilot:
        await typed(app, pilot, "/", CHF, "enter", "3")
        screen = open_chart(app)
        code = asked(screen)[0]
        before = dict(poa_of(app))
        await typed(app, pilot, "a")
        prompt = screen.query_one(PoaPrompt)
        text = str(prompt.render())
        assert prompt.display and prompt.has_focus
        assert code[:3] in text and "Present on admission?" in text
        for choice in ("y yes", "n no", "u documentation insufficient", "w clinically undetermined",
                       "1/e exempt (blank)", "escape: do not add"):
            assert choice in text, choice
        # `c` (mark coded) and `/` (search) are not answers: the chart behind the question is untouched
        await typed(app, pilot, "c", "/", "x")
        assert screen.session.encounter.status == stored(db, CHF).status != "coded"
        assert screen.query_one("#search-input").value == "" and prompt.has_focus
        # Escape: not added, back on the list
        await typed(app, pilot, "escape")
        assert poa_of(app) == before and not prompt.display
        assert screen.query_one(SuggestionsPane).query_one("#sugg-list", OptionList).has_focus
        # `1` answers exempt (blank), as older claim formats wrote it
        await typed(app, pilot, "a", "1")
        assert poa_of(app)[code] == ""


@pytest.mark.asyncio
async def test_search_add_asks_on_the_line_and_the_next_keys_go_to_the_coding_list(tmp_path: Path) -> None:
    db = demo_db(tmp_path / "db")
    app = app_on(db)
    async with started(app) as pilot:
        await typed(app, pilot, "/", CHF, "enter")
        screen = open_chart(app)
        depth = len(app.screen_stack)
        n = len(screen.session.encounter.diagnoses)
        # search, Enter adds, `w` answers; `u` then sets the POA of the row just added (the coding list
        # has focus again) in the same burst
        await typed(app, pilot, "/e871", "enter", "w", "u")
        assert len(app.screen_stack) == depth
        dx = screen.session.encounter.diagnoses
        assert len(dx) == n + 1 and (dx[-1].code, dx[-1].poa) == ("E871", "U")
        assert screen.query_one("#dx").has_focus
