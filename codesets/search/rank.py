"""Ranking for code search: query words -> matching terms -> a score for every text that matches.

The score of a text is
    coverage^2 * (0.55 + 0.45 * precision) * kind factors
- coverage: the share of the query's weight (idf) the text matches, an exact word counting fully, a
  word completed from a prefix 0.85, a corrected typo 0.8 / 0.7;
- precision: the share of the text's own words the query accounts for, so the code whose title says
  no more than the query wins ("heart failure" -> I50.9) and a longer, more specific title wins only
  when the query names its extra words ("acute on chronic systolic heart failure" -> I50.23).
  Nonessential modifiers (in parentheses) and words such as "unspecified", "NOS" count little.
- kind factors: billable codes above headers, titles just above inclusion terms and index paths.
"""

from __future__ import annotations

import math
import threading
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import product
from typing import TypeAlias

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from codesets.search.clinical import (
    ACRONYM_MARK,
    DERIVED_WEIGHT,
    HISTORY_BIT,
    derived,
    past_said,
    setting_bits,
    setting_factor,
    setting_key,
    side_bits,
    status_credit,
)
from codesets.search.index import TEXT_GEM, TEXT_INCLUSION, TEXT_INDEX, TEXT_NOTE, IndexData
from codesets.search.phonetic import SoundIndex
from codesets.search.procedure_vocab import OPERATIONS
from codesets.search.text import (
    MAX_QUERY_TERMS,
    NEGATION,
    NEUTRAL_WEIGHT,
    NEUTRAL_WORDS,
    QUERY_STOPWORDS,
    Abbreviations,
    negate_query,
    stem,
)

PREFIX_WEIGHT = 0.85
FAR_TYPO_WEIGHT = 0.5  # a two-edit correction of a word that is also one edit from another (`_corrections`)
SOUND_WEIGHT = 0.7  # a word read by its sound ("numonia"), as far off as a two-edit typo
# A long word two edits from every term ("sirosis": siderosis) is read first as the term spelled the same
# but for h's and doubled letters or sounding the same ("cirrhosis"), a little above its two-edit readings.
LONG_UNHEARD = 7
HEARD_WEIGHT = 0.75
# A word that few texts hold (RARE_DF or fewer) also stands for the word with two letters swapped when
# that one is SWAP_COMMONER times as common: a slip that lands on a real, rare word ("pian" for pain).
RARE_DF = 3
SWAP_COMMONER = 50
ACRONYM_WEIGHT = 0.9
MAX_PREFIX_TERMS = 48
MAX_VARIANTS = 8
# Up to this many postings the candidate texts are found by sorting them, above by a mask of all texts.
SPARSE_UNION_MAX = 8192
LITERAL_FACTOR = 0.8  # the query read literally when it also reads as an abbreviation
# ICD-9-CM titles map to ICD-10-PCS approximately (GEMs): a little below the Index and the titles.
TEXT_KIND_FACTOR = {TEXT_INCLUSION: 0.99, TEXT_INDEX: 0.99, TEXT_NOTE: 0.85, TEXT_GEM: 0.9}
# A query that names no procedure ("right atrial", "right ventricular leads") meets a PCS text only
# through its site or device words: when it does not name the text's head either (the root operation of
# a title, the main term of an Index path: "Bypass > Atrium > Right"), the code is not what was said.
UNNAMED_HEAD_FACTOR = np.float32(0.8)
# By CmItem kind index (chapter, block, category, subcategory, code): headers below billable codes.
HEADER_FACTOR = np.array([0.75, 0.8, 0.9, 0.9, 0.9], np.float32)
# Chapters for populations or settings the words must name (pregnancy O, perinatal P, external
# causes V-Y, encounters and history Z): a little below the general code for the same words.
CHAPTER_FACTOR = {15: 0.9, 16: 0.85, 17: 0.93, 20: 0.93, 21: 0.96}


# Words that make a query a procedure: ICD-10-PCS root operations and approaches as the titles spell
# them (the abbreviation table turns "lap chole", "biopsy", "stent" into these), and the suffixes of
# procedure names (medical affixes: -ectomy removal, -otomy cutting into, -ostomy an opening, ...).
PROCEDURE_WORDS = frozenset(
    "alteration bypass change control creation destruction detachment dilation division drainage excision "
    "extirpation extraction fragmentation fusion insertion inspection map occlusion reattachment release "
    "removal repair replacement reposition resection restriction revision supplement transfer "
    "transplantation transfusion percutaneous endoscopic laparoscopic fluoroscopy ultrasonography "
    "measurement monitoring ventilation performance introduction irrigation".split())
PROCEDURE_SUFFIXES = ("ectomy", "otomy", "ostomy", "plasty", "scopy", "centesis", "rrhaphy", "pexy",
                      "tripsy", "desis", "graphy")


# Per-word answers the ranker keeps (the record scanner asks the same words in phrase after phrase):
# a word's term matches, and the union of the texts holding a word's terms. Bounded: past the bound the
# whole memo is dropped (the next queries fill it again).
MEMO_WORDS = 8192
MEMO_UNIONS = 4096


# A reading's plan (Ranker.plan): (idf, [(term id, weight), ...]) per word that matches some term.
Plan: TypeAlias = "list[tuple[float, list[tuple[int, float]]]]"


def union_sorted(lists: Sequence[np.ndarray]) -> np.ndarray:
    """The distinct values of sorted arrays, sorted: np.unique of their concatenation, without its
    hashing (a sort and a comparison with the neighbour)."""
    if len(lists) == 1:
        return lists[0]
    x = np.concatenate(lists)
    if len(x) < 2:
        return x
    x.sort()
    keep = np.empty(len(x), bool)
    keep[0] = True
    np.not_equal(x[1:], x[:-1], out=keep[1:])
    return x[keep]


def is_procedure_query(readings: list[Variant]) -> bool:
    """True when some reading of the query names a root operation, an approach or a procedure suffix."""
    for v in readings:
        for w in v.words:
            if w in PROCEDURE_WORDS or (len(w) > 6 and w.endswith(PROCEDURE_SUFFIXES)):
                return True
    return False


@dataclass(frozen=True)
class Variant:
    """One reading of the query: its words, a factor, and what was expanded (shown as `matched`)."""

    words: tuple[str, ...]
    factor: float
    note: str
    complete: bool = False  # the last word is whole (read as an abbreviation), not a start to complete


# A word that says what follows was not done (procedure.NEGATORS) and the root operations' names an
# abbreviation of a procedure expands to ("biopsy": excision diagnostic).
_NEGATORS = frozenset({"no", "without", "not"})
_OPERATION_NAMES = frozenset(OPERATIONS.values())


def variants(words: list[str], abbreviations: Abbreviations) -> list[Variant]:
    """The query as typed, and with each abbreviation replaced by each of its expansions."""
    words = words[:MAX_QUERY_TERMS]
    slots: list[list[tuple[str, str]]] = []  # per position: (replacement text, note)
    i = 0
    expanded = False
    while i < len(words):
        for n in (4, 3, 2, 1):
            key = tuple(words[i : i + n])
            if len(key) == n and key in abbreviations:
                if i and words[i - 1] in _NEGATORS and all(
                        e.split()[:1] and e.split()[0] in _OPERATION_NAMES for e in abbreviations[key]):
                    # a procedure said not done ("colonoscopy, no biopsy"): its root operation must not
                    # score ("no excision diagnostic" raised 0DBN8ZX above 0DJD8ZZ); kept as typed
                    slots.extend([(w, "")] for w in key)
                    i += n
                    break
                label = " ".join(key).upper()
                slots.append([(e, f"{label} = {e}") for e in abbreviations[key]])
                i += n
                expanded = True
                break
        else:
            slots.append([(words[i], "")])
            i += 1
    out: list[Variant] = []
    for combo in product(*slots):
        text = " ".join(c[0] for c in combo).split()
        note = "; ".join(c[1] for c in combo if c[1])
        out.append(Variant(tuple(text), 1.0, note))
        if len(out) >= MAX_VARIANTS:
            break
    if expanded:  # as typed too; a last word read as an abbreviation ("bilateral PE") is not a prefix
        whole = len(slots[-1]) > 1 or bool(slots[-1][0][1])
        out.append(Variant(tuple(words), LITERAL_FACTOR, "", complete=whole))
    return out


class Ranker:
    """Scores texts of one index. Its arrays never change after construction, so it is safe to share
    across threads; the per-word memos (`clear_memo`) only ever hold what the arrays give."""

    def __init__(self, data: IndexData) -> None:
        self.data = data
        self.vocab = data.vocab
        self.n_texts = len(data.text_doc)
        # How rare a word is counts the release's own texts: the ICD-9-CM titles (GEMs) add ways to
        # name a procedure, not weight ("aortocoronary" stays as rare as the ICD-10 texts make it).
        counted = np.concatenate([[0], np.cumsum(data.text_kind[data.post] != TEXT_GEM, dtype=np.int64)])
        self.df = (counted[data.post_off[1:]] - counted[data.post_off[:-1]]).astype(np.float32)
        self.n_weighed = int(np.count_nonzero(data.text_kind != TEXT_GEM))
        self.idf = np.log1p(self.n_weighed / np.maximum(self.df, 1.0)).astype(np.float32)
        # Typo candidates by first letter: rapidfuzz compares a word with a few thousand terms.
        buckets: dict[str, list[int]] = {}
        for t, term in enumerate(self.vocab):
            if len(term) >= 3 and term.isalpha():
                buckets.setdefault(term[0], []).append(t)
        self.buckets = {k: (v, [self.vocab[t] for t in v]) for k, v in buckets.items()}
        every = [t for v in buckets.values() for t in v]
        self.all_words = (every, [self.vocab[t] for t in every])
        kind_factor = np.where(data.doc_billable, np.float32(1.0), HEADER_FACTOR[data.doc_kind])
        for chapter, f in CHAPTER_FACTOR.items():
            kind_factor[(data.doc_chapter == chapter) & (data.doc_system == 0)] *= np.float32(f)
        text_factor = np.ones(self.n_texts, np.float32)
        for k, f in TEXT_KIND_FACTOR.items():
            text_factor[data.text_kind == k] = f
        self.text_factor = (text_factor * kind_factor[data.text_doc]).astype(np.float32)
        self.text_len_floor = np.maximum(data.text_len, np.float32(0.5))  # precision's denominator
        settings = setting_bits(self.vocab, data.post_off, data.post, data.post_w, self.n_texts,
                                data.doc_system[data.text_doc] == 0, data.doc_chapter[data.text_doc])
        # A code's setting is its title's: every text of the code carries it (text d is d's title).
        self.settings = settings | settings[: len(data.doc_code)][data.text_doc]
        self.sides = side_bits(self.vocab, data.post_off, data.post, len(data.doc_code))
        # The setting factor of a text depends on its setting bits and its code's side bits only, and
        # texts share a few hundred such pairs: a query computes it once per pair (`setting_factor`).
        said = past_said(self.vocab, data.post_off, data.post, data.post_w, self.n_texts)
        said |= said[: len(data.doc_code)][data.text_doc]  # a code's title says it for all its texts
        pairs = (self.settings.astype(np.uint64) | self.sides[data.text_doc].astype(np.uint64) << 32
                 | said.astype(np.uint64) << 40)
        combos, combo_of = np.unique(pairs, return_inverse=True)
        self.combo_of = combo_of.astype(np.uint16 if len(combos) <= 1 << 16 else np.int32)
        self.combo_bits = (combos & 0xFFFFFFFF).astype(np.uint32)
        self.combo_sides = ((combos >> 32) & 0xFF).astype(np.uint8)
        self.combo_said = (combos >> 40).astype(bool)
        self._memo_lock = threading.Lock()
        self._matches: dict[tuple[str, bool], tuple[tuple[int, float], ...]] = {}
        self._unions: dict[tuple[int, ...], np.ndarray] = {}
        self._settings: dict[frozenset[str], np.ndarray | np.float32] = {}  # setting_factors per setting_key
        self._sounds: SoundIndex | None = None  # built when a word first needs it (`_by_sound`)

    def clear_memo(self) -> None:
        """Forget the words' term matches and unions kept so far (the next query starts cold)."""
        with self._memo_lock:
            self._matches.clear()
            self._unions.clear()
            self._settings.clear()

    def memo_sizes(self) -> tuple[int, int]:
        """How many words' term matches, and how many unions of terms' texts, are kept."""
        return len(self._matches), len(self._unions)

    # -- words to terms --

    def term_matches(self, word: str, last: bool) -> list[tuple[int, float]]:
        """(term id, weight) pairs a query word stands for: exact, completed prefix, corrected typo.
        Kept per word (see MEMO_WORDS): the answer depends on the word and the index only."""
        key = (word, last)
        got = self._matches.get(key)
        if got is None:
            got = tuple(self._term_matches(word, last))
            with self._memo_lock:
                if len(self._matches) >= MEMO_WORDS:
                    self._matches.clear()
                self._matches[key] = got
        return list(got)

    def _held(self, terms: Sequence[int]) -> np.ndarray:
        """The sorted texts holding some of `terms` or standing under a header that holds one (read only;
        kept per set of terms, see MEMO_UNIONS)."""
        key = tuple(terms)
        got = self._unions.get(key)
        if got is None:
            data = self.data
            off, post, ioff, ipost = data.post_off, data.post, data.inh_off, data.inh_post
            lists = [post[off[t] : off[t + 1]] for t in key]
            lists += [x for t in key if len(x := ipost[ioff[t] : ioff[t + 1]])]
            got = union_sorted(lists)
            got.flags.writeable = False  # shared by every query that asks these terms
            with self._memo_lock:
                if len(self._unions) >= MEMO_UNIONS:
                    self._unions.clear()
                self._unions[key] = got
        return got

    def _term_matches(self, word: str, last: bool) -> list[tuple[int, float]]:
        neg = word.startswith(NEGATION)
        s = NEGATION + stem(word[1:]) if neg else stem(word)
        out: list[tuple[int, float]] = []
        i = bisect_left(self.vocab, s)
        exact = i < len(self.vocab) and self.vocab[i] == s
        if exact:
            out.append((i, 1.0))
        if exact and self.df[i] <= RARE_DF and len(s) >= 4 and s.isalpha():
            out.extend((t, 0.8) for t in self._swapped(s, float(self.df[i])))  # "chest pian": pain too
        if word != s:  # the plural typed in full also completes (`diabetes` is stored as `diabete`)
            j = bisect_left(self.vocab, word)
            if j < len(self.vocab) and self.vocab[j] == word:
                out.append((j, 1.0))
        if (last and not (exact and len(s) == 1)) or not exact:  # "hepatitis c": the letter itself
            lo = i + 1 if exact else i
            hi = bisect_left(self.vocab, s + "\uffff", lo)
            if hi > lo:
                ids = np.arange(lo, hi)
                if len(ids) > MAX_PREFIX_TERMS:
                    ids = ids[np.argsort(-self.df[ids], kind="stable")[:MAX_PREFIX_TERMS]]
                out.extend((int(t), PREFIX_WEIGHT) for t in ids)
        if not neg:  # other forms of the word: "perforated" meets "perforation", "septic" "sepsis"
            have = {t for t, _ in out}
            for form in derived(s):
                k = bisect_left(self.vocab, form)
                if k < len(self.vocab) and self.vocab[k] == form and k not in have:
                    out.append((k, DERIVED_WEIGHT))
                    have.add(k)
        if not exact and 2 <= len(word) <= 6 and word.isalpha():  # an acronym of a condition's name
            k = bisect_left(self.vocab, ACRONYM_MARK + word)
            if k < len(self.vocab) and self.vocab[k] == ACRONYM_MARK + word:
                out.append((k, ACRONYM_WEIGHT))
        if not exact and len(s) >= 4 and s.isalpha() and (len(out) == 0 or len(s) >= 7):
            fixes = self._corrections(s)
            if fixes and all(w < 0.8 for _, w in fixes) and len(s) >= LONG_UNHEARD:
                # Only two edits away ("sirosis": siderosis): a word spelled the same but for its h's and
                # doubled letters, or sounding the same, is likelier meant ("cirrhosis")
                heard = self._respelled(s)
                fixes = [(t, HEARD_WEIGHT) for t in heard] + [f for f in fixes if f[0] not in heard]
            out.extend(fixes)
            if not out and len(s) >= 5:  # the first letter mistyped ("neumonia"): every term, one edit
                out.extend(self._corrections(s, anywhere=True))
            if not out:  # typed as it sounds ("numonia", "hemmoroidectomy"): further off than two edits
                out.extend((t, SOUND_WEIGHT) for t in self._by_sound(s))
            if not out:  # its h's and doubled letters astray ("ciroshis", "chirosis": cirrhosis)
                out.extend((t, SOUND_WEIGHT) for t in self._respelled(s))
            # the corrected word's other forms too: "artherosclerosis" meets "atherosclerotic" (I25.10)
            have = {t for t, _ in out}
            for t, w in list(out):
                for form in derived(self.vocab[t]):
                    k = bisect_left(self.vocab, form)
                    if k < len(self.vocab) and self.vocab[k] == form and k not in have:
                        out.append((k, w * DERIVED_WEIGHT))
                        have.add(k)
        return out

    def _swapped(self, s: str, df: float) -> list[int]:
        """Terms that are `s` with two letters side by side swapped and far commoner than `s`: a rare word
        typed for a common one ("pian", yaws, for "pain"; "dairy" is no typo of "diary")."""
        out = []
        for n in range(1, len(s) - 1):  # the first letter as typed: "unclear" is no slip for "nuclear"
            if s[n] == s[n + 1]:
                continue
            w = s[:n] + s[n + 1] + s[n] + s[n + 2 :]
            k = bisect_left(self.vocab, w)
            if k < len(self.vocab) and self.vocab[k] == w and self.df[k] >= SWAP_COMMONER * max(df, 1.0):
                out.append(k)
        return out

    def _respelled(self, s: str) -> list[int]:
        """The terms spelled as `s` but for h's and doubled letters (phonetic.skeleton), else those that
        sound as it does: up to three."""
        found = self._sound_index().respelled(s)[:3]
        return [bisect_left(self.vocab, w) for w in found] or self._by_sound(s)

    def _sound_index(self) -> SoundIndex:
        sounds = self._sounds
        if sounds is None:
            words = [self.vocab[t] for t in self.all_words[0]]
            counts = dict(zip(words, self.df[self.all_words[0]].tolist(), strict=True))
            sounds = SoundIndex(words, counts)
            with self._memo_lock:
                self._sounds = sounds
        return sounds

    def _by_sound(self, s: str) -> list[int]:
        """The terms that sound as `s` does (phonetic.py), nearest in letters first."""
        found = self._sound_index().nearest(s)[:3]
        return [bisect_left(self.vocab, w) for w in found]

    def setting_factor(self, cands: np.ndarray, words: list[str]) -> np.ndarray | np.float32:
        """Lower texts set in a population or setting the query does not name (clinical.py)."""
        factor = self.setting_factors(words)
        return factor if isinstance(factor, np.float32) else factor[self.combo_of[cands]]

    def setting_factors(self, words: list[str]) -> np.ndarray | np.float32:
        """The setting factor of the query `words` for each pair of setting and side bits (`combo_of`
        gives a text's pair), or one factor for every text."""
        words = words + [stem(w) for w in words]
        key = setting_key(words)  # most queries name no setting: one factor for all of them
        got = self._settings.get(key)
        if got is None:
            got = setting_factor(self.combo_bits, self.combo_sides, words, self.combo_said)
            if isinstance(got, np.ndarray):
                got.flags.writeable = False  # shared by every query with the same key
            with self._memo_lock:
                self._settings[key] = got
        return got

    def _corrections(self, s: str, anywhere: bool = False) -> list[tuple[int, float]]:
        bucket = self.all_words if anywhere else self.buckets.get(s[0])
        if not bucket:
            return []
        ids, terms = bucket
        max_d = 1 if len(s) <= 5 or anywhere else 2
        hits = process.extract(s, terms, scorer=OSA.distance, score_cutoff=max_d, limit=6)
        # A word one edit away is the one meant before any two edits away: "pnuemonia" is pneumonia (two
        # letters swapped), and "pneumoniae" (Mycoplasma pneumoniae) only a little.
        far = FAR_TYPO_WEIGHT if any(d == 1 for _, d, _ in hits) else 0.7
        return [(ids[idx], 0.8 if d <= 1 else far) for _, d, idx in hits if d > 0]

    # -- scoring --

    def score(self, variant: Variant, min_score: float = 0.0,
              docs: np.ndarray | None = None, heads: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """Text ids that match at least one word, and their scores. With `min_score`, texts that cannot
        reach it may be left out (see `_score_strong`), and so may texts of documents outside the
        boolean mask `docs`; every other text is scored the same. `heads`: PCS texts whose head
        term the query does not name score lower (UNNAMED_HEAD_FACTOR)."""
        return self.score_planned(variant, self.plan(variant), min_score, docs, heads)

    def score_planned(self, variant: Variant, read: tuple[Plan, list[bool], float] | None,
                      min_score: float = 0.0, docs: np.ndarray | None = None,
                      heads: bool = False) -> tuple[np.ndarray, np.ndarray]:
        """`score` of a reading whose plan (`plan(variant)`) is at hand."""
        data = self.data
        if read is None:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        plan, credited, total = read
        # Only the texts holding some matched term are scored: the union of their postings, with the
        # same float32 operations in the same order as a dense pass over every text would do.
        if min_score > 0 and not any(credited):  # a credited word needs no posting: score them all
            cands, scores = self._score_strong(plan, total, variant.factor, min_score, docs,
                                               list(variant.words))
            return cands, self._head_factor(cands, scores, plan) if heads else scores
        off, post = data.post_off, data.post
        ioff, ipost = data.inh_off, data.inh_post
        lists = [post[int(off[t]) : int(off[t + 1])] for _, matches in plan for t, _ in matches]
        lists += [ipost[int(ioff[t]) : int(ioff[t + 1])] for _, matches in plan for t, _ in matches]
        lists = [x for x in lists if len(x)]
        if not lists:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        size = sum(len(x) for x in lists)
        if len(lists) == 1:
            cands = lists[0].astype(np.int64)
        elif size <= SPARSE_UNION_MAX:
            cands = union_sorted(lists).astype(np.int64)
        else:  # many postings: a mask over all texts is cheaper than sorting them
            hit = np.zeros(self.n_texts, bool)
            for x in lists:
                hit[x] = True
            cands = np.flatnonzero(hit)
        picked = docs is not None
        if docs is not None:  # only these documents' texts are wanted: the others are never scored
            cands = cands[docs[data.text_doc[cands]]]
            if not len(cands):
                return cands, np.zeros(0, np.float32)

        # at(ids): the places in `cands` of the texts `ids` that are candidates, and which of `ids` they are.
        every = slice(None)
        if picked:
            def at(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray | slice]:
                pos = cands.searchsorted(ids)
                np.minimum(pos, len(cands) - 1, out=pos)
                ok = cands[pos] == ids
                return pos[ok], ok
        elif size > SPARSE_UNION_MAX:
            where = np.empty(self.n_texts, np.int64)
            where[cands] = np.arange(len(cands))

            def at(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray | slice]:
                return where[ids], every
        else:
            def at(ids: np.ndarray) -> tuple[np.ndarray, np.ndarray | slice]:
                return np.searchsorted(cands, ids), every
        S = np.zeros(len(cands), np.float32)
        M = np.zeros(len(cands), np.float32)
        for (idf, matches), stands in zip(plan, credited, strict=True):
            if len(matches) == 1 and matches[0][1] == 1.0 and not stands:
                t = matches[0][0]
                a, b = off[t], off[t + 1]
                pos, sel = at(post[a:b])
                S[pos] += idf
                M[pos] += data.post_w[a:b][sel] * np.float32(0.01)
                S[at(ipost[ioff[t] : ioff[t + 1]])[0]] += idf  # a header's word: no length
                continue
            G = np.zeros(len(cands), np.float32)
            H = np.zeros(len(cands), np.float32)
            for t, wt in sorted(matches, key=lambda m: m[1]):
                a, b = off[t], off[t + 1]
                pos, sel = at(post[a:b])
                G[pos] = wt
                H[pos] = data.post_w[a:b][sel] * np.float32(0.01)
                G[at(ipost[ioff[t] : ioff[t + 1]])[0]] = wt
            if stands:
                G = np.maximum(G, ((self.settings[cands] & HISTORY_BIT) != 0).astype(np.float32))
            S += G * np.float32(idf)
            M += H
        nz = S != 0
        if not nz.all():
            cands, S, M = cands[nz], S[nz], M[nz]
        if total <= 0 or len(cands) == 0:
            return cands[:0], np.zeros(0, np.float32)
        scores = self._formula(cands, S, M, total, variant.factor, list(variant.words))
        return cands, self._head_factor(cands, scores, plan) if heads else scores

    def plan(self, variant: Variant) -> tuple[Plan, list[bool], float] | None:
        """How `score` weighs a reading: (idf, term matches) per distinct word that matches some term,
        whether a history or status text stands for that word (per plan entry), and the query's total
        weight (unknown words count in it); None when the reading has no words."""
        words = negate_query([w for w in variant.words if w not in QUERY_STOPWORDS] or list(variant.words))
        if not words:
            return None
        plan: Plan = []
        credited: list[bool] = []  # per plan entry: a history or status text stands for the word
        credit = status_credit(words)
        total = 0.0
        seen: set[str] = set()
        for n, w in enumerate(words):
            if w in seen:
                continue
            seen.add(w)
            matches = self.term_matches(w, last=n == len(words) - 1 and not variant.complete)
            ess = NEUTRAL_WEIGHT if w in NEUTRAL_WORDS or w.startswith(NEGATION) else 1.0
            if not matches:
                total += math.log1p(self.n_weighed)  # an unknown word still counts against coverage
                continue
            df = min(float(self.n_weighed), sum(float(self.df[t]) for t, _ in matches))
            idf = math.log1p(self.n_weighed / max(df, 1.0)) * (0.3 if ess < 1 else 1.0)
            total += idf
            plan.append((idf, matches))
            credited.append(w in credit)
        return plan, credited, total

    def _formula(self, cands: np.ndarray, S: np.ndarray, M: np.ndarray, total: float, factor: float,
                 words: list[str]) -> np.ndarray:
        """coverage^2 * (0.55 + 0.45 * precision) * kind factors * setting factor of the candidates,
        from their matched weight S and words' weight M (both overwritten: the operations are done in
        place, in the order of the formula as written, so each score is the same float32)."""
        return self.formula(S, M, total, factor, self.text_len_floor[cands], self.text_factor[cands],
                            self.setting_factor(cands, words))

    @staticmethod
    def formula(S: np.ndarray, M: np.ndarray, total: float, factor: float, floor: np.ndarray,
                kinds: np.ndarray, setting: np.ndarray | np.float32) -> np.ndarray:
        """`_formula` from the texts' precision denominators `floor`, kind factors `kinds` and setting
        factor `setting` (the texts' own values, as `text_len_floor`, `text_factor`, `setting_factor`
        give them); S and M are overwritten."""
        cov = np.divide(S, np.float32(total), out=S)
        prec = np.divide(M, floor, out=M)
        np.minimum(prec, 1.0, out=prec)
        prec *= 0.45
        prec += 0.55
        scores: np.ndarray = np.multiply(cov, cov, out=cov)
        scores *= prec
        scores *= kinds
        scores *= np.float32(factor)
        scores *= setting
        return scores

    def _head_factor(self, cands: np.ndarray, scores: np.ndarray,
                     plan: list[tuple[float, list[tuple[int, float]]]]) -> np.ndarray:
        """`scores` with UNNAMED_HEAD_FACTOR on the PCS texts whose head term no query word matched."""
        if not len(cands):
            return scores
        return self.head_factor(self.data.text_head[cands], scores, plan)

    def head_factor(self, head: np.ndarray, scores: np.ndarray, plan: Plan) -> np.ndarray:
        """`_head_factor` from the texts' head terms `head` (`text_head` of the texts scored)."""
        if not (head >= 0).any():  # CM texts only (the record scanner's searches): no head to miss
            return scores.astype(np.float32, copy=False)
        terms = [t for _, matches in plan for t, _ in matches]
        named_term = np.zeros(len(self.vocab), bool)
        named_term[terms] = True
        unnamed = (head >= 0) & ~named_term[head]  # a CM text's head is -1: never read as named
        return np.where(unnamed, scores * UNNAMED_HEAD_FACTOR, scores).astype(np.float32, copy=False)

    def _score_strong(self, plan: list[tuple[float, list[tuple[int, float]]]], total: float, factor: float,
                      min_score: float, docs: np.ndarray | None = None,
                      words: list[str] | None = None) -> tuple[np.ndarray, np.ndarray]:
        """`score` for the texts that can reach `min_score`, found from the query's rarest words.

        A score is at most coverage^2 * factor (precision and kind factors are <= 1), so a text whose
        missing words weigh more than (1 - sqrt(min_score / factor)) of the query cannot reach it: a
        word heavier than that must be held; failing one, some of the heaviest words must be. The
        texts kept get the float32 operations of `score` in the same order, hence the same scores.
        """
        data = self.data
        off, post = data.post_off, data.post
        empty = np.zeros(0, np.int64), np.zeros(0, np.float32)
        if total <= 0 or not plan or min_score > factor:
            return empty
        known = sum(idf for idf, _ in plan)
        # A little margin below the bound: scores are float32 and rounded to 4 decimals.
        slack = (1.0 - math.sqrt(min_score / factor) + 1e-3) * total - (total - known)
        if slack < 0:  # unknown words alone miss too much
            return empty

        ioff, ipost = data.inh_off, data.inh_post

        def held(matches: list[tuple[int, float]]) -> np.ndarray:
            return self._held([t for t, _ in matches])

        heavy = sorted(plan, key=lambda p: -p[0])
        needed = [m for idf, m in heavy if idf > slack]
        cands: np.ndarray | None = None
        if needed:
            for m in sorted(needed, key=lambda m: sum(int(off[t + 1] - off[t] + ioff[t + 1] - ioff[t])
                                                      for t, _ in m)):
                h = held(m)
                if cands is None:
                    cands = h
                else:
                    pos = h.searchsorted(cands)
                    np.minimum(pos, max(len(h) - 1, 0), out=pos)
                    cands = cands[h[pos] == cands] if len(h) else cands[:0]
                if not len(cands):
                    return empty
        else:
            some: list[tuple[int, float]] = []
            acc = 0.0
            for idf, m in heavy:
                some.extend(m)
                acc += idf
                if acc > slack:
                    break
            cands = held(some)
        assert cands is not None
        if docs is not None:
            cands = cands[docs[data.text_doc[cands]]]
        cands = cands.astype(np.int64)
        S = np.zeros(len(cands), np.float32)
        M = np.zeros(len(cands), np.float32)

        def locate(t: int) -> tuple[np.ndarray, np.ndarray]:
            """Positions in `cands` of the texts holding term t, and their places in its postings."""
            a, b = int(off[t]), int(off[t + 1])
            p = post[a:b]
            if not len(p):
                return np.zeros(0, np.int64), np.zeros(0, np.int64)
            assert cands is not None  # set above; the closure does not see the narrowing
            pos = p.searchsorted(cands)
            np.minimum(pos, len(p) - 1, out=pos)
            hit = (p[pos] == cands).nonzero()[0]
            return hit, a + pos[hit]

        def under(t: int) -> np.ndarray:
            """Positions in `cands` of the texts that stand under a header holding term t."""
            p = ipost[int(ioff[t]) : int(ioff[t + 1])]
            if not len(p):
                return np.zeros(0, np.int64)
            assert cands is not None
            pos = p.searchsorted(cands)
            np.minimum(pos, len(p) - 1, out=pos)
            found: np.ndarray = (p[pos] == cands).nonzero()[0]
            return found

        for idf, matches in plan:
            if len(matches) == 1 and matches[0][1] == 1.0:
                where, at = locate(matches[0][0])
                S[where] += idf
                M[where] += data.post_w[at] * np.float32(0.01)
                S[under(matches[0][0])] += idf
                continue
            G = np.zeros(len(cands), np.float32)
            H = np.zeros(len(cands), np.float32)
            for t, wt in sorted(matches, key=lambda m: m[1]):
                where, at = locate(t)
                G[where] = wt
                H[where] = data.post_w[at] * np.float32(0.01)
                G[under(t)] = wt
            S += G * np.float32(idf)
            M += H
        nz = S != 0
        if not nz.all():
            cands, S, M = cands[nz], S[nz], M[nz]
        if len(cands) == 0:
            return cands[:0], np.zeros(0, np.float32)
        return cands, self._formula(cands, S, M, total, factor, words or [])
