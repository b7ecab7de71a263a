"""The ICD-10-PCS code builder: one table, one column per remaining axis, the code assembling as values
are picked. Returns the complete code (the encounter screen then asks its date and adds it) or None.

Keys: up/down move in a column, Enter (or the value's character) picks it and moves on, left/right or
tab move between axes, backspace clears the last choice, Enter on a complete code (or ctrl+s) adds it,
escape closes. All table logic is codesets.pcs.builder; this screen only shows it.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from codesets.pcs.builder import PrefixError, TableView, build_view
from codesets.pcs.keys import PcsKeys
from workbench.tui.bindings import keyed
from workbench.tui.markup import escape
from workbench.tui.pane_help import pane_help

VALUE_CHARS = set("0123456789abcdefghjklmnpqrstuvwxyz")


class PcsBuilderScreen(ModalScreen[str | None]):
    """Build a PCS code from a table prefix (3-7 characters)."""

    BINDINGS, BINDING_GROUP_TITLE = keyed("builder")
    HELP = pane_help("builder")
    DEFAULT_CSS = """
    PcsBuilderScreen { align: center middle; }
    PcsBuilderScreen > #builder { width: 100%; height: 100%; border: round $accent; background: $surface;
        padding: 0 1; }
    PcsBuilderScreen #builder-head { height: auto; max-height: 4; }
    PcsBuilderScreen #builder-code { height: 1; text-style: bold; }
    PcsBuilderScreen #builder-axes { height: 1fr; }
    PcsBuilderScreen .axis { width: 1fr; height: 100%; }
    PcsBuilderScreen .axis-title { height: 1; color: $text-muted; }
    PcsBuilderScreen .axis:focus-within .axis-title { color: $accent; text-style: bold; }
    PcsBuilderScreen OptionList { height: 1fr; }
    PcsBuilderScreen #builder-detail { height: auto; max-height: 4; color: $text-muted; }
    """

    def __init__(self, release: Any, prefix: str) -> None:
        super().__init__()
        self.release = release
        self.keys = PcsKeys.for_release(release)
        self.view: TableView = build_view(release, prefix, self.keys)
        """The table with the characters chosen so far (raises PrefixError for a bad prefix)."""
        self.axis = min(self.view.next_position or 7, 7) - 4
        """The column (0-3: body part, approach, device, qualifier) that has focus."""

    @property
    def prefix(self) -> str:
        return self.view.prefix

    def compose(self) -> ComposeResult:
        with Vertical(id="builder"):
            yield Static(id="builder-head")
            yield Static(id="builder-code")
            with Horizontal(id="builder-axes"):
                for i in range(4):
                    with Vertical(classes="axis"):
                        yield Static(classes="axis-title", id=f"axis-title-{i}")
                        yield OptionList(id=f"axis-{i}")
            yield Static(id="builder-detail")
        yield Footer()

    def on_mount(self) -> None:
        self._refresh()
        self._list(self.axis).focus()

    def _list(self, i: int) -> OptionList:
        return self.query_one(f"#axis-{i}", OptionList)

    def _refresh(self) -> None:
        v = self.view
        head = (f"[b]{v.table}[/b] {escape(v.section)} / {escape(v.body_system)} / "
                f"[b]{escape(v.operation)}[/b]")
        if v.definition:
            head += f"\n[dim]{escape(v.operation)}: {escape(v.definition)}[/dim]"
        self.query_one("#builder-head", Static).update(head)
        code = v.prefix + "_" * (7 - len(v.prefix))
        if v.code:
            status = escape(v.title or "(no title in this release)") + "   [dim]Enter adds[/dim]"
        else:
            status = f"[dim]choose the {v.axes[len(v.prefix) - 3].name}[/dim]"
        self.query_one("#builder-code", Static).update(f"Code {code}  {status}")
        for i, axis in enumerate(v.axes):
            title = f"{axis.position} {axis.name}" + (f" = {axis.chosen}" if axis.chosen else "")
            self.query_one(f"#axis-title-{i}", Static).update(title)
            options = self._list(i)
            keep = options.highlighted
            options.clear_options()
            for val in axis.values:
                mark = "▶" if val.value == axis.chosen else " "
                options.add_option(Option(Text.assemble(mark, (val.value, "bold"), " ", val.meaning)))
            chosen = next((n for n, val in enumerate(axis.values) if val.value == axis.chosen), None)
            if chosen is not None:
                options.highlighted = chosen
            elif axis.values:
                options.highlighted = keep if keep is not None and keep < len(axis.values) else 0
        self._show_detail()

    def _show_detail(self) -> None:
        axis = self.view.axes[self.axis]
        i = self._list(self.axis).highlighted
        if i is None or not 0 <= i < len(axis.values):
            self.query_one("#builder-detail", Static).update("")
            return
        val = axis.values[i]
        text = f"[b]{val.value}[/b] {escape(val.meaning)}"
        if val.key_terms:
            label = "Body Part Key" if self.axis == 0 else "Device Key"
            text += f"  [dim]{label}: {escape(', '.join(val.key_terms[:8]))}" + \
                    (f" +{len(val.key_terms) - 8}" if len(val.key_terms) > 8 else "") + "[/dim]"
        self.query_one("#builder-detail", Static).update(text)

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._show_detail()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        i = int((event.option_list.id or "axis-0").rsplit("-", 1)[1])
        axis = self.view.axes[i]
        if 0 <= event.option_index < len(axis.values):
            value = axis.values[event.option_index].value
            if self.view.code and axis.chosen == value:
                self.action_add()
            else:
                self.pick(i, value)

    def on_descendant_focus(self, event: Any) -> None:
        wid = getattr(event.widget, "id", "") or ""
        if wid.startswith("axis-"):
            self.axis = int(wid.rsplit("-", 1)[1])
            self._show_detail()

    def pick(self, axis: int, value: str) -> bool:
        """Choose `value` for column `axis` (0-3); later choices are dropped. False when not allowed."""
        prefix = self.view.prefix
        if axis > len(prefix) - 3:  # an earlier axis is still open
            self.notify(f"choose the {self.view.axes[len(prefix) - 3].name} first", severity="warning")
            return False
        try:
            self.view = build_view(self.release, prefix[: 3 + axis] + value, self.keys)
        except PrefixError as e:
            self.notify(str(e), severity="warning")
            return False
        self._refresh()
        self.axis = min(axis + 1, 3)
        self._list(self.axis).focus()
        return True

    def on_key(self, event: Any) -> None:
        ch = (event.character or "").lower()
        if len(ch) == 1 and ch in VALUE_CHARS:
            event.stop()
            event.prevent_default()
            self.pick(self.axis, ch.upper())

    def action_move_axis(self, delta: int) -> None:
        self.axis = max(0, min(3, self.axis + delta))
        self._list(self.axis).focus()

    def action_undo(self) -> None:
        if len(self.view.prefix) > 3:
            self.view = build_view(self.release, self.view.prefix[:-1], self.keys)
            self._refresh()
            self.axis = len(self.view.prefix) - 3
            self._list(self.axis).focus()

    def action_add(self) -> None:
        if self.view.code and self.view.title:
            self.dismiss(self.view.code)
        elif self.view.code:
            self.notify(f"{self.view.code} is not a code of release {getattr(self.release, 'id', '?')}",
                        severity="warning")
        else:
            axis = self.view.axes[len(self.view.prefix) - 3].name
            self.notify(f"choose the {axis} first", severity="warning")

    def action_cancel(self) -> None:
        self.dismiss(None)
