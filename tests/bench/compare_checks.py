"""bench_checks at another revision and in this tree, alternately, in fresh processes.

    .venv/bin/python -m tests.bench.compare_checks [REV] [--rounds 4] [--n 2000]

Each round starts one process of REV (`git archive`, on PYTHONPATH) and one of this tree, order swapped
each round, so the shared machine's load falls on both alike. A process runs bench_checks' two cases:
the queue (generated stays, every code new to the caches at first) and editing (a 25+25-code stay after
each change). Times are per-encounter CPU (thread time) and wall; prints each side's medians over rounds
of the p50 and p95, and the load.
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


def _q(times: list[float]) -> tuple[float, float]:
    q = statistics.quantiles(times, n=100)
    return q[49], q[94]


def child(n: int) -> None:
    from tests.support.drg_sample import full_stay, typical_records
    from workbench.checks.checker import Checker
    from workbench.drg.service import DrgService
    from workbench.interchange.reader import encounter_from_record

    out: dict[str, list[float]] = {}
    with DrgService() as svc, Checker(None, svc) as checker:
        checker.check(full_stay(0))
        for case, encs in (("queue", [encounter_from_record(r) for r in typical_records(n, seed=7)]),
                           ("editing", [full_stay(i) for i in range(n)])):
            cpu, wall = [], []
            for enc in encs:
                t, w = time.thread_time(), time.perf_counter()
                checker.check(enc)
                cpu.append((time.thread_time() - t) * 1000)
                wall.append((time.perf_counter() - w) * 1000)
            out[case + " cpu"], out[case + " wall"] = list(_q(cpu)), list(_q(wall))
    print(json.dumps(out))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("rev", nargs="?", default="main")
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        child(args.n)
        return
    from tests.bench._revision import export

    print(f"load {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        trees = {args.rev: export(args.rev, Path(tmp) / "tree"), "this tree": ROOT}
        got: dict[str, list[dict[str, list[float]]]] = {k: [] for k in trees}
        for r in range(args.rounds):
            for k in (list(trees) if r % 2 == 0 else list(trees)[::-1]):
                env = {**os.environ, "PYTHONPATH": str(trees[k]), "PYTHONDONTWRITEBYTECODE": "1"}
                res = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", "--n",
                                      str(args.n)], cwd=trees[k], env=env, capture_output=True, text=True,
                                     check=True)
                got[k].append(json.loads(res.stdout.strip().splitlines()[-1]))
        for k, runs in got.items():
            parts = []
            for case in ("queue cpu", "queue wall", "editing cpu", "editing wall"):
                p50 = statistics.median(x[case][0] for x in runs)
                p95 = statistics.median(x[case][1] for x in runs)
                parts.append(f"{case} p50 {p50:.2f} p95 {p95:.2f}")
            print(f"{k}: " + "; ".join(parts) + " ms")
    print(f"load {os.getloadavg()[0]:.2f}; {args.rounds} rounds, medians of each round's p50 / p95")


if __name__ == "__main__":
    main()
