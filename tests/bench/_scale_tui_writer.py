"""One coder's app session for bench_scale.py writers: opens each of its accounts by typing it into
the queue filter, then changes POA back and forth (each change regroups and saves). Prints one JSON
line: key -> saved latencies, store.save latencies, acknowledged revisions, refusals.

What a key press acknowledged is the `EncounterCommitted` of the edit that press made (its `seq`), and
nothing else. Textual calls the message hook once per message pump a message is dispatched on, and
`EncounterCommitted` bubbles from the encounter screen to the app: the hook sees each message twice,
the second time a loop turn (or, on a loaded machine, much longer) later. Counting hook calls, as this
script once did, let the app's late copy of save k stand for the press of save k+1 while that save was
still running; the bench then expected save k's coding, found save k+1's (one POA apart) and reported
an acknowledged save as lost (ACC0000230 in README #20's last writers run, `db check` ok)."""

from __future__ import annotations

import asyncio
import functools
import json
import sys
import time

DB, ACCOUNTS, SAVES = sys.argv[1], sys.argv[2].split(","), int(sys.argv[3])

import _until  # noqa: E402  (beside this script)

from workbench.session import CommitResult  # noqa: E402
from workbench.settings import Settings  # noqa: E402
from workbench.tui.app import make_app  # noqa: E402
from workbench.tui.messages import EncounterCommitted  # noqa: E402

committed: list[tuple[float, CommitResult]] = []
seen: set[int] = set()  # ids of the results noted (each kept alive in `committed`, so the ids stay unique)


def hook(message: object) -> None:
    """Note each EncounterCommitted once: at its first dispatch (the screen), not again where it bubbles."""
    if isinstance(message, EncounterCommitted) and id(message.result) not in seen:
        seen.add(id(message.result))
        committed.append((time.perf_counter(), message.result))


def result_of(since: int, seq: int) -> tuple[float, CommitResult] | None:
    """The commit of the edit numbered `seq`, among those noted after the first `since`."""
    return next((c for c in committed[since:] if c[1].seq == seq), None)


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
    unmatched: list[str] = []
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
                session = app.screen.session  # type: ignore[attr-defined]
                seq = session._seq + 1  # the number the edit of this key press gets (next_seq)
                t = time.perf_counter()
                poa = session.encounter.diagnoses[0].poa
                await pilot.press("y" if poa == "N" else "n")  # a change every time: regroup and save
                await until(pilot, lambda before=before, seq=seq: result_of(before, seq) is not None)
                at, result = result_of(before, seq)  # type: ignore[misc]
                lat.append(at - t)
                if result.revision is None:
                    errors += 1
                else:
                    acked[account] = (result.revision, [[d.code, d.poa] for d in result.encounter.diagnoses])
                n += 1
            await app.workers.wait_for_complete()
            if account in acked and session.revision != acked[account][0]:
                unmatched.append(account)  # the session saved past what this script counted
            await pilot.press("escape")  # back to the queue
            await until(pilot, lambda: app.screen.query("#queue-table"))
            await pilot.press("escape")  # clear the filter
            await app.workers.wait_for_complete()
    return {"lat": lat, "save_lat": save_lat, "acked": acked, "errors": errors, "unmatched": unmatched,
            "saved": len(acked) and sum(1 for _ in lat) - errors}


print(json.dumps(asyncio.run(main())))
