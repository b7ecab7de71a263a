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


CODING_FIELDS = ("diagnoses", "procedures")
"""What a coded or final encounter keeps until it is reopened."""


def check_edit(account: str, before: str, after: str, changed: set[str] | list[str]) -> None:
    """A coded or final encounter's codes change only once it is reopened with a reason: an edit
    that keeps the status Coded (or Final) is refused, so a coded chart never changes silently."""
    if before in REOPENABLE and after == before and set(changed) & set(CODING_FIELDS):
        raise TransitionError(f"{account}: the encounter is {STATUS_LABELS[before]}: reopen it (o, with a "
                              f"reason) before changing its codes")


def needs_reopen(before: Encounter, after: Encounter) -> bool:
    """Would saving `after` over `before` change the codes of a coded or final encounter?"""
    try:
        check_edit(before.account, before.status, after.status,
                   [f for f in CODING_FIELDS if getattr(before, f) != getattr(after, f)])
    except TransitionError:
        return True
    return False


def reopened(enc: Encounter) -> Encounter:
    """`enc` (an edit of a coded or final encounter) saved as a reopen: back to in progress."""
    return dataclasses.replace(enc, status="in_progress")


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


# -- physician queries ---------------------------------------------------------------------------


def open_queries(enc: Encounter) -> list[int]:
    """Positions of the encounter's queries still waiting for the physician."""
    return [i for i, q in enumerate(enc.queries) if q.status == "open"]


def move_warning(enc: Encounter, to: str) -> str | None:
    """Why moving `enc` to status `to` needs the coder's confirmation, or None. A chart held for a
    physician query is not taken off hold (started, marked coded) silently while the query is open:
    its answer may change the codes."""
    waiting = open_queries(enc)
    if to not in ("in_progress", "coded") or not waiting:
        return None
    first = enc.queries[waiting[0]].question.strip()
    more = f" (and {len(waiting) - 1} more)" if len(waiting) > 1 else ""
    return (f"{len(waiting)} physician query open{more}: \"{first[:80]}\". "
            f"Mark it {STATUS_LABELS[to].lower()} anyway? The query stays open.")


def _query_at(enc: Encounter, index: int) -> Query:
    if not 0 <= index < len(enc.queries):
        raise TransitionError(f"{enc.account}: no query at position {index + 1}")
    return enc.queries[index]


def answer_query(enc: Encounter, index: int, answer: str, day: str) -> Encounter:
    """The physician's answer recorded on query `index` (status answered, dated `day`)."""
    q = _query_at(enc, index)
    if not answer.strip():
        raise TransitionError(f"{enc.account}: an answer needs text (the physician's words)")
    if q.status != "open":
        raise TransitionError(f"{enc.account}: query {index + 1} is {q.status}, not open")
    queries = list(enc.queries)
    queries[index] = dataclasses.replace(q, status="answered", answer=answer.strip(), answered=day)
    return dataclasses.replace(enc, queries=queries)


def withdraw_query(enc: Encounter, index: int, day: str, why: str = "") -> Encounter:
    """Query `index` closed without an answer (status withdrawn, dated `day`; `why` kept as its answer)."""
    q = _query_at(enc, index)
    if q.status != "open":
        raise TransitionError(f"{enc.account}: query {index + 1} is {q.status}, not open")
    queries = list(enc.queries)
    queries[index] = dataclasses.replace(q, status="withdrawn", answer=why.strip(), answered=day)
    return dataclasses.replace(enc, queries=queries)
