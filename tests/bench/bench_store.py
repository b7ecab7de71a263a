"""Benchmark of the encounter store: open, save p50/p95, queue listing, and save cost vs. size.

    .venv/bin/python -m tests.bench.bench_store            # 1k and 10k encounters (about a minute)
    .venv/bin/python -m tests.bench.bench_store --full     # adds 100k (several minutes, ~1 GB disk)

Synthetic encounters carry about 5 kB of documents each (H&P, progress notes, discharge summary).
Prints figures; targets at 10k: open <= 1 s, save p95 <= 20 ms, listing (filter + sort) <= 50 ms,
and save cost flat with database size.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from workbench.model.encounter import Diagnosis, Document, Encounter, Procedure
from workbench.store.core import Store

DX = ["I5023", "E119", "N179", "J189", "A419", "I10", "E785", "N390", "K5730", "I214", "J441", "E871",
      "D62", "R6520", "Z794", "F17210", "I480", "N183", "E1122", "K219"]
PCS = ["0DTJ4ZZ", "02703ZZ", "0SR9019", "5A1955Z", "0FT44ZZ", "30233N1"]
WORDS = ("patient admitted with shortness of breath chest pain fever cough edema bilateral lower "
         "extremity history of hypertension diabetes mellitus chronic kidney disease stage three "
         "congestive heart failure ejection fraction reduced started on intravenous diuretics "
         "antibiotics blood cultures pending creatinine elevated improved tolerated diet ambulating "
         "plan continue monitor telemetry discharge home follow up with cardiology in two weeks").split()
DOC_TYPES = [("History and Physical", 1800), ("Progress Note", 1000), ("Progress Note", 900),
             ("Discharge Summary", 1400)]
STATUS = ["new"] * 5 + ["in_progress"] * 2 + ["on_hold", "coded", "final"]


def text(rng: random.Random, size: int) -> str:
    out: list[str] = []
    n = 0
    while n < size:
        w = rng.choice(WORDS)
        out.append(w)
        n += len(w) + 1
    return " ".join(out)


def encounter(i: int, rng: random.Random) -> Encounter:
    admit = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(150))
    disch = admit + dt.timedelta(days=rng.randrange(1, 12))
    docs = [Document(t, text(rng, n), f"Dr {rng.choice('ABCDEFG')}", admit.isoformat()) for t, n in DOC_TYPES]
    return Encounter(
        account=f"ACC{i:07d}", mrn=f"MRN{rng.randrange(10**7):07d}", patient_name=f"Patient {i}, Test",
        birth_date=dt.date(1930 + rng.randrange(70), 1 + rng.randrange(12), 1 + rng.randrange(28)),
        sex=rng.choice("MF"), admit_date=admit, discharge_date=disch, payer="Medicare",
        attending="Dr A", service="Medicine", documents=docs, status=rng.choice(STATUS),
        diagnoses=[Diagnosis(c, rng.choice("YN")) for c in rng.sample(DX, rng.randrange(2, 9))],
        procedures=[Procedure(c, disch) for c in rng.sample(PCS, rng.randrange(0, 3))],
        coder=rng.choice(["", "alice", "bob", "carol"]),
        grouping={"drg": str(rng.choice([291, 292, 293, 871, 872, 683])),
                  "weight": round(rng.uniform(0.6, 2), 4)},
    )


def ms(xs: list[float]) -> str:
    xs = sorted(xs)
    p95 = xs[min(len(xs) - 1, int(len(xs) * 0.95))]
    return f"p50 {statistics.median(xs) * 1e3:6.2f} ms  p95 {p95 * 1e3:6.2f} ms  max {xs[-1] * 1e3:6.2f} ms"


def grow(store: Store, start: int, stop: int, rng: random.Random) -> float:
    t = time.perf_counter()
    for lo in range(start, stop, 2000):
        store.add_many([encounter(i, rng) for i in range(lo, min(lo + 2000, stop))])
    return time.perf_counter() - t


def saves(store: Store, n: int, size: int, rng: random.Random) -> list[float]:
    """Time `n` saves of random encounters (open, change a code and the status, save)."""
    times = []
    for _ in range(n):
        stored = store.get(f"ACC{rng.randrange(size):07d}")
        enc = stored.encounter
        enc.diagnoses.append(Diagnosis(rng.choice(DX), "Y"))
        enc.diagnoses = enc.diagnoses[-20:]
        enc.status = "in_progress" if enc.status in ("new", "on_hold") else enc.status
        t = time.perf_counter()
        store.save(enc, stored.revision, reason="bench")
        times.append(time.perf_counter() - t)
    return times


def listing(store: Store, **kw: object) -> list[float]:
    times = []
    for _ in range(15):
        store._queue.clear_cache()  # measure the real scan, not TinyDB's query cache
        t = time.perf_counter()
        rows = store.list(**kw)  # type: ignore[arg-type]
        times.append(time.perf_counter() - t)
    assert rows is not None
    return times


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--full", action="store_true", help="also measure at 100,000 encounters")
    ap.add_argument("--quick", action="store_true", help="stop at 10,000 encounters (default)")
    ap.add_argument("--saves", type=int, default=300)
    args = ap.parse_args()
    sizes = [1_000, 10_000] + ([100_000] if args.full else [])
    rng = random.Random(5)
    root = Path(tempfile.mkdtemp(prefix="bench-store-"))
    try:
        db = root / "db"
        store = Store.open(db)
        have = 0
        for size in sizes:
            took = grow(store, have, size, rng)
            print(f"\n== {size:,} encounters (built in {took:.1f} s, "
                  f"{sum(p.stat().st_size for p in db.rglob('*.json')) / 1e6:.0f} MB of encounter files)")
            have = size
            store.close()
            opens = []
            for _ in range(3):
                t = time.perf_counter()
                store = Store.open(db)
                opens.append(time.perf_counter() - t)
                if _ < 2:
                    store.close()
            print(f"open             median {statistics.median(opens) * 1e3:7.1f} ms")
            print(f"save             {ms(saves(store, args.saves, size, rng))}")
            print(f"list status+sort {ms(listing(store, status='in_progress', sort='discharge_date'))}")
            print(f"list all, by drg {ms(listing(store, sort='drg', descending=True))}")
            print(f"list text search {ms(listing(store, text='patient 12', sort='account'))}")
            t = time.perf_counter()
            store.get("ACC0000007")
            print(f"get one          {(time.perf_counter() - t) * 1e3:7.2f} ms")
        store.close()
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
