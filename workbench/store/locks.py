"""Locks on encounters: which session has one open for editing. Part of `Store` (a mixin: the methods
use the store's lock, journal and files)."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import TYPE_CHECKING, Any, cast

from tinydb import TinyDB

from workbench.store.files import BatchMiddleware, content_digest
from workbench.store.journal import QueueJournal
from workbench.store.model import EncounterLocked, LockInfo, UnknownEncounter, now_iso
from workbench.store.queue_rows import RowData


class LockMethods:
    """`lock`, `unlock` and `take_over_lock` of `Store`."""

    user: str
    session: str
    journal: QueueJournal
    _tail_checked: tuple[str, int] | None

    if TYPE_CHECKING:  # what the mixin uses of `Store`, which defines them
        def _exclusive(self) -> AbstractContextManager[None]: ...
        def _sync(self) -> None: ...
        def _append_row(self, row: RowData) -> None: ...
        def _tinydb(self, account: str) -> TinyDB: ...
        def _read_doc(self, account: str) -> dict[str, Any] | None: ...

    def _set_lock(self, account: str, lock: LockInfo | None) -> None:
        row = self.journal.rows.get(account)
        if row is None:
            raise UnknownEncounter(account)
        self._append_row({**row, "lock": lock.to_dict() if lock else None})

    def lock(self, account: str, user: str | None = None) -> LockInfo:
        """Mark the encounter open for editing by this session. Raises EncounterLocked if another
        session holds it (see `take_over_lock`)."""
        with self._exclusive():
            self._sync()
            row = self.journal.rows.get(account)
            held = LockInfo.from_dict(row.get("lock")) if row else None
            if held is not None and held.session != self.session:
                raise EncounterLocked(account, held)
            lock = LockInfo(user or self.user, held.since if held else now_iso(), self.session)
            if held != lock:
                self._set_lock(account, lock)
            return lock

    def unlock(self, account: str, user: str | None = None) -> None:
        """Release this session's lock (another session's lock is left alone)."""
        with self._exclusive():
            self._sync()
            row = self.journal.rows.get(account)
            held = LockInfo.from_dict(row.get("lock")) if row else None
            if held is not None and held.session == self.session:
                self._set_lock(account, None)

    def take_over_lock(self, account: str, user: str | None = None, reason: str | None = None) -> LockInfo:
        """Take the lock from another session (e.g. one that crashed); recorded in the audit trail."""
        user = user or self.user
        with self._exclusive():
            self._sync()
            row = self.journal.rows.get(account)
            held = LockInfo.from_dict(row.get("lock")) if row else None
            lock = LockInfo(user, now_iso(), self.session)
            if row is None or held is None or held.session == self.session:
                self._set_lock(account, lock)
                return lock
            db = self._tinydb(account)
            doc = self._read_doc(account)
            new_row = {**row, "lock": lock.to_dict()}
            with cast(BatchMiddleware, db.storage).batch(before_write=lambda blob: self._append_row(
                    {**new_row, "sha256": content_digest(blob)})):
                db.table("audit").insert({
                    "revision": doc["revision"] if doc else 0, "user": user, "when": lock.since,
                    "action": "lock taken over", "reason": reason or ("stale lock" if held.stale else ""),
                    "changes": [{"field": "lock", "before": held.to_dict(), "after": lock.to_dict()}]})
            self._tail_checked = (self.journal.generation, self.journal.offset)
            return lock
