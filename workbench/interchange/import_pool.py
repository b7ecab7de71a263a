"""Importing a large JSON Lines file on every core (`workbench import`).

One process read, checked, grouped, validated and encoded 100,000 encounters one after another while
the other core idled. Here the file is cut into spans of whole lines; a pool of worker processes
checks the spans (every bad line and repeated account is reported before anything is written, as
before), then turns each span into the files of new encounters (`store.bulk.new_file`: grouped,
checked to read back, encoded, checksummed), and this process commits them span by span in file order
(`Store.add_prepared`), under the store's lock and with its crash rules: the workers never open the
database. Files too small to pay for the workers' start-up, CSV, and files that text mode would read
differently (a carriage return inside a line, bytes that are not UTF-8) keep the one-process path,
so every message and every stored byte is the same either way.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from workbench.interchange.reader import decode_json, parsed_record
from workbench.model.encounter import Encounter

if TYPE_CHECKING:
    from workbench.drg.service import DrgService
    from workbench.store.bulk import ImportResult, NewFile
    from workbench.store.core import Store

SPAN_LINES = 2000  # lines a worker takes at a time: as many as one commit of the one-process path
POOL_FROM = 5000  # lines: a smaller file is imported in this process (a worker's start-up costs ~1 s)

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Span:
    """A run of whole lines of a file: its byte offset and length and the number of its first line."""

    offset: int
    length: int
    first: int


def spans(path: Path, lines: int = SPAN_LINES) -> list[Span] | None:
    """The file cut into spans of `lines` lines, or None when it must be read as text in one process:
    a carriage return other than a line's CRLF ending (text mode breaks the line there)."""
    out: list[Span] = []
    start = offset = 0
    first = n = 1
    with open(path, "rb") as fh:
        for raw in fh:
            if b"\r" in raw and not (raw.endswith(b"\r\n") and raw.count(b"\r") == 1):
                return None
            offset += len(raw)
            if n - first + 1 == lines:
                out.append(Span(start, offset - start, first))
                start, first = offset, n + 1
            n += 1
    if offset > start:
        out.append(Span(start, offset - start, first))
    return out


def worth_a_pool(found: list[Span] | None) -> bool:
    return found is not None and len(found) * SPAN_LINES >= POOL_FROM


def _texts(path: Path, span: Span) -> Iterator[tuple[int, str]]:
    """The numbered, stripped, non-blank lines of a span, as `commands.db` reads them in text mode.
    Raises UnicodeDecodeError for bytes that are not UTF-8."""
    with open(path, "rb") as fh:
        fh.seek(span.offset)
        data = fh.read(span.length)
    parts = data.split(b"\n")
    if parts and parts[-1] == b"":
        parts.pop()
    for k, raw in enumerate(parts):
        text = raw.decode("utf-8").strip().lstrip("\ufeff")
        if text:
            yield span.first + k, text


Checked = list[tuple[int, str | None, str | None]]  # (line, account of a good line, error of a bad one)


def check_span(path: Path, span: Span) -> Checked | None:
    """Each non-blank line of a span checked as the import checks it; None when a line is not UTF-8
    (the one-process reader words that error)."""
    out: Checked = []
    try:
        for n, text in _texts(path, span):
            try:
                obj = decode_json(text)
            except ValueError as e:
                out.append((n, None, f"line {n}: {e}"))
                continue
            p = parsed_record(obj, n)
            out.append((n, p.encounter.account, None) if p.encounter is not None else (n, None, p.error))
    except UnicodeDecodeError:
        return None
    return out


def given_grouping(raw: Any) -> dict[str, Any] | None:
    """The last grouping a file carries (`drg`, `weight`, `version`): kept only as plain text or numbers."""
    if not isinstance(raw, dict):
        return None
    g = {k: raw[k] for k in ("drg", "weight", "version")
         if isinstance(raw.get(k), (str, int, float)) and not isinstance(raw.get(k), bool) and raw[k] != ""}
    return g or None


def group_for_import(chunk: list[Encounter], service: DrgService | None) -> DrgService | None:
    """Group the coded encounters of `chunk` (their DRG, weight and version kept with them); a grouping
    the file gives is kept as given unless it is the one we find. Returns the service (made when needed)."""
    from workbench.drg.stored import summaries

    coded = [e for e in chunk if e.diagnoses]
    if not coded:
        return service
    if service is None:
        from workbench.drg.service import DrgService

        service = DrgService()
    found = summaries(coded, service)
    for e in coded:
        mine, given = found.get(e.account), e.grouping
        if not given or (mine and (mine["drg"], mine["version"]) == (given.get("drg"),
                                                                      given.get("version"))):
            e.grouping = mine
    return service


_service: DrgService | None = None  # a worker's grouper, loaded by its first span


def prepare_span(path: Path, span: Span, user: str) -> list[NewFile]:
    """The files of a checked span's encounters, grouped and ready to commit (in a worker)."""
    global _service
    from workbench.store.bulk import new_file
    from workbench.store.model import now_iso, validated_record

    chunk = []
    for n, text in _texts(path, span):
        obj = decode_json(text)
        enc = parsed_record(obj, n).encounter
        assert enc is not None  # the span was checked
        enc.grouping = given_grouping(obj)
        chunk.append(enc)
    _service = group_for_import(chunk, _service)
    when = now_iso()
    return [new_file(enc, validated_record(enc), user, when) for enc in chunk]


def _die_with_parent() -> None:
    """Worker start: on Linux the kernel kills the worker when the import dies (kill -9 included), so
    none is left waiting for work that will never come."""
    if sys.platform.startswith("linux"):
        name = ctypes.util.find_library("c")
        if name:
            ctypes.CDLL(name, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG


def worker_count() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def new_pool() -> ProcessPoolExecutor:
    """A worker a core, each a fresh interpreter (spawn): it inherits no open file of this process,
    the store's lock included."""
    return ProcessPoolExecutor(worker_count(), mp_context=multiprocessing.get_context("spawn"),
                               initializer=_die_with_parent)


def in_order(pool: ProcessPoolExecutor, fn: Callable[..., T], args: Iterable[tuple[Any, ...]],
             ahead: int) -> Iterator[T]:
    """`fn(*a)` for each `a` in the pool, results in order, at most `ahead` running or waiting (memory
    stays flat whatever the file's size)."""
    pending: deque[Future[T]] = deque()
    it = iter(args)
    for a in it:
        pending.append(pool.submit(fn, *a))
        if len(pending) >= ahead:
            break
    while pending:
        result = pending.popleft().result()
        for a in it:
            pending.append(pool.submit(fn, *a))
            break
        yield result


def problems(pool: ProcessPoolExecutor, path: Path, found: list[Span]) -> list[str] | None:
    """Every bad line and repeated account, worded as the one-process check words them; None when a
    line is not UTF-8 (that check must run to say where)."""
    errors = []
    seen: dict[str, int] = {}
    for checked in in_order(pool, check_span, ((path, s) for s in found), 2 * worker_count()):
        if checked is None:
            return None
        for n, account, error in checked:
            if error is not None:
                errors.append(f"workbench: {path} {error}")
            elif account is not None:
                first = seen.setdefault(account, n)
                if first != n:
                    errors.append(f"workbench: {path} line {n}: account {account} repeats line {first}")
    return errors


def import_spans(pool: ProcessPoolExecutor, store: Store, path: Path, found: list[Span],
                 update: bool) -> ImportResult:
    """Import a checked file: spans prepared in the pool, committed here in file order."""
    from workbench.store.bulk import ImportResult

    total = ImportResult()
    ahead = worker_count() + 2
    for files in in_order(pool, prepare_span, ((path, s, store.user) for s in found), ahead):
        result = store.add_prepared(files, update=update)
        total.added += result.added
        total.replaced += result.replaced
        total.skipped += result.skipped
    return total
