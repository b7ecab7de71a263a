"""Benchmark of the department reports at 10,000 encounters: each report, and the Reports screen.

    WORKBENCH_DATA_DIR=.test-data .venv/bin/python -m tests.bench.bench_reports [--runs N] [--rebuild]

Builds (once, kept in .test-data/bench-reports-10k) a database of 10,000 stays with documents, a
realistic mix of statuses, audit trails over 20 working days by 6 coders, queries, and kept groupings
on half the coded stays (the other half are regrouped by the reports). Prints the median (and min,
max) over the runs of: reading the stays, each report end to end (read + build + grouping cache saved,
as `workbench report` does after start-up; "cold" is one run before it with no grouping cache), and the
Reports screen from F7 to the screen shown and to the case mix figures on it ("cold": the first opening
with no grouping cache; later ones read the case mix from the queue index and the kept answers).
Targets: every report
<= 1 s, the screen <= 0.5 s. Not a pass/fail test.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import random
import shutil
import statistics
import time
from pathlib import Path

from tests.bench.bench_store import DX, PCS, encounter
from workbench.drg.service import DrgService
from workbench.model.encounter import Diagnosis, Procedure, Query
from workbench.reports import REPORTS, Filters, GroupCache, build_report
from workbench.reports.stays import gc_paused, load_stays
from workbench.store import core as store_core
from workbench.store.core import Store

ROOT = Path(__file__).resolve().parents[2]

N = 10_000
CODERS = ["alice", "bob", "carol", "dave", "erin", "frank"]
AS_OF = dt.date(2026, 7, 1)
STAMP = "v1"


def build_db(path: Path) -> None:
    rng = random.Random(7)
    if path.exists():
        shutil.rmtree(path)
    encs = []
    for i in range(N):
        e = encounter(i, rng)
        e.status, e.coder = "new", ""
        e.age = 40 + rng.randrange(50)
        e.diagnoses = [Diagnosis(c, "Y") for c in rng.sample(DX, rng.randrange(1, 6))]
        e.procedures = [Procedure(c, e.discharge_date) for c in rng.sample(PCS, rng.randrange(0, 2))]
        if rng.random() < 0.1:
            e.queries = [Query("Clinical significance?", ["yes", "other"], rng.choice(["open", "answered"]),
                               "", rng.choice(CODERS), (e.discharge_date + dt.timedelta(days=2)).isoformat(),
                               (e.discharge_date + dt.timedelta(days=5)).isoformat())]
        encs.append(e)
    store = Store.open(path)
    store.add_many(encs, user="admin")
    clock = {"t": dt.datetime(2026, 6, 1, 8, 0)}
    real_now = store_core.now_iso
    store_core.now_iso = lambda: clock["t"].isoformat(timespec="seconds") + "-05:00"
    svc = DrgService()
    try:
        for i, e in enumerate(encs):
            r = rng.random()
            if r < 0.35:
                continue
            day = i % 20
            clock["t"] = dt.datetime(2026, 6, 1, 8) + dt.timedelta(days=day, minutes=(i // 20) % 480)
            e.coder = CODERS[i % len(CODERS)]
            e.status = "in_progress" if r < 0.45 else "coded"
            if e.status == "coded" and i % 2:
                e.grouping = svc.group(e).summary()  # kept on save, as the app does
            rev = store.save(e, 1, user=e.coder)
            if r > 0.8:
                clock["t"] += dt.timedelta(minutes=3)
                e.status = "final"
                store.save(e, rev, user=e.coder)
    finally:
        store_core.now_iso = real_now
        svc.close()
        store.close()
    (path / "bench-stamp").write_text(STAMP)


def timed(fn, runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times), max(times)


def screen_open(path: Path) -> tuple[float, float]:
    """Seconds from F7 to the Reports screen painted, and to the case mix figures on it. Read from the
    screen's own mount (the first refresh after it) and from its showing the report: `pilot.press`
    itself returns only when the app is idle, after the fill of the other tabs has started."""
    from workbench.settings import Settings
    from workbench.tui.app import make_app
    from workbench.tui.screens.reports import ReportsScreen

    app = make_app(path, Settings(base_rate=6000.0), today=AS_OF, preload=False)
    marks: dict[str, float] = {}
    mount, show = ReportsScreen.on_mount, ReportsScreen._show

    def on_mount(self: ReportsScreen) -> None:
        mount(self)
        self.call_after_refresh(lambda: marks.setdefault("painted", time.perf_counter()))

    def _show(self: ReportsScreen, report) -> None:
        show(self, report)
        if report.name == "casemix":
            marks.setdefault("figures", time.perf_counter())

    async def go() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await app.workers.wait_for_complete()
            await pilot.pause()
            app.services.drg_service()  # loaded at app start-up by the warm-up worker in real use
            marks["f7"] = time.perf_counter()
            await pilot.press("f7")
            while "figures" not in marks:
                await pilot.pause(0.005)
            app.screen.workers.cancel_all()  # the other tabs' fill is not part of the opening

    ReportsScreen.on_mount, ReportsScreen._show = on_mount, _show  # type: ignore[method-assign]
    try:
        asyncio.run(go())
    finally:
        ReportsScreen.on_mount, ReportsScreen._show = mount, show  # type: ignore[method-assign]
    return marks["painted"] - marks["f7"], marks["figures"] - marks["f7"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--rebuild", action="store_true")
    args = ap.parse_args()
    path = ROOT / ".test-data" / "bench-reports-10k"
    stamp = path / "bench-stamp"
    if args.rebuild or not stamp.exists() or stamp.read_text() != STAMP:
        t0 = time.perf_counter()
        build_db(path)
        print(f"built {N} encounters in {time.perf_counter() - t0:.0f} s: {path}")
    store = Store.open(path)
    stays = load_stays(store)
    done = sum(s.status in ("coded", "final") for s in stays)
    print(f"{len(stays)} encounters, {done} coded or final, "
          f"{sum(1 for s in stays if s.kept)} with a kept grouping, "
          f"{sum(len(s.audit) for s in stays)} audit entries")
    m, lo, hi = timed(lambda: load_stays(store), args.runs)
    print(f"read stays           median {m * 1000:6.0f} ms  (min {lo * 1000:.0f}, max {hi * 1000:.0f})")
    group_cache = path / "data" / "group-cache.json"
    with DrgService(base_rate=6000.0) as svc:
        for name in REPORTS:
            def run(name: str = name) -> None:
                # as `workbench report` does: read, build (regroupings through the grouping cache), save
                cache = GroupCache.of_store(store)
                with gc_paused():
                    build_report(name, load_stays(store), Filters(), svc, as_of=AS_OF, release="2027.0",
                                 cache=cache)
                cache.save()
            group_cache.unlink(missing_ok=True)
            cold, _, _ = timed(run, 1)  # no grouping cache yet: every stale stay goes to the grouper
            m, lo, hi = timed(run, args.runs)
            flag = "ok" if m <= 1.0 else "OVER 1 s"
            print(f"report {name:13} median {m * 1000:6.0f} ms  (min {lo * 1000:.0f}, "
                  f"max {hi * 1000:.0f}; cold {cold * 1000:.0f})  {flag}")
    store.close()
    group_cache.unlink(missing_ok=True)
    cold_shown, cold = screen_open(path)  # no grouping cache: the full read and regrouping
    opens = [screen_open(path) for _ in range(max(3, args.runs))]
    m = statistics.median(o[1] for o in opens)
    print(f"Reports screen open  median {m * 1000:6.0f} ms  (min {min(o[1] for o in opens) * 1000:.0f}, "
          f"max {max(o[1] for o in opens) * 1000:.0f}; cold {cold * 1000:.0f}) to the case mix figures  "
          f"{'ok' if m <= 0.5 else 'OVER 0.5 s'}")
    print(f"                     median {statistics.median(o[0] for o in opens) * 1000:6.0f} ms  "
          f"(cold {cold_shown * 1000:.0f}) to the screen painted")

if __name__ == "__main__":
    main()
