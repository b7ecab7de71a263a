"""Text put into Textual markup (a Static, an option, a notification) shown as it is written.

Textual's markup reads any `[...]` as a style tag, capitals and spaces included, where Rich's escape
only escapes tags starting with a lower-case letter: 1,529 ICD-10-CM titles and 454 notes carry words in
brackets ("small round virus [SRV] NOS", "[Histology]"), which vanished from the search notes, the DRG
pane and the suggestion details, and each render tried the unknown style as a colour first (a failed
parse and a spelling suggestion, ~1 ms a line)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.widgets import Static


def escape(text: str) -> str:
    """`text` as literal markup: every `[` escaped (Textual keeps backslashes as they are)."""
    return text.replace("[", r"\[")


def update_text(line: Static, markup: str) -> None:
    """Update a Static only when its text changes: an update re-renders it and lays the screen out
    again (a pane refilled with what it shows already cost a layout and a frame for nothing)."""
    if getattr(line, "_markup", None) != markup:
        line._markup = markup  # type: ignore[attr-defined]
        line.update(markup)
