"""Driving the real app in Pilot tests: start it and wait for it, type keys and wait for what they did.

`settle` waits until every key sent is delivered and the work it started is done, so an assertion
after it sees what the coder would see once the screen is still.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from textual.pilot import Pilot

from tests.support.keys import burst
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.encounter import EncounterScreen
from workbench.tui.widgets.queue.queue_table import QueueTable
from workbench.tui.widgets.suggestions.suggestions_pane import SuggestionsPane


async def settle(app: WorkbenchApp, pilot: Pilot[None]) -> None:
    """Until every typed key is delivered and the work it started is done (10 s at most)."""
    for _ in range(200):
        try:
            await app.workers.wait_for_complete()
        except Exception:  # noqa: BLE001 - a superseded (cancelled) worker
            pass
        await pilot.pause(0.05)
        await pilot.pause()  # and until the event loop is idle (a loaded machine is slow to repaint)
        # a hold is work still to land (an accept typed before the first scan runs when the scan's
        # message comes in, after its worker has finished)
        if (not app.keys_waiting and not app.keys_in_flight and not app.holding_keys
                and not any(w.is_running for w in app.workers) and not _scan_due(app)):
            return
    raise AssertionError(f"{app.keys_waiting} typed keys never delivered")


def _scan_due(app: WorkbenchApp) -> bool:
    """A suggestions rescan is queued for after the edit's frame and has not started its worker yet (the
    frame's callbacks run after the refresh: between the two no worker runs and no key waits)."""
    return any(getattr(pane, "scan_due", False) for pane in app.screen.query(SuggestionsPane))


@asynccontextmanager
async def started(app: WorkbenchApp, size: tuple[int, int] = (120, 40)) -> AsyncIterator[Pilot[None]]:
    """The app running headless at `size`, its first screen settled."""
    async with app.run_test(size=size) as pilot:
        await settle(app, pilot)
        yield pilot


async def typed(app: WorkbenchApp, pilot: Pilot[None], *keys: str) -> None:
    """Send `keys` in one burst (as a fast typist's keys arrive), then settle."""
    burst(app, *keys)
    await settle(app, pilot)


async def pressed(app: WorkbenchApp, pilot: Pilot[None], *keys: str) -> None:
    """Press `keys` one after another (Pilot waits between them), then settle."""
    await pilot.press(*keys)
    await settle(app, pilot)


async def opened(app: WorkbenchApp, pilot: Pilot[None], account: str) -> EncounterScreen:
    """Open `account`'s chart from the queue (its row highlighted, then Enter) and settle."""
    table = app.screen.query_one(QueueTable)
    table.move_cursor(row=table.get_row_index(account))
    await pressed(app, pilot, "enter")
    screen = app.screen
    assert isinstance(screen, EncounterScreen), screen
    return screen
