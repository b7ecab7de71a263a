"""Undo of coding edits (ctrl+z in the encounter screen): each edit of the codes keeps the coding it
replaced, and undo puts the last one back, saying what it undid.

Only the coding is restored (diagnoses, procedures, in their order with their POA and dates): a
status change, a query or a dismissed suggestion is not a coding edit and is not undone, and undo
never changes the status, so undoing an edit of a chart reopened for it leaves the chart in progress.
Plain Python: the screen calls it, the tests check it directly.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from workbench.model.encounter import Diagnosis, Encounter, Procedure
from workbench.model.workflow import CODING_FIELDS

LIMIT = 50
"""Edits remembered per open chart."""


@dataclass(frozen=True, slots=True)
class Step:
    what: str
    """What the edit did, as the coder saw it ("I10 added", "N17.9 removed")."""
    diagnoses: tuple[Diagnosis, ...]
    procedures: tuple[Procedure, ...]


def is_coding_edit(before: Encounter, after: Encounter) -> bool:
    return any(getattr(before, f) != getattr(after, f) for f in CODING_FIELDS)


class UndoHistory:
    """The coding before each edit of one open chart, newest last."""

    def __init__(self) -> None:
        self._steps: list[Step] = []

    def __len__(self) -> int:
        return len(self._steps)

    def record(self, before: Encounter, after: Encounter, what: str) -> None:
        """Remember `before`'s coding when `after` changes it (other changes are not remembered)."""
        if is_coding_edit(before, after):
            self._steps.append(Step(what, tuple(before.diagnoses), tuple(before.procedures)))
            del self._steps[:-LIMIT]

    def undo(self, current: Encounter) -> tuple[Encounter, str] | None:
        """`current` with the coding before the last edit, and the notice ("undone: I10 added");
        None when there is nothing to undo."""
        if not self._steps:
            return None
        step = self._steps.pop()
        restored = dataclasses.replace(current, diagnoses=list(step.diagnoses),
                                       procedures=list(step.procedures))
        return restored, f"undone: {step.what}"
