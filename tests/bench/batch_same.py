"""Batch grouping at another revision against the current tree: every output field of every row equal.

    .venv/bin/python -m tests.bench.batch_same [REV] [--n 20000]

Groups, with `BatchGrouper` as `workbench group` does, the claims of `bench_batch_ratio` (typical and
24-code, seed 3), a wider generated file (25 codes and 25 procedures, every release), the demo stays
coded as their answer keys and as they come (uncoded), each under three hospital settings (no base
rate; a base rate; a base rate with the hospital exempt from the HAC provision), each file twice in one
grouper (the second pass reads what the first one memoized). REV (default `main`) is exported with
`git archive` into a temporary folder and run from there with the same interpreter; the two row files
are compared field by field (DRG, weight, payment and its note, MCE edits, severity source, HACs, ...)
and the differences are counted per field. Prints "identical" or the first differing rows.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = (("plain", None, "NOT_EXEMPT"), ("paid", 6950.0, "NOT_EXEMPT"), ("exempt", 6950.0, "EXEMPT"))


def _files(n: int) -> list[tuple[str, list[str]]]:
    """(name, JSON lines) of every claim file checked."""
    from tests.support.drg_sample import records, typical_records
    from workbench.demo.coded import coded_encounters
    from workbench.demo.generate import demo_encounters
    from workbench.interchange.writer import encounter_to_record

    def lines(recs: Any) -> list[str]:
        return [json.dumps(r) for r in recs]

    return [("typical", lines(typical_records(n, seed=3))),
            ("24-code", lines(records(n, seed=3, max_dx=24, max_px=6))),
            ("wide", lines(records(n // 4, seed=11))),
            ("demo coded", lines(encounter_to_record(e, documents=False) for e in coded_encounters())),
            ("demo", lines(encounter_to_record(e, documents=False) for e in demo_encounters()))]


def dump(out: Path, n: int) -> None:
    """Write every row of every file, setting and pass as one JSON line."""
    from workbench.drg.batch import BatchGrouper
    from workbench.drg.service import DrgService
    from workbench.interchange.stays import parse_stay

    files = _files(n)
    with out.open("w", encoding="utf-8") as fh:
        for label, base_rate, status in SETTINGS:
            with DrgService(base_rate=base_rate, hospital_status=status) as svc:
                for name, texts in files:
                    for pass_no in (1, 2):
                        parsed = [parse_stay(t, i) for i, t in enumerate(texts, 1)]
                        for i, row in enumerate(BatchGrouper(svc).rows(parsed)):
                            fh.write(json.dumps({"at": f"{label}/{name}/{pass_no}/{i}", "row": row,
                                                 "keys": list(row)}) + "\n")


def _rows(path: Path) -> dict[str, dict[str, Any]]:
    out = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            out[rec["at"]] = {**rec["row"], "<key order>": rec["keys"]}  # the JSON output's order too
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rev", nargs="?", default="main")
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--dump", type=Path, help=argparse.SUPPRESS)  # the child's job: write the rows
    args = ap.parse_args()
    if args.dump:
        dump(args.dump, args.n)
        return
    # Here, not at the top: the child runs this file with the other revision's tree on its path.
    from tests.bench._revision import export

    with tempfile.TemporaryDirectory() as tmp:
        old = export(args.rev, Path(tmp) / "tree")
        outs = {}
        for name, tree in (("old", old), ("new", ROOT)):
            outs[name] = Path(tmp) / f"{name}.jsonl"
            env = {**os.environ, "PYTHONPATH": str(tree), "PYTHONDONTWRITEBYTECODE": "1"}
            subprocess.run([sys.executable, str(Path(__file__).resolve()), "--n", str(args.n),
                            "--dump", str(outs[name])], cwd=tmp, env=env, check=True)
        a, b = _rows(outs["old"]), _rows(outs["new"])
    fields: Counter[str] = Counter()
    shown = 0
    if a.keys() != b.keys():
        print(f"rows differ: {len(a)} at {args.rev}, {len(b)} here")
    for at in a.keys() & b.keys():
        ra, rb = a[at], b[at]
        bad = sorted(k for k in ra.keys() | rb.keys() if ra.get(k, "<absent>") != rb.get(k, "<absent>"))
        fields.update(bad)
        if bad and shown < 5:
            shown += 1
            print(f"{at}: " + "; ".join(f"{k}: {ra.get(k, '<absent>')!r} -> {rb.get(k, '<absent>')!r}"
                                        for k in bad))
    total = len(a.keys() & b.keys())
    b = {at: {k: v for k, v in r.items() if k != "<key order>"} for at, r in b.items()}
    edits = sum(1 for r in b.values() if r.get("edits"))
    hacs = sum(1 for r in b.values() if r.get("hacs"))
    paid = sum(1 for r in b.values() if r.get("payment_note"))
    print(f"{total:,} rows compared ({edits:,} with MCE edits, {hacs:,} with HACs, {paid:,} with a payment "
          f"note, {sum(1 for r in b.values() if r.get('error')):,} errors): "
          + ("identical" if not fields and a.keys() == b.keys()
             else "DIFFER in " + ", ".join(f"{k} ({c})" for k, c in fields.most_common())))


if __name__ == "__main__":
    main()
