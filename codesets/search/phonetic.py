"""Words as they sound: a key that misspellings of one word share, for a word no edit or two reaches.

    sound_key("numonia") == sound_key("pneumonia") == sound_key("noomonia")     # "namana"
    SoundIndex(["pneumonia", "pleura"]).nearest("numonia")                     # ["pneumonia"]

Coders and physicians type medical words as they hear them: the silent letters of "pneumonia" and
"psoriasis" left out, "hemmoroid" for hemorrhoid, "diarhea", "siezure", "noomonia". Edit distance finds a
slip of one or two letters; these are further off in letters and identical in sound. The key keeps the
consonants as they sound (silent initial pn/ps/kn/gn/pt, ph = f, ch = k, c = k or s, x = ks, rh = r, doubled
letters once) and reads every run of vowels as one vowel. Many words share a key, so it is asked only
for a word nothing else matched, and of the words sharing its key the nearest in letters is taken.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rapidfuzz.distance import OSA

_SILENT_START = (("pn", "n"), ("ps", "s"), ("pt", "t"), ("kn", "n"), ("gn", "n"), ("wr", "r"), ("rh", "r"),
                 ("x", "z"))
_SOUNDS = tuple((re.compile(p), said) for p, said in (
    ("ph", "f"), ("ch", "k"), ("r+h", "r"), ("ck", "k"), ("qu?", "k"), ("c(?=[eiy])", "s"), ("c", "k"),
    ("x", "ks"), ("z", "s"), ("(?<=[aeiouy])h", "")))
_VOWELS = re.compile(r"[aeiouy]+")
_DOUBLED = re.compile(r"(.)\1+")

MIN_LENGTH = 6  # a shorter word's key is shared by too many words ("foley": fully, folie)
# How far in letters a word sharing the key may be: a third of the typed word, at least three edits.
MAX_SHARE = 3


def skeleton(word: str) -> str:
    """The word without its h's and with doubled letters once: the letters most often misplaced in a
    medical word ("ciroshis", "chirosis", "cirrhosis" -> "cirosis"; "diarhea" -> "diarea")."""
    return _DOUBLED.sub(r"\1", word.lower().replace("h", "")) if word.isalpha() else ""


def sound_key(word: str) -> str:
    """The word's sound (see the module docstring); "" for a word with anything but letters."""
    if not word.isalpha():
        return ""
    w = word.lower()
    for start, said in _SILENT_START:
        if w.startswith(start):
            w = said + w[len(start):]
            break
    for pattern, said in _SOUNDS:
        w = pattern.sub(said, w)
    return _VOWELS.sub("a", _DOUBLED.sub(r"\1", w))


class SoundIndex:
    """Words by their sound key, for `nearest`."""

    def __init__(self, words: Iterable[str], counts: Mapping[str, int] | None = None) -> None:
        by_key: dict[str, list[str]] = {}
        words_seen = [w for w in words if len(w) >= MIN_LENGTH and w.isalpha()]
        for w in words_seen:
            if len(w) >= MIN_LENGTH and (key := sound_key(w)):
                by_key.setdefault(key, []).append(w)
        self.by_key = by_key
        self.counts = counts or {}
        by_skeleton: dict[str, list[str]] = {}
        for w in words_seen:
            by_skeleton.setdefault(skeleton(w), []).append(w)
        self.by_skeleton = by_skeleton

    def respelled(self, word: str) -> list[str]:
        """The words with the same letters as `word` but for h's and doubled letters (`skeleton`), the
        commonest first; never the word itself."""
        if len(word) < MIN_LENGTH:
            return []
        same = self.by_skeleton.get(skeleton(word), ())
        return sorted((w for w in same if w != word), key=lambda w: (-self.counts.get(w, 0), w))

    def nearest(self, word: str) -> list[str]:
        """The words that sound as `word` does, nearest in letters first (of two as near, the commoner);
        only those within a third of its letters (at least MAX_SHARE edits), never the word itself."""
        if len(word) < MIN_LENGTH:
            return []
        same = self.by_key.get(sound_key(word), ())
        limit = max(MAX_SHARE, len(word) // 3)
        scored = sorted((d, -self.counts.get(w, 0), w) for w in same
                        if w != word and (d := OSA.distance(word, w)) <= limit)
        if not scored:
            return []
        return [w for d, _, w in scored if d == scored[0][0]]
