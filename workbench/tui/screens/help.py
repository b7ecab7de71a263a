"""Help for the focused area: its help text and the keys that work there now (read from the live
bindings, so it follows the keymap in config.toml)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Static

from workbench.tui.keymap import BY_ID
from workbench.tui.markup import escape


def format_keys(binding: Binding) -> str:
    from textual.keys import format_key

    return " ".join(format_key(k.strip()) for k in binding.key.split(","))


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
        lines = ["[b]Keys here[/b]"]
        seen = set()
        # Our own keys (with binding ids) first, then the widgets' built-in movement keys.
        for active in sorted(self.active.values(), key=lambda a: a.binding.id is None):  # type: ignore[attr-defined]
            binding = active.binding  # type: ignore[attr-defined]
            if binding.action in seen or binding.action.startswith("app.pop"):
                continue
            seen.add(binding.action)
            key = BY_ID.get(binding.id or "")
            what = (key.tooltip if key else binding.tooltip) or binding.description or binding.action
            ident = f"  [dim]{binding.id}[/dim]" if binding.id else ""
            lines.append(f"[b]{escape(f'{format_keys(binding):>11}')}[/b]  {escape(what)}{ident}")
        node = self.focused_widget
        helps = []
        while node is not None:
            text = getattr(type(node), "HELP", None)
            if text and text not in helps:
                title = getattr(type(node), "BINDING_GROUP_TITLE", None) or type(node).__name__
                helps.append(text)
                lines.append(f"\n[b]{escape(title)}[/b]\n{escape(text)}")
            node = node.parent if isinstance(node.parent, Widget) else None
        lines.append("\nCommand palette: ctrl+p.  Change keys in config.toml [keymap] by the dim ids "
                     "(`workbench config keys` lists them). Escape closes.")
        with VerticalScroll():
            yield Static("\n".join(lines), id="help-text")
