"""What the encounter store hands out: queue rows, locks, audit entries, check reports, errors.

Also the audit diff; the workflow rules are in `workbench.model.workflow`.
Plain dataclasses; no file access here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from codesets.release.calendar import NoReleaseForDate, period_for_date
from workbench.model import workflow
from workbench.model.encounter import Encounter
from workbench.store.files import StoreError
from workbench.store.queue_rows import RowData
from workbench.store.sessions import session_gone

LOCK_STALE_AFTER = dt.timedelta(hours=12)


def now_iso() -> str:
    return dt.datetime.now(dt.UTC).astimezone().isoformat(timespec="seconds")


class StaleRevision(StoreError):
    """The encounter was saved by someone else since it was opened; the edit is kept as a draft."""

    def __init__(self, account: str, expected: int, current: int, saved_by: str, saved_at: str,
                 draft: Encounter | None = None, draft_path: Path | None = None):
        self.account, self.expected, self.current = account, expected, current
        self.saved_by, self.saved_at = saved_by, saved_at
        self.draft, self.draft_path = draft, draft_path
        msg = (f"encounter {account} was saved by {saved_by or 'someone'} at {saved_at or '?'} "
               f"(revision {current}) after you opened revision {expected}; reopen it and reapply your edit")
        if draft_path is not None:
            msg += f" (your edit is kept as a draft: {draft_path})"
        super().__init__(msg)


class EncounterLocked(StoreError):
    def __init__(self, account: str, lock: LockInfo):
        self.account, self.lock = account, lock
        super().__init__(f"encounter {account} is open for editing by {lock.user} since {lock.since} "
                         f"(session {lock.session}); take over the lock if that session is gone")


class UnknownEncounter(StoreError, KeyError):
    def __init__(self, account: str):
        self.account = account
        StoreError.__init__(self, f"no encounter with account {account!r} in this database")

    def __str__(self) -> str:
        return str(self.args[0])


class WorkflowError(StoreError):
    """A status change the workflow does not allow (or a reopen without a reason)."""


def check_transition(account: str, before: str, after: str, reason: str | None) -> str | None:
    """`workflow.check_transition`, raising the store's WorkflowError."""
    try:
        return workflow.check_transition(account, before, after, reason)
    except workflow.TransitionError as e:
        raise WorkflowError(str(e)) from None


def check_edit(account: str, before: str, after: str, changed: list[str]) -> None:
    """`workflow.check_edit` (codes of a coded or final encounter change only after a reopen),
    raising the store's WorkflowError."""
    try:
        workflow.check_edit(account, before, after, changed)
    except workflow.TransitionError as e:
        raise WorkflowError(str(e)) from None


@dataclass(frozen=True, slots=True)
class LockInfo:
    """An encounter open for editing: by whom, since when, in which session (host:pid)."""

    user: str
    since: str
    session: str

    @property
    def stale(self) -> bool:
        """Held by a process of this host that is gone (or whose pid a later process has), or for
        longer than LOCK_STALE_AFTER."""
        if session_gone(self.session):
            return True
        try:
            return dt.datetime.now(dt.UTC) - dt.datetime.fromisoformat(self.since) > LOCK_STALE_AFTER
        except ValueError:
            return True

    def to_dict(self) -> dict[str, str]:
        return {"user": self.user, "since": self.since, "session": self.session}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> LockInfo | None:
        return cls(d["user"], d["since"], d["session"]) if d else None


@lru_cache(maxsize=4096)
def stale_version(version: str | None, discharge: str | None) -> bool:
    """True when a DRG grouped by grouper `version` (e.g. "43.0") is not the version the discharge
    date takes now (a new release installed, a date corrected). Unknown either way: not stale."""
    if not version or not discharge:
        return False
    try:
        return period_for_date(dt.date.fromisoformat(discharge)).drg_version != version
    except (NoReleaseForDate, ValueError):
        return False


def _day(v: str | None) -> dt.date | None:
    return dt.date.fromisoformat(v) if v else None


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One line of the coding queue, read from the queue journal without opening the encounter."""

    account: str
    mrn: str
    patient_name: str
    admit_date: dt.date | None
    discharge_date: dt.date | None
    status: str
    coder: str
    principal: str
    drg: str
    weight: float | None
    service: str
    payer: str
    revision: int
    saved_by: str
    saved_at: str
    lock: LockInfo | None
    los: int | None = None
    age: int | None = None
    version: str = ""  # the grouper version of the stored DRG
    stale: bool = False  # the stored DRG was made by a grouper version the stay no longer takes

    @classmethod
    def from_row(cls, r: RowData) -> QueueRow:
        return cls(r["account"], r["mrn"], r["patient_name"], _day(r["admit_date"]),
                   _day(r["discharge_date"]), r["status"], r["coder"], r["principal"], r["drg"],
                   r["weight"], r["service"], r["payer"], r["revision"], r["saved_by"], r["saved_at"],
                   LockInfo.from_dict(r.get("lock")), r.get("los"), r.get("age"), r.get("version") or "",
                   bool(r["drg"]) and stale_version(r.get("version"), r["discharge_date"]))


def summary_row(enc: Encounter, revision: int, saved_by: str, saved_at: str, doc_id: int,
                lock: LockInfo | None) -> dict[str, Any]:
    """The queue journal row of an encounter (no documents, no clinical text)."""
    g = enc.grouping or {}
    weight = g.get("weight")
    drg = str(g.get("drg") or "")
    drg = drg.zfill(3) if drg.isdigit() else drg
    return {
        "id": doc_id, "account": enc.account, "mrn": enc.mrn, "patient_name": enc.patient_name,
        "admit_date": enc.admit_date.isoformat() if enc.admit_date else None,
        "discharge_date": enc.discharge_date.isoformat() if enc.discharge_date else None,
        "status": enc.status, "coder": enc.coder,
        "principal": enc.diagnoses[0].code if enc.diagnoses else "",
        "codes": " ".join([d.code for d in enc.diagnoses[1:]] + [p.code for p in enc.procedures]),
        "los": enc.length_of_stay(), "age": enc.age_years(), "version": str(g.get("version") or ""),
        "drg": drg, "weight": float(weight) if weight is not None else None,
        "service": enc.service, "payer": enc.payer, "revision": revision,
        "saved_by": saved_by, "saved_at": saved_at, "lock": lock.to_dict() if lock else None,
    }


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One change of an encounter: who, when, what (field, before, after), at which revision."""

    revision: int
    user: str
    when: str
    action: str
    reason: str = ""
    changes: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> AuditEntry:
        return cls(d["revision"], d["user"], d["when"], d["action"], d.get("reason", ""),
                   list(d.get("changes", [])))


@dataclass(slots=True)
class StoredEncounter:
    """An encounter as stored: the record, its revision, who saved it last, its lock and audit trail."""

    encounter: Encounter
    revision: int
    saved_by: str
    saved_at: str
    lock: LockInfo | None
    audit: list[AuditEntry]
    path: Path


@dataclass(slots=True)
class CheckReport:
    """What `Store.check` found. `ok` is False when any problem was found."""

    path: Path
    encounters: int = 0
    journal_lines: int = 0
    backups: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def __str__(self) -> str:
        lines = [f"database {self.path}: {self.encounters} encounters, queue journal {self.journal_lines} "
                 f"lines, {len(self.backups)} backups"]
        lines += [f"note: {n}" for n in self.notes]
        lines += [f"problem: {p}" for p in self.problems]
        lines.append("ok" if self.ok else f"{len(self.problems)} problem(s) found")
        return "\n".join(lines)


def _summ(key: str, value: Any) -> Any:
    if key == "diagnoses":
        return [f"{d['code']}:{d['poa']}" if d["poa"] else d["code"] for d in value]
    if key == "procedures":
        return [f"{p['code']}@{p['date']}" if p["date"] else p["code"] for p in value]
    if key == "documents":  # never copy clinical text into the audit trail
        return [f"{d['type']} by {d['author'] or '?'} {d['date']} ({len(d['text'])} chars)" for d in value]
    return value


def diff_records(before: dict[str, Any] | None, after: dict[str, Any]) -> list[dict[str, Any]]:
    """Field-by-field changes between two interchange records, as {field, before, after}."""
    before = before or {}
    out = []
    for key in sorted(set(before) | set(after)):
        b, a = before.get(key), after.get(key)
        if b != a:
            out.append({"field": key, "before": _summ(key, b) if b is not None else None,
                        "after": _summ(key, a) if a is not None else None})
    return out
