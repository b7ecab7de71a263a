"""Batch grouping at another revision and in this tree against msdrg alone, alternating in one process.

    .venv/bin/python -m tests.bench._ratio_ab [REV] [--n 20000] [--runs 5]

`bench_batch_ratio` for two trees at once: REV's `workbench/drg/batch.py` and `edits.py` (default
`main`, read with `git show`) are loaded as modules beside this tree's, and the three (REV's batch, this
tree's batch, msdrg's `MsdrgGrouper.group` on the claims the batch sends) take turns on the same claims,
so the machine's load falls on each alike. Prints each rate (CPU seconds, median of `--runs`) and each
batch's ratio to msdrg alone.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import ModuleType

import msdrg

from tests.bench.bench_batch_ratio import grouper_claims, stays_of
from tests.support.drg_sample import records, typical_records
from workbench.drg import batch as this_batch
from workbench.drg.service import DrgService

ROOT = Path(__file__).resolve().parents[2]


def _module(rev: str, rel: str, name: str, folder: str) -> ModuleType:
    text = subprocess.run(["git", "-C", str(ROOT), "show", f"{rev}:{rel}"], capture_output=True, text=True,
                          check=True).stdout
    path = os.path.join(folder, f"{name}.py")
    Path(path).write_text(text, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rev", nargs="?", default="main")
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        old_edits = _module(args.rev, "workbench/drg/edits.py", "rev_edits", tmp)
        old_batch = _module(args.rev, "workbench/drg/batch.py", "rev_batch", tmp)
    if hasattr(old_batch, "explain_edits"):
        old_batch.explain_edits = old_edits.explain_edits  # REV's attribution with REV's batch
    print(f"machine: {os.cpu_count()} CPUs shared; load {os.getloadavg()[0]:.2f}")
    sets = (("typical", list(typical_records(args.n, seed=3))),
            ("24-code", list(records(args.n, seed=3, max_dx=24, max_px=6))))
    with DrgService() as svc:
        for name, recs in sets:
            stays = stays_of(recs)
            claims = grouper_claims(this_batch.BatchGrouper(svc), stays)
            grouper = msdrg.MsdrgGrouper()
            sides = {args.rev: old_batch.BatchGrouper, "this tree": this_batch.BatchGrouper}
            for make in sides.values():
                list(make(svc).rows(stays[:500]))
            times: dict[str, list[float]] = {k: [] for k in (*sides, "msdrg")}
            for r in range(args.runs):
                order = list(sides.items()) if r % 2 == 0 else list(sides.items())[::-1]
                for key, make in order:
                    t = time.process_time()
                    rows = list(make(svc).rows(stays))
                    times[key].append(time.process_time() - t)
                    del rows
                t = time.process_time()
                for c in claims:
                    grouper.group(c)
                times["msdrg"].append(time.process_time() - t)
            grouper.close()
            m = len(claims) / statistics.median(times["msdrg"])
            print(f"{name}: {len(stays):,} stays; msdrg alone {m:,.0f}/s; " + "; ".join(
                f"{k} {len(stays) / statistics.median(times[k]):,.0f}/s (ratio "
                f"{len(stays) / statistics.median(times[k]) / m:.2f})" for k in sides)
                + f"   (load {os.getloadavg()[0]:.2f})")


if __name__ == "__main__":
    main()
