"""App-wide workflow messages, named for what happened. Pane-local messages live in their widget.

The edit pipeline reads from the names: a pane posts `CodingEdited` -> the encounter screen commits
it in a worker -> `EncounterCommitted` (grouped, checked, saved or refused as stale).
"""

from __future__ import annotations

from typing import Any

from textual.message import Message

from workbench.model.encounter import Encounter
from workbench.store.queue_index import QueueView


class QueueLoaded(Message):
    """The queue index answered the filter line: `view` is a store QueueView (None on an error)."""

    def __init__(self, view: QueueView | None, line: str, error: str | None = None) -> None:
        super().__init__()
        self.view, self.line, self.error = view, line, error


class QueueShown(Message):
    """The queue's first rows are on screen: what it did not need (release, search, grouper) may load."""


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
