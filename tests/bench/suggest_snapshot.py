"""Every suggestion of a fixed set of records, in full, one JSON line a record: to compare two versions of
the scanner (a speed change must not change a single suggestion).

    .venv/bin/python -m tests.bench.suggest_snapshot OUT.jsonl
    diff <(main's OUT.jsonl) <(this branch's OUT.jsonl)

The records: the demo encounters (as bench_suggest scans them, with the DRG effect), every record of
tests/tuning/summaries_tuning*.jsonl and conventions_tuning*.jsonl, and bench_suggest's 20-page record.
Each set is run three ways in one process, and every way must give the same lines: in order with the
caches kept from record to record (as an app session), with every cache cleared before each record (a
fresh process), and in reverse order with the caches kept. The output holds the records' (synthetic) text:
write it to a temporary folder, never beside real patient data. Never reads tests/heldout.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
from pathlib import Path
from typing import Any

from tests.bench._snapshot import write_snapshot

TUNING = Path(__file__).resolve().parents[1] / "tuning"


def _clear(scanner_cls: Any) -> None:
    for s in list(scanner_cls._by_index.values()):
        s.clear_cache()


def records() -> list[tuple[str, Any, bool]]:
    """(label, encounter, with DRG effect) for every record compared."""
    from tests.bench.bench_suggest import twenty_pages
    from workbench.demo import demo_encounters
    from workbench.interchange.reader import encounter_from_record

    out: list[tuple[str, Any, bool]] = []
    encs = demo_encounters()
    out += [(f"demo:{e.account}", e, True) for e in encs]
    # the encounter records (procedure_dates_tuning holds sentences, not charts)
    for f in [*sorted(TUNING.glob("conventions_tuning*.jsonl")),
              *sorted(TUNING.glob("summaries_tuning*.jsonl"))]:
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                out.append((f"{f.name}:{n}", encounter_from_record(json.loads(line)), False))
    out.append(("20-pages", twenty_pages(encs), False))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    args = ap.parse_args()

    from codesets.release.core import load_release
    from codesets.search.engine import SearchIndex
    from workbench.drg.service import DrgService
    from workbench.record.scanner import Scanner
    from workbench.record.suggest import suggest

    release = load_release("2026.1")
    index = SearchIndex.for_release(release)
    recs = records()
    lines: dict[str, list[str]] = {}
    with DrgService() as svc:
        def run(label: str, enc: Any, drg: bool) -> str:
            sugs = suggest(enc, release=release, index=index, drg_service=svc if drg else None)
            return json.dumps({"record": label, "suggestions": [dataclasses.asdict(s) for s in sugs]},
                              sort_keys=True)

        for way in ("session", "cold", "reverse"):
            _clear(Scanner)
            order = recs[::-1] if way == "reverse" else recs
            for label, enc, drg in order:
                if way == "cold":
                    _clear(Scanner)
                got = run(label, enc, drg)
                lines.setdefault(label, []).append(got)
    write_snapshot(lines, args.out, "suggestions", "records", "session, cold and reverse order")


if __name__ == "__main__":
    main()
