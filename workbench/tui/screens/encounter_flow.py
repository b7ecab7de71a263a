"""Moving through the work of one chart and on to the next: undo of coding edits (ctrl+z), next and
previous chart in the queue's order (`]` `[`), the what-if of a code not added yet (search, ctrl+o),
and the chart's physician queries (Q). Mixed into the encounter screen, which provides `apply`; the
rules are plain modules (`workbench.model.undo`, `workbench.model.workflow`, `workbench.drg.code_effect`,
`QueueView.neighbour`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work

from workbench.drg.code_effect import effect_of_adding
from workbench.model import workflow
from workbench.tui.markup import escape
from workbench.tui.screens.dialogs import TextDialog
from workbench.tui.screens.encounter_parts import EncounterParts
from workbench.tui.screens.queries import QueriesDialog
from workbench.tui.widgets.search.search_pane import SearchPane

if TYPE_CHECKING:
    from workbench.model.encounter import Encounter
    from workbench.model.undo import UndoHistory


class ChartFlow(EncounterParts):
    """Mixed into EncounterScreen (which provides what is declared here and in EncounterParts)."""

    if TYPE_CHECKING:
        account: str
        history: UndoHistory

        def leave_chart(self) -> None: ...

    # -- undo --------------------------------------------------------------------------------

    def action_undo(self) -> None:
        if self.session is None:
            return
        undone = self.history.undo(self.session.encounter)
        if undone is None:
            self.notify("nothing to undo", severity="information", timeout=3)
            return
        enc, notice = undone
        self.apply(enc, notice, undoable=False)
        self.notify(notice, timeout=4)

    # -- next / previous chart -----------------------------------------------------------------

    def action_next_chart(self, delta: int) -> None:
        """The next (or previous) chart in the order the queue shows (its filter and sort), left the
        way Escape leaves a chart: every edit is already saved or being saved, the lock is released."""
        queue: Any = next((s for s in self.app.screen_stack if hasattr(s, "open_account")), None)
        view = getattr(queue, "view", None)
        target = view.neighbour(self.account, delta) if view is not None else None
        if target is None:
            self.notify(f"no {'next' if delta > 0 else 'previous'} chart in the queue as filtered",
                        severity="warning", timeout=3)
            return
        self.leave_chart()
        queue.open_account(target)

    # -- what-if -------------------------------------------------------------------------------

    def on_search_pane_what_if_requested(self, message: SearchPane.WhatIfRequested) -> None:
        message.stop()
        if self.session is None:
            return
        self._what_if(self.session.encounter, message.result.system, message.result.code)

    @work(thread=True, exclusive=True, group="what-if", exit_on_error=False, description="what-if")
    def _what_if(self, enc: Encounter, system: str, code: str) -> None:
        try:
            text = effect_of_adding(self.services.drg_service(), enc, system, code).describe()
        except (ValueError, RuntimeError) as e:  # DrgInputError is a ValueError (no principal ...)
            text = f"what-if unavailable: {e}"
        self.app.call_from_thread(self.query_one(SearchPane).show_what_if, code, text)

    # -- physician queries -------------------------------------------------------------------

    def action_queries(self) -> None:
        if self.session is None:
            return
        self.app.push_screen(QueriesDialog(self.account, list(self.session.encounter.queries)),
                             self._query_chosen)

    def _query_chosen(self, choice: tuple[str, int] | None) -> None:
        if choice is None or self.session is None:
            return
        what, i = choice
        question = escape(self.session.encounter.queries[i].question[:200])
        if what == "answer":
            prompt = f"[b]Answer to query {i + 1}[/b]\n{question}\nThe physician's answer:"
            self.app.push_screen(TextDialog(prompt, placeholder="answer as documented"),
                                 lambda text: self._query_closed(i, "answer", text))
        else:
            prompt = f"[b]Withdraw query {i + 1}[/b]\n{question}\nWhy? (optional)"
            self.app.push_screen(TextDialog(prompt, placeholder="reason", required=False),
                                 lambda text: self._query_closed(i, "withdraw", text))

    def _query_closed(self, i: int, what: str, text: str | None) -> None:
        if text is None or self.session is None:
            return
        enc, day = self.session.encounter, self.services.today.isoformat()
        try:
            if what == "answer":
                new, done = workflow.answer_query(enc, i, text, day), "answered"
            else:
                new, done = workflow.withdraw_query(enc, i, day, text), "withdrawn"
        except workflow.TransitionError as e:
            self.notify(str(e), severity="warning")
            return
        self.apply(new, f"query {i + 1} {done}")
        self.action_queries()  # the list again, with the new status
