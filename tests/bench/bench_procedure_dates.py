"""Score tests/tuning/procedure_dates_tuning*.jsonl: the date a procedure suggestion read from a sentence
carries (procedure_dates.sentence_date), and, in the files whose rows say `guess`, whether the coder is
told the date is a guess (the note's date, no day said or the day said is ambiguous). `--show` lists the
misses. Tuning only: never a held-out file.

    PYTHONPATH=. .venv/bin/python tests/bench/bench_procedure_dates.py [--show]
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

from workbench.model import procedure_dates
from workbench.model.encounter import Encounter

TUNING = sorted((Path(__file__).resolve().parents[1] / "tuning").glob("procedure_dates_tuning*.jsonl"))


def _date_of(enc: Encounter, text: str, doc_date: str, doc_type: str) -> tuple[str, bool]:
    """(the date, whether it is shown as a guess)."""
    guessing = getattr(procedure_dates, "sentence_date_guess", None)
    if guessing is not None:
        day, guess = guessing(enc, text, doc_date, doc_type)
        return str(day), bool(guess)
    rule = getattr(procedure_dates, "sentence_date", None)
    if rule is None:  # before the rule existed: the note's date
        return doc_date[:10], False
    return str(rule(enc, text, doc_date)), False  # before guesses were told apart: never one


def main(argv: list[str]) -> int:
    for path in TUNING:
        rows = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
        hits = guessed = with_guess = 0
        for r in rows:
            enc = Encounter("t", admit_date=dt.date.fromisoformat(r["admit"]),
                            discharge_date=dt.date.fromisoformat(r["discharge"]))
            day, guess = _date_of(enc, r["text"], r["doc_date"], r["doc_type"])
            got = day or None
            hits += got == r["expect"]
            if "guess" in r:
                with_guess += 1
                guessed += guess == r["guess"]
            if "--show" in argv and (got != r["expect"] or ("guess" in r and guess != r["guess"])):
                print(f"MISS got {got} guess {guess}, want {r['expect']} guess {r.get('guess')}: {r['text']}")
        told = f"; guess told right {guessed}/{with_guess}" if with_guess else ""
        print(f"{path.stem}: dates {hits}/{len(rows)}{told}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
