"""App-wide workflow messages, named for what happened. Pane-local messages live in their widget.

The edit pipeline reads from the names: a pane posts `CodingEdited` -> the encounter screen commits
it in a worker -> `EncounterCommitted` (grouped, checked, saved or refused as stale).
Dataclasses: Textual's Message initialises itself in `__post_init__` for them. `Found` is the base of the
panes' own worker results.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from textual.message import Message

from workbench.model.encounter import Encounter
from workbench.session import CommitResult
from workbench.store.queue_index import QueueView

T = TypeVar("T")


@dataclass
class QueueLoaded(Message):
    """The queue index answered the filter line: `view` is a store QueueView (None on an error)."""

    def __init__(self, view: QueueView | None, line: str, error: str | None = None, load: int = 0) -> None:
        super().__init__()
        self.view, self.line, self.error = view, line, error
        self.load = load
        """Which read of the queue screen this answers (the latest one lets the keys go)."""


@dataclass
class QueueShown(Message):
    """The queue's first rows are on screen: what it did not need (release, search, grouper) may load."""


@dataclass
class CodingEdited(Message):
    """The coder changed the coding; `encounter` is the new state, `focus` the row to highlight."""

    encounter: Encounter
    what: str
    focus: tuple[str, int] | None = None


@dataclass
class EncounterEvaluated(Message):
    """Grouping (and checks) of the shown coding finished."""

    result: CommitResult


@dataclass
class EncounterCommitted(Message):
    """An edit was grouped and saved, or refused (stale revision, store error)."""

    result: CommitResult


@dataclass
class Found(Message, Generic[T]):
    """What a pane's thread worker found for `key` (the query, the account), or why nothing: the pane
    shows it only while `key` is still what it shows."""

    key: str
    items: list[T]
    error: str | None = None
