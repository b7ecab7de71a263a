"""Accept all supported suggestions at once: which suggestions qualify, and the encounter with the ones
the coder kept after the review (each diagnosis with the POA the review shows).

"Supported" means the record states the condition (kind "code"); suggestive wording (kind "query") is
never accepted in bulk: it is a physician query at most (Official Guidelines, Section III and II.H).
Plain Python: the suggestions pane's review dialog and the tests call it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass

from codesets.codes import with_dot
from codesets.release.poa_categories import exemption
from workbench.model.encounter import MAX_DIAGNOSES, MAX_PROCEDURES, POA_VALUES, Encounter
from workbench.model.procedure_dates import date_offer
from workbench.record.suggest import Suggestion, accept

DEFAULT_POA = "Y"
"""Offered for each diagnosis in the review, where the coder changes it before confirming."""


@dataclass(slots=True)
class Pick:
    """One line of the review: the suggestion, whether it is kept, and its POA (diagnoses)."""

    suggestion: Suggestion
    keep: bool = True
    poa: str = DEFAULT_POA

    @property
    def lead(self) -> str:
        """The tick, code and POA (or date) columns, one width for every line, so the titles line up
        beside them and a long title wraps under its own first word."""
        s = self.suggestion
        # "?": the note's date, kept because the record says no day for it (the coder checks it)
        when = f"on {s.date[:10]}{'?' if s.date_guess else ''}" if s.date else "no date"
        poa = f"POA {self.poa or 'exempt'}" if s.system == "CM" else when
        return f"[{'x' if self.keep else ' '}] {with_dot(s.code, s.system):9} {poa:14} "

    @property
    def label(self) -> str:
        return self.lead + self.suggestion.title


def supported(suggestions: list[Suggestion], enc: Encounter | None = None,
              today: dt.date | None = None, release: str = "") -> list[Pick]:
    """The review list: every suggestion the record states outright, in the pane's order. With `enc`, a
    procedure takes the date the date box offers when it is added alone (procedure_dates.date_offer:
    the note that documents it), not the date of the note its sentence was read in (a discharge summary
    names every procedure of the stay on its own date). With `release` (its id), a diagnosis in a POA-exempt
    category is offered blank, not Y (UB-04 POA guidelines: exempt codes are reported blank)."""
    picks = []
    for s in suggestions:
        if s.kind != "code":
            continue
        if s.system == "PCS" and enc is not None:
            note = enc.documents[s.evidence.document].date if s.evidence.document < len(enc.documents) else ""
            day, guess = date_offer(enc, s.title, today or dt.date.today(), s.evidence.text, note or "")
            s = dataclasses.replace(s, date=day.isoformat() if day else "",
                                    date_guess=guess and day is not None)
        exempt = s.system == "CM" and bool(release) and exemption(s.code, release).exempt
        picks.append(Pick(s, poa=DEFAULT_POA if s.system == "CM" and not exempt else ""))
    return picks


def accept_picks(enc: Encounter, picks: list[Pick]) -> tuple[Encounter, list[str]]:
    """`enc` with every kept pick added (codes already coded are skipped), and the codes added.
    Raises ValueError for a POA outside Y, N, U, W, blank, or when the claim would hold too many codes."""
    added: list[str] = []
    for p in picks:
        if not p.keep:
            continue
        if p.suggestion.system == "CM" and p.poa not in POA_VALUES:
            raise ValueError(f"{p.suggestion.display}: POA must be one of Y, N, U, W or blank "
                             f"(got {p.poa!r})")
        after = accept(enc, p.suggestion, p.poa)
        if after is not enc:
            added.append(p.suggestion.display)
        enc = after
    if len(enc.diagnoses) > MAX_DIAGNOSES:
        raise ValueError(f"at most {MAX_DIAGNOSES} diagnoses fit on a claim: untick some")
    if len(enc.procedures) > MAX_PROCEDURES:
        raise ValueError(f"at most {MAX_PROCEDURES} procedures fit on a claim: untick some")
    return enc, added
