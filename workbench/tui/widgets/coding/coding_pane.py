"""The coding list: diagnoses (principal first) with POA, CC/MCC badge and whether each counted,
then procedures with dates. Edits go through `workbench.model.editing` and are posted as CodingEdited."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Static

from codesets.codes import with_dot
from workbench.model import editing
from workbench.model.encounter import Encounter
from workbench.model.procedure_dates import read_day, stay_problem
from workbench.presentation import wrap
from workbench.tui.bindings import keyed
from workbench.tui.markup import update_text
from workbench.tui.messages import CodingEdited
from workbench.tui.pane_help import pane_help
from workbench.tui.widgets.table import WorkTable

if TYPE_CHECKING:
    from workbench.checks.base import Finding
    from workbench.drg.base import Grouping

COUNTED = {"counted": "yes", "excluded": "excl", "hac": "HAC", "no_cc": "", "principal": "",
           "invalid": "inv"}
DX_ACTIONS = {"make_principal", "poa"}
# (header, key, width) of the fixed columns; each width holds its longest value plus one space, and
# the title takes the rest of the pane (at least MIN_TITLE) and wraps onto as many lines as it needs.
DX_COLUMNS = (("", "mark", 4), ("Code", "code", 9), ("POA", "poa", 4), ("Sev", "sev", 4),
              ("Cnt", "counted", 5))
PX_COLUMNS = (("", "mark", 4), ("Code", "code", 8), ("Date", "date", 11), ("O.R.", "or", 6))
MIN_TITLE = 20


def _finding_text(findings: list[Finding]) -> str:
    return "; ".join(f"{f.severity}: {f.message}" for f in findings)


def _wrapped(title: str, finding: str, width: int) -> tuple[Text, int]:
    """The whole title wrapped to `width` (never cut: the deciding word may be the last one), then
    the check findings in italics; with the number of lines the row needs."""
    lines = wrap(title, width)
    out = Text("\n".join(lines), no_wrap=True)
    height = len(lines)
    if finding:
        more = wrap(finding, width)
        out.append("\n").append("\n".join(more), style="italic")
        height += len(more)
    return out, height


_Row = tuple[str, tuple["str | Text", ...], int]
"""A table row: its key, its cells (one per column) and its height in lines."""


def _sync_rows(table: WorkTable, shown: list[_Row], rows: list[_Row],
               columns: tuple[tuple[str, str, int], ...]) -> None:
    """Make `table` show `rows` where it shows `shown`: the cells that changed are updated in place
    (an edit's regrouping changes a badge or two), and rows are rebuilt only from the first one added,
    removed or of another height. A clear and a refill re-measured every row, laid the pane out again
    and moved the cursor back to the top and down again (the screen did it twice per edit). When most
    rows change (a new principal renumbers them all) the table is refilled: cheaper than cell by cell."""
    keys = [key for _label, key, _w in columns] + ["title"]
    same = 0
    for old, new in zip(shown, rows, strict=False):
        if old[0] != new[0] or old[2] != new[2]:
            break
        same += 1
    changed = [(new[0], column, after)
               for old, new in zip(shown[:same], rows[:same], strict=True)
               for column, before, after in zip(keys, old[1], new[1], strict=True) if before != after]
    rebuilt = len(shown) - same + len(rows) - same
    if len(changed) + rebuilt > max(2, len(rows)):
        table.clear()
        same, changed = 0, []
        shown = []
    for row_key, column, value in changed:
        table.update_cell(row_key, column, value)
    for key, _cells, _height in shown[same:]:
        table.remove_row(key)
    for key, cells, height in rows[same:]:
        table.add_row(*cells, key=key, height=height)


class CodingPane(Vertical, can_focus=False):
    BINDINGS, BINDING_GROUP_TITLE = keyed("coding")
    HELP = pane_help("coding")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.encounter: Encounter | None = None
        self.read_only = False
        self.title_width = {"dx": 0, "px": 0}
        self._last: tuple[Any, ...] | None = None
        self._shown: tuple[Any, ...] | None = None
        self._rows: dict[str, list[_Row]] = {"dx": [], "px": []}
        """Each table's rows as shown: (key, cells, height)."""

    def compose(self) -> ComposeResult:
        yield Static("Diagnoses", classes="pane-title", id="dx-title")
        yield WorkTable(id="dx", cell_padding=0)
        yield Static("Procedures", classes="pane-title", id="px-title")
        yield WorkTable(id="px", cell_padding=0)

    def on_mount(self) -> None:
        self._set_columns({"dx": MIN_TITLE, "px": MIN_TITLE})

    def on_resize(self) -> None:
        if len(self.query(WorkTable)) < 2:
            return  # a late resize of a screen being taken down (its tables went first)
        self._set_columns({name: max(MIN_TITLE, self.size.width - 2 - sum(w for *_, w in columns))
                           for name, columns in (("dx", DX_COLUMNS), ("px", PX_COLUMNS))})  # 2: scrollbar

    def _set_columns(self, widths: dict[str, int]) -> None:
        """Fixed code columns, and titles as wide as the pane allows (re-laid out on resize)."""
        if widths == self.title_width:
            return
        self.title_width = widths
        for name, columns in (("dx", DX_COLUMNS), ("px", PX_COLUMNS)):
            width = widths[name]
            table = self.query_one(f"#{name}", WorkTable)
            table.clear(columns=True)
            self._rows[name] = []
            for label, key, w in columns:
                table.add_column(label, key=key, width=w)
            table.add_column("Title", key="title", width=width)
        self._shown = None
        if self._last is not None:
            self.show(*self._last)

    def show(self, enc: Encounter, grouping: Grouping | None = None, findings: list[Finding] | None = None,
             title_of: Callable[[str, str], str] | None = None, focus: tuple[str, int] | None = None) -> None:
        """Show the coding of `enc`, annotated with the grouping's per-code results when given."""
        self.encounter = enc
        self._last = (enc, grouping, findings, title_of, None)
        # The screen shows the coding when it changes and again when its regrouping is in: the
        # tables change only where what they show changed (`_sync_rows`).
        titles = None
        if title_of is not None:
            titles = ([title_of("CM", d.code) for d in enc.diagnoses],
                      [title_of("PCS", p.code) for p in enc.procedures])
        shown = (enc.diagnoses, enc.procedures, grouping, findings, titles, self.title_width)
        if shown == self._shown:
            if focus is not None:
                self.query_one(f"#{focus[0]}", WorkTable).move_cursor_to_row(focus[1])
            return
        self._shown = shown
        width = self.title_width["dx"] or MIN_TITLE
        title_of = title_of or (lambda system, code: "")
        by_code: dict[str, list[Finding]] = {}
        for f in findings or []:
            for code in f.codes:
                by_code.setdefault(code.replace(".", "").upper(), []).append(f)
        dx_results = grouping.diagnoses if grouping is not None else []
        dx_rows: list[_Row] = []
        for i, d in enumerate(enc.diagnoses):
            res = dx_results[i] if i < len(dx_results) and dx_results[i].code == d.code else None
            level = res.level if res else ""
            sev = Text(level if level in ("CC", "MCC") else "", style="bold" if level == "MCC" else "")
            counted = COUNTED.get(res.status, "") if res else ""
            if i == 0:
                counted = "PDX"  # the principal's own CC/MCC level never counts for severity
            elif res is not None and res.drove and res.status == "counted":
                # The grouper marks a HAC code it set aside as used too: that one says HAC.
                counted = "yes*"
            found = by_code.get(d.code, [])
            title, height = _wrapped(title_of("CM", d.code), _finding_text(found), width)
            dx_rows.append((f"dx{i}", ("!" if found else ("PDX" if i == 0 else f"{i:>3}"), with_dot(d.code),
                                       d.poa or "-", sev, counted, title), height))
        width = self.title_width["px"] or MIN_TITLE
        px_results = grouping.procedures if grouping is not None else []
        px_rows: list[_Row] = []
        for i, p in enumerate(enc.procedures):
            pres = px_results[i] if i < len(px_results) and px_results[i].code == p.code else None
            is_or = ("O.R.*" if pres.drove else "O.R.") if pres is not None and pres.is_or else ""
            found = by_code.get(p.code, [])
            title, height = _wrapped(title_of("PCS", p.code), _finding_text(found), width)
            px_rows.append((f"px{i}", ("!" if found else f"{i + 1:>3}", p.code,
                                       p.date.isoformat() if p.date else "", is_or, title), height))
        dx = self.query_one("#dx", WorkTable)
        px = self.query_one("#px", WorkTable)
        keep, keep_px = dx.cursor_row, px.cursor_row
        _sync_rows(dx, self._rows["dx"], dx_rows, DX_COLUMNS)
        _sync_rows(px, self._rows["px"], px_rows, PX_COLUMNS)
        self._rows = {"dx": dx_rows, "px": px_rows}
        none_yet = "" if enc.diagnoses else "  none yet: / to search"
        update_text(self.query_one("#dx-title", Static), f"Diagnoses ({len(enc.diagnoses)}){none_yet}")
        update_text(self.query_one("#px-title", Static), f"Procedures ({len(enc.procedures)})")
        if focus is not None:
            table = dx if focus[0] == "dx" else px
            table.move_cursor_to_row(focus[1])
        else:
            dx.move_cursor_to_row(keep)
            px.move_cursor_to_row(keep_px)

    focus_kind: str | None = None
    """The list ("dx" or "px") focus_target gives next (after an add), else the diagnoses."""

    def focus_target(self) -> WorkTable:
        """The list focus goes to when the coder moves to this pane."""
        kind, self.focus_kind = self.focus_kind, None
        if kind in ("dx", "px"):
            return self.query_one(f"#{kind}", WorkTable)
        dx = self.query_one("#dx", WorkTable)
        return dx if dx.row_count or not self.query_one("#px", WorkTable).row_count else \
            self.query_one("#px", WorkTable)

    def on_work_table_past_end(self, message: WorkTable.PastEnd) -> None:
        """Down from the last diagnosis moves into the procedures (onto the first), Up from the first
        procedure back onto the last diagnosis: the two lists read as one."""
        message.stop()
        target = {("dx", 1): "px", ("px", -1): "dx"}.get((message.table.id or "", message.delta))
        if target is None:
            return
        table = self.query_one(f"#{target}", WorkTable)
        if not table.row_count:
            return
        table.move_cursor_to_row(0 if message.delta > 0 else table.row_count - 1)
        table.focus()

    # -- what is selected ------------------------------------------------------------------

    def _selection(self) -> tuple[str, int] | None:
        focused = self.screen.focused
        for name in ("dx", "px"):
            table = self.query_one(f"#{name}", WorkTable)
            if focused is table and table.row_count:
                return name, table.cursor_row
        return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        sel = self._selection()
        if action in ("make_principal", "poa", "remove_code", "move", "edit_date"):
            if self.read_only or sel is None:
                return False
            if action == "edit_date" and sel[0] != "px":
                return False
            if action in DX_ACTIONS and sel[0] != "dx":
                return False
        return True

    def _post(self, enc: Encounter, what: str, focus: tuple[str, int] | None) -> None:
        # The next key may arrive before the screen shows this edit: it must build on this one.
        self.encounter = enc
        if focus is not None:
            self.query_one(f"#{focus[0]}", WorkTable).move_cursor_to_row(focus[1])
        self.post_message(CodingEdited(enc, what, focus))

    # -- actions ---------------------------------------------------------------------------

    def action_make_principal(self) -> None:
        sel, enc = self._selection(), self.encounter
        if sel is None or enc is None or sel[0] != "dx" or sel[1] == 0:
            return
        code = enc.diagnoses[sel[1]].code
        self._post(editing.make_principal(enc, sel[1]), f"{with_dot(code)} made principal", ("dx", 0))

    def action_remove_code(self) -> None:
        sel, enc = self._selection(), self.encounter
        if sel is None or enc is None:
            return
        kind, i = sel
        if kind == "dx":
            code = with_dot(enc.diagnoses[i].code)
            new = editing.remove_diagnosis(enc, i)
        else:
            code = enc.procedures[i].code
            new = editing.remove_procedure(enc, i)
        self._post(new, f"{code} removed", (kind, i))
        self.notify(f"{code} removed: ctrl+z puts it back", timeout=4)

    def action_move(self, delta: int) -> None:
        sel, enc = self._selection(), self.encounter
        if sel is None or enc is None:
            return
        kind, i = sel
        if kind == "dx":
            new, target = editing.move_diagnosis(enc, i, delta)
        else:
            new, target = editing.move_procedure(enc, i, delta)
        if target != i:
            self._post(new, "moved " + ("up" if delta < 0 else "down"), (kind, target))

    def action_edit_date(self) -> None:
        sel, enc = self._selection(), self.encounter
        if sel is None or enc is None or sel[0] != "px":
            return
        i = sel[1]
        p = enc.procedures[i]
        from workbench.tui.screens.dialogs import DateDialog

        def picked(day: str | None) -> None:
            current = self.encounter
            if day is None or current is None or i >= len(current.procedures):
                return
            try:
                new = editing.set_procedure_date(current, i, dt.date.fromisoformat(day) if day else None)
            except editing.EditError as e:
                self.notify(str(e), severity="warning")
                return
            self._post(new, f"date of {p.code} set to {day or 'unknown'}", ("px", i))

        self.app.push_screen(DateDialog(f"[b]{p.code}[/b] date performed (blank if unknown)",
                                        p.date.isoformat() if p.date else "",
                                        check=functools.partial(stay_problem, enc),
                                        read=functools.partial(read_day, enc)), picked)

    def action_poa(self, value: str) -> None:
        sel, enc = self._selection(), self.encounter
        if sel is None or enc is None or sel[0] != "dx":
            return
        i = sel[1]
        if enc.diagnoses[i].poa != value:
            self._post(editing.set_poa(enc, i, value),
                       f"POA of {with_dot(enc.diagnoses[i].code)} set to {value or 'exempt'}", ("dx", i))
