"""Durable files: one atomic replacement and one file lock for the whole project.

Atomic replacement: write a temporary file in the target's folder, fsync it, rename it over the
target, fsync the folder. A reader (or a machine that lost power) sees the old content or the new,
never a part. `workbench.fsutil` re-exports these for the workbench (codesets imports nothing of
workbench, so the one implementation lives here).
"""

from __future__ import annotations

import errno
import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

SHARED = 1
EXCLUSIVE = 2


def fsync_dir(path: Path) -> None:
    """Make a rename or a new entry in `path` durable."""
    fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextmanager
def atomic_path(path: Path, mode: int = 0o600) -> Iterator[Path]:
    """Yield a new empty temporary file (given `mode`) beside `path` to fill; when the block ends
    without error it is fsynced and renamed over `path` and the folder is fsynced. On error the
    temporary file is removed and `path` is left as it was."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        os.fchmod(fd, mode)  # the umask must not change the mode (team stores are 0660)
    finally:
        os.close(fd)
    try:
        yield tmp
        fd = os.open(tmp, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def write_atomic(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Replace `path` with `data` durably (see `atomic_path`)."""
    with atomic_path(path, mode) as tmp:
        fd = os.open(tmp, os.O_WRONLY)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view):]
        finally:
            os.close(fd)


class FileLock:
    """An flock on one file: shared for readers, exclusive for writers, re-entrant within the
    process (a thread holding it may take it again, at the same or a weaker level, or upgrade it).
    Thread-safe: one thread at a time holds it within a process; `mutex` is that thread lock."""

    def __init__(self, path: Path, mode: int = 0o600) -> None:
        self.path = path
        self.read_only = False
        try:
            self._fd = os.open(path, os.O_RDWR | os.O_CREAT, mode)
        except OSError as e:  # a folder or lock file this user may only read: flock works on it all the same
            if e.errno not in (errno.EACCES, errno.EPERM, errno.EROFS) or not path.exists():
                raise
            self._fd = os.open(path, os.O_RDONLY)
            self.read_only = True
        if not self.read_only and os.fstat(self._fd).st_uid == os.getuid():
            os.fchmod(self._fd, mode)  # the umask must not shut a team out of the lock file
        self.mutex = threading.RLock()
        self._held = 0  # SHARED or EXCLUSIVE while held

    @property
    def closed(self) -> bool:
        return self._fd < 0

    @property
    def level(self) -> int:
        """What this process holds: 0, SHARED or EXCLUSIVE."""
        return self._held

    @contextmanager
    def hold(self, level: int, turn: Callable[[], AbstractContextManager[None]] | None = None
             ) -> Iterator[None]:
        """Hold the lock at `level` (SHARED or EXCLUSIVE) for the block. `turn`, if given, is entered
        around the blocking flock when the exclusive lock is taken from nothing held (a queue that
        orders writers: `workbench.store.turns`); never around an upgrade from shared, whose holder may
        be what the writer before is waiting for."""
        with self.mutex:
            if self._fd < 0:
                raise ValueError(f"lock {self.path} is closed")
            if self._held >= level:
                yield
                return
            previous = self._held
            if turn is not None and level == EXCLUSIVE and not previous:
                with turn():
                    fcntl.flock(self._fd, fcntl.LOCK_EX)
            else:
                fcntl.flock(self._fd, fcntl.LOCK_EX if level == EXCLUSIVE else fcntl.LOCK_SH)
            self._held = level
            try:
                yield
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_SH if previous else fcntl.LOCK_UN)
                self._held = previous

    def shared(self) -> AbstractContextManager[None]:
        return self.hold(SHARED)

    def exclusive(self) -> AbstractContextManager[None]:
        return self.hold(EXCLUSIVE)

    def close(self) -> None:
        with self.mutex:
            if self._fd >= 0:
                os.close(self._fd)
                self._fd = -1

    def __enter__(self) -> FileLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
