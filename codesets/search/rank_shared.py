"""Every reading of one query scored at once: `Ranker.score(reading, heads=...)` of each, the same arrays.

A query is read several ways (abbreviations expanded, the PCS titles' words of a procedure, the words
as typed) and the readings share most of their words ("left", "right", "with" each hold tens of
thousands of texts). Scored one by one, each reading gathers its candidate texts again and finds each
word's texts among them again. Here the candidates of all readings are gathered once (their union),
each distinct word's matched weights are placed among them once, and each reading then adds its
words' weights in its own order: the same float32 operations on the same values as `Ranker.score`, so
every score is the same float32, and each reading keeps exactly the texts its own words hold. A query
read one way, or whose words hold few texts, is scored reading by reading (there is little to share).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from codesets.search.clinical import HISTORY_BIT
from codesets.search.index import IndexData
from codesets.search.rank import SPARSE_UNION_MAX, Plan, Ranker, Variant, union_sorted

# A word held by more than 1/DENSE_SHARE of the candidates keeps its weights as arrays over all of them
# (added in one pass: far cheaper per text than adding at places), a rarer one as places and values.
DENSE_SHARE = 32
# A reading holding less than this share of the candidates has its formula computed on its own texts
# (gathered), else on every candidate at once (cheaper than gathering most of them).
GATHER_SHARE = 3


@dataclass(frozen=True, slots=True)
class _Held:
    """Where one word's terms are held among the candidates, with the weight each place gets (G, the
    term's match weight) and the share of the text's words it accounts for (H, M's part).

    Dense: `g` and `h` over every candidate, `pos` None. Sparse: at candidates `pos` (distinct), `g`
    None when every weight is 1.0."""

    pos: np.ndarray | None
    g: np.ndarray | None
    h: np.ndarray


def score_readings(ranker: Ranker, readings: Sequence[Variant], docs: np.ndarray | None = None,
                   heads: bool = False) -> list[tuple[np.ndarray, np.ndarray]]:
    """(text ids, scores) of each reading: `ranker.score(reading, heads=heads)` with, when `docs` (a
    boolean mask of documents) is given, the texts of other documents left out afterwards."""
    empty = np.zeros(0, np.int64), np.zeros(0, np.float32)
    plans = [ranker.plan(v) for v in readings]
    if len(readings) < 2:
        return [_alone(ranker, v, p, docs, heads) for v, p in zip(readings, plans, strict=True)]
    terms = list(dict.fromkeys(t for p in plans if p is not None for _, matches in p[0] for t, _ in matches))
    data = ranker.data
    off, post, ioff, ipost = data.post_off, data.post, data.inh_off, data.inh_post
    lists = [x for t in terms for x in (post[off[t] : off[t + 1]], ipost[ioff[t] : ioff[t + 1]]) if len(x)]
    if sum(len(x) for x in lists) <= SPARSE_UNION_MAX:  # little to share
        return [_alone(ranker, v, p, docs, heads) for v, p in zip(readings, plans, strict=True)]
    hit = np.zeros(ranker.n_texts, bool)
    for x in lists:
        hit[x] = True
    cands = np.flatnonzero(hit)
    where = np.empty(ranker.n_texts, np.int64)
    where[cands] = np.arange(len(cands))

    def at(ids: np.ndarray) -> np.ndarray:
        places: np.ndarray = where[ids]
        return places

    n = len(cands)
    held: dict[tuple[tuple[int, float], ...], _Held] = {}

    def held_of(matches: list[tuple[int, float]]) -> _Held:
        key = tuple(matches)
        got = held.get(key)
        if got is None:
            got = held[key] = _place(matches, at, n, data)
        return got

    kept = None if docs is None else docs[data.text_doc[cands]]
    floor = kinds = combos = head = history = None
    out: list[tuple[np.ndarray, np.ndarray]] = []
    for variant, read in zip(readings, plans, strict=True):
        if read is None:
            out.append(empty)
            continue
        plan, credited, total = read
        S = np.zeros(n, np.float32)
        M = np.zeros(n, np.float32)
        present = np.zeros(n, bool) if any(credited) else None  # the reading's own texts
        for (idf, matches), stands in zip(plan, credited, strict=True):
            h = held_of(matches)
            if stands or h.pos is None:  # Ranker.score's G and H arrays over the candidates
                if h.pos is None:
                    G = h.g
                    assert G is not None
                else:
                    G = np.zeros(n, np.float32)
                    G[h.pos] = 1.0 if h.g is None else h.g
                if present is not None:
                    present |= G != 0
                if stands:
                    if history is None:
                        history = ((ranker.settings[cands] & HISTORY_BIT) != 0).astype(np.float32)
                    G = np.maximum(G, history)
                S += G * np.float32(idf)
                if h.pos is None:
                    M += h.h
                else:
                    M[h.pos] += h.h
                continue
            if present is not None:
                present[h.pos] = True
            if h.g is None:  # one exact term: S[pos] += idf in Ranker.score, the same float32 sum
                S[h.pos] += np.float32(idf)
            else:
                S[h.pos] += h.g * np.float32(idf)
            M[h.pos] += h.h
        nz = S != 0
        if present is not None:
            nz &= present
        if kept is not None:
            nz &= kept
        count = int(np.count_nonzero(nz))
        if count == 0 or total <= 0:
            out.append(empty)
            continue
        words = list(variant.words)
        if count * GATHER_SHARE < n:  # few of the candidates: the formula on the reading's own texts
            idx = np.flatnonzero(nz)
            texts = cands[idx]
            scores = ranker.formula(S[idx], M[idx], total, variant.factor, ranker.text_len_floor[texts],
                                    ranker.text_factor[texts], ranker.setting_factor(texts, words))
            if heads:
                scores = ranker.head_factor(data.text_head[texts], scores, plan)
            out.append((texts, scores))
            continue
        if floor is None:
            floor, kinds = np.take(ranker.text_len_floor, cands), np.take(ranker.text_factor, cands)
            combos = np.take(ranker.combo_of, cands)
        assert kinds is not None and combos is not None
        setting = ranker.setting_factors(words)
        scores = ranker.formula(S, M, total, variant.factor, floor, kinds,
                                setting if isinstance(setting, np.float32) else setting[combos])
        if heads:
            if head is None:
                head = np.take(data.text_head, cands)
            scores = ranker.head_factor(head, scores, plan)
        idx = np.flatnonzero(nz)
        out.append((np.take(cands, idx), np.take(scores, idx)))
    return out


def _alone(ranker: Ranker, reading: Variant, read: tuple[Plan, list[bool], float] | None,
           docs: np.ndarray | None, heads: bool) -> tuple[np.ndarray, np.ndarray]:
    """`ranker.score(reading, heads=heads)` (its plan `read`), without the texts of documents outside
    `docs`."""
    ids, scores = ranker.score_planned(reading, read, heads=heads)
    if docs is None:
        return ids, scores
    keep = docs[ranker.data.text_doc[ids]]
    return ids[keep], scores[keep]


def _place(matches: list[tuple[int, float]], at: Callable[[np.ndarray], np.ndarray], n: int,
           data: IndexData) -> _Held:
    """Where the terms `matches` are held among the `n` candidates (`at` maps text ids to places), as
    Ranker.score sets G and H: terms by ascending weight, a later term's values over an earlier one's."""
    off, post, ioff, ipost, post_w = data.post_off, data.post, data.inh_off, data.inh_post, data.post_w
    terms = sorted(matches, key=lambda m: m[1])
    own = [at(post[off[t] : off[t + 1]]) for t, _ in terms]
    under = [at(ipost[ioff[t] : ioff[t + 1]]) for t, _ in terms]  # a header's word: no length
    size = sum(len(x) for x in own) + sum(len(x) for x in under)
    if len(terms) == 1 and terms[0][1] == 1.0 and size * DENSE_SHARE <= n:
        t = terms[0][0]
        h = post_w[off[t] : off[t + 1]] * np.float32(0.01)
        if not len(under[0]):
            return _Held(own[0], None, h)
        return _Held(np.concatenate([own[0], under[0]]), None,
                     np.concatenate([h, np.zeros(len(under[0]), np.float32)]))
    G = np.zeros(n, np.float32)
    H = np.zeros(n, np.float32)
    for (t, wt), o, u in zip(terms, own, under, strict=True):
        G[o] = wt
        H[o] = post_w[off[t] : off[t + 1]] * np.float32(0.01)
        G[u] = wt
    if size * DENSE_SHARE > n:
        return _Held(None, G, H)
    pos = union_sorted([x for x in own + under if len(x)] or [own[0]])
    return _Held(pos, G[pos], H[pos])
