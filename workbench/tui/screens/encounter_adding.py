"""Adding codes to the encounter: a code picked in the search or the suggestions asks what it needs
(the 7th character, POA, the procedure's date from the note that documents it), then goes through
`workbench.model.editing`. Mixed into the encounter screen, which provides `apply`.
"""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING

from codesets.codes import with_dot
from codesets.pcs.builder import PrefixError
from codesets.release.poa_categories import exemption
from workbench.model import editing, procedure_dates
from workbench.tui.markup import escape
from workbench.tui.screens.dialogs import ChoiceDialog, DateDialog, PoaDialog
from workbench.tui.screens.encounter_parts import EncounterParts
from workbench.tui.screens.pcs_builder import PcsBuilderScreen
from workbench.tui.widgets.coding.coding_pane import CodingPane
from workbench.tui.widgets.search.search_pane import SearchPane, picked
from workbench.tui.widgets.suggestions.suggestions_pane import SuggestionsPane

if TYPE_CHECKING:
    from codesets.release.core import Release


class AddingCodes(EncounterParts):
    """Mixed into EncounterScreen (which provides what is declared here and in EncounterParts)."""

    if TYPE_CHECKING:
        release: Release | None
        read_only: bool
        _add_origin: str

        def title_of(self, system: str, code: str) -> str: ...

        def action_focus_pane(self, pane: str) -> None: ...

    # -- search -> coding --------------------------------------------------------------------

    # A handler by name: Textual's @on registers only methods written in the screen class itself.
    def on_search_pane_code_picked(self, message: SearchPane.CodePicked) -> None:
        message.stop()
        try:
            self._code_picked(message)
        finally:
            picked(self.app)  # the dialog it asks with is on the stack now: the keys typed ahead go to it

    def _code_picked(self, message: SearchPane.CodePicked) -> None:
        r = message.result
        # Where focus goes after the add: back to the suggestions list when the code came from it.
        self._add_origin = "suggestions" if isinstance(message.origin, SuggestionsPane) else "coding"
        if self.read_only or self.session is None:
            self.notify("read-only: this encounter is open in another session", severity="warning")
            return
        if r.system == "PCS":
            if not r.billable:  # a table or prefix row: build the code from it
                self._open_builder(r.code)
                return
            self._ask_procedure_date(r.code, r.title, getattr(r, "evidence_text", ""),
                                     getattr(r, "evidence_note", ""))
            return
        if r.billable:
            if self._add_origin == "suggestions" and self._poa_exempt(r.code):
                # Reported blank (the CMS list, else Appendix I's categories), as accept-all offers it:
                # no question, so `a y` typed out of habit cannot give it a Y (the `y` does nothing in
                # the list). A POA wanted anyway is set in the coding list.
                self._add_diagnosis(r.code, "")
                return
            self._ask_poa(r.code, r.title)
            return
        options = editing.seventh_options(self.release, r.code) if self.release is not None else []
        if not options:
            self.notify(f"{r.display} is not billable: pick a more specific code", severity="warning")
            return
        self.app.push_screen(
            ChoiceDialog(f"[b]{escape(r.display)}[/b] {escape(r.title)}\n7th character:", options),
            lambda ch: self._seventh_picked(r.code, ch))

    def on_search_pane_build_requested(self, message: SearchPane.BuildRequested) -> None:
        message.stop()
        self._add_origin = "coding"
        self._open_builder(message.prefix)

    def _open_builder(self, prefix: str) -> None:
        if self.read_only or self.session is None:
            self.notify("read-only: this encounter is open in another session", severity="warning")
            return
        try:
            screen = PcsBuilderScreen(self.release, prefix)
        except PrefixError as e:
            self.notify(str(e), severity="warning")
            return
        self.app.push_screen(screen, self._built)

    def _built(self, code: str | None) -> None:
        if code:
            self._ask_procedure_date(code, self.title_of("PCS", code))

    def _ask_procedure_date(self, code: str, title: str, text: str = "", note: str = "") -> None:
        """The date box for a PCS code; `text`, the sentence it was suggested from (in a note dated
        `note`), gives the date written with it or said in words ("POD 2"); a date there outside the
        stay is named, not offered; a date the record does not give is offered as a guess, and says so."""
        if self.session is None:
            return
        enc = self.session.encounter
        day, guess = procedure_dates.date_offer(enc, title, self.services.today, text, note)
        outside = procedure_dates.written_date(enc, text)[1] if day is None else None
        if outside:
            source = f"the note says {outside}, outside the stay: type the date"
        elif day is None and text:
            source = "the note's day for it falls outside the stay: type the date"
        elif guess:
            source = "[b]a guess[/b]: the record does not say the day it was done; check it, blank if unknown"
        else:
            source = "from the note that documents it; blank if unknown"
        self.app.push_screen(DateDialog(f"[b]{code}[/b] {escape(title)}\nDate performed "
                                        f"({source})", day.isoformat() if day else "",
                                        check=functools.partial(procedure_dates.stay_problem, enc),
                                        read=functools.partial(procedure_dates.read_day, enc)),
                             lambda d: self._add_procedure(code, d))

    def _seventh_picked(self, code: str, ch: str | None) -> None:
        if not ch:
            return
        full = editing.seventh_character_code(code, ch)
        self._ask_poa(full, self.title_of("CM", full))

    def _poa_exempt(self, code: str) -> bool:
        return self.release is not None and exemption(code, self.release.id).exempt

    def _ask_poa(self, code: str, title: str) -> None:
        self.app.push_screen(PoaDialog(with_dot(code), title), lambda poa: self._add_diagnosis(code, poa))

    def _add_diagnosis(self, code: str, poa: str | None) -> None:
        if poa is None or self.session is None:
            return
        try:
            enc, i = editing.add_diagnosis(self.session.encounter, code, poa)
        except editing.EditError as e:
            self.notify(str(e), severity="warning")
            return
        self._after_add("dx")
        self.apply(enc, f"{with_dot(code)} added", ("dx", i))

    def _add_procedure(self, code: str, day: str | None) -> None:
        if day is None or self.session is None:
            return
        try:
            enc, i = editing.add_procedure(self.session.encounter, code,
                                           dt.date.fromisoformat(day) if day else None)
        except editing.EditError as e:
            self.notify(str(e), severity="warning")
            return
        self._after_add("px")
        self.apply(enc, f"{code} added", ("px", i))

    def _after_add(self, kind: str) -> None:
        """Out of the search box (so `3`, `/` and the coding keys work at once): onto the new code
        in the coding list, or back to the suggestions list when the code came from it."""
        search = self.query_one(SearchPane)
        search.input.value = ""
        if getattr(self, "_add_origin", "coding") == "suggestions":
            self.action_focus_pane("suggestions")
        else:
            self.query_one(CodingPane).focus_kind = kind
            self.action_focus_pane("coding")

