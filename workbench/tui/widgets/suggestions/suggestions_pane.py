"""The suggestions pane: codes the record states that are not coded yet, each with its sentence.

The scan runs in a thread worker after every regrouping (it posts `Scanned`); the pane never orders by
payment and shows the DRG effect as information. Keys: enter shows the evidence in the record reader,
a accepts (the same path as picking the code in search: POA or date dialog), x dismisses (remembered
on the encounter), q drafts a non-leading physician query into the encounter's queries.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from codesets.codes import normalize, with_dot
from workbench.presentation import count_words, counts_as_words
from workbench.record.suggest import Suggestion, add_query, dismiss, suggest
from workbench.tui.markup import escape, update_text
from workbench.tui.messages import CodingEdited, Found
from workbench.tui.pane_help import pane_help
from workbench.tui.typeahead import hold_keys, release_keys
from workbench.tui.widgets.labels import code_label, highlighted_item, list_width

SCAN_HOLD = "suggestions scan"
"""Keys typed after an accept that waits for the chart's first scan are held under this reason."""
RESCAN_PAINT_LIMIT = 0.15
"""Seconds the screen waits for the suggestions list to be filled when its tab is shown."""


class _Picked:
    """What `SearchPane.CodePicked` carries, for a suggested code (billable by construction)."""

    def __init__(self, s: Suggestion, note: str = "") -> None:
        self.code, self.title, self.system = s.code, s.title, s.system
        self.billable, self.kind, self.cc_level = True, "code", s.cc_level
        self.display = with_dot(s.code, s.system)
        self.evidence_text = s.evidence.text  # the date box offers the date written with a procedure
        self.evidence_note = note
        """The date of the note the sentence is in: "POD 2", "yesterday" count from it."""


class SuggestionsPane(Vertical, can_focus=False):
    BINDINGS = [
        Binding("a", "accept", "Accept", id="suggestions.accept", tooltip="Add the suggested code"),
        Binding("A,shift+a", "accept_all", "Accept all", id="suggestions.accept_all", key_display="A",
                tooltip="Review every supported suggestion (untick, set POA), then add them at once"),
        Binding("x", "dismiss_suggestion", "Dismiss", id="suggestions.dismiss",
                tooltip="Hide this suggestion for this encounter"),
        Binding("q", "draft_query", "Query", id="suggestions.query",
                tooltip="Add a non-leading physician query with the evidence"),
        Binding("e", "show_evidence", "Evidence", id="suggestions.evidence",
                tooltip="Show the sentence in the record reader"),
    ]
    BINDING_GROUP_TITLE = "Suggestions"
    HELP = pane_help("suggestions")

    @dataclass
    class Scanned(Found[Suggestion]):
        """The suggestions for the account `key` (or why there are none), and the coding they were
        read for."""

        coding: tuple[Any, ...] | None = None

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.suggestions: list[Suggestion] = []
        self.session: Any = None
        self.scanned_for: Any = None
        """The coding (coding_key) the suggestions shown were computed for."""
        self.stale = False
        """The coding changed since: the DRG effects are not shown until the rescan is in."""
        self._listed: tuple[Any, ...] | None = None
        """What the list's options show (the width and each suggestion's label), None while unfilled."""
        self._was: Suggestion | None = None
        """The suggestion highlighted when the list was last emptied while hidden."""
        self._read = False
        """The chart's first scan came in (its suggestions, or why there are none)."""
        self._when_scanned: Any = None
        """An accept typed before the chart's first scan came in (`Enter 3 A`): run on its list."""
        self._scanning: tuple[Any, ...] | None = None
        """The coding (coding_key) of the scan running, if any."""
        self._scan_items: list[Suggestion] = []
        """The last scan's suggestions (for `scanned_for`): the list is these, less what is coded since."""
        self._scan_status: str | None = None
        """The status line of the last scan."""
        self.scan_due = False
        """A rescan is waiting for the edit's frame to be painted (work still to come: tests settle on it)."""

    def compose(self) -> ComposeResult:
        yield Static("scanning the record...", id="sugg-status")
        yield OptionList(id="sugg-list")
        yield Static("", id="sugg-detail")

    # -- scanning ---------------------------------------------------------------------------

    def encounter_changed(self, session: Any, result: Any) -> None:
        """Called by the encounter screen after every regrouping."""
        self.session = session
        self.coding_shown(session.encounter)
        # The rescan starts once the edit and its DRG are painted: its thread would share the
        # interpreter with that frame's layout and compositing (the frame waited for the scan, 50-100 ms
        # of wall time on a loaded machine). Until it is in, the list shows the suggestions still not
        # coded, marked as being read again, without their DRG effects (coding_shown).
        after_paint = getattr(self.screen, "after_paint", None)
        self.scan_due = True
        if after_paint is None:
            self._scan_latest()
        else:
            after_paint(self._scan_latest)

    def _scan_latest(self) -> None:
        """Scan for the coding shown now: a burst of edits is scanned once, for its last coding."""
        self.scan_due = False
        if self.session is None or not self.is_attached:
            return
        enc = self.session.encounter
        key = coding_key(enc)
        if key == self._scanning:
            return  # its scan is running already
        self._scanning = key
        self.scan(enc)

    def coding_shown(self, enc: Any) -> None:
        """Called by the encounter screen on every coding change, before the rescan: the DRG effects
        shown were computed for the coding scanned, so they go until the rescan brings new ones, and
        the list is the scan's suggestions not coded or dismissed now (one coded leaves it at once, one
        undone comes back). Undone back to the coding scanned (ctrl+z), the scan's list, status and DRG
        effects stand again at once."""
        stale = coding_key(enc) != self.scanned_for
        items = self._scan_items
        if stale and items:
            done = ({d.code for d in enc.diagnoses} | {p.code for p in enc.procedures}
                    | {normalize(c) for c in enc.dismissed})
            items = [s for s in items if s.code not in done]
        flipped = stale != self.stale
        self.stale = stale
        if stale:
            # Before the chart's first scan nothing was read yet: the coding did not change.
            update_text(self.query_one("#sugg-status", Static),
                        "scanning the record..." if self.scanned_for is None
                        else "the coding changed: reading the record again")
        elif self._scan_status is not None:
            update_text(self.query_one("#sugg-status", Static), self._scan_status)
        if [id(s) for s in items] != [id(s) for s in self.suggestions]:
            was = self.current()
            self.suggestions = items
            self._fill_list(was)
            if not items:
                update_text(self.query_one("#sugg-detail", Static), "")
        elif flipped:
            self._show_detail()

    @work(thread=True, exclusive=True, group="suggestions", exit_on_error=False, description="scan record")
    def scan(self, enc: Any) -> None:
        services = self.screen.services  # type: ignore[attr-defined]
        try:
            release = services.release(enc)
            index = services.search_index(release)
            try:
                drg = services.drg_service()
            except Exception:  # noqa: BLE001 - suggestions without the DRG effect
                drg = None
            sugs = suggest(enc, release=release, index=index, drg_service=drg)
        except Exception as e:  # noqa: BLE001 - shown in the pane
            self.post_message(self.Scanned(enc.account, [], f"suggestions unavailable: {e}"))
            return
        self.post_message(self.Scanned(enc.account, sugs, coding=coding_key(enc)))

    def on_suggestions_pane_scanned(self, message: Scanned) -> None:
        message.stop()
        if message.coding == self._scanning or message.coding is None:
            self._scanning = None
        try:
            self._scanned(message)
            waiting, self._when_scanned = self._when_scanned, None
            if waiting is not None:
                waiting()  # the keys typed after it go to what it opened (held until now)
        finally:
            release_keys(self.app, SCAN_HOLD)

    def _scanned(self, message: Scanned) -> None:
        current = self.session.encounter if self.session is not None else None
        if (self._read and message.coding is not None and current is not None
                and message.coding != coding_key(current)):
            # Overtaken: the coding changed since (an edit, or ctrl+z back to the coding scanned);
            # the list shows what coding_shown made of the last scan until the scan of this coding.
            return
        self._read = True
        was = self.current()  # the highlight stays on its code when the new list still has it
        self.suggestions = self._scan_items = message.items
        self.scanned_for = message.coding
        self.stale = current is not None and coding_key(current) != message.coding
        status = self.query_one("#sugg-status", Static)
        # The detail belongs to the list as it was: cleared now, refilled by the new highlight, so a
        # what-if of the previous coding never stands under a new list.
        update_text(self.query_one("#sugg-detail", Static), "")
        if message.error:
            self.suggestions = self._scan_items = []
            self._scan_status = escape(message.error)
            self._fill_list(None)
            update_text(status, self._scan_status)
            return
        self._scan_status = (f"{count_words(len(self.suggestions), 'suggestion')} from the record"
                             if self.suggestions else "no suggestions: nothing stated that is not coded")
        update_text(status, self._scan_status)
        self._fill_list(was)
        if self.stale and current is not None:
            self.coding_shown(current)  # the chart's first scan, the coding changed meanwhile

    def _fill_list(self, was: Suggestion | None) -> None:
        """The suggestions as the list's options, the highlight on `was` when still listed. The whole
        title: the list wraps it under the code (the deciding word may be last), so the options are
        made at the list's width: not while the list is hidden (its tab not shown: it is filled when
        shown, `_list_resized`), nor again when they would show what they show (a rescan after an edit
        that changed no suggestion: the list was re-rendered for nothing)."""
        lst = self.query_one("#sugg-list", OptionList)
        keep = lst.highlighted
        width = list_width(lst, fallback=0)
        listed = (width, [(s.code, s.system, s.cc_level, s.title, s.kind) for s in self.suggestions])
        if not width:
            if self._listed is not None:
                lst.clear_options()
                self._listed = None
            self._was = was
            return
        if listed != self._listed:
            lst.clear_options()
            lst.add_options([Option(code_label(with_dot(s.code, s.system), s.cc_level, s.title, width,
                                               "query" if s.kind == "query" else ""))
                             for s in self.suggestions])
            self._listed = listed
        if self.suggestions:
            same = [i for i, s in enumerate(self.suggestions) if was is not None and s.code == was.code]
            lst.highlighted = same[0] if same else min(keep or 0, len(self.suggestions) - 1)
            self._show_detail()

    def _on_screen(self) -> bool:
        """The list is shown (its tab is the one on screen) and laid out."""
        return list_width(self.query_one("#sugg-list", OptionList), fallback=0) > 0

    def showing(self) -> None:
        """Its tab is about to be shown: a list not filled yet (hidden so far) is filled once it has its
        width, and the screen paints the two in one frame (not an empty list first)."""
        hold = getattr(self.screen, "hold_paint", None)
        if self.suggestions and self._listed is None and hold is not None:
            hold("suggestions tab", RESCAN_PAINT_LIMIT)

    def on_resize(self) -> None:
        self.call_after_refresh(self._list_resized)  # once the list inside is laid out

    def _list_resized(self) -> None:
        # The titles wrap to the list's width: shown (its tab was hidden) or resized, wrap them again.
        try:
            if self.suggestions and self.query("#sugg-list"):  # (not on a screen being taken down)
                self._fill_list(self.current() or self._was)
        finally:
            release = getattr(self.screen, "release_paint", None)
            if release is not None:
                self.call_after_refresh(release, "suggestions tab")

    # -- showing ---------------------------------------------------------------------------

    def current(self) -> Suggestion | None:
        return highlighted_item(self.query_one("#sugg-list", OptionList), self.suggestions)

    @on(OptionList.OptionHighlighted, "#sugg-list")
    @on(OptionList.OptionSelected, "#sugg-list")
    def _list_event(self, event: OptionList.OptionHighlighted | OptionList.OptionSelected) -> None:
        """A new highlight shows its suggestion's detail; Enter (or a click) its evidence in the record."""
        event.stop()
        if isinstance(event, OptionList.OptionSelected):
            self.action_show_evidence()
        else:
            self._show_detail()

    def _show_detail(self) -> None:
        s = self.current()
        text = detail_text(s, what_if=not self.stale) if s else ""
        update_text(self.query_one("#sugg-detail", Static), text)

    def action_show_evidence(self) -> None:
        s = self.current()
        if s is None:
            return
        from workbench.tui.widgets.record.record_pane import RecordPane

        for record in self.screen.query(RecordPane):
            show_span(record, s.evidence.document, s.evidence.start, s.evidence.end)

    # -- actions ---------------------------------------------------------------------------

    def _held_for_scan(self, action: Any) -> bool:
        """Whether the chart's first scan is still to come: then `action` runs on its list, and the
        keys typed after it wait for it (a fast `Enter 3 A` was told "no supported suggestion")."""
        if self._read or self.session is None:
            return False
        self._when_scanned = action
        hold_keys(self.app, SCAN_HOLD)
        return True

    def action_accept(self) -> None:
        if self._held_for_scan(self.action_accept):
            return
        s = self.current()
        if s is None:
            return
        from workbench.tui.widgets.search.search_pane import SearchPane, pick

        docs = self.session.encounter.documents if self.session is not None else []
        note = docs[s.evidence.document].date if s.evidence.document < len(docs) else ""
        pick(self, SearchPane.CodePicked(_Picked(s, note or ""), origin=self))

    def action_accept_all(self) -> None:
        if self._held_for_scan(self.action_accept_all):
            return
        from workbench.record.accepting import supported
        from workbench.tui.screens.accept_all import AcceptAllDialog

        enc = self.session.encounter if self.session is not None else None
        release = getattr(self.screen, "release", None)
        picks = supported(self.suggestions, enc, self.screen.services.today,  # type: ignore[attr-defined]
                          release.id if release is not None else "")
        if not picks or self.session is None:
            self.notify("no supported suggestion to accept", severity="information", timeout=3)
            return
        self.app.push_screen(AcceptAllDialog(picks), self._reviewed)

    def _reviewed(self, picks: Any) -> None:
        from workbench.record.accepting import accept_picks

        if picks is None or self.session is None:
            return
        try:
            enc, added = accept_picks(self.session.encounter, picks)
        except ValueError as e:
            self.notify(str(e), severity="warning")
            return
        if not added:
            self.notify("nothing added: every code was unticked", timeout=3)
            return
        self.post_message(CodingEdited(enc, f"accepted {', '.join(added)}"))

    def action_dismiss_suggestion(self) -> None:
        s = self.current()
        if s is None or self.session is None:
            return
        self.post_message(CodingEdited(dismiss(self.session.encounter, s.code),
                                       f"suggestion {with_dot(s.code, s.system)} dismissed"))

    def action_draft_query(self) -> None:
        s = self.current()
        if s is None or self.session is None:
            return
        enc = add_query(self.session.encounter, s)
        self.post_message(CodingEdited(enc, f"query drafted for {with_dot(s.code, s.system)}"))

    def focus_target(self) -> OptionList:
        """The widget focus goes to when the coder moves to this pane."""
        return self.query_one("#sugg-list", OptionList)


def coding_key(enc: Any) -> tuple[Any, ...]:
    """What the suggestions and their DRG effects depend on: the codes, POAs, dates and dismissals."""
    return (tuple(enc.diagnoses), tuple(enc.procedures), tuple(enc.dismissed))


def detail_text(s: Suggestion, what_if: bool = True) -> str:
    ev = s.evidence
    lines = [f"[b]{escape(with_dot(s.code, s.system))}[/b] {escape(s.title)}",
             f"{escape(ev.document_type)} #{ev.document + 1}: \"{escape(ev.text)}\""]
    if ev.cue:
        lines.append(f"worded: {escape(ev.cue)}")
    e = s.drg_if_added if what_if else None
    if s.cc_level and (e is None or not e.drg):  # the what-if line says how it counts
        lines.append(f"{s.cc_level} as a secondary diagnosis")
    if s.system == "PCS" and s.date:
        lines.append(f"done {s.date[:10]}" + (" [b]?[/b] the note's date: the record does not say the day"
                                               if s.date_guess else ""))
    if e is not None and e.drg:
        lines.append(what_if_line(e, s.cc_level))
    if s.kind == "query":
        lines.append("suggestive, not explicit: q drafts a physician query")
    return "\n".join(lines)


def what_if_line(e: Any, level: str | None) -> str:
    """`if added: DRG 291 Heart Failure and Shock with MCC, weight 1.2838 (now DRG 293); counts as MCC`,
    or `..., weight 0.5660, no change; not a CC/MCC`: one parenthesis at most (the DRG title and the
    code's role each said once)."""
    weight = f", weight {e.weight:.4f}" if e.weight is not None else ""
    now = (f" [dim](now DRG {e.current_drg})[/dim]" if e.current_drg else " [dim](not grouped now)[/dim]"
           ) if e.changes else ", no change"
    words = counts_as_words(e.counts_as, level)
    return f"if added: DRG {e.drg} {escape(e.title)}{weight}{now}" + (f"; {words}" if words else "")


def show_span(record: Any, document: int, start: int, end: int) -> None:
    """Open `document` in the record reader and select the characters start..end."""
    from textual.widgets import TextArea
    from textual.widgets.text_area import Selection

    if not 0 <= document < len(record.documents):
        return
    text = record.documents[document].text
    record.query_one("#doc-list", OptionList).highlighted = document
    reader = record.query_one("#reader", TextArea)
    reader.text = text

    def loc(pos: int) -> tuple[int, int]:
        before = text[:pos]
        return before.count("\n"), pos - (before.rfind("\n") + 1)

    def select() -> None:
        if reader.text == text:
            reader.selection = Selection(loc(start), loc(end))
            reader.scroll_cursor_visible(center=True)

    record.call_after_refresh(select)
    record.set_timer(0.05, select)  # after the reader reloads for the newly highlighted document
