"""The scanner's search answers for the abbreviation table's keys ("aki", "htn", "gi bleed"), asked once
per release and table and kept on disk beside the release's search index, as sides_cache.py keeps its
word list.

Records write their diagnoses as shorthand on every page; each key reads through all its expansions, so
each is one of the scanner's costlier searches (some 1 ms: a fifth of a cold 20-page record's search time
goes to its 67 abbreviations). What the index answers depends on the words, the release, the table and
the search's code only, so the keys' answers (CM and PCS, as the scanner asks them: billable, the best
four at or above AND_SIDE_SCORE) are asked once and read back by every later process.

The file holds the table's keys and the release's codes and titles only (never a word of a record), 0600
in the release's folder of the user's data directory. It is used only when its key matches: the release
and its index (sides_cache.index_key), the abbreviation table (the user's file included), the source of
the search package and the way the scanner asks; else it is built again. Any trouble reading or writing it
falls back to building the answers in memory.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from workbench.record import sides_cache

ANSWERS_FORMAT = 1
FILE_NAME = f"scanner-shorthand-v{ANSWERS_FORMAT}.json"
SYSTEMS = ("CM", "PCS")

# (phrase, system) -> the index's answers, best first
Answers = dict[tuple[str, str], list[Any]]
# How the scanner asks the index: (phrase, system) -> answers
Ask = Callable[[str, str], list[Any]]


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
    """The phrases answered: each key of the table as the scanner writes it (its words, one space)."""
    return sorted({" ".join(k) for k in abbreviations})


def build(index: Any, ask: Ask) -> Answers:
    """Every key's answers in each system, asked now."""
    return {(phrase, system): ask(phrase, system) for phrase in keys(index.abbreviations)
            for system in SYSTEMS}


def answers(index: Any, ask: Ask, asked: str) -> Answers:
    """The keys' answers, read from the release's folder when asked there before in the same way
    (`asked` names the scanner's way of asking: a change of it must build again), else built and
    written there."""
    from codesets.search.engine import SearchResult

    try:
        key = _key(index, asked)
        folder = _folder(index.data)
    except (OSError, AttributeError, TypeError, ValueError):
        return build(index, ask)
    path = folder / FILE_NAME if folder is not None else None
    if path is not None:
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored.get("key") == key and isinstance(stored.get("answers"), list):
                return {(str(p), str(s)): [SearchResult(*r) for r in res] for p, s, res in stored["answers"]}
        except (OSError, ValueError, TypeError, AttributeError):
            pass
    built = build(index, ask)
    if path is not None:
        from workbench.fsutil import write_atomic

        rows = [[p, s, [[r.code, r.title, r.system, r.billable, r.kind, r.cc_level, r.score, r.matched]
                        for r in res]] for (p, s), res in built.items()]
        try:
            write_atomic(path, json.dumps({"key": key, "answers": rows}).encode("utf-8"))
        except OSError:  # a read-only data folder: the answers stay in memory
            pass
    return built
