"""Benchmark: coding checks per encounter (target: at most 5 ms).

Run: .venv/bin/python -m tests.bench.bench_checks [--n 2000]
Prints p50/p95/p99 in milliseconds for
  - queue: generated DNFB-like stays (3-15 random diagnoses, 0-3 procedures, every code new to the
    checker's caches at first: the cost of checking a queue once);
  - editing: a 25-diagnosis, 25-procedure stay checked after each change of one code (what the app
    does after every edit; caches warm).
"""

from __future__ import annotations

import argparse
import statistics
import time

from tests.support.drg_sample import full_stay, typical_records
from workbench.checks.checker import Checker
from workbench.drg.service import DrgService
from workbench.interchange.reader import encounter_from_record


def figures(label: str, times: list[float], findings: int) -> None:
    times.sort()
    q = statistics.quantiles(times, n=100)
    print(f"{label:<8} n={len(times):5d}  p50 {q[49]:.2f} ms  p95 {q[94]:.2f} ms  p99 {q[98]:.2f} ms  "
          f"max {times[-1]:.2f} ms  ({findings / len(times):.1f} findings/encounter)")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=2000)
    args = ap.parse_args()
    with DrgService() as svc, Checker(None, svc) as checker:
        checker.check(full_stay(0))  # load the release and the MCE tables
        times, found = [], 0
        for rec in typical_records(args.n, seed=7):
            enc = encounter_from_record(rec)
            t = time.perf_counter()
            found += len(checker.check(enc))
            times.append((time.perf_counter() - t) * 1000)
        figures("queue", times, found)
        times, found = [], 0
        for i in range(args.n):
            enc = full_stay(i)
            t = time.perf_counter()
            found += len(checker.check(enc))
            times.append((time.perf_counter() - t) * 1000)
        figures("editing", times, found)


if __name__ == "__main__":
    main()
