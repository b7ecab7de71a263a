"""The help prose of the screens and panes, kept as prose in `pane_help.md` (one section a screen or
pane) rather than as strings in their classes."""

from __future__ import annotations

from functools import cache
from importlib.resources import files


@cache
def _sections() -> dict[str, str]:
    text = files("workbench.tui").joinpath("pane_help.md").read_text(encoding="utf-8")
    sections: dict[str, str] = {}
    for block in text.split("\n## ")[1:]:
        name, _, body = block.partition("\n")
        sections[name.strip()] = " ".join(body.split())
    return sections


def pane_help(name: str) -> str:
    """The help paragraph of the screen or pane `name` (a section of pane_help.md)."""
    return _sections()[name]
