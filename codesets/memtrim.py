"""Handing freed memory back to the system after a large load.

Loading the search index, the grouper or a 100,000-row queue makes large short-lived buffers (the
cache file's bytes, decoded copies, the ranker's working arrays). Once freed, glibc keeps most of that
memory in the process's heap, where it still counts as resident memory (about 20-40 MB). `malloc_trim`
returns the free pages; elsewhere (another C library, another system) this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys
from functools import lru_cache
from typing import Any


@lru_cache(maxsize=1)
def _libc() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


def trim() -> bool:
    """Give free heap pages back to the system; True when the C library could. (No garbage collection
    first: with a 100,000-row queue in memory a full collection holds the interpreter ~0.1 s.)"""
    libc = _libc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True
