"""Misspelled procedure words, corrected against the release's own procedure vocabulary.

    speller = ProcedureSpeller(data.vocab, pcs_words, extra)
    speller.corrections(["lap", "choley"], known)   # {"choley": "chole"}

Coders type "menisectomy", "apendectomy", "thoracentisis", "laproscopic". The ranker forgives a typo
word by word (rank.py), but only a word the procedure reader knows names an objective and an approach,
so a typo of one is left to match any text: "knee arthroscopy menisectomy" then ranks every approach of
the knee alike, "lap choley" meets "Cooley's anemia". A word no text, vocabulary phrase or abbreviation
holds is corrected here to the nearest word of the procedure texts (ICD-10-PCS titles and Index
entries, the ICD-9-CM procedure titles of the GEMs), of the procedure vocabulary
(procedure_terms.tsv) or of the abbreviations; the engine keeps the correction only when the query then
reads as a procedure. The first letter is taken as typed; one edit is allowed up to seven letters, two
from eight; further off, a word that sounds the same (phonetic.py: "hemmoroidectomy", "kolecystectomy").
"""

from __future__ import annotations

from collections.abc import Callable, Container, Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA, Levenshtein

from codesets.search.phonetic import SoundIndex
from codesets.search.procedure_scoring import pcs_terms
from codesets.search.procedure_vocab import IndexVocabulary, affix, vocabulary

MIN_LENGTH = 5      # shorter words are too close to too many others
LONG_WORD = 8       # from this length two edits are allowed
MAX_CANDIDATES = 8
PHRASE_EDITS = 3    # a word after a phrase's first word, corrected to the phrase's next word (`_phrase_end`)


def _left_out(typed: str, word: str) -> bool:
    """`typed` is `word` with letters left out (its letters in order within it)."""
    rest = iter(word)
    return all(ch in rest for ch in typed)


class ProcedureSpeller:
    """The procedure words of one index, by first letter, for `corrections`."""

    def __init__(self, pcs_words: Iterable[str], extra: Iterable[str], suffixes: Iterable[str] = (),
                 counts: Mapping[str, int] | None = None,
                 pairs: frozenset[tuple[str, str]] = frozenset()) -> None:
        self.suffixes = tuple(sorted(suffixes, key=len, reverse=True))
        # Two words side by side in a vocabulary phrase or an abbreviation ("ureteral stent"): of two
        # corrections as near, the one that makes such a pair with its neighbour is meant ("uretral stent").
        self.pairs = pairs
        self.after: dict[str, list[str]] = {}  # a phrase's first word -> the words that follow it in one
        for a, b in sorted(pairs):
            if b.isalpha() and len(b) >= MIN_LENGTH:
                self.after.setdefault(a, []).append(b)
        self.counts = counts or {}  # how many texts hold a word: of two as near, the commoner is meant
        extra_set = {w for w in extra if w.isalpha() and len(w) >= 4}
        self.extra = frozenset(extra_set)
        ordered = [*sorted(extra_set), *sorted({w for w in pcs_words if w.isalpha() and len(w) >= 4}
                                               - extra_set)]
        buckets: dict[str, list[str]] = {}
        for w in ordered:  # vocabulary and abbreviation words first: they win a tie
            buckets.setdefault(w[0], []).append(w)
        self.buckets = buckets
        self.sounds = SoundIndex(ordered, self.counts)  # a word typed as it sounds ("hemmoroidectomy")

    def correct(self, word: str) -> str | None:
        """The procedure word nearest to `word` (see the module docstring), else None."""
        found = self.nearest(word)
        return found[0] if found else None

    def nearest(self, word: str) -> list[str]:
        """The procedure words nearest to `word`, the likeliest first (see `correct`)."""
        bucket = self.buckets.get(word[:1])
        if not bucket or len(word) < MIN_LENGTH:
            return []
        max_d = 2 if len(word) >= LONG_WORD else 1
        hits = process.extract(word, bucket, scorer=OSA.distance, score_cutoff=max_d, limit=MAX_CANDIDATES)
        hits = [h for h in hits if h[1] > 0 and not h[0].startswith(word)]  # a completion is no typo
        if not hits:
            return []
        best = min(h[1] for h in hits)
        # a letter left out first (the commonest slip: "lavge" is lavage, not large), then vocabulary and
        # abbreviation words, then the commoner ("trachestomy": tracheostomy, held by 133 texts, not
        # trachectomy, 12), then bucket order
        keyed = sorted((h for h in hits if h[1] == best),
                       key=lambda h: (not _left_out(word, h[0]), h[0] not in self.extra,
                                      -self.counts.get(h[0], 0), h[2]))
        first = keyed[0][0]
        return [first] + [h[0] for h in keyed[1:] if _left_out(word, h[0]) == _left_out(word, first)]

    def _in_context(self, words: Sequence[str], n: int, near: list[str]) -> str | None:
        """Of corrections as near, the first that makes a known pair with the word before or after it."""
        return _paired(words, n, near, self.pairs)

    def _phrase_end(self, before: str, word: str) -> str | None:
        """A word too far from every procedure word for `nearest` that ends a vocabulary phrase or
        abbreviation begun by the word before it, misheard or typed as it sounds ("lumbar puncher":
        lumbar puncture): the one such ending with the same first two letters, at most
        PHRASE_EDITS edits away and at most half the word."""
        ends = [c for c in self.after.get(before, ()) if c[:2] == word[:2]]
        scored = sorted((Levenshtein.distance(word, c), c) for c in ends)
        if not scored or scored[0][0] > min(PHRASE_EDITS, len(word) // 2):
            return None
        return scored[0][1] if len(scored) == 1 or scored[1][0] > scored[0][0] else None

    def _sounded(self, word: str) -> str | None:
        """The one procedure word that sounds as `word` does with the same procedure suffix, else None."""
        said = self.sounds.nearest(word)
        if len(said) != 1:
            return None
        return said[0] if any(word.endswith(x) and said[0].endswith(x) for x in self.suffixes) else None

    @staticmethod
    def sure(fixes: Mapping[str, str]) -> bool:
        """Every correction is one edit of a long word ("arthroscpy" -> arthroscopy): sure enough to read
        a scope's default objective from it, which a looser correction is not trusted with."""
        return bool(fixes) and all(len(a) >= LONG_WORD and OSA.distance(a, b) <= 1 for a, b in fixes.items())

    def _correct_root(self, word: str) -> str | None:
        """A procedure suffix after a misspelled root ("hemorroidectomy"): the root corrected."""
        suffix = next((s for s in self.suffixes
                       if word.endswith(s) and len(word) - len(s) >= MIN_LENGTH), None)
        if suffix is None:
            return None
        typed = word[: -len(suffix)]
        root = self.correct(typed) or next(iter(self.sounds.nearest(typed)), None)
        return root + suffix if root is not None else None

    def corrections(self, words: Sequence[str], known: Callable[[str], bool],
                    typing: Callable[[str], bool]) -> dict[str, str]:
        """Unknown words of `words` and their corrections. `known`: some text holds the word; `typing`:
        the last word is the start of a word some text holds (still being typed, not misspelled)."""
        out: dict[str, str] = {}
        for n, w in enumerate(words):
            if (len(w) < MIN_LENGTH or not w.isalpha() or w in self.extra or known(w)
                    or (n == len(words) - 1 and typing(w))):
                continue
            if affix(w, vocabulary(), known) is not None:
                # a typo that still reads as root and suffix ("bronchscopy": bronch-, -scopy, the bronchus)
                # is the vocabulary's word one edit away with the same suffix ("bronchoscopy")
                # or two letters swapped ("trachesotomy": tracheostomy, read as an -otomy as typed)
                one = self.correct(w)
                if one is not None and one in self.extra and OSA.distance(w, one) == 1 and (
                        any(w.endswith(x) and one.endswith(x) for x in self.suffixes)
                        or Levenshtein.distance(w, one) == 2):
                    out[w] = one
                elif one is None and (said := self._sounded(w)) is not None:
                    out[w] = said  # "kolecystectomy" reads as cyst-ectomy; it sounds as cholecystectomy
                continue
            near = self.nearest(w) or self.sounds.nearest(w)
            fixed = (self._in_context(words, n, near) if len(near) > 1 else None) or (
                near[0] if near else self._correct_root(w))
            if fixed is None and n:
                fixed = self._phrase_end(words[n - 1], w)
            if fixed is not None:
                out[w] = fixed
        return out


def _paired(words: Sequence[str], n: int, candidates: Sequence[str],
            pairs: Container[tuple[str, str]]) -> str | None:
    """The first of `candidates` for words[n] that makes a known pair with the word before or after it."""
    before = words[n - 1] if n else ""
    after = words[n + 1] if n + 1 < len(words) else ""
    return next((c for c in candidates if (before, c) in pairs or (c, after) in pairs), None)


def key_corrections(words: Sequence[str], key_words: Sequence[str], pairs: frozenset[tuple[str, str]],
                    known: Callable[[str], bool]) -> dict[str, str]:
    """Unknown words of `words` corrected to a word of a several-word abbreviation that the correction
    completes with its neighbour ("chf exacerbaton": the abbreviation "chf exacerbation"), one edit up
    to seven letters, two from eight; the other words are left to the ranker's own correction."""
    out: dict[str, str] = {}
    for n, w in enumerate(words):
        if len(w) < MIN_LENGTH or not w.isalpha() or known(w):
            continue
        max_d = 2 if len(w) >= LONG_WORD else 1
        hits = process.extract(w, key_words, scorer=OSA.distance, score_cutoff=max_d, limit=MAX_CANDIDATES)
        found = _paired(words, n, [c for c, _, _ in sorted(hits, key=lambda h: (h[1], h[2]))], pairs)
        if found is not None:
            out[w] = found
    return out


def speller(data: Any, abbreviations: Mapping[tuple[str, ...], tuple[str, ...]],
            see: IndexVocabulary) -> ProcedureSpeller:
    """The speller of one index: the words of its procedure texts (GEMs included), of the PCS Index's
    `see` and `use` terms, the vocabulary's phrase words and the one-word abbreviations."""
    flags = pcs_terms(data, gems=True)
    held = np.flatnonzero(flags)
    pcs_words = [data.vocab[i] for i in held]
    sizes = np.diff(np.asarray(data.post_off, np.int64))[held]
    counts = dict(zip(pcs_words, sizes.tolist(), strict=True))
    extra = {w for phrase in vocabulary().phrases for w in phrase}
    extra |= {key[0] for key in abbreviations if len(key) == 1}
    extra |= {w for terms in (see.objectives, see.keys) for term in terms for w in term}
    keys = [*vocabulary().phrases, *abbreviations]
    pairs = frozenset((a, b) for key in keys for a, b in zip(key, key[1:], strict=False))
    return ProcedureSpeller(pcs_words, extra, vocabulary().suffixes, counts, pairs)
