"""A diagnosis query's site words alone do not make a match.

    sites = SiteTerms(data)
    factors = sites.factors(ranker, ids, words, complete)   # 1.0, or SITE_ONLY_FACTOR

"pneumonia left lower lobe" names a condition and where it is. Three of its four words are the site,
and the site is rare in the titles, so "Malignant neoplasm of lower lobe, left bronchus or lung" (and
every PCS code of the left lower lobe bronchus) outscored "Pneumonia, unspecified organism" on
coverage alone. A text that meets only the site words of a query that also names something else
(the condition, typed right or wrong) is about another condition at that site: it keeps
SITE_ONLY_FACTOR of its score. A query of site words only ("left lower lobe") is left as it is, and so
is one with a procedure word ("s/p left mastectomy", "R 2nd toe amp"): the codes of a procedure at a
site need not say its name. Only the search box's ranking: the record scanner (min_score) is unchanged.

The site words are those of the release's own ICD-10-PCS body parts (the words of a Medical and
Surgical title between its root operation and its device or approach), so they follow the release.
"""

from __future__ import annotations

import re
import threading
from bisect import bisect_left
from collections.abc import Iterable, Sequence

import numpy as np

from codesets.search.index import IndexData
from codesets.search.rank import Ranker
from codesets.search.text import NEGATION, NEUTRAL_WORDS, QUERY_STOPWORDS, stem

SITE_ONLY_FACTOR = np.float32(0.25)
# Words of the body-part part of a PCS title that name no place ("Revision of Infusion Device in ..."
# is parsed to the place after "in", but a few titles put a device or an agent there).
_NOT_PLACES = frozenset("device infusion pacemaker element radioactive mechanism conduction blood "
                        "membrane more multiple supporting structure hard soft great little".split())
_DEVICE_OR_APPROACH = re.compile(r" (?:using|with) ")
_WHERE = re.compile(r" (?:from|into|in|on) ")


def _place_words(title: str) -> list[str]:
    """The body-part words of a Medical and Surgical title ("Drainage of Left Lower Femur with Drainage
    Device, Percutaneous Approach" -> left, lower, femur)."""
    head = _DEVICE_OR_APPROACH.split(title.split(", ", 1)[0], maxsplit=1)[0]
    site = head.split(" of ", 1)[1] if " of " in head else (head.split(" ", 1) + [""])[1]
    site = _WHERE.split(site)[-1].replace(" to ", " ")  # "Bypass Left Ureter to Colon": both places
    return [w for w in re.split(r"[^a-z]+", site.lower()) if len(w) >= 3]


class SiteTerms:
    """Which terms of one index name a body site, and which a procedure (built on first use)."""

    def __init__(self, data: IndexData, objectives: Iterable[str] = ()) -> None:
        self.data = data
        self._objectives = tuple(objectives)  # PCS Index main terms ("mastectomy", "amputation")
        self._site: np.ndarray | None = None
        self._procedure: np.ndarray | None = None
        self._lock = threading.Lock()

    def is_site(self) -> np.ndarray:
        """A boolean per vocabulary term: the term is a body-site word."""
        if self._site is None:
            d = self.data
            site = np.zeros(len(d.vocab), bool)
            pcs = np.asarray(d.doc_code[d.n_cm_codes : d.n_cm_codes + d.n_pcs], dtype="S4")
            _, first = np.unique(pcs, return_index=True)  # one title per table and body part says its place
            for doc in (first + d.n_cm_codes).tolist():
                if not d.doc_code[doc].startswith(b"0"):  # Medical and Surgical: body parts
                    continue
                for w in _place_words(d.text(doc)):
                    if w in _NOT_PLACES or w in QUERY_STOPWORDS:
                        continue
                    for form in {w, stem(w)}:
                        k = bisect_left(d.vocab, form)
                        if k < len(d.vocab) and d.vocab[k] == form:
                            site[k] = True
            with self._lock:
                self._site = site
        return self._site

    def is_procedure(self) -> np.ndarray:
        """A boolean per vocabulary term: a root operation of the PCS titles, a PCS Index main term or a
        word no ICD-10-CM text holds."""
        if self._procedure is None:
            d = self.data
            procedure = np.zeros(len(d.vocab), bool)
            pcs = np.arange(d.n_cm_codes, d.n_cm_codes + d.n_pcs)  # a title is text `doc`: its head
            surgical = pcs[np.char.startswith(d.doc_code[pcs], b"0")]  # the root operation ("Resection")
            procedure[np.unique(d.text_head[surgical])] = True
            for w in self._objectives:
                for form in {w, stem(w)}:
                    k = bisect_left(d.vocab, form)
                    if k < len(d.vocab) and d.vocab[k] == form:
                        procedure[k] = True
            # A word only procedure texts hold ("photocoagulation", from the ICD-9 procedure titles) names
            # what was done, whatever the PCS Index calls it
            in_cm = (d.doc_system[d.text_doc[d.post]] == 0).astype(np.int8)
            held = d.post_off[1:] > d.post_off[:-1]
            cm_term = np.zeros(len(d.vocab), bool)
            cm_term[held] = np.maximum.reduceat(in_cm, d.post_off[:-1][held]) > 0
            procedure |= held & ~cm_term
            with self._lock:
                self._procedure = procedure
        return self._procedure

    def factors(self, ranker: Ranker, ids: np.ndarray, words: Sequence[str],
                complete: bool) -> np.ndarray | None:
        """SITE_ONLY_FACTOR for the texts `ids` that hold none of the query's other words when the query
        names a site and something else; None when no text is lowered."""
        if len(ids) == 0:
            return None
        site, procedure = self.is_site(), self.is_procedure()
        words = [w for w in words if w not in QUERY_STOPWORDS] or list(words)
        other: list[int] = []
        named_site = False
        for n, w in enumerate(dict.fromkeys(words)):
            if w in NEUTRAL_WORDS or w.startswith(NEGATION) or not w.isalpha():
                continue
            matches = ranker.term_matches(w, last=n == len(words) - 1 and not complete)
            if not matches:
                continue
            best = max(wt for _, wt in matches)
            if all(site[t] for t, wt in matches if wt == best):  # "lobe" (not the lobectomy it starts)
                named_site = True
            elif any(procedure[t] for t, _ in matches):  # "amp" (amputation), "mastectomy"
                return None  # a procedure at the site (see the module docstring)
            else:
                other += [t for t, _ in matches]
        if not named_site or not other:
            return None
        d = self.data
        held = np.zeros(len(ids), bool)
        for t in dict.fromkeys(other):
            own = d.post[d.post_off[t] : d.post_off[t + 1]]
            for post in (own, d.inh_post[d.inh_off[t] : d.inh_off[t + 1]]):  # and under its headers
                if len(post):
                    pos = np.searchsorted(post, ids)
                    np.minimum(pos, len(post) - 1, out=pos)
                    held |= post[pos] == ids
        if held.all():
            return None
        return np.where(held, np.float32(1.0), SITE_ONLY_FACTOR)
