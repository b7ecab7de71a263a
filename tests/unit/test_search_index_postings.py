"""The index's shortcuts give what the plain computation gives (issue 14: a faster build and search,
not one answer changed):
- index_postings cuts each distinct text once: a text read another way (a 7th-character title, a PCS
  title, an E11 title, a CM or PCS text) must not take another reading's terms, and every repeat of
  a text must get its own postings;
- the Ranker's setting factor, computed once per pair of setting and side bits, is the factor of
  each text computed alone.
The second uses the real release and index (the module fixtures of tests/unit/conftest.py)."""

from __future__ import annotations

import numpy as np
import pytest

from codesets.search import clinical
from codesets.search.clinical import acronym
from codesets.search.index_postings import TextSpec, build_postings
from codesets.search.text import stem, weighted_terms

PLAIN = TextSpec(light_from=-1, pcs_title=False, light=frozenset(), pcs=False, cm=True)
PCS_TEXT = TextSpec(light_from=-1, pcs_title=False, light=frozenset(), pcs=True, cm=False)
PCS_TITLE = TextSpec(light_from=-1, pcs_title=True, light=frozenset(), pcs=True, cm=False)
E11 = TextSpec(light_from=-1, pcs_title=False, light=frozenset({"type", "2"}), pcs=False, cm=True)
BASE = "Displaced fracture of shaft of right femur"
EXTENDED = TextSpec(light_from=len(BASE), pcs_title=False, light=frozenset(), pcs=False, cm=True)

TEXTS = [  # titles first (never kept), then texts that repeat under other readings
    (BASE + ", initial encounter for closed fracture", EXTENDED),
    (BASE + ", subsequent encounter for closed fracture with routine healing", EXTENDED),
    ("Type 2 diabetes mellitus without complications", E11),
    ("Resection of Gallbladder, Percutaneous Endoscopic Approach", PCS_TITLE),
    ("Chronic obstructive pulmonary disease, unspecified", PLAIN),
    ("Non-dominant side hemiplegia", PLAIN),
    ("Resection of Gallbladder, Percutaneous Endoscopic Approach", PCS_TEXT),
    ("Resection of Gallbladder, Percutaneous Endoscopic Approach", PCS_TEXT),
    ("Resection of Gallbladder, Percutaneous Endoscopic Approach", PLAIN),
    ("Type 2 diabetes mellitus without complications", PLAIN),
    ("Non-dominant side hemiplegia", PLAIN),
]
N_TITLES = 6
HEADER_WORDS = {0: frozenset({"femur", "fracture"}), 1: frozenset({"femur", "shaft"}), 4: frozenset({"lung"})}


def _plain(texts: list[tuple[str, TextSpec]]) -> tuple[dict[str, list[tuple[int, int]]], dict[str, list[int]],
                                                       list[float], list[str | None]]:
    """The postings (term -> (text, weight in percent)), inherited postings, lengths and head terms,
    one text at a time with no memo."""
    post: dict[str, list[tuple[int, int]]] = {}
    inh: dict[str, list[int]] = {}
    lengths: list[float] = []
    heads: list[str | None] = []
    for t, (text, spec) in enumerate(texts):
        seen: dict[str, float] = {}
        length = 0.0
        head = None
        for term, weight in weighted_terms(text, spec.light_from, pcs=spec.pcs_title, light=spec.light):
            head = term if head is None and spec.pcs else head
            length += weight
            seen[term] = max(weight, seen.get(term, 0.0))
        if spec.cm and (acr := acronym(text)):
            seen[acr[0]] = min(2.55, acr[1])
        for term, weight in seen.items():
            post.setdefault(term, []).append((t, round(weight * 100)))
        lengths.append(length)
        heads.append(head)
        more = set(HEADER_WORDS.get(t, ())) if t < N_TITLES and spec.cm else set()
        if spec.cm and "-" in text:
            more |= {stem("nondominant")}
        for term in sorted(more - seen.keys()):
            inh.setdefault(term, []).append(t)
    return post, inh, lengths, heads


def test_postings_of_texts_cut_once_are_those_of_each_text_cut_alone():
    got = build_postings([t for t, _ in TEXTS], [s for _, s in TEXTS], N_TITLES,
                         lambda t: HEADER_WORDS.get(t, frozenset()))
    post, inh, lengths, heads = _plain(TEXTS)
    assert got.vocab == sorted(post.keys() | inh.keys())
    for i, term in enumerate(got.vocab):
        a, b = got.post_off[i], got.post_off[i + 1]
        assert list(zip(got.post[a:b].tolist(), got.post_w[a:b].tolist(), strict=True)) == post.get(term, [])
        assert got.inh_post[got.inh_off[i] : got.inh_off[i + 1]].tolist() == sorted(inh.get(term, []))
    assert got.text_len.tolist() == np.array(lengths, np.float32).tolist()
    assert [got.vocab[h] if h >= 0 else None for h in got.text_head.tolist()] == heads


def test_a_text_read_two_ways_keeps_each_reading():
    got = build_postings([t for t, _ in TEXTS], [s for _, s in TEXTS], N_TITLES, lambda t: frozenset())
    term = got.vocab.index
    # the same words as a PCS text and as a CM text: only the CM reading has the acronym, only the
    # PCS reading a head term
    assert got.text_head[6] == term("resection") and got.text_head[8] == -1
    rg = term("^rg")
    assert 8 in got.post[got.post_off[rg] : got.post_off[rg + 1]].tolist()
    assert 6 not in got.post[got.post_off[rg] : got.post_off[rg + 1]].tolist()
    # the E11 title weighs "type 2" lightly, the same words read plainly count in full
    assert got.text_len[2] < got.text_len[9]
    # a 7th-character extension adds words that weigh nothing
    assert got.text_len[0] == got.text_len[1]


@pytest.mark.parametrize("words", [
    ["pneumonia"], ["history", "of", "stroke"], ["left", "knee", "pain"], ["newborn", "jaundice"],
    ["family", "history", "of", "breast", "cancer"], ["status", "post", "bka", "right"],
    ["pregnancy", "with", "hypertension", "left"], ["sequela", "of", "cva"], ["poisoning", "by", "aspirin"],
])
def test_setting_factor_by_pairs_of_bits_is_the_factor_of_each_text(index, words):
    ranker = index.ranker
    rng = np.random.default_rng(len(words))
    cands = np.unique(rng.integers(0, ranker.n_texts, 5000))
    got = ranker.setting_factor(cands, words)
    want = clinical.setting_factor(ranker.settings[cands], ranker.sides[index.data.text_doc[cands]],
                                   words + [stem(w) for w in words])
    assert np.array_equal(np.broadcast_to(got, cands.shape), np.broadcast_to(want, cands.shape))
