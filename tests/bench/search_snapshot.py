"""Every search answer for the tuning queries, in full, one JSON line a query and way: to compare two
versions of the search engine (a speed change must not change a single result).

    .venv/bin/python -m tests.bench.search_snapshot OUT.jsonl
    diff <(main's OUT.jsonl) <(this branch's OUT.jsonl)

The queries: every line of the tuning sets (tests/search_eval.tsv, tests/search_tuning_*.tsv; never the
held-out set), each asked five ways: as typed, CM only, PCS only, billable only, and as the record
scanner asks (billable, limit 4, min_score 0.55, CM and PCS), and then asked again in the same process
(any cache kept between queries must give the same answer).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from pathlib import Path
from typing import Any

TESTS = Path(__file__).resolve().parents[1]
WAYS: list[tuple[str, dict[str, Any]]] = [
    ("typed", {}),
    ("cm", {"system": "CM"}),
    ("pcs", {"system": "PCS"}),
    ("billable", {"billable_only": True, "limit": 10}),
    ("scan-cm", {"system": "CM", "billable_only": True, "limit": 4, "min_score": 0.55}),
    ("scan-pcs", {"system": "PCS", "billable_only": True, "limit": 4, "min_score": 0.55}),
]


def queries() -> list[str]:
    files = [TESTS / "search_eval.tsv", *sorted(TESTS.glob("search_tuning_*.tsv"))]
    out: list[str] = []
    for f in files:
        assert "heldout" not in f.name
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                out.append(line.split("\t")[0])
    return list(dict.fromkeys(out))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    args = ap.parse_args()

    from codesets.release.core import load_release
    from codesets.search.engine import SearchIndex

    index = SearchIndex.for_release(load_release("2026.1"))
    qs = queries()
    lines: list[str] = []
    differ = 0
    for q in qs:
        for way, kw in WAYS:
            first = [dataclasses.asdict(r) for r in index.search(q, **kw)]
            again = [dataclasses.asdict(r) for r in index.search(q, **kw)]
            differ += first != again
            lines.append(json.dumps({"query": q, "way": way, "results": first}, sort_keys=True))
    args.out.write_text("".join(x + "\n" for x in lines), encoding="utf-8")
    print(f"{len(qs)} queries x {len(WAYS)} ways -> {args.out}; {differ} answers differ when asked again")
    if differ:
        sys.exit(1)


if __name__ == "__main__":
    main()
