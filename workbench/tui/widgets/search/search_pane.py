"""Code search: results update as you type (an exclusive thread worker runs each query), the
highlighted code's instructional notes show beside it, and Enter picks the code."""

from __future__ import annotations

from typing import Any

from textual import on, work
from textual.app import App, ComposeResult
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from codesets.model import note_parts
from codesets.search.patient import search_for_patient
from workbench.presentation import note_source_words
from workbench.tui.bindings import keyed
from workbench.tui.markup import escape
from workbench.tui.messages import Found
from workbench.tui.pane_help import pane_help
from workbench.tui.typeahead import HOLD_LIMIT, hold_keys, release_keys
from workbench.tui.widgets.labels import code_label, highlighted_item, list_width
from workbench.tui.widgets.line_input import LineInput

INDEX_LOAD_HOLD = 180.0
SHOWN = 40  # results listed; ranked for the patient over the search's whole pool (search.patient.POOL)
"""Seconds keys typed after Enter wait for a search index that is still being built."""

NOTE_ORDER = ("code_first", "use_additional_code", "code_also", "excludes1", "excludes2", "seven_chr_note",
              "note", "includes", "inclusion_term")


def notes_text(release: Any, result: Any) -> str:
    """The notes of a result, most binding first, with where each is written."""
    head = f"[b]{escape(result.display)}[/b] {escape(result.title)}"
    tags = [result.system, "billable" if result.billable else f"{result.kind}, not billable"]
    if result.cc_level:
        tags.append(result.cc_level)
    lines = [head, f"[dim]{' / '.join(tags)}[/dim]"]
    if result.matched:
        lines.append(f"[dim]matched: {escape(result.matched)}[/dim]")
    if result.system != "CM" or release is None:
        return "\n".join(lines)
    try:
        notes = list(release.notes(result.code))
    except (KeyError, ValueError):
        notes = []
    notes.sort(key=lambda n: NOTE_ORDER.index(n.kind) if n.kind in NOTE_ORDER else 99)
    for n in notes:
        # A dash, not "(at K80.0-)": the notes end in a code in parentheses already ("(K82.A2)").
        where = f" [dim]— at {escape(note_source_words(n.source))}[/dim]" if n.inherited_from else ""
        label, rest = note_parts(n.kind, n.text)
        lines.append(f"[b]{escape(label)}[/b]{escape(rest)}{where}")
    return "\n".join(lines)


PICK_HOLD = "pick"
"""Keys typed after a pick (`/i10 Enter y`) wait until the screen has handled it: the `y` is for the POA
dialog the pick opens. Passes of the type-ahead cannot see that far: the key's binding posts Submitted,
which posts the pick, which bubbles to the screen, which pushes the dialog, each a hop later."""


def pick(pane: Widget, message: Message) -> None:
    """Post a pick (`CodePicked`) from `pane` with the typed keys held until the screen has handled it
    (`picked`)."""
    hold_keys(pane.app, PICK_HOLD)
    pane.post_message(message)


def picked(app: App[Any]) -> None:
    """The screen has handled a pick (the dialog it asks with is on the stack, or nothing is asked)."""
    release_keys(app, PICK_HOLD)


class SearchPane(Vertical, can_focus=False):
    BINDINGS, BINDING_GROUP_TITLE = keyed("search")
    HELP = pane_help("search")

    class ResultsReady(Found[Any]):
        """The results of the query `key` (or why there are none)."""

    class CodePicked(Message):
        """Enter on a result: the screen adds it to the coding."""

        def __init__(self, result: Any, origin: object = None) -> None:
            super().__init__()
            self.result = result
            self.origin = origin
            """The pane the code was picked in (None: the search)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.index: Any = None
        """The SearchIndex of the encounter's release (set by the screen once loaded)."""
        self.release: Any = None
        self.results: list[Any] = []
        self.unavailable: str | None = None
        self.shown_query = ""
        """The query the results shown are for."""
        self.add_when_ready = False
        """Enter came before the results of the typed query: add the top one once they are in."""
        self.what_if_when_ready = False
        """ctrl+o came before the results of the typed query: the what-if of the top one once in."""
        # The what-if line of one code (code, text), shown above that code's notes whenever it is
        # highlighted again (a re-layout re-highlights it), until the query changes.
        self.what_if_line: tuple[str, str] | None = None
        self._label_width = 0
        self._notes_of: Any = None
        """The result whose notes show."""
        self.patient: tuple[int | None, str | None] = (None, None)
        """Age and sex of the encounter's patient: codes they rule out are ranked last."""

    def compose(self) -> ComposeResult:
        yield LineInput(placeholder="/ search codes: words, abbreviations or a code", id="search-input")
        with Horizontal(id="search-area"):
            yield OptionList(id="search-results")
            with VerticalScroll(id="search-notes-scroll", can_focus=False):
                yield Static("", id="search-notes")

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    def set_index(self, release: Any, index: Any, unavailable: str | None = None) -> None:
        self.release, self.index, self.unavailable = release, index, unavailable
        if unavailable:
            self.query_one("#search-notes", Static).update(escape(unavailable))
        if self.input.value.strip():
            self.run_search(self.input.value)

    @on(Input.Changed, "#search-input")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value.strip():
            self.run_search(event.value)
        else:
            self.workers.cancel_group(self, "search")
            self._show([], "")

    @work(thread=True, exclusive=True, group="search", exit_on_error=False, description="code search")
    def run_search(self, query: str) -> None:
        index = self.index
        if index is None:
            self.post_message(self.ResultsReady(query, [], self.unavailable or "loading the code index..."))
            return
        results = search_for_patient(index, query, *self.patient, limit=SHOWN)
        if not get_current_worker().is_cancelled:
            self.post_message(self.ResultsReady(query, results))

    def on_search_pane_results_ready(self, message: ResultsReady) -> None:
        if message.key != self.input.value:
            return  # a newer query is on its way
        self._show(message.items, message.error or "")
        if self.add_when_ready and (not message.error or self.unavailable):
            self.add_when_ready = False
            self.action_add_code()  # the pick holds the keys until the screen has handled it
            release_keys(self.app, "search")
        if self.what_if_when_ready:
            self.what_if_when_ready = False
            self.action_what_if()
            release_keys(self.app, "search")

    def _show(self, results: list[Any], error: str) -> None:
        if self.shown_query != self.input.value:
            self.what_if_line = None
        self.results = results
        self.shown_query = "" if error else self.input.value
        options = self.query_one("#search-results", OptionList)
        options.clear_options()
        width = self._label_width = list_width(options)
        options.add_options([Option(code_label(r.display, r.cc_level, r.title, width,
                                               "" if r.billable else "not billable")) for r in results])
        if results:
            options.highlighted = 0
            # Its notes now, in the frame of the results (the list's highlight message came back a
            # hop later and its notes cost a layout and a frame of their own).
            self._notes_of = results[0]
            self._show_notes(results[0])
        else:
            self._notes_of = None
            notes = self.query_one("#search-notes", Static)
            notes.update(escape(error) if error else ("no match" if self.input.value.strip() else ""))

    def on_resize(self) -> None:
        self.call_after_refresh(self._results_resized)  # once the list inside is laid out

    def _results_resized(self) -> None:
        # The titles wrap to the list's width: shown (the list was hidden) or resized, wrap them again.
        if self.results and list_width(self.query_one("#search-results", OptionList)) != self._label_width:
            options = self.query_one("#search-results", OptionList)
            keep = options.highlighted
            self._show(self.results, "")
            options.highlighted = keep

    @on(OptionList.OptionHighlighted, "#search-results")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if 0 <= event.option_index < len(self.results):
            result = self.results[event.option_index]
            if result is not self._notes_of:  # (the first result's notes came with the results)
                self._notes_of = result
                self._show_notes(result)

    def _show_notes(self, result: Any) -> None:
        notes = notes_text(self.release, result) if result is not None else ""
        if self.what_if_line is not None and result is not None and self.what_if_line[0] == result.code:
            notes = f"[b]{escape(self.what_if_line[1])}[/b]\n{notes}"
        self.query_one("#search-notes", Static).update(notes)
        self.query_one("#search-notes-scroll").scroll_home(animate=False)

    @property
    def highlighted_result(self) -> Any:
        return highlighted_item(self.query_one("#search-results", OptionList), self.results)

    @on(Input.Submitted, "#search-input")
    @on(OptionList.OptionSelected, "#search-results")
    def _enter(self, event: Input.Submitted | OptionList.OptionSelected) -> None:
        """Enter in the box or on a result: add the highlighted code."""
        event.stop()
        self.action_add_code()

    def _held_for_results(self) -> bool:
        """Whether the typed query's results are still to come: then the keys typed after this one
        are held until they are in (and this key's action runs on them)."""
        if self.shown_query == self.input.value or not self.input.value.strip() or self.unavailable:
            return False
        # The index still loading (its first build takes 10-20 s on a busy machine) ends in set_index,
        # with the index or why it is unavailable: wait for that rather than let `y` into the box.
        hold_keys(self.app, "search", INDEX_LOAD_HOLD if self.index is None else HOLD_LIMIT)
        return True

    def action_add_code(self) -> None:
        if self._held_for_results():
            # Typed ahead (`/htn Enter y`): the Enter is for this query's top result, and the keys
            # after it are for the dialog it opens.
            self.add_when_ready = True
            return
        result = self.highlighted_result
        if result is not None:
            pick(self, self.CodePicked(result))

    class BuildRequested(Message):
        """ctrl+b, or Enter on a PCS table row: open the code builder at `prefix`."""

        def __init__(self, prefix: str) -> None:
            super().__init__()
            self.prefix = prefix

    def action_build_code(self) -> None:
        result = self.highlighted_result
        typed = "".join(self.input.value.split()).upper()
        prefix_typed = 3 <= len(typed) <= 7 and typed.isalnum()
        under_typed = prefix_typed and result is not None and result.code.startswith(typed)
        if result is not None and result.system == "PCS" and not under_typed:
            self.post_message(self.BuildRequested(result.code))
        elif prefix_typed:
            self.post_message(self.BuildRequested(typed))
        else:
            self.notify("highlight a PCS result or type a table prefix (e.g. 0SG) to build a code",
                        severity="warning")

    def action_move_result(self, delta: int) -> None:
        options = self.query_one("#search-results", OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -1
            options.highlighted = max(0, min(options.option_count - 1, current + delta))

    class WhatIfRequested(Message):
        """ctrl+o on a result: the DRG if it were added (the screen groups it; nothing is added)."""

        def __init__(self, result: Any) -> None:
            super().__init__()
            self.result = result

    def action_what_if(self) -> None:
        if self._held_for_results():  # typed ahead (`/n179 ctrl+o`): for this query's top result
            self.what_if_when_ready = True
            return
        result = self.highlighted_result
        if result is None or not result.billable:
            self.notify("highlight a billable code for the what-if", severity="warning", timeout=3)
            return
        self.query_one("#search-notes", Static).update(f"what-if {escape(result.display)}: grouping...")
        self.post_message(self.WhatIfRequested(result))

    def show_what_if(self, code: str, text: str) -> None:
        """The what-if line of `code`, above its notes whenever it is the highlighted result (the
        grouping ran in a thread: the highlight may have moved on meanwhile)."""
        self.what_if_line = (code, text)
        result = self.highlighted_result
        if result is not None and result.code == code:
            self._show_notes(result)

    def action_leave_search(self) -> None:
        self.post_message(self.Left())

    class Left(Message):
        """Escape in the search: back to the coding list."""
