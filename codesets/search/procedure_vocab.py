"""The vocabulary of procedure search: codesets/search/procedure_terms.tsv read into phrases, medical
suffixes and word roots (see that file for its format), and how affixed words and spinal levels read.

    vocab = vocabulary()
    vocab.phrases[("biopsy",)].groups      # {"op": {"0_B": 1.0, "0_9": 0.9, ...}, "qual": {"______X": 1.0}}
    affix("nephrectomy", vocab)            # (the -ectomy entry, ("kidney",))
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

AXES = ("op", "app", "dev", "qual", "dur", "count")
SUFFIX_MIN_ROOT = 2

MAX_PHRASE = 6
# Position of each axis in a code (0-based) for one-character values; "op" values longer than one
# character are code prefixes.
_AXIS_POS = {"app": 4, "dev": 5, "qual": 6, "dur": 4}

@dataclass(frozen=True)
class Entry:
    """One vocabulary line: the title words it stands for and the axis values it names."""

    words: tuple[str, ...] | None  # None: keep the phrase as typed
    groups: dict[str, dict[str, float]]
    weak_ops: dict[str, float] = field(default_factory=dict)   # op?= (makes a procedure)
    hint_ops: dict[str, float] = field(default_factory=dict)   # op~= (does not)
    site: tuple[str, ...] = ()
    part: bool = False
    whole: bool = False


@dataclass(frozen=True)
class Vocabulary:
    phrases: dict[tuple[str, ...], Entry]
    suffixes: dict[str, Entry]
    roots: dict[str, tuple[str, ...]]


def _pattern(axis: str, value: str) -> str:
    if axis == "op":
        return "0_" + value if len(value) == 1 else value
    return "_" * _AXIS_POS[axis] + value


def _values(axis: str, spec: str, source: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for part in spec.split("|"):
        value, _, weight = part.partition(":")
        if not value or (axis != "op" and len(value) != 1):
            raise ValueError(f"{source}: bad {axis} value {part!r}")
        out[_pattern(axis, value.upper())] = float(weight) if weight else 1.0
    return out


def parse_terms(lines: Sequence[str], source: str) -> Vocabulary:
    """Read procedure_terms.tsv lines; a malformed line raises ValueError naming the file and line."""
    phrases: dict[tuple[str, ...], Entry] = {}
    suffixes: dict[str, Entry] = {}
    roots: dict[str, tuple[str, ...]] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        where = f"{source}, line {n}"
        if cols[0].startswith("root:"):
            if len(cols) != 2:
                raise ValueError(f"{where}: expected `root:PART<TAB>title words`")
            roots[cols[0][5:]] = tuple(cols[1].split())
            continue
        if len(cols) != 3:
            raise ValueError(f"{where}: expected `phrase<TAB>title words<TAB>constraints` "
                             f"(got {line[:60]!r})")
        phrase, words, spec = cols
        spec, _, site_text = spec.partition("site?=")  # the default site comes last, words and all
        groups: dict[str, dict[str, float]] = {}
        weak: dict[str, float] = {}
        hint: dict[str, float] = {}
        part = whole = False
        for token in spec.split():
            if token in ("-", ""):
                continue
            if token in ("part", "whole"):
                part, whole = part or token == "part", whole or token == "whole"
                continue
            key, _, value = token.partition("=")
            if key == "op?":
                weak = _values("op", value, where)
            elif key == "op~":
                hint = _values("op", value, where)
            elif key in AXES and value == "*":
                groups[key] = {}
            elif key in AXES:
                groups[key] = _values(key, value, where)
            else:
                raise ValueError(f"{where}: unknown constraint {token!r}")
        site = tuple(site_text.split())
        entry = Entry(None if words == "=" else tuple(words.split()) if words != "-" else (),
                      groups, weak, hint, site, part, whole)
        if phrase.startswith("suffix:"):
            suffixes[phrase[7:]] = entry
        else:
            phrase_words = tuple(phrase.split())
            if not phrase_words or len(phrase_words) > MAX_PHRASE:
                raise ValueError(f"{where}: phrase must be 1 to {MAX_PHRASE} words")
            phrases[phrase_words] = entry
    return Vocabulary(phrases, suffixes, roots)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    text = resources.files("codesets.search").joinpath("procedure_terms.tsv").read_text(encoding="utf-8")
    return parse_terms(text.splitlines(), "codesets/search/procedure_terms.tsv")


def affix(word: str, vocab: Vocabulary) -> tuple[Entry, tuple[str, ...]] | None:
    """A word made of a root and a procedure suffix: its entry and the body-part words of its roots."""
    if word.startswith("post"):  # postmastectomy, postlaminectomy: a state after it, a diagnosis
        return None
    for suffix, entry in vocab.suffixes.items():
        if len(word) > len(suffix) + SUFFIX_MIN_ROOT and word.endswith(suffix):
            stem = word[: -len(suffix)]
            organs = _roots(stem, vocab)
            if organs:
                return entry, organs
    return None


def _roots(stem: str, vocab: Vocabulary) -> tuple[str, ...]:
    """Body-part words of the roots in `stem`, read left to right, longest root first ("cholecyst")."""
    out: list[str] = []
    i = 0
    longest = max(map(len, vocab.roots), default=0)
    while i < len(stem):
        for k in range(min(longest, len(stem) - i), 1, -1):
            words = vocab.roots.get(stem[i : i + k])
            if words is not None:
                out.extend(words)
                i += k
                break
        else:
            i += 1
    return tuple(dict.fromkeys(out))


LEVEL_RE = re.compile(r"^([ctls])([1-9]|1[0-2])$")
_REGIONS = {"c": "cervical", "t": "thoracic", "l": "lumbar", "s": "sacral"}


def spine(first: str, second: str | None) -> tuple[str, ...]:
    """A spinal level (L1) is a vertebra; two levels (L4-L5) the joint between them."""
    if second is None:
        return ("sacrum",) if first == "s" else (_REGIONS[first], "vertebra")
    if {first, second} == {"l", "s"}:
        return ("lumbosacral", "joint")
    return (_REGIONS[first], "vertebral", "joint")


def compound(word: str, vocab: Vocabulary) -> tuple[str, ...] | None:
    """A long adjective made of word roots (ventriculoperitoneal): the body-part words of its roots."""
    if len(word) < 12 or not word.endswith(("al", "ic", "ar")):
        return None
    organs = _roots(word, vocab)
    return organs if len(organs) >= 2 else None
