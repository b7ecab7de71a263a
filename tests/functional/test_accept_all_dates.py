"""Accept all dates each procedure as the date box does when it is added alone (the note that documents
it), not with the date of the discharge summary its sentence was read in. The sepsis chart: ventilation
started on admission (the answer key's 2026-04-09); the summary is dated 2026-04-12. Real app, demo
TinyDB file, release, scanner."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList

from tests.functional.test_coder_flow import demo_db, on_demo
from tests.functional.test_flow import open_chart, stored
from tests.support.pilot import typed
from tests.support.screen import screen_text
from workbench.demo import answer_keys
from workbench.tui.screens.accept_all import AcceptAllDialog
from workbench.tui.screens.dialogs import DateDialog
from workbench.tui.widgets.suggestions.suggestions_pane import SuggestionsPane

SEPSIS = "40720680"
VENTILATION = "5A1945Z"


@pytest.mark.asyncio
async def test_accept_all_dates_a_procedure_by_the_note_that_documents_it(tmp_path: Path) -> None:
    db = demo_db(tmp_path / "db")
    want = next(p.date for p in answer_keys()[SEPSIS].procedures if p.code == VENTILATION)
    assert want == dt.date(2026, 4, 9)
    async with on_demo(db, f"/{SEPSIS}", "enter", "3") as (app, pilot):
        screen = open_chart(app)
        await typed(app, pilot, "A")  # once the list is in
        sentence = next(s for s in screen.query_one(SuggestionsPane).suggestions if s.code == VENTILATION)
        assert sentence.date == "2026-04-12"  # read in the discharge summary
        dialog = app.screen
        assert isinstance(dialog, AcceptAllDialog)
        pick = next(p for p in dialog.picks if p.suggestion.code == VENTILATION)
        assert "on 2026-04-09" in pick.label  # what the review shows is what is added
        await typed(app, pilot, "enter")
        assert [p.date for p in screen.session.encounter.procedures if p.code == VENTILATION] == [want]
    assert [p.date for p in stored(db, SEPSIS).procedures if p.code == VENTILATION] == [want]


@pytest.mark.asyncio
async def test_accept_all_offers_a_poa_exempt_code_blank(tmp_path: Path) -> None:
    """The heart-failure chart: Z79.84 (long-term oral hypoglycemics) is in a POA-exempt category; its
    answer key reports it blank, and the checks flag a Y on it."""
    chf = "47477539"
    key = {d.code: d.poa for d in answer_keys()[chf].diagnoses}
    assert key["Z7984"] == "" and key["I5023"] == "Y"
    async with on_demo(demo_db(tmp_path / "db"), f"/{chf}", "enter", "3") as (app, pilot):
        screen = open_chart(app)
        await typed(app, pilot, "A")
        dialog = app.screen
        assert isinstance(dialog, AcceptAllDialog)
        poa = {p.suggestion.code: p.poa for p in dialog.picks}
        assert poa["Z7984"] == "" and poa["I5023"] == "Y"
        await typed(app, pilot, "enter")
        got = {d.code: d.poa for d in screen.session.encounter.diagnoses}
        assert got["Z7984"] == "" and got["I5023"] == "Y"


@pytest.mark.asyncio
async def test_accept_typed_before_the_first_scan_waits_for_it(tmp_path: Path) -> None:
    """A fast coder's `Enter 3 A` and `Enter 3 a y` in one burst: the accept waits for the chart's first
    scan and acts on its list; it was told "no supported suggestion to accept" and the `y` was lost."""
    db = demo_db(tmp_path / "db")
    async with on_demo(db, f"/{SEPSIS}", "enter", "3", "A") as (app, pilot):
        assert isinstance(app.screen, AcceptAllDialog)
        assert [p.suggestion.code for p in app.screen.picks][:2] == ["A419", "J189"]
        assert not [n.message for n in app._notifications]
    async with on_demo(db, f"/{SEPSIS}", "enter", "3", "a", "y") as (app, pilot):
        screen = open_chart(app)
        assert [(d.code, d.poa) for d in screen.session.encounter.diagnoses] == [("A419", "Y")]


@pytest.mark.asyncio
async def test_accepting_a_procedure_offers_the_date_written_with_it(tmp_path: Path) -> None:
    """The sepsis chart's summary (dated 2026-04-12) lists "Endotracheal intubation (2026-04-09)": the
    suggestion and the date box take the date written with the procedure, the answer key's, not the
    summary's; the box still refuses a date outside the stay."""
    intubation = "0BH17EZ"
    db = demo_db(tmp_path / "db")
    want = next(p.date for p in answer_keys()[SEPSIS].procedures if p.code == intubation)
    assert want == dt.date(2026, 4, 9)
    async with on_demo(db, f"/{SEPSIS}", "enter", "3") as (app, pilot):
        screen = open_chart(app)
        pane = screen.query_one(SuggestionsPane)
        await pilot.pause()
        codes = [s.code for s in pane.suggestions]
        assert intubation in codes
        assert pane.suggestions[codes.index(intubation)].date == "2026-04-09"
        pane.query_one("#sugg-list", OptionList).highlighted = codes.index(intubation)
        await typed(app, pilot, "a")
        dialog = app.screen
        assert isinstance(dialog, DateDialog)
        assert dialog.query_one(Input).value == "2026-04-09"
        await typed(app, pilot, "ctrl+u", "2026-04-13", "enter")  # the day after the discharge
        hint = str(dialog.query_one("#dialog-hint").render())
        assert app.screen is dialog and "after the discharge" in hint
        await typed(app, pilot, "ctrl+u", "2026-04-09", "enter")
        assert [p.date for p in screen.session.encounter.procedures if p.code == intubation] == [want]
    assert [p.date for p in stored(db, SEPSIS).procedures if p.code == intubation] == [want]


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_accept_all_wraps_a_long_title_under_its_first_word(tmp_path: Path,
                                                                  size: tuple[int, int]) -> None:
    """The pacemaker chart: "Insertion of Pacemaker, Dual Chamber into Chest Subcutaneous Tissue and
    Fascia, Open Approach" wraps; its next line starts under "Insertion", not under the tick box, so the
    codes' column stays clear and the titles read as one column (tmux, 80x24 and 120x40)."""
    pacemaker = "49708816"
    async with on_demo(demo_db(tmp_path / "db"), f"/{pacemaker}", "enter", "3", size=size) as (app, pilot):
        await typed(app, pilot, "A")
        dialog = app.screen
        assert isinstance(dialog, AcceptAllDialog)
        await pilot.pause(0.1)
        text = screen_text(app)
        rows = text.splitlines()
        first = next(i for i, r in enumerate(rows) if "0JH606Z" in r)
        column = rows[first].index("Insertion")
        words = rows[first][column:].split() + rows[first + 1].split()
        assert rows[first + 1][:column].strip(" │▊") == "", f"wrapped under the tick box:\n{text}"
        assert "Fascia," in words or "Tissue" in words
        assert any("I44.2" in r and r.index("Atrioventricular") == column for r in rows), "one title column"
