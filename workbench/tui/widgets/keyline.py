"""The keys line at the bottom of a busy screen: the active bindings as one line of text.

Textual's Footer recomposes a widget per key on every focus change (about half the main thread's
time of a coding step on the encounter screen); this line re-renders one Static, and only when the
keys it shows changed. Same content as the Footer: key display and description per action, grouped
keys (`y/n/u/w POA`) together, keys that do not apply dimmed, ctrl+p at the right on wide screens.
Unlike the Footer it never clips the help key: help is one key away on every screen, so when the keys
do not fit the line's width, the ones the help screen lists anyway go first (quit, then the rightmost).
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from textual.widgets import Static

from workbench.tui.markup import escape

PINNED = "help"
"""The action always shown, last on the line: the help screen names every key that had to go."""
DROP_FIRST = ("quit",)
"""Actions left out first when the line is too short (ctrl+q is a priority key that always works)."""


class KeyLine(Static):
    DEFAULT_CSS = """
    KeyLine { height: 1; width: 1fr; background: $footer-background; color: $footer-foreground;
              text-wrap: nowrap; text-overflow: clip; }
    """

    def __init__(self, **kwargs: Any) -> None:
        super().__init__("", markup=True, **kwargs)
        self.show_command_palette = True
        """Name ctrl+p at the end (the screen turns it off where the line is short)."""
        self._markup = ""

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self.call_after_refresh(self.refresh_keys)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def _bindings_changed(self, screen: Any) -> None:
        if self.is_attached and screen is self.screen:
            self.refresh_keys()

    def refresh_keys(self) -> None:
        markup = self.keys_markup()
        if markup != self._markup:
            self._markup = markup
            self.update(markup)

    def keys_markup(self) -> str:
        active = self.screen.active_bindings
        by_action: dict[str, list[tuple[Any, bool]]] = defaultdict(list)
        for _node, binding, enabled, _tooltip in active.values():
            if binding.show:
                by_action[binding.action].append((binding, enabled))
        parts: list[tuple[str, str]] = []  # (action, markup)
        groups: dict[Any, list[tuple[Any, bool]]] = {}
        for action, items in by_action.items():
            binding, enabled = items[0]
            if binding.group is not None:
                if binding.group not in groups:
                    groups[binding.group] = []
                    parts.append((action, f"\0{id(binding.group)}"))  # the group's place, filled in below
                groups[binding.group].append((binding, enabled))
            else:
                parts.append((action, self._key(self.app.get_key_display(binding), binding.description,
                                                enabled)))
        for group, items in groups.items():
            keys = "/".join(self.app.get_key_display(b) for b, _ in items)
            text = self._key(keys, group.description, any(e for _, e in items))
            at = [m for _, m in parts].index(f"\0{id(group)}")
            parts[at] = (parts[at][0], text)
        palette = self.app.COMMAND_PALETTE_BINDING
        right = ""
        if self.show_command_palette and self.app.ENABLE_COMMAND_PALETTE and palette in active:
            _node, binding, enabled, _tooltip = active[palette]
            right = self._key(self.app.get_key_display(binding), binding.description, enabled)
        room = self.size.width - (len(self._plain(right)) + 2 if right else 0)
        line = " ".join(m for _, m in self._fitted(parts, room))
        if right:
            plain = len(self._plain(line)) + len(self._plain(right))
            line += " " * max(2, self.size.width - plain) + right
        return line

    def _fitted(self, parts: list[tuple[str, str]], width: int) -> list[tuple[str, str]]:
        """`parts` with the help key last, and as many of the others as fit `width` beside it."""
        pinned = [p for p in parts if p[0] == PINNED]
        rest = [p for p in parts if p[0] != PINNED]
        if self.size.width <= 0:  # not laid out yet: the resize that follows fits it
            return rest + pinned

        def length(kept: list[tuple[str, str]]) -> int:
            return len(self._plain(" ".join(m for _, m in kept + pinned)))

        for action in DROP_FIRST:
            if length(rest) <= width:
                break
            rest = [p for p in rest if p[0] != action]
        while rest and length(rest) > width:
            rest.pop()
        return rest + pinned

    @staticmethod
    def _key(keys: str, description: str, enabled: bool) -> str:
        text = f"[b]{escape(keys)}[/b] {escape(description)}" if description else f"[b]{escape(keys)}[/b]"
        return text if enabled else f"[dim]{text}[/dim]"

    @staticmethod
    def _plain(markup: str) -> str:
        from rich.text import Text

        return Text.from_markup(markup).plain

    def on_resize(self) -> None:
        if self.app.screen_stack:  # not a late resize while the app closes (no screen to ask)
            self.refresh_keys()
