"""The scanner's strong-match searches (`SearchIndex.search(min_score=...)`) give what a full search
gives at or above that score: the same scores in the same order, the same codes, on the search
evaluation queries and on phrases cut from the demo records."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _phrases() -> list[str]:
    from workbench.demo import demo_encounters

    out = {line.split("\t")[0] for line in (ROOT / "tests" / "search_eval.tsv").read_text().splitlines()
           if line.strip() and not line.startswith("#")}
    for enc in demo_encounters()[:20]:
        for d in enc.documents:
            for part in re.split(r"[.\n:;,]", d.text):
                w = part.split()
                out.update(" ".join(w[i : i + 4]) for i in range(0, len(w), 3))
    return sorted(out)


@pytest.mark.parametrize("floor", [0.55, 0.8])
def test_strong_search_equals_full_search_above_the_floor(index, floor):
    phrases = _phrases()
    assert len(phrases) > 500
    strong_seen = 0
    for q in phrases:
        for system in ("CM", "PCS"):
            full = index.search(q, system=system, billable_only=True, limit=10)
            fast = index.search(q, system=system, billable_only=True, limit=10, min_score=floor)
            want = [(r.score, r.code) for r in full if r.score >= floor]
            got = [(r.score, r.code) for r in fast if r.score >= floor]
            strong_seen += bool(want)
            assert [s for s, _ in got[: len(want)]] == [s for s, _ in want], (q, system)
            if len(full) < 10:  # not cut by the limit: the same codes (ties may come in another order)
                assert sorted(got) == sorted(want), (q, system)
    assert strong_seen > 100  # the comparison covered real strong matches


def test_strong_search_leaves_out_only_weak_matches(index):
    full = index.search("acute kidney injury", system="CM", billable_only=True, limit=200)
    fast = index.search("acute kidney injury", system="CM", billable_only=True, limit=200, min_score=0.8)
    assert [r.code for r in fast] == [r.code for r in full if r.score >= 0.8] == ["N179"]
    assert len(full) == 200  # "acute" and "injury" alone reach hundreds of weak matches
