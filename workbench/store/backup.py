"""Backups of the encounter store: consistent tar snapshots with a SHA-256 manifest, rotated.

A backup reads the encounter files without holding the store lock (a save renames a whole new file
into place, so each read is one complete version; at 100,000 encounters the read takes seconds and every
coder's save would wait for it), then catches up under the shared lock: the files of encounters saved
meanwhile are read again there, with the journal as it is then, so the backup is the database at that
moment. A file read twice is in the tar twice; the last copy is the one the manifest and restore use.
It is written to a temporary file, fsynced and renamed into `backups/`. An encounter file that fails
its check (its checksum in the queue journal, its JSON, its record) is left out and named in the
manifest (`left_out`): such a backup is incomplete, and rotation never removes the newest complete one,
so damage is never carried into every backup. Restore verifies the manifest and every member's name,
unpacks into `data.new` and swaps it for `data` (the replaced data is kept as `data.replaced-TIMESTAMP`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import shutil
import tarfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.fsutil import EXCLUSIVE, FileLock, atomic_path, fsync_dir
from workbench.store.files import (
    Modes,
    StoreError,
    account_filename,
    content_digest,
    make_dir,
    read_json,
    shard,
    write_atomic,
)
from workbench.store.queue_rows import RowData
from workbench.store.tar_stream import TarStream
from workbench.store.verify import file_problem

if TYPE_CHECKING:
    from workbench.store.core import Store

KEEP = 7
AUTO_EVERY = dt.timedelta(hours=24)
PREFIX = "encounters-"


class BackupIncomplete(StoreError):
    """The backup was written without the files that failed their check (named in the message)."""

    def __init__(self, path: Path, left_out: dict[str, str], good: Path | None):
        self.path, self.left_out, self.good = path, left_out, good
        super().__init__(f"backup {path} written, but {len(left_out)} damaged file(s) were left out: "
                         + "; ".join(left_out.values())
                         + (f". Newest complete backup (kept): {good}" if good else
                            ". There is no complete backup yet"))


def _member_ok(name: str) -> bool:
    """Names a backup may hold: meta.json, the journal, encounter files in their shard folders."""
    parts = name.split("/")
    return name in ("meta.json", "data/queue.jsonl", "MANIFEST.json") or (
        len(parts) == 4 and parts[:2] == ["data", "encounters"] and len(parts[2]) == 2
        and parts[3].endswith(".json") and not parts[3].startswith(".") and ".." not in parts)


def list_backups(db: Path) -> list[Path]:
    """Backups of the database at `db`, newest first."""
    folder = db / "backups"
    return sorted(folder.glob(f"{PREFIX}*.tar"), reverse=True) if folder.is_dir() else []


def verify_backup(path: Path) -> list[str]:
    """Problems of a backup file (empty when every member matches its manifest checksum)."""
    try:
        with tarfile.open(path, "r:") as tar:
            member = tar.extractfile("MANIFEST.json")
            manifest = json.load(member) if member else None
            if not isinstance(manifest, dict):
                return [f"{path}: no MANIFEST.json"]
            files = manifest.get("files")
            if not isinstance(files, dict) or "data/queue.jsonl" not in files:
                return [f"{path}: the manifest lists no queue journal (an empty or foreign backup)"]
            last: dict[str, str] = {}  # a file saved during the backup is in it twice: the last counts
            for info in tar:
                if not _member_ok(info.name) or not (info.isfile() or info.isdir()):
                    return [f"{path}: unexpected member {info.name!r} (not a database file)"]
                if info.name == "MANIFEST.json" or not info.isfile():
                    continue
                fh = tar.extractfile(info)
                last[info.name] = hashlib.sha256(fh.read() if fh else b"").hexdigest()
            for name, digest in last.items():
                if manifest["files"].get(name) != digest:
                    return [f"{path}: {name} does not match its checksum"]
            if len(last) != len(manifest["files"]):
                return [f"{path}: {len(manifest['files']) - len(last)} files of the manifest are missing"]
    except (OSError, tarfile.TarError, ValueError, KeyError) as e:
        return [f"{path}: cannot be read ({e})"]
    return []


def _manifest(path: Path) -> dict[str, Any]:
    try:
        with tarfile.open(path, "r:") as tar:
            member = tar.extractfile("MANIFEST.json")
            manifest = json.load(member) if member else None
    except (OSError, tarfile.TarError, ValueError, KeyError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def backup_problems(path: Path) -> list[str]:
    """Why a backup is not a good one to restore: it does not verify, or it left damaged files out."""
    problems = verify_backup(path)
    if not problems:
        left = _manifest(path).get("left_out") or {}
        if left:
            problems = [f"{path}: incomplete, {len(left)} damaged file(s) left out ({', '.join(left)})"]
    return problems


def newest_good_backup(db: Path) -> Path | None:
    """The newest backup that verifies and is complete."""
    for path in list_backups(db):
        if not backup_problems(path):
            return path
    return None


def create_backup(store: Store, on_stage: Callable[[str], None] | None = None) -> Path:
    """Snapshot the database into backups/ and keep the newest KEEP backups (and the newest complete
    one). Raises BackupIncomplete, after writing the backup, when files failed their check.

    `on_stage` (tests, the benchmark) is called outside the lock with "listed" once the encounters to read
    are known, "read" once their files are read and "caught up" after the final catch-up."""
    folder = make_dir(store.path / "backups", store.modes)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    target = folder / f"{PREFIX}{stamp}.tar"
    files: dict[str, str] = {}
    left_out: dict[str, str] = {}
    with atomic_path(target, store.modes.file) as tmp, open(tmp, "wb", buffering=1 << 20) as fh:
        tar = TarStream(fh)
        with store.reading():
            listed = dict(store.journal.rows)  # rows are immutable: a save puts a new one
        if on_stage:
            on_stage("listed")
        again: set[str] = set()
        for account in sorted(listed):
            problem = _add_encounter(store, tar, files, account, listed[account])
            if problem:
                again.add(account)  # perhaps saved as it was read: looked at again under the lock
        if on_stage:
            on_stage("read")
        base = store.path
        with store.reading():  # only reads here; checking and writing them wait for the lock's release
            rows = store.journal.rows
            again |= {a for a, row in rows.items()  # an unchanged row is the very object listed
                      if row is not listed.get(a) and _version(row) != _version(listed.get(a))}
            # (an account gone from the journal: the database was restored meanwhile, not backed up here)
            reread = [(a, rows[a], _read(store.file_of(a))) for a in sorted(again) if a in rows]
            kept = [(p.relative_to(base).as_posix(), p.read_bytes())
                    for p in (base / "meta.json", base / "data" / "queue.jsonl")]
            count = len(rows)
        if on_stage:
            on_stage("caught up")
        for account, row, data in reread:
            problem = _add_encounter(store, tar, files, account, row, data)
            if problem:
                left_out[store.file_of(account).relative_to(base).as_posix()] = problem
        for name, data in kept:
            _add_file(tar, files, name, data)
        manifest = {"created": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                    "encounters": count, "files": files, "left_out": left_out}
        tar.add("MANIFEST.json", json.dumps(manifest, indent=1).encode())
        tar.finish()
    # Only an incomplete backup needs the newest complete one found (read back and verified: at 100,000
    # encounters that read was a third of every backup's time); it is then kept whatever its age.
    good = target if not left_out else newest_good_backup(store.path)
    for old in list_backups(store.path)[KEEP:]:
        if old != good:
            old.unlink()
    if left_out:
        raise BackupIncomplete(target, left_out, good)
    return target


def _version(row: RowData | None) -> tuple[Any, Any]:
    """What a row says of its file (a lock taken or released changes the row, not the file)."""
    return (row.get("revision"), row.get("sha256")) if row is not None else (None, None)


def _read(path: Path | str) -> bytes | None:
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except FileNotFoundError:
        return None


def _add_encounter(store: Store, tar: TarStream, files: dict[str, str], account: str,
                   row: RowData, data: bytes | None = None) -> str | None:
    """Add the file of `account` (its bytes `data`, read when not given) when it is the version `row`
    names; otherwise say what is wrong. (Paths as text: pathlib's objects cost a 100,000-encounter
    backup seconds.)"""
    name = f"data/encounters/{shard(account)}/{account_filename(account)}"  # `store.file_of`, relative
    full = os.path.join(store.path, name)
    if data is None:
        data = _read(full)
    if data is None:
        return f"{full}: missing"
    digest = content_digest(data)
    if row.get("sha256") != digest:  # not byte for byte what the save wrote: read back to say why
        problem = file_problem(Path(full), account, row, data, digest)
        if problem is not None:
            return problem
    _add_file(tar, files, name, data, digest)
    return None


def _add_file(tar: TarStream, files: dict[str, str], name: str, data: bytes,
              digest: str | None = None) -> None:
    files[name] = digest or hashlib.sha256(data).hexdigest()
    tar.add(name, data)


def backup_if_due(store: Store) -> Path | None:
    newest = list_backups(store.path)
    if newest:
        age = dt.datetime.now().timestamp() - newest[0].stat().st_mtime
        if age < AUTO_EVERY.total_seconds():
            return None
    try:
        return create_backup(store)
    except BackupIncomplete as e:  # `db check` and opening the damaged encounter report the damage
        return e.path


def restore_backup(backup: Path, db: Path) -> Path | None:
    """Replace the data of the database at `db` with `backup`; return where the old data went."""
    problems = backup_problems(backup)
    if problems:
        good = newest_good_backup(db)
        raise StoreError("; ".join(problems) + "; nothing restored"
                         + (f" (newest good backup: {good})" if good and good != backup else ""))
    meta_path = db / "meta.json"
    modes = Modes.team() if meta_path.exists() and read_json(meta_path).get("group") else Modes()
    make_dir(db, modes)
    with FileLock(db / "lock", modes.file) as lock, lock.hold(EXCLUSIVE):
        new = db / "data.new"
        if new.exists():
            shutil.rmtree(new)
        with tarfile.open(backup, "r:") as tar:
            for info in tar:
                if not info.isfile() or info.name == "MANIFEST.json":
                    continue
                fh = tar.extractfile(info)
                data = fh.read() if fh else b""
                if info.name == "meta.json":
                    if not meta_path.exists():
                        write_atomic(meta_path, data, modes)
                    continue
                rel = Path(info.name).relative_to("data")
                if ".." in rel.parts:
                    raise StoreError(f"{backup}: unsafe member name {info.name}")
                out = new / rel
                make_dir(out.parent, modes)
                write_atomic(out, data, modes)
        make_dir(new / "encounters", modes)
        stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
        old: Path | None = None
        if (db / "data").exists():
            old = db / f"data.replaced-{stamp}"
            os.replace(db / "data", old)
        os.replace(new, db / "data")
        fsync_dir(db)
    return old
