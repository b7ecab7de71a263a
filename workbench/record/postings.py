"""The record scanner's view of the search index's postings: which texts hold a word of the record (read
through the abbreviation table), cached in a bounded map kept from record to record (search_cache.py),
and the weight the word has in each."""

from __future__ import annotations

from bisect import bisect_left
from typing import Any

import numpy as np

from codesets.search.rank import union_sorted
from codesets.search.text import QUERY_STOPWORDS, stem
from workbench.record import search_cache
from workbench.record.search_cache import Lru


class WordPostings:
    """Postings and weights of the words of records, for one index. Thread-safe."""

    def __init__(self, data: Any, abbreviations: Any) -> None:
        self._vocab: list[str] = data.vocab
        self._post = data.post
        self._off = data.post_off
        self._post_w = data.post_w
        self._abbrev = abbreviations
        self._words: Lru[str, np.ndarray | None] = Lru(search_cache.WORDS, search_cache.WORD_BYTES,
                                                       search_cache.array_bytes)

    def clear(self) -> None:
        self._words.clear()

    def __len__(self) -> int:
        return len(self._words)

    @property
    def nbytes(self) -> int:
        return self._words.nbytes

    def _term(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        i = bisect_left(self._vocab, term)
        if i < len(self._vocab) and self._vocab[i] == term:
            a, b = self._off[i], self._off[i + 1]
            return self._post[a:b], self._post_w[a:b]
        return None

    def get(self, word: str) -> np.ndarray | None:
        """The texts holding the word (as stemmed in the index), or its abbreviation's expansions."""
        hit: np.ndarray | None = self._words.get(word, _NONE)
        if hit is not _NONE:
            return hit
        t = self._own(word)
        p = t[0] if t is not None else None
        expansions = self._expansions(word)
        if expansions:
            parts = [p] if p is not None else []
            for e in expansions:
                cur = None
                for x in e.split():
                    if x in QUERY_STOPWORDS:
                        continue
                    q = self._term(stem(x))
                    if q is None:
                        cur = None
                        break
                    cur = q[0] if cur is None else intersect(cur, q[0])
                if cur is not None and len(cur):
                    parts.append(cur)
            p = union_sorted(parts) if parts else None
        self._words.put(word, p)
        return p

    def weights_at(self, word: str, at: np.ndarray) -> np.ndarray:
        """The weight the word has in the texts `get(word)[at]` (a word `get` finds): what the index
        stores, for an abbreviation an upper bound of the weight its expansion matches. Read for those
        texts only when asked, so the cache keeps no copy of the index's weights."""
        expansions = self._expansions(word)
        if expansions:
            return np.full(len(at), max(len(e.split()) for e in expansions), np.float32)
        t = self._own(word)
        assert t is not None  # get(word) came from it
        w: np.ndarray = t[1][at].astype(np.float32) * np.float32(0.01)
        return w

    def _own(self, word: str) -> tuple[np.ndarray, np.ndarray] | None:
        return (self._term(stem(word)) or self._term(word)) if " " not in word else None

    def _expansions(self, word: str) -> Any:
        expansions = self._abbrev.get(tuple(word.split()))
        return expansions if expansions and len(word) >= 2 else None


_NONE: Any = object()


def intersect(cur: np.ndarray, p: np.ndarray) -> np.ndarray:
    """The ids in both sorted arrays."""
    if len(cur) > len(p):
        cur, p = p, cur
    if not len(cur) or not len(p):
        return cur[:0]
    pos = p.searchsorted(cur)
    np.minimum(pos, len(p) - 1, out=pos)
    both: np.ndarray = cur[p[pos] == cur]
    return both
