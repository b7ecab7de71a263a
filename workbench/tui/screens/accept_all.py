"""Review before accepting every supported suggestion at once (A in the suggestions pane): one line per
code, each ticked; space unticks (or ticks again), y n u w e set the highlighted diagnosis's POA, Enter
adds the ticked codes, escape adds nothing. What is added is `workbench.record.accepting`'s."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workbench.presentation import count_words, hanging
from workbench.record.accepting import Pick
from workbench.tui.screens.dialogs import ListDialog, dialog_css
from workbench.tui.widgets.labels import list_width


class AcceptAllDialog(ListDialog):
    """Dismissed with the picks (their `keep` and `poa` as the coder left them) or None."""

    DEFAULT_CSS = dialog_css("AcceptAllDialog", width=100, list_height=18)
    BINDINGS = [
        Binding("space", "tick", "Tick/untick", id="acceptall.toggle"),
        Binding("enter,ctrl+s", "confirm", "Add ticked", id="acceptall.confirm", priority=True),
        Binding("y", "poa('Y')", "POA Y", id="acceptall.poa_y"),
        Binding("n", "poa('N')", "POA N", id="acceptall.poa_n"),
        Binding("u", "poa('U')", "POA U", id="acceptall.poa_u"),
        Binding("w", "poa('W')", "POA W", id="acceptall.poa_w"),
        Binding("e", "poa('')", "POA exempt", id="acceptall.poa_exempt"),
    ]

    def __init__(self, picks: list[Pick]) -> None:
        super().__init__()
        self.picks = picks

    def compose(self) -> ComposeResult:
        with Vertical():
            guessed = any(p.suggestion.date_guess for p in self.picks)
            many = count_words(len(self.picks), "supported suggestion")
            yield Static(f"[b]Accept {many}?[/b] Each is stated in the "
                         "record; untick what the record does not support for this stay."
                         + ("\nA date with ? is its note's date: the record does not say the day it was "
                            "done (check it; d changes it in the coding list)." if guessed else ""))
            yield OptionList(*[Option(self._prompt(p)) for p in self.picks], id="picks")
            yield Static("space tick/untick   y n u w e POA of the highlighted diagnosis   "
                         "Enter add the ticked codes   escape add nothing", classes="hint", id="dialog-hint")

    def _prompt(self, pick: Pick) -> Text:
        """The pick's line, its whole title wrapped under the title's first word (not under the tick)."""
        width = list_width(self.query_one("#picks", OptionList), fallback=94) if self.is_mounted else 94
        return Text("\n".join(hanging(pick.lead, pick.suggestion.title, width)))

    def _redraw(self, i: int) -> None:
        self.query_one("#picks", OptionList).replace_option_prompt_at_index(i, self._prompt(self.picks[i]))

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self._redraw_all)  # at the list's laid-out width

    def on_resize(self) -> None:
        self.call_after_refresh(self._redraw_all)

    def _redraw_all(self) -> None:
        for i in range(len(self.picks)):
            self._redraw(i)

    def action_tick(self) -> None:
        i = self._current()
        if i is not None:
            self.picks[i].keep = not self.picks[i].keep
            self._redraw(i)

    def action_poa(self, value: str) -> None:
        i = self._current()
        if i is not None and self.picks[i].suggestion.system == "CM":
            self.picks[i].poa = value
            self._redraw(i)

    def action_confirm(self) -> None:
        self.dismiss(self.picks)
