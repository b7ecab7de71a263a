"""The workflow keys of the encounter screen: start, hold with a physician query, mark coded, finalize,
reopen. The status changes themselves are `workbench.model.workflow`'s; this mixin asks the coder
what they need (the query, the reason) and hands the changed encounter to the screen's `apply`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.model import workflow
from workbench.model.encounter import Query
from workbench.session import blocking_reasons
from workbench.tui.markup import escape
from workbench.tui.screens.dialogs import ChoiceDialog, QueryDialog, TextDialog
from workbench.tui.screens.encounter_parts import EncounterParts

if TYPE_CHECKING:
    from workbench.session import CommitResult


class WorkflowKeys(EncounterParts):
    """Mixed into EncounterScreen (which provides what is declared here and in EncounterParts)."""

    if TYPE_CHECKING:
        last: CommitResult | None

        def _banner(self, text: str | None) -> None: ...

        def _set_read_only(self, why: str | None) -> None: ...

    def action_workflow(self, kind: str) -> None:
        if self.session is None:
            return
        enc = self.session.encounter
        me = self.services.coder
        if kind in ("start", "coded"):
            new = workflow.start(enc, me) if kind == "start" else workflow.mark_coded(enc, me)
            what = "started" if kind == "start" else "marked coded"
            warning = workflow.move_warning(enc, new.status)
            if warning is None:
                self.apply(new, what)
                return

            def answered(choice: str | None) -> None:
                if choice == "Y":
                    self.apply(new, what)
                elif choice == "Q":
                    self.call_later(self.run_action, "queries")

            self.app.push_screen(ChoiceDialog(escape(warning), [
                ("Y", f"yes, {what} (the query stays open)"), ("Q", "show the queries (answer or withdraw)")],
                hint="escape: leave the status as it is"), answered)
        elif kind == "hold":
            self.app.push_screen(QueryDialog(), self._hold)
        elif kind == "final":
            self._finalize()
        elif kind == "reopen":
            if not workflow.can_reopen(enc):
                self.notify("only a coded or final encounter is reopened", severity="warning")
                return
            self.app.push_screen(TextDialog("Reopen: why? (kept in the audit trail)",
                                            placeholder="reason"), self._reopen)

    def _hold(self, answer: tuple[str, list[str]] | None) -> None:
        if answer is None or self.session is None:
            return
        question, options = answer
        enc = self.session.encounter
        query = Query(question, options, author=self.services.coder, created=self.services.today.isoformat())
        self.apply(workflow.hold(enc, query), "on hold with a physician query")

    def _reopen(self, reason: str | None) -> None:
        if reason and self.session is not None:
            if self.session.encounter.status == "final":
                self._set_read_only(None)
            self.apply(workflow.reopen(self.session.encounter), "reopened", reason=reason)

    def _finalize(self) -> None:
        assert self.session is not None
        enc = self.session.encounter
        if enc.status == "final":
            self.notify("already final", severity="information")
            return
        last = self.last
        reasons = blocking_reasons(enc, last.preview if last else None, last.findings if last else [])
        if last is None or (last.preview is None and not last.error):
            reasons.append("the DRG is not computed yet")
        if reasons:
            self.app.bell()  # the banner says why; a toast would cover the coding list at 80x24
            self._banner("[b]Finalize refused:[/b] " + escape("; ".join(reasons)))
            return
        self._banner(None)
        steps = workflow.finalize_steps(enc, self.services.coder)
        if len(steps) == 2:
            self.apply(steps[0], "finalized", then=steps[1])
            self.session.encounter = steps[1]
        else:
            self.apply(steps[0], "finalized")
