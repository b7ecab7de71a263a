"""A guard around one race in Textual's Tabs (seen with Textual 8.2): a Resize can reach a Tabs before its
compose has mounted the Underline bar, or after a screen's teardown has removed it, and `Tabs._on_resize`
queries the bar unguarded. The NoMatches it raises ends the app (a coder loses the screen mid-chart); it
was seen in CI-like runs as "No nodes match 'Underline' on ContentTabs()" while chart screens were laid
out ahead of use. The bar is placed when the Tabs mounts (its active tab's watcher), so skipping a resize
that comes before is harmless."""

from __future__ import annotations

from typing import Any

from textual.widgets import Tabs
from textual.widgets._tabs import Underline


def _guarded(original: Any) -> Any:
    def _on_resize(self: Tabs) -> None:
        if not self.query(Underline):  # not mounted yet, or already torn down: nothing to move
            return
        original(self)

    _on_resize.guarded = True  # type: ignore[attr-defined]
    return _on_resize


def guard_tabs_resize() -> None:
    """Install the guard (once; the app module calls it on import)."""
    if not getattr(Tabs._on_resize, "guarded", False):
        Tabs._on_resize = _guarded(Tabs._on_resize)  # type: ignore[method-assign]
