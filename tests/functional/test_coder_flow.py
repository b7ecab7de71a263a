"""The coder's everyday features (#16) on the real demo data: accept all supported suggestions after a
review, next/previous chart, undo, the what-if of a code not added, physician queries, the keymap
warnings and the ctrl+p patient jump. Real app, real TinyDB file, real release and grouper."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from tests.functional.test_flow import open_chart, stored
from tests.support.cli import run_cli
from tests.support.keys import burst
from tests.support.pilot import settle, started, typed
from workbench.demo import demo_encounters
from workbench.model.encounter import Query
from workbench.settings import Settings
from workbench.store.core import Store
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.accept_all import AcceptAllDialog
from workbench.tui.screens.dialogs import ChoiceDialog, TextDialog
from workbench.tui.screens.encounter import EncounterScreen
from workbench.tui.screens.queries import QueriesDialog
from workbench.tui.screens.queue import QueueScreen
from workbench.tui.widgets.queue.queue_table import QueueTable
from workbench.tui.widgets.suggestions.suggestions_pane import SuggestionsPane

TODAY = dt.date(2026, 7, 1)
CHF = "47477539"  # the demo heart-failure chart: its record states four codes


def demo_db(path: Path, change: dict[str, dict[str, object]] | None = None) -> Path:
    encounters = demo_encounters()
    for i, enc in enumerate(encounters):
        if change and enc.account in change:
            encounters[i] = dataclasses.replace(enc, **change[enc.account])  # type: ignore[arg-type]
    with Store.open(path) as store:
        store.add_many(encounters)
    return path


def app_on(db: Path, settings: Settings | None = None) -> WorkbenchApp:
    return make_app(db, settings or Settings(), today=TODAY, preload=False)


@asynccontextmanager
async def on_demo(db: Path, *keys: str, settings: Settings | None = None,
                  size: tuple[int, int] = (120, 40)) -> AsyncIterator[tuple[WorkbenchApp, Pilot[None]]]:
    """The app on the demo `db`, started and settled, with `keys` typed in one burst from the queue."""
    app = app_on(db, settings)
    async with started(app, size) as pilot:
        if keys:
            await typed(app, pilot, *keys)
        yield app, pilot


@asynccontextmanager
async def on_chf(db: Path, *keys: str, size: tuple[int, int] = (120, 40),
                 ) -> AsyncIterator[tuple[WorkbenchApp, Pilot[None], EncounterScreen]]:
    """The demo heart-failure chart opened from the queue, then `keys` typed in the same burst."""
    async with on_demo(db, f"/{CHF}", "enter", *keys, size=size) as (app, pilot):
        yield app, pilot, open_chart(app)


def codes(enc: object) -> list[tuple[str, str]]:
    return [(d.code, d.poa) for d in enc.diagnoses]  # type: ignore[attr-defined]


@pytest.mark.asyncio
async def test_accept_all_supported_suggestions_after_a_review_the_coder_can_untick(tmp_path: Path) -> None:
    db = demo_db(tmp_path / "db")
    async with on_chf(db) as (app, pilot, screen):
        supported = [s.code for s in screen.query_one(SuggestionsPane).suggestions if s.kind == "code"]
        assert len(supported) >= 3 and screen.session.encounter.diagnoses == []
        await typed(app, pilot, "3", "A")
        dialog = app.screen
        assert isinstance(dialog, AcceptAllDialog)
        assert [p.suggestion.code for p in dialog.picks] == supported  # every code listed for review
        await typed(app, pilot, "escape")  # nothing is added without the confirm
        assert screen.session.encounter.diagnoses == [] and stored(db, CHF).diagnoses == []
        # untick the second, POA N on the third, confirm
        await typed(app, pilot, "A", "down", "space", "down", "n", "enter")
        # Z79.84 is in a POA-exempt category (Appendix I): offered blank
        want = [(supported[0], "Y"), (supported[2], "N"),
                *[(c, "" if c == "Z7984" else "Y") for c in supported[3:]]]
        assert codes(screen.session.encounter) == want
        assert screen.focused is screen.query_one(SuggestionsPane).query_one(OptionList), "focus stays"
    assert codes(stored(db, CHF)) == want


@pytest.mark.asyncio
async def test_accepting_one_suggestion_is_a_key_pair_and_focus_stays_in_the_list(tmp_path: Path) -> None:
    async with on_chf(demo_db(tmp_path / "db")) as (app, pilot, screen):
        first = screen.query_one(SuggestionsPane).suggestions[0].code
        await typed(app, pilot, "3", "a", "w")
        assert codes(screen.session.encounter) == [(first, "W")]
        assert screen.focused is screen.query_one(SuggestionsPane).query_one(OptionList)


async def open_row(app: WorkbenchApp, pilot: Pilot[None], row: int) -> str:
    table = app.screen.query_one(QueueTable)
    table.move_cursor(row=row)
    account = table.highlighted_account
    await typed(app, pilot, "enter")
    assert account is not None and open_chart(app).account == account
    return account


@pytest.mark.asyncio
async def test_next_and_previous_chart_follow_the_queue_order_and_keep_the_edits(tmp_path: Path) -> None:
    db = demo_db(tmp_path / "db")
    async with on_demo(db, "s", "s") as (app, pilot):  # sorted by patient name: the order `]` follows
        table = app.screen.query_one(QueueTable)
        order = [table.view.account_at(i) for i in range(3)]
        first = await open_row(app, pilot, 0)
        await typed(app, pilot, "/i10", "enter", "y", "]")  # an edit, then straight on to the next chart
        assert open_chart(app).account == order[1]
        await typed(app, pilot, "]")
        assert open_chart(app).account == order[2]
        await typed(app, pilot, "[", "[")
        assert open_chart(app).account == first
        assert "I10" in [d.code for d in open_chart(app).session.encounter.diagnoses]
        await typed(app, pilot, "[")  # nothing before the first: stays, says so
        assert open_chart(app).account == first and len(app.screen_stack) == 2
    assert "I10" in [d.code for d in stored(db, first).diagnoses]
    with Store.open(db) as store:
        assert store.locks() == {} if hasattr(store, "locks") else True


@pytest.mark.asyncio
async def test_ctrl_z_undoes_a_delete_and_an_add_with_a_notice(tmp_path: Path) -> None:
    db = demo_db(tmp_path / "db")
    async with on_chf(db, "/i5023", "enter", "y", "/e119", "enter", "y") as (app, pilot, screen):
        assert codes(screen.session.encounter) == [("I5023", "Y"), ("E119", "Y")]
        await typed(app, pilot, "delete")  # focus is on the new code, E11.9
        assert codes(screen.session.encounter) == [("I5023", "Y")]
        await typed(app, pilot, "ctrl+z")
        assert codes(screen.session.encounter) == [("I5023", "Y"), ("E119", "Y")]
        assert any(n.message == "undone: E11.9 removed" for n in app._notifications)
        assert codes(stored(db, CHF)) == [("I5023", "Y"), ("E119", "Y")]
        await typed(app, pilot, "n", "ctrl+z", "ctrl+z")  # a POA change, then the add of E11.9
        assert codes(screen.session.encounter) == [("I5023", "Y")]
    assert codes(stored(db, CHF)) == [("I5023", "Y")]


@pytest.mark.asyncio
async def test_what_if_of_a_search_result_shows_the_drg_without_adding_it(tmp_path: Path) -> None:
    db = demo_db(tmp_path / "db")
    async with on_chf(db, "/i5023", "enter", "y", "/n179", "ctrl+o") as (_app, _pilot, screen):
        notes = str(screen.query_one("#search-notes").render())
        # heart failure principal: N17.9 is a CC, so 293 (without CC/MCC) would become 292 (with CC)
        search = screen.query_one("#search-input")
        assert "if N17.9 were added: DRG 292" in notes and "now DRG 293" in notes, (
            notes, codes(screen.session.encounter), getattr(search, "value", None), screen.focused)
        assert codes(screen.session.encounter) == [("I5023", "Y")]
    assert codes(stored(db, CHF)) == [("I5023", "Y")]


QUERY = Query("Please clarify the type of heart failure.", ["acute systolic", "Other (please specify)"],
              author="coder", created="2026-06-20")


@pytest.mark.asyncio
async def test_queries_are_listed_answered_and_an_open_one_stops_s_silently_starting(tmp_path: Path) -> None:
    db = demo_db(tmp_path / "db", {CHF: {"status": "on_hold", "queries": [QUERY]}})
    async with on_demo(db, f"/{CHF}", "enter", "2", "s") as (app, pilot):
        assert isinstance(app.screen, ChoiceDialog), "s with an open query asks first"
        await typed(app, pilot, "escape")
        screen = open_chart(app)
        assert screen.session.encounter.status == "on_hold" and stored(db, CHF).status == "on_hold"
        await typed(app, pilot, "Q")
        assert isinstance(app.screen, QueriesDialog)
        await typed(app, pilot, "a")
        assert isinstance(app.screen, TextDialog)
        await typed(app, pilot, "acute on chronic systolic", "enter")
        assert isinstance(app.screen, QueriesDialog)  # the list again, showing the answer
        await typed(app, pilot, "escape", "s")
        assert open_chart(app).session.encounter.status == "in_progress"  # no open query: no question
    q = stored(db, CHF).queries[0]
    assert (q.status, q.answer, q.answered) == ("answered", "acute on chronic systolic", TODAY.isoformat())
    assert stored(db, CHF).status == "in_progress"


@pytest.mark.asyncio
async def test_the_palette_opens_a_patients_chart_by_name_from_a_chart(tmp_path: Path) -> None:
    db = demo_db(tmp_path / "db")
    enc = next(e for e in demo_encounters() if e.account == "40562544")
    last = enc.patient_name.split(",")[-1].strip().lower()
    async with on_demo(db, f"/{CHF}", "enter") as (app, pilot):
        await typed(app, pilot, "ctrl+p", last)
        from textual.command import CommandList

        for _ in range(100):  # the palette searches in the background: the coder sees the hit, then Enter
            hits = app.screen.query_one(CommandList)
            if hits.option_count and "chart:" in str(hits.get_option_at_index(0).prompt):
                break
            await pilot.pause(0.05)
        assert "40562544" in str(hits.get_option_at_index(0).prompt), "the patient's chart comes first"
        burst(app, "enter")
        for _ in range(100):  # the palette closes, then the chart opens
            await settle(app, pilot)
            if getattr(app.screen, "account", "") == "40562544" and app.screen.session is not None:
                break
        assert open_chart(app).account == "40562544"
        assert isinstance(app.screen_stack[-2], QueueScreen) and len(app.screen_stack) == 2


def test_config_keys_marks_overrides_and_warns_about_a_taken_key(tmp_path: Path, capsys: object,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "config.toml").write_text('[keymap]\n"coding.principal" = "P"\n"coding.date" = "x"\n')
    monkeypatch.setenv("WORKBENCH_CONFIG_DIR", str(tmp_path))
    code, out, err = run_cli(capsys, "config", "keys")
    assert code == 0
    line = next(x for x in out.splitlines() if "coding.principal" in x)
    assert line.startswith("*") and " P " in line and "(default p)" in line
    assert not next(x for x in out.splitlines() if "coding.poa_y" in x).startswith("*")
    assert "coding.date = 'x' takes 'x' from coding.remove" in err
    assert "coding.principal" not in err


@pytest.mark.asyncio
async def test_the_app_warns_at_start_when_a_remapped_key_takes_another(tmp_path: Path) -> None:
    db = demo_db(tmp_path / "db")
    async with on_demo(db, settings=Settings(keymap={"encounter.start": "c"})) as (app, _pilot):
        messages = [n.message for n in app._notifications]
    assert any("encounter.start = 'c' takes 'c' from encounter.coded" in m for m in messages), messages


@pytest.mark.asyncio
async def test_queue_filter_takes_dotted_codes_and_shows_payer_and_service(tmp_path: Path) -> None:
    db = demo_db(tmp_path / "db")
    back = (f"/{CHF}", "enter", "/i5023", "enter", "y", "escape", "escape")  # back, filter cleared
    async with on_demo(db, *back, size=(160, 40)) as (app, pilot):
        await typed(app, pilot, "/i50.23")
        table = app.screen.query_one(QueueTable)
        dotted = [table.view.account_at(i) for i in range(table.row_count)]
        await typed(app, pilot, "ctrl+u", "i5023")
        assert dotted == [table.view.account_at(i) for i in range(table.row_count)] and CHF in dotted
        row = table.get_row(CHF)
        enc = stored(db, CHF)
        assert (enc.payer, enc.service) == ("Medicare", "Hospital Medicine")
        assert "Medicare" in row and "Hosp Med" in row  # the queue's short form of the service


@pytest.mark.asyncio
async def test_queue_payer_and_service_fit_at_120_columns(tmp_path: Path) -> None:
    """At 120x40 the queue showed "Medicaid M" and "Gastroente": the payer's class and plan and the
    service in their short forms, whole, with no column past the screen's edge."""
    db = demo_db(tmp_path / "db")
    gi = "44124279"
    enc = stored(db, gi)
    assert (enc.payer, enc.service) == ("Medicaid Managed Care - Riverbend Health", "Gastroenterology")
    async with on_demo(db, size=(120, 40)) as (app, pilot):
        table = app.screen.query_one(QueueTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width  # no sideways scroll
        table.move_cursor(row=table.get_row_index(gi))
        await pilot.pause()
        line = next(table.render_line(y).text for y in range(1, table.size.height)
                    if gi in table.render_line(y).text)
        assert line.rstrip().endswith("MCO Riverbend  GI")
        header = table.render_line(0).text
        assert header.rstrip().endswith("Service")


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_the_charts_key_line_shows_mark_coded(tmp_path: Path, size: tuple[int, int]) -> None:
    """`c` (mark coded), the step that ends a chart, is on the chart's key line beside esc Back, at both
    sizes, with the coding list focused."""
    from workbench.tui.widgets.keyline import KeyLine

    db = demo_db(tmp_path / "db")
    async with on_demo(db, f"/{CHF}", "enter", "2", size=size) as (app, pilot):
        screen = open_chart(app)
        line = screen.query_one(KeyLine)
        await pilot.pause()
        shown = str(line.render())[: size[0]]
        assert "esc Back" in shown and "c Coded" in shown


@pytest.mark.asyncio
async def test_enter_in_the_palette_runs_the_best_hit_for_all_the_text_typed(tmp_path: Path) -> None:
    """ctrl+p "ke" (the list shows the Kenjis' charts), then "ys" Enter typed fast: Enter runs "Keys"
    (the key panel), not the chart the list showed for "ke" while the search for "keys" was still running."""
    from textual.command import CommandList
    from textual.widgets import HelpPanel

    from workbench.store.queue_index import QueueQuery, QueueView

    db = demo_db(tmp_path / "db")
    async with on_demo(db, f"/{CHF}", "enter") as (app, pilot):
        await typed(app, pilot, "ctrl+p", "ke")
        for _ in range(100):
            hits = app.screen.query_one(CommandList)
            if hits.option_count and "chart:" in str(hits.get_option_at_index(0).prompt):
                break
            await pilot.pause(0.05)
        assert "Kenji" in str(hits.get_option_at_index(0).prompt), "the coder sees a Kenji's chart first"
        store = app.services.store
        queue = store.queue

        def loaded_machine_queue(query: QueueQuery) -> QueueView:
            time.sleep(0.5)  # the palette's search of the queue, on a loaded machine
            return queue(query)

        store.queue = loaded_machine_queue  # type: ignore[method-assign]
        await typed(app, pilot, "ys", "enter")
        for _ in range(40):
            await settle(app, pilot)
            if app.screen.query(HelpPanel):
                break
        assert open_chart(app).account == CHF, "no other patient's chart opened"
        assert app.screen.query(HelpPanel), "Keys ran: the key panel shows"
