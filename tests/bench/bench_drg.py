"""Benchmark: regroup one encounter with its full what-if (25 diagnoses, 25 procedures).

Run: .venv/bin/python tests/bench/bench_drg.py [--n 300]
Prints p50/p95/p99 in milliseconds. Each iteration changes the coding (a different 25th diagnosis
and procedure order), so no result is reused from the previous one.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import time

from workbench.drg import DrgService
from workbench.encounter import Diagnosis, Encounter, Procedure

SDX = ["N179", "E119", "I10", "J9601", "E870", "D62", "E1122", "N1830", "I480", "Z7901", "E785", "K219",
       "F329", "G4733", "M109", "Z794", "E6601", "J449", "I2510", "Z95818", "E039", "N400", "R531"]
LAST = ["D649", "E871", "E860", "R001", "I959", "E8342", "J90", "N390", "R0902", "D696", "K5900", "R627"]
PCS = ["0DTJ4ZZ", "02703DZ", "5A1955Z", "3E033VJ", "0BH17EZ", "B2111ZZ", "4A023N7", "0W9G3ZZ", "30233N1",
       "5A1D70Z", "02HV33Z", "0JH606Z", "0DJ08ZZ", "3E0436Z", "B548ZZA", "0T9B70Z", "BW03ZZZ", "4A1239Z",
       "5A09357", "02HK3DZ", "0FT44ZZ", "0SRC0J9", "0QS604Z", "0KQM0ZZ", "06L34CZ"]


def encounter(i: int) -> Encounter:
    procs = PCS[i % 25:] + PCS[:i % 25]
    return Encounter(
        account=f"B{i}", age=72, sex="M", admit_date=dt.date(2026, 5, 1), discharge_date=dt.date(2026, 5, 6),
        disposition="01",
        diagnoses=[Diagnosis("I5023", "Y")] + [Diagnosis(c, "Y") for c in SDX]
        + [Diagnosis(LAST[i % len(LAST)], "N")],
        procedures=[Procedure(c) for c in procs],
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--batch", type=int, default=50000, help="encounters for the batch figure (0: skip)")
    args = ap.parse_args()
    with DrgService(base_rate=6500.0) as svc:
        for i in range(20):  # warm: version contexts, O.R. probes
            svc.preview(encounter(i))
        times = []
        for i in range(args.n):
            enc = encounter(1000 + i)
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
            svc.group(encounter(2000 + i))
        print(f"group only: {(time.perf_counter() - t) / args.n * 1000:.3f} ms mean")
    if args.batch:
        bench_batch(args.batch)



def bench_batch(n: int) -> None:
    """`workbench group` end to end (a subprocess, interpreter start included) on generated files."""
    import json
    import os
    import subprocess
    import sys
    import tempfile

    from workbench.drg_sample import records, typical_records

    with tempfile.TemporaryDirectory() as tmp:
        sets = (("typical", typical_records(n, seed=3)),
                ("edge-case mix", records(n, seed=3, max_dx=12, max_px=6)))
        for name, recs in sets:
            src = os.path.join(tmp, "in.jsonl")
            with open(src, "w") as fh:
                for r in recs:
                    fh.write(json.dumps(r) + "\n")
            t = time.perf_counter()
            cmd = [sys.executable, "-m", "workbench.cli", "group", src, "--out", os.path.join(tmp, "o")]
            subprocess.run(cmd, check=False)
            secs = time.perf_counter() - t
            with open(os.path.join(tmp, "o")) as fh:
                rows = [json.loads(x) for x in fh]
            edited = sum(1 for r in rows if r.get("edits"))
            print(f"batch {name}: {n} encounters in {secs:.2f} s = {n / secs:,.0f}/s end to end "
                  f"({edited / n:.0%} with MCE edits)")


if __name__ == "__main__":
    main()
