"""The scanner's one word list built off a release's search index (lexicon.second_sides), kept on disk
beside that index's own cache: a coder's first chart after the release loads no longer waits the
~0.3-0.4 s of reading every "X and Y" title again.

The file holds words of the release's titles only (never a word of a record), 0600 in the release's
folder of the user's data directory. It is used only when its key matches: the release, the index's
format and shape, and the source of the code that builds the list (lexicon.py and the search's text
rules), so a new release, a rebuilt index or a changed rule builds it again. Any trouble reading or
writing it (a read-only folder, a damaged file) falls back to building it in memory.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from functools import lru_cache
from pathlib import Path
from typing import Any

from codesets.search import index as search_index
from workbench.record import lexicon

SIDES_FORMAT = 1
FILE_NAME = f"scanner-sides-v{SIDES_FORMAT}.json"


@lru_cache(maxsize=1)
def _code_digest() -> str:
    """A digest of the source that decides the list: a changed rule must not read an old file."""
    from codesets.search import text

    h = hashlib.sha256()
    for mod in (lexicon, text):
        h.update(Path(str(mod.__file__)).read_bytes())
    return h.hexdigest()[:16]


def index_key(data: Any) -> dict[str, Any]:
    """What names a release's search index as built: a file read back must have been made from it."""
    # (the fingerprint: a release imported again from corrected files keeps its id and folder)
    return {"release": str(data.release_id), "fingerprint": str(getattr(data, "fingerprint", "")),
            "index_format": search_index.FORMAT_VERSION, "n_texts": len(data.text_doc),
            "n_terms": len(data.vocab), "blob": len(data.text_blob),
            "text_off": zlib.crc32(memoryview(data.text_off).cast("B"))}


def _key(data: Any) -> dict[str, Any]:
    return {"format": SIDES_FORMAT, **index_key(data), "code": _code_digest()}


def release_folder(data: Any) -> Path | None:
    """The release's folder of the data directory (where its search index is cached), if it is there."""
    from codesets.paths import data_dir

    folder = data_dir() / "releases" / str(data.release_id)
    return folder if folder.is_dir() else None


def _folder(data: Any) -> Path | None:
    return release_folder(data)


def second_sides(data: Any) -> dict[str, int]:
    """`lexicon.second_sides(data)`, read from the release's folder when built there before."""
    try:
        key = _key(data)
        folder = _folder(data)
    except (OSError, AttributeError, TypeError, ValueError):
        return lexicon.second_sides(data)
    path = folder / FILE_NAME if folder is not None else None
    if path is not None:
        try:
            stored = json.loads(path.read_text(encoding="utf-8"))
            if stored.get("key") == key and isinstance(stored.get("sides"), dict):
                return {str(k): int(v) for k, v in stored["sides"].items()}
        except (OSError, ValueError, TypeError, AttributeError):
            pass
    sides = lexicon.second_sides(data)
    if path is not None:
        from workbench.fsutil import write_atomic

        try:
            write_atomic(path, json.dumps({"key": key, "sides": sides}, sort_keys=True).encode("utf-8"))
        except OSError:  # a read-only data folder: the list stays in memory
            pass
    return sides
