"""Laterality in diagnosis search: the side a query names and the codes that have one.

ICD-10-CM gives a side its own code in families with a side axis: S46.011A right, S46.012A left,
S46.019A unspecified shoulder. Codes whose title lacks the side the query names rank a little lower
(clinical.setting_factor).

When the best match for a query is the unspecified-side or other-side code of a family (a note or an
inclusion term written at the family's header led to its default code), the code for the side named
is the one a coder reports: `to_side` finds it among the codes that differ from it in one character and
whose titles differ only in the side.
"""

from __future__ import annotations

import re
from collections.abc import Callable

SIDES = ("right", "left", "bilateral")
_SIDE_WORDS = frozenset("right left bilateral unspecified side".split())
_WORD_RE = re.compile(r"[a-z0-9]+")


def named_side(words: list[str]) -> str | None:
    """The one side a query names, or None (none, or more than one)."""
    named = [s for s in SIDES if s in words]
    return named[0] if len(named) == 1 else None


# Words a family's sided titles add beside the side: "Unspecified lump in the right breast", "affecting
# left nondominant side" ("non-dominant" in I69).
_BESIDE_SIDE = frozenset("the dominant nondominant".split())
_NONDOMINANT = re.compile(r"\bnon-?dominant\b")
_DOMINANT = re.compile(r"(?<!non)(?<!non-)\bdominant\b")


def _rest(title: str) -> tuple[str, ...]:
    t = _NONDOMINANT.sub("nondominant", title.lower())
    return tuple(w for w in _WORD_RE.findall(t) if w not in _SIDE_WORDS and w not in _BESIDE_SIDE)


def _default_dominance(title: str, side: str) -> bool:
    """A title naming dominance names the default of guideline I.C.6.a for `side`: a side affected and
    its dominance not said is dominant on the right, nondominant on the left. No dominance is fine."""
    t = title.lower()
    if _NONDOMINANT.search(t):
        return side == "left"
    if _DOMINANT.search(t):
        return side == "right"
    return True


def to_side(code: str, title: str, side: str, lookup: Callable[[str], str | None]) -> str | None:
    """The code of the family of `code` for `side` (`lookup` gives a code's title, None when unknown),
    or None when `code` names the side already or no such code exists. A family that also splits the
    side by dominance ("Hemiplegia, unspecified affecting left nondominant side") gives the default of
    guideline I.C.6.a. A code of four characters tries its last (N63.0 -> N63.1, a header)."""
    words = set(_WORD_RE.findall(title.lower()))
    if side in words or len(code) < 4 or not words & _SIDE_WORDS:
        return None
    rest = _rest(title)
    for pos in range(len(code) - 1, 2, -1):
        for ch in "0123456789":
            if ch == code[pos]:
                continue
            other = code[:pos] + ch + code[pos + 1 :]
            t = lookup(other)
            if t is None:
                continue
            found = _WORD_RE.findall(t.lower())
            if side in found and _rest(t) == rest and _default_dominance(t, side):
                return other
    return None


# The side as physicians write it beside a site ("fx L wrist", "OA b/l knees", "left sided weakness").
_SIDE_OF = {"right": "right", "r": "right", "rt": "right", "left": "left", "l": "left", "lt": "left",
            "bilateral": "bilateral", "bil": "bilateral", "bilat": "bilateral"}
_SIDE_ONLY = frozenset("sided side".split())


def without_side(words: list[str]) -> tuple[str, list[str]] | None:
    """The one side a query names (any of its spellings, "b l" too) and the query without it and without
    "sided"; None when it names no side, more than one, or nothing else."""
    sides: set[str] = set()
    rest: list[str] = []
    n = 0
    while n < len(words):
        w = words[n]
        if w == "b" and n + 1 < len(words) and words[n + 1] == "l":  # "b/l"
            sides.add("bilateral")
            n += 2
            continue
        if w in _SIDE_OF:
            sides.add(_SIDE_OF[w])
        elif w not in _SIDE_ONLY:
            rest.append(w)
        n += 1
    if len(sides) != 1 or not rest or len(rest) == len(words):
        return None
    return sides.pop(), rest


def words_of_side(title: str) -> bool:
    """True when a title names a side (or an unspecified one): its family has a side axis."""
    return bool(set(_WORD_RE.findall(title.lower())) & _SIDE_WORDS)


def title_words(title: str) -> set[str]:
    """The words of a title, lower case."""
    return set(_WORD_RE.findall(title.lower()))
