"""Help for the focused area: its help text and the keys that work there now (read from the live
bindings, so it follows the keymap in config.toml)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from workbench.presentation import hanging
from workbench.tui.keymap import BY_ID
from workbench.tui.markup import escape


def format_keys(binding: Binding) -> str:
    from textual.keys import format_key

    return " ".join(format_key(k.strip()) for k in binding.key.split(","))


def key_line(keys: str, what: str, ident: str, width: int) -> str:
    """`        esc  Back to the queue  encounter.back` (markup): the keys right-aligned in 11 cells, the
    description and the dim keymap id wrapped beside them, later lines under the description."""
    lead = f"{keys:>11}  "
    lines = hanging(lead, f"{what}  {ident}".rstrip(), width)
    out = [escape(line) for line in lines]
    out[0] = f"[b]{escape(lead)}[/b]{out[0][len(escape(lead)):]}"
    if ident:
        last = out[-1]
        at = last.rfind(escape(ident))
        out[-1] = f"{last[:at]}[dim]{escape(ident)}[/dim]"
    return "\n".join(out)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll { width: 76; max-width: 100%; height: auto; max-height: 90%;
        border: round $primary; background: $surface; padding: 0 1; }
    """
    BINDINGS = [Binding("escape,question_mark,f1,q", "app.pop_screen", "Close", id="help.close")]

    def __init__(self, focused: Widget | None, active: dict[str, object]) -> None:
        super().__init__()
        self.focused_widget = focused
        self.active = active

    def compose(self) -> ComposeResult:
        # The text's width in the box (76 wide at most, less border and padding): the key lines wrap under
        # their description, so an id never starts a line of its own at 80 columns.
        width = min(76, self.app.size.width) - 6  # and the scrollbar's 2
        lines = ["[b]Keys here[/b]"]
        seen = set()
        # Our own keys (with binding ids) first, then the widgets' built-in movement keys.
        for active in sorted(self.active.values(), key=lambda a: a.binding.id is None):  # type: ignore[attr-defined]
            binding = active.binding  # type: ignore[attr-defined]
            if (binding.action in seen or binding.action.startswith("app.pop")
                    or binding.action in getattr(active.node, "HELP_SKIPS", ())):  # type: ignore[attr-defined]
                continue
            seen.add(binding.action)
            key = BY_ID.get(binding.id or "")
            what = (key.tooltip if key else binding.tooltip) or binding.description or binding.action
            if binding.id is None:  # Textual's own "Page Left", "Focus Next": in our sentence case
                what = what[:1] + what[1:].lower()
            lines.append(key_line(format_keys(binding), what, binding.id or "", width))
        node = self.focused_widget
        helps = []
        while node is not None:
            text = getattr(type(node), "HELP", None)
            if text and text not in helps:
                title = getattr(type(node), "BINDING_GROUP_TITLE", None) or type(node).__name__
                helps.append(text)
                lines.append(f"\n[b]{escape(title)}[/b]\n{escape(text)}")
            node = node.parent if isinstance(node.parent, Widget) else None
        lines.append(escape("\nCommand palette: ctrl+p. To change a key, set its dim id in the [keymap] "
                            "section of config.toml (workbench config keys lists them). Escape closes."))
        with VerticalScroll():
            yield Static("\n".join(lines), id="help-text")
