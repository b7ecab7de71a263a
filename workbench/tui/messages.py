"""App-wide workflow messages, named for what happened. Pane-local messages live in their widget.

The edit pipeline reads from the names: a pane posts `CodingEdited` -> the encounter screen commits
it in a worker -> `EncounterCommitted` (grouped, checked, saved or refused as stale).
Dataclasses: Textual's Message initialises itself in `__post_init__` for them.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from workbench.model.encounter import Encounter
from workbench.session import CommitResult
from workbench.store.core import QueueRow


@dataclass
class QueueLoaded(Message):
    """The queue's rows were read (or `error` says why not)."""

    rows: list[QueueRow]
    error: str | None = None


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
