"""The search engine's fast paths give exactly what the plain computation gives (issue 15: a 20-page
record's suggestions in time, not one suggestion or search answer changed):
- the union of sorted postings (rank.union_sorted) is np.unique of their concatenation;
- the per-word memos of the Ranker and the filter masks of the index are bounded, read only, and
  forgotten with the scanner's caches (a cold scan stays cold);
- a history query filtered to some documents scores only those, with the scores of the full pass;
- a reading for PCS codes only is not scored when the filter holds no PCS code, and the answers are
  those of the same search scoring it.
Real release, real index (the module fixtures of tests/unit/conftest.py)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from codesets.search import rank, rank_shared
from codesets.search.clinical import status_credit
from codesets.search.rank import Variant, union_sorted


def _sorted_unique(rng: np.random.Generator, n: int, hi: int, dtype: type) -> np.ndarray:
    return np.unique(rng.integers(0, hi, n)).astype(dtype)


@pytest.mark.parametrize("seed", range(40))
def test_union_of_sorted_arrays_is_np_unique_of_their_concatenation(seed):
    rng = np.random.default_rng(seed)
    dtype = (np.int32, np.int64)[seed % 2]
    lists = [_sorted_unique(rng, int(rng.integers(0, 300)), int(rng.integers(1, 2000)), dtype)
             for _ in range(int(rng.integers(1, 7)))]
    got = union_sorted(lists)
    want = np.unique(np.concatenate(lists))
    assert got.dtype == want.dtype
    assert np.array_equal(got, want)


def test_union_of_one_array_empty_arrays_and_repeats():
    a = np.array([1, 5, 9], np.int32)
    assert union_sorted([a]) is a  # already sorted and distinct: no copy
    assert union_sorted([a[:0], a[:0]]).tolist() == []
    assert union_sorted([a[:0], a]).tolist() == [1, 5, 9]
    assert union_sorted([a, a, np.array([0, 5, 10], np.int32)]).tolist() == [0, 1, 5, 9, 10]


def _answers(index, queries, **kw):
    return [[dataclasses.astuple(r) for r in index.search(q, **kw)] for q in queries]


QUERIES = ["acute on chronic systolic heart failure", "pneumonia", "history of pneumonia",
           "lap chole", "acute kidney injury", "type 2 diabetes mellitus with hyperglycemia", "neumonia"]
SCAN = {"system": "CM", "billable_only": True, "limit": 4, "min_score": 0.55}


@pytest.mark.parametrize("kw", [{}, {"system": "PCS"}, SCAN])
def test_answers_with_the_memos_warm_are_those_of_a_cold_index(index, kw):
    cold = []
    for q in QUERIES:
        index.clear_cache()
        cold += _answers(index, [q], **kw)
    assert index.ranker.memo_sizes() != (0, 0)
    warm = _answers(index, QUERIES, **kw)
    again = _answers(index, QUERIES[::-1], **kw)[::-1]
    assert cold == warm == again
    index.clear_cache()
    assert index.ranker.memo_sizes() == (0, 0) and not index._masks


def test_memos_stay_within_their_bounds(index, monkeypatch):
    monkeypatch.setattr(rank, "MEMO_WORDS", 3)
    monkeypatch.setattr(rank, "MEMO_UNIONS", 2)
    index.clear_cache()
    before = _answers(index, QUERIES, **SCAN)
    words, unions = index.ranker.memo_sizes()
    assert 0 < words <= 3 and 0 < unions <= 2
    assert _answers(index, QUERIES, **SCAN) == before
    index.clear_cache()


def test_filter_masks_are_kept_read_only_and_never_the_index_arrays(index):
    index.clear_cache()
    writeable = index.data.doc_billable.flags.writeable
    cm = index._filter("CM", True, None)
    assert index._filter("CM", True, None) is cm  # kept per filter
    assert cm is not None and not cm.flags.writeable
    with pytest.raises(ValueError):
        cm[0] = not cm[0]
    billable = index._filter(None, True, None)
    assert billable is not None and not billable.flags.writeable
    assert index.data.doc_billable.flags.writeable == writeable  # the index's own array untouched
    assert np.array_equal(billable, index.data.doc_billable)
    assert index._filter(None, False, None) is None
    with pytest.raises(ValueError, match="system must be CM or PCS"):
        index._filter("XX", False, None)


def test_scanner_clear_cache_forgets_the_index_memos_too(index):
    from workbench.record.scanner import Scanner

    s = Scanner(index)
    s.scan_text("Assessment: acute kidney injury. Community acquired pneumonia.")
    assert index.ranker.memo_sizes() != (0, 0) and index._masks
    s.clear_cache()
    assert index.ranker.memo_sizes() == (0, 0) and not index._masks


@pytest.mark.parametrize("words", [("history", "of", "pneumonia"), ("personal", "history", "of", "stroke"),
                                   ("history", "of", "breast", "cancer")])
def test_a_history_query_filtered_to_some_documents_scores_them_as_the_full_pass_does(index, words):
    ranker, d = index.ranker, index.data
    assert status_credit(list(words))  # "history": a history text stands for the word (the full pass)
    v = Variant(words, 1.0, "")
    docs = np.asarray(d.doc_billable & (d.doc_system == 0))
    # min_score > 0 with a credited word ("history") takes the full pass: with `docs`, their texts only.
    picked, picked_scores = ranker.score(v, 0.55, docs)
    assert 0 < len(picked) and docs[d.text_doc[picked]].all()
    every, every_scores = ranker.score(v, 0.55, None)
    keep = docs[d.text_doc[every]]
    assert len(every) > len(picked)
    assert np.array_equal(picked, every[keep])
    assert np.array_equal(picked_scores, every_scores[keep])  # the same float32 scores, bit for bit
    assert picked_scores.dtype == every_scores.dtype == np.float32


@pytest.mark.parametrize("query", ["laparoscopic cholecystectomy", "upper endoscopy",
                                   "low transverse cesarean", "total knee replacement", "lap chole"])
def test_a_pcs_reading_is_not_scored_under_a_diagnosis_filter_and_the_answers_do_not_change(index, query,
                                                                                           monkeypatch):
    asked: list[str] = []
    score = type(index.ranker).score
    together = rank_shared.score_readings

    def counting(self, variant, *a, **kw):
        asked.append(variant.note)
        return score(self, variant, *a, **kw)

    def counting_all(ranker, readings, *a, **kw):  # the readings scored at once (rank_shared.py)
        asked.extend(v.note for v in readings)
        return together(ranker, readings, *a, **kw)

    def count() -> None:
        monkeypatch.setattr(type(index.ranker), "score", counting)
        monkeypatch.setattr(rank_shared, "score_readings", counting_all)

    count()
    for kw in (SCAN, {"system": "CM"}):
        asked.clear()
        got = _answers(index, [query], **kw)
        assert not any(n.startswith("read as: ") for n in asked)
        # The same search with the shortcut off (the filter's documents taken for PCS ones): every reading
        # scored, then the PCS-only ones emptied by the filter, as before.
        monkeypatch.setattr(index, "_sections", (index._sections[0], (0, len(index.data.doc_code))))
        asked.clear()
        want = _answers(index, [query], **kw)
        assert any(n.startswith("read as: ") for n in asked)  # the PCS reading was scored this time
        monkeypatch.undo()
        count()
        assert got == want
    assert _answers(index, [query], system="PCS")[0]  # the procedure is still found where PCS codes are
