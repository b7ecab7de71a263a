"""A save of the open chart by another session: looked for every few seconds and when the screen comes
back, shown in a banner, then reloaded (ctrl+r) or overwritten (ctrl+t). Mixed into the encounter
screen, which provides the session, the banner and `commit`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import work

from workbench.tui.markup import escape
from workbench.tui.messages import EncounterEvaluated
from workbench.tui.screens.encounter_parts import EncounterParts

if TYPE_CHECKING:
    from workbench.model.encounter import Encounter
    from workbench.session import EncounterSession
    from workbench.store.core import StaleRevision


class SavedElsewhere(EncounterParts):
    """Mixed into EncounterScreen (which provides what is declared here and in EncounterParts)."""

    if TYPE_CHECKING:
        conflict: StaleRevision | None
        read_only: bool

        def _banner(self, text: str | None) -> None: ...

        def _show_encounter(self, enc: Encounter, focus: tuple[str, int] | None = None) -> None: ...

        def commit(self, *args: Any, **kwargs: Any) -> Any: ...  # a @work method: (enc, seq, what, ...)

    def check_saved_elsewhere(self) -> None:
        """Look for a save by another session (timer and screen resume), before the coder saves."""
        if self.session is not None and self.conflict is None and not self.read_only:
            self._look_for_save_elsewhere(self.session)

    @work(thread=True, exclusive=True, group="conflict-check", exit_on_error=False,
          description="look for a save by another session")
    def _look_for_save_elsewhere(self, session: EncounterSession) -> None:
        stale = session.saved_elsewhere()
        if stale is not None:
            self.app.call_from_thread(self._show_conflict, stale)

    def _show_conflict(self, e: StaleRevision) -> None:
        if self.conflict is not None and self.conflict.current >= e.current:
            return
        self.conflict = e
        self._banner(f"[b]Saved elsewhere:[/b] {escape(e.saved_by or 'someone')} saved revision "
                     f"{e.current} at {escape(e.saved_at)} after you opened revision {e.expected}.  "
                     "[b]ctrl+r[/b] reload theirs   [b]ctrl+t[/b] keep mine")
        self.refresh_bindings()

    def action_reload(self) -> None:
        self.conflict = None
        self._banner(None)
        self.reload_theirs()

    @work(thread=True, exclusive=True, group="open", exit_on_error=False, description="reload")
    def reload_theirs(self) -> None:
        assert self.session is not None
        stored = self.session.reload()
        self.app.call_from_thread(self._show_encounter, stored.encounter)
        self.post_message(EncounterEvaluated(self.session.evaluate(stored.encounter)))
        self.app.call_from_thread(self.notify, f"reloaded revision {stored.revision} by {stored.saved_by}")

    def action_keep_mine(self) -> None:
        if self.conflict is None or self.session is None:
            return
        current = self.conflict.current
        self.conflict = None
        self._banner(None)
        self.commit(self.session.encounter, self.session.next_seq(), "kept my version", expected=current)
