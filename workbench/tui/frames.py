"""Painting a screen once it is filled: one frame for the finished screen instead of one for each step
of its filling.

Textual composites and writes a frame whenever a screen went idle with something changed: opening a
chart painted 7-8 (the empty screen, its mount, the record, the grouping, the focus move, the tables'
sizes...), each a compositor pass over the whole 120x40 screen, most of the ~0.3 s of main-thread CPU
an open cost. While a screen's paint is held it is still laid out as usual (its widgets get their
sizes, so what fills them wraps right), but nothing is composited or written; when the hold is
released one frame shows the result.

A hold is always released: by the code that set it when the screen is ready, and otherwise after
`limit` seconds, so a slow or failed fill shows whatever is there rather than freezing the screen.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen

    _Base = Screen[Any]
else:
    _Base = object

HOLD_LIMIT = 1.0
"""Seconds after which a hold is released anyway (a slow grouping: the record shows, the DRG follows)."""


class PaintWhenReady(_Base):
    """Mix in before Screen: `hold_paint` / `release_paint` keep the screen from being composited."""

    _paint_holds: dict[str, Any] | None = None
    _after_paint: list[Callable[[], object]] | None = None

    def hold_paint(self, reason: str, limit: float = HOLD_LIMIT) -> None:
        """Paint nothing of this screen until `release_paint(reason)` (or `limit` seconds); may be called
        before the screen is mounted. Idempotent per reason."""
        if self._paint_holds is None:
            self._paint_holds = {}
        if reason in self._paint_holds:
            return
        self._paint_holds[reason] = self.app.set_timer(limit, lambda: self.release_paint(reason),
                                                  name=f"paint {reason}")

    def release_paint(self, reason: str) -> None:
        """Let the screen be painted (a no-op when not held for `reason`, or released already)."""
        timer = (self._paint_holds or {}).pop(reason, None)
        if timer is None:
            return
        timer.stop()
        if not self._paint_holds:
            if self.is_attached:
                # What changed while held (the compositor kept its regions), in the next frame: the
                # whole screen only when that is what changed (a screen shown or uncovered). A
                # refresh of the whole screen here cost a second full frame after each edit.
                self.call_later(self._paint_what_changed)
            waiting, self._after_paint = self._after_paint or [], None
            for callback in waiting:
                self.call_after_refresh(callback)

    def after_paint(self, callback: Callable[[], object]) -> None:
        """Run `callback` once the screen has been painted: at once when nothing holds its paint, else
        after the frame its release paints. For background work that would compete with that frame
        for the interpreter (a thread started during an open ran the main thread at half speed)."""
        if not self._paint_holds:
            callback()
            return
        if self._after_paint is None:
            self._after_paint = []
        self._after_paint.append(callback)

    @property
    def paint_held(self) -> bool:
        return bool(self._paint_holds)

    def _paint_what_changed(self) -> None:
        if self._paint_holds or not self.is_current:
            return
        if self.app._batch_count:
            self.check_idle()  # in a batch update: painted when it ends
        elif self._layout_required or self._repaint_required or self._dirty_widgets or self._scroll_required:
            # Laid out and painted now: the screen's update timer would do the same at its next tick,
            # up to a frame period (1/60 s) later, and the step is done only once it is painted.
            self._on_timer_update()
        else:
            super()._compositor_refresh()

    def _compositor_refresh(self) -> None:
        # Held: Textual would composite the screen (after each layout, or for the widgets refreshed)
        # and write it out; it is painted whole when the hold is released.
        if self._paint_holds:
            return
        super()._compositor_refresh()
