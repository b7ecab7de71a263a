"""The record: the list of documents and a reader with find in the record (workbench.record.find)."""

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
from workbench.record.find import find_next
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
        yield Input(placeholder="find in the record", id="find")
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
        """The next match after `start_after` in the document read, else in the next document that
        has one (shown in the reader): `workbench.record.find`."""
        typed = self.query_one("#find", Input).value
        status = self.query_one("#find-status", Static)
        if not typed:
            status.update("")
            return
        reading = self._reading or 0
        match = find_next([d.text for d in self.documents], typed, reading, start_after)
        if match is None:
            status.update(f"not found in the record: {typed}")
            self._match = -1
            return
        if match.document != reading:
            self.query_one("#doc-list", OptionList).highlighted = match.document
            self._read(match.document)
        reader = self.query_one("#reader", TextArea)
        pos, text = match.start, reader.text
        before = text[:pos]
        row = before.count("\n")
        col = pos - (before.rfind("\n") + 1)
        end_text = text[: pos + len(typed)]
        end = (end_text.count("\n"), pos + len(typed) - (end_text.rfind("\n") + 1))
        reader.selection = Selection((row, col), end)
        reader.scroll_cursor_visible(center=True)
        self._match = pos
        doc = self.documents[match.document].type or "document"
        where = f" ({match.in_record} in the record)" if match.in_record != match.in_document else ""
        status.update(f"match {match.index} of {match.in_document} in {doc}{where}")

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
