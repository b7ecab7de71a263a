"""Batch grouping at another revision and in this tree against msdrg alone, alternating in one run.

    .venv/bin/python -m tests.bench._ratio_ab [REV] [--n 20000] [--runs 5]

`bench_batch_ratio` for two trees at once. REV (default `main`) is exported with `git archive`; each
tree runs in its own process (its whole `workbench`, so a change in any module counts), started on the
same claim file and warmed. The parent then asks them in turns, order swapped each round, for one
batch pass (`BatchGrouper.rows`, as the bench) and one pass of msdrg's `MsdrgGrouper.group` on the claims
that tree's batch sends, so the machine's load falls on both alike. Times are CPU seconds of the
child; prints each tree's rates (median of `--runs`), its ratio to msdrg alone, and the load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SETS = ("typical", "24-code")


def child(name: str, n: int) -> None:
    """One tree's side: load the claims, warm, then answer `b` (a batch pass) and `m` (msdrg alone)
    with the CPU seconds it took, until `q`."""
    import msdrg

    from tests.bench.bench_batch_ratio import grouper_claims, stays_of
    from tests.support.drg_sample import records, typical_records
    from workbench.drg.batch import BatchGrouper
    from workbench.drg.service import DrgService

    recs = list(typical_records(n, seed=3) if name == "typical" else records(n, seed=3, max_dx=24, max_px=6))
    with DrgService() as svc:
        stays = stays_of(recs)
        claims = grouper_claims(BatchGrouper(svc), stays)
        grouper = msdrg.MsdrgGrouper()
        list(BatchGrouper(svc).rows(stays[:500]))  # warm both, as bench_batch_ratio
        for c in claims[:500]:
            grouper.group(c)
        print(f"ready {len(stays)} {len(claims)}", flush=True)
        rows: list[Any] = []
        for line in sys.stdin:
            cmd = line.strip()
            t = time.process_time()
            if cmd == "b":
                rows = list(BatchGrouper(svc).rows(stays))  # held through the msdrg pass, as the bench
            elif cmd == "m":
                for c in claims:
                    grouper.group(c)
            else:
                break
            print(f"{time.process_time() - t:.6f}", flush=True)
        del rows
        grouper.close()


def _start(tree: Path, name: str, n: int) -> tuple[subprocess.Popen[str], int, int]:
    env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen([sys.executable, str(Path(__file__).resolve()), "--child", name, "--n", str(n)],
                            cwd=tree, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    _, stays, claims = proc.stdout.readline().split()
    return proc, int(stays), int(claims)


def _ask(proc: subprocess.Popen[str], cmd: str) -> float:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(cmd + "\n")
    proc.stdin.flush()
    return float(proc.stdout.readline())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rev", nargs="?", default="main")
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--child", choices=SETS, help=argparse.SUPPRESS)  # one tree's side
    args = ap.parse_args()
    if args.child:
        child(args.child, args.n)
        return
    from tests.bench._revision import export

    print(f"machine: {os.cpu_count()} CPUs shared; load {os.getloadavg()[0]:.2f}")
    with tempfile.TemporaryDirectory() as tmp:
        trees = {args.rev: export(args.rev, Path(tmp) / "tree"), "this tree": ROOT}
        for name in SETS:
            sides = {k: _start(tree, name, args.n) for k, tree in trees.items()}
            times: dict[str, dict[str, list[float]]] = {k: {"b": [], "m": []} for k in sides}
            for r in range(args.runs):
                for k in (list(sides) if r % 2 == 0 else list(sides)[::-1]):
                    for cmd in ("b", "m"):
                        times[k][cmd].append(_ask(sides[k][0], cmd))
            parts = []
            for k, (proc, stays, claims) in sides.items():
                _ask_quit(proc)
                b, m = statistics.median(times[k]["b"]), statistics.median(times[k]["m"])
                runs = " ".join(f"{x:.2f}" for x in times[k]["b"])
                parts.append(f"{k}: batch {stays / b:,.0f}/s, msdrg alone {claims / m:,.0f}/s, ratio "
                             f"{(stays / b) / (claims / m):.3f} (batch CPU s: {runs})")
            print(f"{name}, {args.runs} alternating rounds (load {os.getloadavg()[0]:.2f}):")
            for p in parts:
                print("  " + p)


def _ask_quit(proc: subprocess.Popen[str]) -> None:
    assert proc.stdin is not None
    proc.stdin.write("q\n")
    proc.stdin.close()
    proc.wait()


if __name__ == "__main__":
    main()
