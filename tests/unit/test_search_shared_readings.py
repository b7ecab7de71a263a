"""Every reading of a query scored at once over their shared candidate texts (rank_shared.score_readings)
gives exactly what scoring each reading alone gives (Ranker.score): the same texts in the same order and
the same float32 scores, bit for bit, with and without the PCS head factor, a document filter and a
word a history text stands for; so the search answers cannot change (issue 14: speed only).
Real release, real index (the module fixtures of tests/unit/conftest.py)."""

from __future__ import annotations

import numpy as np
import pytest

from codesets.search import rank_shared
from codesets.search.clinical import status_credit
from codesets.search.rank import SPARSE_UNION_MAX, Variant

# Readings as the engine makes them (PCS titles' words, abbreviations read, the words as typed, the last
# word a start still being typed), holding common words ("left", "with", "of") and prefixes.
QUERIES = [
    [Variant(("excision", "of", "left", "foot", "into", "mus"), 1.0, "x"),
     Variant(("excision", "of", "left", "foot", "into", "mus", "subcutaneous", "tissue"), 1.0, "x"),
     Variant(("excisional", "debridement", "of", "left", "heel", "ulcer", "into", "mus"), 0.8, "")],
    [Variant(("inspection", "with", "left", "via", "natural", "or", "artificial", "opening", "endoscopic"),
             1.0, "x"),
     Variant(("cystoscopy", "with", "left", "re"), 0.8, "")],
    [Variant(("history", "of", "cerebral", "infarction", "with", "left", "hem"), 1.0, "x"),
     Variant(("history", "of", "stroke", "with", "left", "hem"), 0.8, "", complete=True)],
    [Variant(("right", "heart", "failure"), 1.0, ""), Variant(("right", "hf"), 0.8, "")],
]


def _alone(index, readings, docs, heads):
    out = []
    for v in readings:
        ids, scores = index.ranker.score(v, heads=heads)
        if docs is not None:
            keep = docs[index.data.text_doc[ids]]
            ids, scores = ids[keep], scores[keep]
        out.append((ids, scores))
    return out


@pytest.mark.parametrize("heads", [False, True])
@pytest.mark.parametrize("filtered", [False, True])
@pytest.mark.parametrize("q", range(len(QUERIES)))
def test_readings_scored_together_are_scored_as_each_alone(index, q, filtered, heads):
    readings = QUERIES[q]
    ranker, d = index.ranker, index.data
    plans = [ranker.plan(v) for v in readings]
    held = sum(int(d.post_off[t + 1] - d.post_off[t]) for p in plans if p for _, m in p[0] for t, _ in m)
    assert held > SPARSE_UNION_MAX  # the shared pass is taken, not the reading-by-reading one
    docs = np.asarray(d.doc_billable & (d.doc_system == 0)) if filtered else None
    got = rank_shared.score_readings(ranker, readings, docs, heads=heads)
    want = _alone(index, readings, docs, heads)
    assert len(got) == len(want)
    for (gi, gs), (wi, ws) in zip(got, want, strict=True):
        assert len(wi) > 0
        assert gi.dtype == wi.dtype and gs.dtype == ws.dtype
        assert np.array_equal(gi, wi)
        assert np.array_equal(gs.view(np.uint32), ws.view(np.uint32))  # the same float32, bit for bit


def test_a_history_reading_keeps_its_own_texts_only(index):
    """A history text stands for the word "history" only among the texts the reading's own words hold:
    the texts only another reading's words hold are not this reading's."""
    readings = QUERIES[2]
    assert status_credit(list(readings[0].words))
    got = rank_shared.score_readings(index.ranker, readings)
    want = _alone(index, readings, None, False)
    assert [len(i) for i, _ in got] == [len(i) for i, _ in want]
    assert len(got[0][0]) != len(got[1][0])


def test_answers_of_searches_reading_common_words_are_those_of_each_reading_alone(index, monkeypatch):
    queries = ["excisional debridement of left heel ulcer into mus", "cystoscopy with left re",
               "prior stroke with left hem", "s/p tka"]
    kw_sets = [{}, {"system": "CM"}, {"billable_only": True, "limit": 10}]
    shared = [[index.search(q, **kw) for kw in kw_sets] for q in queries]
    monkeypatch.setattr(rank_shared, "SPARSE_UNION_MAX", 10**12)  # every query reading by reading
    alone = [[index.search(q, **kw) for kw in kw_sets] for q in queries]
    assert shared == alone
    assert all(answers for per_query in shared for answers in per_query)
