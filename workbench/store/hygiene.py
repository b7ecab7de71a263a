"""Leftovers and permissions of a database folder.

A process killed in the middle of an atomic write leaves its temporary file (`.NAME.PID.TID.tmp`, with
patient data in it) beside the target. Store files are written only under the exclusive store lock, so a
temporary file found while holding it belongs to no running write and is removed. Permissions: the
folder and every file in it hold patient data and must not be open to others (0700/0600, or 0770/0660
for a team database).
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

# Folders whose files are written under the exclusive store lock (backups/ is written under the shared
# lock, so a temporary file there may be a backup in progress).
LOCKED_FOLDERS = ("data", "drafts")


PREPARED = ".save"  # a save's new file written before its commit (`prepared.py`): left to roll_forward


def remove_leftovers(db: Path, prepared: list[Path] | None = None) -> list[Path]:
    """Remove the temporary files that interrupted writes left; the caller holds the exclusive lock.
    Prepared saves found on the way are listed in `prepared` (one walk of the folders at an open)."""
    removed = []
    for top in LOCKED_FOLDERS:
        for folder, _dirs, files in os.walk(db / top):
            for name in files:
                if name.startswith(".") and name.endswith(".tmp"):
                    path = Path(folder) / name
                    try:
                        path.unlink()
                    except FileNotFoundError:
                        continue
                    removed.append(path)
                elif prepared is not None and name.startswith(".") and name.endswith(PREPARED):
                    prepared.append(Path(folder) / name)
    return removed


def open_to_others(db: Path) -> list[str]:
    """The folder and each file or folder inside it that others (not owner, not group) may use."""
    out = []
    for folder, dirs, files in os.walk(db):
        for path in [Path(folder)] + [Path(folder) / n for n in files]:
            try:
                mode = stat.S_IMODE(path.lstat().st_mode)
            except FileNotFoundError:
                continue
            if mode & 0o007:
                kind = "folder" if path.is_dir() else "file"
                out.append(f"{path}: {kind} open to others (mode {mode:o}; chmod o-rwx)")
        dirs.sort()
    return out
