"""The house table: a DataTable with a row cursor and vim-style keys, used by every list."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import DataTable


class WorkTable(DataTable[str | Text]):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g,home", "scroll_top", "First", show=False),
        Binding("G,end", "scroll_bottom", "Last", show=False),
    ]

    HELP_SKIPS = ("select_cursor",)
    """Built-in keys the help does not list: Enter selects nothing in the coding list."""

    @dataclass
    class PastEnd(Message):
        """Down on the last row (delta 1) or Up on the first (-1): the pane may move on to the list
        beside it (the coding pane's diagnoses and procedures read as one list)."""

        table: WorkTable
        delta: int

    def __init__(self, **kwargs: object) -> None:
        super().__init__(cursor_type="row", zebra_stripes=False, **kwargs)  # type: ignore[arg-type]

    def move_cursor_to_row(self, row: int) -> None:
        if self.row_count:
            self.move_cursor(row=max(0, min(row, self.row_count - 1)))

    def action_cursor_down(self) -> None:
        if self.row_count and self.cursor_row >= self.row_count - 1:
            self.post_message(self.PastEnd(self, 1))
            return
        super().action_cursor_down()

    def action_cursor_up(self) -> None:
        if self.row_count and self.cursor_row <= 0:
            self.post_message(self.PastEnd(self, -1))
            return
        super().action_cursor_up()
