"""Word lists the record scanner reads off a release's search index once, when it first scans with it.

Built from the index's arrays (no other data): the cost is paid once per loaded release, in the thread
that scans (off the UI thread in the app), and reported by tests/bench/bench_suggest.py.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache
from typing import Any

import numpy as np

from codesets.search.index import TEXT_TITLE
from codesets.search.text import AND_WEIGHT, NEGATION, weighted_terms

AND_RE = re.compile(r"\s+and\s+|\s+or\s+", re.IGNORECASE)
_AND_BYTES_RE = re.compile(rb"\s(?:and|or)\s", re.IGNORECASE)
_PAREN_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_EXTENSION_RE = re.compile(r",\s*(initial|subsequent|sequela)\b.*$", re.IGNORECASE)
_NOT_ESSENTIAL = frozenset("other specified type approach open percutaneous endoscopic external via natural "
                           "artificial opening device no qualifier".split())
# Weighed as neutral by the search ("part unspecified" is the Index's default site), but a record must
# say it to be read as such a title: "ulcer of left foot" is not "ulcer of other part of foot" (side and
# depth unsaid, the scanner would pick the first child).
_SAID_NEUTRAL = frozenset({"part"})
# A word's weight in a text is stored in percent (codesets/search_index.py).
_AND_PERCENT = round(AND_WEIGHT * 100)


def essential(text: str) -> list[str]:
    """The words of a title (or one side of it) that name the concept: not in parentheses, not the
    7th-character extension, not neutral or generic axis words, not negated."""
    return list(_essential(text))


def clear_essential_cache() -> None:
    """Forget the titles read by `essential` (with the scanner's caches: a cold scan starts cold)."""
    _essential.cache_clear()


# Kept per text: the scanner reads the same titles and index entries (the release's text, never the
# record's) for phrase after phrase.
@lru_cache(maxsize=8192)
def _essential(text: str) -> tuple[str, ...]:
    text = _EXTENSION_RE.sub("", _PAREN_RE.sub(" ", text))
    return tuple(t for t, w in weighted_terms(text)
                 if (w >= 0.5 or t in _SAID_NEUTRAL) and t not in _NOT_ESSENTIAL
                 and not t.startswith(NEGATION))


def second_sides(data: Any) -> dict[str, int]:
    """Terms that are, alone, a later side of a billable "X and Y" / "X or Y" title, each with the
    length of the shortest such side: "hyponatremia" from "Hypo-osmolality and hyponatremia".

    A side counts where the term weighs as a second side in that title (it is not also said before
    the "and"), read from the index's own postings.
    """
    vocab: list[str] = data.vocab
    post, post_w, off = data.post, data.post_w, data.post_off
    out: dict[str, int] = {}
    sides_of: dict[str, list[str]] = {}  # the same side recurs in many titles
    # The titles holding " and " / " or ", found in the blob of texts at once (text i < the number of
    # documents is the title of document i).
    n_docs = len(data.doc_billable)
    # No copy of the blob: a slice or a lower-case copy would be ~25 MB that the allocator keeps.
    found = _AND_BYTES_RE.finditer(data.text_blob, 0, int(data.text_off[n_docs]))
    at = np.fromiter((m.start() for m in found), np.int64)
    texts = np.unique(np.searchsorted(data.text_off, at, "right") - 1)
    texts = texts[data.doc_billable[texts] & (data.text_kind[texts] == TEXT_TITLE)]
    for t in texts.tolist():
        parts = AND_RE.split(data.text(t).lower())
        for part in parts[1:]:
            # A side is only used for a word at least a third of its length (Scanner._second_side): a
            # word of the record is at most its longest word plus a plural ending.
            if len(part) >= 3 * (max(map(len, part.split())) + 2):
                continue
            side = sides_of.get(part)
            if side is None:
                side = sides_of[part] = essential(part)
            if len(side) != 1:
                continue
            term = side[0]
            if term not in part or out.get(term, 1 << 30) <= len(part):
                continue
            i = bisect_left(vocab, term)
            if i == len(vocab) or vocab[i] != term:
                continue
            a, b = int(off[i]), int(off[i + 1])
            j = a + int(np.searchsorted(post[a:b], t))
            if j < b and post[j] == t and post_w[j] == _AND_PERCENT:
                out[term] = len(part)
    return out
