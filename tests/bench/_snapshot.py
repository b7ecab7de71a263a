"""What checks_snapshot and suggest_snapshot do with their answers: write one line per item (the answer of
the first order it was run in) and fail when the orders disagree, so a cache that leaks between encounters
shows as a diff, not as a silently different snapshot."""

from __future__ import annotations

import json
import sys
from pathlib import Path


def write_snapshot(lines: dict[str, list[str]], out: Path, field: str, noun: str, orders: str) -> None:
    """Write `lines` (item label -> its JSON line per run order) to `out`, print the count of `field`
    entries, and exit 1 when an item's answer differs between `orders`."""
    differ = [label for label, got in lines.items() if len(set(got)) != 1]
    out.write_text("".join(got[0] + "\n" for got in lines.values()), encoding="utf-8")
    n = sum(len(json.loads(got[0])[field]) for got in lines.values())
    print(f"{len(lines)} {noun}, {n} {field} -> {out}; {len(differ)} {noun} differ between {orders}: "
          f"{differ[:5]}")
    if differ:
        sys.exit(1)
