"""App benchmark: time from the command to an interactive queue, and resident memory with one
release loaded (queue shown, release + search index + grouper warmed up, one encounter open and one
search run). Prints figures; not a pass/fail test.

    .venv/bin/python -m tests.bench.bench_app [--runs 5] [--encounters 1000]

Caches (release, search index) must be built first (any earlier `workbench` run builds them).
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

CHILD = r"""
import asyncio, json, sys, time
t0 = float(sys.argv[1]); db = sys.argv[2]
from workbench.settings import Settings
from workbench.tui.app import make_app
from workbench.tui.messages import QueueLoaded

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024

out = {}
def hook(message):
    if isinstance(message, QueueLoaded) and "queue_s" not in out:
        out["queue_s"] = time.time() - t0

async def main():
    app = make_app(db, Settings(), preload=True)
    async with app.run_test(size=(120, 40), message_hook=hook) as pilot:
        while "queue_s" not in out:
            await pilot.pause(0.005)
        out["rss_queue_mb"] = rss_mb()
        await app.workers.wait_for_complete()
        await pilot.press("enter")
        for _ in range(3):
            await app.workers.wait_for_complete(); await pilot.pause(0.05)
        await pilot.press("slash", *"acute on chronic systolic heart failure")
        for _ in range(3):
            await app.workers.wait_for_complete(); await pilot.pause(0.05)
        out["rss_loaded_mb"] = rss_mb()
    print(json.dumps(out))

asyncio.run(main())
"""


def build_db(path: Path, n: int) -> None:
    from tests.support.app_samples import sample_encounters
    from workbench.store.core import Store

    base = sample_encounters()
    encs = [dataclasses.replace(base[i % len(base)], account=f"B{i:06d}") for i in range(n)]
    with Store.open(path) as store:
        store.add_many(encs)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--encounters", type=int, default=1000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "db"
        build_db(db, args.encounters)
        results = []
        for _ in range(args.runs):
            t0 = time.time()
            proc = subprocess.run([sys.executable, "-c", CHILD, repr(t0), str(db)], capture_output=True,
                                  text=True, cwd=ROOT, env=os.environ.copy())
            if proc.returncode != 0:
                sys.exit(proc.stderr[-2000:])
            results.append(json.loads(proc.stdout.strip().splitlines()[-1]))
    q = [r["queue_s"] for r in results]
    print(f"machine: {os.cpu_count()} CPUs (shared); {args.encounters} encounters; {args.runs} runs")
    print(f"command to interactive queue: median {statistics.median(q) * 1000:.0f} ms "
          f"(min {min(q) * 1000:.0f}, max {max(q) * 1000:.0f}); target <= 1000 ms")
    print(f"RSS at queue: median {statistics.median(r['rss_queue_mb'] for r in results):.0f} MB")
    print(f"RSS with release, search index and grouper loaded, one encounter open: median "
          f"{statistics.median(r['rss_loaded_mb'] for r in results):.0f} MB; target <= 150 MB")


if __name__ == "__main__":
    main()
