"""The chart's physician queries: each with its status, question, options and answer. Enter or `a`
answers the highlighted open query, `w` withdraws it (closed without an answer), escape closes the list.
The changes themselves are `workbench.model.workflow`'s (answer_query, withdraw_query)."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from workbench.model.encounter import Query
from workbench.tui.markup import escape
from workbench.tui.screens.dialogs import ListDialog, dialog_css


def query_label(n: int, q: Query) -> str:
    head = f"[b]{n}. {q.status.upper()}[/b]  {escape(q.created or '')}  {escape(q.author or '')}".rstrip()
    lines = [head, f"   {escape(q.question)}"]
    if q.options:
        lines.append(f"   [dim]options: {escape('; '.join(q.options))}[/dim]")
    if q.status != "open":
        lines.append(f"   {'answer' if q.status == 'answered' else 'withdrawn'} {escape(q.answered)}: "
                     f"{escape(q.answer or '-')}")
    return "\n".join(lines)


class QueriesDialog(ListDialog):
    """Dismissed with ("answer" | "withdraw", position) or None (escape)."""

    DEFAULT_CSS = dialog_css("QueriesDialog", width=100, list_height=20)
    BINDINGS = [
        Binding("a", "act('answer')", "Answer", id="queries.answer"),
        Binding("w", "act('withdraw')", "Withdraw", id="queries.withdraw"),
    ]

    def __init__(self, account: str, queries: list[Query]) -> None:
        super().__init__()
        self.account, self.queries = account, queries

    def compose(self) -> ComposeResult:
        with Vertical():
            waiting = sum(q.status == "open" for q in self.queries)
            yield Static(f"[b]Physician queries[/b] of {escape(self.account)}: {len(self.queries)}, "
                         f"{waiting} open")
            if self.queries:
                yield OptionList(*[Option(query_label(n, q), id=f"q{n}")
                                   for n, q in enumerate(self.queries, 1)])
            else:
                yield Static("no queries: h holds the chart with a new one; q in the suggestions drafts one")
            yield Static("a or Enter answer   w withdraw (close without an answer)   escape close",
                         classes="hint", id="dialog-hint")

    def first_highlight(self) -> int:
        return next((i for i, q in enumerate(self.queries) if q.status == "open"), 0)

    def action_act(self, what: str) -> None:
        i = self._current()
        if i is None:
            return
        if self.queries[i].status != "open":
            self.query_one("#dialog-hint", Static).update(f"[b]query {i + 1} is {self.queries[i].status}: "
                                                          "only an open query is answered or withdrawn[/b]")
            return
        self.dismiss((what, i))

    @on(OptionList.OptionSelected)
    def _selected(self) -> None:
        self.action_act("answer")
