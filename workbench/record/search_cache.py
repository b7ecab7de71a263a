"""Bounded, in-memory caches of the record scanner, kept from record to record in one session.

The scanner asks the code search index the same questions again and again: records say "acute kidney
injury" or "type 2 diabetes mellitus" on every other page and in most charts of a queue, and a rescan
(the suggestions pane rescans after each regrouping) reads the same documents again. What the index
answers depends on the words and the release only, never on the patient (the pregnancy and newborn
chapters a record allows are applied by the scanner after the cache), so one answer serves every record
of the session. Each cache is a least-recently-used map with a hard bound, in entries and, where the
values are arrays, in bytes; nothing is written to disk or logged (the keys are words of patient text).
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")

# The search answers of this many phrases (a 20-page record asks some 330; an answer is at most four
# results, about 1 KB).
PHRASES = 4096
# The looked-up words' postings: views of the index's arrays (a header each), an abbreviation's expansions
# a union of their own (the bytes bound).
WORDS = 8192
WORD_BYTES = 8 * 1024 * 1024
# Whether a set of words can reach the accept score (a bool each).
BOUNDS = 8192
# The phrase found around an anchor, per the words around it (its span and one result each, ~0.45 KB): a
# session of the 597 tuning records and the 20-page record keeps some 2,850.
ANCHORS = 4096
# Documents whose mentions are kept whole: a rescan, or a note copied into the next chart, reads none of
# its sentences again.
DOCUMENTS = 128

_MISSING: Any = object()
_tokens = itertools.count(1)


def new_token() -> int:
    """A number no other index's caches use: keys carry it, so answers never cross releases (an index
    freed and another built at the same address gets a new token)."""
    return next(_tokens)


class Lru(Generic[K, V]):
    """A thread-safe least-recently-used map bounded by `maxsize` entries and, with `weigh`, by `maxbytes`
    (the sum of `weigh(value)`)."""

    def __init__(self, maxsize: int, maxbytes: int = 0, weigh: Callable[[V], int] | None = None) -> None:
        if maxsize <= 0:
            raise ValueError(f"Lru maxsize must be at least 1 (got {maxsize})")
        self.maxsize = maxsize
        self.maxbytes = maxbytes
        self._weigh = weigh
        self._data: OrderedDict[K, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: K, default: Any = None) -> Any:
        """The value kept for `key` (now the most recently used), else `default`."""
        with self._lock:
            got = self._data.get(key, _MISSING)
            if got is _MISSING:
                self.misses += 1
                return default
            self._data.move_to_end(key)
            self.hits += 1
            return got[0]

    def put(self, key: K, value: V) -> None:
        size = self._weigh(value) if self._weigh is not None else 0
        with self._lock:
            old = self._data.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            if self.maxbytes and size > self.maxbytes:
                return  # larger than the whole budget: not kept
            self._data[key] = (value, size)
            self._bytes += size
            while len(self._data) > self.maxsize or (self.maxbytes and self._bytes > self.maxbytes):
                _, (_, gone) = self._data.popitem(last=False)
                self._bytes -= gone

    def clear(self) -> None:
        with self._lock:
            self._data.clear()
            self._bytes = 0
            self.hits = self.misses = 0

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    @property
    def nbytes(self) -> int:
        """The sum of the kept values' weights (0 without `weigh`)."""
        return self._bytes


def array_bytes(value: Any) -> int:
    """What a cached array (or tuple of arrays) holds of its own: a view of the index's arrays costs only
    its header, an array built for the cache its data too."""
    total = 0
    for a in value if isinstance(value, tuple) else (value,):
        if a is None:
            continue
        total += 112 + (0 if getattr(a, "base", None) is not None else int(getattr(a, "nbytes", 0)))
    return total
