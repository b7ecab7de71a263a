"""Adding many new encounters at once (import) at the cost of a few fsyncs instead of three each.

A save makes its queue row and its file durable one by one (three fsyncs). An import of 100,000 new
encounters that way spends minutes in fsync, so it commits in phases instead, each one safe to cut:

1. `data/import.pending` is written: an import is under way.
2. Every encounter file is written beside its place as `.NAME.import` (no fsync each), then the whole
   file system is synced once.
3. The queue rows are appended to the journal in one write and one fsync: this is the commit point.
4. Each `.import` file is renamed into place, the folders are synced, the marker is removed.

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
from pathlib import Path
from typing import TYPE_CHECKING, Any

from workbench.fsutil import fsync_dir
from workbench.store.files import content_digest, make_dir, read_json, write_atomic

if TYPE_CHECKING:
    from workbench.store.core import Store

MARKER = "import.pending"
SUFFIX = ".import"


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


def write_new(store: Store, docs: Iterable[tuple[str, dict[str, Any], dict[str, Any]]],
              rows: list[dict[str, Any]]) -> None:
    """Add encounters not yet in the store: `docs` gives (account, encounter doc, audit entry) and
    `rows` their queue rows. Caller holds the exclusive lock and has caught up."""
    data = store.path / "data"
    write_atomic(data / MARKER, b"import\n", store.modes)
    folders: set[Path] = set()
    moves: list[tuple[Path, Path]] = []
    digests: dict[str, str] = {}
    for account, doc, audit in docs:
        final = store.file_of(account)
        if final.parent not in folders:
            make_dir(final.parent, store.modes)
            folders.add(final.parent)
        tmp = _pending_name(final)
        blob = json.dumps({"encounter": {"1": doc}, "audit": {"1": audit}}, ensure_ascii=False,
                          separators=(",", ":")).encode()
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, store.modes.file)
        try:
            os.fchmod(fd, store.modes.file)
            view = memoryview(blob)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)
        digests[account] = content_digest(blob)
        moves.append((tmp, final))
    _syncfs(data)
    # each row carries its file's checksum, as a save's does, so damage that still parses shows
    rows = [{**r, "sha256": digests[r["account"]]} if r["account"] in digests else r for r in rows]
    store.journal.append_many(rows)  # the commit point
    _move_into_place(moves, folders)
    (data / MARKER).unlink()
    fsync_dir(data)


def _move_into_place(moves: list[tuple[Path, Path]], folders: set[Path]) -> None:
    for tmp, final in moves:
        os.replace(tmp, final)
    for folder in folders:
        fsync_dir(folder)


def finish_pending(store: Store) -> None:
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
