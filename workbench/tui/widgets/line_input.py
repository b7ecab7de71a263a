"""The house text box: an Input whose box never depends on its text, so a typed character repaints the
box alone.

Textual's Input sets its virtual size to the text's width on every change, and `virtual_size` is a
layout reactive: each character laid the whole screen out again and wrote a frame for it before the
frame that showed the character's effect (the search results). The box here has a fixed height and
width (the stylesheets give it one), so the virtual size is only the Input's own horizontal scrolling:
it is set without asking for a layout. An Input sized by its content (`auto`) keeps Textual's way.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Input


class LineInput(Input):
    def _watch_value(self, value: str) -> None:
        if not self.styles.auto_dimensions:
            # the value Input's own watcher assigns, set first: its assignment is then no change
            self.set_reactive(Widget.virtual_size, Size(self.content_width, 1))
        super()._watch_value(value)
