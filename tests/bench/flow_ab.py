"""bench_flow for two trees in turns: another revision (default `main`, exported with `git archive`)
and this tree, one bench_flow run each per round, the order swapped every round, so the machine's
load falls on both alike.

    .venv/bin/python -m tests.bench.flow_ab [REV] [--rounds 4]

Each run is a fresh process running that tree's `workbench` (bench_flow's `--root`). Prints, per tree,
the medians over rounds of: each step's slowest key (key sent -> the last frame written for it, wall),
its costliest key's main-thread CPU, its slowest key's first frame (key sent -> the first frame written
before the next key: when the key's effect shows, where the last frame may be a save's acknowledgment
or a rescan's list), and the first chart's open; then the spread over the steps as bench_flow prints it,
and the load before and after.
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
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def child(root: Path) -> None:
    import asyncio

    import workbench
    from tests.bench import bench_flow

    assert Path(workbench.__file__).resolve().is_relative_to(root.resolve()), workbench.__file__
    first_frames(bench_flow)
    charts = asyncio.run(bench_flow.one_run("new"))
    out = [{"label": c.label, "keys": c.keys, "mismatch": c.mismatch,
            "steps": [(n, r, k, f) for (n, r), (_, k), f in zip(c.responses, c.key_cpu, c.first_frames,
                                                               strict=True)]}
           for c in charts]
    print(json.dumps(out))


def first_frames(bench_flow: Any) -> None:
    """Note on each chart, per step, its slowest key's first frame (key sent -> the first frame written
    before the next key): when the coder sees the key's effect, where bench_flow's figure is the last
    frame (a save's acknowledgment, a rescan's list). Both trees' bench_flow are driven alike."""
    real_step, real_merge = bench_flow.Driver.step, bench_flow.Driver.merge_last
    real_key_event = bench_flow.key_event

    async def step(self: Any, name: str, *keys: str) -> None:
        sent: list[float] = []

        def key_event(key: str) -> Any:
            sent.append(time.perf_counter())
            return real_key_event(key)

        bench_flow.key_event = key_event
        try:
            await real_step(self, name, *keys)
        finally:
            bench_flow.key_event = real_key_event
        worst = 0.0
        for at, nxt in zip(sent, [*sent[1:], float("inf")], strict=True):
            frames = [p for p in self.paints if at < p < nxt]
            if frames:
                worst = max(worst, frames[0] - at)
        if not hasattr(self.chart, "first_frames"):
            self.chart.first_frames = []
        self.chart.first_frames.append(worst)

    def merge_last(self: Any, name: str, n: int, seconds: float) -> None:
        real_merge(self, name, n, seconds)
        merged = max(self.chart.first_frames[-n:])
        del self.chart.first_frames[-n:]
        self.chart.first_frames.append(merged)

    bench_flow.Driver.step = step
    bench_flow.Driver.merge_last = merge_last


def run(tree: Path) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": f"{tree}:{ROOT}", "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", str(tree)], cwd=tree,
                          env=env, capture_output=True, text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def spread(v: list[float]) -> str:
    v = sorted(v)
    p95 = v[min(len(v) - 1, round(0.95 * (len(v) - 1)))]
    return (f"median {statistics.median(v) * 1000:3.0f} p95 {p95 * 1000:3.0f} max {v[-1] * 1000:3.0f} ms, "
            f"over 100 ms: {sum(x > 0.1 for x in v)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rev", nargs="?", default="main")
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--child", type=Path)
    args = ap.parse_args()
    if args.child:
        child(args.child)
        return
    print("load before:", os.getloadavg())
    with tempfile.TemporaryDirectory() as tmp:
        other = Path(tmp) / "other"
        other.mkdir()
        archive = subprocess.run(["git", "archive", args.rev], cwd=ROOT, capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(other)], input=archive, check=True)
        trees = {args.rev: other, "this tree": ROOT}
        runs: dict[str, list[list[dict]]] = {name: [] for name in trees}
        for r in range(args.rounds):
            order = list(trees) if r % 2 == 0 else list(reversed(trees))
            for name in order:
                runs[name].append(run(trees[name]))
                first = runs[name][-1][0]["steps"][0]
                print(f"round {r + 1} {name:10} first open {first[1] * 1000:4.0f} ms wall, "
                      f"{first[2] * 1000:4.0f} ms cpu  (load {os.getloadavg()[0]:.1f})", flush=True)
    for name, rs in runs.items():
        steps: dict[tuple[int, str], list[tuple[float, float]]] = {}
        for charts in rs:
            for i, c in enumerate(charts):
                if c["mismatch"]:
                    print(f"{name}: {c['label']} NOT coded as its key: {c['mismatch']}")
                for step, resp, cpu, first in c["steps"]:
                    steps.setdefault((i, step), []).append((resp, cpu, first))
        walls = [statistics.median(x[0] for x in v) for v in steps.values()]
        cpus = [statistics.median(x[1] for x in v) for v in steps.values()]
        firsts = [statistics.median(x[2] for x in v) for v in steps.values()]
        first = steps[(0, "open chart")]
        print(f"{name}: {len(rs)} runs, {len(steps)} steps")
        print(f"  first chart open: wall {statistics.median(x[0] for x in first) * 1000:.0f} ms, "
              f"costliest-key cpu {statistics.median(x[1] for x in first) * 1000:.0f} ms (medians)")
        print(f"  slowest key per step (wall): {spread(walls)}")
        print(f"  costliest key cpu per step:  {spread(cpus)}")
        print(f"  slowest key's first frame:   {spread(firsts)}")
        for kind in ("open chart", "suggestions", "add ", "accept "):
            w = [statistics.median(x[0] for x in v) for (_, s), v in steps.items() if s.startswith(kind)]
            c = [statistics.median(x[1] for x in v) for (_, s), v in steps.items() if s.startswith(kind)]
            f = [statistics.median(x[2] for x in v) for (_, s), v in steps.items() if s.startswith(kind)]
            print(f"    {kind.strip():12} wall median {statistics.median(w) * 1000:4.0f} "
                  f"max {max(w) * 1000:4.0f} | cpu median {statistics.median(c) * 1000:4.0f} "
                  f"max {max(c) * 1000:4.0f} | first frame median {statistics.median(f) * 1000:4.0f} "
                  f"max {max(f) * 1000:4.0f} ms")
    print("load after:", os.getloadavg())


if __name__ == "__main__":
    main()
