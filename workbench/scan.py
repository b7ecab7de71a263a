"""The record scanner: diagnoses and procedures stated in an encounter's documents, each with the
sentence that states it and how it is stated (negated, history, family, uncertain).

How a mention is found, sentence by sentence (workbench/scan_text.py cuts the sentences):
1. Anchors: words the code search index knows that name something (their postings are few enough
   to mean a concept: "pneumonia", "hyponatremia"), and abbreviations of the shared table ("AKI").
2. Around each anchor the phrase grows word by word, left and right inside the clause, for as long
   as some title, inclusion term or index entry of the release holds all its words (the index's own
   postings say so; nothing is matched outside the index).
3. The phrase and its shorter forms around the anchor go to `SearchIndex.search`, longest first;
   the first whose best billable code scores as a strong concept match becomes a mention.
Search answers are cached per phrase, so a record that repeats itself costs little.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from codesets.search_text import NEGATION, QUERY_STOPWORDS, stem, weighted_terms
from workbench.scan_text import Context, Sentence, context, sentences

# A strong concept match: SearchIndex scores are coverage^2 * (0.55 + 0.45 * precision) * kind factors,
# so this asks for (nearly) every word of the phrase matched and most of the title's words named.
ACCEPT_SCORE = 0.80
# A word that sits in more texts than this is a qualifier ("left", "injury"), not an anchor.
ANCHOR_MAX_POSTINGS = 2500
MAX_PHRASE_TOKENS = 10
MAX_TRIES_PER_ANCHOR = 6
# Words inside a phrase that join its parts and are not looked up themselves.
JOINERS = frozenset(QUERY_STOPWORDS | {"with", "due", "without", "w", "secondary"}) - {"and", "or"}
# Phrases never cross these.
BREAKS = frozenset(
    "and or but however which who while then was were is are has had have no not denies denied negative "
    "history hx h/o s/p status family fh probable probably likely suspected suspect possible possibly "
    "questionable presumed versus vs r/o ruled rule concern consistent compatible".split()
)
# Words that qualify a condition but never name one on their own.
GENERIC = frozenset(
    "acute chronic severe mild moderate bilateral unilateral left right unspecified other stage type "
    "grade class history status disease disorder syndrome condition unknown new old recurrent "
    "initial subsequent encounter primary secondary simple complex total partial multiple single "
    "upper lower anterior posterior medial lateral".split()
)
# Sections whose lists are not diagnoses of this stay (a drug list, allergies, review of systems).
# The history of present illness and the examination tell the story before the diagnosis: symptoms,
# findings and conditions the provider names again where it counts (assessment, course, diagnoses).
SKIP_SECTIONS = frozenset({"medications", "allergies", "ros", "complaint", "admin", "hpi", "exam"})
# Sign and symptom codes (ICD-10-CM chapter 18, R00-R99) count only where the provider lists a
# diagnosis: Official Guidelines Section I.B.5, signs routinely associated with a disease are not coded.
DIAGNOSIS_SECTIONS = frozenset({"final", "assessment"})


@dataclass(frozen=True, slots=True)
class Mention:
    """One code the record states, where and how."""

    code: str
    title: str
    system: str  # CM or PCS
    cc_level: str | None
    score: float
    document: int
    sentence: Sentence
    start: int  # the phrase, offsets in the document
    end: int
    phrase: str
    context: Context
    matched: str = ""  # why the index matched (inclusion term, index path, abbreviation)


class Scanner:
    """Scans records against one release's search index. Thread-safe; build one per index."""

    _by_index: dict[int, Scanner] = {}
    _lock = threading.Lock()

    def __init__(self, index: Any) -> None:
        self.index = index
        data = index.data
        self._vocab: list[str] = data.vocab
        self._post = data.post
        self._off = data.post_off
        self._text_len = data.text_len
        self._post_w = data.post_w
        self._weights: dict[str, np.ndarray | None] = {}
        self._abbrev = index.abbreviations
        self._postings: dict[str, np.ndarray | None] = {}
        self._results: dict[tuple[str, str], Any] = {}
        self._cache_lock = threading.Lock()

    @classmethod
    def for_index(cls, index: Any) -> Scanner:
        with cls._lock:
            s = cls._by_index.get(id(index))
            if s is None or s.index is not index:
                s = cls._by_index[id(index)] = cls(index)
            return s

    # -- the index's postings ------------------------------------------------------------------

    def _term(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        i = bisect_left(self._vocab, term)
        if i < len(self._vocab) and self._vocab[i] == term:
            a, b = self._off[i], self._off[i + 1]
            return self._post[a:b], self._post_w[a:b]
        return None

    def postings(self, word: str) -> np.ndarray | None:
        """Texts holding the word (as stemmed in the index), or its abbreviation's expansions."""
        hit = self._postings.get(word, False)
        if hit is not False:
            return hit  # type: ignore[return-value]
        t = self._term(stem(word)) or self._term(word)
        p = t[0] if t is not None else None
        w = t[1].astype(np.float32) * np.float32(0.01) if t is not None else None
        expansions = self._abbrev.get((word,))
        if expansions and len(word) >= 2:
            parts = [p] if p is not None else []
            for e in expansions:
                cur = None
                for x in e.split():
                    if x in QUERY_STOPWORDS:
                        continue
                    q = self._term(stem(x))
                    if q is None:
                        cur = None
                        break
                    cur = q[0] if cur is None else _intersect(cur, q[0])
                if cur is not None and len(cur):
                    parts.append(cur)
            p = np.unique(np.concatenate(parts)) if parts else None
            # An upper bound of the weight the expansion matches in each text.
            w = None if p is None else np.full(len(p), max(len(e.split()) for e in expansions), np.float32)
        with self._cache_lock:
            self._postings[word] = p
            self._weights[word] = w
        return p

    def search(self, phrase: str, system: str) -> Any:
        key = (phrase, system)
        hit = self._results.get(key, False)
        if hit is not False:
            return hit
        res = self.index.search(phrase, system=system, billable_only=True, limit=4)
        top = next((r for r in res if r.code[0] not in _SPECIAL_POPULATION), None)
        with self._cache_lock:
            if len(self._results) > 200_000:
                self._results.clear()
            self._results[key] = top
        return top

    def _could_match(self, words: list[str], posts: list[Any], fa: int, fb: int) -> bool:
        """A cheap bound before asking the index: some text holds every looked-up word of the phrase
        and those words are enough of it to reach ACCEPT_SCORE (the index's score is at most
        0.55 + 0.45 * the share of the text's weighted words the phrase matches)."""
        cur: np.ndarray | None = None
        got: np.ndarray | None = None
        for i in range(fa, fb + 1):
            p = posts[i]
            if p is None:
                continue
            w = self._weights[words[i]]
            if cur is None:
                cur, got = p, w
                continue
            pos = np.searchsorted(p, cur).clip(max=len(p) - 1)
            hit = p[pos] == cur
            cur, got = cur[hit], got[hit] + w[pos[hit]]
            if not len(cur):
                return False
        if cur is None or got is None:
            return False
        share = np.minimum(1.0, got / np.maximum(self._text_len[cur], 0.5))
        return 0.55 + 0.45 * float(share.max()) >= ACCEPT_SCORE - 0.02

    def covers(self, words: list[str], top: Any) -> bool:
        """Whether the phrase names the concept, not just its site: every essential word of the text
        that matched (the title, or the inclusion term / index entry) is said by the phrase, the
        abbreviations read both ways; words in parentheses, neutral words and a 7th-character
        extension are not essential. "X and Y" titles need one side said."""
        said: set[str] = set()
        for w in words:
            said.add(stem(w))
            said.add(w)
            for e in self._abbrev.get((w,), ()):
                said.update(stem(x) for x in e.split())
        target = top.title
        first = top.matched.split("; ")[0] if top.matched else ""
        if first and " = " not in first:
            target = first.split(" > ")[-1] if " > " in first else first
        sides = [_essential(part) for part in _AND_RE.split(target)]
        return any(side and all(t in said for t in side) for side in sides)

    # -- scanning -------------------------------------------------------------------------------

    def scan(self, documents: Sequence[Any]) -> list[Mention]:
        """Mentions of every document, in document and text order (each phrase once)."""
        out: list[Mention] = []
        for d, doc in enumerate(documents):
            out.extend(self.scan_text(doc.text, d, getattr(doc, "type", "")))
        return out

    def scan_text(self, text: str, document: int = 0, doc_type: str = "") -> list[Mention]:
        out: list[Mention] = []
        for s in sentences(text, document):
            if s.section_kind in SKIP_SECTIONS:
                continue
            system = "PCS" if s.section_kind == "procedure" or _is_procedure_line(s) else "CM"
            out.extend(self._scan_sentence(s, system, text))
        return out

    def _scan_sentence(self, s: Sentence, system: str, text: str) -> list[Mention]:
        words = [t.text for t in s.tokens]
        n = len(words)
        posts = [None if w in JOINERS or w in BREAKS else self.postings(w) for w in words]
        covered = [False] * n
        measurements = sum(any(ch.isdigit() for ch in w) for w in words) * 3 >= n
        out: list[Mention] = []
        for k in range(n):
            p = posts[k]
            if covered[k] or p is None or words[k] in GENERIC or not _anchor_shape(words[k], self._abbrev):
                continue
            if len(p) > ANCHOR_MAX_POSTINGS and (words[k],) not in self._abbrev:
                continue
            if len(words[k]) <= 3 and measurements:  # "HR 80, RA": vital signs, not diagnoses
                continue
            a, b = self._grow(s, words, posts, k)
            found = self._first_strong(s, words, posts, a, b, k, system)
            if found is None:
                continue
            (fa, fb), top = found
            for i in range(fa, fb + 1):
                covered[i] = True
            if top.code.startswith("R") and system == "CM" and s.section_kind not in DIAGNOSIS_SECTIONS:
                continue
            start, end = s.tokens[fa].start, s.tokens[fb].end
            out.append(Mention(
                code=top.code, title=top.title, system=top.system, cc_level=top.cc_level,
                score=top.score, document=s.document, sentence=s, start=start, end=end,
                phrase=text[start:end], context=context(s, fa, fb), matched=top.matched,
            ))
        # Official Guidelines Section I.B.5: a sign or symptom stated with the diagnosis it belongs
        # to is not coded ("Neutropenic fever", "Sickle cell crisis with pain").
        if any(not m.code.startswith("R") for m in out):
            out = [m for m in out if not m.code.startswith("R") or m.sentence.section_kind == "final"
                   and len(out) == 1]
        return out

    def _grow(self, s: Sentence, words: list[str], posts: list[Any], k: int) -> tuple[int, int]:
        """The widest phrase around token k whose looked-up words some one text holds together."""
        cur = posts[k]
        a = b = k
        for step in (1, -1):
            j = k
            while True:
                nxt = j + step
                if nxt < 0 or nxt >= len(words) or b - a + 1 >= MAX_PHRASE_TOKENS:
                    break
                if (step == 1 and nxt in s.clause_breaks) or (step == -1 and j in s.clause_breaks):
                    break
                w = words[nxt]
                if w in BREAKS:
                    break
                if w in JOINERS:
                    j = nxt
                    continue
                p = posts[nxt]
                if p is None:
                    break
                both = _intersect(cur, p)
                if not len(both):
                    break
                cur = both
                j = nxt
                if step == 1:
                    b = j
                else:
                    a = j
        return a, b

    def _first_strong(self, s: Sentence, words: list[str], posts: list[Any], a: int, b: int, k: int,
                      system: str) -> tuple[tuple[int, int], Any] | None:
        tries = 0
        for fa, fb in _windows(words, a, b, k):
            if tries >= MAX_TRIES_PER_ANCHOR:
                break
            if not self._could_match(words, posts, fa, fb):
                continue
            phrase = " ".join(words[fa : fb + 1])
            tries += 1
            top = self.search(phrase, system)
            if top is not None and top.score >= ACCEPT_SCORE and self.covers(words[fa : fb + 1], top):
                return (fa, fb), top
        return None


def _windows(words: list[str], a: int, b: int, k: int) -> list[tuple[int, int]]:
    """Phrases inside [a, b] holding token k that start and end on a looked-up word, longest first."""
    starts = [i for i in range(a, k + 1) if words[i] not in JOINERS]
    ends = [j for j in range(k, b + 1) if words[j] not in JOINERS]
    spans = [(i, j) for i in starts for j in ends]
    spans.sort(key=lambda ij: (-(ij[1] - ij[0]), ij[0]))
    return spans


def _intersect(cur: np.ndarray, p: np.ndarray) -> np.ndarray:
    if len(cur) > len(p):
        cur, p = p, cur
    if not len(cur) or not len(p):
        return cur[:0]
    pos = np.searchsorted(p, cur).clip(max=len(p) - 1)
    return cur[p[pos] == cur]


_PROCEDURE_WORDS = ("procedure", "procedures", "operation", "performed")
# Pregnancy (O) and perinatal (P) chapters are for those populations only; the encounter says which.
_SPECIAL_POPULATION = ("O", "P")
_AND_RE = re.compile(r"\s+and\s+|\s+or\s+", re.IGNORECASE)
_PAREN_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]")
_EXTENSION_RE = re.compile(r",\s*(initial|subsequent|sequela)\b.*$", re.IGNORECASE)


def _essential(text: str) -> list[str]:
    text = _EXTENSION_RE.sub("", _PAREN_RE.sub(" ", text))
    return [t for t, w in weighted_terms(text) if w >= 0.5 and t not in _NOT_ESSENTIAL
            and not t.startswith(NEGATION)]


_NOT_ESSENTIAL = frozenset("other specified type approach open percutaneous endoscopic external via natural "
                           "artificial opening device no qualifier".split())


def _anchor_shape(word: str, abbrev: Any) -> bool:
    """A word that can name a concept: no digits ("M2", "L1", "T4" are sites and levels) unless it is
    a known abbreviation ("DM2")."""
    if any(ch.isdigit() for ch in word):
        return (word,) in abbrev
    return True


def _is_procedure_line(s: Sentence) -> bool:
    return bool(s.tokens) and s.tokens[0].text in _PROCEDURE_WORDS and s.section_kind == ""


def scan(documents: Sequence[Any], index: Any) -> list[Mention]:
    """Mentions in `documents` (objects with `.text` and `.type`) found with `index`."""
    return Scanner.for_index(index).scan(documents)
