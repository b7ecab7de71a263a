"""Compare the 20-page record's suggestion time at another revision with the current tree, alternately.

    .venv/bin/python -m tests.bench.compare_suggest REV [--pairs 4] [--runs 5]

Speed on a shared machine drifts with the other sessions' load, so one revision timed after the
other can show a gain that is only drift: each pair runs a fresh process of REV (`git archive` into a
temporary folder, on PYTHONPATH) and one of the current tree, in turn. Each process loads the release
and index, then times its first scan of the 20-page record ("first": the scanner built for the release,
the rules' modules imported, every cache empty: a coder's first chart after the release loads), then
`--runs` first scans with every cache cleared ("cold", as bench_suggest's fresh process), `--runs` rescans
of the record (its caches kept, as the pane rescans after a regrouping) and, after the tuning records, the
record's first scan in a session. Prints medians (and minimums: the least disturbed
runs) of CPU and wall ms per side, the suggestions' count per side (they must agree), and the load
average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def child(runs: int) -> None:
    """Run in the tree on sys.path (REV or the current one): print one JSON line of timings."""
    from codesets.release.core import load_release
    from codesets.search.engine import SearchIndex
    from tests.bench.bench_suggest import other_records, twenty_pages
    from workbench.demo import demo_encounters
    from workbench.record.scanner import Scanner
    from workbench.record.suggest import suggest

    index = SearchIndex.for_release(load_release("2026.1"))
    big = twenty_pages(demo_encounters())
    # The first chart after the release loads, as a coder opens it: the scanner's word lists and the
    # rules' modules (imported by the first `suggest`) are paid here.
    t, c = time.perf_counter(), time.process_time()
    scanner = Scanner.for_index(index)
    n = len(suggest(big, index=index))
    out: dict[str, list[float]] = {"first_cpu": [(time.process_time() - c) * 1000],
                                   "first_wall": [(time.perf_counter() - t) * 1000],
                                   "cold_cpu": [], "cold_wall": [], "session_cpu": [], "session_wall": []}
    for _ in range(runs):
        scanner.clear_cache()
        t, c = time.perf_counter(), time.process_time()
        suggest(big, index=index)
        out["cold_wall"].append((time.perf_counter() - t) * 1000)
        out["cold_cpu"].append((time.process_time() - c) * 1000)
    # The pane rescans the chart after each regrouping: the same record again, its caches kept.
    out["rescan_cpu"], out["rescan_wall"] = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        suggest(big, index=index)
        out["rescan_wall"].append((time.perf_counter() - t) * 1000)
        out["rescan_cpu"].append((time.process_time() - c) * 1000)
    scanner.clear_cache()
    for e in other_records():
        suggest(e, index=index)  # type: ignore[arg-type]
    t, c = time.perf_counter(), time.process_time()
    suggest(big, index=index)
    out["session_wall"].append((time.perf_counter() - t) * 1000)
    out["session_cpu"].append((time.process_time() - c) * 1000)
    where = str(Path(sys.modules["codesets"].__file__ or "").parent)
    print(json.dumps({"suggestions": n, "where": where, **out}))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("rev", nargs="?", help="the revision to compare with (commit, tag, branch)")
    ap.add_argument("--pairs", type=int, default=4)
    ap.add_argument("--runs", type=int, default=5, help="cold scans per process")
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.runs)
        return
    if not args.rev:
        ap.error("REV is required")
    env = dict(os.environ)
    env.setdefault("WORKBENCH_DATA_DIR", str(ROOT / ".test-data"))
    load = [os.getloadavg()[0]]
    # Here, not at the top: the child runs this file with the other revision's tree on its path.
    from tests.bench._revision import export

    with tempfile.TemporaryDirectory() as tmp:
        old = export(args.rev, Path(tmp) / "old")
        got: dict[str, dict[str, list[float]]] = {"old": {}, "new": {}}
        counts: dict[str, set[int]] = {"old": set(), "new": set()}
        for _ in range(args.pairs):
            for name, tree in (("old", old), ("new", ROOT)):
                cmd = [sys.executable, str(Path(__file__).resolve()), "--child", "--runs", str(args.runs)]
                res = subprocess.run(cmd, cwd=tree, env={**env, "PYTHONPATH": str(tree)}, check=True,
                                     capture_output=True, text=True)
                line = json.loads(res.stdout.strip().splitlines()[-1])
                assert Path(line.pop("where")).parent == tree, "the child imported the wrong tree"
                counts[name].add(line.pop("suggestions"))
                for k, v in line.items():
                    got[name].setdefault(k, []).extend(v)
    load.append(os.getloadavg()[0])
    print(f"20-page record, {args.pairs} pairs of processes alternating, {args.runs} cold scans each; "
          f"load average {load[0]:.1f} before, {load[1]:.1f} after; suggestions {args.rev}: "
          f"{sorted(counts['old'])}, current tree: {sorted(counts['new'])}")
    for k in ("first_cpu", "first_wall", "cold_cpu", "cold_wall", "session_cpu", "session_wall", "rescan_cpu",
              "rescan_wall"):
        a, b = got["old"][k], got["new"][k]
        ma, mb = statistics.median(a), statistics.median(b)
        print(f"  {k:13} {args.rev}: median {ma:6.0f} ms (min {min(a):4.0f})   current: median {mb:6.0f} ms "
              f"(min {min(b):4.0f})   {(mb / ma - 1) * 100:+.0f}%   (n={len(a)})")


if __name__ == "__main__":
    main()
