"""The coding queue table: draws only the rows on screen, read page by page from a `QueueView`.

A DataTable builds a row object for every encounter; at 100,000 encounters that took half a minute
and half a gigabyte. This table asks the view for the rows of the visible lines (plus a page either
side) when it draws them, so showing, scrolling and refiltering cost what is on screen.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from workbench.model.encounter import STATUS_LABELS
from workbench.store.model import QueueRow
from workbench.tui.pane_help import pane_help
from workbench.tui.widgets.queue.abbreviations import short_payer, short_service

# (label, key, width, right-aligned)
COLUMNS = (("", "mark", 1, False), ("Account", "account", 10, False), ("Patient", "patient", 20, False),
           ("Status", "status", 11, False), ("DRG", "drg", 4, False), ("Weight", "weight", 6, True),
           ("Discharged", "discharged", 10, False), ("Days", "days", 4, True), ("LOS", "los", 3, True),
           ("Age", "age", 3, True), ("Coder", "coder", 8, False), ("Payer", "payer", 14, False),
           ("Service", "service", 10, False))
SHORT_STATUS = {"new": "New", "in_progress": "In progress", "on_hold": "On hold", "coded": "Coded",
                "final": "Final"}
PAGE = 100


def row_cells(r: QueueRow, today: dt.date, session: str) -> list[str]:
    """The cells of one queue row, in COLUMNS order."""
    mark = "" if r.lock is None else "+" if r.lock.session == session else "*"
    days = (today - r.discharge_date).days if r.discharge_date else None
    los = r.los
    status = SHORT_STATUS.get(r.status, STATUS_LABELS.get(r.status, r.status))
    drg = (r.drg + "~" if r.stale else r.drg) if r.drg else ""
    return [mark, r.account, r.patient_name, status, drg, f"{r.weight:.4f}" if r.weight is not None else "",
            r.discharge_date.isoformat() if r.discharge_date else "", "" if days is None else str(days),
            "" if los is None else str(los), "" if r.age is None else str(r.age), r.coder,
            short_payer(r.payer), short_service(r.service)]


class QueueTable(ScrollView, can_focus=True):
    """Shows a queue view; the cursor is a position in the view, the highlighted row its account."""

    BINDING_GROUP_TITLE = "Queue"
    HELP = pane_help("queue table")
    BINDINGS: ClassVar[list[Any]] = [
        Binding("down,j", "cursor_down", "Down", show=False),
        Binding("up,k", "cursor_up", "Up", show=False),
        Binding("pagedown", "page_down", "Page down", show=False),
        Binding("pageup", "page_up", "Page up", show=False),
        Binding("g,home", "first", "First", show=False),
        Binding("G,end", "last", "Last", show=False),
        Binding("enter", "select", "Open", show=False),
    ]
    COMPONENT_CLASSES: ClassVar[set[str]] = {"queue--header", "queue--cursor"}
    DEFAULT_CSS = """
    QueueTable { background: $surface; color: $foreground; }
    QueueTable > .queue--header { text-style: bold; background: $panel; color: $foreground; }
    QueueTable > .queue--cursor { background: $block-cursor-background; color: $block-cursor-foreground;
                                  text-style: bold reverse; }
    QueueTable:ansi > .queue--cursor, QueueTable:nocolor > .queue--cursor { text-style: reverse; }
    """

    cursor_row: reactive[int] = reactive(0, always_update=True)
    """Position of the highlighted row in the view."""

    class RowSelected(Message):
        """Enter (or a click on the highlighted row) on a row."""

        def __init__(self, account: str) -> None:
            super().__init__()
            self.account = account

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.view: Any = None
        self.today = dt.date.today()
        self.session = ""
        self._cache: dict[int, list[str]] = {}
        self._width = 1 + sum(w + 1 for *_, w, _r in COLUMNS)

    # -- data ----------------------------------------------------------------------------

    def show_view(self, view: Any, today: dt.date, session: str, keep: str | None = None) -> None:
        """Show `view` (keeping the highlighted account where it still matches, else `keep`)."""
        current = self.highlighted_account or keep
        self.view, self.today, self.session = view, today, session
        self._cache.clear()
        self.virtual_size = Size(self._width, len(view) + 1)
        where = view.position(current) if current is not None else None
        self.cursor_row = where if where is not None else 0
        self._scroll_to_cursor()
        self.refresh()

    @property
    def row_count(self) -> int:
        return len(self.view) if self.view is not None else 0

    def _cells(self, position: int) -> list[str]:
        cells = self._cache.get(position)
        if cells is None:
            start = max(0, position - PAGE // 2)
            if len(self._cache) > 4 * PAGE:
                self._cache.clear()
            for n, r in enumerate(self.view.page(start, start + PAGE), start):
                self._cache[n] = row_cells(r, self.today, self.session)
            cells = self._cache[position]
        return cells

    def get_row_at(self, position: int) -> list[str]:
        return list(self._cells(position))

    def get_row_index(self, account: str) -> int:
        where = self.view.position(account) if self.view is not None else None
        if where is None:
            raise KeyError(account)
        return int(where)

    def get_row(self, account: str) -> list[str]:
        return self.get_row_at(self.get_row_index(account))

    @property
    def highlighted_account(self) -> str | None:
        if not self.row_count:
            return None
        return str(self.view.account_at(min(self.cursor_row, self.row_count - 1)))

    # -- cursor --------------------------------------------------------------------------

    def move_cursor(self, row: int | None = None, **_: Any) -> None:
        if row is not None and self.row_count:
            self.cursor_row = max(0, min(row, self.row_count - 1))

    def move_cursor_to_row(self, row: int) -> None:
        self.move_cursor(row=row)

    def watch_cursor_row(self, old: int, new: int) -> None:
        self._scroll_to_cursor()
        self.refresh()

    def _scroll_to_cursor(self) -> None:
        visible = max(1, self.scrollable_content_region.height - 1)
        top = int(self.scroll_y)
        if self.cursor_row < top:
            self.scroll_to(y=self.cursor_row, animate=False, immediate=True)
        elif self.cursor_row >= top + visible:
            self.scroll_to(y=self.cursor_row - visible + 1, animate=False, immediate=True)

    def action_cursor_down(self) -> None:
        self.move_cursor(row=self.cursor_row + 1)

    def action_cursor_up(self) -> None:
        self.move_cursor(row=self.cursor_row - 1)

    def action_page_down(self) -> None:
        self.move_cursor(row=self.cursor_row + max(1, self.scrollable_content_region.height - 2))

    def action_page_up(self) -> None:
        self.move_cursor(row=self.cursor_row - max(1, self.scrollable_content_region.height - 2))

    def action_first(self) -> None:
        self.move_cursor(row=0)

    def action_last(self) -> None:
        self.move_cursor(row=self.row_count - 1)

    def action_select(self) -> None:
        account = self.highlighted_account
        if account is not None:
            self.post_message(self.RowSelected(account))

    def on_click(self, event: events.Click) -> None:
        y = event.y + int(self.scroll_y) - 1
        if event.y >= 1 and 0 <= y < self.row_count:
            if y == self.cursor_row and event.chain > 1:
                self.action_select()
            self.move_cursor(row=y)

    # -- drawing -------------------------------------------------------------------------

    def _line(self, cells: list[str], style: Style) -> list[Segment]:
        out = [" "]
        for (_label, _key, width, right), value in zip(COLUMNS, cells, strict=True):
            text = value[:width]
            out.append((text.rjust(width) if right else text.ljust(width)) + " ")
        return [Segment("".join(out), style)]

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            style = base + self.get_component_rich_style("queue--header")
            segs = self._line([c[0] for c in COLUMNS], style)
        else:
            position = int(self.scroll_y) + y - 1
            if self.view is None or position >= self.row_count:
                return Strip.blank(width, base)
            style = base
            if position == self.cursor_row:
                style = base + self.get_component_rich_style("queue--cursor")
            segs = self._line(self._cells(position), style)
        strip = Strip(segs).crop(int(self.scroll_x), int(self.scroll_x) + width)
        return strip.extend_cell_length(width, style if y == 0 or style is not base else base)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self.refresh()
