"""Option labels for code lists (search results, suggestions): the code and its CC/MCC level in
fixed columns, the whole title wrapped beside them (workbench.presentation.hanging), never cut; and
what such a list's width and highlight stand for."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from rich.text import Text
from textual.widgets import OptionList

from workbench.presentation import hanging

T = TypeVar("T")

LEAD = 13
"""Cells of the code (8) and CC/MCC (4) columns with their spaces."""


def code_label(code: str, level: str | None, title: str, width: int, tag: str = "") -> Text:
    """`K80.01   CC  Calculus of gallbladder with acute` / `             cholecystitis with obstruction`;
    `tag` (e.g. "query", "not billable") is appended in italics."""
    lead = f"{code:<8} {level or '':<3} "
    lead = lead.ljust(LEAD)
    out = Text("\n".join(hanging(lead, title + (f"  ({tag})" if tag else ""), width)))
    out.stylize("bold", 0, len(lead))
    if tag:
        out.stylize("italic", len(out.plain) - len(tag) - 2, len(out.plain) - 1)
    return out


def list_width(widget: object, fallback: int = 70) -> int:
    """The cells an option of the list `widget` can use (a scrollbar's room kept), or `fallback`
    while it is not laid out (hidden)."""
    region = getattr(widget, "scrollable_content_region", None)
    width = region.width - 2 if region is not None else 0
    return width if width >= 24 else fallback


def highlighted_item(options: OptionList, items: Sequence[T]) -> T | None:
    """The item of `items` (listed one per option, in order) that `options` highlights, if any."""
    i = options.highlighted
    return items[i] if i is not None and 0 <= i < len(items) else None
