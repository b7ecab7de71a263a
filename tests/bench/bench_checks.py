"""Benchmark: coding checks per encounter (target: at most 5 ms).

Run: .venv/bin/python tests/bench/bench_checks.py [--n 2000]
Prints p50/p95/p99 in milliseconds for
  - queue: generated DNFB-like stays (3-15 random diagnoses, 0-3 procedures, every code new to the
    checker's caches at first: the cost of checking a queue once);
  - editing: a 25-diagnosis, 25-procedure stay checked after each change of one code (what the app
    does after every edit; caches warm).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from workbench.checks import Checker
from workbench.drg import DrgService
from workbench.drg_sample import typical_records
from workbench.encounter import Diagnosis, Encounter, Procedure
from workbench.interchange import encounter_from_record

SDX = ["N179", "E119", "I10", "J9601", "E870", "D62", "E1122", "N1830", "I480", "Z7901", "E785", "K219",
       "F329", "G4733", "M109", "Z794", "E6601", "J449", "I2510", "Z95818", "E039", "N400", "R531"]
LAST = ["D649", "E871", "E860", "R001", "I959", "E8342", "J90", "N390", "R0902", "D696", "K5900", "R627"]
PCS = ["0DTJ4ZZ", "02703DZ", "5A1955Z", "3E033VJ", "0BH17EZ", "B2111ZZ", "4A023N7", "0W9G3ZZ", "30233N1",
       "5A1D70Z", "02HV33Z", "0JH606Z", "0DJ08ZZ", "3E0436Z", "B548ZZA", "0T9B70Z", "BW03ZZZ", "4A1239Z",
       "5A09357", "02HK3DZ", "0FT44ZZ", "0SRC0J9", "0QS604Z", "0KQM0ZZ", "06L34CZ"]


def editing(i: int) -> Encounter:
    procs = PCS[i % 25:] + PCS[:i % 25]
    return Encounter(
        account=f"B{i}", age=72, sex="M", admit_date=dt.date(2026, 5, 1), discharge_date=dt.date(2026, 5, 6),
        diagnoses=[Diagnosis("I5023", "Y")] + [Diagnosis(c, "Y") for c in SDX]
        + [Diagnosis(LAST[i % len(LAST)], "N")],
        procedures=[Procedure(c) for c in procs],
    )


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
        checker.check(editing(0))  # load the release and the MCE tables
        times, found = [], 0
        for rec in typical_records(args.n, seed=7):
            enc = encounter_from_record(rec)
            t = time.perf_counter()
            found += len(checker.check(enc))
            times.append((time.perf_counter() - t) * 1000)
        figures("queue", times, found)
        times, found = [], 0
        for i in range(args.n):
            enc = editing(i)
            t = time.perf_counter()
            found += len(checker.check(enc))
            times.append((time.perf_counter() - t) * 1000)
        figures("editing", times, found)


if __name__ == "__main__":
    main()
