"""Find in the record: the next place a word is written, in the document read or the ones after it.

A coder who looks for "pressure" in a stroke chart's H&P wants the progress note that stages the
pressure ulcer, not "not found": the search goes on through the next documents and comes round to the
first, the way the record is read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Match:
    document: int
    """Index of the document the match is in."""
    start: int
    """Character offset of the match in that document's text."""
    index: int
    """1-based number of the match in its document."""
    in_document: int
    """Matches in that document."""
    in_record: int
    """Matches in every document."""


def find_next(texts: Sequence[str], needle: str, document: int, after: int) -> Match | None:
    """The first match of `needle` (case-insensitive) after offset `after` of `texts[document]` (-1:
    from its start), else in the documents after it, then from the first document round to this one.
    None when no document has it."""
    word = needle.casefold()
    if not word or not texts:
        return None
    folded = [t.casefold() for t in texts]
    total = sum(t.count(word) for t in folded)
    if not total:
        return None
    n = len(texts)
    document = min(max(document, 0), n - 1)
    order = [(document, after)] + [((document + k) % n, -1) for k in range(1, n + 1)]
    for i, start_after in order:
        pos = folded[i].find(word, start_after + 1)
        if pos >= 0:
            return Match(i, pos, folded[i][: pos + len(word)].count(word), folded[i].count(word), total)
    return None
