"""The encounter screen: record, coding list, code search and DRG preview of one stay.

Layout: from 110 columns two columns, the record (as wide as the coding) beside the coding list over
the search input and the DRG preview, whose place the search results take while searching; below that
the panes switch and follow focus, while the DRG line and the search input stay on screen. Extra
side panes (e.g. suggestions) are added to SIDE_PANES; a pane with an `encounter_changed(session,
result)` method is told after every regrouping, one with `coding_shown(encounter)` on every change of
the coding shown.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable
from typing import Any

from textual import on, work
from textual.app import ComposeResult
from textual.color import Color
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import Reactive, var
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static, TabbedContent, TabPane

from codesets.release.core import Release, Resolution
from codesets.search.engine import SearchIndex
from workbench.model import workflow
from workbench.model.encounter import STATUS_LABELS, Encounter
from workbench.model.undo import UndoHistory
from workbench.presentation import change_to_come, encounter_header
from workbench.session import CommitResult, EncounterSession, Services
from workbench.store.core import StaleRevision, StoreError
from workbench.tui.bindings import keyed
from workbench.tui.frames import PaintWhenReady
from workbench.tui.markup import escape, update_text
from workbench.tui.messages import CodingEdited, EncounterCommitted, EncounterEvaluated
from workbench.tui.pane_help import pane_help
from workbench.tui.screens.dialogs import ChoiceDialog, TextDialog
from workbench.tui.screens.encounter_adding import AddingCodes
from workbench.tui.screens.encounter_conflict import SavedElsewhere
from workbench.tui.screens.encounter_flow import ChartFlow
from workbench.tui.screens.encounter_opening import show_then_evaluate
from workbench.tui.screens.encounter_workflow import WorkflowKeys
from workbench.tui.screens.styled import StyledOnce, breakpoint_classes
from workbench.tui.typeahead import hold_keys, release_keys
from workbench.tui.widgets.coding.coding_pane import CodingPane
from workbench.tui.widgets.drg.drg_pane import DrgPane, drg_line
from workbench.tui.widgets.keyline import KeyLine
from workbench.tui.widgets.record.record_pane import RecordPane
from workbench.tui.widgets.search.search_pane import SearchPane
from workbench.tui.widgets.suggestions.suggestions_pane import SuggestionsPane

PANES = ("record", "coding", "search", "drg")
EDIT_PAINT_LIMIT = 0.25


def _opening_header(account: str) -> str:
    """The header until the chart is in: two lines, as most charts' headers are (account, status,
    patient, stay, payer and service): a spare laid out and rendered ahead with a one-line header
    was laid out and rendered again when the chart's two lines came in."""
    return f"{escape(account)}  opening...\nreading the chart"


class EncounterScreen(AddingCodes, WorkflowKeys, ChartFlow, SavedElsewhere, PaintWhenReady, StyledOnce,
                      Screen[None]):
    BINDINGS, BINDING_GROUP_TITLE = keyed("encounter")
    HELP = pane_help("encounter")
    HORIZONTAL_BREAKPOINTS = [(0, "-compact"), (110, "-wide")]
    AUTO_FOCUS = ""
    """No focus until the chart is in (`_opened` focuses the coding list): Textual's default focused the
    record's first widget first, and each focus move restyles the pane it leaves and the one it enters."""

    SIDE_PANES: list[tuple[str, str, Callable[[], Widget]]] = [
        ("record", "Record", RecordPane), ("suggestions", "Suggestions", SuggestionsPane)]
    """(id, tab title, factory) of the panes in the left column's tabs."""

    pane: var[str] = var("coding")
    """The pane shown when the panes switch (narrow terminals); follows focus. A var: it repaints
    nothing itself (a reactive repainted the whole screen, ~15 ms, on each focus move)."""
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """Textual's own, without its repaint of the whole screen on each focus move: the widgets focused
    and blurred repaint themselves, the panes' borders are set on the panes (`_border_focused_pane`)."""

    def __init__(self, services: Services, account: str = "") -> None:
        """A chart screen for `account`; without one, a spare composed ahead (`spare_chart.py`) that
        `open_chart` gives its account when the coder opens a chart."""
        # The breakpoint class of the width it opens at (the app's), set before mount: added by the
        # first resize it would restyle every widget of the screen.
        try:
            classes: str | None = breakpoint_classes(type(self), self.app.size.width)
        except Exception:  # noqa: BLE001 - built outside a running app: the first resize sets it
            classes = None
        super().__init__(classes=classes)
        if classes is not None and account:
            self.hold_paint("open")  # one frame once the chart is in (workbench/tui/frames.py)
        self.services = services
        self.account = account
        self.session: EncounterSession | None = None
        self.release: Release | None = None
        self.resolution: Resolution | None = None
        self.last: CommitResult | None = None
        self.conflict: StaleRevision | None = None
        self.read_only = False
        self._conflict_timer: Any = None
        self._add_origin = "coding"
        self._opening_lock = threading.Lock()
        self.history = UndoHistory()
        """The coding before each edit made here (ctrl+z)."""

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(_opening_header(self.account), id="enc-header")
        yield Static("DRG -", id="enc-drg-line")
        yield Static("", id="enc-banner")
        with Horizontal(id="body"):
            with TabbedContent(id="side"):
                for pane_id, title, factory in self.SIDE_PANES:
                    with TabPane(title, id=f"tab-{pane_id}"):
                        yield factory()
            with Vertical(id="middle"):
                yield CodingPane(id="coding")
                yield SearchPane(id="search")
                yield DrgPane(id="drg")
        yield KeyLine(id="keys")

    CONFLICT_CHECK_SECONDS = 5.0
    """How often an open encounter looks for a save by another session (a stat of the queue journal)."""

    def on_mount(self) -> None:
        self.app.theme_changed_signal.subscribe(self, self._paint_focus_border)
        self.query_one("#enc-banner").display = False
        self._lay_out_panes()
        if self.account:
            self._start_opening()
        else:
            self.call_later(self._lay_out_ahead)

    def on_unmount(self) -> None:
        # The signal keeps its subscribers' callbacks (and so this screen) until they unsubscribe.
        self.app.theme_changed_signal.unsubscribe(self)

    LAY_OUT_AHEAD_PASSES = 4

    def _lay_out_ahead(self, passes: int = LAY_OUT_AHEAD_PASSES) -> None:
        """A spare (not on the screen stack): lay it out now, at the app's size, so its widgets have
        their sizes (and have run what their first Resize sets off) before a chart opens in it; the
        open then lays out only what the chart's content changes. Again while that first layout
        asks for another (a table's columns set to its width)."""
        if self.account or self.is_current or not self._composed() or not self.app.size:
            return
        quiet = getattr(self.app, "quiet_for", None)
        if quiet is not None and not quiet(0.2):
            # The coder typed while the spare was mounting: its layout (10-20 ms) waits for a pause
            # rather than landing inside the step of a key (`3` laid the spare out, unseen).
            self.set_timer(0.25, lambda: self._lay_out_ahead(passes))
            return
        self._layout_required = False
        self._refresh_layout(self.app.size)
        if passes > 1:
            self.set_timer(0.05, lambda: self._lay_out_again(passes - 1))
        else:
            self._render_ahead()

    def _lay_out_again(self, passes: int) -> None:
        if self._layout_required:  # what the first layout set off asks for another
            self._lay_out_ahead(passes)
        else:
            self._render_ahead()

    def _render_ahead(self) -> None:
        """A spare, laid out: render it once, unseen. Each widget keeps its lines, so the chart's
        first frame renders only what the chart changes (the header, the lists, the record, the DRG),
        not the panes' frames, the tabs, the search box and the key line (~10 ms of an open). Only
        while the coder is idle: it is ~30 ms of the main thread."""
        quiet = getattr(self.app, "quiet_for", None)
        if (self.account or self.is_current or not self._composed() or self._layout_required
                or quiet is None or not quiet(0.2)):
            return
        self._compositor.render_update(full=True)  # the frame is dropped; the lines stay cached

    def open_chart(self, account: str) -> None:
        """Give a spare screen (mounted ahead, never opened) its chart; push it right after."""
        assert not self.account and self.session is None, "a chart screen opens one chart"
        self.account = account
        self.hold_paint("open")
        update_text(self.query_one("#enc-header", Static), _opening_header(account))
        self._start_opening()

    def _start_opening(self) -> None:
        # Keys typed while the chart opens (`/htn` right after Enter in the queue) wait for it; an
        # Escape does not: it leaves the chart at once (the wrong patient was opened).
        hold_keys(self.app, self._opening_hold, cancel=self._cancel_opening)
        self.open_encounter()
        self._conflict_timer = self.set_interval(self.CONFLICT_CHECK_SECONDS, self.check_saved_elsewhere)

    def on_screen_suspend(self) -> None:
        if self._conflict_timer is not None:
            self._conflict_timer.pause()  # a dialog or the help is on top: look again when it closes

    def on_screen_resume(self) -> None:
        if self._conflict_timer is not None:
            self._conflict_timer.resume()
        # After the frame a closing dialog's edit holds (its thread would share the interpreter with
        # the edit's regrouping and painting); that edit's save finds a save elsewhere by itself.
        self.after_paint(self.check_saved_elsewhere)

    _parts: tuple[Widget, ...] | None = None
    """The key line and the search pane's area, which _composed looks for (found once: a query walks
    the whole screen, ~1 ms, and the panes are laid out on every focus move)."""

    def _composed(self) -> bool:
        """The screen's widgets are there: not before its compose has mounted them, nor once the app
        tears it down (a spare's layout timer or a resize can still arrive then)."""
        if not self.is_attached:
            return False
        if self._parts is None:
            keys, search = self.query(KeyLine), self.query(SearchPane)
            if not keys or not search:
                return False
            # The search pane's own children mount after it: under load a resize came in between
            # and the pane layout found no #search-area (NoMatches).
            area = search.first().query("#search-area")
            if not area:
                return False
            self._parts = (keys.first(), area.first())
        return all(part.is_attached for part in self._parts)

    def on_resize(self, event: Any) -> None:
        if not self._composed():
            return
        # Below the side-by-side width the footer needs every column for the pane's keys; ctrl+p still
        # works and the help screen names it.
        self._lay_out_panes()
        self._refresh_focus_border()  # the stylesheet's border may differ at this width
        if self.session is not None:
            update_text(self.query_one("#enc-header", Static), self._header_text(self.session.encounter))
        keys = self.query_one(KeyLine)
        keys.show_command_palette = event.size.width >= self.HORIZONTAL_BREAKPOINTS[-1][0]
        keys.refresh_keys()

    def watch_pane(self, old: str, new: str) -> None:
        if old != new:  # the call at mount: on_mount lays the panes out
            self._lay_out_panes()

    def _lay_out_panes(self) -> None:
        """Show the panes for `pane` at this width. Set on the few widgets concerned, not as a class
        on the screen: a screen class restyles every widget, about 100 ms on every focus move."""
        if not self.is_mounted or not self._composed():
            return
        width = self.size.width or self.app.size.width  # a spare is mounted before its first layout
        pane, compact = self.pane, width < self.HORIZONTAL_BREAKPOINTS[-1][0]
        search = self.query_one(SearchPane)
        shown = {self.query_one("#side"): pane == "record" or not compact,
                 self.query_one(CodingPane): pane == "coding" or not compact,
                 self.query_one(DrgPane): pane == "drg" or (not compact and pane != "search"),
                 search.query_one("#search-area"): pane == "search"}
        for widget, show in shown.items():
            if widget.display != show:
                widget.display = show
        heights = {search: "1fr" if pane == "search" else "auto",
                   self.query_one("#middle"): "auto" if compact and pane == "record" else "1fr"}
        for widget, height in heights.items():
            if str(widget.styles.height) != height:
                widget.styles.height = height

    FOCUS_BORDERED = ("side", "coding", "search", "drg")
    """The ids of the panes whose border shows that focus is inside them."""
    _bordered: Widget | None = None

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True,
                  from_app_focus: bool = False) -> None:
        super().set_focus(widget, scroll_visible, from_app_focus)
        self._border_focused_pane()

    def _pane_of(self, widget: Widget | None) -> Widget | None:
        """The pane (one of FOCUS_BORDERED) holding `widget`, or None."""
        node: Any = widget
        while node is not None and node is not self and node.id not in self.FOCUS_BORDERED:
            node = node.parent
        return node if node is not None and node is not self else None

    def _border_focused_pane(self) -> None:
        """The pane holding focus gets the focus border (`round $accent`, `double` without colour) as
        an inline style on that pane alone; the pane left goes back to its stylesheet's border."""
        pane = self._pane_of(self.focused)
        if pane is self._bordered:
            return
        if self._bordered is not None:
            self._bordered.styles.border = None
        self._bordered = pane
        self._paint_focus_border()

    def _refresh_focus_border(self) -> None:
        pane, self._bordered = self._bordered, None
        if pane is not None:
            pane.styles.border = None
        self._border_focused_pane()

    def _paint_focus_border(self, *_theme: object) -> None:
        pane = self._bordered
        if pane is None:
            return
        kind = pane.styles.base.border_top[0]
        if kind in ("", "none", "hidden"):  # no border here (the search box on narrow screens)
            return
        accent = Color.parse(self.app.theme_variables["accent"])
        pane.styles.border = ("double" if self.app.no_color else "round", accent)

    def on_descendant_focus(self, event: Any) -> None:
        node: Any = event.widget
        if node is not self.focused:
            # Stale: hiding a pane moves focus to its next widget and then on to the pane asked for;
            # following the stale event would switch back to the pane being left.
            return
        pane = self._pane_of(node)
        if pane is not None:
            self.pane = "record" if pane.id == "side" else str(pane.id)

    # -- opening ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="open", exit_on_error=False, description="open encounter")
    def open_encounter(self) -> None:
        try:
            session = EncounterSession(self.services, self.services.store.get(self.account))
            session.take_lock()
        except StoreError as e:
            self.app.call_from_thread(self._open_failed, str(e))
            return
        with self._opening_lock:
            if self._cancelled:  # Escape while it opened: the lock just taken goes at once
                session.release_lock()
                return
            self._opening_session = session
        # The record and a quick grouping reach the screen together (handled in this order).
        result = show_then_evaluate(lambda: self.post_message(self.Opened(session)),
                                    lambda: session.evaluate(session.encounter))
        self.post_message(EncounterEvaluated(result))

    @dataclasses.dataclass
    class Opened(Message):
        session: EncounterSession

    def on_encounter_screen_opened(self, message: Opened) -> None:
        if not self._cancelled:
            self._opened(message.session)

    _cancelled = False
    """Left before the chart was in (Escape while it opened)."""
    _opening_session: EncounterSession | None = None
    """The session the opening worker made (its lock taken), before the screen shows it."""

    def _cancel_opening(self) -> None:
        """Escape while the chart opens: back to the queue; the chart's lock, once taken, is released
        (by the worker itself when it takes it after this)."""
        with self._opening_lock:
            self._cancelled = True
            session = self._opening_session
        if session is not None:
            self.app.run_worker(session.release_lock, thread=True, group="unlock", exit_on_error=False)
        self.release_paint("open")
        # Once what its mount set off has run (a screen removed right after its mount died on its tabs'
        # late callback); the keys typed after Escape wait for it and go to the queue.
        self.call_after_refresh(self._leave_cancelled)

    def _leave_cancelled(self) -> None:
        release_keys(self.app, self._opening_hold)
        if self.is_current:
            self.dismiss()

    @property
    def _opening_hold(self) -> str:
        return f"open {id(self)}"

    def _open_failed(self, error: str) -> None:
        self.notify(error, severity="error", timeout=8)
        release_keys(self.app, self._opening_hold)
        self.release_paint("open")
        self.dismiss()

    def _opened(self, session: EncounterSession) -> None:
        self.session = session
        self.load_release(session.encounter)
        self._show_encounter(session.encounter)
        for pane in self.query(RecordPane):
            pane.show(session.encounter.documents)
        self.action_focus_pane("coding")
        release_keys(self.app, self._opening_hold)
        # The chart is in and focused: painted once laid out with it (the lists' and the reader's
        # sizes), in the frame after the next layout.
        self.call_after_refresh(self.release_paint, "open")
        if session.encounter.status == "final":
            self._set_read_only("Final: read-only. o reopens it (with a reason).")
        if session.took_stale_lock:
            self.notify(f"took over a stale lock of {session.took_stale_lock}")
        if session.locked_by:
            self.app.push_screen(
                ChoiceDialog(f"{escape(self.account)} is open for editing by {escape(session.locked_by)}.",
                             [("R", "open read-only"), ("T", "take over the lock (the other session's "
                                                             "edits will be refused)")]),
                self._lock_choice)

    def _lock_choice(self, choice: str | None) -> None:
        if choice == "T" and self.session is not None:
            self.take_over()
        else:
            who = self.session.locked_by if self.session else "?"
            self._set_read_only(f"Read-only: open in another session by {who}")

    @work(thread=True, group="lock", exit_on_error=False, description="take over lock")
    def take_over(self) -> None:
        assert self.session is not None
        self.session.take_lock(take_over=True)
        self.app.call_from_thread(self.notify, "lock taken over")

    def _set_read_only(self, why: str | None) -> None:
        self.read_only = why is not None
        self.query_one(CodingPane).read_only = self.read_only
        self._banner(why)
        self.refresh_bindings()

    @work(thread=True, exclusive=True, group="release", exit_on_error=False, description="load release")
    def load_release(self, enc: Encounter) -> None:
        try:
            resolution = self.services.resolution(enc)
            release = resolution.data
            index = self.services.search_index(release)
        except Exception as e:  # noqa: BLE001 - shown in the search pane; the coding stays editable
            self.app.call_from_thread(self.query_one(SearchPane).set_index, None, None, str(e))
            return
        self.app.call_from_thread(self._release_ready, resolution, release, index)

    def _release_ready(self, resolution: Resolution, release: Release, index: SearchIndex) -> None:
        self.resolution, self.release = resolution, release
        self.query_one(SearchPane).set_index(release, index)
        if resolution.notice:
            self.notify(resolution.notice, severity="warning", timeout=6)
        if self.session is not None:
            self._show_encounter(self.session.encounter)

    # -- showing -----------------------------------------------------------------------------

    def title_of(self, system: str, code: str) -> str:
        if self.release is None:
            return ""
        try:
            item = self.release.cm(code) if system == "CM" else self.release.pcs(code)
        except (KeyError, ValueError):
            item = None
        return item.title if item is not None else "(not a code in this release)"

    def _header_text(self, enc: Encounter) -> str:
        # Most important first: LOS, disposition, payer and service stay on an 80-column line.
        lines = encounter_header(enc, self.session.revision if self.session else None, self.size.width - 2)
        marked = [[escape(p) for p in line] for line in lines]
        marked[0][:2] = [f"[b]{p}[/b]" for p in marked[0][:2]]  # the account and the status
        return "\n".join("  ".join(line) for line in marked)

    def _show_encounter(self, enc: Encounter, focus: tuple[str, int] | None = None) -> None:
        update_text(self.query_one("#enc-header", Static), self._header_text(enc))
        self.query_one(SearchPane).patient = (enc.age_years(), enc.sex)
        grouping = self.last.preview.grouping if self.last and self.last.preview else None
        findings = self.last.findings if self.last else []
        self.query_one(CodingPane).show(enc, grouping, findings, self.title_of, focus)
        for pane in self.query("#side TabPane > *"):
            hook = getattr(pane, "coding_shown", None)
            if hook is not None:
                hook(enc)  # what the side panes derived from the coding before this one goes

    def _show_result(self, result: CommitResult) -> None:
        self.last = result
        preview = result.preview
        grouping = preview.grouping if preview is not None else None
        if grouping is None:
            line = f"DRG -  {escape(result.error or '')}"
        else:
            line = drg_line(grouping)
            if grouping.payment is not None:
                line += f"  ${grouping.payment.amount:,.2f}"
            line += f"  [dim]v{grouping.version}[/dim]"
        update_text(self.query_one("#enc-drg-line", Static), line)
        self.query_one(DrgPane).show(preview, self.services.settings.base_rate is not None, result.error,
                                     result.findings)
        if self.session is not None:
            self._show_encounter(self.session.encounter)
            for pane in self.query("#side TabPane > *"):
                hook = getattr(pane, "encounter_changed", None)
                if hook is not None:
                    hook(self.session, result)

    def on_encounter_evaluated(self, message: EncounterEvaluated) -> None:
        if not self._cancelled:
            self._show_result(message.result)

    def _banner(self, text: str | None) -> None:
        banner = self.query_one("#enc-banner", Static)
        banner.update(text or "")
        banner.display = bool(text)

    # -- edits -------------------------------------------------------------------------------

    def on_coding_edited(self, message: CodingEdited) -> None:
        message.stop()
        self.apply(message.encounter, message.what, message.focus)

    def apply(self, enc: Encounter, what: str, focus: tuple[str, int] | None = None,
              reason: str | None = None, then: Encounter | None = None, undoable: bool = True) -> None:
        """Show the edit at once, then regroup and save it in a worker (a coding edit can be undone)."""
        if self.session is None:
            return
        if self.read_only:
            self.notify("read-only: this encounter is open in another session", severity="warning")
            return
        if reason is None and workflow.needs_reopen(self.session.encounter, enc):
            self._ask_reopen_for(enc, what, focus, undoable)
            return
        if undoable:
            self.history.record(self.session.encounter, enc, what)
        self.session.encounter = enc
        self.hold_paint("edit", EDIT_PAINT_LIMIT)  # the edit and its regrouping in one frame
        self._show_encounter(enc, focus)
        self.commit(enc, self.session.next_seq(), what, reason, then)

    def _ask_reopen_for(self, enc: Encounter, what: str, focus: tuple[str, int] | None,
                        undoable: bool = True) -> None:
        """An edit of a coded chart: it is reopened (with a reason) first, or not made at all."""
        assert self.session is not None
        self._show_encounter(self.session.encounter)  # the list shows the chart as saved meanwhile
        label = STATUS_LABELS[self.session.encounter.status]

        def answered(why: str | None) -> None:
            if why and self.session is not None:
                self.apply(workflow.reopened(enc), f"reopened: {what}", focus, reason=why, undoable=undoable)
            else:
                self.notify(f"not changed: the encounter stays {label.lower()}")

        self.app.push_screen(TextDialog(f"[b]This encounter is {label}.[/b] Reopen it? Once reopened, "
                                        f"{escape(change_to_come(what))}.\nWhy? (kept in the audit trail)",
                                        placeholder="reason", hint="Enter reopens and applies the change; "
                                        "escape leaves the chart as it is"), answered)

    @work(thread=True, group="commit", exit_on_error=False, description="regroup and save")
    def commit(self, enc: Encounter, seq: int, what: str, reason: str | None = None,
               then: Encounter | None = None, expected: int | None = None) -> None:
        assert self.session is not None
        result = self.session.commit(enc, seq, reason=reason, expected=expected)
        if then is not None and result.revision is not None:
            result = self.session.commit(then, self.session.next_seq(), reason=reason)
        result.what = what
        self.post_message(EncounterCommitted(result))

    def on_encounter_committed(self, message: EncounterCommitted) -> None:
        try:
            self._committed(message.result)
        finally:  # painted once the lists the result refilled have their sizes
            self.call_after_refresh(self.release_paint, "edit")

    def _committed(self, result: CommitResult) -> None:
        if result.skipped or self.session is None:
            return
        if result.stale is not None:
            self._show_conflict(result.stale)
            return
        if result.error and result.revision is None and result.preview is not None:
            self.notify(result.error, severity="error", timeout=8)
            if result.encounter.status != self.session.encounter.status:
                self.session.encounter = dataclasses.replace(self.session.encounter,
                                                             status=self._saved_status())
        latest = self.session.is_latest(result)
        if latest or result.revision is not None:
            if result.revision is not None:
                self.session.encounter = dataclasses.replace(self.session.encounter,
                                                             grouping=result.encounter.grouping)
            if latest:
                self._show_result(result)
            else:
                self._show_encounter(self.session.encounter)
            if result.revision is not None and result.encounter.status == "final" and not self.read_only:
                self._set_read_only("Final: read-only. o reopens it (with a reason).")

    def _saved_status(self) -> str:
        try:
            return self.services.store.get(self.account).encounter.status
        except StoreError:
            return self.session.encounter.status if self.session else "new"

    @on(SearchPane.Left)
    def _search_left(self) -> None:
        self.action_focus_pane("coding")

    # -- keys --------------------------------------------------------------------------------

    def action_back(self) -> None:
        for pane in self.query(RecordPane):
            if pane.close_find():
                return
        self.leave_chart()

    def leave_chart(self) -> None:
        """Back to the queue: every edit is saved already (or being saved by its worker); the lock goes."""
        if self.session is None and self.account:
            self._cancel_opening()  # still opening: its lock may not be taken yet
            return
        if self.session is not None:
            session = self.session
            self.app.run_worker(session.release_lock, thread=True, group="unlock", exit_on_error=False)
        self.dismiss()

    def action_focus_search(self) -> None:
        self.action_focus_pane("search")

    def action_focus_pane(self, pane: str) -> None:
        """Show the pane (narrow terminals show one at a time) and focus it, both at once: the panes'
        display is set here (`_lay_out_panes`) and a widget need not be laid out to take focus. Focus
        moves before the next layout hides the pane left (a hidden widget holding focus would hand
        it to its neighbour), and keys typed next reach the pane focused (`4 c`)."""
        self.pane = pane
        target: Widget
        if pane == "search":
            target = self.query_one(SearchPane).input  # the input is never hidden
        elif pane == "record":
            self.query_one("#side", TabbedContent).active = "tab-record"
            target = self.query_one(RecordPane).focus_target()
        elif pane == "suggestions":
            self.pane = "record"  # the left column holds it
            side = self.query_one("#side", TabbedContent)
            if side.active != "tab-suggestions":
                self.query_one(SuggestionsPane).showing()
            side.active = "tab-suggestions"
            target = self.query_one(SuggestionsPane).focus_target()
        elif pane == "coding":
            target = self.query_one(CodingPane).focus_target()
        else:
            target = self.query_one(DrgPane)
        target.refresh()  # what Widget.focus does before it sets the focus (a call_later on the app)
        self.set_focus(target)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("reload", "keep_mine"):
            return self.conflict is not None
        if action == "workflow":
            if self.session is None:
                return False
            if parameters and parameters[0] == "reopen":
                return workflow.can_reopen(self.session.encounter)
            return not self.read_only
        return True
