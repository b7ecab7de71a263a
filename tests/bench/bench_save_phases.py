"""Where a save's time goes when coders save at once: outside the lock, waiting for it, holding it.

    .venv/bin/python -m tests.bench.bench_save_phases [--db PATH] [--writers 20] [--saves 50] [--think MS]

Copies a database made by `bench_scale` (default `/tmp/bench-scale/db-1000`, read only) to a temporary
folder and starts `--writers` processes, each saving its own five encounters in turn as `workbench apply`
does (read the encounter, change its diagnoses, `Store.save`), all starting together. Each process times,
per save: the whole `Store.save`; the prepared half done without the lock (new file written and fsynced
beside the old one); the wait for the exclusive lock (of which `turn`: taking a ticket and waiting for the
writer before, `workbench/store/turns.py`); the time the lock is held (catching up with other
processes' rows, the journal row appended and fsynced, the rename, timed apart) and the CPU time of
that thread meanwhile (kernel time included: held less held CPU is time spent waiting for the disk or
for a core); the fsyncs inside and outside the lock; and the CPU time of the save. Prints p50 / p95 /
p99 of each over all saves, and `db check`'s verdict.
"""

from __future__ import annotations

import argparse
import fcntl
import multiprocessing
import os
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from workbench.store.turns import copy_ignore as without_turns

DX = ["I10", "E119", "N179", "J189", "E785", "K219", "F329", "I480", "D649", "E871", "N390", "R531"]


def _writer(db: str, accounts: list[str], saves: int, think: float, seed: int,
            ready: Any, out: Any) -> None:
    from workbench.model.encounter import Diagnosis
    from workbench.store.core import Store

    rng = random.Random(seed)
    clock = time.perf_counter
    held = {"since": 0.0, "cpu": 0.0}
    phase: dict[str, float] = {}
    real_flock, real_fsync = fcntl.flock, os.fsync
    store_fd = [-1]  # the store lock's descriptor (the turns' own flocks are not the store lock)

    def flock(fd: int, op: int) -> None:
        if fd != store_fd[0]:
            real_flock(fd, op)
        elif op == fcntl.LOCK_EX:
            t = clock()
            real_flock(fd, op)
            phase["wait"] = phase.get("wait", 0.0) + clock() - t
            held["since"], held["cpu"] = clock(), time.thread_time()
        else:
            real_flock(fd, op)
            if held["since"]:
                phase["held"] = phase.get("held", 0.0) + clock() - held["since"]
                phase["held cpu"] = phase.get("held cpu", 0.0) + time.thread_time() - held["cpu"]
                held["since"] = 0.0

    def fsync(fd: int) -> None:
        t = clock()
        real_fsync(fd)
        key = "fsync in lock" if held["since"] else "fsync outside"
        phase[key] = phase.get(key, 0.0) + clock() - t

    real_replace = os.replace

    def replace(src: Any, dst: Any) -> None:
        t = clock()
        real_replace(src, dst)
        key = "rename in lock" if held["since"] else "rename outside"
        phase[key] = phase.get(key, 0.0) + clock() - t

    fcntl.flock = flock  # type: ignore[assignment]
    os.fsync = fsync
    os.replace = replace
    store = Store.open(db, create=False)
    store_fd[0] = store._lock._fd
    turns = getattr(store, "_turns", None)  # the code before the turns had none
    if turns is not None:
        real_take, real_wait = turns._take, turns._wait

        def timed(real: Any) -> Any:
            def run(*a: Any) -> Any:
                t = clock()
                try:
                    return real(*a)
                finally:
                    phase["turn"] = phase.get("turn", 0.0) + clock() - t
                    phase["wait"] = phase.get("wait", 0.0) + clock() - t
            return run

        turns._take, turns._wait = timed(real_take), timed(real_wait)
    real_prepare = store._prepare

    def prepare(*a: Any) -> Any:
        t = clock()
        try:
            return real_prepare(*a)
        finally:
            phase["prepare"] = phase.get("prepare", 0.0) + clock() - t

    store._prepare = prepare  # type: ignore[method-assign,assignment]
    rows = []
    for n in range(-1, saves):  # save -1 warms the process up: not timed
        if n == 0:
            ready.wait()
        elif n > 0 and think:
            time.sleep(rng.expovariate(1000 / think))
        stored = store.get(accounts[max(n, 0) % len(accounts)])
        enc = stored.encounter
        enc.diagnoses = [Diagnosis(c, "Y") for c in rng.sample(DX, rng.randrange(1, 6))]
        phase.clear()
        t, c = clock(), time.process_time()
        store.save(enc, stored.revision)
        if n >= 0:
            rows.append({"save": clock() - t, "cpu": time.process_time() - c, **phase})
    store.close()
    out.put(rows)


def _pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(p * len(xs)))] if xs else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", default="/tmp/bench-scale/db-1000")
    ap.add_argument("--writers", type=int, default=20)
    ap.add_argument("--saves", type=int, default=50)
    ap.add_argument("--think", type=float, default=0.0, help="mean pause between saves, ms (0: back to back)")
    args = ap.parse_args()
    from workbench.store.core import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "db"
        shutil.copytree(args.db, db, symlinks=True, ignore=without_turns(args.db))
        with Store.open(db, create=False) as store:
            accounts = [r["account"] for r in store.journal.rows.values()
                        if r.get("status") in ("new", "in_progress") and not r.get("deleted")]
        ctx = multiprocessing.get_context("spawn")
        ready, out = ctx.Barrier(args.writers), ctx.Queue()
        procs = [ctx.Process(target=_writer, args=(str(db), accounts[k * 5:(k + 1) * 5], args.saves,
                                                   args.think, k, ready, out)) for k in range(args.writers)]
        load = os.getloadavg()[0]
        for p in procs:
            p.start()
        rows = [r for _ in procs for r in out.get()]
        for p in procs:
            p.join()
        with Store.open(db, create=False) as store:
            from workbench.store.check import check_store

            report = check_store(store)
        problems = report.problems
    print(f"{args.writers} writers x {args.saves} saves, think {args.think:.0f} ms; load {load:.2f} -> "
          f"{os.getloadavg()[0]:.2f}; db check: {'ok' if not problems else problems[:3]}")
    for key in ("save", "prepare", "wait", "turn", "held", "held cpu", "fsync in lock", "rename in lock",
                "fsync outside", "cpu"):
        xs = [r.get(key, 0.0) * 1000 for r in rows]
        print(f"  {key:14} p50 {_pct(xs, 0.5):7.1f} ms   p95 {_pct(xs, 0.95):7.1f} ms   "
              f"p99 {_pct(xs, 0.99):7.1f} ms   mean {statistics.mean(xs):7.1f} ms")


if __name__ == "__main__":
    main()
