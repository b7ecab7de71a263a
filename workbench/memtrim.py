"""Handing freed memory back to the system after a large load (`codesets.memtrim`, which the search
index's load calls too)."""

from codesets.memtrim import trim

__all__ = ["trim"]
