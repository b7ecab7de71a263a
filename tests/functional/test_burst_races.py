"""A burst of keys lands on the screen it was typed for, whatever the machine is slow at (#16): the
queue's rows still being read when Down and Enter arrive, the spare chart screen not yet mounted when
a chart opens on it, a chart left before it was painted. Each race is forced, not waited for: another
session holding the database (the queue read waits for it), the spare taken the moment it is
registered, Escape while the chart's paint is held. Real app, real demo data on disk, real release
and grouper."""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.functional.test_coder_flow import app_on, demo_db
from tests.functional.test_flow import open_chart, stored
from tests.functional.test_spare_chart import no_spare_composing, spare_of
from tests.support.keys import burst
from tests.support.pilot import settle, started, typed
from workbench.store.core import Store
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.encounter import EncounterScreen
from workbench.tui.screens.queue import QueueScreen
from workbench.tui.widgets.queue.queue_table import QueueTable

NAKAMURA = "40720680"  # NAKAMURA, Kenji: the first of the two "kenji" rows
ESPERANZA = "46131323"  # ESPERANZA, Kenji: the second
VICTOR = "41253281"  # FAIRBANKS, Victor: two rows below NAKAMURA in the whole queue
HANG_LIMIT = 60.0


@contextmanager
def database_busy(db: Path) -> Iterator[None]:
    """Another session holds the database (a long save): this app's reads wait until it lets go."""
    with Store.open(db) as other, other._exclusive():
        yield


def queue_of(app: WorkbenchApp) -> QueueScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, QueueScreen)
    return screen


def queue_summary(app: WorkbenchApp) -> str:
    return str(queue_of(app).query_one("#queue-summary", Static).render())


@pytest.mark.asyncio
async def test_down_and_enter_after_escape_clears_the_filter_act_on_the_whole_queue(tmp_path: Path) -> None:
    """Escape clears the filter; Down Down Enter typed before the whole queue is read back move on the
    whole queue, not on the two rows still shown (the lead's tmux run opened ESPERANZA, Kenji)."""
    db = demo_db(tmp_path / "db")
    app = app_on(db)
    async with started(app) as pilot:
        await typed(app, pilot, "/kenji", "enter")
        assert open_chart(app).account == NAKAMURA
        await typed(app, pilot, "escape")
        assert "2 encounters" in queue_summary(app)
        with database_busy(db):
            burst(app, "escape", "down", "down", "enter")
            await pilot.pause(0.5)
        await settle(app, pilot)
        assert open_chart(app).account == VICTOR
        await typed(app, pilot, "escape")
        assert queue_of(app).query_one("#queue-filter", Input).value == ""
        assert "68 encounters (all)" in queue_summary(app)


async def fresh_spare_build(app: WorkbenchApp, pilot: Pilot[None]) -> EncounterScreen:
    """Build a new spare now (as the idle timer does) and return it, registered, not yet composed."""
    for _ in range(100):  # the one built at start-up, mounted: set aside, to build one under our eyes
        spare = app._spare
        if spare is not None and spare.is_mounted:
            break
        await pilot.pause(0.05)
    app._spare = None
    if spare is not None:
        await spare.remove()
    app.last_key_at = 0.0  # the keyboard idle: the spare's condition
    app._build_spare()
    built = app._spare
    assert built is not None and not built.is_mounted
    return built


@pytest.mark.asyncio
@pytest.mark.parametrize("moment", ["registered", "composing"])
async def test_enter_the_moment_the_spare_is_built_opens_the_chart_once(tmp_path: Path, moment: str) -> None:
    """Enter lands right after the idle timer registered the spare screen, before it ran (`registered`)
    or while it composes, before its mount (`composing`): the chart under the cursor opens, with its
    own data, and the app keeps running (it died on NoMatches in the spare's mount); the next chart
    opens with its own data too."""
    db = demo_db(tmp_path / "db")
    app = app_on(db)
    async with started(app) as pilot:
        queue = queue_of(app)
        table = queue.query_one(QueueTable)
        table.move_cursor(row=table.view.position(VICTOR))
        spare = await fresh_spare_build(app, pilot)
        if moment == "composing":
            while not spare.is_running:
                await asyncio.sleep(0)
        queue.action_open_encounter()  # what Enter on the table runs
        await settle(app, pilot)
        assert app.is_running
        screen = open_chart(app)
        assert screen.account == VICTOR and screen.session.encounter.account == VICTOR
        assert VICTOR in str(screen.query_one("#enc-header", Static).render())
        assert not screen.paint_held
        await typed(app, pilot, "escape", "/kenji", "enter")
        nakamura = open_chart(app)
        assert nakamura.account == NAKAMURA and nakamura.session.encounter.account == NAKAMURA
        assert NAKAMURA in str(nakamura.query_one("#enc-header", Static).render())
        assert nakamura.session.encounter.documents == stored(db, NAKAMURA).documents


@pytest.mark.asyncio
async def test_a_burst_opens_the_right_chart_while_background_work_waits_in_threads(tmp_path: Path) -> None:
    """Background work waiting on a lock (charts opened while the release loads wait for it: their
    opening, their search's release, their record scan) holds a worker thread each. As many waiting
    as Python's default pool has threads (6 on 2 cores): the queue's rows and the next chart must
    still come, so the lead's sequence ends on the chart under the cursor (it stayed on ESPERANZA's
    "opening..." with the queue's rows never read)."""
    db = demo_db(tmp_path / "db")
    app = app_on(db)
    async with started(app) as pilot:
        await typed(app, pilot, "/kenji", "enter")
        await typed(app, pilot, "escape")
        gate = threading.Event()
        loop = asyncio.get_running_loop()
        stock_pool = min(32, (os.cpu_count() or 1) + 4)  # ThreadPoolExecutor's default size
        waiting = [loop.run_in_executor(None, gate.wait) for _ in range(stock_pool)]
        try:
            try:  # a bound on a hang (the keys' work queued behind the waiting threads), not a speed
                await asyncio.wait_for(typed(app, pilot, "escape", "down", "down", "enter"), HANG_LIMIT)
            except TimeoutError:
                pytest.fail(f"with {stock_pool} threads waiting, the queue's rows or the chart never came")
            screen = open_chart(app)
            assert screen.account == VICTOR
            assert VICTOR in str(screen.query_one("#enc-header", Static).render())
            await typed(app, pilot, "escape", "/kenji", "enter")
            assert open_chart(app).account == NAKAMURA
        finally:
            gate.set()
            await asyncio.gather(*waiting)


@pytest.mark.asyncio
@pytest.mark.parametrize("screen", ["spare", "composed"])
async def test_escape_while_a_chart_opens_goes_back_at_once_and_leaves_no_lock(tmp_path: Path,
                                                                             screen: str) -> None:
    """The wrong patient: Enter, then Escape before the chart is in (its read waits on another session's
    save), on a spare screen or on one composed on the Enter. Escape does not wait for the chart: the
    queue is back at once, the keys typed after it go to the queue's filter, and the chart's lock,
    taken when its read got through, is let go."""
    from workbench.store.model import EncounterLocked

    db = demo_db(tmp_path / "db")
    app = app_on(db)
    async with started(app) as pilot:
        if screen == "composed":
            spare = await spare_of(app, pilot)
            app.prepare_spare_chart(60.0)  # no new spare during the test
            await spare.remove()  # taken down: the chart's screen is composed on Enter
            app._spare = None
        table = queue_of(app).query_one(QueueTable)
        table.move_cursor(row=table.view.position(VICTOR))
        with database_busy(db):
            burst(app, "enter", "escape", "/kenji")
            for _ in range(40):
                if isinstance(app.screen, QueueScreen):
                    break
                await pilot.pause(0.05)
            assert isinstance(app.screen, QueueScreen), "Escape waited for the chart to open"
        await settle(app, pilot)
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, QueueScreen)
        assert not any(isinstance(s, EncounterScreen) for s in app.screen_stack)
        assert queue_of(app).query_one("#queue-filter", Input).value == "kenji"
        with Store.open(db) as other:
            try:
                other.lock(VICTOR, user="another coder")
            except EncounterLocked as e:
                raise AssertionError(f"the chart left while opening kept its lock: {e}") from e
            other.unlock(VICTOR, user="another coder")
        await no_spare_composing(app, pilot)
