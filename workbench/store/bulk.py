"""Adding many encounters at once (import; `Store.add_many`): new ones at the cost of a few fsyncs
instead of three each.

A save makes its queue row and its file durable one by one (three fsyncs). An import of 100,000 new
encounters that way spends minutes in fsync, so it commits in phases instead, each one safe to cut:

1. `data/import.pending` is written: an import is under way.
2. Every encounter file is written beside its place as `.NAME.import` (no fsync each), then the whole
   file system is synced once.
3. The queue rows are appended to the journal in one write and one fsync: this is the commit point.
4. Each `.import` file is renamed into place, the file system is synced once more (one syncfs rather
   than an fsync of each of the 256 folders: 13,000 folder fsyncs were a third of a 100,000-encounter
   import), the marker is removed.

After a crash, the next open finds the marker and finishes the job: a `.import` file whose queue row
is in the journal (at its revision) is renamed into place, any other is deleted. So an import is
either all in the queue with every file in place, or not there at all.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from workbench.fsutil import fsync_dir
from workbench.interchange.reader import encounter_from_record
from workbench.model.encounter import Encounter
from workbench.store.files import Modes, content_digest, make_dir, read_json, write_atomic
from workbench.store.model import (
    EncounterLocked,
    LockInfo,
    diff_records,
    now_iso,
    stored_doc,
    summary_row,
    validated_record,
)

if TYPE_CHECKING:
    from tinydb.table import Table

    from workbench.store.journal import QueueJournal
    from workbench.store.queue_index import QueueIndex

MARKER = "import.pending"
SUFFIX = ".import"
FOLDER_FSYNCS = 8  # folders synced one by one up to this many; past it one syncfs is cheaper
BULK_AT_LEAST = 20  # new encounters in one add_many that commit together rather than one by one


@dataclass(slots=True)
class NewFile:
    """A new encounter ready to commit (`new_file`): its file's bytes and checksum, its queue row
    without the id, which is given under the lock. Built in any process (import's worker pool)."""

    account: str
    blob: bytes
    digest: str
    row: dict[str, Any]

    def encounter(self) -> tuple[Encounter, dict[str, Any]]:
        """The encounter and record the file holds (for the rare one that is not new after all)."""
        doc = orjson.loads(self.blob)["encounter"]["1"]
        enc = encounter_from_record(doc["record"])
        enc.grouping = doc["grouping"]
        return enc, doc["record"]


def new_file(enc: Encounter, rec: dict[str, Any], user: str, when: str) -> NewFile:
    """The file and queue row of a new encounter at revision 1, as `Store.add_many` commits it."""
    doc = stored_doc(enc, rec, 1, user, when)
    audit = {"revision": 1, "user": user, "when": when, "action": "import", "reason": "import",
             "changes": diff_records(None, rec)}
    blob = encoded({"encounter": {"1": doc}, "audit": {"1": audit}})
    return NewFile(enc.account, blob, content_digest(blob), summary_row(enc, 1, user, when, 0, None))


@dataclass(slots=True)
class ImportResult:
    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # duplicates left alone (no --update)


class ImportMethods:
    """`add_many` of `Store` (a mixin: it uses the store's lock, journal and save)."""

    if TYPE_CHECKING:  # what the mixin and the functions below use of `Store`, which defines them
        path: Path
        modes: Modes
        user: str
        journal: QueueJournal
        _queue: Table  # the TinyDB table over the journal
        _index: QueueIndex
        _tail_checked: tuple[str, int] | None
        _saves: int

        def _exclusive(self) -> AbstractContextManager[None]: ...
        def _sync(self) -> None: ...
        def file_of(self, account: str) -> Path: ...
        def _save_locked(self, enc: Encounter, rec: dict[str, Any], expected: int | None, user: str,
                         reason: str | None, action: str) -> int: ...

    def add_many(self, encs: Iterable[Encounter], update: bool = False,
                 user: str | None = None) -> ImportResult:
        """Add new encounters; existing accounts are skipped, or replaced when `update`."""
        user = user or self.user
        items = [(e, validated_record(e)) for e in encs]
        result = ImportResult()
        with self._exclusive():
            self._sync()
            for enc, _ in items:  # refuse before writing anything if a replaced one is being edited
                row = self.journal.rows.get(enc.account)
                held = LockInfo.from_dict(row.get("lock")) if row and update else None
                if held is not None and held.user != user:
                    raise EncounterLocked(enc.account, held)
            new: dict[str, tuple[Encounter, dict[str, Any]]] = {}
            later = []
            for enc, rec in items:
                if enc.account in self.journal.rows or enc.account in new:
                    later.append((enc, rec))
                else:
                    new[enc.account] = (enc, rec)
            if len(new) >= BULK_AT_LEAST:
                self._add_new(list(new.values()), user)
                result.added += list(new)
            else:
                later[:0] = new.values()
            for enc, rec in later:
                exists = enc.account in self.journal.rows
                if exists and not update:
                    result.skipped.append(enc.account)
                    continue
                self._save_locked(enc, rec, None, user, "import", "import")
                (result.replaced if exists else result.added).append(enc.account)
        return result

    def add_prepared(self, files: list[NewFile], update: bool = False,
                     user: str | None = None) -> ImportResult:
        """`add_many` of encounters already made into files (`new_file`, by `user`): the new ones
        commit as they are; one already in the store is skipped, or replaced when `update`."""
        user = user or self.user
        result = ImportResult()
        with self._exclusive():
            self._sync()
            rows = self.journal.rows
            new: dict[str, NewFile] = {}
            later = []
            for f in files:
                if f.account in rows or f.account in new:
                    later.append(f)
                else:
                    new[f.account] = f
            if update:
                for f in later:
                    row = rows.get(f.account)
                    held = LockInfo.from_dict(row.get("lock")) if row else None
                    if held is not None and held.user != user:
                        raise EncounterLocked(f.account, held)
            if len(new) < BULK_AT_LEAST:
                later[:0] = new.values()
                new = {}
            if new:
                self._commit_new(list(new.values()))
                result.added += list(new)
            for f in later:
                exists = f.account in self.journal.rows
                if exists and not update:
                    result.skipped.append(f.account)
                    continue
                enc, rec = f.encounter()
                self._save_locked(enc, rec, None, user, "import", "import")
                (result.replaced if exists else result.added).append(f.account)
        return result

    def _add_new(self, items: list[tuple[Encounter, dict[str, Any]]], user: str) -> None:
        """Add encounters not in the store in one commit (see the module doc): a few fsyncs in all."""
        when = now_iso()
        self._commit_new([new_file(enc, rec, user, when) for enc, rec in items])

    def _commit_new(self, files: list[NewFile]) -> None:
        base = self.journal.new_id("")
        rows = [{**f.row, "id": base + k, "sha256": f.digest} for k, f in enumerate(files)]
        write_new(self, files, rows)
        self._queue.clear_cache()
        self._index.invalidate()
        self._tail_checked = (self.journal.generation, self.journal.offset)
        self._saves += len(files)


def _syncfs(path: Path) -> None:
    """Flush every file of the file system holding `path` (syncfs on Linux, sync elsewhere)."""
    libc_name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(libc_name, use_errno=True) if libc_name else None
    if libc is not None and hasattr(libc, "syncfs"):
        fd = os.open(path, os.O_RDONLY)
        try:
            if libc.syncfs(fd) == 0:
                return
        finally:
            os.close(fd)
    os.sync()


def _pending_name(final: Path) -> Path:
    return final.with_name(f".{final.name}{SUFFIX}")


def write_new(store: ImportMethods, files: Iterable[NewFile], rows: list[dict[str, Any]]) -> None:
    """Add encounters not yet in the store: `files` and their queue rows `rows` (each carrying its
    file's checksum, as a save's row does, so damage that still parses shows). Caller holds the
    exclusive lock and has caught up."""
    data = store.path / "data"
    write_atomic(data / MARKER, b"import\n", store.modes)
    folders: set[Path] = set()
    moves: list[tuple[Path, Path]] = []
    for f in files:
        final = store.file_of(f.account)
        if final.parent not in folders:
            make_dir(final.parent, store.modes)
            folders.add(final.parent)
        tmp = _pending_name(final)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, store.modes.file)
        try:
            os.fchmod(fd, store.modes.file)
            view = memoryview(f.blob)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        moves.append((tmp, final))
    _syncfs(data)
    store.journal.append_many(rows)  # the commit point
    _move_into_place(moves, folders)
    (data / MARKER).unlink()
    fsync_dir(data)


def encoded(data: dict[str, Any]) -> bytes:
    """An encounter file's bytes: what `AtomicJSONStorage.encode` writes (compact, UTF-8), by orjson,
    six times faster; stdlib json for anything orjson refuses (an integer past 64 bits)."""
    try:
        return orjson.dumps(data)
    except TypeError:  # orjson.JSONEncodeError
        return json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()


def _move_into_place(moves: list[tuple[Path, Path]], folders: set[Path]) -> None:
    for tmp, final in moves:
        os.replace(tmp, final)
    if len(folders) > FOLDER_FSYNCS:
        _syncfs(next(iter(folders)))  # every rename durable at once
    else:
        for folder in folders:
            fsync_dir(folder)


def finish_pending(store: ImportMethods) -> None:
    """Complete or undo an import cut short (see the module doc). Caller holds the exclusive lock
    and has read the journal."""
    data = store.path / "data"
    if not (data / MARKER).exists():
        return
    moves, folders = [], set()
    for tmp in (data / "encounters").glob(f"*/.*{SUFFIX}"):
        final = tmp.with_name(tmp.name[1:-len(SUFFIX)])
        try:
            doc = read_json(tmp)["encounter"]["1"]
            account, revision = doc["record"]["account"], doc["revision"]
        except Exception:  # noqa: BLE001 - a file cut short by the crash: never committed
            account, revision = None, None
        row = store.journal.rows.get(account) if account is not None else None
        if row is not None and row["revision"] == revision and store.file_of(account) == final:
            moves.append((tmp, final))
            folders.add(final.parent)
        else:
            tmp.unlink()
            folders.add(tmp.parent)
    _move_into_place(moves, folders)
    (data / MARKER).unlink()
    fsync_dir(data)
