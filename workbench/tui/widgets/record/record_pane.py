"""The record: the list of documents and a reader with find in document."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static, TextArea
from textual.widgets.option_list import Option
from textual.widgets.text_area import Selection

from workbench.model.encounter import Document
from workbench.tui.bindings import keyed
from workbench.tui.pane_help import pane_help


class RecordReader(TextArea):
    """The record's reader: a read-only TextArea that lets go of the app when its chart closes.

    Textual's TextArea watches `app.theme` from its mount and the app drops a watcher only when the
    theme next changes, so every chart opened kept its reader alive (the record's text and a few
    thousand rendered lines): the heap grew chart by chart and the garbage collector's full passes
    with it (0.1 -> 0.3 s each, stalling the keys they fell on)."""

    def on_unmount(self) -> None:
        watchers = getattr(self.app, "__watchers", {}).get("theme")  # textual.reactive._watch's list
        if watchers:
            watchers[:] = [(node, callback) for node, callback in watchers if node is not self]


class RecordPane(Vertical, can_focus=False):
    BINDINGS, BINDING_GROUP_TITLE = keyed("record")
    HELP = pane_help("record")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.documents: list[Document] = []
        self._match = -1
        self._reading: int | None = None
        """The document the reader shows (its index)."""

    def compose(self) -> ComposeResult:
        yield OptionList(id="doc-list")
        yield Input(placeholder="find in document", id="find")
        yield Static("", id="find-status")
        yield RecordReader("", read_only=True, soft_wrap=True, id="reader", show_cursor=True)

    def on_mount(self) -> None:
        self.query_one("#find").display = False
        self.query_one("#find-status").display = False

    def show(self, documents: list[Document]) -> None:
        self.documents = documents
        docs = self.query_one("#doc-list", OptionList)
        docs.clear_options()
        for d in documents:
            label = Text.assemble((d.type or "document", "bold"), f"  {d.date[:10]}  {d.author}")
            docs.add_option(Option(label))
        docs.styles.height = min(max(len(documents), 1), 6)
        self._reading = None
        if documents:
            docs.highlighted = 0
            # The first document now, not when the list's highlight message comes back: the chart's
            # first frame shows it (the reader laid out again a frame later cost a second frame).
            self._read(0)
        else:
            self.query_one("#reader", TextArea).text = "(no documents in this record)"

    @on(OptionList.OptionHighlighted, "#doc-list")
    def _doc_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_index != self._reading:
            self._read(event.option_index)

    def _read(self, i: int) -> None:
        if 0 <= i < len(self.documents):
            self._reading = i
            d = self.documents[i]
            reader = self.query_one("#reader", TextArea)
            reader.text = d.text
            reader.move_cursor((0, 0))
            self._match = -1

    @on(OptionList.OptionSelected, "#doc-list")
    def _doc_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#reader", TextArea).focus()

    def focus_target(self) -> Widget:
        """The widget focus goes to when the coder moves to this pane."""
        return self.query_one("#doc-list" if self.documents else "#reader")

    # -- find ------------------------------------------------------------------------------

    def action_find(self) -> None:
        box = self.query_one("#find", Input)
        box.display = True
        self.query_one("#find-status").display = True
        box.focus()

    def _find(self, start_after: int) -> None:
        needle = self.query_one("#find", Input).value.casefold()
        reader = self.query_one("#reader", TextArea)
        status = self.query_one("#find-status", Static)
        text = reader.text.casefold()
        if not needle:
            status.update("")
            return
        count = text.count(needle)
        pos = text.find(needle, start_after + 1)
        if pos < 0:
            pos = text.find(needle)  # wrap around
        if pos < 0:
            status.update(f"not found: {self.query_one('#find', Input).value}")
            self._match = -1
            return
        self._match = pos
        before = reader.text[:pos]
        row = before.count("\n")
        col = pos - (before.rfind("\n") + 1)
        end_text = reader.text[: pos + len(needle)]
        end = (end_text.count("\n"), pos + len(needle) - (end_text.rfind("\n") + 1))
        reader.selection = Selection((row, col), end)
        reader.scroll_cursor_visible(center=True)
        index = text[: pos + 1].count(needle)
        status.update(f"match {index} of {count}")

    @on(Input.Changed, "#find")
    def _find_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._find(-1)

    @on(Input.Submitted, "#find")
    def _find_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._find(self._match)

    def action_find_next(self) -> None:
        if self.query_one("#find", Input).value:
            self._find(self._match)
        else:
            self.action_find()

    def close_find(self) -> bool:
        """Escape in the find box: hide it (returns False when it was not open)."""
        box = self.query_one("#find", Input)
        if not box.display:
            return False
        box.display = False
        self.query_one("#find-status").display = False
        self.query_one("#reader").focus()
        return True
