"""What each search of the 20-page record's cold scan costs, and which could ever be accepted.

    .venv/bin/python -m tests.bench.search_costs [--top 30] [--session]

Scans bench_suggest's 20-page record once (warm-up), clears every cache (as the cold process), then scans
it again with the index's `search` and `_word_hits` timed in CPU (process time). Prints the costliest
searches (ms, system, phrase, first results), the CPU the scanner's searches spend in the engine's second
looks (aftermath.py: the past procedure's PCS lookup behind "previous cesarean" and the like), and how many
searches return no result the scanner could accept (none at or above AND_SIDE_SCORE). `--session` reads
the tuning records first (an app session's caches) and times the record's first scan after them. A
reading aid for where the search time goes, not a benchmark (times are per call and drift with the
machine's load). The record is synthetic (the demo set's documents); nothing is written.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from typing import Any


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=30)
    ap.add_argument("--session", action="store_true")
    args = ap.parse_args()

    from codesets.release.core import load_release
    from codesets.search.engine import SearchIndex
    from tests.bench.bench_suggest import other_records, twenty_pages
    from workbench.demo import demo_encounters
    from workbench.record.scanner import AND_SIDE_SCORE, Scanner
    from workbench.record.suggest import suggest

    index = SearchIndex.for_release(load_release("2026.1"))
    big = twenty_pages(demo_encounters())
    suggest(big, index=index)
    for s in list(Scanner._by_index.values()):
        s.clear_cache()
    if args.session:
        for enc in other_records():
            suggest(enc, index=index)  # type: ignore[arg-type]

    searches: list[tuple[float, str, str, list[tuple[str, float]]]] = []
    looks: Counter[str] = Counter()
    look_ms: dict[str, float] = {}
    search, word_hits = SearchIndex.search, SearchIndex._word_hits

    def timed_search(self: Any, query: str, **kw: Any) -> Any:
        t = time.process_time_ns()
        res = search(self, query, **kw)
        searches.append(((time.process_time_ns() - t) / 1e6, str(kw.get("system")), query,
                         [(r.code, round(r.score, 3)) for r in res]))
        return res

    def timed_hits(self: Any, words: list[str], mask: Any, limit: int, min_score: float = 0.0) -> Any:
        t = time.process_time_ns()
        res = word_hits(self, words, mask, limit, min_score)
        caller = sys._getframe(1).f_code.co_name
        if caller != "search":  # a second look (aftermath.py, statuses, plain course)
            name = f"{caller} < {sys._getframe(2).f_code.co_name}"
            looks[name] += 1
            look_ms[name] = look_ms.get(name, 0.0) + (time.process_time_ns() - t) / 1e6
        return res

    SearchIndex.search = timed_search  # type: ignore[method-assign]
    SearchIndex._word_hits = timed_hits  # type: ignore[method-assign]
    try:
        t = time.process_time()
        suggest(big, index=index)
        total = (time.process_time() - t) * 1000
    finally:
        SearchIndex.search, SearchIndex._word_hits = search, word_hits  # type: ignore[method-assign]

    spent = sum(s[0] for s in searches)
    print(f"scan CPU {total:.0f} ms (timing included); {len(searches)} searches, {spent:.0f} ms CPU in them")
    for ms, system, query, res in sorted(searches, key=lambda s: -s[0])[: args.top]:
        print(f"  {ms:6.2f} {system:4} {query[:60]!r:62} {res[:2]}")
    print("second looks inside those searches (calls, ms CPU):")
    for name, ms in sorted(look_ms.items(), key=lambda kv: -kv[1]):
        print(f"  {ms:7.1f} {looks[name]:4}  {name}")
    weak = [s for s in searches if not any(score >= AND_SIDE_SCORE for _, score in s[3])]
    weak_ms = sum(s[0] for s in weak)
    print(f"no result at or above {AND_SIDE_SCORE}: {len(weak)} searches, {weak_ms:.0f} ms CPU")


if __name__ == "__main__":
    main()
