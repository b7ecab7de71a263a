"""Opening a chart: the record goes to the screen with its grouping when the grouping is quick, so the
two arrive in one frame; a slow grouping does not hold the record back (it follows it)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

TOGETHER_SECONDS = 0.06
"""How long the record waits for the grouping: one frame of the encounter screen costs ~0.1 s of the
main thread, so showing the record alone and the DRG a frame later costs more than this wait."""


def show_then_evaluate(show: Callable[[], object], evaluate: Callable[[], T],
                       together: float = TOGETHER_SECONDS) -> T:
    """Run `evaluate` (in the calling worker thread); call `show` once, when it is done or after
    `together` seconds, whichever comes first, and always before returning."""
    lock = threading.Lock()
    shown = False

    def show_once() -> None:
        nonlocal shown
        with lock:
            if not shown:
                shown = True
                show()

    timer = threading.Timer(together, show_once)
    timer.daemon = True
    timer.start()
    try:
        return evaluate()
    finally:
        timer.cancel()
        show_once()
