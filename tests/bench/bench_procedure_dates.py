"""Score tests/tuning/procedure_dates_tuning.jsonl: the date a procedure suggestion read from a sentence
carries (procedure_dates.sentence_date). `--show` lists the misses. Tuning only: never a held-out file."""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from workbench.model import procedure_dates
from workbench.model.encounter import Encounter

TUNING = Path(__file__).resolve().parents[1] / "tuning" / "procedure_dates_tuning.jsonl"


def _date_of(enc: Encounter, text: str, doc_date: str) -> str:
    rule = getattr(procedure_dates, "sentence_date", None)
    if rule is None:  # before the rule existed: the note's date
        return doc_date[:10]
    return str(rule(enc, text, doc_date))


def main(argv: list[str]) -> int:
    rows = [json.loads(line) for line in TUNING.read_text().splitlines() if line.strip()]
    hits = 0
    for r in rows:
        enc = Encounter("t", admit_date=dt.date.fromisoformat(r["admit"]),
                        discharge_date=dt.date.fromisoformat(r["discharge"]))
        got = _date_of(enc, r["text"], r["doc_date"]) or None
        hits += got == r["expect"]
        if got != r["expect"] and "--show" in argv:
            print(f"MISS got {got} want {r['expect']}: {r['text']}")
    print(f"procedure_dates_tuning: {hits}/{len(rows)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
