"""Screens that are styled once: at mount, with their width's breakpoint class already set.

Textual restyles every widget of a screen (1) when the screen is first shown, although each widget
was styled as it mounted a moment before, and (2) when the breakpoint class (`-wide`/`-compact`) is
added on the first resize. On the encounter screen each costs ~15-25 ms of the main thread (of
~0.4 s for opening a chart); on a dialog, a few ms of the Enter that opens it.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.screen import Screen


def breakpoint_classes(screen: type[Screen[Any]], width: int) -> str:
    """The class Textual's resize gives a screen of this type at `width` (its horizontal breakpoints)."""
    chosen = ""
    for least, name in sorted(screen.HORIZONTAL_BREAKPOINTS or []):
        if width >= least:
            chosen = name
    return chosen


class StyledOnce:
    """Mix in before Screen: the first ScreenResume does not restyle what mounting just styled. Later
    resumes (a dialog closed over the screen, the theme changed meanwhile) keep Textual's rule."""

    _resumed_once = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        if not self._resumed_once:
            self._resumed_once = True
            event.refresh_styles = False
