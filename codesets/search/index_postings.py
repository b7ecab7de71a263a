"""The terms of the index's texts laid out as postings arrays (index.py builds the rest).

Most texts repeat: a PCS Index entry points at up to 48 codes with one text, an ICD-9-CM title (GEMs)
at every code it maps to, and a 7th-character code's title is its parent's title followed by one of a
few extensions. Each distinct text (and each title part) is cut into terms once; the postings are then
sorted out by numpy instead of a Python list per term.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

import numpy as np

from codesets.search.clinical import acronym
from codesets.search.text import clean, stem, weighted_terms

_HYPHENATED_RE = re.compile(r"\b([a-z]{2,})-([a-z]{3,})\b")


@dataclass
class Postings:
    """What index.build needs of the texts' terms (see IndexData for each array)."""

    vocab: list[str]
    post: np.ndarray
    post_w: np.ndarray
    post_off: np.ndarray
    inh_post: np.ndarray
    inh_off: np.ndarray
    text_len: np.ndarray
    text_head: np.ndarray


@dataclass(frozen=True, slots=True)
class TextSpec:
    """How one text is read: its words weigh nothing from `light_from` on (a 7th-character
    extension), `pcs_title` cuts a PCS title's axes, `light` words weigh little, `pcs` records the
    head term, `cm` adds the acronym and the hyphenated forms."""

    light_from: int
    pcs_title: bool
    light: frozenset[str]
    pcs: bool
    cm: bool


# (term ids, weights in percent, weighted length, head term id or -1, the term ids as a set) of a text
_Cut: TypeAlias = "tuple[array[int], array[int], float, int, frozenset[int]]"


class _Ids(dict[str, int]):
    """Term -> id, a new term getting the next id (so the keys in order are the terms by id)."""

    def __missing__(self, term: str) -> int:
        i = self[term] = len(self)
        return i


class _Percent(dict[float, int]):
    """A weight in percent, as stored (weights take a handful of values)."""

    def __missing__(self, weight: float) -> int:
        p = self[weight] = round(weight * 100)
        return p


class _Cutter:
    """Terms of texts, each distinct text (or title part) cut once. Term ids are given in the order
    terms are first met (`ids`)."""

    def __init__(self) -> None:
        self.ids = _Ids()
        self._percent = _Percent()
        self._parts: dict[tuple[str, frozenset[str]], list[tuple[str, float]]] = {}
        self._tails: dict[str, list[tuple[str, float]]] = {}
        self._texts: dict[tuple[str, TextSpec], _Cut] = {}
        self._acronyms: dict[str, tuple[str, float] | None] = {}

    def _weighted(self, text: str, spec: TextSpec) -> list[tuple[str, float]]:
        """weighted_terms(text, spec.light_from, spec.pcs_title, spec.light), the parts of a title
        with an extension kept (the parent's title and the extension repeat from code to code)."""
        if spec.light_from < 0:
            return list(weighted_terms(text, pcs=spec.pcs_title, light=spec.light))
        base_key = (text[: spec.light_from], spec.light)
        base = self._parts.get(base_key)
        if base is None:
            base = self._parts[base_key] = list(weighted_terms(base_key[0], light=spec.light))
        tail_text = text[spec.light_from :]
        tail = self._tails.get(tail_text)
        if tail is None:
            tail = self._tails[tail_text] = [(term, 0.0) for term, _ in weighted_terms(tail_text)]
        return base + tail

    def _acronym(self, text: str, spec: TextSpec) -> tuple[str, float] | None:
        """acronym(text). An extension starting with a comma and closing no parenthesis ends the
        acronym's head or is skipped inside a parenthesis: the parent's title decides, kept."""
        tail = text[spec.light_from :] if spec.light_from >= 0 else ""
        if not tail.startswith(",") or ")" in tail or "]" in tail:
            return acronym(text)
        base = text[: spec.light_from]
        if base not in self._acronyms:
            self._acronyms[base] = acronym(text)
        return self._acronyms[base]

    def cut(self, text: str, spec: TextSpec,
            keep: bool) -> _Cut:
        """(term ids, weights in percent, weighted length, head term id or -1, the term ids as a set)
        of one text; kept for the next text like it when `keep`."""
        key = (text, spec)
        got = self._texts.get(key) if keep else None
        if got is not None:
            return got
        terms = self._weighted(text, spec)
        seen: dict[str, float] = {}
        length = 0.0
        for term, weight in terms:
            length += weight
            old = seen.get(term)
            if old is None or weight > old:  # a word said twice weighs its most
                seen[term] = weight
        if spec.cm and (acr := self._acronym(text, spec)):  # COPD -> the words it abbreviates
            seen[acr[0]] = min(2.55, acr[1])
        ids = array("i", [self.ids[term] for term in seen])
        percent = self._percent
        weights = array("B", [percent[w] for w in seen.values()])
        head = self.ids[terms[0][0]] if spec.pcs and terms else -1
        got = (ids, weights, length, head, frozenset(ids))
        if keep:
            self._texts[key] = got
        return got


def build_postings(texts: Sequence[str], specs: Sequence[TextSpec], n_titles: int,
                   header_words: Callable[[int], frozenset[str]]) -> Postings:
    """Postings of `texts` read as `specs` say. Texts [0, n_titles) are titles (all distinct: never
    kept); `header_words(t)` gives the words a CM title stands under (its headers' words), which with
    a hyphenated word written as one go to the inherited postings."""
    cut = _Cutter()
    p_term, p_weight = array("i"), array("B")
    p_count = np.zeros(len(texts), np.int64)  # terms of each text: its postings entries
    i_term, i_text = array("i"), array("i")
    text_len = np.zeros(len(texts), np.float32)
    heads = np.full(len(texts), -1, np.int64)
    inherited_ids: dict[frozenset[str], frozenset[int]] = {}
    for t, text in enumerate(texts):
        spec = specs[t]
        ids, weights, length, head, seen = cut.cut(text, spec, keep=t >= n_titles)
        p_term.extend(ids)
        p_weight.extend(weights)
        p_count[t] = len(ids)
        text_len[t] = length
        heads[t] = head
        if not spec.cm:
            continue
        more: frozenset[int] = frozenset()
        if t < n_titles:  # a code's title is read under its headers' ("deep" for I82.432)
            words = header_words(t)
            known = inherited_ids.get(words)
            if known is None:
                known = inherited_ids[words] = frozenset(cut.ids[w] for w in words)
            more = known
        if "-" in text:  # "non-dominant" is also written "nondominant"
            more = more | {cut.ids[stem(a + b)] for a, b in _HYPHENATED_RE.findall(clean(text))}
        extra = more - seen
        i_term.extend(extra)
        i_text.extend([t] * len(extra))

    names = list(cut.ids)  # by id
    order = sorted(range(len(names)), key=names.__getitem__)
    vocab = [names[i] for i in order]
    final = np.empty(len(order), np.int32)
    final[np.array(order, np.int64)] = np.arange(len(order), dtype=np.int32)
    p_text = np.repeat(np.arange(len(texts), dtype=np.int32), p_count)
    post_off, post, (post_w,) = _laid_out(final, p_term, p_text, [np.frombuffer(p_weight, np.uint8)])
    inh_off, inh_post, _ = _laid_out(final, i_term, i_text, [])
    text_head = np.where(heads >= 0, final[np.maximum(heads, 0)], -1).astype(np.int32)
    return Postings(vocab=vocab, post=post, post_w=post_w, post_off=post_off, inh_post=inh_post,
                    inh_off=inh_off, text_len=text_len, text_head=text_head)


def _laid_out(final: np.ndarray, terms: array[int], texts: array[int] | np.ndarray,
              parallel: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray, list[np.ndarray]]:
    """(offsets by term, text ids term by term, `parallel` arrays in the same order): the pairs were
    appended text by text, so a stable sort by term keeps each term's texts in order."""
    term_ids = final[np.frombuffer(terms, np.int32)] if len(terms) else np.zeros(0, np.int32)
    order = np.argsort(term_ids, kind="stable")
    off = np.zeros(len(final) + 1, np.int64)
    np.cumsum(np.bincount(term_ids, minlength=len(final)), out=off[1:])
    text_ids = np.asarray(texts, np.int32) if isinstance(texts, np.ndarray) else (
        np.frombuffer(texts, np.int32) if len(texts) else np.zeros(0, np.int32))
    return off, text_ids[order].astype(np.int32), [p[order] for p in parallel]
