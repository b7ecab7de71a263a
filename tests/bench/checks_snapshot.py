"""Every finding of a fixed set of encounters, in full, one JSON line an encounter: to compare two versions
of the checker (a speed change must not change a single finding).

    .venv/bin/python -m tests.bench.checks_snapshot OUT.jsonl
    diff <(main's OUT.jsonl) <(this branch's OUT.jsonl)

The encounters: the demo encounters, every chart of tests/tuning/conventions_tuning*.jsonl and
summaries_tuning*.jsonl, bench_checks' queue (2,000 generated stays, seed 7) and 50 of its editing stays.
Each set is run two ways in one process, which must agree: in order with one Checker (caches kept, as a
session), and in reverse order with a fresh Checker. Never reads tests/heldout.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from tests.bench._snapshot import write_snapshot

TUNING = Path(__file__).resolve().parents[1] / "tuning"


def encounters() -> list[tuple[str, Any]]:
    from tests.support.drg_sample import full_stay, typical_records
    from workbench.demo import demo_encounters
    from workbench.interchange.reader import encounter_from_record

    out: list[tuple[str, Any]] = [(f"demo:{e.account}", e) for e in demo_encounters()]
    files = [*sorted(TUNING.glob("conventions_tuning*.jsonl")),
             *sorted(TUNING.glob("summaries_tuning*.jsonl"))]
    for f in files:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                out.append((f"{f.name}:{n}", encounter_from_record(json.loads(line))))
    out += [(f"queue:{i}", encounter_from_record(r)) for i, r in enumerate(typical_records(2000, seed=7))]
    out += [(f"editing:{i}", full_stay(i)) for i in range(50)]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    args = ap.parse_args()

    from workbench.checks.checker import Checker
    from workbench.drg.service import DrgService

    encs = encounters()
    lines: dict[str, list[str]] = {}
    with DrgService() as svc:
        for way in ("session", "reverse"):
            with Checker(None, svc) as checker:
                for label, enc in (encs if way == "session" else encs[::-1]):
                    found = [[f.severity, list(f.codes), f.message, f.rule] for f in checker.check(enc)]
                    lines.setdefault(label, []).append(json.dumps({"encounter": label, "findings": found}))
    write_snapshot(lines, args.out, "findings", "encounters", "session and reverse order")


if __name__ == "__main__":
    main()
