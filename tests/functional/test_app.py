"""Pilot-driven tests of the main flows, on a real store on disk, the real grouper and the real app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.support.app_samples import TODAY, make_db
from tests.support.pilot import pressed, settle, started
from workbench.settings import Settings
from workbench.store.core import Store
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.encounter import EncounterScreen
from workbench.tui.screens.help import HelpScreen
from workbench.tui.widgets.queue.queue_table import QueueTable


def app_on(tmp_path: Path, **settings: object) -> WorkbenchApp:
    return make_app(make_db(tmp_path / "db"), Settings(**settings), today=TODAY, preload=False)  # type: ignore[arg-type]


async def open_account(app: WorkbenchApp, pilot: Pilot[None], account: str) -> EncounterScreen:
    table = app.screen.query_one(QueueTable)
    await settle(app, pilot)
    table.move_cursor(row=table.get_row_index(account))
    await pressed(app, pilot, "enter")
    assert isinstance(app.screen, EncounterScreen)
    return app.screen


@asynccontextmanager
async def opened(app: WorkbenchApp, account: str, size: tuple[int, int] = (120, 40),
                 ) -> AsyncIterator[tuple[WorkbenchApp, Pilot[None], EncounterScreen]]:
    """The app running at `size` with the chart of `account` opened from the queue."""
    async with started(app, size) as pilot:
        yield app, pilot, await open_account(app, pilot, account)


def drg_line(screen: EncounterScreen) -> str:
    return str(screen.query_one("#enc-drg-line", Static).render())


def stored(tmp_path: Path, account: str):
    with Store.open(tmp_path / "db") as store:
        return store.get(account)


@pytest.mark.asyncio
async def test_queue_shows_filters_and_opens(tmp_path: Path) -> None:
    app = app_on(tmp_path)
    async with started(app) as pilot:
        table = app.screen.query_one(QueueTable)
        assert table.row_count == 4
        # days since discharge counts from the injected today: 2026-05-14 -> 6 days
        assert str(table.get_row("A1001")[7]) == "6"
        await pressed(app, pilot, "slash", *"roe")
        assert [table.get_row_at(i)[1] for i in range(table.row_count)] == ["A1002"]
        await pressed(app, pilot, "escape")  # clears the filter, back to the table
        assert table.row_count == 4
        await pressed(app, pilot, "t")  # status: new
        assert sorted(table.get_row_at(i)[1] for i in range(table.row_count)) == ["A1001", "A1004"]
        assert "2 encounters (New)" in str(app.screen.query_one("#queue-summary", Static).render())
        await open_account(app, pilot, "A1001")


@pytest.mark.asyncio
async def test_open_groups_and_make_principal_regroups_and_saves(tmp_path: Path) -> None:
    async with opened(app_on(tmp_path), "A1001") as (app, pilot, screen):
        # Acute on chronic systolic HF as principal, CKD 3a (not a CC): heart failure without CC/MCC.
        assert "DRG 293" in drg_line(screen)
        await pressed(app, pilot, "2", "j", "p")  # coding list, second diagnosis, make principal
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
    async with opened(app_on(tmp_path), "A1001") as (app, pilot, _):
        await pressed(app, pilot, "2", "j", "n")  # POA N on N18.31
        assert stored(tmp_path, "A1001").encounter.diagnoses[1].poa == "N"
        await pressed(app, pilot, "K")  # move it up: it becomes principal
        assert [d.code for d in stored(tmp_path, "A1001").encounter.diagnoses] == ["N1831", "I5023"]
        await pressed(app, pilot, "J", "delete")  # move back down, then remove it
        assert [d.code for d in stored(tmp_path, "A1001").encounter.diagnoses] == ["I5023"]


@pytest.mark.asyncio
async def test_finalize_refused_with_reason_then_allowed(tmp_path: Path) -> None:
    async with opened(app_on(tmp_path), "A1004") as (app, pilot, screen):
        await pressed(app, pilot, "2", "F")
        banner = str(screen.query_one("#enc-banner", Static).render())
        assert "Finalize refused" in banner and "no principal diagnosis" in banner
        assert stored(tmp_path, "A1004").encounter.status == "new"
        await pressed(app, pilot, "escape")
        await open_account(app, pilot, "A1001")
        await pressed(app, pilot, "2", "F")
        s = stored(tmp_path, "A1001")
        assert s.encounter.status == "final"
        moves = [(c["before"], c["after"]) for a in s.audit for c in a.changes if c["field"] == "status"]
        assert moves[-2:] == [("new", "coded"), ("coded", "final")]


@pytest.mark.asyncio
async def test_stale_revision_banner_keep_mine_and_reload(tmp_path: Path) -> None:
    async with opened(app_on(tmp_path), "A1001") as (app, pilot, screen):
        with Store.open(tmp_path / "db") as other:  # another session saves meanwhile
            enc = other.get("A1001").encounter
            enc.notes = "edited elsewhere"
            other.save(enc, 1)  # same user, another session (the lock lets its owner save)
        await pressed(app, pilot, "2", "j", "w")
        banner = str(screen.query_one("#enc-banner", Static).render())
        assert "Saved elsewhere" in banner and "revision 2" in banner
        assert stored(tmp_path, "A1001").encounter.diagnoses[1].poa == "Y"  # refused, not overwritten
        await pressed(app, pilot, "ctrl+t")  # keep mine
        s = stored(tmp_path, "A1001")
        assert s.encounter.diagnoses[1].poa == "W" and s.revision == 3
        assert not screen.query_one("#enc-banner").display
        with Store.open(tmp_path / "db") as other:
            enc = other.get("A1001").encounter
            enc.notes = "second edit elsewhere"
            other.save(enc, 3)
        await pressed(app, pilot, "u")
        await pressed(app, pilot, "ctrl+r")  # reload theirs
        assert screen.session is not None and screen.session.revision == 4
        assert screen.session.encounter.diagnoses[1].poa == "W"
        assert screen.session.encounter.notes == "second edit elsewhere"


@pytest.mark.asyncio
async def test_hold_with_query_adds_non_leading_options(tmp_path: Path) -> None:
    async with opened(app_on(tmp_path), "A1001") as (app, pilot, _):
        await pressed(app, pilot, "2", "h")
        await pressed(app, pilot, *"Type of heart failure?", "enter", *"systolic; diastolic", "enter")
        s = stored(tmp_path, "A1001").encounter
        assert s.status == "on_hold"
        assert s.queries[-1].options == ["systolic", "diastolic", "Other (please specify)",
                                         "Clinically undetermined"]


@pytest.mark.asyncio
async def test_help_lists_keys_of_focused_area_and_keymap_override(tmp_path: Path) -> None:
    async with opened(app_on(tmp_path, keymap={"coding.principal": "P"}), "A1001") as (app, pilot, _):
        await pressed(app, pilot, "2", "f1")
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text", Static).render())
        assert "Coding list" in text and "coding.principal" in text and "POA" in text
        await pressed(app, pilot, "escape", "j", "p")  # p no longer makes principal
        assert stored(tmp_path, "A1001").encounter.diagnoses[0].code == "I5023"
        await pressed(app, pilot, "P")
        assert stored(tmp_path, "A1001").encounter.diagnoses[0].code == "N1831"


@pytest.mark.asyncio
async def test_search_adds_code_with_poa(tmp_path: Path) -> None:
    pytest.importorskip("codesets.release.core")
    async with opened(app_on(tmp_path), "A1004") as (app, pilot, screen):
        await pressed(app, pilot, "slash", *"I21.4")
        assert screen.query_one("#search-input", Input).has_focus
        # the footer tells what enter and escape do here (the input's own enter used to hide it)
        shown = {k: b.binding.description for k, b in app.active_bindings.items() if b.binding.show}
        assert shown.get("enter") == "Add" and shown.get("escape") == "Codes"
        await pressed(app, pilot, "enter")
        await pressed(app, pilot, "y")
        assert [(d.code, d.poa) for d in stored(tmp_path, "A1004").encounter.diagnoses] == [("I214", "Y")]
        # NSTEMI as principal, no CC: AMI discharged alive without CC/MCC
        assert "DRG 282" in drg_line(screen)


@pytest.mark.asyncio
async def test_save_by_another_session_shows_banner_before_saving(tmp_path: Path) -> None:
    async with opened(app_on(tmp_path), "A1001", (80, 24)) as (app, pilot, screen):
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
        await pressed(app, pilot, "ctrl+r")  # reload theirs
        assert not banner.display
        assert screen.session is not None and screen.session.revision == 2
        assert screen.session.encounter.notes == "edited elsewhere"
        # the coder's own saves never raise the banner
        await pressed(app, pilot, "2", "j", "n")
        screen.check_saved_elsewhere()
        await settle(app, pilot)
        assert not banner.display and stored(tmp_path, "A1001").revision == 3


@pytest.mark.asyncio
async def test_save_elsewhere_is_noticed_by_the_timer(tmp_path: Path) -> None:
    async with opened(app_on(tmp_path), "A1002") as (app, pilot, screen):
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
        await pressed(app, pilot, "ctrl+t")  # keep mine: saved over theirs, as the next revision
        s = stored(tmp_path, "A1002")
        assert s.revision == 3 and s.encounter.coder == "alice"


def test_demo_database_is_created_once_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from workbench import cli
    from workbench.demo import demo_encounters

    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "data"))
    started_apps: list[WorkbenchApp] = []
    monkeypatch.setattr(WorkbenchApp, "run", lambda self: started_apps.append(self))
    assert cli.main(["--demo"]) == 0  # what `workbench --demo` runs, without a terminal
    demo = tmp_path / "data" / "demo"
    accounts = sorted(e.account for e in demo_encounters())
    assert started_apps[0].services.store.path == demo
    started_apps[0].services.close()
    with Store.open(demo) as store:
        assert sorted(r.account for r in store.list()) == accounts
        enc = store.get(accounts[0]).encounter
        enc.notes = "kept between runs"
        store.save(enc, 1)
    assert cli.main(["--demo"]) == 0  # the second run opens the same database: the edit is still there
    started_apps[1].services.close()
    assert [p.name for p in (tmp_path / "data").iterdir() if p.name.startswith(".demo")] == []
    with Store.open(demo) as store:
        assert store.get(accounts[0]).encounter.notes == "kept between runs"
        assert len(store) == len(accounts)


@pytest.mark.asyncio
async def test_keys_in_a_row_and_removing_every_code(tmp_path: Path) -> None:
    async with opened(app_on(tmp_path), "A1001", (80, 24)) as (app, pilot, _):
        await pressed(app, pilot, "2", "j")
        # no pause between the keys: each edit must apply to the one before, not to what is shown
        for key in ("K", "J", "w"):
            app.post_message(events.Key(key, key))
        await settle(app, pilot)
        dx = [(d.code, d.poa) for d in stored(tmp_path, "A1001").encounter.diagnoses]
        assert dx == [("I5023", "Y"), ("N1831", "W")]
        await pressed(app, pilot, "k", "delete", "delete")  # remove both: the stored DRG goes too
        s = stored(tmp_path, "A1001").encounter
        assert s.diagnoses == [] and not s.grouping
