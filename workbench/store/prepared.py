"""A save whose slow half runs outside the store lock, so that coders saving at once wait for one fsync
each, not three (issue #20: twenty coders saving at once).

A save of an encounter already on disk goes in two steps:

1. Prepared, holding no lock: the file is read (its bytes and their checksum), the new file (record and
   audit entry) is built and written beside it as `.NAME.json.<pid>-<random>.save`, fsynced, and its
   folder fsynced. Other processes' prepared saves run at the same time, and their fsyncs overlap.
2. Committed, under the exclusive lock: the queue row must still be the one the file was read at (same
   revision, same checksum; every write of an encounter file journals its checksum first, so an
   unchanged row means an unchanged file). The new row takes its id and lock from that row (never from
   the journal as read without the lock), is appended and fsynced (the commit point) and
   the prepared file is renamed into place. If the row moved on, the prepared file is dropped and the
   save is done the careful way under the lock (`Store._save_locked`: a stale revision becomes a draft).

The rename is not fsynced before the save is acknowledged. After a power cut the rename may be lost
while its row is durable; the prepared file is durable, so the next open renames it into place
(`roll_forward`): a prepared file whose checksum is its account's queue row is a committed save.
A process killed between its row and its rename leaves its row last in the journal, and the next
writer corrects the row from the file (`Store._recover_tail`), as for any save.
"""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.fsutil import fsync_dir
from workbench.model.encounter import Encounter
from workbench.store.files import AtomicJSONStorage, content_digest, make_dir, write_atomic
from workbench.store.hygiene import PREPARED
from workbench.store.model import (
    WorkflowError,
    check_edit,
    check_transition,
    diff_records,
    stored_doc,
    summary_row,
)
from workbench.store.queue_rows import RowData

if TYPE_CHECKING:
    from workbench.store.core import Store

SUFFIX = PREPARED


@dataclass(slots=True)
class Prepared:
    """A new encounter file written beside the old one, waiting for its commit."""

    account: str
    path: Path  # the prepared file
    blob: bytes
    base_revision: int  # the revision and checksum of the file it was built from
    base_digest: str
    row: dict[str, Any]  # the queue row to append (its sha256 is the blob's)
    revision: int
    # The file read, held open until the save is over. The kernel frees a replaced file's blocks when
    # its last descriptor closes: with this one open, that happens at `release`, after the lock is let
    # go, not inside the rename under it (3-4 ms of a 5-11 ms hold when coders save at once).
    old: int = -1

    def release(self) -> None:
        """Close the file read (the caller holds no store lock by now); again is a no-op."""
        if self.old >= 0:
            os.close(self.old)
            self.old = -1

    def drop(self) -> None:
        self.path.unlink(missing_ok=True)
        self.release()


def plan_save(enc: Encounter, rec: dict[str, Any], doc: dict[str, Any] | None, reason: str | None,
              action: str) -> tuple[str, list[dict[str, Any]]] | None:
    """The audit action and changes of saving `rec` over the stored `doc`; None when nothing changed.
    Raises WorkflowError for a status move or an edit the workflow refuses."""
    account = enc.account
    before = doc["record"] if doc else None
    status_action = check_transition(account, before["status"], enc.status, reason) if before else None
    changes = diff_records(before, rec)
    if before and action != "import":
        check_edit(account, before["status"], enc.status, [c["field"] for c in changes])
    if doc and doc.get("grouping") != enc.grouping:
        changes.append({"field": "grouping", "before": doc.get("grouping"), "after": enc.grouping})
    if doc and not changes:
        return None
    if not doc:
        action = "import" if action == "import" else "create"
    elif status_action == "reopen" or (status_action and len(changes) == 1):
        action = status_action
    return action, changes


def prepare_save(store: Store, enc: Encounter, rec: dict[str, Any], expected: int, user: str,
                 reason: str | None, when: str) -> Prepared | None:
    """Step 1, without the lock: the new file of a save written beside the old one; None when the
    save is to be done under the lock (a new encounter, a stale revision, no change, a workflow
    refusal, a file that does not read: that path reports them)."""
    final = store.file_of(enc.account)
    current = open_current(final)
    if current is None:
        return None
    fd, blob, data = current
    try:
        prep = _prepared(store, enc, rec, expected, user, reason, when, final, blob, data)
    except BaseException:
        os.close(fd)
        raise
    if prep is None:
        os.close(fd)
    else:
        prep.old = fd
    return prep


def _prepared(store: Store, enc: Encounter, rec: dict[str, Any], expected: int, user: str,
              reason: str | None, when: str, final: Path, blob: bytes,
              data: dict[str, Any]) -> Prepared | None:
    doc = data["encounter"]["1"]
    if doc["revision"] != expected:
        return None
    try:
        plan = plan_save(enc, rec, doc, reason, "save")
    except WorkflowError:
        return None
    if plan is None:
        return None
    action, changes = plan
    rev = expected + 1
    out = encode(new_tables(data, stored_doc(enc, rec, rev, user, when),
                            {"revision": rev, "user": user, "when": when, "action": action,
                             "reason": reason or "", "changes": changes}))
    # The row's id and lock are the journal's at the commit (under the lock, caught up): read here, without
    # the lock, the journal may not hold this account's row yet, or be half reloaded by another thread.
    row = summary_row(enc, rev, user, when, 0, None)
    row["sha256"] = content_digest(out)
    path = write_prepared(final, out, store.modes.file)
    return Prepared(enc.account, path, out, expected, content_digest(blob), row, rev)


def open_current(path: Path) -> tuple[int, bytes, dict[str, Any]] | None:
    """The descriptor (left open), the bytes and the parsed TinyDB tables of an encounter file; None
    (nothing left open) when it is missing or does not parse (the careful path under the lock reports
    it)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except FileNotFoundError:
        return None
    try:
        blob = b"".join(iter(lambda: os.read(fd, 1 << 16), b""))
        data = _tables(blob)
    except BaseException:
        os.close(fd)
        raise
    if data is None:
        os.close(fd)
        return None
    return fd, blob, data


def _tables(blob: bytes) -> dict[str, Any] | None:
    try:
        data = json.loads(blob)
    except (UnicodeDecodeError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("encounter"), dict):
        return None
    doc = data["encounter"].get("1")
    if not isinstance(doc, dict) or not isinstance(doc.get("revision"), int):
        return None
    return data


def new_tables(data: dict[str, Any], doc: dict[str, Any], audit: dict[str, Any]) -> dict[str, Any]:
    """The TinyDB tables after `upsert(doc, doc_id=1)` on `encounter` and `insert(audit)` on `audit`,
    as TinyDB would write them (next audit id: the largest plus one)."""
    trail = dict(data.get("audit") or {})
    next_id = max((int(k) for k in trail), default=0) + 1
    trail[str(next_id)] = audit
    out = dict(data)
    out["encounter"] = {**data["encounter"], "1": doc}
    out["audit"] = trail
    return out


def write_prepared(final: Path, blob: bytes, mode: int) -> Path:
    """Write `blob` beside `final` as a prepared file, durable (file and folder fsynced)."""
    path = final.with_name(f".{final.name}.{os.getpid()}-{secrets.token_hex(4)}{SUFFIX}")
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.fchmod(fd, mode)  # the umask must not change the mode (team stores are 0660)
        view = memoryview(blob)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        path.unlink(missing_ok=True)
        raise
    os.close(fd)
    fsync_dir(final.parent)
    return path


def encode(data: dict[str, Any]) -> bytes:
    return AtomicJSONStorage.encode(data)


def commit_prepared(store: Store, prep: Prepared) -> bool:
    """Append the row and rename the file into place; False (nothing written) when the row moved on
    since the file was read. Caller holds the exclusive lock and has caught up."""
    row = store.journal.rows.get(prep.account)
    if row is None or row["revision"] != prep.base_revision or row.get("sha256") != prep.base_digest:
        return False
    prep.row["id"] = row["id"]  # the encounter's queue id (TinyDB doc id), as the journal has it now
    store._append_row(prep.row)  # durable: the commit point
    final = store.file_of(prep.account)
    try:
        os.replace(prep.path, final)
    except FileNotFoundError:  # removed by another process's clean-up at its open: write it again
        write_atomic(final, prep.blob, store.modes)
    return True


def _prepared_files(final: Path) -> list[Path]:
    try:
        names = os.listdir(final.parent)
    except FileNotFoundError:
        return []
    head = f".{final.name}."
    return [final.with_name(n) for n in names if n.startswith(head) and n.endswith(SUFFIX)]


def rename_committed(store: Store, account: str, row: RowData) -> bool:
    """If a prepared file of `account` is the file `row` committed (a save whose rename a kill or a
    power cut lost), rename it into place. Caller holds the exclusive lock."""
    final = store.file_of(account)
    for path in _prepared_files(final):
        try:
            digest = content_digest(path.read_bytes())
        except FileNotFoundError:
            continue
        if digest == row.get("sha256"):
            os.replace(path, final)
            fsync_dir(final.parent)
            return True
    return False


def roll_forward(store: Store, found: list[Path]) -> list[Path]:
    """At open, under the exclusive lock with the journal loaded: rename into place each prepared file
    (of those `found` by `hygiene.remove_leftovers`) that its account's queue row committed (renames a
    power cut lost, perhaps several); remove the others (saves that never committed). Returns the
    files removed."""
    removed: list[Path] = []
    for path in found:
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            continue
        account = _account_of(blob)
        row = store.journal.rows.get(account) if account else None
        if account and row is not None and row.get("sha256") == content_digest(blob):
            final = store.file_of(account)
            try:
                current = content_digest(final.read_bytes())
            except FileNotFoundError:
                current = None
            if current != row["sha256"] and path.parent == final.parent:
                make_dir(final.parent, store.modes)
                os.replace(path, final)
                fsync_dir(final.parent)
                continue
        path.unlink(missing_ok=True)
        removed.append(path)
    return removed


def _account_of(blob: bytes) -> str | None:
    try:
        doc = json.loads(blob)["encounter"]["1"]
        account = doc["record"]["account"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return None
    return account if isinstance(account, str) else None


__all__ = ["Prepared", "commit_prepared", "plan_save", "prepare_save", "rename_committed", "roll_forward",
           "stored_doc"]
