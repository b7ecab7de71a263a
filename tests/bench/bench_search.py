"""Code-search benchmark: quality on the tuning sets and the held-out set, latency, index build/load
time and memory.

    .venv/bin/python -m tests.bench.bench_search [--release 2026.1] [--queries 600] [--show-misses]

Quality is reported separately for procedures (ICD-10-PCS) and diagnoses (ICD-10-CM) on the tuning
sets (tests/search_eval.tsv, tests/search_tuning_pcs.tsv, tests/search_tuning_cm.tsv,
tests/search_tuning_cm2.tsv, tests/search_tuning_pcs2.tsv, tests/search_tuning_pcs3.tsv,
tests/search_tuning_pcs4.tsv, tests/search_tuning_pcs5.tsv, tests/search_tuning_pcs6.tsv,
tests/search_tuning_cm3.tsv, tests/search_tuning_pcs7.tsv, tests/search_tuning_pcs8.tsv,
tests/search_tuning_pcs9.tsv, tests/search_tuning_pcs10.tsv, tests/search_tuning_cm4.tsv,
tests/search_tuning_pcs11.tsv, tests/search_tuning_pcs12.tsv,
tests/search_tuning_pcs13.tsv, tests/search_tuning_pcs14.tsv,
tests/search_tuning_pcs15.tsv, tests/search_tuning_pcs16.tsv,
tests/search_tuning_pcs17.tsv, tests/search_tuning_cm5.tsv,
tests/search_tuning_pcs18.tsv, tests/search_tuning_pcs19.tsv, tests/search_tuning_cm6.tsv,
tests/search_tuning_cm7.tsv,
tests/search_tuning_pcs20.tsv, tests/search_tuning_cm8.tsv, tests/search_tuning_pcs21.tsv,
tests/search_tuning_pcs22.tsv, tests/search_tuning_cm9.tsv,
tests/search_tuning_pcs23.tsv, tests/search_tuning_cm10.tsv,
tests/search_tuning_pcs24.tsv, tests/search_tuning_cm11.tsv, tests/search_tuning_cm12.tsv,
tests/search_tuning_pcs25.tsv, tests/search_tuning_pcs26.tsv,
tests/search_tuning_pcs27.tsv, tests/search_tuning_pcs28.tsv, tests/search_tuning_pcs29.tsv,
tests/search_tuning_pcs30.tsv, tests/search_tuning_pcs31.tsv, tests/search_tuning_cm13.tsv,
tests/search_tuning_typos22.tsv, tests/search_tuning_abbrev22.tsv, tests/search_tuning_pcs32.tsv,
tests/search_tuning_pcs33.tsv,
tests/search_tuning_abbrev26.tsv, tests/search_tuning_typos26.tsv, tests/search_tuning_cm14.tsv,
tests/search_tuning_typos28.tsv, tests/search_tuning_cm15.tsv, tests/search_tuning_pcs39.tsv,
tests/search_tuning_pcs40.tsv, tests/search_tuning_pcs41.tsv, tests/search_tuning_pcs42.tsv,
tests/search_tuning_cm16.tsv, tests/search_tuning_cm17.tsv;
together, then
each alone) and on tests/search_heldout.tsv. The
held-out set is reported as aggregate figures only: --show-misses lists tuning misses, never held-out
ones (ranking must not be tuned on it). Prints figures; it asserts nothing. Targets (issue 14):
procedures top-5 >= 95%, top-1 >= 80%; diagnoses top-5 >= 97%; p95 <= 10 ms, p99 <= 25 ms on one
core; build <= 15 s; loaded-index memory <= 80 MB.
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

TUNING = (ROOT / "tests" / "search_eval.tsv", ROOT / "tests" / "search_tuning_pcs.tsv",
          ROOT / "tests" / "search_tuning_cm.tsv", ROOT / "tests" / "search_tuning_cm2.tsv",
          ROOT / "tests" / "search_tuning_pcs2.tsv", ROOT / "tests" / "search_tuning_pcs3.tsv",
          ROOT / "tests" / "search_tuning_pcs4.tsv",
          ROOT / "tests" / "search_tuning_pcs5.tsv", ROOT / "tests" / "search_tuning_pcs6.tsv",
          ROOT / "tests" / "search_tuning_cm3.tsv", ROOT / "tests" / "search_tuning_pcs7.tsv",
          ROOT / "tests" / "search_tuning_pcs8.tsv",
          ROOT / "tests" / "search_tuning_pcs9.tsv",
          ROOT / "tests" / "search_tuning_pcs10.tsv",
          ROOT / "tests" / "search_tuning_cm4.tsv",
          ROOT / "tests" / "search_tuning_pcs11.tsv",
          ROOT / "tests" / "search_tuning_pcs12.tsv",
          ROOT / "tests" / "search_tuning_pcs13.tsv",
          ROOT / "tests" / "search_tuning_pcs14.tsv",
          ROOT / "tests" / "search_tuning_pcs15.tsv",
          ROOT / "tests" / "search_tuning_pcs16.tsv",
          ROOT / "tests" / "search_tuning_pcs17.tsv",
          ROOT / "tests" / "search_tuning_cm5.tsv",
          ROOT / "tests" / "search_tuning_pcs18.tsv",
          ROOT / "tests" / "search_tuning_pcs19.tsv",
          ROOT / "tests" / "search_tuning_cm6.tsv",
          ROOT / "tests" / "search_tuning_cm7.tsv",
          ROOT / "tests" / "search_tuning_pcs20.tsv",
          ROOT / "tests" / "search_tuning_cm8.tsv",
          ROOT / "tests" / "search_tuning_pcs21.tsv",
          ROOT / "tests" / "search_tuning_pcs22.tsv",
          ROOT / "tests" / "search_tuning_cm9.tsv",
          ROOT / "tests" / "search_tuning_pcs23.tsv",
          ROOT / "tests" / "search_tuning_cm10.tsv",
          ROOT / "tests" / "search_tuning_pcs24.tsv",
          ROOT / "tests" / "search_tuning_cm11.tsv",
          ROOT / "tests" / "search_tuning_pcs25.tsv",
          ROOT / "tests" / "search_tuning_pcs26.tsv",
          ROOT / "tests" / "search_tuning_pcs27.tsv",
          ROOT / "tests" / "search_tuning_pcs28.tsv",
          ROOT / "tests" / "search_tuning_pcs29.tsv", ROOT / "tests" / "search_tuning_pcs30.tsv",
          ROOT / "tests" / "search_tuning_cm12.tsv",
          ROOT / "tests" / "search_tuning_pcs31.tsv",
          ROOT / "tests" / "search_tuning_cm13.tsv",
          ROOT / "tests" / "search_tuning_typos22.tsv",
          ROOT / "tests" / "search_tuning_abbrev22.tsv",
          ROOT / "tests" / "search_tuning_pcs32.tsv",
          ROOT / "tests" / "search_tuning_pcs33.tsv",
          ROOT / "tests" / "search_tuning_pcs34.tsv",
          ROOT / "tests" / "search_tuning_abbrev26.tsv", ROOT / "tests" / "search_tuning_typos26.tsv",
          ROOT / "tests" / "search_tuning_pcs35.tsv",
          ROOT / "tests" / "search_tuning_pcs36.tsv", ROOT / "tests" / "search_tuning_pcs37.tsv",
          ROOT / "tests" / "search_tuning_pcs38.tsv",
          ROOT / "tests" / "search_tuning_cm14.tsv", ROOT / "tests" / "search_tuning_typos28.tsv",
          ROOT / "tests" / "search_tuning_cm15.tsv",
          ROOT / "tests" / "search_tuning_pcs39.tsv", ROOT / "tests" / "search_tuning_pcs40.tsv",
          ROOT / "tests" / "search_tuning_pcs41.tsv", ROOT / "tests" / "search_tuning_pcs42.tsv",
          ROOT / "tests" / "search_tuning_cm16.tsv", ROOT / "tests" / "search_tuning_cm17.tsv")
HELDOUT = ROOT / "tests" / "search_heldout.tsv"


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def read_eval(path: Path) -> list[tuple[str, set[str], str]]:
    rows: list[tuple[str, set[str], str]] = []
    if not path.is_file():
        return rows
    for line in path.read_text(encoding="utf-8").splitlines():
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


def quality(name: str, rows: list[tuple[str, set[str], str]], index: SearchIndex,
            release: object) -> list[tuple[str, list[str], list[str], bool]]:
    """Print top-1/top-5 for procedures and diagnoses; return the misses (shown for tuning only)."""
    counts = {"procedures": [0, 0, 0, 0], "diagnoses": [0, 0, 0, 0]}  # queries, top-1, top-5, empty
    misses = []
    for q, accepted, _kind in rows:
        codes = [r.code for r in index.search(q, limit=5)]
        pcs = any(release.pcs(c) is not None for c in accepted)  # type: ignore[attr-defined]
        c = counts["procedures" if pcs else "diagnoses"]
        hit1 = bool(codes) and codes[0] in accepted
        hit5 = any(code in accepted for code in codes)
        c[0] += 1
        c[1] += hit1
        c[2] += hit5
        c[3] += not codes
        if not hit1:
            misses.append((q, sorted(accepted), codes, hit5))
    for what, (n, h1, h5, empty) in counts.items():
        if n:
            print(f"  {name:9} {what:10} {n:4} queries  top-1 {100 * h1 / n:5.1f}%  "
                  f"top-5 {100 * h5 / n:5.1f}%  empty answers {empty}")
    return misses


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

    tuning = [r for path in TUNING for r in read_eval(path)]
    heldout = read_eval(HELDOUT)
    print("quality (top-1 / top-5), by kind of the expected codes:")
    misses = quality("tuning", tuning, index, release)
    for path in TUNING:  # each tuning file alone: a set written later shows how far the tuning carries
        print(f"  ({path.name})")
        quality("  tuning", read_eval(path), index, release)
    quality("held-out", heldout, index, release)
    if args.show_misses:  # tuning set only
        for q, acc, got, hit5 in misses:
            print(f"  {'top5' if hit5 else 'MISS'} {q!r}: want {' '.join(acc[:4])}, got {' '.join(got)}")

    rows = tuning
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
