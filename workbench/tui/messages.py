"""App-wide workflow messages, named for what happened. Pane-local messages live in their widget.

The edit pipeline reads from the names: a pane posts `CodingEdited` -> the encounter screen commits
it in a worker -> `EncounterCommitted` (grouped, checked, saved or refused as stale).
"""

from __future__ import annotations

from typing import Any

from textual.message import Message

from workbench.model.encounter import Encounter
from workbench.store.core import QueueRow


class QueueLoaded(Message):
    """The queue's rows for the filter line `line` (None: whatever the box held)."""

    def __init__(self, rows: list[QueueRow], error: str | None = None, line: str | None = None) -> None:
        super().__init__()
        self.rows, self.error, self.line = rows, error, line


class CodingEdited(Message):
    """The coder changed the coding; `encounter` is the new state, `focus` the row to highlight."""

    def __init__(self, encounter: Encounter, what: str, focus: tuple[str, int] | None = None) -> None:
        super().__init__()
        self.encounter, self.what, self.focus = encounter, what, focus


class EncounterEvaluated(Message):
    """Grouping (and checks) of the shown coding finished; `result` is a services.CommitResult."""

    def __init__(self, result: Any) -> None:
        super().__init__()
        self.result = result


class EncounterCommitted(Message):
    """An edit was grouped and saved, or refused (stale revision, store error)."""

    def __init__(self, result: Any) -> None:
        super().__init__()
        self.result = result
