"""Aggregate scores on the held-out guideline sets (tests/heldout), without printing any case, and
the same scores on each tuning file (tests/tuning/conventions*.jsonl, summaries*.jsonl), one line per
file, whose misses may be listed.

    PYTHONPATH=. .venv/bin/python tests/bench/bench_guidelines.py [--tuning [--show]]

Never tune on these figures' misses: the sets are for scoring only (tests/heldout/README.md). Prints:
- conventions: faulty charts whose every expected code got a warning or blocking finding; expected codes
  flagged; correct charts with any warning or blocking finding (false alarms);
- summaries: recall of the supported codes among code suggestions, unsupported codes suggested, the
  largest number of suggestions on one record.
"""

from __future__ import annotations

import json
from pathlib import Path

from codesets.codes import normalize
from workbench.checks.checker import Checker
from workbench.drg.service import DrgService
from workbench.interchange.reader import encounter_from_record
from workbench.record.suggest import suggest

HELD = Path(__file__).resolve().parents[1] / "heldout"
TUNING = Path(__file__).resolve().parents[1] / "tuning"


def _rows(name: str, folder: Path = HELD) -> list[dict]:
    return [json.loads(x) for x in (folder / name).read_text().splitlines() if x.strip()]


def _codes(items: list) -> set[str]:
    return {normalize(i["code"] if isinstance(i, dict) else i) for i in items}


def conventions(checker: Checker, folder: Path = HELD, name: str = "conventions.jsonl",
                show: bool = False) -> None:
    faulty = correct = faulty_ok = false_alarm = codes_total = codes_hit = 0
    for obj in _rows(name, folder):
        enc = encounter_from_record(obj)
        serious = [f for f in checker.check(enc) if f.severity != "info"]
        flagged = {c for f in serious for c in f.codes}
        expect = _codes(obj.get("expect") or [])
        if expect:
            faulty += 1
            codes_total += len(expect)
            codes_hit += len(expect & flagged)
            faulty_ok += expect <= flagged
            if show and folder != HELD and not expect <= flagged:  # never for the held-out set
                print(f"  {obj['account']} MISSED {sorted(expect - flagged)}")
        else:
            correct += 1
            false_alarm += bool(serious)
            if show and folder != HELD and serious:
                for f in serious:
                    print(f"  {obj['account']} FALSE ALARM {f.severity} {f.codes} {f.message[:90]!r}")
    label = f"{name} ({'tuning' if folder != HELD else 'held-out'})"
    print(f"{label}: {faulty_ok}/{faulty} faulty charts flagged on every expected code "
          f"({codes_hit}/{codes_total} expected codes flagged); {false_alarm}/{correct} correct charts "
          "with a warning or blocking finding")


def summaries(svc: DrgService, folder: Path = HELD, name: str = "summaries.jsonl",
              show: bool = False) -> None:
    from codesets.release.core import load_release
    from codesets.search.engine import SearchIndex

    rel = load_release("2026.1")
    index = SearchIndex.for_release(rel)
    supported = hit = unsupported = most = 0
    for obj in _rows(name, folder):
        enc = encounter_from_record(obj)
        sugs = suggest(enc, release=rel, index=index)
        most = max(most, len(sugs))
        got = {s.code for s in sugs if s.kind == "code"}
        want = _codes(obj.get("supported") or [])
        supported += len(want)
        hit += len(want & got)
        unsupported += len(_codes(obj.get("unsupported") or []) & got)
        if show and folder != HELD:  # never for the held-out set
            bad = _codes(obj.get("unsupported") or []) & got
            for c in sorted(want - got):
                print(f"  {obj['account']} MISS {c}")
            for s in sugs:
                if s.code in bad:
                    print(f"  {obj['account']} UNSUPPORTED {s.code} <- {s.evidence.text[:90]!r}")
                elif s.kind == "code" and s.code not in want:
                    print(f"  {obj['account']} other {s.code} {s.title[:40]!r} <- {s.evidence.phrase!r}")
    label = f"{name} ({'tuning' if folder != HELD else 'held-out'})"
    print(f"{label}: recall {hit / max(supported, 1):.3f} ({hit}/{supported} supported codes suggested); "
          f"{unsupported} unsupported codes suggested; at most {most} suggestions on one record")


def main() -> None:
    import argparse

    ap = argparse.ArgumentParser()
    ap.add_argument("--tuning", action="store_true", help="score the tuning set (tests/tuning) instead")
    ap.add_argument("--show", action="store_true", help="with --tuning: list its misses")
    args = ap.parse_args()
    with DrgService() as svc, Checker(None, svc) as checker:
        if args.tuning:  # each tuning file on its own line
            for f in sorted(TUNING.glob("conventions*.jsonl")):
                conventions(checker, TUNING, f.name, args.show)
            for f in sorted(TUNING.glob("summaries*.jsonl")):
                summaries(svc, TUNING, f.name, args.show)
            return
        # Each held-out file on its own line (conventions2/summaries2: a fresh set written in Dec 2026
        # after the first set's figures had been used to set one severity).
        for f in sorted(HELD.glob("conventions*.jsonl")):
            conventions(checker, HELD, f.name)
        for f in sorted(HELD.glob("summaries*.jsonl")):
            summaries(svc, HELD, f.name)


if __name__ == "__main__":
    main()
