"""How soon a changed screen is laid out and painted.

Textual lays out and paints a changed screen on the tick of a timer that runs at `TEXTUAL_FPS`
(60 a second): a change waits up to 1/60 s for the next tick. A coding step takes several passes
(the key's change, then the resize it causes refills a list, then that list's own layout, then the
frame), and it waited for a tick at each: 20-60 ms of a step's wall time with the main thread idle
(tests/bench/trace_frames.py shows the gaps). At 240 ticks a second each wait is at most ~4 ms. The
frames are not more: a tick paints only a screen that changed and went idle, and our screens hold
their paint until an open or an edit is complete (frames.py).
"""

from __future__ import annotations

import os

import textual.screen

FRAMES_PER_SECOND = 240
"""Ticks a second of each screen's update timer, unless the user set TEXTUAL_FPS."""


def shorten_frame_period() -> None:
    """Set the period the screens' update timers are made with (read when a screen creates its timer,
    so call it before the first screen mounts). TEXTUAL_FPS set by the user wins."""
    if "TEXTUAL_FPS" in os.environ:
        return
    textual.screen.UPDATE_PERIOD = 1 / FRAMES_PER_SECOND  # type: ignore[misc]


def frame_period() -> float:
    """The period the screens' update timers are made with now."""
    return float(textual.screen.UPDATE_PERIOD)
