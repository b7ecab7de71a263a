"""The garbage collector's passes over older objects run while the coder pauses, not on a key.

Textual leaves reference cycles behind on every screen and dialog closed (a POA dialog is ~500 objects,
a chart screen a few MB), so the collector has real work; its young pass (every 10,000 new objects) is
cheap, but an older pass over the survivors of the last few hundred thousand took 20-80 ms of the main
thread on whatever key it fell (a measured 20 per scripted session of five charts). From the warm-up on
the older passes wait for the keyboard to be idle: `IdleCollector` runs them there, and the automatic
ones only bound memory for a coder who never pauses.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.timer import Timer

    from workbench.tui.typeahead import TypeAheadApp

    _Base = TypeAheadApp
else:
    _Base = object

HEAP_THRESHOLDS = (10_000, 1_000, 100)
"""gc thresholds from the warm-up on (Python's are 700, 10, 10): a young pass per 10,000 new objects; an
older one only after 1,000 young passes (ten million objects, minutes of typing without a pause)."""
IDLE_SECONDS = 0.5
"""Keyboard idle time after which the older passes run."""
CHECK_SECONDS = 0.25
FULL_EVERY = 5
"""A full pass (what closed charts left, promoted to the oldest generation) on every fifth idle pass."""


def settle_heap() -> None:
    """Set what the warm-up loaded aside from the collector: the release, its index, the grouper and the
    code are kept for the session; after one collection now they sit in the permanent generation, so
    a full pass looks only at what the session made since (~20 ms)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(*HEAP_THRESHOLDS)


class IdleCollector(_Base):
    """Mixed into the app (a TypeAheadApp): `collect_when_idle` starts the idle passes."""

    _idle_passes = 0
    _idle_timer: Timer | None = None

    def collect_when_idle(self) -> None:
        if self._idle_timer is None:
            self._idle_timer = self.set_interval(CHECK_SECONDS, self._collect_if_idle, name="idle gc")

    def _collect_if_idle(self) -> None:
        if gc.get_count()[1] == 0:
            return  # no young pass since the last one: nothing new among the older objects
        if not self.quiet_for(IDLE_SECONDS) or self._answering():
            return
        self._idle_passes += 1
        gc.collect(2 if self._idle_passes % FULL_EVERY == 0 else 1)

    def _answering(self) -> bool:
        """The app is still answering the last key (a worker running, the screen's paint held or due):
        on a loaded machine that can outlast the idle time, and a pass then delayed the answer by its
        20-80 ms."""
        screen = self.screen
        if (getattr(screen, "paint_held", False) or screen._layout_required or screen._repaint_required
                or screen._dirty_widgets):
            return True
        return any(w.is_running for w in self.workers)
