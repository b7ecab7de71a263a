"""Backups of the encounter store: consistent tar snapshots with a SHA-256 manifest, rotated.

A backup is taken under the shared store lock (writers wait, readers do not), written to a temporary
file, fsynced and renamed into `backups/`. Restore verifies the manifest, unpacks into `data.new`
and swaps it for `data` (the replaced data is kept as `data.replaced-TIMESTAMP`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tarfile
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.fsutil import EXCLUSIVE, FileLock, atomic_path, fsync_dir
from workbench.store.files import Modes, StoreError, make_dir, read_json, write_atomic

if TYPE_CHECKING:
    from workbench.store.core import Store

KEEP = 7
AUTO_EVERY = dt.timedelta(hours=24)
PREFIX = "encounters-"


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
            seen = 0
            for info in tar:
                if info.name == "MANIFEST.json" or not info.isfile():
                    continue
                fh = tar.extractfile(info)
                digest = hashlib.sha256(fh.read() if fh else b"").hexdigest()
                if manifest["files"].get(info.name) != digest:
                    return [f"{path}: {info.name} does not match its checksum"]
                seen += 1
            if seen != len(manifest["files"]):
                return [f"{path}: {len(manifest['files']) - seen} files of the manifest are missing"]
    except (OSError, tarfile.TarError, ValueError, KeyError) as e:
        return [f"{path}: cannot be read ({e})"]
    return []


def newest_good_backup(db: Path) -> Path | None:
    for path in list_backups(db):
        if not verify_backup(path):
            return path
    return None


def create_backup(store: Store) -> Path:
    """Snapshot the database into backups/ and keep the newest KEEP backups."""
    folder = make_dir(store.path / "backups", store.modes)
    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S%f")
    target = folder / f"{PREFIX}{stamp}.tar"
    files: dict[str, str] = {}
    with atomic_path(target, store.modes.file) as tmp, tarfile.open(tmp, mode="w:") as tar:
        with store.reading():
            base = store.path
            members = [base / "meta.json", base / "data" / "queue.jsonl"]
            members += sorted((base / "data" / "encounters").glob("*/*.json"))
            for p in members:
                data = p.read_bytes()
                name = p.relative_to(base).as_posix()
                files[name] = hashlib.sha256(data).hexdigest()
                _add(tar, name, data)
            count = len(store)
        manifest = {"created": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                    "encounters": count, "files": files}
        _add(tar, "MANIFEST.json", json.dumps(manifest, indent=1).encode())
    for old in list_backups(store.path)[KEEP:]:
        old.unlink()
    return target


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def backup_if_due(store: Store) -> Path | None:
    newest = list_backups(store.path)
    if newest:
        age = dt.datetime.now().timestamp() - newest[0].stat().st_mtime
        if age < AUTO_EVERY.total_seconds():
            return None
    return create_backup(store)


def restore_backup(backup: Path, db: Path) -> Path | None:
    """Replace the data of the database at `db` with `backup`; return where the old data went."""
    problems = verify_backup(backup)
    if problems:
        raise StoreError("; ".join(problems) + "; nothing restored")
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
