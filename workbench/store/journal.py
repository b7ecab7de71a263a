"""The queue journal: an append-only, checksummed file of queue rows, one per save, last one wins.

Each line is `<crc32 hex> <json>`; the first line is a header with a generation id. A save appends
one line and fsyncs it, so its cost does not depend on the size of the database. Compaction rewrites
the file with one row per encounter (atomic replacement, new generation) when it has grown to
several times that. Other processes follow the file by offset and reload when the generation
(inode) changes. A damaged last line is an unacknowledged append cut by a crash; it is dropped by
the next writer. A damaged line before the last is corruption and is reported, never skipped.
An import's commit (`append_many`) is a group: a `{"group": N}` line, then its N rows, in one write;
a group whose rows are not all there was cut by a crash (a kill can end a large write part way) and
is dropped whole, as a damaged last line is.

At 100,000 encounters reading every line back costs seconds, so the rows are also kept in a snapshot
(`queue.snapshot`, marshal of the row tuples, written at close when the journal has moved on): an open
loads it and reads only the lines after it. The snapshot is a cache, never the truth: it names the
journal generation, the offset it covers and a checksum of the bytes before that offset, and anything
that does not match (another generation, a restore, a damaged or foreign file) is ignored and the
whole journal is read.

`JournalStorage` exposes the rows to TinyDB as the table `queue`, so the queue is searched with
ordinary TinyDB queries.
"""

from __future__ import annotations

import gc
import marshal
import os
import uuid
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import orjson
from tinydb.storages import Storage

from workbench.store.files import Modes, StoreCorrupt, write_atomic
from workbench.store.queue_rows import FIELDS, Row, RowData

FORMAT = "workbench-queue"
VERSION = 1
SNAPSHOT = "queue.snapshot"
SNAPSHOT_FORMAT = "workbench-queue-snapshot-1"
SNAPSHOT_AT_LEAST = 2000  # rows: below this, reading the journal is quick enough
SNAPSHOT_EVERY = 500  # journal lines past the snapshot before it is written again
_TAIL = 4096  # bytes before the snapshot's offset whose checksum ties the snapshot to the journal


_DISCHARGE, _ACCOUNT = FIELDS.index("discharge_date"), FIELDS.index("account")


def _by_discharge(r: Row) -> tuple[bool, str, str]:
    """The queue's first order (by discharge date, then account): kept in the snapshot, the first sort of
    an open finds its rows already in order (a pass instead of a sort)."""
    d = tuple.__getitem__(r, _DISCHARGE)
    return d is None, d or "", tuple.__getitem__(r, _ACCOUNT)


def encode_line(obj: RowData) -> bytes:
    body = orjson.dumps(obj.to_dict() if isinstance(obj, Row) else obj)
    return b"%08x %s\n" % (zlib.crc32(body), body)


def _whole_group(data: bytes, start: int, rows: int) -> bool:
    """Whether `rows` whole lines follow `start` in `data` (a group's rows all written)."""
    if start <= 0:
        return False  # the group line itself is the last, unfinished line
    for _ in range(rows):
        end = data.find(b"\n", start)
        if end < 0:
            return False
        start = end + 1
    return True


def decode_line(line: bytes) -> dict[str, Any] | None:
    """The object of one line (without its newline), or None when the checksum or JSON is wrong."""
    if len(line) < 10 or line[8:9] != b" ":
        return None
    body = line[9:]
    try:
        if int(line[:8], 16) != zlib.crc32(body):
            return None
        obj = orjson.loads(body)
    except ValueError:
        return None
    return obj if isinstance(obj, dict) else None


class QueueJournal:
    """The in-memory queue (rows by account) kept in step with the journal file on disk."""

    def __init__(self, path: Path, modes: Modes):
        self.path = path
        self.modes = modes
        self.rows: dict[str, Row] = {}  # account -> row (row["id"] is its TinyDB doc id)
        self.lines = 0
        self.offset = 0
        self.inode: tuple[int, int] | None = None
        self.torn_at: int | None = None  # offset of a damaged final line, dropped by the next writer
        self.last_account: str | None = None
        self.replaced: Row | None = None
        self.generation = ""
        self._next_id = 1
        self.snapshot_offset = 0  # what the snapshot on disk covers (0: none known)
        self.snapshot_lines = 0

    # -- reading ---------------------------------------------------------------------------

    def create(self) -> None:
        self.generation = uuid.uuid4().hex
        write_atomic(self.path, encode_line(self._header()), self.modes)
        self.reload()

    def _header(self) -> dict[str, Any]:
        return {"format": FORMAT, "version": VERSION, "generation": self.generation}

    def reload(self) -> None:
        self.rows.clear()
        self.lines = self.offset = 0
        self.snapshot_offset = self.snapshot_lines = 0
        self.inode = None
        self._next_id = 1
        self.catch_up()

    def catch_up(self) -> set[str]:
        """Read what other processes appended since last time; return the accounts that changed."""
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            raise StoreCorrupt(self.path, "the queue journal is missing") from None
        if self.inode is not None and (st.st_dev, st.st_ino) != self.inode:
            self.reload()  # compacted or restored by another process: start over
            return set(self.rows)
        if st.st_size == self.offset and self.inode is not None:
            return set()
        with open(self.path, "rb") as fh:
            ist = os.fstat(fh.fileno())
            if self.inode is None:
                self.inode = (ist.st_dev, ist.st_ino)
                if self.offset == 0:
                    self._load_snapshot(fh, ist.st_size)
            elif (ist.st_dev, ist.st_ino) != self.inode:
                self.reload()
                return set(self.rows)
            fh.seek(self.offset)
            data = fh.read()
        if len(data) < 1 << 20:
            return self._apply(data)
        gc.disable()  # a whole journal: many new rows, nothing for the collector to find
        try:
            return self._apply(data)
        finally:
            gc.enable()

    # -- the snapshot (a cache of the rows up to an offset) ---------------------------------

    @property
    def snapshot_path(self) -> Path:
        return self.path.with_name(SNAPSHOT)

    def _tail_crc(self, fh: Any, offset: int) -> int:
        start = max(0, offset - _TAIL)
        fh.seek(start)
        return zlib.crc32(fh.read(offset - start))

    def _load_snapshot(self, fh: Any, size: int) -> None:
        """Take the rows from the snapshot when it matches this journal file; otherwise leave them
        to be read from the journal."""
        try:
            with open(self.snapshot_path, "rb") as sf:
                raw = sf.read()  # marshal.load on the file reads it in small pieces: 5x slower
            gc.disable()  # 100,000 new tuples would run the collector over and over for nothing
            try:
                snap = marshal.loads(raw)
            finally:
                gc.enable()
            if not isinstance(snap, dict) or snap.get("format") != SNAPSHOT_FORMAT \
                    or snap["fields"] != FIELDS:
                return
            offset, lines = snap["offset"], snap["lines"]
            if not (isinstance(offset, int) and 0 < offset <= size and isinstance(lines, int)):
                return
            fh.seek(0)
            header = decode_line(fh.readline().rstrip(b"\n"))
            if header is None or header.get("generation") != snap["generation"]:
                return
            if self._tail_crc(fh, offset) != snap["tail_crc"]:
                return
            new = tuple.__new__
            gc.disable()
            try:
                self.rows.update({r[1]: new(Row, r) for r in snap["rows"]})  # (the index holds this dict)
            finally:
                gc.enable()
        except (OSError, ValueError, EOFError, TypeError, KeyError, IndexError):
            self.rows.clear()
            return
        self.generation = snap["generation"]
        self.offset, self.lines = offset, lines
        self.snapshot_offset, self.snapshot_lines = offset, lines
        self._next_id = snap["next_id"]
        self.last_account = snap["last_account"]

    def write_snapshot(self) -> bool:
        """Write the snapshot of the rows read so far, when it is worth it (caller holds the store's
        exclusive lock and has caught up). A cache: written atomically, not fsynced."""
        if len(self.rows) < SNAPSHOT_AT_LEAST or self.torn_at is not None:
            return False
        if self.snapshot_offset and self.lines - self.snapshot_lines < SNAPSHOT_EVERY:
            return False
        with open(self.path, "rb") as fh:
            tail = self._tail_crc(fh, self.offset)
        snap = {"format": SNAPSHOT_FORMAT, "fields": FIELDS, "generation": self.generation,
                "offset": self.offset, "lines": self.lines, "tail_crc": tail, "next_id": self._next_id,
                "last_account": self.last_account,
                "rows": [tuple(r) for r in sorted(self.rows.values(), key=_by_discharge)]}
        tmp = self.snapshot_path.with_name(f".{SNAPSHOT}.{os.getpid()}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, self.modes.file)
        try:
            os.fchmod(fd, self.modes.file)
            with os.fdopen(fd, "wb") as out:
                marshal.dump(snap, out, 4)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        os.replace(tmp, self.snapshot_path)
        self.snapshot_offset, self.snapshot_lines = self.offset, self.lines
        return True

    def _apply(self, data: bytes) -> set[str]:
        changed: set[str] = set()
        pos = 0
        self.torn_at = None
        while pos < len(data):
            end = data.find(b"\n", pos)
            line = data[pos:] if end < 0 else data[pos:end]
            obj = decode_line(line)
            if obj is None:
                if end < 0 or end == len(data) - 1:  # the final line: an append cut short by a crash
                    self.torn_at = self.offset + pos
                    break
                raise StoreCorrupt(self.path, f"line {self.lines + 1} is damaged (checksum or JSON wrong)")
            if "group" in obj and "account" not in obj and not _whole_group(data, end + 1, obj["group"]):
                self.torn_at = self.offset + pos  # a bulk commit cut short by a crash: none of it counts
                break
            self.lines += 1
            if self.lines == 1:
                if obj.get("format") != FORMAT:
                    raise StoreCorrupt(self.path, "line 1 is not a workbench queue header")
                if obj.get("version", 0) > VERSION:
                    raise StoreCorrupt(self.path, f"written by a newer workbench (version {obj['version']})")
                self.generation = obj.get("generation", "")
            elif "account" in obj:
                self._put(obj)
                changed.add(obj["account"])
                self.last_account = obj["account"]
            pos = end + 1
        self.offset += pos  # a damaged final line is left for the next writer to cut off
        if self.lines == 0 and self.torn_at is None:
            raise StoreCorrupt(self.path, "the queue journal is empty (no header line)")
        return changed

    @property
    def by_id(self) -> dict[str, Row]:
        """The rows by str(doc id): the TinyDB table (built when asked; the queue index does not use it)."""
        return {str(r["id"]): r for r in self.rows.values()}

    def _put(self, row: RowData) -> None:
        old = self.rows.get(row["account"])
        self.replaced = old  # the row this one replaces (the store's tail recovery compares the two)
        self._next_id = max(self._next_id, int(row["id"]) + 1)
        if row.get("deleted"):  # written by crash recovery: the encounter's first save never landed
            self.rows.pop(row["account"], None)
            return
        self.rows[row["account"]] = row if isinstance(row, Row) else Row.of(row)

    # -- writing (caller holds the exclusive store lock and has caught up) -------------------

    def new_id(self, account: str) -> int:
        old = self.rows.get(account)
        return int(old["id"]) if old else self._next_id

    def append(self, row: RowData) -> None:
        """Append one row and fsync: the row is durable when this returns."""
        line = encode_line(row)
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        try:
            if self.torn_at is not None:  # drop the unacknowledged, damaged tail first
                os.ftruncate(fd, self.torn_at)
                self.torn_at = None
            os.write(fd, line)
            os.fsync(fd)
        finally:
            os.close(fd)
        self.offset += len(line)
        self.lines += 1
        self._put(row)
        self.last_account = row["account"]

    def append_many(self, rows: Sequence[RowData]) -> None:
        """Append rows in one write and one fsync (a bulk import's commit point)."""
        if not rows:
            return
        # A group line first: a kill -9 can cut one large write short (the kernel stops between pages
        # on a fatal signal), and a reader keeps a group only when all of its rows are there.
        head = [encode_line({"group": len(rows)})] if len(rows) > 1 else []
        data = b"".join([*head, *(encode_line(r) for r in rows)])
        fd = os.open(self.path, os.O_WRONLY | os.O_APPEND)
        try:
            if self.torn_at is not None:
                os.ftruncate(fd, self.torn_at)
                self.torn_at = None
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
            os.fsync(fd)
        finally:
            os.close(fd)
        self.offset += len(data)
        self.lines += len(rows)
        for row in rows:
            self._put(row)
        self.last_account = rows[-1]["account"]

    def should_compact(self) -> bool:
        return self.lines > 2 * len(self.rows) + 1000

    def compact(self) -> None:
        """Rewrite the journal as one row per encounter (atomic replacement, new generation)."""
        self.generation = uuid.uuid4().hex
        parts = [encode_line(self._header())]
        parts += [encode_line(row) for row in sorted(self.rows.values(), key=lambda r: r["id"])]
        write_atomic(self.path, b"".join(parts), self.modes)
        self.reload()


class JournalStorage(Storage):
    """Read-only TinyDB view of the journal: the table `queue` holds one document per encounter."""

    def __init__(self, journal: QueueJournal):
        self.journal = journal

    def read(self) -> dict[str, dict[str, Any]]:
        return {"queue": self.journal.by_id}

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        raise TypeError("the queue is written through Store.save, not through TinyDB")
