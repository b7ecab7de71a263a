"""Pilot-driven tests of the main flows, on a real store on disk, the real grouper and the real app."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input, Static

from tests.support.app_samples import TODAY, make_db
from workbench.settings import Settings
from workbench.store.core import Store
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.encounter import EncounterScreen
from workbench.tui.screens.help import HelpScreen
from workbench.tui.widgets.queue.queue_table import QueueTable


def app_on(tmp_path: Path, **settings: object) -> WorkbenchApp:
    return make_app(make_db(tmp_path / "db"), Settings(**settings), today=TODAY, preload=False)  # type: ignore[arg-type]


async def settle(app: WorkbenchApp, pilot: object) -> None:
    for _ in range(3):
        await app.workers.wait_for_complete()
        await pilot.pause(0.05)  # type: ignore[attr-defined]


async def open_account(app: WorkbenchApp, pilot: object, account: str) -> EncounterScreen:
    table = app.screen.query_one(QueueTable)
    await settle(app, pilot)
    table.move_cursor(row=table.get_row_index(account))
    await pilot.press("enter")  # type: ignore[attr-defined]
    await settle(app, pilot)
    assert isinstance(app.screen, EncounterScreen)
    return app.screen


def drg_line(screen: EncounterScreen) -> str:
    return str(screen.query_one("#enc-drg-line", Static).render())


def stored(tmp_path: Path, account: str):  # noqa: ANN201
    with Store.open(tmp_path / "db") as store:
        return store.get(account)


@pytest.mark.asyncio
async def test_queue_shows_filters_and_opens(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(QueueTable)
        assert table.row_count == 4
        # days since discharge counts from the injected today: 2026-05-14 -> 6 days
        assert str(table.get_row("A1001")[7]) == "6"
        await pilot.press("slash", *"roe")
        await settle(app, pilot)
        assert [table.get_row_at(i)[1] for i in range(table.row_count)] == ["A1002"]
        await pilot.press("escape")  # clears the filter, back to the table
        await settle(app, pilot)
        assert table.row_count == 4
        await pilot.press("t")  # status: new
        await settle(app, pilot)
        assert sorted(table.get_row_at(i)[1] for i in range(table.row_count)) == ["A1001", "A1004"]
        assert "2 encounters (New)" in str(app.screen.query_one("#queue-summary", Static).render())
        await open_account(app, pilot, "A1001")


@pytest.mark.asyncio
async def test_open_groups_and_make_principal_regroups_and_saves(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_account(app, pilot, "A1001")
        # Acute on chronic systolic HF as principal, CKD 3a (not a CC): heart failure without CC/MCC.
        assert "DRG 293" in drg_line(screen)
        await pilot.press("2", "j", "p")  # coding list, second diagnosis, make principal
        await settle(app, pilot)
        # CKD first: renal failure, and I50.23 is now a secondary MCC that counts.
        assert "DRG 682" in drg_line(screen)
        s = stored(tmp_path, "A1001")
        assert [d.code for d in s.encounter.diagnoses] == ["N1831", "I5023"]
        assert s.encounter.grouping["drg"] == "682"
        assert s.audit[-1].user and any(c["field"] == "diagnoses" for c in s.audit[-1].changes)
        # back in the queue the row shows the stored DRG and that the encounter is open here
    async with app_on_existing(tmp_path).run_test(size=(120, 40)) as pilot2:
        table = pilot2.app.screen.query_one(QueueTable)
        await settle(pilot2.app, pilot2)
        assert table.get_row("A1001")[4] == "682"


def app_on_existing(tmp_path: Path) -> WorkbenchApp:
    return make_app(tmp_path / "db", Settings(), today=TODAY, preload=False)


@pytest.mark.asyncio
async def test_poa_move_and_remove(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_account(app, pilot, "A1001")
        await pilot.press("2", "j", "n")  # POA N on N18.31
        await settle(app, pilot)
        assert stored(tmp_path, "A1001").encounter.diagnoses[1].poa == "N"
        await pilot.press("K")  # move it up: it becomes principal
        await settle(app, pilot)
        assert [d.code for d in stored(tmp_path, "A1001").encounter.diagnoses] == ["N1831", "I5023"]
        await pilot.press("J", "delete")  # move back down, then remove it
        await settle(app, pilot)
        assert [d.code for d in stored(tmp_path, "A1001").encounter.diagnoses] == ["I5023"]


@pytest.mark.asyncio
async def test_finalize_refused_with_reason_then_allowed(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_account(app, pilot, "A1004")
        await pilot.press("2", "F")
        await settle(app, pilot)
        banner = str(screen.query_one("#enc-banner", Static).render())
        assert "Finalize refused" in banner and "no principal diagnosis" in banner
        assert stored(tmp_path, "A1004").encounter.status == "new"
        await pilot.press("escape")
        await settle(app, pilot)
        await open_account(app, pilot, "A1001")
        await pilot.press("2", "F")
        await settle(app, pilot)
        s = stored(tmp_path, "A1001")
        assert s.encounter.status == "final"
        moves = [(c["before"], c["after"]) for a in s.audit for c in a.changes if c["field"] == "status"]
        assert moves[-2:] == [("new", "coded"), ("coded", "final")]


@pytest.mark.asyncio
async def test_stale_revision_banner_keep_mine_and_reload(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_account(app, pilot, "A1001")
        with Store.open(tmp_path / "db") as other:  # another session saves meanwhile
            enc = other.get("A1001").encounter
            enc.notes = "edited elsewhere"
            other.save(enc, 1)  # same user, another session (the lock lets its owner save)
        await pilot.press("2", "j", "w")
        await settle(app, pilot)
        banner = str(screen.query_one("#enc-banner", Static).render())
        assert "Saved elsewhere" in banner and "revision 2" in banner
        assert stored(tmp_path, "A1001").encounter.diagnoses[1].poa == "Y"  # refused, not overwritten
        await pilot.press("ctrl+t")  # keep mine
        await settle(app, pilot)
        s = stored(tmp_path, "A1001")
        assert s.encounter.diagnoses[1].poa == "W" and s.revision == 3
        assert not screen.query_one("#enc-banner").display
        with Store.open(tmp_path / "db") as other:
            enc = other.get("A1001").encounter
            enc.notes = "second edit elsewhere"
            other.save(enc, 3)
        await pilot.press("u")
        await settle(app, pilot)
        await pilot.press("ctrl+r")  # reload theirs
        await settle(app, pilot)
        assert screen.session is not None and screen.session.revision == 4
        assert screen.session.encounter.diagnoses[1].poa == "W"
        assert screen.session.encounter.notes == "second edit elsewhere"


@pytest.mark.asyncio
async def test_hold_with_query_adds_non_leading_options(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_account(app, pilot, "A1001")
        await pilot.press("2", "h")
        await settle(app, pilot)
        await pilot.press(*"Type of heart failure?", "enter", *"systolic; diastolic", "enter")
        await settle(app, pilot)
        s = stored(tmp_path, "A1001").encounter
        assert s.status == "on_hold"
        assert s.queries[-1].options == ["systolic", "diastolic", "Other (please specify)",
                                         "Clinically undetermined"]


@pytest.mark.asyncio
async def test_help_lists_keys_of_focused_area_and_keymap_override(tmp_path: Path) -> None:
    app = app_on(tmp_path, keymap={"coding.principal": "P"})
    async with app.run_test(size=(120, 40)) as pilot:
        await open_account(app, pilot, "A1001")
        await pilot.press("2", "f1")
        await settle(app, pilot)
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).render())
        assert "Coding list" in text and "coding.principal" in text and "POA" in text
        await pilot.press("escape", "j", "p")  # p no longer makes principal
        await settle(app, pilot)
        assert stored(tmp_path, "A1001").encounter.diagnoses[0].code == "I5023"
        await pilot.press("P")
        await settle(app, pilot)
        assert stored(tmp_path, "A1001").encounter.diagnoses[0].code == "N1831"


@pytest.mark.asyncio
async def test_search_adds_code_with_poa(tmp_path: Path) -> None:
    pytest.importorskip("codesets.release.core")
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_account(app, pilot, "A1004")
        await pilot.press("slash", *"I21.4")
        await settle(app, pilot)
        assert screen.query_one("#search-input", Input).has_focus
        # the footer tells what enter and escape do here (the input's own enter used to hide it)
        shown = {k: b.binding.description for k, b in app.active_bindings.items() if b.binding.show}
        assert shown.get("enter") == "Add" and shown.get("escape") == "Codes"
        await pilot.press("enter")
        await settle(app, pilot)
        await pilot.press("y")
        await settle(app, pilot)
        assert [(d.code, d.poa) for d in stored(tmp_path, "A1004").encounter.diagnoses] == [("I214", "Y")]
        # NSTEMI as principal, no CC: AMI discharged alive without CC/MCC
        assert "DRG 282" in drg_line(screen)


@pytest.mark.asyncio
async def test_save_by_another_session_shows_banner_before_saving(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_account(app, pilot, "A1001")
        banner = screen.query_one("#enc-banner", Static)
        screen.check_saved_elsewhere()  # nothing saved elsewhere yet: no banner
        await settle(app, pilot)
        assert not banner.display
        with Store.open(tmp_path / "db") as other:  # a second Store on the same database
            enc = other.get("A1001").encounter
            enc.notes = "edited elsewhere"
            other.save(enc, 1)  # same user, another session (the lock lets its owner save)
            who = other.user
        screen.check_saved_elsewhere()  # what the 5-second timer and the screen's resume call
        await settle(app, pilot)
        assert banner.display
        text = str(banner.render())
        assert f"{who} saved revision 2" in text and "ctrl+r" in text and "ctrl+t" in text
        assert stored(tmp_path, "A1001").revision == 2  # nothing was saved by the check
        await pilot.press("ctrl+r")  # reload theirs
        await settle(app, pilot)
        assert not banner.display
        assert screen.session is not None and screen.session.revision == 2
        assert screen.session.encounter.notes == "edited elsewhere"
        # the coder's own saves never raise the banner
        await pilot.press("2", "j", "n")
        await settle(app, pilot)
        screen.check_saved_elsewhere()
        await settle(app, pilot)
        assert not banner.display and stored(tmp_path, "A1001").revision == 3


@pytest.mark.asyncio
async def test_save_elsewhere_is_noticed_by_the_timer(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_account(app, pilot, "A1002")
        screen._conflict_timer.stop()
        screen._conflict_timer = screen.set_interval(0.1, screen.check_saved_elsewhere)
        with Store.open(tmp_path / "db") as other:
            enc = other.get("A1002").encounter
            enc.coder = "bob"
            other.save(enc, 1)
        for _ in range(40):
            await pilot.pause(0.05)
            if screen.conflict is not None:
                break
        await settle(app, pilot)
        assert "Saved elsewhere" in str(screen.query_one("#enc-banner", Static).render())
        await pilot.press("ctrl+t")  # keep mine: saved over theirs, as the next revision
        await settle(app, pilot)
        s = stored(tmp_path, "A1002")
        assert s.revision == 3 and s.encounter.coder == "alice"


def test_demo_database_is_created_once_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench import cli
    from workbench.demo import demo_encounters

    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "data"))
    opened: list[WorkbenchApp] = []
    monkeypatch.setattr(WorkbenchApp, "run", lambda self: opened.append(self))
    assert cli.main(["--demo"]) == 0  # what `workbench --demo` runs, without a terminal
    demo = tmp_path / "data" / "demo"
    accounts = sorted(e.account for e in demo_encounters())
    assert opened[0].services.store.path == demo
    opened[0].services.close()
    with Store.open(demo) as store:
        assert sorted(r.account for r in store.list()) == accounts
        enc = store.get(accounts[0]).encounter
        enc.notes = "kept between runs"
        store.save(enc, 1)
    assert cli.main(["--demo"]) == 0  # the second run opens the same database: the edit is still there
    opened[1].services.close()
    assert [p.name for p in (tmp_path / "data").iterdir() if p.name.startswith(".demo")] == []
    with Store.open(demo) as store:
        assert store.get(accounts[0]).encounter.notes == "kept between runs"
        assert len(store) == len(accounts)


@pytest.mark.asyncio
async def test_keys_in_a_row_and_removing_every_code(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_account(app, pilot, "A1001")
        await pilot.press("2", "j")
        await settle(app, pilot)
        # no pause between the keys: each edit must apply to the one before, not to what is shown
        for key in ("K", "J", "w"):
            app.post_message(events.Key(key, key))
        await settle(app, pilot)
        dx = [(d.code, d.poa) for d in stored(tmp_path, "A1001").encounter.diagnoses]
        assert dx == [("I5023", "Y"), ("N1831", "W")]
        await pilot.press("k", "delete", "delete")  # remove both: the stored DRG goes too
        await settle(app, pilot)
        s = stored(tmp_path, "A1001").encounter
        assert s.diagnoses == [] and not s.grouping
