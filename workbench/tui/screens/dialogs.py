"""Modal dialogs. Each is a ModalScreen[result] closed with dismiss(value); escape cancels (None)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from workbench.tui.frames import PaintWhenReady
from workbench.tui.markup import escape
from workbench.tui.screens.styled import StyledOnce


def dialog_css(name: str, width: int = 70, list_height: int = 12) -> str:
    """The look every dialog shares, for the dialog class `name` (a list dialog is wider and taller)."""
    return f"""
{name} {{ align: center middle; }}
{name} > Vertical {{ width: {width}; max-width: 100%; height: auto; max-height: 100%;
    border: round $accent; background: $surface; padding: 0 1; }}
{name} .hint {{ color: $text-muted; }}
{name} OptionList {{ height: auto; max-height: {list_height}; }}
"""


NON_LEADING_OPTIONS = ("Other (please specify)", "Clinically undetermined")


class _Dialog(PaintWhenReady, StyledOnce, ModalScreen[Any]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="dialog.cancel")]

    def __init__(self) -> None:
        super().__init__()
        try:
            self.hold_paint("compose")  # one frame once it is laid out (workbench/tui/frames.py)
        except Exception:  # noqa: BLE001 - built outside a running app
            pass

    def on_mount(self) -> None:
        self.call_after_refresh(self.release_paint, "compose")

    closed = False
    """Dismissed already: an Enter typed again while the dialog closes (Enter Enter Enter) must not
    dismiss it a second time, which popped the screen below and then crashed the app."""

    def dismiss(self, result: Any = None) -> Any:
        if self.closed:
            return None
        self.closed = True
        return super().dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ListDialog(_Dialog):
    """A wide dialog around the one list the coder acts on (absent when there is nothing to list)."""

    def first_highlight(self) -> int:
        return 0

    def on_mount(self) -> None:
        for options in self.query(OptionList):
            options.highlighted = self.first_highlight()
            options.focus()

    def _current(self) -> int | None:
        for options in self.query(OptionList):
            return options.highlighted
        return None


class PoaDialog(_Dialog):
    """Ask the POA indicator of a new diagnosis: one key."""

    DEFAULT_CSS = dialog_css("PoaDialog")
    BINDINGS = [
        Binding("y", "pick('Y')", "Y yes", id="poa.y"),
        Binding("n", "pick('N')", "N no", id="poa.n"),
        Binding("u", "pick('U')", "U insufficient", id="poa.u"),
        Binding("w", "pick('W')", "W undetermined", id="poa.w"),
        Binding("e", "pick('')", "exempt", id="poa.exempt"),
    ]

    def __init__(self, code: str, title: str) -> None:
        super().__init__()
        self.code, self.title_text = code, title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(f"[b]{escape(self.code)}[/b] {escape(self.title_text)}")
            yield Static("Present on admission?\n  [b]y[/b] yes   [b]n[/b] no   [b]u[/b] documentation "
                         "insufficient\n  [b]w[/b] clinically undetermined   [b]e[/b] exempt (blank)")
            yield Static("escape: do not add", classes="hint")

    def action_pick(self, value: str) -> None:
        self.dismiss(value)


class ChoiceDialog(_Dialog):
    """Pick one of several (value, label) choices; a choice's first character also picks it."""

    DEFAULT_CSS = dialog_css("ChoiceDialog")

    def __init__(self, prompt: str, choices: list[tuple[str, str]], hint: str = "") -> None:
        super().__init__()
        self.prompt, self.choices, self.hint = prompt, choices, hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.prompt)
            yield OptionList(*[Option(f"{escape(v)}  {escape(label)}", id=f"c{i}")
                               for i, (v, label) in enumerate(self.choices)])
            yield Static(self.hint or "Enter or the character picks; escape cancels", classes="hint")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.choices[event.option_index][0])

    def on_key(self, event: Any) -> None:
        ch = (event.character or "").upper()
        for value, _ in self.choices:
            if len(value) == 1 and ch == value.upper():
                event.stop()
                self.dismiss(value)
                return


class TextDialog(_Dialog):
    """Ask one line of text (a reason, a date); `validate` returns an error message or None."""

    DEFAULT_CSS = dialog_css("TextDialog")

    def __init__(self, prompt: str, value: str = "", placeholder: str = "", required: bool = True,
                 hint: str = "Enter accepts, escape cancels") -> None:
        super().__init__()
        self.prompt, self.value, self.placeholder, self.required, self.hint = (
            prompt, value, placeholder, required, hint)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.prompt)
            yield Input(self.value, placeholder=self.placeholder)
            yield Static(self.hint, classes="hint", id="dialog-hint")

    def validate(self, value: str) -> str | None:
        return "required" if self.required and not value.strip() else None

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        problem = self.validate(event.value)
        if problem:
            self.query_one("#dialog-hint", Static).update(f"[b]{escape(problem)}[/b]")
            return
        self.dismiss(self.answer(event.value))

    def answer(self, value: str) -> str:
        """What the dialog is dismissed with, once `validate` let `value` through."""
        return value.strip()


class DateDialog(TextDialog):
    """A date (YYYY-MM-DD, or the forms `read` takes); `check` says why a well-formed date is refused
    (outside the stay)."""

    def __init__(self, prompt: str, value: str = "", *, required: bool = False,
                 check: Callable[[dt.date], str | None] | None = None,
                 read: Callable[[str], dt.date] | None = None) -> None:
        super().__init__(prompt, value, placeholder="YYYY-MM-DD", required=required,
                         hint="Enter accepts (typing replaces the date), escape cancels")
        self.check = check
        self.read = read
        """Reads what was typed (raises ValueError saying why not); the dialog answers its ISO date."""

    def _day(self, value: str) -> dt.date:
        if self.read is not None:
            return self.read(value.strip())
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(f'expected a date as YYYY-MM-DD (got "{value.strip()}")') from None

    def validate(self, value: str) -> str | None:
        if not value.strip():
            return "required" if self.required else None
        try:
            day = self._day(value)
        except ValueError as e:
            return str(e)
        return self.check(day) if self.check is not None else None

    def answer(self, value: str) -> str:
        return self._day(value).isoformat() if value.strip() else ""


class QueryDialog(_Dialog):
    """A physician query: the question and its options. 'Other' and 'Clinically undetermined' are
    always offered, so the query stays non-leading (DOMAIN.md, Queries)."""

    DEFAULT_CSS = dialog_css("QueryDialog")

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("[b]Hold with a physician query[/b]\nPresent the clinical indicators and ask; "
                         "never suggest the answer that pays more.")
            yield Input(placeholder="question, e.g. Please clarify the type of heart failure", id="question")
            yield Input(placeholder="options separated by ; e.g. acute systolic; chronic diastolic",
                        id="options")
            yield Static("Always added: " + "; ".join(NON_LEADING_OPTIONS) + ". Enter in options sends; "
                         "escape cancels.", classes="hint", id="dialog-hint")

    @on(Input.Submitted, "#question")
    def _next(self) -> None:
        self.query_one("#options", Input).focus()

    @on(Input.Submitted, "#options")
    def _send(self) -> None:
        question = self.query_one("#question", Input).value.strip()
        if not question:
            self.query_one("#dialog-hint", Static).update("[b]the query needs a question[/b]")
            self.query_one("#question", Input).focus()
            return
        options = [o.strip() for o in self.query_one("#options", Input).value.split(";") if o.strip()]
        for extra in NON_LEADING_OPTIONS:
            if not any(o.casefold().startswith(extra.split()[0].casefold()) for o in options):
                options.append(extra)
        self.dismiss((question, options))
