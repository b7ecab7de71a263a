"""What a coder's first chart would otherwise wait for before its suggestions show, done by the app's
warm-up (`Services.preload`, a background thread while the queue is on screen): the rules' modules that
`suggest` imports on its first call (their patterns are compiled on import), the scanner of the release's
index (its word list, read from the release's folder: sides_cache.py) and the search index's own lazily
built tables (one search). About 0.2-0.3 s of a first chart's scan on a loaded machine, ~3 MB kept.

Nothing of a record is read; no cache of the scanner is filled, so no suggestion can differ.
"""

from __future__ import annotations

from typing import Any


def warm(index: Any) -> None:
    """Build what the first `suggest` with `index` would build (see the module docstring)."""
    from workbench.record import course_procedures, guided  # noqa: F401 - imported for their first use
    from workbench.record.scanner import AND_SIDE_SCORE, Scanner

    Scanner.for_index(index)
    # The scanner's kind of search (its own answers cache stays empty): the index's filters, spelling and
    # procedure tables are built on a first search.
    index.search("acute kidney injury", system="CM", billable_only=True, limit=4, min_score=AND_SIDE_SCORE)
