"""Code-set figures: build time, load time in a fresh process, and resident memory.

    .venv/bin/python -m tests.bench.bench_codesets [--runs 5] [--build]

Uses a private data folder (a temp dir) unless WORKBENCH_DATA_DIR is set. Prints medians; never
asserts (the targets are: load <= 0.3 s, RSS with one release loaded well under 150 MB).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

LOAD = r"""
import resource, time
t = time.perf_counter()
from codesets.release.core import load_release
rel = load_release("2026.1")
rel.cm("I50.23"); rel.notes("E11.22"); rel.pcs("0DTJ4ZZ"); rel.drg("291"); rel.cc_exclusion_pdx("I50.23")
dt = time.perf_counter() - t
print(dt, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--build", action="store_true", help="also time full rebuilds (about 4 s each)")
    args = ap.parse_args()
    env = dict(os.environ)
    env.setdefault("WORKBENCH_DATA_DIR", tempfile.mkdtemp(prefix="bench-codesets-"))
    builds = []
    for i in range(args.runs if args.build else 1):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-m", "workbench.cli", "codesets", "build"], env=env, check=True,
                       capture_output=True)
        builds.append(time.perf_counter() - t)
        if i == 0 and not args.build:
            break
    loads, rss = [], []
    for _ in range(args.runs):
        out = subprocess.run([sys.executable, "-c", LOAD], env=env, check=True, capture_output=True,
                             text=True)
        a, b = out.stdout.split()
        loads.append(float(a))
        rss.append(float(b))
    print(f"build (fresh process, incl. MCE checks): median {statistics.median(builds):.2f} s "
          f"over {len(builds)}")
    print(f"load + 5 lookups (fresh process):        median {statistics.median(loads) * 1000:.0f} ms "
          f"over {len(loads)} (max {max(loads) * 1000:.0f} ms)")
    print(f"peak RSS after load:                     median {statistics.median(rss):.1f} MB")


if __name__ == "__main__":
    main()
