"""One coder's app session for bench_scale.py writers: opens each of its accounts by typing it into
the queue filter, then changes POA back and forth (each change regroups and saves). Prints one JSON
line: key -> saved latencies, store.save latencies, acknowledged revisions, refusals."""

from __future__ import annotations

import asyncio
import functools
import json
import sys
import time

DB, ACCOUNTS, SAVES = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3])

import _until  # noqa: E402  (beside this script)

from workbench.settings import Settings  # noqa: E402
from workbench.tui.app import make_app  # noqa: E402
from workbench.tui.messages import EncounterCommitted  # noqa: E402

committed: list[tuple[float, object]] = []


def hook(message: object) -> None:
    if isinstance(message, EncounterCommitted):
        committed.append((time.perf_counter(), message.result))


until = functools.partial(_until.until, limit=60.0, step=0.005)


async def main() -> dict[str, object]:
    app = make_app(DB, Settings(), preload=True)
    store = app.services.store
    save_lat: list[float] = []
    real_save = store.save

    def timed_save(*a, **kw):
        t = time.perf_counter()
        try:
            return real_save(*a, **kw)
        finally:
            save_lat.append(time.perf_counter() - t)

    store.save = timed_save  # type: ignore[method-assign]
    lat: list[float] = []
    acked: dict[str, tuple[int, list[list[str]]]] = {}
    errors = 0
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        await until(pilot, lambda: app.screen.query_one("#queue-table").row_count > 0)
        await app.workers.wait_for_complete()
        n = 0
        while n < SAVES:
            account = ACCOUNTS[(n // 5) % len(ACCOUNTS)]
            await pilot.press("slash", *account, "enter")  # Enter in the filter opens the first match
            await until(pilot, lambda: getattr(app.screen, "last", None) is not None)
            await pilot.press("2")
            for _ in range(5):
                before = len(committed)
                t = time.perf_counter()
                poa = app.screen.session.encounter.diagnoses[0].poa  # type: ignore[attr-defined]
                await pilot.press("y" if poa == "N" else "n")  # a change every time: regroup and save
                await until(pilot, lambda before=before: len(committed) > before)
                at, result = committed[-1]
                lat.append(at - t)
                if result.revision is None:  # type: ignore[attr-defined]
                    errors += 1
                else:
                    enc = result.encounter  # type: ignore[attr-defined]
                    acked[account] = (result.revision, [[d.code, d.poa] for d in enc.diagnoses])  # type: ignore[attr-defined]
                n += 1
            await app.workers.wait_for_complete()
            await pilot.press("escape")  # back to the queue
            await until(pilot, lambda: app.screen.query("#queue-table"))
            await pilot.press("escape")  # clear the filter
            await app.workers.wait_for_complete()
    return {"lat": lat, "save_lat": save_lat, "acked": acked, "errors": errors, "saved": len(acked) and
            sum(1 for _ in lat) - errors}


print(json.dumps(asyncio.run(main())))
