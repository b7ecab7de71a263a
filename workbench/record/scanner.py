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
Search answers are cached per phrase, the words' postings per word, the phrase found around an anchor
per the words around it and a document's mentions per document, in bounded caches kept from record to
record (workbench/record/search_cache.py): a record that repeats itself, a rescan and the next chart of
the queue cost little. The answers of the abbreviations and of the release's own one-word anchors are asked
once per release and read back from its folder (workbench/record/stored_answers.py).
"""

from __future__ import annotations

import dataclasses
import re
import threading
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import Any

import numpy as np

from codesets.search.index import TEXT_NOTE
from codesets.search.text import QUERY_STOPWORDS, stem
from workbench.record import search_cache, sides_cache, stored_answers
from workbench.record.lexicon import AND_RE, clear_essential_cache, essential
from workbench.record.postings import WordPostings, intersect
from workbench.record.search_cache import Lru
from workbench.record.sections import NOT_DIAGNOSED
from workbench.record.text import Context, Sentence, clear_sentence_cache, context, sentences
from workbench.record.units import (
    as_written,
    asides,
    is_findings_line,
    is_procedure_line,
    sentence_units,
    written_as_abbreviation,
)

# A strong concept match: SearchIndex scores are coverage^2 * (0.55 + 0.45 * precision) * kind factors,
# so this asks for (nearly) every word of the phrase matched and most of the title's words named.
ACCEPT_SCORE = 0.80
# A word that sits in more texts than this is a qualifier ("left", "injury"), not an anchor.
ANCHOR_MAX_POSTINGS = 2500
# A title "X and Y" of which the phrase says one side exactly (see Scanner.names_one_side).
AND_SIDE_SCORE = 0.55
MAX_PHRASE_TOKENS = 10
MAX_TRIES_PER_ANCHOR = 6
# Words inside a phrase that join its parts and are not looked up themselves.
JOINERS = frozenset(QUERY_STOPWORDS | {"with", "due", "without", "w", "secondary"}) - {"and", "or"}
# Abbreviations that after "to", "on" or "at" name a setting, not a diagnosis ("weaned to RA": room air).
_SETTINGS = frozenset({"ra"})
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_SIDE_LETTERS = {"l": "left", "r": "right"}
_STAGED = frozenset({"ckd", "stage", "grade", "class", "type"})
_LITRES = frozenset("nc nasal o2 oxygen of bolus ns lr fluid fluids ivf iv per removed drained out off net "
                    "neg negative positive hfnc via and or over with".split())
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
# Laterality words (ICD-10-CM I.B.13): part of a code where the classification splits by side.
SIDES = frozenset({"left", "right", "bilateral", "lt", "rt"})
_SIDE_NAMES = {"lt": "left", "rt": "right"}
# Sections whose lists are not diagnoses of this stay (a drug list, allergies, review of systems).
# The history of present illness and the examination tell the story before the diagnosis: symptoms,
# findings and conditions the provider names again where it counts (assessment, course, diagnoses).
SKIP_SECTIONS = NOT_DIAGNOSED
# Sign and symptom codes (ICD-10-CM chapter 18, R00-R99) count only where the provider lists a
# diagnosis: Official Guidelines Section I.B.5, signs routinely associated with a disease are not coded.
DIAGNOSIS_SECTIONS = frozenset({"final", "assessment"})
# Codes outside chapter 18 that the Index gives for a finding of the examination ("Erythema NOS" L53.9,
# "Effusion, joint" M25.4-): read as signs are ("blanching erythema only; no pressure ulcer" is no L53.9).
_FINDINGS = ("L539", "M254")
# Where a "# AKI - Cr 1.8 -> 0.9" line is a problem item: the diagnoses, the assessment and the hospital
# course told by problem.
_PROBLEM_SECTIONS = DIAGNOSIS_SECTIONS | {"course"}


# The doubt that may open a problem item before an abbreviation ("Likely GERD", "c/f PNA").
_DOUBT_OPENERS = frozenset({"likely", "probable", "probably", "presumed", "suspected", "possible", "c/f",
                            "questionable"})
# An adjective's endings ("coronary", "cerebral", "mesenteric", "tuberculous", "senile", "deformans").
_ADJECTIVE = re.compile(r"(?:ary|al|ic|ous|ile|ans|ens)$")
# Vital-sign abbreviations: followed by a number they are a measurement, never a diagnosis.
_VITAL_SIGNS = frozenset({"hr", "rr", "bp", "sbp", "dbp", "map", "spo2", "sat", "sats", "temp"})


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
        self._text_len = data.text_len
        self._abbrev = index.abbreviations
        self._postings = WordPostings(data, self._abbrev)
        # Built once per index, the scanner's one-off cost; read back from the release's folder after the
        # first time (sides_cache.py).
        self._sides = sides_cache.second_sides(data)
        # The index's answers for the abbreviation table's keys and the release's own anchor words, asked
        # once per release and table and read back from the release's folder (stored_answers.py); never
        # cleared: no record is in them.
        self._stored = stored_answers.answers(index, self._ask, _ASKED, self._stored_anchor)
        self._postings.clear()  # (the words' postings the list above read: a scan starts without them)
        # Bounded caches kept between records (search_cache.py): the index's answer per (phrase,
        # system), a set of words' bound, a document's mentions (and each word's postings, above).
        self._results: Lru[tuple[str, str], list[Any]] = Lru(search_cache.PHRASES)
        self._bounds: Lru[tuple[str, ...], bool] = Lru(search_cache.BOUNDS)
        self._saids: Lru[tuple[str, ...], frozenset[str]] = Lru(search_cache.BOUNDS)
        self._documents: Lru[tuple[str, str, frozenset[str]], tuple[int, list[Mention]]] = Lru(
            search_cache.DOCUMENTS)
        # A document's diagnoses in one kind of section the scan leaves out (section_diagnoses): the HPI
        # that treated_history.py reads back is not read again on a rescan.
        self._sections: Lru[tuple[str, str], tuple[int, list[Mention]]] = Lru(search_cache.DOCUMENTS)
        # The phrase found around an anchor, by the words around it (Scanner._first_strong).
        self._anchors: Lru[tuple[Any, ...], tuple[tuple[int, int], Any] | None] = Lru(search_cache.ANCHORS)
        self._note_words: frozenset[str] | None = None  # _fragments()

    @classmethod
    def for_index(cls, index: Any) -> Scanner:
        with cls._lock:
            s = cls._by_index.get(id(index))
            if s is None or s.index is not index:
                s = cls._by_index[id(index)] = cls(index)
            return s

    def clear_cache(self) -> None:
        """Forget the words, phrases and documents read so far (the lists read off the index stay): the
        next scan starts as cold as the first scan in a fresh process."""
        clear_sentence_cache()
        clear_essential_cache()
        for cache in (self._results, self._postings, self._bounds, self._documents, self._saids,
                      self._anchors, self._sections):
            cache.clear()
        clear = getattr(self.index, "clear_cache", None)  # the index's filter masks and word memos
        if clear is not None:
            clear()

    # -- the index's postings ------------------------------------------------------------------

    def postings(self, word: str) -> np.ndarray | None:
        """Texts holding the word (as stemmed in the index), or its abbreviation's expansions."""
        return self._postings.get(word)

    def search(self, phrase: str, system: str, populations: frozenset[str] = frozenset()) -> Any:
        """The best billable code for the phrase; pregnancy (O) and perinatal (P) codes only for the
        populations named (Official Guidelines I.C.15.a maternal record, I.C.16.a newborn record)."""
        res = self._answers(phrase, system)
        return next((r for r in res if r.code[0] not in _SPECIAL_POPULATION or r.code[0] in populations),
                    None)

    def candidates(self, phrase: str, system: str, populations: frozenset[str] = frozenset()) -> list[Any]:
        """The phrase's strong billable answers, best first, for the populations named (see search)."""
        res = self._answers(phrase, system)
        out = [r for r in res if r.code[0] not in _SPECIAL_POPULATION or r.code[0] in populations]
        # I.C.16.a: on a newborn's record a sign read as a chapter-18 code takes the Index's "newborn" subterm
        # where it has one ("Jaundice, newborn P59.9": R17 excludes neonatal jaundice).
        if "P" in populations and system == "CM" and out and out[0].code.startswith("R"):
            newborn = [r for r in self._answers("neonatal " + phrase, system)
                       if r.code[0] == "P" and r.score >= ACCEPT_SCORE]
            if newborn:
                return newborn[:1] + out
        return out

    def _answers(self, phrase: str, system: str) -> list[Any]:
        """The index's strong billable answers for the phrase, whatever the patient (cached)."""
        key = (phrase, system)
        res: list[Any] | None = self._results.get(key)
        if res is None:
            res = self._stored.get(phrase, system)  # read, not searched
            if res is None:
                res = self._ask(phrase, system)
            self._results.put(key, res)
        return res

    def _stored_anchor(self, word: str) -> bool:
        """A word of the release's texts the scan could search alone (an anchor's shape and postings)."""
        if word in GENERIC or word in JOINERS or word in BREAKS or not _anchor_shape(word, self._abbrev):
            return False
        p = self._postings.get(word)
        return p is not None and 0 < len(p) <= ANCHOR_MAX_POSTINGS

    def _ask(self, phrase: str, system: str) -> list[Any]:
        """The index's answers as the scanner asks (_ASKED says how: a change there must change it)."""
        # Only a strong match is used (ACCEPT_SCORE, or AND_SIDE_SCORE for one side of "X and Y"):
        # the index scores only the texts that can reach that.
        return list(self.index.search(phrase, system=system, billable_only=True, limit=4,
                                      min_score=AND_SIDE_SCORE))

    def _could_match(self, words: list[str], posts: list[Any], fa: int, fb: int) -> bool:
        """A cheap bound before asking the index: some text holds every looked-up word of the phrase
        and those words are enough of it to reach ACCEPT_SCORE (the index's score is at most
        0.55 + 0.45 * the share of the text's weighted words the phrase matches). Kept per set of
        words: records say the same phrases again."""
        key = tuple(words[i] for i in range(fa, fb + 1) if posts[i] is not None)
        hit: bool | None = self._bounds.get(key)
        if hit is None:
            hit = self._bound(words, posts, fa, fb)
            self._bounds.put(key, hit)
        return hit

    def _bound(self, words: list[str], posts: list[Any], fa: int, fb: int) -> bool:
        held = [(words[i], p) for i in range(fa, fb + 1) if (p := posts[i]) is not None]
        if not held or any(not len(p) for _, p in held):  # a word no text holds: nothing can match
            return False
        if len(held) == 1:
            cur = held[0][1]
            got = self._postings.weights_at(held[0][0], np.arange(len(cur)))
        else:
            # The texts holding every word, narrowed from the shortest list (the same texts in any order).
            cur = None
            for _, p in sorted(held, key=lambda wp: len(wp[1])):
                cur = p if cur is None else intersect(cur, p)
                if not len(cur):
                    return False
            assert cur is not None
            got = None
            for w, p in held:  # their weights added in the phrase's order (the same float32 sums)
                wt = self._postings.weights_at(w, p.searchsorted(cur))
                got = wt if got is None else got + wt
            assert got is not None
        share = np.minimum(1.0, got / np.maximum(self._text_len[cur], 0.5))
        return 0.55 + 0.45 * float(share.max()) >= ACCEPT_SCORE - 0.02

    def covers(self, words: list[str], top: Any) -> bool:
        """Whether the phrase names the concept, not just its site: every essential word of the text
        that matched (the title, or the inclusion term / index entry) is said by the phrase, the
        abbreviations read both ways; words in parentheses, neutral words and a 7th-character
        extension are not essential. "X and Y" titles need one side said."""
        said = self._said(tuple(words))
        if _says(said, top.title):
            return True
        first = top.matched.split("; ")[0] if top.matched else ""
        if not first or " = " in first or not _says(said, first.split(" > ")[-1]):
            return False
        # A one-word item of an Excludes list that is an adjective ("coronary (I25.89)", "cerebral
        # (I67.6)", "senile (I70.90)") qualifies the note's heading ("chronic coronary insufficiency:"),
        # it names no condition: "otherwise patent coronaries" on a cath report is no I25.89. (A noun
        # item, "autism (F84.0)", is the condition itself.)
        if first.lower() in self._fragments():
            return False
        # The matched entry is said, but the title names a cause or setting the phrase does not say
        # ("Polyneuropathy" matched to "Other neurologic disorders in Lyme disease"): not this concept.
        cause = _CAUSE_RE.search(_PAREN_OUT_RE.sub(" ", top.title))
        return not (cause and (words_ := essential(cause.group(1))) and not any(t in said for t in words_))

    def _fragments(self) -> frozenset[str]:
        """The one-word adjectives of the index read off a note's list (cm_sources.note_references keeps
        one-word items only for Excludes notes), lower-cased; built once per scanner."""
        if self._note_words is None:
            data = self.index.data
            texts = np.nonzero(data.text_kind == TEXT_NOTE)[0].tolist()
            self._note_words = frozenset(w for w in (data.text(t).strip().lower() for t in texts)
                                         if w and " " not in w and _ADJECTIVE.search(w))
        return self._note_words

    def _said(self, words: tuple[str, ...]) -> frozenset[str]:
        """The words of a phrase as `covers` reads them: each as written and stemmed, and the stems of
        their abbreviations' expansions (kept per phrase: a phrase's answers are read one by one)."""
        hit: frozenset[str] | None = self._saids.get(words)
        if hit is not None:
            return hit
        said: set[str] = set()
        for w in words:
            said.add(stem(w))
            said.add(w)
            said.update(stem(x) for x in w.split())
            for e in self._abbrev.get(tuple(w.split()), ()):
                said.update(stem(x) for x in e.split())
        for e in self._abbrev.get(tuple(" ".join(words).split()), ()):  # a key split by a parenthesis
            said.update(stem(x) for x in e.split())
        hit = frozenset(said)
        self._saids.put(words, hit)
        return hit

    def _second_side(self, word: str) -> bool:
        """Some billable title is "X and <word>" (workbench/scan_lexicon.py reads them off the index
        once): a side at most three times the word's length, the word not an abbreviation."""
        if " " in word or self._postings.get(word) is None:
            return False
        if len(word) >= 2 and self._abbrev.get((word,)):
            return False  # read through its expansions, never as one side of a title
        n = self._sides.get(stem(word))
        return n is not None and n < 3 * len(word)

    def names_one_side(self, words: list[str], top: Any) -> bool:
        """The phrase says exactly one side of an "X and Y" title, no more, no less ("hyponatremia" for
        "Hypo-osmolality and hyponatremia"): the title's second concept costs it the score, not the
        match (Alphabetic Index: Hyponatremia E87.1)."""
        if " and " not in top.title.lower():
            return False
        said = {stem(w) for w in words if w not in JOINERS}
        sides = [set(essential(part)) for part in AND_RE.split(top.title)]
        return any(side == said for side in sides if side)

    # -- scanning -------------------------------------------------------------------------------

    def scan(self, documents: Sequence[Any], populations: frozenset[str] = frozenset()) -> list[Mention]:
        """Mentions of every document, in document and text order (each phrase once). `populations`:
        "O" (a pregnancy record) and/or "P" (a newborn record) allow those chapters' codes."""
        out: list[Mention] = []
        seen: dict[tuple[str, str, str], tuple[Sentence, list[Mention]]] = {}
        for d, doc in enumerate(documents):
            # A document's mentions depend on its text, type and the populations only (`scan_text`): a
            # document read before (a rescan, a note copied forward) is not read again.
            doc_type = getattr(doc, "type", "")
            key = (doc.text, doc_type, populations)
            hit: tuple[int, list[Mention]] | None = self._documents.get(key)
            if hit is None:
                found = self.scan_text(doc.text, d, doc_type, populations, seen)
                self._documents.put(key, (d, found))
            else:
                found = hit[1] if hit[0] == d else _renumbered(hit[1], d)
            out.extend(found)
        return out

    def scan_text(self, text: str, document: int = 0, doc_type: str = "",
                  populations: frozenset[str] = frozenset(),
                  seen: dict[tuple[str, str, str], tuple[Sentence, list[Mention]]] | None = None,
                  ) -> list[Mention]:
        """Mentions of one document. `seen` holds the sentences already scanned in this record: a
        sentence said again in the same kind of section (records copy a lot forward) is read once."""
        out: list[Mention] = []
        seen = {} if seen is None else seen
        for s in sentences(text, document):
            if s.section_kind in SKIP_SECTIONS or is_findings_line(s):
                continue
            system = "PCS" if s.section_kind == "procedure" or is_procedure_line(s) else "CM"
            key = (s.text, s.section_kind, system)
            hit = seen.get(key)
            if hit is None:
                found = self._scan_sentence(s, system, text, populations)
                seen[key] = (s, found)
                out.extend(found)
                continue
            # The mentions depend on the sentence's words and section only: moved to this copy.
            shift = s.start - hit[0].start
            out.extend(dataclasses.replace(m, document=s.document, sentence=s, start=m.start + shift,
                                           end=m.end + shift) for m in hit[1])
        return out

    def scan_procedures(self, s: Sentence, text: str) -> list[Mention]:
        """The procedures one sentence of `text` states, read as a procedure section's sentence is (a
        discharge summary's "underwent EGD with clipping ..."; course_procedures.py picks the sentences)."""
        return self._scan_sentence(s, "PCS", text)

    def scan_diagnoses(self, s: Sentence, text: str) -> list[Mention]:
        """The diagnoses one sentence of `text` names, read even in a section the scan leaves out (the
        history of present illness: treated_history.py keeps only chronic conditions treated now)."""
        return self._scan_sentence(s, "CM", text)

    def section_diagnoses(self, text: str, document: int, kind: str) -> list[Mention]:
        """The diagnoses each sentence of the document's sections of `kind` names (`scan_diagnoses`), in
        text order; kept per document text, as `scan` keeps a document's mentions (a rescan reads none
        of those sentences again)."""
        key = (text, kind)
        hit: tuple[int, list[Mention]] | None = self._sections.get(key)
        if hit is not None:
            return hit[1] if hit[0] == document else _renumbered(hit[1], document)
        found = [m for s in sentences(text, document) if s.section_kind == kind
                 for m in self._scan_sentence(s, "CM", text)]
        self._sections.put(key, (document, found))
        return found

    def _scan_sentence(self, s: Sentence, system: str, text: str,
                       populations: frozenset[str] = frozenset()) -> list[Mention]:
        units = sentence_units(s, self._abbrev)
        words = [u[0] for u in units]
        n = len(words)
        # "Pressure injury stage 2 L heel": a capital L or R before a word is the side, unless the words
        # around say litres ("2 L NC", "3 L of fluid", "net negative 4 L").
        for i, w in enumerate(words[:-1]):
            if w in _SIDE_LETTERS and as_written(s, units[i]).isupper() and words[i + 1] not in _LITRES:
                words[i] = _SIDE_LETTERS[w]
        groups = asides(s, units)
        aside = frozenset(groups)
        breaks = frozenset(i for i, u in enumerate(units) if u[1] in s.clause_breaks
                           and i not in aside and i - 1 not in aside)
        posts = [None if w in JOINERS or w in BREAKS else self.postings(w) for w in words]
        outside = [None if i in aside else p for i, p in enumerate(posts)]
        covered = [False] * n
        # A stage or class ("CKD 3a", "stage 2", "NYHA class III") is not a measurement.
        # (an abbreviation with a digit, "T2DM", "DM2", is a diagnosis, not a number)
        numeric = [_has_digit(w) is not None and not (i > 0 and words[i - 1] in _STAGED)
                   and (w,) not in self._abbrev for i, w in enumerate(words)]
        digits = sum(numeric)
        out: list[Mention] = []
        for k in range(n):
            p = posts[k]
            if covered[k] or p is None or words[k] in GENERIC or not _anchor_shape(words[k], self._abbrev):
                continue
            is_abbrev = tuple(words[k].split()) in self._abbrev
            short = is_abbrev and len(words[k]) <= 3
            if len(p) > ANCHOR_MAX_POSTINGS and not is_abbrev:
                continue
            # "HR 80, RA": vital signs, not diagnoses; but the head of a problem-list line ("# AKI - Cr 2.6
            # -> 1.1") is the problem its numbers are about.
            # ("2. AKI - Cr 2.6 on admission": a numbered item's head, its dash opening the details)
            # (the word itself does not count: "DM2 on insulin" is no sentence of numbers)
            if len(words[k]) <= 3 and (digits - numeric[k]) * 3 >= n and not (
                    k == 0 and s.section_kind in _PROBLEM_SECTIONS and (
                        s.text.lstrip().startswith("#") or _dash_next(s, units, k))):
                continue
            # "HR 38 on metoprolol", "RR 28": a vital sign and its value, in any sentence (HR is also the
            # hormone receptor status, Z17.-).
            if words[k] in _VITAL_SIGNS and k + 1 < n and numeric[k + 1]:
                continue
            if k in aside:  # inside a parenthesis: a phrase of its own ("(Escherichia coli)"), never
                if short or written_as_abbreviation(s, units[k]):  # a restated one ("pneumonia (PCP)")
                    continue
                g = groups[k]
                inner = [p if groups.get(i) == g else None for i, p in enumerate(posts)]
                a, b = self._grow(words, inner, breaks, frozenset(), k)
                found = self._first_strong(words, inner, frozenset(), a, b, k, system, populations)
            else:
                a, b = self._grow(words, outside, breaks, aside, k)
                # The anchor alone, an abbreviation not stated as a diagnosis here, is left out below
                # whatever the index answers: that last, one-word phrase is not searched.
                alone = (short or written_as_abbreviation(s, units[k])) \
                    and not self._stated_abbreviation(s, units, breaks, k)
                found = self._first_strong(words, outside, aside, a, b, k, system, populations, alone)
            if found is None:
                continue
            (fa, fb), top = found
            for i in range(fa, fb + 1):
                covered[i] = True
            if (top.code.startswith("R") or top.code.startswith(_FINDINGS)) and system == "CM" \
                    and s.section_kind not in DIAGNOSIS_SECTIONS:
                continue
            if fa == fb and (short or written_as_abbreviation(s, units[fa])) \
                    and not self._stated_abbreviation(s, units, breaks, fa):
                continue
            ta, tb = units[fa][1], units[fb][2]
            start, end = s.tokens[ta].start, s.tokens[tb].end
            out.append(Mention(
                code=top.code, title=top.title, system=top.system, cc_level=top.cc_level,
                score=top.score, document=s.document, sentence=s, start=start, end=end,
                phrase=text[start:end], context=context(s, ta, tb), matched=top.matched,
            ))
        # Official Guidelines Section I.B.5: a sign or symptom stated with the diagnosis it belongs
        # to is not coded ("Neutropenic fever", "Sickle cell crisis with pain").
        # A stroke's neurologic deficits are coded beside it (I.C.9: "acute L MCA stroke, ... expressive
        # aphasia at discharge" R47.01), not integral to it.
        if any(not m.code.startswith("R") for m in out):
            stroke = any(m.code.startswith(_STROKE_CODES) for m in out)
            out = [m for m in out if not m.code.startswith("R") or m.sentence.section_kind == "final"
                   and len(out) == 1 or stroke and m.code.startswith(_STROKE_DEFICITS)]
        return out

    def _stated_abbreviation(self, s: Sentence, units: list[tuple[str, int, int]], breaks: frozenset[int],
                             i: int) -> bool:
        """A short abbreviation alone ("RA", "PE", "HF") names a diagnosis only where one is listed: in a
        diagnosis or assessment section, or written in capitals at the start of a sentence or clause
        ("HTN - uncontrolled"). In the middle of narrative it is too often something else ("weaned to
        RA" is room air)."""
        raw = as_written(s, units[i])
        # Capitals, or capitals after a lower-case prefix ("pAF", "hypoNa"): written as shorthand.
        if not (raw.isupper() or raw[:1].islower() and raw[1:].lstrip(_LOWER).isupper()):
            return False
        if i > 0 and units[i][0] in _SETTINGS and units[i - 1][0] in ("to", "on", "at"):
            return False  # "weaned to RA", "on RA": room air
        # (a past medical history is a list of diagnoses too: "PMH: HTN, HLD, GERD")
        if s.section_kind in DIAGNOSIS_SECTIONS or s.section_kind == "history" or i == 0 or i in breaks:
            return True
        # "# Likely GERD - omeprazole", "Probable UTI": the item opens with its doubt, then the diagnosis
        # (the doubt is the context's to weigh: II.H at discharge, a query elsewhere)
        return units[i - 1][0] in _DOUBT_OPENERS and (i == 1 or i - 1 in breaks)

    def _grow(self, words: list[str], posts: list[Any], breaks: frozenset[int], aside: frozenset[int],
              k: int) -> tuple[int, int]:
        """The widest phrase around token k whose looked-up words some one text holds together."""
        cur = posts[k]
        a = b = k
        for step in (1, -1):
            j = k
            while True:
                nxt = j + step
                if nxt < 0 or nxt >= len(words):
                    break
                if b - a + 1 - sum(a <= i <= b for i in aside) >= MAX_PHRASE_TOKENS:  # asides do not count
                    break
                if (step == 1 and nxt in breaks) or (step == -1 and j in breaks):
                    break
                w = words[nxt]
                if w in BREAKS and nxt not in aside:
                    break
                if nxt in aside or w in JOINERS:
                    j = nxt
                    continue
                p = posts[nxt]
                if p is None:
                    break
                both = intersect(cur, p)
                if not len(both):
                    if w in SIDES:
                        # a side no title of these words names ("calculus of left ureter": N20.1 has no
                        # side) does not end the phrase: _first_strong_at searches it without the side
                        j = nxt
                        continue
                    break
                cur = both
                j = nxt
                if step == 1:
                    b = j
                else:
                    a = j
        return a, b

    def _first_strong(self, words: list[str], posts: list[Any], aside: frozenset[int], a: int, b: int,
                      k: int, system: str, populations: frozenset[str],
                      not_alone: bool = False) -> tuple[tuple[int, int], Any] | None:
        """The first strong phrase around anchor k inside [a, b] (kept per phrase around the anchor: what
        is found depends on the words of [a, b], which of them are set aside or not looked up, where the
        anchor is, the system and the populations only; records say the same phrases again)."""
        # (the set-aside and not-looked-up places as bits of one number each: a small key, many kept)
        key = (tuple(words[a : b + 1]), sum(1 << (i - a) for i in aside if a <= i <= b),
               sum(1 << (i - a) for i in range(a, b + 1) if posts[i] is None), k - a, system, populations,
               not_alone)
        hit = self._anchors.get(key, _NONE)
        if hit is _NONE:
            found = self._first_strong_at(words, posts, aside, a, b, k, system, populations, not_alone)
            self._anchors.put(key, None if found is None else ((found[0][0] - a, found[0][1] - a), found[1]))
            return found
        return None if hit is None else ((hit[0][0] + a, hit[0][1] + a), hit[1])

    def _first_strong_at(self, words: list[str], posts: list[Any], aside: frozenset[int], a: int, b: int,
                         k: int, system: str, populations: frozenset[str], not_alone: bool = False,
                         ) -> tuple[tuple[int, int], Any] | None:
        found = self._first_strong_of(words, posts, aside, a, b, k, system, populations, not_alone)
        if found is not None or words[k] in SIDES:
            return found
        # A side the classification does not split ("calculus of left ureter": N20.1 has no side) costs
        # the phrase its score: searched again without it; the side is read back from the sentence
        # where a title has it (specific.py).
        sides = frozenset(i for i in range(a, b + 1) if words[i] in SIDES)
        if not sides:
            return None
        # (the bound before the index leaves the side's word out too: no title holds it with the others)
        unsided = [None if i in sides else p for i, p in enumerate(posts)]
        found = self._first_strong_of(words, unsided, aside | sides, a, b, k, system, populations, not_alone)
        if found is not None:
            # a title that names a side must name the one said ("acute left femoral DVT" is not the right
            # femoral vein's I82.411)
            said = {_SIDE_NAMES.get(words[i], words[i]) for i in sides}
            named = {w for w in ("left", "right", "bilateral") if w in found[1].title.lower().split()}
            if named and not named <= said:
                return None
        return found

    def _first_strong_of(self, words: list[str], posts: list[Any], aside: frozenset[int], a: int, b: int,
                         k: int, system: str, populations: frozenset[str], not_alone: bool = False,
                         ) -> tuple[tuple[int, int], Any] | None:
        """`not_alone`: the anchor alone (the last window) would be left out by the caller: not searched."""
        tries = 0
        for fa, fb in _windows(words, aside, a, b, k):
            if tries >= MAX_TRIES_PER_ANCHOR or not_alone and fa == fb:
                break
            # A word some title names as the second side of "X and Y" is searched anyway: the bound
            # does not see that one side is enough (Scanner.names_one_side).
            # "BPH w LUTS": the shorthand "w" between two words is "with" (the search reads "w/" so).
            said = ["with" if w == "w" else w for i, w in enumerate(words[fa : fb + 1], fa) if i not in aside]
            # A key of the abbreviation table split by a parenthesis ("morbid (severe) obesity") is
            # searched as such: the bound reads its words, not its expansion.
            key = tuple(" ".join(said).split())
            if not self._could_match(words, posts, fa, fb) and key not in self._abbrev and not (
                    fa == fb and self._second_side(words[fa])):
                continue
            tries += 1
            for top in self.candidates(" ".join(said), system, populations):
                if (top.score >= ACCEPT_SCORE or top.score >= AND_SIDE_SCORE
                        and self.names_one_side(said, top)) and self.covers(
                            said + ["neonatal", "newborn"] if top.code[0] == "P" else said, top):
                    return (fa, fb), top
        return None


_STROKE_CODES = ("I60", "I61", "I62", "I63")
_STROKE_DEFICITS = ("R47", "R13", "R297", "R48")


def _dash_next(s: Sentence, units: list[tuple[str, int, int]], k: int) -> bool:
    """The word k is followed by a dash (" - "): the head of a problem item."""
    if k + 1 >= len(units):
        return False
    gap = s.text[s.tokens[units[k][2]].end - s.start: s.tokens[units[k + 1][1]].start - s.start]
    return " - " in gap


def _renumbered(mentions: list[Mention], document: int) -> list[Mention]:
    """Mentions of a document read as another document of the record: the same places, that number."""
    moved: dict[int, Sentence] = {}
    out = []
    for m in mentions:
        s = moved.get(id(m.sentence))
        if s is None:
            s = moved[id(m.sentence)] = dataclasses.replace(m.sentence, document=document)
        out.append(dataclasses.replace(m, document=document, sentence=s))
    return out


def _windows(words: list[str], aside: frozenset[int], a: int, b: int, k: int) -> list[tuple[int, int]]:
    """Phrases inside [a, b] holding token k that start and end on a looked-up word, longest first."""
    starts = [i for i in range(a, k + 1) if words[i] not in JOINERS and i not in aside]
    ends = [j for j in range(k, b + 1) if words[j] not in JOINERS and j not in aside]
    spans = [(i, j) for i in starts for j in ends]
    spans.sort(key=lambda ij: (-(ij[1] - ij[0]), ij[0]))
    return spans


_CAUSE_RE = re.compile(r"\b(?:in|due to)\s+(.+)$", re.IGNORECASE)
_PAREN_OUT_RE = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def _says(said: AbstractSet[str], text: str) -> bool:
    """Every essential word of one side of `text` ("X and Y": either side) is in `said`."""
    sides = [essential(part) for part in AND_RE.split(text)]
    return any(side and all(t in said for t in side) for side in sides)


# How Scanner._ask asks the index: the stored answers of the abbreviations (stored_answers.py) are
# read back only when asked the same way.
_ASKED = f"billable limit=4 min_score={AND_SIDE_SCORE}"

# Pregnancy (O) and perinatal (P) chapters are for those populations only; the encounter says which.
_SPECIAL_POPULATION = ("O", "P")


# A digit in a word of the record (tokens are ASCII: text.py's word pattern), as `str.isdigit` finds it.
_has_digit = re.compile(r"[0-9]").search
_NONE: Any = object()


def _anchor_shape(word: str, abbrev: Any) -> bool:
    """A word that can name a concept: no digits ("M2", "L1", "T4" are sites and levels) unless it is
    a known abbreviation ("DM2")."""
    if _has_digit(word) is not None:
        return tuple(word.split()) in abbrev
    return True


def scan(documents: Sequence[Any], index: Any) -> list[Mention]:
    """Mentions in `documents` (objects with `.text` and `.type`) found with `index`."""
    return Scanner.for_index(index).scan(documents)
