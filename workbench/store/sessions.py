"""Who holds an encounter: a session is one process on one host, named `host:pid:start`.

The start (the process's start time in clock ticks after boot, from /proc) tells a live session from a
later process that was given the same pid, and two sessions of one coder apart: locks compare sessions,
never user names.
"""

from __future__ import annotations

import os
import socket
from functools import cache


def process_start(pid: int) -> str | None:
    """The start of process `pid` as the kernel counts it (clock ticks after boot); None if unknown."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            stat = fh.read()
    except OSError:
        return None
    # Field 22; the command name (field 2) is in parentheses and may itself hold spaces or parentheses.
    fields = stat[stat.rfind(b")") + 2:].split()
    return fields[19].decode() if len(fields) > 19 else None


@cache
def _this(pid: int) -> str:
    return f"{socket.gethostname()}:{pid}:{process_start(pid) or 0}"


def this_session() -> str:
    """This process's session name (recomputed after a fork: the child is another session)."""
    return _this(os.getpid())


def session_gone(session: str) -> bool:
    """True when `session` was a process of this host that no longer runs (or whose pid now belongs to
    another process). Sessions of other hosts, and old `host:pid` names that cannot be checked, are not
    known to be gone."""
    parts = session.split(":")
    if len(parts) not in (2, 3) or parts[0] != socket.gethostname() or not parts[1].isdigit():
        return False
    pid = int(parts[1])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        pass  # another user's live process
    if len(parts) == 3 and parts[2] not in ("", "0"):
        start = process_start(pid)
        return start is not None and start != parts[2]
    return False
