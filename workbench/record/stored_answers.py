"""The scanner's search answers for the release's own words and the abbreviation table's keys ("aki",
"htn", "gi bleed", "pneumonia", "hyponatremia"), asked once per release and table and kept on disk beside
the release's search index, as sides_cache.py keeps its word list.

Records write their diagnoses as shorthand and single words on every page: the abbreviations' searches are
among the scanner's costlier ones (each key reads through all its expansions), and one-word phrases are a
third of a record's searches. What the index answers depends on the words, the release, the table and the
search's code only, so these phrases' answers are asked once (as the scanner asks: billable, the best four
at or above AND_SIDE_SCORE; the abbreviations in CM and PCS, the words, any word of a title, inclusion
term or Index entry the scanner could take as an anchor, in CM) and read back by every later process.

The file holds the table's keys and the release's words, codes and titles only (never a word of a record),
0600 in the release's folder of the user's data directory. It is used only when its key matches: the
release and its index (sides_cache.index_key), the abbreviation table (the user's file included), the
source of the search package and the way the scanner asks; else it is built again. Which words are stored
decides only which phrases skip the search, never an answer. Any trouble reading or writing it falls back
to building the answers in memory.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from workbench.record import sides_cache

ANSWERS_FORMAT = 2
FILE_NAME = f"scanner-answers-v{ANSWERS_FORMAT}.json"
SYSTEMS = ("CM", "PCS")

# How the scanner asks the index: (phrase, system) -> answers, best first
Ask = Callable[[str, str], list[Any]]
_WORD = re.compile(r"[a-z]+")


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of the search package's source and tables: a changed rule must not read an old answer."""
    import numpy
    import rapidfuzz

    from codesets import codes
    from codesets.search import engine

    h = hashlib.sha256()
    folder = Path(str(engine.__file__)).parent
    for path in sorted([*folder.glob("*.py"), *folder.glob("*.tsv"), Path(str(codes.__file__))]):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    h.update(f"numpy {numpy.__version__} rapidfuzz {rapidfuzz.__version__}".encode())
    return h.hexdigest()[:16]


def _table_digest(abbreviations: Any) -> str:
    table = sorted([list(k), list(v)] for k, v in abbreviations.items())
    return hashlib.sha256(json.dumps(table).encode()).hexdigest()[:16]


def _key(index: Any, asked: str) -> dict[str, Any]:
    return {"format": ANSWERS_FORMAT, **sides_cache.index_key(index.data), "code": _code_digest(),
            "table": _table_digest(index.abbreviations), "asked": asked}


def _folder(data: Any) -> Path | None:
    return sides_cache.release_folder(data)


def keys(abbreviations: Any) -> list[str]:
    """The abbreviations answered: each key of the table as the scanner writes it (its words, one space)."""
    return sorted({" ".join(k) for k in abbreviations})


def words(data: Any, anchor: Callable[[str], bool]) -> list[str]:
    """The words answered: the words of the release's texts (letters only) that `anchor` says the scanner
    could search alone."""
    found: set[str] = set()
    for t in range(len(data.text_doc)):
        found.update(_WORD.findall(data.text(t).lower()))
    return sorted(w for w in found if anchor(w))


def build(index: Any, ask: Ask, anchor: Callable[[str], bool]) -> dict[str, str]:
    """Every phrase's answers, asked now, each as its JSON text (StoredAnswers)."""
    phrases = [(phrase, system) for phrase in keys(index.abbreviations) for system in SYSTEMS]
    phrases += [(w, "CM") for w in words(index.data, anchor)]
    out: dict[str, str] = {}
    for phrase, system in phrases:
        name = _name(phrase, system)
        if name not in out:
            out[name] = json.dumps([[r.code, r.title, r.system, r.billable, r.kind, r.cc_level, r.score,
                                     r.matched] for r in ask(phrase, system)])
    return out


def _name(phrase: str, system: str) -> str:
    return f"{system}\t{phrase}"


class StoredAnswers:
    """The stored phrases' answers, each kept as its JSON text and read when asked: ~14,500 phrases hold a
    few MB so, their SearchResults some 38 MB."""

    def __init__(self, texts: dict[str, str]) -> None:
        self._texts = texts

    def get(self, phrase: str, system: str) -> list[Any] | None:
        """The index's answers for the phrase in the system, best first; None when not stored."""
        text = self._texts.get(_name(phrase, system))
        if text is None:
            return None
        from codesets.search.engine import SearchResult

        return [SearchResult(*r) for r in json.loads(text)]

    def __contains__(self, key: tuple[str, str]) -> bool:
        return _name(*key) in self._texts

    def __len__(self) -> int:
        return len(self._texts)


def answers(index: Any, ask: Ask, asked: str, anchor: Callable[[str], bool]) -> StoredAnswers:
    """The stored phrases' answers, read from the release's folder when asked there before in the same way
    (`asked` names the scanner's way of asking: a change of it must build again), else built and written
    there."""
    try:
        key = _key(index, asked)
        folder = _folder(index.data)
    except (OSError, AttributeError, TypeError, ValueError):
        return StoredAnswers(build(index, ask, anchor))
    path = folder / FILE_NAME if folder is not None else None
    if path is not None:
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            texts = stored.get("answers")
            if stored.get("key") == key and isinstance(texts, dict) \
                    and all(isinstance(v, str) for v in texts.values()):
                return StoredAnswers(texts)
        except (OSError, ValueError, TypeError, AttributeError):
            pass
    built = build(index, ask, anchor)
    if path is not None:
        from workbench.fsutil import write_atomic

        try:
            write_atomic(path, json.dumps({"key": key, "answers": built}).encode("utf-8"))
        except OSError:  # a read-only data folder: the answers stay in memory
            pass
    return StoredAnswers(built)
