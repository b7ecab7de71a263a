"""The encounter store: TinyDB documents, one small file per encounter, and a journaled queue.

Layout of a database folder:
  meta.json                       format, version, team group (if any)
  lock                            flock target: shared for reading, exclusive for writing
  data/queue.jsonl                the queue journal (`journal.py`), one row per save
  data/encounters/xx/ACCOUNT.json a TinyDB file per encounter: tables `encounter` and `audit`
  drafts/                         edits refused as stale, kept to be reapplied
  backups/                        rotating backups (`backup.py`)

A save, under the exclusive lock: compare the revision on disk with the expected one, append the
queue row (fsync), then replace the encounter file (fsync file and folder). Only the last journal row
can be ahead of its file after a crash; every writer checks that one row and corrects it. A save
therefore costs the same at 1,000 or 100,000 encounters, and `kill -9` keeps every acknowledged save.
"""

from __future__ import annotations

import builtins
import getpass
import grp
import json
import os
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any, cast

from tinydb import TinyDB
from tinydb.table import Document

from workbench.fsutil import EXCLUSIVE, SHARED, FileLock, fsync_dir
from workbench.interchange.reader import RecordError, encounter_from_record
from workbench.model.encounter import Encounter
from workbench.store.backup import backup_if_due, create_backup, newest_good_backup, restore_backup
from workbench.store.bulk import ImportMethods, ImportResult, finish_pending
from workbench.store.check import check_store
from workbench.store.drafts import keep_draft
from workbench.store.files import (
    AtomicJSONStorage,
    BatchMiddleware,
    Modes,
    StoreCorrupt,
    StoreError,
    account_filename,
    content_digest,
    default_path,
    make_dir,
    read_json,
    shard,
    write_atomic,
)
from workbench.store.hygiene import remove_leftovers
from workbench.store.journal import JournalStorage, QueueJournal
from workbench.store.locks import LockMethods
from workbench.store.model import (
    AuditEntry,
    CheckReport,
    EncounterLocked,
    LockInfo,
    QueueRow,
    StaleRevision,
    StoredEncounter,
    UnknownEncounter,
    now_iso,
    stored_doc,
    summary_row,
    validated_record,
)
from workbench.store.prepared import (
    Prepared,
    commit_prepared,
    plan_save,
    prepare_save,
    rename_committed,
    roll_forward,
)
from workbench.store.queue_index import QueueIndex, QueueQuery, QueueView
from workbench.store.queue_rows import Row, RowData
from workbench.store.sessions import this_session
from workbench.store.turns import FOLDER as TURNS
from workbench.store.turns import Turns

__all__ = ["Store", "StoreError", "StoreCorrupt", "StaleRevision", "EncounterLocked", "UnknownEncounter",
           "QueueRow", "StoredEncounter", "AuditEntry", "LockInfo", "CheckReport", "ImportResult"]

FORMAT = "workbench-encounters"
VERSION = 1


class Store(LockMethods, ImportMethods):
    """An open encounter database. Methods are safe to call from several threads."""

    def __init__(self, path: Path, modes: Modes, lock: FileLock):
        self.path = path
        self.modes = modes
        self.user = getpass.getuser()
        self.session = this_session()
        self._lock = lock
        self._turns = Turns(path, modes)  # writers take the exclusive lock in the order they asked
        self.read_only = False
        self.leftovers_removed: list[Path] = []  # temporary files of interrupted writes, removed on open
        self._untidy = False  # the open's walk of the encounter folders is still to do (`tidy`)
        self._mutex = lock.mutex
        self._saves = 0
        self.journal = QueueJournal(path / "data" / "queue.jsonl", modes)
        self._queue = TinyDB(storage=JournalStorage, journal=self.journal).table("queue", cache_size=30)
        self._rows: dict[str, tuple[Row, QueueRow]] = {}
        self._index = QueueIndex(self.journal.rows.values, QueueRow.from_row)
        self._tail_checked: tuple[str, int] | None = None

    # -- opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path | str | None = None, *, create: bool = True, tidy_later: bool = False
             ) -> Store:
        """Open (creating a personal 0700/0600 database if missing) the database at `path`,
        else $WORKBENCH_DB, else the user data directory.

        `tidy_later`: the walk of every encounter folder for what interrupted writes left (temporary
        files, prepared saves whose rename a power cut lost) waits for `tidy()`, or for the first
        call that reads or writes an encounter file, whichever comes first: the queue, answered from
        the journal alone, shows without it (the walk is ~0.3 s at 100,000 encounters)."""
        path = Path(path).expanduser() if path is not None else default_path()
        meta_path = path / "meta.json"
        if not meta_path.exists():
            if path.exists() and any(p.name not in ("lock", TURNS) for p in path.iterdir()):
                raise StoreError(f"{path} is not a workbench database (no meta.json) and is not empty")
            if not create:
                raise StoreError(f"no database at {path}; create it with `workbench db init {path}`")
            cls.initialize(path, Modes())
        meta = read_json(meta_path)
        if not isinstance(meta, dict) or meta.get("format") != FORMAT:
            raise StoreCorrupt(meta_path, "not a workbench database header")
        if meta.get("version", 0) > VERSION:
            raise StoreError(f"{meta_path}: written by a newer workbench (version {meta['version']})")
        modes = Modes.team() if meta.get("group") else Modes()
        lock = FileLock(path / "lock", modes.file)
        store = cls(path, modes, lock)
        store.read_only = lock.read_only or not os.access(path / "data", os.W_OK)
        try:
            if store.read_only:  # reading only: nothing to recover or clean, nothing can be written
                with store._shared():
                    store.journal.reload()
                return store
            with store._exclusive():
                store._finish_restore()
                try:
                    store.journal.reload()
                except StoreCorrupt as e:
                    raise StoreCorrupt(e.path, e.problem, newest_good_backup(path)) from None
                store._untidy = True
                if not tidy_later:
                    store.tidy()
                finish_pending(store)
                store._recover_tail()
        except BaseException:
            lock.close()
            store._turns.close()
            raise
        return store

    def tidy(self) -> None:
        """Remove the temporary files interrupted writes left and roll committed prepared saves into
        place (`prepared.roll_forward`); once per open, under the exclusive lock. A temporary file
        found under that lock belongs to no running write; a prepared file is renamed only when its
        account's row (caught up now) committed it, else removed: another process's save in flight
        writes its file again at its commit (`commit_prepared`)."""
        with self._mutex:  # the lock's holder keeps the mutex: a level seen here is this thread's
            if not self._untidy or self._lock.level == SHARED:  # no upgrade inside a reading block
                return
            with self._lock.hold(EXCLUSIVE, self._turns.turn):
                self._untidy = False  # first: the catch-up below reads files through _flock
                self._sync()  # roll_forward judges prepared files by the rows as they are now
                found: list[Path] = []
                self.leftovers_removed = remove_leftovers(self.path, found)
                self.leftovers_removed += roll_forward(self, found)

    @staticmethod
    def initialize(path: Path, modes: Modes, group: str | None = None) -> None:
        """Create an empty database folder (used by `open` and by `workbench db init`)."""
        make_dir(path, modes)
        if group is not None:
            gid = grp.getgrnam(group).gr_gid
            os.chown(path, -1, gid)
            os.chmod(path, modes.folder)
        make_dir(path / "data" / "encounters", modes)
        meta = {"format": FORMAT, "version": VERSION, "created": now_iso(), "group": group}
        QueueJournal(path / "data" / "queue.jsonl", modes).create()
        write_atomic(path / "meta.json", json.dumps(meta, indent=1).encode(), modes)

    def _finish_restore(self) -> None:
        data, new = self.path / "data", self.path / "data.new"
        if not data.exists() and (new / "queue.jsonl").exists():  # a restore cut short by a crash
            os.replace(new, data)
            fsync_dir(self.path)

    def close(self) -> None:
        with self._mutex:
            if self._lock.closed:
                return
            if self.read_only:
                self._lock.close()
                return
            with self._exclusive():
                self._sync()
                for row in list(self.journal.rows.values()):
                    if row.get("lock") and row["lock"]["session"] == self.session:
                        self._append_row({**row, "lock": None})
                if self.journal.should_compact():
                    self.journal.compact()
                self.journal.write_snapshot()
            if self._saves:
                backup_if_due(self)
            self._lock.close()
            self._turns.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- locking and catching up ------------------------------------------------------------

    def _flock(self, level: int, tidy: bool = True) -> AbstractContextManager[None]:
        if self._lock.closed:
            raise StoreError(f"database {self.path} is closed")
        if tidy and self._untidy:  # what reads or writes encounter files: once, before the first
            self.tidy()
        return self._lock.hold(level, self._turns.turn)

    def _exclusive(self) -> AbstractContextManager[None]:
        if self.read_only:
            raise StoreError(f"{self.path}: the database is read-only for you; nothing was changed")
        return self._flock(EXCLUSIVE)

    def _shared(self) -> AbstractContextManager[None]:
        return self._flock(SHARED)

    @contextmanager
    def reading(self) -> Iterator[None]:
        """Hold the shared lock (writers wait, readers do not), caught up with other processes' saves:
        what the block reads from the files is one consistent state (backups, `db check`)."""
        with self._shared():
            self._sync()
            yield

    @contextmanager
    def _caught_up(self) -> Iterator[None]:
        """Caught up with the files under the shared lock, then the lock let go: the block answers from
        the rows in memory, which only this process's own catching up changes, and this thread holds
        the process's lock mutex meanwhile. Writers in other processes are not kept waiting while a
        queue of 100,000 rows is sorted or searched."""
        with self._mutex:
            with self._flock(SHARED, tidy=False):  # the rows alone: no encounter file is read
                self._sync()
            yield

    def _sync(self) -> None:
        """Catch up with other processes' saves (under a lock); drop cached rows that changed."""
        changed = self.journal.catch_up()
        if changed:
            self._queue.clear_cache()
            self._index.invalidate()
            for account in changed:
                self._rows.pop(account, None)
        if self._lock.level == EXCLUSIVE:
            finish_pending(self)
            self._recover_tail()

    def _recover_tail(self) -> None:
        """The last journal row may be ahead of its file (a writer died between the two): correct it."""
        account = self.journal.last_account
        mark = (self.journal.generation, self.journal.offset)
        if account is None or self._tail_checked == mark:
            return
        row = self.journal.rows.get(account)
        if row is not None and row.get("sha256") and row["sha256"] == self._digest_of(account):
            # the usual case (the last save landed whole): one read and a checksum, no parse
            self._tail_checked = mark
            return
        doc = self._read_doc(account) if row else None
        if row is not None and (doc is None or doc["revision"] < row["revision"]):
            if rename_committed(self, account, row):
                pass  # a prepared save whose row committed: its file is now in place
            elif doc is None:
                self._append_row({"id": row["id"], "account": account, "deleted": True})
            else:
                enc = self._encounter(doc)
                self._append_row({**summary_row(enc, doc["revision"], doc["saved_by"], doc["saved_at"],
                                                row["id"], LockInfo.from_dict(row.get("lock"))),
                                  "sha256": self._digest_of(account)})
        elif row is not None and doc is not None and row.get("sha256"):
            # A lock take-over cut between its row and its file: the file is still the one the row
            # before described. (Any other mismatch is damage, left for `db check` to report.)
            actual = self._digest_of(account)
            before = self.journal.replaced
            if (actual != row["sha256"] and before is not None and before.get("account") == account
                    and before.get("sha256") == actual and before.get("revision") == row["revision"]):
                self._append_row({**row, "sha256": actual})
        self._tail_checked = (self.journal.generation, self.journal.offset)

    def _digest_of(self, account: str) -> str | None:
        try:
            return content_digest(self.file_of(account).read_bytes())
        except FileNotFoundError:
            return None

    def _append_row(self, row: RowData) -> None:
        self.journal.append(row)
        self._queue.clear_cache()
        self._index.invalidate()
        self._rows.pop(row["account"], None)

    # -- encounter files ---------------------------------------------------------------------

    def file_of(self, account: str) -> Path:
        return self.path / "data" / "encounters" / shard(account) / account_filename(account)

    def _tinydb(self, account: str) -> TinyDB:
        return TinyDB(self.file_of(account), storage=BatchMiddleware(AtomicJSONStorage), modes=self.modes)

    def _corrupt(self, path: Path, problem: str) -> StoreCorrupt:
        return StoreCorrupt(path, problem, newest_good_backup(self.path))

    def _load(self, account: str) -> tuple[dict[str, Any], dict[str, Any] | None]:
        """The whole TinyDB file of an encounter and its encounter document (None if no file)."""
        path = self.file_of(account)
        try:
            data = read_json(path)
        except FileNotFoundError:
            return {}, None
        except StoreCorrupt as e:
            raise self._corrupt(e.path, e.problem) from None
        doc = data.get("encounter", {}).get("1") if isinstance(data, dict) else None
        if not isinstance(doc, dict) or not isinstance(doc.get("revision"), int):
            raise self._corrupt(path, "no encounter document in the file")
        return data, doc

    def _read_doc(self, account: str) -> dict[str, Any] | None:
        return self._load(account)[1]

    def _encounter(self, doc: dict[str, Any]) -> Encounter:
        enc = encounter_from_record(doc["record"])
        enc.grouping = doc.get("grouping")
        return enc

    # -- reading ---------------------------------------------------------------------------

    def __len__(self) -> int:
        with self._shared():
            self._sync()
            return len(self.journal.rows)

    def __contains__(self, account: object) -> bool:
        with self._shared():
            self._sync()
            return account in self.journal.rows

    def search(self, cond: Any) -> list[QueueRow]:
        """Queue rows matching a TinyDB query on the row fields (see `model.summary_row`)."""
        with self._caught_up():
            return [self._row_obj(d) for d in self._queue.search(cond)]

    def _row_obj(self, doc: Document) -> QueueRow:
        return self._row_of(self.journal.rows[doc["account"]])

    def _row_of(self, raw: Row) -> QueueRow:
        cached = self._rows.get(raw["account"])
        if cached is None or cached[0] is not raw:
            cached = (raw, QueueRow.from_row(raw))
            self._rows[raw["account"]] = cached
        return cached[1]

    def queue(self, query: QueueQuery) -> QueueView:
        """The queue for `query`, answered from the queue index: `len(view)` counts, `view.page(a, b)`
        builds the rows of what is on screen, `view.case_mix()` the mean weight. Raises StoreError
        for an unknown sort key."""
        with self._caught_up():
            return self._index.view(query)

    def list(self, status: str | Iterable[str] | None = None, coder: str | None = None,
             drg: str | None = None, text: str | None = None, sort: str = "discharge_date",
             descending: bool = False) -> list[QueueRow]:
        """The coding queue, filtered (all given filters must match) and sorted; None sorts last."""
        wanted = status if status is None or isinstance(status, str) else tuple(status)
        return self.queue(QueueQuery(status=wanted, coder=coder, drg=drg, text=text, sort=sort,
                                     descending=descending)).rows()

    def get(self, account: str) -> StoredEncounter:
        """The encounter with its revision, who saved it last, its lock and its audit trail."""
        with self._shared():
            self._sync()
            row = self.journal.rows.get(account)
            if row is None:
                raise UnknownEncounter(account)
            data, doc = self._load(account)
        path = self.file_of(account)
        if doc is None:
            raise self._corrupt(path, "the encounter file is missing")
        try:
            enc = self._encounter(doc)
        except (RecordError, KeyError, TypeError) as e:
            raise self._corrupt(path, f"the stored record does not read back ({e})") from None
        audit = [AuditEntry.from_dict(a) for a in data.get("audit", {}).values()]
        return StoredEncounter(enc, doc["revision"], doc["saved_by"], doc["saved_at"],
                               LockInfo.from_dict(row.get("lock")), audit, path)

    def audit(self, account: str) -> builtins.list[AuditEntry]:
        return self.get(account).audit

    # -- writing ---------------------------------------------------------------------------

    def save(self, enc: Encounter, expected_revision: int, user: str | None = None,
             reason: str | None = None) -> int:
        """Save `enc` if the stored revision is still `expected_revision` (0 for a new encounter).
        Returns the new revision, durable on return. Raises StaleRevision (edit kept as a draft),
        EncounterLocked, WorkflowError or StoreError."""
        user = user or self.user
        rec = validated_record(enc)
        prep = self._prepare(enc, rec, expected_revision, user, reason)
        held = prep
        try:
            with self._exclusive():
                self._sync()
                if prep is not None:
                    row = self.journal.rows.get(enc.account)
                    lock = LockInfo.from_dict(row.get("lock")) if row else None
                    if lock is not None and lock.session != self.session and not lock.stale:
                        raise EncounterLocked(enc.account, lock)  # another session, even of the same coder
                    prep.row["lock"] = lock.to_dict() if lock else None
                    if commit_prepared(self, prep):
                        self._tail_checked = (self.journal.generation, self.journal.offset)
                        self._saves += 1
                        committed, prep = prep, None
                        return committed.revision
                return self._save_locked(enc, rec, expected_revision, user, reason, "save")
        finally:
            if prep is not None:
                prep.drop()  # not committed: the save was done under the lock, or refused
            if held is not None:
                held.release()  # the lock is let go by now: the replaced file is freed outside it

    def _prepare(self, enc: Encounter, rec: dict[str, Any], expected: int, user: str,
                 reason: str | None) -> Prepared | None:
        if self.read_only or self._lock.level:  # inside a locked block: nothing to overlap
            return None
        return prepare_save(self, enc, rec, expected, user, reason, now_iso())  # the store's one clock

    def _save_locked(self, enc: Encounter, rec: dict[str, Any], expected: int | None, user: str,
                     reason: str | None, action: str) -> int:
        account = enc.account
        doc = self._read_doc(account)
        current = doc["revision"] if doc else 0
        if expected is not None and current != expected:
            draft_path = keep_draft(self, enc, expected, user)
            raise StaleRevision(account, expected, current, doc["saved_by"] if doc else "",
                                doc["saved_at"] if doc else "", enc, draft_path)
        held = self.journal.rows.get(account)
        lock = LockInfo.from_dict(held.get("lock")) if held else None
        if lock is not None and lock.session != self.session and not lock.stale:
            raise EncounterLocked(account, lock)  # another session, even of the same coder
        plan = plan_save(enc, rec, doc, reason, action)
        if plan is None:
            return current
        action, changes = plan
        rev, when = current + 1, now_iso()
        row = summary_row(enc, rev, user, when, self.journal.new_id(account), lock)
        db = self._tinydb(account)
        make_dir(self.file_of(account).parent, self.modes)
        # The row (with the checksum of the file about to be written) is durable before the file.
        def journal_first(blob: bytes) -> None:
            self._append_row({**row, "sha256": content_digest(blob)})

        with cast(BatchMiddleware, db.storage).batch(before_write=journal_first):
            db.table("encounter").upsert(Document(stored_doc(enc, rec, rev, user, when), doc_id=1))
            db.table("audit").insert({"revision": rev, "user": user, "when": when, "action": action,
                                      "reason": reason or "", "changes": changes})
        self._tail_checked = (self.journal.generation, self.journal.offset)
        self._saves += 1
        return rev

    def set_status(self, account: str, status: str, expected_revision: int, reason: str | None = None,
                   user: str | None = None) -> int:
        """Move an encounter through the workflow; reopening a coded/final one needs a reason."""
        enc = self.get(account).encounter
        enc.status = status
        return self.save(enc, expected_revision, user=user, reason=reason)

    # -- maintenance -------------------------------------------------------------------------

    def check(self) -> CheckReport:
        return check_store(self)

    def backup(self) -> Path:
        return create_backup(self)

    @staticmethod
    def restore(backup: Path | str, path: Path | str | None = None) -> Path | None:
        return restore_backup(Path(backup), Path(path) if path is not None else default_path())
