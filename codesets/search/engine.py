"""Code search over one release: the right ICD-10-CM / ICD-10-PCS code on top from what a coder types.

    index = SearchIndex.for_release(release)      # built once, then loaded from release.cache_dir
    index.search("acute on chr syst hf")          # -> [SearchResult(code="I5023", ...), ...]
    index.search("i50.2"); index.search("0DT", system="PCS"); index.search("fx", within="S72")

Codes and code prefixes (with or without the dot, any case) list the codes in code order, the code
itself first; words are matched as typed, as prefixes, corrected for typos and read through the
abbreviation table (codesets/search/abbreviations.tsv plus the user's `abbreviations.tsv` beside
config.toml). Ranking: rank.py; index layout and cache: index.py and index_postings.py (this package).
Reads are thread-safe: an index never changes after it is built.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import process
from rapidfuzz.distance import OSA

from codesets.codes import with_dot
from codesets.memtrim import trim
from codesets.search import (
    aftermath,
    no_code,
    procedure,
    procedure_readings,
    procedure_scoring,
    rank_shared,
    spelling,
)
from codesets.search import index as search_index
from codesets.search.clinical import (
    CUE,
    DIAGNOSIS_CUES,
    STATUS,
    SYNONYMS,
    acute_on_chronic,
    arabic,
    bmi_range,
    course_in_title,
    joined,
    leading_status,
    names_diagnosis,
    numbered,
    plain_course,
    status_tail,
    system_factor,
)
from codesets.search.compounds import split_compound
from codesets.search.drug_stems import is_stem_name, read_stems
from codesets.search.filters import DocumentFilters
from codesets.search.index import CC_LEVELS, KINDS, SYSTEMS, TEXT_GEM, TEXT_TITLE, IndexData
from codesets.search.laterality import SIDES, named_side, title_words, to_side, without_side, words_of_side
from codesets.search.long_query import essentials
from codesets.search.procedure_vocab import Intent, best_pattern, index_vocabulary, vocabulary
from codesets.search.rank import Ranker, Variant, is_procedure_query, variants
from codesets.search.run_together import split_run_together
from codesets.search.sites import SiteTerms
from codesets.search.text import (
    LEADING_NOTES,
    MAX_QUERY_CHARS,
    MAX_QUERY_TERMS,
    NEUTRAL_WORDS,
    NOTE_WORDS,
    Abbreviations,
    clean,
    load_abbreviations,
    raw_words,
    stem,
    without_left_in_place,
)
from codesets.search.two_conditions import halves, reads_both

# Texts kept per reading of the query before the factors that reorder them (procedure axes, diagnoses
# after procedures); the final list takes the best `limit * 8` texts of all readings.
PRESELECT = 2000
GEM_LIFT, GEM_ALONE = np.float32(1.5), np.float32(0.8)  # see SearchIndex._temper_gems
# A PCS code whose title names only another side than the query's ("Left Kidney Pelvis" for "right
# nephrostomy") keeps this share: a body part that disagrees, below the named side's other choices.
OTHER_SIDE_FACTOR = np.float32(0.8)
# Texts holding both words that `_side_by_side` reads for the two words written one after the other.
SIDE_BY_SIDE_TEXTS = 2000
# Past procedures' PCS answers kept (SearchIndex._aftermath); all are forgotten when this many are held.
PAST_PROCEDURES = 256
_CODE_QUERY_RE = re.compile(r"^[A-Z0-9]{2,7}$")


@dataclass(frozen=True, slots=True)
class SearchResult:
    """One hit. `code` is normalised (no dot); `display` adds the ICD-10-CM dot.

    `matched` says why it matched when the title alone does not: the inclusion term or index path,
    and the abbreviation expansion used ("" when the title matched the words as typed).
    """

    code: str
    title: str
    system: str  # "CM" or "PCS"
    billable: bool
    kind: str  # chapter, block, category, subcategory or code
    cc_level: str | None  # "MCC", "CC" or None
    score: float
    matched: str = ""

    @property
    def display(self) -> str:
        return self.code if self.kind in ("chapter", "block") else with_dot(self.code, self.system)


class SearchIndex(DocumentFilters):
    """An in-memory index of one release (see the module docstring)."""

    _cache: dict[tuple[str, str, str], SearchIndex] = {}
    _cache_lock = threading.Lock()

    def __init__(self, data: IndexData, abbreviations: Abbreviations | None = None) -> None:
        self.data = data
        self.abbreviations = abbreviations if abbreviations is not None else _default_abbreviations()
        self.ranker = Ranker(data)
        cm_end = data.n_cm_codes
        self._sections = ((0, cm_end), (cm_end, cm_end + data.n_pcs))
        self._chars = procedure_scoring.code_chars(data.doc_code)  # PCS axes of every code
        self._pcs_terms = procedure_scoring.pcs_terms(data)  # terms some PCS text holds
        self._see = index_vocabulary(data.pcs_see)  # PCS Index cross references and Body Part Key
        # body-site and procedure words: a site alone is no diagnosis (sites.py)
        self._sites = SiteTerms(data, (k[0] for k in self._see.objectives if len(k) == 1))
        self._speller: spelling.ProcedureSpeller | None = None  # built when a query first needs it
        self._key_words: frozenset[str] | None = None  # words of the abbreviations and phrases, when needed
        self._generic_names: dict[str, str] | None = None  # one-word Index key terms: brand -> generic
        self._key_pairs: tuple[list[str], frozenset[tuple[str, str]]] | None = None  # see `_keyed`
        # The document mask of each filter asked (system, billable only, within), read only.
        self._masks: dict[tuple[str | None, bool, str | None], np.ndarray | None] = {}
        # The past procedure's best PCS code by its words (SearchIndex._aftermath): the same few
        # procedures ("previous cesarean") are looked up again by every phrase a record says them in,
        # each look a search over the whole PCS side (2-7 ms).
        self._past: dict[tuple[str, ...], tuple[SearchResult, ...]] = {}

    def clear_cache(self) -> None:
        """Forget the filter masks and the ranker's per-word memos (the next query starts cold); the
        answers are the same either way."""
        self._masks.clear()
        self._past.clear()
        self.ranker.clear_memo()

    # -- construction --

    @classmethod
    def for_release(cls, release: Any, *, rebuild: bool = False) -> SearchIndex:
        """The index of `release`: from memory, else from its cache folder, else built and cached."""
        folder = Path(release.cache_dir)
        # The release's fingerprint names its code set as imported: an import of corrected files keeps the
        # id and folder, and must not be answered from the index of the files it replaced.
        fingerprint = str(getattr(release, "fingerprint", ""))
        key = (str(folder), str(getattr(release, "id", "")), fingerprint)
        with cls._cache_lock:
            if not rebuild and key in cls._cache:
                return cls._cache[key]
            data = None if rebuild else search_index.load(folder, key[1], fingerprint)
            if data is None:
                data = search_index.build(release)
                data.fingerprint = fingerprint
                try:
                    search_index.save(data, folder, fingerprint)
                except OSError:  # a read-only cache folder: keep the index in memory only
                    pass
            for old in [k for k in cls._cache if k[:2] == key[:2]]:  # the replaced import's index
                del cls._cache[old]
            index = cls(data)
            cls._cache[key] = index
            trim()  # the load's working buffers: ~35 MB of resident memory otherwise (93 -> 58 MB)
            return index

    # -- queries --

    def search(self, query: str, *, system: str | None = None, billable_only: bool = False,
               within: str | None = None, limit: int = 20, min_score: float = 0.0) -> list[SearchResult]:
        """Best matches first. `system` "CM"/"PCS" (any case) or None for both; `within` a CM chapter
        number ("9"), block ("I30-I5A"), code prefix ("I50", "S72.0") or PCS table ("0DT").
        `min_score`: word matches scoring below it may be left out, which makes a search that only
        wants strong matches cheaper (the record scanner); those at or above it are the same."""
        text = clean(query)[: MAX_QUERY_CHARS * 4].strip()
        if not text or limit <= 0:
            return []
        mask = self._filter(system, billable_only, within)
        words = bmi_range(arabic(numbered(raw_words(text))))
        words = [w for w in words if w not in NOTE_WORDS] or words
        if min_score <= 0:  # a note's line or a whole statement typed or pasted: its naming words
            words = essentials(words)
            if len(words) > 2 and tuple(words[:2]) in LEADING_NOTES:  # "r/o PE", "c/o chest pain"
                words = words[2:]
        words = without_left_in_place(words)
        words, split = split_run_together(words, self._is_key, self._known_or_keyed,  # "lapchole": lap chole
                                          self._side_by_side)
        words, compound = split_compound(words, self._index_term)  # "cystoprostatectomy": two resections
        split |= compound
        words, drugs = read_stems(words, self._known_or_keyed, self._generics())  # "eculizumab", "Soliris"
        split |= drugs
        is_abbreviation = tuple(words) in self.abbreviations
        code_hits = self._code_hits(text, mask, limit)
        if code_hits is not None and not is_abbreviation and (len(code_hits) > 1 or len(words) > 1
                                                              or any(c.isdigit() for c in text)):
            return code_hits
        if code_hits and not is_abbreviation:  # a 7-letter PCS code: the code, then the words
            seen = {r.code for r in code_hits}
            more = [r for r in self._word_hits(words, mask, limit, min_score) if r.code not in seen]
            return (code_hits + more)[:limit]
        if min_score > 0 and (halves(words) is not None or without_side(words) is not None):
            # the side-free and two-condition readings below decide on the whole query's best match, which
            # a strong search may not find: searched in full, so its matches above the floor stay the same
            min_score = 0.0
        words, spelled = self._spelled(words)
        if len(words) > 1 and (keyed := self._keyed(words)):  # "chf exacerbaton": the abbreviation
            words = [keyed.get(w, w) for w in words]
            split |= keyed
        if split:
            said = [f"{a!r} read as {b!r}" for a, b in split.items()]
            spelled = "; ".join([*said, spelled] if spelled else said)
        pair = acute_on_chronic(words, self.abbreviations)
        unnamed = no_code.reading(words) if min_score <= 0 else None
        if unnamed is not None:  # "urosepsis": the conditions the Index sends it to, each with a note
            first = self._word_hits(unnamed.first, mask, limit)
            second = self._word_hits(unnamed.second, mask, 1)
            if first and second and second[0].score > first[0].score:  # "urosepsis e coli": A41.51 first
                first, second = [second[0], *first], first[:1]
            results = [replace(r, matched="; ".join(p for p in (unnamed.note, r.matched) if p))
                       for r in self._both(first, second)]
        elif pair is not None:  # "AKI on CKD": the acute condition's codes, its chronic one's second
            results = self._both(self._word_hits(pair[0], mask, limit, min_score),
                                 self._word_hits(pair[1], mask, 3, min_score))
        else:
            results = self._with_status(self._word_hits(words, mask, limit, min_score), words, mask,
                                        min_score)
            results = self._aftermath(results, words, mask)
            results = self._plain_course(results, words, mask, limit, min_score)
            if not split:  # (the record scanner's strong search too: the same codes above its floor)
                results = self._side_free(results, words, mask)
                results = self._joined(results, words, mask)
            if is_abbreviation and min_score <= 0:
                results = self._both_meanings(results, words, mask)
        if not results and min_score <= 0:
            results = self._fallback(words, mask, limit)
        if code_hits:
            seen = {r.code for r in results}
            results += [r for r in code_hits if r.code not in seen]
        if spelled:
            results = [replace(r, matched="; ".join(p for p in (spelled, r.matched) if p)) for r in results]
        return results[:limit]

    def _spelled(self, words: list[str]) -> tuple[list[str], str]:
        """The words with misspelled procedure words corrected (spelling.py) when the query then reads
        as a procedure, and a note saying so; else the words as typed and no note."""
        if self._speller is None:
            self._speller = spelling.speller(self.data, self.abbreviations, self._see)
        fixes = self._speller.corrections(words, self._known, self._typing)
        # A correction that makes a known phrase with its neighbour ("lumbar puncher": lumbar puncture)
        # stands even when some title word is nearer ("punch"): the neighbour says which word was meant.
        fixes = {a: b for a, b in fixes.items()
                 if self._paired_fix(words, a, b) or not self._nearer_word(a, b)}
        if not fixes:
            return words, ""
        fixed = [fixes.get(w, w) for w in words]
        intent = procedure.interpret(fixed[:MAX_QUERY_TERMS], self.abbreviations, self._known_word, self._see)
        if intent is None:
            return words, ""
        typed = procedure.interpret(words[:MAX_QUERY_TERMS], self.abbreviations, self._known_word, self._see)
        if typed is None and not intent.strong and len(words) > 1 and not self._speller.sure(fixes):
            return words, ""  # a scope's default objective alone, from a loose correction
        if typed is not None and typed.groups == intent.groups and not set(fixes) & set(typed.words):
            return words, ""  # the correction reads nothing more; the typo is no word titles must hold
        return fixed, "; ".join(f"{a!r} read as {b!r}" for a, b in fixes.items())

    def _paired_fix(self, words: list[str], typed: str, fix: str) -> bool:
        """`fix`, put for `typed`, makes a vocabulary phrase's or abbreviation's pair with the word before
        or after it."""
        pairs = self._speller.pairs if self._speller is not None else frozenset()
        for n, w in enumerate(words):
            if w == typed and ((n and (words[n - 1], fix) in pairs)
                               or (n + 1 < len(words) and (fix, words[n + 1]) in pairs)):
                return True
        return False

    def _nearer_word(self, typed: str, fix: str) -> bool:
        """Some word of the titles (a diagnosis's as well) is fewer edits from `typed` than the procedure
        word the speller offers: "hemoptisis" is hemoptysis (one edit), not hemostasis (two)."""
        bucket = self.ranker.buckets.get(typed[:1])
        if not bucket:
            return False
        d = OSA.distance(typed, fix)
        if d <= 1:
            return False
        hit = process.extractOne(typed, bucket[1], scorer=OSA.distance, score_cutoff=d - 1)
        return hit is not None and hit[1] > 0

    def _reason_only(self, words: list[str]) -> bool:
        """The diagnosis words all come after "for" and the words before it name a procedure ("lumbar drain
        placed for CSF leak", "stent for anastomotic leak"): the condition is the procedure's reason."""
        if "for" not in words:
            return False
        k = words.index("for")
        if not k or DIAGNOSIS_CUES & set(words[:k]):
            return False
        x = procedure.interpret(words[:k], self.abbreviations, self._known_word, self._see)
        return x is not None and x.strong

    def _index_term(self, word: str) -> bool:
        """True when the word is a main term of the PCS Index ("cystectomy")."""
        return self._see is not None and (word,) in self._see.objectives

    def _is_key(self, words: tuple[str, ...]) -> bool:
        """True when the words are an abbreviation or a phrase of the procedure vocabulary."""
        return words in self.abbreviations or words in vocabulary().phrases

    def _side_by_side(self, a: str, b: str) -> bool:
        """Some title or Index entry says the words a and b one after the other ("chest pain"), or a and
        a synonym of b ("acute renal": Acute kidney failure)."""
        d = self.data

        def term(w: str) -> int | None:
            k = bisect_left(d.vocab, stem(w))
            return k if k < len(d.vocab) and d.vocab[k] == stem(w) else None

        first, second = term(a), term(b)
        if first is None or second is None:
            return False
        for other in (b, *SYNONYMS.get(stem(b), ())):
            k = term(other)
            if k is None:
                continue
            both = np.intersect1d(d.post[d.post_off[first] : d.post_off[first + 1]],
                                  d.post[d.post_off[k] : d.post_off[k + 1]], assume_unique=True)
            said = f"{a} {other}"
            if any(said in d.text(int(t)).lower() for t in both[:SIDE_BY_SIDE_TEXTS]):
                return True
        return False

    def _keyed(self, words: list[str]) -> dict[str, str]:
        """Misspelled words of a several-word abbreviation, corrected (spelling.key_corrections)."""
        if self._key_pairs is None:
            keys = [k for k in self.abbreviations if len(k) > 1]
            self._key_pairs = (sorted({w for k in keys for w in k if w.isalpha()}),
                               frozenset((a, b) for k in keys for a, b in zip(k, k[1:], strict=False)))
        return spelling.key_corrections(words, self._key_pairs[0], self._key_pairs[1], self._known_or_keyed)

    def _generics(self) -> dict[str, str]:
        """Brands the PCS Index's Substance Key sends to a nonproprietary name with a drug stem ("Soliris(R):
        use Eculizumab"; not a body part's key term such as "Calcaneus: use Tarsal"), once."""
        if self._generic_names is None:
            self._generic_names = {k[0]: e.words[0] for k, e in self._see.keys.items()
                                   if len(k) == 1 and e.words is not None and len(e.words) == 1
                                   and is_stem_name(e.words[0])}
        return self._generic_names

    def _known_or_keyed(self, word: str) -> bool:
        """True when some title, inclusion term or Index entry holds the word (an ICD-9-CM title alone is
        not enough: "swanganz" is the Swan-Ganz catheter) or some abbreviation, procedure phrase or PCS
        Index term names it ("greenfield": the Greenfield filter, not "green field")."""
        if self._key_words is None:
            keys = [*self.abbreviations, *vocabulary().phrases, *self._see.keys, *self._see.objectives]
            self._key_words = frozenset(w for key in keys for w in key) | frozenset(self._see.brands)
        return word in self._key_words or self._known_word(word)

    def _typing(self, word: str) -> bool:
        """True when some term starts with the word (the last word of a query still being typed)."""
        vocab = self.data.vocab
        i = bisect_left(vocab, word)
        return i < len(vocab) and vocab[i].startswith(word)

    # Longest start of a word tried when nothing matched, and the shortest.
    _START_MAX, _START_MIN = 10, 4

    def _fallback(self, words: list[str], mask: np.ndarray | None, limit: int) -> list[SearchResult]:
        """No text holds the words together, so a plausible query never answers with nothing: the
        best matches of each word alone (longest word first); failing any, the longest starts of the
        words that some text holds (an unknown abbreviation, a garbled ending: "xlifzz" -> "xlif").
        Each result says which word or start matched. A Device Key brand no text has ("XIENCE") is read
        as its device value first."""
        brand = next((w for w in words if w in self._see.brands and not self._known(w)),
                     None) if self._see is not None else None
        if brand is not None:
            device = list(self._see.brands[brand])
            note = f"Device Key: {brand.upper()} = {' '.join(device)}"
            hits = [replace(r, matched=note) for r in self._word_hits(device, mask, limit)]
            if hits:
                return hits
        if len(words) > 1:
            hits = self._each_word(words, mask, limit, 0.5, "only {!r} matched")
            if hits:
                return hits
        long_words = [w for w in dict.fromkeys(words) if len(w) > self._START_MIN]
        longest = max(map(len, long_words), default=0)
        for n in range(min(longest - 1, self._START_MAX), self._START_MIN - 1, -1):
            starts = [w[:n] for w in long_words if len(w) > n]
            hits = self._each_word(starts, mask, limit, 0.3, "only {!r}... matched")
            if hits:
                return hits
        # a short unknown abbreviation ("abg", "ebrt"): the words its first letters start, never nothing
        short = [w for w in dict.fromkeys(words) if w.isalpha() and 3 <= len(w) <= self._START_MIN + 1]
        for n in (3, 2):
            starts = [w[:n] for w in short if len(w) > n]
            hits = self._each_word(starts, mask, limit, 0.2, "only {!r}... matched")
            if hits:
                return hits
        return []

    def _each_word(self, words: list[str], mask: np.ndarray | None, limit: int, factor: float,
                   note: str) -> list[SearchResult]:
        """The best matches of each of `words` alone (the four longest), scores times `factor`."""
        out: list[SearchResult] = []
        seen: set[str] = set()
        # ties by length in the order typed: a set's order follows the hash seed, which changes every run
        for w in sorted(dict.fromkeys(words), key=len, reverse=True)[:4]:
            for r in self._word_hits([w], mask, limit):
                if r.code not in seen:
                    seen.add(r.code)
                    out.append(SearchResult(r.code, r.title, r.system, r.billable, r.kind, r.cc_level,
                                            round(r.score * factor, 4), note.format(w)))
        out.sort(key=lambda r: -r.score)
        return out[:limit]

    def _code_hits(self, text: str, mask: np.ndarray | None, limit: int) -> list[SearchResult] | None:
        """Codes starting with the query when it is shaped like a code; None when it is not one."""
        q = re.sub(r"[\s.\-]", "", text).upper()
        if not _CODE_QUERY_RE.match(q):
            return None
        if not any(ch.isdigit() for ch in q):
            # All-letter PCS codes exist (DHYBFZZ); a 7-letter word that is one gets it on top.
            if len(q) != 7 or not q.isalpha():
                return None
            a, b = self._prefix_range(1, q)
            hits_exact = [i for i in range(a, b) if mask is None or mask[i]]
            return [self._result(i, 1.0, "") for i in hits_exact] or None
        hits: list[int] = []
        for section in (0, 1):
            a, b = self._prefix_range(section, q)
            ids = np.arange(a, b)
            if mask is not None:
                ids = ids[mask[a:b]]
            hits.extend(int(i) for i in ids[: limit + 1])
        if not hits:
            return None
        exact = [i for i in hits if self.data.doc_code[i].decode() == q]
        rest = [i for i in hits if i not in exact]
        ordered = exact + rest  # code order: the category, then its subcategories and codes
        return [self._result(i, 1.0 if i in exact else 0.9, "") for i in ordered[:limit]]

    def _word_hits(self, words: list[str], mask: np.ndarray | None, limit: int,
                   min_score: float = 0.0) -> list[SearchResult]:
        d = self.data
        all_ids: list[np.ndarray] = []
        all_scores: list[np.ndarray] = []
        notes: list[str] = []
        readings = variants(words, self.abbreviations)
        if (one := joined(words[:MAX_QUERY_TERMS], self._known)) is not None:  # "heat stroke": heatstroke
            readings.append(Variant(tuple(one), 1.0, "read as: " + " ".join(one)))
        as_typed = readings  # the readings of the words as typed (abbreviations read), before any PCS reading
        second: tuple[int, float, str] | None = None  # the best of a second procedure named
        first: tuple[int, float, str] | None = None  # the best of the first (definitive) one
        diagnosis = names_diagnosis(words)  # "history of CABG": a diagnosis despite the procedure word
        if diagnosis == CUE and (procedure.leads_with_objective(words)  # "removal of infected prosthesis"
                                 or procedure.done_to(words)  # "the infected hardware was removed"
                                 or self._reason_only(words)):  # "lumbar drain placed for CSF leak"
            diagnosis = 0
        elif diagnosis == STATUS and status_tail(words) and (
                procedure.done_to(words) or procedure.leads_with_objective(words)) \
                and aftermath.past_procedure(words) is None:  # "was intubated and placed on the ventilator",
            diagnosis = 0  # "PD exchanges overnight on the cycler": what was done, then what it ran on
        if not diagnosis and aftermath.names_condition(words, (v.words for v in as_typed)):
            diagnosis = CUE  # "UTI from indwelling Foley catheter": the catheter is the cause
        has_pcs = self._has_pcs(mask)
        if diagnosis:
            # the words as typed name a condition: no procedure reading may outrank it (none is read)
            is_procedure = False
            intents: list[Intent | None] = [None] * len(as_typed)
        else:
            intents, readings = procedure_readings.readings(
                as_typed, words[:MAX_QUERY_TERMS], self.abbreviations, self._pcs_word, self._see,
                self._known_word, pcs=has_pcs)
            is_procedure = is_procedure_query(as_typed) or any(x is not None for x in intents)
        named_nothing = not is_procedure and all(x is None for x in intents)
        titles_words = [x is not None and v.note.startswith(procedure_readings.NOTE)
                        for x, v in zip(intents, readings, strict=True)]
        if any(titles_words) and not has_pcs:
            skip = titles_words  # readings for PCS codes only, and the filter has none
        else:
            skip = [False] * len(readings)
        shared = None
        if min_score <= 0:  # every reading at once, over their shared candidate texts (rank_shared.py)
            shared = iter(rank_shared.score_readings(
                self.ranker, [v for v, no in zip(readings, skip, strict=True) if not no], mask,
                heads=named_nothing))
        other_side = self._other_side(words)
        two_objectives = self._two_objectives(intents)
        for v_no, variant in enumerate(readings):
            if skip[v_no]:
                ids, scores = np.zeros(0, np.int64), np.zeros(0, np.float32)
            elif shared is not None:
                ids, scores = next(shared)
            else:
                ids, scores = self.ranker.score(variant, min_score, mask, heads=named_nothing)
            if len(ids) > PRESELECT:  # only the best of each reading can reach the top (cheaper below)
                top = np.argpartition(-scores, PRESELECT - 1)[:PRESELECT]
                ids, scores = ids[top], scores[top]
            if not is_procedure and min_score <= 0 and len(ids):  # "pnuemonia left lower lobe": not C34.32
                site_only = self._sites.factors(self.ranker, ids, variant.words, variant.complete)
                if site_only is not None:
                    scores = scores * site_only
            if is_procedure or diagnosis:  # the other side's codes after the query's own (clinical.py)
                scores = scores * system_factor(d.doc_system[d.text_doc[ids]], is_procedure, diagnosis)
            intent = intents[v_no]
            if intent is not None:  # PCS codes by how their axes agree with what the query names
                docs = d.text_doc[ids]
                pcs = d.doc_system[docs] == 1
                if variant.note.startswith(procedure_readings.NOTE):  # the titles' words: PCS only
                    ids, scores, docs, pcs = ids[pcs], scores[pcs], docs[pcs], pcs[pcs]
                scores = scores.astype(np.float32, copy=True)
                if has_pcs:  # (none to weigh when the filter has no PCS code: procedure_readings.NAMED)
                    scores[pcs] *= procedure_scoring.axis_factors(intent, self._chars[docs[pcs]])
                if other_side and has_pcs:  # "right nephrostomy": the left kidney's code after the right's
                    sides = self.ranker.sides[docs[pcs]]  # other choices
                    scores[pcs] *= np.where((sides & other_side[1] != 0) & (sides & other_side[0] == 0),
                                            OTHER_SIDE_FACTOR, np.float32(1.0))
                if variant.factor in procedure_readings.SECOND_FACTORS and len(scores):
                    j = int(np.argmax(scores))
                    second = (int(docs[j]), float(scores[j]), variant.note)
                elif v_no == 0 and two_objectives and len(scores):
                    j = int(np.argmax(scores))
                    first = (int(docs[j]), float(scores[j]), variant.note)
            all_ids.append(ids)
            all_scores.append(scores)
            notes.append(variant.note)
            all_ids[-1] = ids * 16 + v_no  # remember the variant in the low bits
        if not all_ids:
            return []
        ids = np.concatenate(all_ids)
        scores = np.concatenate(all_scores)
        if len(ids) == 0:
            return []
        scores = self._temper_gems(ids // 16, scores)
        k = min(len(ids), max(limit * 8, 64))
        top = np.argpartition(-scores, k - 1)[:k] if len(ids) > k else np.arange(len(ids))
        texts = ids[top] // 16
        docs = d.text_doc[texts]
        # Best first; ties: the title over a synonym, then the title saying more of the query's words (an
        # Index entry sends to every device of a table's row: "totally implantable vascular access device
        # chest" is 0JH60WZ, not the row's first code), then code order.
        rounded = np.round(scores[top], 4)
        order = np.lexsort((docs, -self._said(docs, rounded, words, limit), d.text_kind[texts], -rounded))
        # The texts best first as plain lists: the loops below read them item by item.
        o_docs: list[int] = docs[order].tolist()
        o_texts: list[int] = texts[order].tolist()
        o_kinds: list[int] = d.text_kind[texts[order]].tolist()
        o_notes = [notes[v] for v in (ids[top[order]] % 16).tolist()]
        o_scores: list[float] = scores[top[order]].tolist()
        results: list[SearchResult] = []
        seen: set[int] = set()
        # An index entry or inclusion term that also led to a code is shown even when the title won.
        entry_of: dict[int, int] = {}
        typed = [not n.startswith(procedure_readings.NOTE) for n in o_notes]
        for gem in (False, True):  # those the words as typed met first (the PCS Index entry the coder
            for o, kind in enumerate(o_kinds):  # knows), an ICD-9-CM title only when no Index entry led there
                if typed[o] and kind != TEXT_TITLE and (kind == TEXT_GEM) == gem:
                    entry_of.setdefault(o_docs[o], o_texts[o])
        for o, doc in enumerate(o_docs):
            if doc in seen:
                continue
            seen.add(doc)
            t = entry_of.get(doc, o_texts[o])
            parts = [o_notes[o]]
            if d.text_kind[t] != TEXT_TITLE:
                parts.insert(0, d.text(t))
            results.append(self._result(doc, o_scores[o], "; ".join(p for p in parts if p)))
            if len(results) >= limit:
                break
        results = self._sided(results, words)
        if second is not None:
            code = d.doc_code[second[0]].decode()
            if code not in [r.code for r in results[:2]]:  # the other procedure named comes second
                results = [r for r in results if r.code != code]
                results.insert(min(1, len(results)), self._result(second[0], second[1], second[2]))
            if first is not None and d.doc_code[first[0]].decode() not in [r.code for r in results[:2]]:
                # the definitive one first even when the other's title matches its words more fully
                # ("cesarean section with BTL": 10D00Z1, then the tubal occlusion)
                results.insert(0, self._result(first[0], first[1], first[2]))
        return results[:limit]

    def _said(self, docs: np.ndarray, rounded: np.ndarray, words: list[str], limit: int) -> np.ndarray:
        """For each candidate whose score ties another's, how many of the query's words its title holds;
        only for scores that can reach the first `limit` results (a candidate per text: twice as many)."""
        said = np.zeros(len(docs), np.int32)
        n = len(rounded)
        # One sort of the (at most a few hundred) scores as Python floats finds the tied scores and the
        # reach-th best, some five times faster than np.unique, np.isin and np.partition on so few values
        # (float32 values are exact as Python floats: the same ties, the same order).
        values: list[float] = rounded.tolist()
        ranked = sorted(values)
        dup = {b for a, b in zip(ranked, ranked[1:], strict=False) if a == b}
        if not dup:
            return said
        least = ranked[n - min(n, 2 * limit)]
        tied = [j for j, v in enumerate(values) if v in dup and v >= least]
        asked = [" " + w for w in dict.fromkeys(words) if len(w) > 2]
        for j in tied:
            title = " " + self.data.text(int(docs[j])).lower()
            said[j] = sum(w in title for w in asked)  # a word said, or a word starting with it
        return said

    def _has_pcs(self, mask: np.ndarray | None) -> bool:
        """True when the search's mask lets some PCS code through."""
        return mask is None or bool(mask[slice(*self._sections[1])].any())

    @staticmethod
    def _other_side(words: list[str]) -> tuple[int, int] | None:
        """The side bit the query names and the bits of the other sides (clinical.side_bits), or None."""
        side = named_side(words)
        if side is None:
            return None
        bit = 1 << SIDES.index(side)
        return bit, sum(1 << i for i in range(len(SIDES))) & ~bit

    def _with_status(self, results: list[SearchResult], words: list[str], mask: np.ndarray | None,
                     min_score: float) -> list[SearchResult]:
        """"ESRD on HD": the status the condition is on (Z99.2) second, after the condition's code."""
        alone = leading_status(words)  # "on coumadin": the status is the answer, first
        tail = alone or status_tail(words)
        if not tail:
            return results
        # Chapter 21 holds the statuses a patient is "on": dependence (Z99.-), long term use (Z79.-);
        # read as a status, not as a procedure.
        z = self._narrowed(mask, within="21")
        status = self._word_hits(["status", *tail], z, 3, min_score)
        if alone:  # a drug the patient is on: its long term use (Z79.-) when that reads better
            use = self._word_hits(["long", "term", "use", *tail], z, 3, min_score)
            if use and (not status or use[0].score > status[0].score):
                status = use
        said = [w for w in tail if len(w) > 1 and w not in NEUTRAL_WORDS]
        if status and not any(w in f"{status[0].title} {status[0].matched}".lower() for w in said):
            return results  # "dialysis on MWF": no status holds the words after "on" (only "status": Z93.0)
        if status and (alone or status[0].code not in [r.code for r in results[:2]]):
            results = [r for r in results if r.code != status[0].code]
            results.insert(0 if alone else 1, status[0])
        return results

    # The other system's best code of an ambiguous abbreviation is offered second when it matches this well.
    OTHER_MEANING_MATCH = 0.3

    def _both_meanings(self, results: list[SearchResult], words: list[str],
                       mask: np.ndarray | None) -> list[SearchResult]:
        """A query that is one abbreviation with meanings in both code sets ("NSVD": the delivery
        10E0XZZ, and the encounter for a full-term uncomplicated delivery O80): the best code of the
        system that does not lead, second, so neither meaning falls off the first lines."""
        if not results or len(self.abbreviations.get(tuple(words), ())) < 2:
            return results
        other = "CM" if results[0].system == "PCS" else "PCS"
        if any(r.system == other for r in results[:3]):
            return results
        hits = self._word_hits(words, self._narrowed(mask, system=other), 1)
        meaning = f"{' '.join(words).upper()} = "  # reached through a meaning, not the word as typed
        if not hits or hits[0].score < self.OTHER_MEANING_MATCH or meaning not in hits[0].matched:
            return results
        return [results[0], hits[0], *[r for r in results[1:] if r.code != hits[0].code]]

    def _plain_course(self, results: list[SearchResult], words: list[str], mask: np.ndarray | None,
                      limit: int, min_score: float) -> list[SearchResult]:
        """"new onset seizure", "symptomatic anemia": the condition's own codes first (clinical.plain_course),
        unless the best title is of the symptomatic kind itself ("Symptomatic neurosyphilis")."""
        plain = plain_course(words)
        if plain is None or (results and course_in_title(words, results[0].title)):
            return results
        return aftermath.led_by(self._word_hits(plain, mask, limit, min_score), results)

    def _aftermath(self, results: list[SearchResult], words: list[str],
                   mask: np.ndarray | None) -> list[SearchResult]:
        """A diagnosis query naming a procedure or device: the acquired absence a past resection left
        first, the condition beside a complication of care second (aftermath.py)."""
        def procedure(w: list[str]) -> list[SearchResult]:  # the past procedure's PCS code, searched once
            key = tuple(w)
            got = self._past.get(key)
            if got is None:  # (whatever the search's own mask: the whole PCS side)
                got = tuple(self._word_hits(w, self._filter("PCS", False, None), 1))
                if len(self._past) >= PAST_PROCEDURES:
                    self._past.clear()
                self._past[key] = got
            return list(got)

        results = aftermath.with_absence(
            results, words, procedure, lambda w: self._word_hits(w, self._absences(mask), 1),
            lambda r, note: replace(r, matched=note))
        results = aftermath.with_joint(
            results, words, procedure, lambda w: self._word_hits(w, self._narrowed(mask, within="Z966"), 1),
            lambda r, note: replace(r, matched=note))
        results = aftermath.with_implant(
            results, words, procedure,
            lambda within, w: self._word_hits(w, self._narrowed(mask, within=within), 1),
            lambda r, note: replace(r, matched=note))
        results = aftermath.with_status(
            results, words, lambda w: self._word_hits(w, self._narrowed(mask, within="Z"), 1), procedure,
            lambda within, w: self._word_hits(w, self._narrowed(mask, within=within), 1))
        results = aftermath.with_history(
            results, words, lambda within, w: self._word_hits(w, self._narrowed(mask, within=within), 1))
        results = aftermath.with_organism(
            results, words, lambda w: self._word_hits(w, self._narrowed(mask, within="R7881"), 1),
            lambda w: self._word_hits(w, self._billable(mask, "B95-B97"), 1))
        results = aftermath.with_event(results, words, lambda w: self._word_hits(w, self._unplaced(mask), 1),
                                       lambda w: self._word_hits(w, self._narrowed(mask, within="Y92"), 1))
        results = aftermath.with_infection(
            results, words, lambda w: self._word_hits(w, self._narrowed(mask, system="CM"), 1),
            lambda w: self._word_hits(w, self._billable(mask, "B95-B97"), 1))
        results = aftermath.with_sepsis(
            results, words, lambda w: self._word_hits(w, self._narrowed(mask, system="CM"), 1),
            lambda w: self._word_hits(w, self._narrowed(mask, within="A419"), 1))
        return aftermath.with_condition(
            results, words, lambda w: self._word_hits(w, self._narrowed(mask, system="CM"), 1))

    def _absences(self, mask: np.ndarray | None) -> np.ndarray | None:
        """Acquired absences (Z90) and the postprocedural endocrine hypofunctions (E89) an absent gland
        is coded to, within the search's own mask."""
        z, e = self._narrowed(mask, within="Z90"), self._narrowed(mask, within="E89")
        return None if z is None or e is None else z | e

    def _unplaced(self, mask: np.ndarray | None) -> np.ndarray | None:
        """ICD-10-CM but the places of occurrence (Y92), within the search's mask."""
        cm, places = self._narrowed(mask, system="CM"), self._filter(None, False, "Y92")
        return cm if cm is None or places is None else cm & ~places

    def _billable(self, mask: np.ndarray | None, within: str) -> np.ndarray | None:
        """The search's own mask narrowed to the billable codes of a code range."""
        m = self._filter(None, True, within)
        return m if mask is None or m is None else m & mask

    def _narrowed(self, mask: np.ndarray | None, *, system: str | None = None,
                  within: str | None = None) -> np.ndarray | None:
        """The search's own mask narrowed to a system or a code range (that filter's mask is kept)."""
        m = self._filter(system, False, within)
        return m if mask is None or m is None else m & mask

    @staticmethod
    def _two_objectives(intents: list[Intent | None]) -> bool:
        """The first two readings name different objectives ("cesarean section with BTL": an extraction of
        the products of conception, an occlusion of the tubes), not one objective with and without the
        diagnostic qualifier ("excisional biopsy of axillary node": the biopsy's code stays first)."""
        a, b = (intents + [None, None])[:2]
        return a is not None and b is not None and (
            best_pattern(a.groups.get("op", {})) != best_pattern(b.groups.get("op", {})))

    @staticmethod
    def _both(first: list[SearchResult], second: list[SearchResult]) -> list[SearchResult]:
        """The best of `first`, then the best of `second`, then the rest of `first`."""
        if not first or not second:
            return first or second
        head = [first[0]] + ([second[0]] if second[0].code != first[0].code else [])
        return head + [r for r in first[1:] if r.code != second[0].code]

    def _sided(self, results: list[SearchResult], words: list[str]) -> list[SearchResult]:
        """A diagnosis code of a family with sides, for the side the query names (laterality.py)."""
        side = named_side(words)
        if side is None:
            return results
        out: list[SearchResult] = []
        for n, r in enumerate(results):
            other = to_side(r.code, r.title, side, self._cm_title) if r.system == "CM" and n < 5 else None
            if other is not None:
                r = self._result(self._reported(other), r.score, r.matched)
            if r.code not in {x.code for x in out}:
                out.append(r)
        return out

    # A side-free reading leads only when it matches clearly better than the query with its side.
    SIDE_MAPPED_SLACK = 0.1
    SIDELESS_MARGIN = 0.15  # a code with no side axis (R60.0) must match that much better to lead
    SIDELESS_CLEAR = 1.5  # ... and this many times better than a code that says the side named

    def _side_free(self, results: list[SearchResult], words: list[str],
                   mask: np.ndarray | None) -> list[SearchResult]:
        """"right ankle fracture", "fx L wrist": the Index entry of the site ("Fracture of ankle NOS",
        S82.899A) reads the words without their side better than titles that happen to hold the side
        ("Stress fracture, right ankle"); its code for the side named (laterality.to_side) leads. A code
        with no side axis leads when the side is only where it was seen ("b/l LE edema": R60.0)."""
        split = without_side(words)
        if split is None or (results and results[0].system != "CM"):
            return results
        side, rest = split
        plain = self._word_hits(rest, mask, 1)
        if not plain or plain[0].system != "CM":
            return results
        best = plain[0]
        # the words without their side may lead to the side named ("cellulitis right foot": L03.115)
        same = side in title_words(best.title)
        code = None if same else to_side(best.code, best.title, side, self._cm_title)
        # The side-free entry's code for the side says the side as well as a title holding it does.
        entry = best.matched.split("; ")[0]  # an Index entry or inclusion term led to it, not a title
        by_entry = bool(entry) and " = " not in entry and not entry.startswith("read as")
        slack = -self.SIDELESS_MARGIN if code is None else self.SIDE_MAPPED_SLACK if by_entry else 0.0
        if results and best.score <= results[0].score - slack:
            return results
        first = results[0] if results else None
        if code is not None:
            best = self._result(self._reported(code), best.score, best.matched)
        elif same:
            pass  # as clearly better as a code with no side axis must be
        elif words_of_side(best.title) or (first is not None and side in title_words(first.title)
                                           and best.score < first.score * self.SIDELESS_CLEAR):
            return results  # its family has sides, none for the one named; or a code for the side leads
            # (unless the words without their side read a code with no side axis far better: "nodule
            # left upper lobe" is R91.1, not "Rheumatoid nodule, left shoulder")
        return [best, *[r for r in results if r.code != best.code]]

    # The whole query keeps the lead when its best match scores at least this share of the first condition's.
    JOINED_KEEP = 0.35
    JOINED_TAIL = 0.6  # the second condition's best match scores at least this to be offered

    def _joined(self, results: list[SearchResult], words: list[str],
                mask: np.ndarray | None) -> list[SearchResult]:
        """"hyperkalemia in CKD": no code reads both (E87.5 and N18.9 are coded apart); the first
        condition's code, then the second's, then the whole query's matches (two_conditions.py)."""
        pair = halves(words)
        if pair is None or (results and results[0].system != "CM"):
            return results
        if pair[2] and results and results[0].score >= self.JOINED_KEEP:
            return results  # scores stop at 1: the whole query keeps the lead (spares two searches)
        head = self._word_hits(pair[0], mask, 1)
        if not head or head[0].system != "CM":
            return results
        if named_side(pair[1]) or without_side(pair[1]) is not None or pair[1][0][:1].isdigit():
            return results  # a site or a time after the connector ("pneumonia in the right upper lobe")
        tail = [r for r in self._word_hits(pair[1], mask, 1)
                if r.system == "CM" and r.score >= self.JOINED_TAIL]
        if not tail:
            return results  # the second names no condition well
        second = [*pair[1], *tail[0].title.split()]
        # Only the second condition's own code leads ("hypokalemia in CKD stage 3": N18.30), or the best
        # match scores well below the first condition's.
        tail_only = bool(results) and results[0].code == tail[0].code and pair[3]
        if results and not tail_only and results[0].score >= head[0].score * self.JOINED_KEEP:
            return results
        if results and reads_both(f"{results[0].title} {results[0].matched}", head[0].title, second):
            return results  # a combination code leads ("SBO d/t adhesions": K56.50)
        if tail_only:  # a code of the first condition's family that says the second too: a combination
            combo = self._word_hits(words, self._narrowed(mask, within=head[0].code[:3]), 1)
            if combo and reads_both(f"{combo[0].title} {combo[0].matched}", head[0].title, second):
                return results  # "diabetes with CKD stage 4": E11.22 with N18.4, not E11.9
        lead = self._both(head, tail)
        return [*lead, *[r for r in results if r.code not in {x.code for x in lead}]]

    def _reported(self, code: str) -> int:
        """The text id of a CM code for its side (laterality.to_side), or of its unspecified child when it
        is a header ("right breast mass": N63.1 is reported as N63.10, unspecified quadrant)."""
        a, b = self._prefix_range(0, code)
        d = self.data
        if d.doc_billable[a]:
            return a
        return next((k for k in range(a + 1, b) if d.doc_billable[k] and d.doc_code[k][-1:] in b"09"
                     and "unspecified" in d.text(k).lower()), a)

    def _cm_title(self, code: str) -> str | None:
        a, b = self._prefix_range(0, code)
        return self.data.text(a) if b > a and self.data.doc_code[a].decode() == code else None

    def _known(self, word: str) -> bool:
        """True when some text holds the word (as typed or stemmed)."""
        vocab = self.data.vocab
        return any((i := bisect_left(vocab, w)) < len(vocab) and vocab[i] == w for w in (word, stem(word)))

    def _temper_gems(self, texts: np.ndarray, scores: np.ndarray) -> np.ndarray:
        """An ICD-9-CM title (GEMs) maps to its PCS codes only roughly ("Lumbar and lumbosacral fusion
        ..., posterior technique" -> sacroiliac joint codes too): it lifts a code at most GEM_LIFT
        times what the code's own title or Index entries score for the query, and a code they do
        not match at all keeps GEM_ALONE of the ICD-9 title's score."""
        d = self.data
        gem = d.text_kind[texts] == TEXT_GEM
        if not gem.any():
            return scores
        docs = d.text_doc[texts]
        own = np.zeros(len(d.doc_code), np.float32)
        np.maximum.at(own, docs[~gem], scores[~gem])
        mine = own[docs[gem]]
        out = scores.astype(np.float32, copy=True)
        out[gem] = np.where(mine > 0, np.minimum(out[gem], mine * GEM_LIFT), out[gem] * GEM_ALONE)
        return out

    def _known_word(self, word: str) -> bool:
        """True when some title, inclusion term or Index entry of the release holds the word."""
        vocab = self.data.vocab
        for w in (word, stem(word)):
            i = bisect_left(vocab, w)
            if i < len(vocab) and vocab[i] == w and self.ranker.df[i] > 0:
                return True
        return False

    def _pcs_word(self, word: str) -> bool:
        """True when some PCS text holds the word (as typed or stemmed)."""
        vocab = self.data.vocab
        for w in (word, stem(word)):
            i = bisect_left(vocab, w)
            if i < len(vocab) and vocab[i] == w and self._pcs_terms[i]:
                return True
        return False

    def _result(self, doc: int, score: float, matched: str) -> SearchResult:
        d = self.data
        return SearchResult(
            code=d.doc_code[doc].decode(),
            title=d.text(doc),
            system=SYSTEMS[d.doc_system[doc]],
            billable=bool(d.doc_billable[doc]),
            kind=KINDS[d.doc_kind[doc]],
            cc_level=CC_LEVELS[d.doc_cc[doc]],
            score=round(score, 4),
            matched=matched,
        )

    def memory_bytes(self) -> int:
        """Approximate memory held by the index arrays (not counting the interpreter)."""
        r = self.ranker
        return (self.data.nbytes() + int(r.df.nbytes) * 2 + int(r.text_factor.nbytes) + int(r.combo_of.nbytes)
                + int(r.text_len_floor.nbytes))


def _default_abbreviations() -> Abbreviations:
    from codesets.paths import config_dir

    return load_abbreviations(config_dir() / "abbreviations.tsv")
