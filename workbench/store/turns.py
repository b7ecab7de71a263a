"""Writers take the exclusive store lock in the order they asked for it (issue #20: twenty coders saving
at once).

flock is not first come, first served: when the holder lets go, every waiter is woken and whichever the
scheduler runs first takes the lock, so under load one save can lose several rounds in a row (p95 waits of
many holds). `Turns` is a ticket queue beside the flock, in the folder `turns/` of the database:

- A writer takes a ticket under a short flock on `turns/next` (which holds the last ticket and its pid):
  it creates the FIFO `turns/<n>`, opens it (read-write) and flocks it, then writes `n pid` to `next`.
- It waits until the writer before it (ticket n-1) has taken the store lock: that writer closes its FIFO
  then, which wakes the waiter (poll sees the hang-up); a writer killed at any point closes it too (the
  kernel closes its files). The waiter removes that FIFO and blocks on the store flock, the only writer
  doing so (woken by the kernel when the holder lets go: no herd of woken waiters racing for it), and
  gives up its own ticket (a close) once it holds the lock.

The flock alone keeps writers apart; the turns only order them, so anything wrong with them is never
waited on for long: a predecessor that is stopped (SIGSTOP, Ctrl-Z, a debugger) is passed at the next
look (every `_SLICE` seconds), one whose flock on its FIFO is gone (it died) at once, and any wait ends
after `PATIENCE` seconds; a folder where FIFOs cannot be made turns them off for the process. Nothing
here is durable or needed after a crash: a FIFO left by a killed writer is removed by the writer after it.
"""

from __future__ import annotations

import errno
import fcntl
import os
import select
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from workbench.store.files import Modes, make_dir

FOLDER = "turns"
PATIENCE = 5.0  # seconds: the longest wait for the writer before, whatever its state
_SLICE = 0.1  # seconds between looks at a predecessor that has not let go yet
_COUNTER = "next"


def _stopped(pid: int) -> bool:
    """Whether process `pid` is stopped or traced (it will not take its turn until resumed)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
    except OSError:
        return False
    state = stat[stat.rfind(b")") + 2:stat.rfind(b")") + 3]
    return state in (b"T", b"t")


class Turns:
    """The ticket queue of one database (one per `Store`; the store's thread lock keeps a process's
    threads to one ticket at a time)."""

    def __init__(self, db: Path, modes: Modes):
        self.folder = db / FOLDER
        self.modes = modes
        self.mode = modes.file
        self.off = False  # set when FIFOs cannot be made here: plain flock from then on
        self._counter: int | None = None
        self._pid = os.getpid()

    @contextmanager
    def turn(self) -> Iterator[None]:
        """Around the blocking flock of the store lock: enter once the writer before has the lock (or is
        gone or stuck), leave (giving up the ticket: a close, the writer after removes the FIFO) once
        this one holds it."""
        ticket = None
        if not self.off:
            try:
                ticket = self._take()
            except OSError:
                self.off = True
        if ticket is None:
            yield
            return
        fd, _path, before = ticket
        try:
            if before is not None:
                try:
                    self._wait(*before)
                except OSError:
                    pass  # the order is lost for this turn, never the save: the flock still decides
            yield
        finally:
            os.close(fd)  # wakes the writer after this one, which removes the FIFO

    # -- taking a ticket -----------------------------------------------------------------------

    def _counter_fd(self) -> int:
        if self._pid != os.getpid():  # a forked child: flocks on the parent's descriptor are the parent's
            self._counter, self._pid = None, os.getpid()
        if self._counter is None:
            try:
                self._counter = os.open(self.folder / _COUNTER, os.O_RDWR | os.O_CREAT, self.mode)
            except FileNotFoundError:
                make_dir(self.folder, self.modes)
                self._counter = os.open(self.folder / _COUNTER, os.O_RDWR | os.O_CREAT, self.mode)
            if os.fstat(self._counter).st_uid == os.getuid():
                os.fchmod(self._counter, self.mode)
        return self._counter

    def _take(self) -> tuple[int, Path, tuple[Path, int] | None]:
        """A new ticket: its FIFO's descriptor (flocked) and path, and the previous ticket's path and pid."""
        counter = self._counter_fd()
        fcntl.flock(counter, fcntl.LOCK_EX)
        try:
            last = os.pread(counter, 64, 0).split()
            try:
                n, pid = int(last[0]), int(last[1])
                before: tuple[Path, int] | None = (self.folder / str(n), pid)
            except (IndexError, ValueError):  # the first ticket (or a counter cut short by a crash)
                n, before = time.time_ns() // 1000, None
            for _ in range(100):
                n += 1
                path = self.folder / str(n)
                fd = self._make(path)
                if fd is not None:
                    break
            else:
                raise OSError(errno.EEXIST, "no free ticket", str(self.folder))
            try:
                line = b"%d %d\n" % (n, os.getpid())
                os.pwrite(counter, line.ljust(40), 0)
            except BaseException:
                path.unlink(missing_ok=True)
                os.close(fd)
                raise
            return fd, path, before
        finally:
            fcntl.flock(counter, fcntl.LOCK_UN)

    def _make(self, path: Path) -> int | None:
        """Create, open and flock the FIFO `path`; None when a live ticket already has that name."""
        for _ in range(2):
            try:
                os.mkfifo(path, self.mode)
                break
            except FileExistsError:
                if not self._gone(path):
                    return None
        else:
            return None
        fd = os.open(path, os.O_RDWR | os.O_NONBLOCK)
        try:
            os.fchmod(fd, self.mode)  # the umask must not shut the team's other writers out
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BaseException:
            os.close(fd)
            path.unlink(missing_ok=True)
            raise
        return fd

    def _gone(self, path: Path) -> bool:
        """Whether the ticket at `path` belongs to no live writer; removes it if so."""
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except FileNotFoundError:
            return True
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        else:
            self._unlink_same(path, fd)
            return True
        finally:
            os.close(fd)

    @staticmethod
    def _unlink_same(path: Path, fd: int) -> None:
        try:
            if os.stat(path).st_ino == os.fstat(fd).st_ino:
                path.unlink()
        except OSError:
            pass

    # -- waiting for the writer before ---------------------------------------------------------

    def _wait(self, path: Path, pid: int) -> None:
        try:
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        except FileNotFoundError:
            return  # it has had its turn
        try:
            poll = select.poll()
            poll.register(fd, select.POLLIN)
            deadline = time.monotonic() + PATIENCE
            hung_up = False
            while True:
                # Flocked while the ticket is held; free once its writer has let go or died. Looked at
                # after the open: a writer still holding it then had the FIFO open at the open, so its
                # close (or death) will show as a hang-up.
                try:
                    fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                except BlockingIOError:
                    pass
                else:
                    self._unlink_same(path, fd)  # its writer only closed it (or died)
                    return
                if hung_up:  # a hang-up with the flock still held: a forked child kept the FIFO open
                    time.sleep(_SLICE)
                elif hung_up := bool(poll.poll(_SLICE * 1000)):
                    continue  # hung up: the flock is free now
                if _stopped(pid) or time.monotonic() > deadline:
                    return
        finally:
            os.close(fd)

    def close(self) -> None:
        if self._counter is not None:
            os.close(self._counter)
            self._counter = None


def copy_ignore(root: str | os.PathLike[str]) -> Callable[[str, list[str]], set[str]]:
    """An `ignore` for `shutil.copytree` of a database folder: the turns folder holds the running writers'
    queue (FIFOs, which copytree refuses), state of the processes, not data."""
    top = os.path.abspath(root)
    return lambda folder, names: {FOLDER} if os.path.abspath(folder) == top and FOLDER in names else set()
