"""Durable files for the workbench: atomic replacement and the file lock.

The one implementation lives in `codesets.fsutil` (codesets imports nothing of workbench and needs
both for its release caches); the workbench imports them from here.
"""

from codesets.fsutil import EXCLUSIVE, SHARED, FileLock, atomic_path, fsync_dir, write_atomic

__all__ = ["EXCLUSIVE", "SHARED", "FileLock", "atomic_path", "fsync_dir", "write_atomic"]
