"""Procedure dates a note says in words (#16): "on hospital day 1", "the day of admission" in the sepsis
chart's discharge summary (dated 2026-04-12, the admission 2026-04-09) date the suggestion and the date
box by the admission, not by the summary; a procedure the record gives no day for keeps the note's date,
and the coder is told it is a guess (the suggestion's detail, the date box). Real app, the demo's TinyDB
file, release and scanner."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from textual.widgets import Input, OptionList, Static

from tests.functional.test_coder_flow import demo_db, on_demo
from tests.functional.test_flow import open_chart, stored
from tests.support.cli import run_cli
from tests.support.pilot import typed
from workbench.demo import answer_keys, demo_encounters
from workbench.interchange.writer import dumps
from workbench.tui.screens.dialogs import DateDialog
from workbench.tui.widgets.suggestions.suggestions_pane import SuggestionsPane

SEPSIS = "40720680"
INTUBATION = "0BH17EZ"


def summary_saying(old: str, new: str) -> dict[str, dict[str, object]]:
    """The sepsis chart with its discharge summary's `old` words replaced by `new`."""
    enc = next(e for e in demo_encounters() if e.account == SEPSIS)
    docs = []
    for d in enc.documents:
        if d.type == "Discharge Summary":
            assert old in d.text
            d = dataclasses.replace(d, text=d.text.replace(old, new))
        docs.append(d)
    return {SEPSIS: {"documents": docs}}


def texts(screen: object) -> str:
    return "\n".join(str(s.render()) for s in screen.query(Static))  # type: ignore[attr-defined]


async def accept_intubation(app, pilot, screen) -> DateDialog:  # type: ignore[no-untyped-def]
    pane = screen.query_one(SuggestionsPane)
    codes = [s.code for s in pane.suggestions]
    pane.query_one("#sugg-list", OptionList).highlighted = codes.index(INTUBATION)
    await typed(app, pilot, "a")
    assert isinstance(app.screen, DateDialog)
    return app.screen


@pytest.mark.asyncio
async def test_hospital_day_1_dates_the_procedure_on_the_admission_day(tmp_path: Path) -> None:
    want = next(p.date for p in answer_keys()[SEPSIS].procedures if p.code == INTUBATION)
    assert want == dt.date(2026, 4, 9)
    db = demo_db(tmp_path / "db", summary_saying("Endotracheal intubation (2026-04-09)",
                                                 "Endotracheal intubation on hospital day 1"))
    async with on_demo(db, f"/{SEPSIS}", "enter", "3") as (app, pilot):
        screen = open_chart(app)
        pane = screen.query_one(SuggestionsPane)
        s = next(s for s in pane.suggestions if s.code == INTUBATION)
        assert (s.date, s.date_guess) == ("2026-04-09", False)  # not the summary's 2026-04-12
        dialog = await accept_intubation(app, pilot, screen)
        assert dialog.query_one(Input).value == "2026-04-09"
        assert "a guess" not in texts(dialog)
        await typed(app, pilot, "enter")
        assert [p.date for p in screen.session.encounter.procedures if p.code == INTUBATION] == [want]
    assert [p.date for p in stored(db, SEPSIS).procedures if p.code == INTUBATION] == [want]


@pytest.mark.asyncio
async def test_a_procedure_with_no_day_keeps_the_notes_date_shown_as_a_guess(tmp_path: Path) -> None:
    db = demo_db(tmp_path / "db", summary_saying("Endotracheal intubation (2026-04-09)",
                                                 "Endotracheal intubation"))
    async with on_demo(db, f"/{SEPSIS}", "enter", "3") as (app, pilot):
        screen = open_chart(app)
        pane = screen.query_one(SuggestionsPane)
        s = next(s for s in pane.suggestions if s.code == INTUBATION)
        assert (s.date, s.date_guess) == ("2026-04-12", True)
        codes = [x.code for x in pane.suggestions]
        pane.query_one("#sugg-list", OptionList).highlighted = codes.index(INTUBATION)
        await pilot.pause()
        detail = str(pane.query_one("#sugg-detail", Static).render())
        assert "done 2026-04-12 ? the note's date: the record does not say the day" in detail
        dialog = await accept_intubation(app, pilot, screen)
        assert dialog.query_one(Input).value == "2026-04-12"
        assert "a guess: the record does not say the day it was done" in texts(dialog)
        # the coder checks the record and types the day
        await typed(app, pilot, "ctrl+u", "2026-04-09", "enter")
        assert [p.date for p in screen.session.encounter.procedures if p.code == INTUBATION] == \
            [dt.date(2026, 4, 9)]
    assert [p.date for p in stored(db, SEPSIS).procedures if p.code == INTUBATION] == [dt.date(2026, 4, 9)]


@pytest.mark.asyncio
async def test_accept_all_marks_a_guessed_date(tmp_path: Path) -> None:
    db = demo_db(tmp_path / "db", summary_saying("Endotracheal intubation (2026-04-09)",
                                                 "Endotracheal intubation"))
    async with on_demo(db, f"/{SEPSIS}", "enter", "3") as (app, pilot):
        open_chart(app)
        await typed(app, pilot, "A")
        dialog = app.screen
        pick = next(p for p in dialog.picks if p.suggestion.code == INTUBATION)  # type: ignore[attr-defined]
        assert "on 2026-04-12?" in pick.label
        assert "A date with ? is its note's date" in texts(dialog)


@pytest.mark.parametrize(("said", "date", "guess"), [
    ("Endotracheal intubation on hospital day 1", "2026-04-09", False),
    ("Endotracheal intubation", "2026-04-12", True)])
def test_suggest_json_says_whether_a_procedure_date_is_a_guess(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], said: str, date: str, guess: bool) -> None:
    enc = next(e for e in demo_encounters() if e.account == SEPSIS)
    docs = summary_saying("Endotracheal intubation (2026-04-09)", said)[SEPSIS]["documents"]
    path = tmp_path / "sepsis.jsonl"
    path.write_text(dumps(dataclasses.replace(enc, documents=docs, procedures=[])) + "\n", encoding="utf-8")
    code, out, _ = run_cli(capsys, "suggest", path, "--json")
    assert code == 0
    found = [s for s in json.loads(out)["suggestions"] if s["code"] == INTUBATION]
    assert [(s["date"], s["date_guess"]) for s in found] == [(date, guess)]
