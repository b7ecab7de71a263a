"""Code-search benchmark: quality on tests/search_eval.tsv, latency, index build/load time and memory.

    .venv/bin/python -m tests.bench.bench_search [--release 2026.1] [--queries 600] [--show-misses]

Prints figures; it asserts nothing. Targets (issue 3): top-5 >= 95%, top-1 >= 80%, p95 <= 10 ms,
p99 <= 25 ms on one core, build <= 10 s.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from pathlib import Path
from types import SimpleNamespace

ROOT = Path(__file__).resolve().parents[2]
os.environ.setdefault("WORKBENCH_DATA_DIR", str(ROOT / ".test-data"))
os.environ.setdefault("WORKBENCH_CONFIG_DIR", str(ROOT / ".test-data" / "config"))

from codesets.search import index as search_index  # noqa: E402
from codesets.search.engine import SearchIndex  # noqa: E402

EVAL = ROOT / "tests" / "search_eval.tsv"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def read_eval() -> list[tuple[str, set[str], str]]:
    rows = []
    for line in EVAL.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            q, codes, kind = line.split("\t")
            rows.append((q, set(codes.split()), kind))
    return rows


def latency_queries(rows: list[tuple[str, set[str], str]], index: SearchIndex, n: int) -> list[str]:
    """Eval queries, every prefix of them as typed, random title words and random code prefixes."""
    rnd = random.Random(7)
    out = [q for q, _, _ in rows]
    for q, _, _ in rows:
        out += [q[:i] for i in range(2, len(q), 3)]
    d = index.data
    for _ in range(n // 4):
        doc = rnd.randrange(len(d.doc_code))
        words = d.text(doc).split()
        out.append(" ".join(rnd.sample(words, min(len(words), rnd.randint(1, 4)))))
        code = d.doc_code[doc].decode()
        out.append(code[: rnd.randint(2, max(2, len(code)))])
    out += ["x" * 10_000, "a b c d e f g h i j k l m n o p", "unspecified", "of the", "right"]
    rnd.shuffle(out)
    return out[: max(n, 500)]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--release", default="2026.1")
    ap.add_argument("--queries", type=int, default=600)
    ap.add_argument("--show-misses", action="store_true")
    args = ap.parse_args()

    from codesets.release.core import load_release

    release = load_release(args.release)
    rss0 = rss_mb()
    t = time.perf_counter()
    data = search_index.build(release)
    build_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        search_index.save(data, Path(tmp))
        del data
        rss1 = rss_mb()
        t = time.perf_counter()
        index = SearchIndex.for_release(SimpleNamespace(cache_dir=tmp, id=getattr(release, "id", "")))
        load_s = time.perf_counter() - t
        rss2 = rss_mb()
    print(f"release {getattr(release, 'id', '?')}: {len(index.data.doc_code)} codes/headers, "
          f"{len(index.data.text_doc)} texts, {len(index.data.vocab)} terms")
    print(f"index build {build_s:.2f} s (from the release API), load from cache {load_s * 1000:.0f} ms")
    print(f"index memory: arrays {index.memory_bytes() / 1e6:.1f} MB; RSS +{rss2 - rss1:.1f} MB on load "
          f"(process RSS {rss2:.0f} MB, {rss0:.0f} MB before the build)")

    rows = read_eval()
    top1 = top5 = 0
    by_kind: dict[str, list[int]] = {}
    misses = []
    for q, accepted, kind in rows:
        codes = [r.code for r in index.search(q, limit=5)]
        hit1 = bool(codes) and codes[0] in accepted
        hit5 = any(c in accepted for c in codes)
        top1 += hit1
        top5 += hit5
        k = by_kind.setdefault(kind, [0, 0, 0])
        k[0] += 1
        k[1] += hit1
        k[2] += hit5
        if not hit1:
            misses.append((q, sorted(accepted), codes, hit5))
    n = len(rows)
    print(f"quality over {n} queries: top-1 {100 * top1 / n:.1f}%  top-5 {100 * top5 / n:.1f}%")
    for kind, (c, h1, h5) in sorted(by_kind.items()):
        print(f"  {kind:10} {c:4} queries  top-1 {100 * h1 / c:5.1f}%  top-5 {100 * h5 / c:5.1f}%")
    if args.show_misses:
        for q, acc, got, hit5 in misses:
            print(f"  {'top5' if hit5 else 'MISS'} {q!r}: want {' '.join(acc[:4])}, got {' '.join(got)}")

    queries = latency_queries(rows, index, args.queries)
    for q in queries[:50]:  # warm-up
        index.search(q)
    times = []
    for q in queries:
        t = time.perf_counter()
        index.search(q)
        times.append((time.perf_counter() - t) * 1000)
    times.sort()
    pct = statistics.quantiles(times, n=100)
    print(f"latency over {len(times)} queries (one thread): p50 {pct[49]:.2f} ms  p95 {pct[94]:.2f} ms  "
          f"p99 {pct[98]:.2f} ms  max {times[-1]:.2f} ms")


if __name__ == "__main__":
    main()
