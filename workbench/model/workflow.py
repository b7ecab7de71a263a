"""The coding workflow: encounter statuses, the moves allowed between them, and the status changes
the coder's keys make (start, hold with a query, mark coded, finalize, reopen).

Plain functions on `Encounter`; the store validates every saved change with `check_transition`,
the encounter screen builds each change with the functions below.
"""

from __future__ import annotations

import dataclasses

from workbench.model.encounter import STATUS_LABELS, STATUSES, Encounter, Query

# Forward moves of the workflow. Going back from coded or final is a reopen and needs a reason.
FORWARD: dict[str, set[str]] = {
    "new": {"in_progress", "on_hold", "coded"},
    "in_progress": {"new", "on_hold", "coded"},
    "on_hold": {"in_progress", "coded"},
    "coded": {"final"},
    "final": set(),
}
REOPENABLE = ("coded", "final")


class TransitionError(ValueError):
    """A status change the workflow does not allow (or a reopen without a reason)."""


def check_transition(account: str, before: str, after: str, reason: str | None) -> str | None:
    """Validate a status change; return the audit action ("status" or "reopen") or None if unchanged."""
    if after not in STATUSES:
        raise TransitionError(f"{account}: status must be one of {', '.join(STATUSES)} (got {after!r})")
    if before == after:
        return None
    if after in FORWARD[before]:
        return "status"
    if before in REOPENABLE:
        if not (reason and reason.strip()):
            raise TransitionError(f"{account}: reopening a {STATUS_LABELS[before].lower()} encounter "
                                  f"needs a reason")
        return "reopen"
    raise TransitionError(f"{account}: cannot go from {STATUS_LABELS[before]} to {STATUS_LABELS[after]}")


def can_reopen(enc: Encounter) -> bool:
    return enc.status in REOPENABLE


def start(enc: Encounter, coder: str) -> Encounter:
    """The coder starts work: in progress, assigned to them unless already assigned."""
    return dataclasses.replace(enc, status="in_progress", coder=enc.coder or coder)


def mark_coded(enc: Encounter, coder: str) -> Encounter:
    return dataclasses.replace(enc, status="coded", coder=enc.coder or coder)


def hold(enc: Encounter, query: Query) -> Encounter:
    """On hold, waiting for the answer to a physician query (added to the encounter's queries)."""
    return dataclasses.replace(enc, status="on_hold", queries=[*enc.queries, query])


def reopen(enc: Encounter) -> Encounter:
    """Back to in progress (the store asks for a reason, kept in the audit trail)."""
    return dataclasses.replace(enc, status="in_progress")


def finalize_steps(enc: Encounter, coder: str) -> list[Encounter]:
    """The saves that make the encounter final: final is reached only from coded, so an encounter
    not yet coded is saved as coded first."""
    final = dataclasses.replace(enc, status="final", coder=enc.coder or coder)
    if enc.status == "coded":
        return [final]
    return [dataclasses.replace(final, status="coded"), final]
