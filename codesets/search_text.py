"""Words for code search: how titles and queries are cut into terms, and the abbreviation table.

Index and query go through the same `terms()` so that `Fractures`, `fracture` and `FRACTURE` meet.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path

# A query is cut to this many characters and terms, so a pasted 10 kB line costs no more than a phrase.
MAX_QUERY_CHARS = 200
MAX_QUERY_TERMS = 12

_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TOKEN_RE = re.compile(r"[a-z0-9]+|[()\[\],;]")

# Dropped from queries: they carry no concept.
QUERY_STOPWORDS = frozenset("of the and or in on to for by a an at as from is".split())

# Words a title may carry without making the code more specific than the query ("Heart failure,
# unspecified" is the plain heart failure). They weigh little when a title's length is counted.
NEUTRAL_WORDS = frozenset(
    "of the and or in on to for by a an at as from is unspecified nos organism site without "
    "elsewhere classified not".split()
)
NEUTRAL_WEIGHT = 0.15
# "Other heart failure" says more than "heart failure" (a specified kind), though not a full word more.
OTHER_WEIGHT = 0.7
# Nonessential modifiers: words in parentheses ("Acute on chronic systolic (congestive) heart failure").
PAREN_WEIGHT = 0.1
# Words after "without" name the default state ("without complications", "without coma"): light.
AFTER_WITHOUT = 3


def clean(text: str) -> str:
    """Control characters out, compatibility forms folded (`ﬁ` -> `fi`), accents off, lower case."""
    text = _CONTROL_RE.sub(" ", text)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch)).lower()


def stem(word: str) -> str:
    """Plural `s` off (`fractures` -> `fracture`, `arteries` -> `artery`); `-ss`, `-us`, `-is` kept."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")) and word[-2].isalpha():
        return word[:-1]
    return word


def weighted_terms(text: str) -> Iterator[tuple[str, float]]:
    """Stemmed terms of a title with the weight each adds to the title's length."""
    depth = 0
    light = 0  # words still to come under a "without"
    for tok in _TOKEN_RE.findall(clean(text)):
        if tok in ",;":
            light = 0
        elif tok in "([":
            depth += 1
        elif tok in ")]":
            depth = max(0, depth - 1)
        elif tok in NEUTRAL_WORDS:
            light = AFTER_WITHOUT if tok == "without" else light
            yield stem(tok), NEUTRAL_WEIGHT
        elif tok == "with":
            light = 0
            yield tok, 1.0
        elif light:
            light -= 1
            yield stem(tok), NEUTRAL_WEIGHT
        elif tok == "other":
            yield tok, OTHER_WEIGHT
        else:
            yield stem(tok), PAREN_WEIGHT if depth else 1.0


def raw_words(text: str) -> list[str]:
    """Lower-case words of a query, unstemmed (abbreviations are matched on these)."""
    return [t for t in _TOKEN_RE.findall(clean(text[: MAX_QUERY_CHARS * 4])) if t not in "()[],;"]


# --- abbreviations -------------------------------------------------------------------------------

Abbreviations = dict[tuple[str, ...], tuple[str, ...]]


def parse_abbreviations(lines: Iterable[str], source: str) -> Abbreviations:
    """`SHORT<TAB>expansion` lines (# comments, blank lines allowed); one line per meaning.

    Raises ValueError naming the file and line of a malformed row.
    """
    out: dict[tuple[str, ...], list[str]] = {}
    for n, line in enumerate(lines, 1):
        line = line.rstrip("\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not parts[0].strip() or not parts[1].strip():
            raise ValueError(
                f"{source}, line {n}: expected `abbreviation<TAB>expansion` (got {line[:60]!r})"
            )
        key = tuple(raw_words(parts[0]))
        if not key or len(key) > 4:
            raise ValueError(f"{source}, line {n}: abbreviation must be 1 to 4 words (got {parts[0]!r})")
        expansion = " ".join(raw_words(parts[1]))
        if expansion and expansion not in out.setdefault(key, []):
            out[key].append(expansion)
    return {k: tuple(v) for k, v in out.items()}


def load_abbreviations(user_file: Path | None = None) -> Abbreviations:
    """The table shipped with the package, extended (and overridden per key) by the user's file."""
    shipped = resources.files("codesets").joinpath("abbreviations.tsv")
    table = parse_abbreviations(shipped.read_text(encoding="utf-8").splitlines(), "codesets/abbreviations.tsv")
    if user_file is not None and user_file.is_file():
        user = parse_abbreviations(user_file.read_text(encoding="utf-8").splitlines(), str(user_file))
        table.update(user)
    return table
