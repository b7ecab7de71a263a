"""Where the wall time of bench_flow's slow steps goes: for each step's slowest key, what ran between the
key and the last frame written for it (the foreground regroup-and-save worker, the suggestions rescan,
the frames) and how much of it was the main thread's own CPU.

    .venv/bin/python -m tests.bench.flow_steps [--runs 1] [--over 0.1]

One bench_flow run (plan new) with the workers and frames noted; prints one row per step whose slowest
key took more than `--over` seconds, then a summary of the phases over all steps. A reading aid, not a
benchmark: the machine's load moves every figure (give `uptime` with it).

Columns (ms from the key sent): `wall` to the last frame; `cpu` the main thread's CPU over that key;
`commit` the regroup-and-save worker's start-end; `scan` the suggestions rescan's start-end (when it ended
before the last frame); `frames` how many frames were written, the first at `first`.
"""

from __future__ import annotations

import argparse
import asyncio
import functools
import statistics
import time
from dataclasses import dataclass, field
from typing import Any

from tests.bench import bench_flow

EVENTS: list[tuple[float, str]] = []


@dataclass
class KeyTrace:
    step: str
    key: str
    sent: float
    done: float = 0.0
    cpu: float = 0.0
    events: list[tuple[float, str]] = field(default_factory=list)
    frames: list[float] = field(default_factory=list)

    @property
    def wall(self) -> float:
        return (self.frames[-1] - self.sent) if self.frames else 0.0

    def window(self, group: str) -> tuple[float, float] | None:
        starts = [t for t, e in self.events if e == f"{group} starts"]
        ends = [t for t, e in self.events if e.startswith(f"{group} ends")]
        if not starts or not ends:
            return None
        return starts[0] - self.sent, ends[-1] - self.sent


TRACES: list[KeyTrace] = []


def instrument() -> None:
    from textual.worker import Worker

    real_run = Worker._run

    @functools.wraps(real_run)
    async def run_worker(self: Any, app: Any) -> None:
        EVENTS.append((time.perf_counter(), f"{self.group} starts"))
        try:
            await real_run(self, app)
        finally:
            EVENTS.append((time.perf_counter(), f"{self.group} ends {self.state.name}"))
    Worker._run = run_worker  # type: ignore[method-assign]

    real_step = bench_flow.Driver.step

    async def step(self: Any, name: str, *keys: str) -> None:
        real_settle = self.settle

        async def settle() -> None:
            trace = TRACES[-1] if TRACES and not TRACES[-1].done else None
            await real_settle()
            if trace is not None:
                trace.done = time.perf_counter()
                trace.cpu = time.thread_time() - trace.cpu
                trace.events = [(t, e) for t, e in EVENTS if t >= trace.sent]
                trace.frames = [p for p in self.paints if p > trace.sent]

        real_key_event = bench_flow.key_event

        def key_event(key: str) -> Any:
            TRACES.append(KeyTrace(name, key, time.perf_counter()))
            TRACES[-1].cpu = time.thread_time()
            return real_key_event(key)

        self.settle = settle
        bench_flow.key_event = key_event
        try:
            await real_step(self, name, *keys)
        finally:
            bench_flow.key_event = real_key_event
            del self.settle
    bench_flow.Driver.step = step  # type: ignore[method-assign]


def _ms(x: float) -> str:
    return f"{x * 1000:4.0f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--over", type=float, default=0.1)
    ap.add_argument("--detail", action="store_true", help="every event of each slow key")
    args = ap.parse_args()
    instrument()
    asyncio.run(bench_flow.one_run("new"))
    # per step (in order): its slowest key
    steps: dict[tuple[int, str], KeyTrace] = {}
    chart = 0
    for tr in TRACES:
        if tr.step == "open chart" and tr.key == "/":
            chart += 1
        k = (chart, tr.step)
        if k not in steps or tr.wall > steps[k].wall:
            steps[k] = tr
    print(f"{'step':24} {'key':6} {'wall':>5} {'cpu':>5} {'commit':>11} {'scan':>11} {'frames':>6} "
          f"{'first':>5}  after the last worker")
    for (_c, name), tr in steps.items():
        if name in ("open", "back"):  # the bench's warm-up
            continue
        if tr.wall <= args.over:
            continue
        commit, scan = tr.window("commit"), tr.window("suggestions")
        if scan is not None and scan[1] > tr.wall:
            scan = None
        last = max([w[1] for w in (commit, scan) if w] or [0.0])
        print(f"{name[:24]:24} {tr.key[:6]:6} {_ms(tr.wall):>5} {_ms(tr.cpu):>5} "
              f"{(_ms(commit[0]) + '-' + _ms(commit[1])) if commit else '-':>11} "
              f"{(_ms(scan[0]) + '-' + _ms(scan[1])) if scan else '-':>11} {len(tr.frames):>6} "
              f"{_ms(tr.frames[0] - tr.sent) if tr.frames else '-':>5}  {_ms(tr.wall - last)}")
        if args.detail:
            marks = sorted(tr.events + [(f, "FRAME") for f in tr.frames])
            print("      " + ", ".join(f"{_ms(t - tr.sent).strip()} {e}" for t, e in marks))
    walls = [tr.wall for k, tr in steps.items() if k[1] not in ("open", "back")]
    print(f"steps {len(walls)}: wall median {_ms(statistics.median(walls))} ms, "
          f"over {args.over * 1000:.0f} ms: {sum(w > args.over for w in walls)}")


if __name__ == "__main__":
    main()
