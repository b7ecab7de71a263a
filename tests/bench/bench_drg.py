"""Benchmark: regroup one encounter with its full what-if (25 diagnoses, 25 procedures).

Run: .venv/bin/python -m tests.bench.bench_drg [--n 300] [--batch 50000] [--runs 5] [--cpu 0]
Prints p50/p95/p99 in milliseconds. Each iteration changes the coding (a different 25th diagnosis
and procedure order), so no result is reused from the previous one. Then `workbench group` end to end on
one core over three files: the edge-case mix and the typical synthetic stays (random codes: half or more
carry MCE edits) and realistic claims (the demo answer keys); the median of --runs runs each.
"""

from __future__ import annotations

import argparse
import statistics
import time

from tests.support.drg_sample import full_stay
from workbench.drg.service import DrgService


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--batch", type=int, default=50000, help="encounters for the batch figure (0: skip)")
    ap.add_argument("--runs", type=int, default=5, help="batch runs per file (the median is printed)")
    ap.add_argument("--cpu", default="0", help="core to pin the batch to (taskset -c); 'none': unpinned")
    args = ap.parse_args()
    with DrgService(base_rate=6500.0) as svc:
        for i in range(20):  # warm: version contexts, O.R. probes
            svc.preview(full_stay(i))
        times = []
        for i in range(args.n):
            enc = full_stay(1000 + i)
            t = time.perf_counter()
            pv = svc.preview(enc)
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        q = statistics.quantiles(times, n=100)
        print(f"preview (25 dx, 25 px, full what-if), n={args.n}: p50 {q[49]:.2f} ms  p95 {q[94]:.2f} ms  "
              f"p99 {q[98]:.2f} ms  (what-if rows: {len(pv.without)} removed, {len(pv.principal_options)} "
              f"principal, {len(pv.ladder)} rungs, {len(pv.releases)} releases)")
        t = time.perf_counter()
        for i in range(args.n):
            svc.group(full_stay(2000 + i))
        print(f"group only: {(time.perf_counter() - t) / args.n * 1000:.3f} ms mean")
    if args.batch:
        bench_batch(args.batch, args.runs, None if args.cpu == "none" else args.cpu)



def demo_records(n: int) -> list[dict]:
    """Realistic claims: the demo stays coded as their answer keys say, repeated with new accounts."""
    from workbench.demo import answer_keys, demo_encounters

    encs, keys = demo_encounters(), answer_keys()
    out = []
    for i in range(n):
        e = encs[i % len(encs)]
        k = keys[e.account]
        out.append({"account": f"D{i}", "birth_date": e.birth_date.isoformat(), "sex": e.sex,
                    "admit_date": e.admit_date.isoformat(), "discharge_date": e.discharge_date.isoformat(),
                    "disposition": e.disposition,
                    "diagnoses": [{"code": d.code, "poa": d.poa} for d in k.diagnoses],
                    "procedures": [{"code": p.code, "date": p.date.isoformat()} for p in k.procedures]})
    return out


def bench_batch(n: int, runs: int = 5, cpu: str | None = "0") -> None:
    """`workbench group` end to end (a subprocess: interpreter start, read, group, edit, attribute, write),
    pinned to one core (`taskset -c CPU`), median of `runs` after one warm-up run (which also builds the
    code-set cache if the builder changed)."""
    import json
    import os
    import resource
    import shutil
    import subprocess
    import sys
    import tempfile

    from tests.support.drg_sample import records, typical_records

    pin = ["taskset", "-c", cpu] if cpu is not None and shutil.which("taskset") else []
    with tempfile.TemporaryDirectory() as tmp:
        sets = (("edge-case mix (synthetic, all releases)", records(n, seed=3, max_dx=12, max_px=6)),
                ("typical (synthetic, random codes)", typical_records(n, seed=3)),
                ("realistic (demo answer keys)", demo_records(n)))
        out = os.path.join(tmp, "o")
        for name, recs in sets:
            src = os.path.join(tmp, "in.jsonl")
            with open(src, "w") as fh:
                for r in recs:
                    fh.write(json.dumps(r) + "\n")
            cmd = [*pin, sys.executable, "-m", "workbench.cli", "group", src, "--out", out]
            subprocess.run(cmd, check=False)  # warm-up
            walls, cpus = [], []
            for _ in range(runs):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                t = time.perf_counter()
                subprocess.run(cmd, check=False)
                walls.append(time.perf_counter() - t)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpus.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
            with open(out) as fh:
                rows = [json.loads(x) for x in fh]
            edited = sum(1 for r in rows if r.get("edits"))
            wall, used = statistics.median(walls), statistics.median(cpus)
            print(f"batch {name}: {n:,} encounters, {edited / n:.0%} with MCE edits; median of {runs}: "
                  f"{wall:.2f} s = {n / wall:,.0f}/s wall, {n / used:,.0f}/s per CPU second "
                  f"(runs {min(walls):.2f}-{max(walls):.2f} s{', core ' + cpu if pin else ''})")


if __name__ == "__main__":
    main()
