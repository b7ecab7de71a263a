"""Rank of the expected code for every tuning query, to compare two versions of the search ranking query by
query (an aggregate can hide a query that fell while another rose).

    .venv/bin/python -m tests.bench.search_ranks OUT.tsv            # this checkout's ranks
    .venv/bin/python -m tests.bench.search_ranks --compare OLD.tsv NEW.tsv

The queries: every tuning file the search benchmark reads (bench_search.TUNING, with its reader; never the
held-out set). A rank is the place (1-10) of the first accepted code among the first 10 results, "-" when
none is there. --compare prints the queries whose rank changed, worse ones first, and the counts.
"""

from __future__ import annotations

import argparse
from pathlib import Path

LIMIT = 10


def ranks(out: Path) -> None:
    from codesets.release.core import load_release
    from codesets.search.engine import SearchIndex
    from tests.bench.bench_search import TUNING, read_eval

    index = SearchIndex.for_release(load_release("2026.1"))
    lines = []
    for path in TUNING:
        assert "heldout" not in path.name
        for query, accepted, _kind in read_eval(path):
            codes = [r.code for r in index.search(query, limit=LIMIT)]
            rank = next((str(n) for n, c in enumerate(codes, 1) if c in accepted), "-")
            lines.append(f"{path.name}\t{query}\t{rank}\t{' '.join(codes[:3])}")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _read(path: Path) -> dict[tuple[str, str], tuple[int, str]]:
    rows = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        name, query, rank, top = (line.split("\t") + [""])[:4]
        rows[(name, query)] = (int(rank) if rank != "-" else LIMIT + 1, top)
    return rows


def compare(old: Path, new: Path) -> None:
    a, b = _read(old), _read(new)
    changed = [(k, a[k], b[k]) for k in b if k in a and a[k][0] != b[k][0]]
    changed.sort(key=lambda x: (x[1][0] - x[2][0], x[0]))  # worse first
    show = {LIMIT + 1: "-"}
    for (name, query), (r0, t0), (r1, t1) in changed:
        print(f"{'WORSE' if r1 > r0 else 'better'}\t{name}\t{query}\t{show.get(r0, r0)} -> {show.get(r1, r1)}"
              f"\t{t0} -> {t1}")
    new_only = [k for k in b if k not in a]
    for name, query in new_only:
        print(f"new\t{name}\t{query}\t{b[(name, query)][0]}")
    worse = sum(r1 > r0 for _, (r0, _), (r1, _) in changed)
    top1 = sum(r == 1 for r, _ in b.values()), sum(r == 1 for r, _ in a.values())
    top5 = sum(r <= 5 for r, _ in b.values()), sum(r <= 5 for r, _ in a.values())
    print(f"{len(b)} queries, {len(changed)} changed ({worse} worse); top-1 {top1[1]} -> {top1[0]}, "
          f"top-5 {top5[1]} -> {top5[0]}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("files", type=Path, nargs="+")
    ap.add_argument("--compare", action="store_true")
    args = ap.parse_args()
    if args.compare:
        compare(*args.files[:2])
    else:
        ranks(args.files[0])


if __name__ == "__main__":
    main()
