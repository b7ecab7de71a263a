"""Durable files for the encounter store: atomic replacement, fsync, permissions, TinyDB storage.

Every write goes to a temporary file in the same folder, is fsynced, renamed over the target and
the folder is fsynced, so a crash leaves either the old or the new file, never a half-written one.
`AtomicJSONStorage` is a TinyDB storage built on that; `BatchMiddleware` turns the several TinyDB
writes of one save (record + audit entry) into one file replacement.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb.middlewares import Middleware
from tinydb.storages import Storage

from workbench import fsutil
from workbench.fsutil import fsync_dir


class StoreError(Exception):
    """Any error of the encounter store; `str()` is the message for the user."""


class StoreCorrupt(StoreError):
    """A store file cannot be read back. Names the file and the newest good backup."""

    def __init__(self, path: Path, problem: str, backup: Path | None = None):
        self.path = path
        self.problem = problem
        self.backup = backup
        msg = f"{path}: {problem}. The database was not changed."
        if backup is not None:
            msg += f" Newest good backup: {backup} (restore with `workbench db restore {backup}`)"
        else:
            msg += " No backup found; run `workbench db check` for details."
        super().__init__(msg)


@dataclass(frozen=True, slots=True)
class Modes:
    """File and folder modes: personal (0600/0700) or team (0660 in setgid 2770 folders)."""

    file: int = 0o600
    folder: int = 0o700

    @classmethod
    def team(cls) -> Modes:
        return cls(0o660, 0o2770)


def make_dir(path: Path, modes: Modes) -> Path:
    """Create `path` with the store's folder mode (parents too); new entries are fsynced into place."""
    if path.is_dir():
        return path
    if not path.parent.is_dir():
        make_dir(path.parent, modes)
    try:
        path.mkdir(mode=modes.folder)
    except FileExistsError:
        return path
    os.chmod(path, modes.folder)  # mkdir's mode is filtered by the umask; setgid needs chmod
    fsync_dir(path.parent)
    return path


def write_atomic(path: Path, data: bytes, modes: Modes) -> None:
    """Replace `path` with `data` durably, with the store's file mode (`fsutil.write_atomic`)."""
    fsutil.write_atomic(path, data, modes.file)


_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,79}")


def account_filename(account: str) -> str:
    """A file name for an account: itself when plain, else a readable escape plus a hash."""
    if _SAFE.fullmatch(account):
        return account + ".json"
    plain = re.sub(r"[^A-Za-z0-9._-]", "_", account)[:40]
    digest = hashlib.sha1(account.encode()).hexdigest()[:12]
    return f"_{plain}~{digest}.json"


def shard(account: str) -> str:
    """Two hex digits spreading encounter files over 256 folders."""
    return hashlib.sha1(account.encode()).hexdigest()[:2]


def read_json(path: Path) -> Any:
    """Decode a store file; a missing file raises FileNotFoundError, a damaged one StoreCorrupt."""
    with open(path, "rb") as fh:
        raw = fh.read()
    try:
        return json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        where = f" at byte {e.pos}" if isinstance(e, json.JSONDecodeError) else ""
        raise StoreCorrupt(path, f"not valid JSON{where} ({len(raw)} bytes)") from None


class AtomicJSONStorage(Storage):
    """TinyDB storage of one JSON file, replaced atomically and fsynced on every write."""

    def __init__(self, path: str | Path, modes: Modes = Modes(), create: bool = True):
        self.path = Path(path)
        self.modes = modes
        self.create = create

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            data = read_json(self.path)
        except FileNotFoundError:
            return None
        if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
            raise StoreCorrupt(self.path, "not a TinyDB document file (expected an object of tables)")
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        blob = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode()
        write_atomic(self.path, blob, self.modes)


class BatchMiddleware(Middleware):
    """Holds TinyDB's writes inside `with batch():` and writes the final state once at the end."""

    def __init__(self, storage_cls: type[Storage] = AtomicJSONStorage):
        super().__init__(storage_cls)
        self._pending: dict[str, dict[str, Any]] | None = None
        self._depth = 0

    def read(self) -> dict[str, dict[str, Any]] | None:
        if self._pending is not None:
            return self._pending
        return self.storage.read()

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if self._depth:
            self._pending = data
        else:
            self.storage.write(data)

    @contextmanager
    def batch(self) -> Iterator[None]:
        self._depth += 1
        try:
            yield
        except BaseException:
            self._pending = None
            raise
        finally:
            self._depth -= 1
        if self._depth == 0 and self._pending is not None:
            data, self._pending = self._pending, None
            self.storage.write(data)
