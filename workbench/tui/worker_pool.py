"""The thread workers' pool, wide enough that what a key asks for (the queue's rows, a chart's record)
never waits for a thread behind background work that is itself waiting.

Textual runs every thread worker in the event loop's default executor, which Python sizes at
min(32, CPUs + 4): 6 threads on a 2-core machine. A worker waiting on a lock keeps its thread: while
the release, its search index and the grouper load (the warm-up, seconds on a loaded machine), each
chart opened meanwhile parks its opening, its search's release and its record scan behind that load.
Two charts and the warm-up filled the pool; the queue's next read and the next chart's opening then
queued behind them, and keys typed meanwhile waited on them or, once their hold ran out, went to a
queue showing old rows (a busy machine opened the wrong chart, or stayed on "opening..."). The
threads cost nothing while idle.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

WORKER_THREADS = 32
"""Threads for the app's thread workers (background work waiting on a lock holds one each)."""


class WorkerPool(ThreadPoolExecutor):
    pass


def widen_worker_pool(loop: asyncio.AbstractEventLoop | None = None) -> None:
    """Give the running loop (the app's) a default executor of WORKER_THREADS threads."""
    loop = loop or asyncio.get_running_loop()
    current = getattr(loop, "_default_executor", None)  # asyncio's own attribute; None until first used
    if isinstance(current, WorkerPool):
        return
    loop.set_default_executor(WorkerPool(max_workers=WORKER_THREADS, thread_name_prefix="worker"))
    if current is not None:
        current.shutdown(wait=False)  # its threads end once their work is done
