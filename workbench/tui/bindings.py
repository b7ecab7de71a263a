"""Textual `Binding` objects built from the plain key table in `workbench.tui.keymap`."""

from __future__ import annotations

from textual.binding import Binding, BindingType

from workbench.tui.keymap import AREAS, keys_for


def bindings(area: str) -> list[BindingType]:
    return [Binding(k.keys, k.action, k.description, show=k.show, key_display=k.key_display,
                    priority=k.priority, tooltip=k.tooltip, id=k.id) for k in keys_for(area)]


def keyed(area: str) -> tuple[list[BindingType], str]:
    """An area's bindings and its title (the heading of its keys on the help screen), from the key table:
    `BINDINGS, BINDING_GROUP_TITLE = keyed("coding")`."""
    return bindings(area), AREAS[area]
