"""The POA question of a diagnosis being added, as a line over the bottom of the chart screen.

It was a modal dialog: pushing it and popping it each composited the whole screen (a modal dims all
of it), two full frames for every `a y` or `Enter y`, about a quarter of the main thread's time while
coding. The line is on its own layer (nothing under it moves), so showing and hiding it repaints only
its own rows. It holds focus while it asks, so the answer key reaches it however fast it is typed
(`a y` in one burst: type-ahead waits for the focus to move), and keys that are not an answer wait:
they are dropped rather than acting on the chart behind the question (`c` marking it coded).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual import events
from textual.widget import Widget
from textual.widgets import Static

from workbench.tui.bindings import keyed
from workbench.tui.markup import escape
from workbench.tui.pane_help import pane_help

CHOICES = ("[b]y[/b] yes   [b]n[/b] no   [b]u[/b] documentation insufficient   "
           "[b]w[/b] clinically undetermined   [b]1[/b]/[b]e[/b] exempt (blank)")


class PoaPrompt(Static, can_focus=True):
    DEFAULT_CSS = """
    PoaPrompt { layer: prompt; dock: bottom; offset-y: -1; height: auto; width: 1fr; display: none;
                border: round $accent; background: $surface; padding: 0 1; }
    """
    BINDINGS, BINDING_GROUP_TITLE = keyed("poa")
    HELP = pane_help("poa")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", **kwargs)
        self._answer: Callable[[str | None], object] | None = None
        self._back: Widget | None = None

    @property
    def asking(self) -> bool:
        return self._answer is not None

    def ask(self, code: str, title: str, answer: Callable[[str | None], object]) -> None:
        """Ask the POA of `code`; `answer` gets the indicator ("" exempt) or None (Escape: not added).
        Focus goes back where it was before the answer is handed over."""
        self._answer = answer
        focused = self.screen.focused
        self._back = focused if focused is not self else self._back
        self.update(f"[b]{escape(code)}[/b] {escape(title)}\nPresent on admission?  {CHOICES}   "
                    "[dim]escape: do not add[/dim]")
        self.display = True
        self.screen.set_focus(self)

    def on_key(self, event: events.Key) -> None:
        # An answer key (or an app key: help, quit) goes on to its binding; any other key is not
        # for the chart behind the question while it is asked.
        active = self.screen.active_bindings.get(event.key)
        if active is not None and (active.node is self or active.node is self.app):
            return
        event.stop()
        event.prevent_default()

    def action_pick(self, value: str) -> None:
        self._close(value)

    def action_cancel(self) -> None:
        self._close(None)

    def _close(self, value: str | None) -> None:
        answer, self._answer = self._answer, None
        if answer is None:
            return
        self.display = False
        back, self._back = self._back, None
        if self.screen.focused is self:  # (not hidden holding focus: it would pass to a neighbour)
            self.screen.set_focus(back if back is not None and back.is_attached else None)
        answer(value)
