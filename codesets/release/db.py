"""One release on disk: a single SQLite file (`release.sqlite`) in `releases_dir()/<release>/`.

`ReleaseData` is what a builder (built-in packages or official files) collects; `write()` stores it
atomically (temp file, fsync, rename) under a file lock so that concurrent builders (xdist workers,
several sessions) never see half a file. Files 0600, folders 0700. No pickle: plain tables.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from codesets.fsutil import EXCLUSIVE, FileLock, atomic_path
from codesets.model import DrgRow
from codesets.paths import private_dir, releases_dir
from codesets.release.tabular_xml import TabularItem

SCHEMA_VERSION = 3
DB_NAME = "release.sqlite"

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE cm (code TEXT PRIMARY KEY, ord INTEGER NOT NULL, title TEXT NOT NULL, kind TEXT NOT NULL,
                 billable INTEGER NOT NULL, parent TEXT, titled INTEGER NOT NULL DEFAULT 1);
CREATE INDEX cm_parent ON cm(parent, ord);
CREATE TABLE cm_note (code TEXT NOT NULL, seq INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL);
CREATE INDEX cm_note_code ON cm_note(code, seq);
CREATE TABLE seven_chr (code TEXT NOT NULL, char TEXT NOT NULL, meaning TEXT NOT NULL);
CREATE INDEX seven_chr_code ON seven_chr(code);
CREATE TABLE cc (code TEXT PRIMARY KEY, level TEXT NOT NULL, collection TEXT);
CREATE TABLE pdx_collection (collection TEXT NOT NULL, pdx TEXT NOT NULL);
CREATE INDEX pdx_collection_idx ON pdx_collection(collection);
CREATE TABLE drg (drg TEXT PRIMARY KEY, title TEXT, mdc TEXT, type TEXT, weight REAL, gmlos REAL,
                  amlos REAL, post_acute INTEGER, special_pay INTEGER);
CREATE TABLE pcs (code TEXT PRIMARY KEY, title TEXT NOT NULL);
CREATE TABLE pcs_table (tbl TEXT PRIMARY KEY, section TEXT, body_system TEXT, operation TEXT,
                        definition TEXT);
CREATE TABLE pcs_axis (tbl TEXT NOT NULL, pos INTEGER NOT NULL, value TEXT NOT NULL, meaning TEXT NOT NULL,
                       PRIMARY KEY (tbl, pos, value));
CREATE TABLE pcs_row (tbl TEXT NOT NULL, seq INTEGER NOT NULL, body_parts TEXT NOT NULL,
                      approaches TEXT NOT NULL, devices TEXT NOT NULL, qualifiers TEXT NOT NULL);
CREATE INDEX pcs_row_tbl ON pcs_row(tbl, seq);
CREATE TABLE pcs_row_axis (tbl TEXT NOT NULL, seq INTEGER NOT NULL, pos INTEGER NOT NULL, value TEXT NOT NULL,
                           meaning TEXT NOT NULL, PRIMARY KEY (tbl, seq, pos, value));
CREATE TABLE index_term (id INTEGER PRIMARY KEY, source TEXT NOT NULL, path TEXT NOT NULL, code TEXT,
                         see TEXT, see_also TEXT);
CREATE TABLE disagreement (system TEXT NOT NULL, code TEXT NOT NULL, kind TEXT NOT NULL,
                           detail TEXT NOT NULL);
"""


@dataclass
class ReleaseData:
    """Everything one release holds, before it is written."""

    release: str
    sources: dict[str, str]
    cm: list[TabularItem] = field(default_factory=list)  # document order; billable set by the builder
    cm_billable: set[str] = field(default_factory=set)
    pcs: dict[str, str] = field(default_factory=dict)
    pcs_tables: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)  # tbl -> meanings, def
    pcs_axes: dict[tuple[str, int, str], str] = field(default_factory=dict)
    pcs_rows: dict[str, list[tuple[str, str, str, str]]] = field(default_factory=dict)  # value strings
    # A value whose meaning differs between the rows of a table (section X: the same letter is another
    # substance in each New Technology group): (table, row seq, pos, value) -> meaning, over pcs_axes.
    pcs_row_axes: dict[tuple[str, int, int, str], str] = field(default_factory=dict)
    drgs: dict[str, DrgRow] = field(default_factory=dict)
    cc_level: dict[str, str] = field(default_factory=dict)
    cc_collection: dict[str, str] = field(default_factory=dict)
    collections: dict[str, frozenset[str]] = field(default_factory=dict)
    index_terms: list[tuple[str, str, str | None, str | None, str | None]] = field(default_factory=list)
    disagreements: list[tuple[str, str, str, str]] = field(default_factory=list)  # system, code, kind, detail
    untitled_cm: set[str] = field(default_factory=set)


def release_dir(release: str) -> Path:
    return private_dir(releases_dir() / release)


def db_path(release: str) -> Path:
    return releases_dir() / release / DB_NAME


@contextlib.contextmanager
def build_lock(release: str) -> Iterator[None]:
    """An exclusive lock on the release folder while it is (re)built."""
    with FileLock(release_dir(release) / ".build.lock") as lock, lock.hold(EXCLUSIVE):
        yield


def read_meta(path: Path) -> dict[str, str] | None:
    """The meta table of a release file, or None when it is missing or unreadable."""
    if not path.exists():
        return None
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return dict(con.execute("SELECT key, value FROM meta"))
        finally:
            con.close()
    except sqlite3.DatabaseError:
        return None


def write(data: ReleaseData, fingerprint: str, counts: dict[str, int], target: Path | None = None) -> Path:
    """Write `data` to the release's file atomically (caller holds build_lock). Returns the path."""
    final = target or db_path(data.release)
    private_dir(final.parent)
    with atomic_path(final) as tmp:
        _write_db(tmp, data, fingerprint, counts)
    return final


def _write_db(tmp: Path, data: ReleaseData, fingerprint: str, counts: dict[str, int]) -> None:
    con = sqlite3.connect(tmp)
    try:
        con.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        _fill(con, data)
        meta = {
            "release": data.release,
            "schema": str(SCHEMA_VERSION),
            "fingerprint": fingerprint,
            "sources": json.dumps(data.sources, sort_keys=True),
            "counts": json.dumps(counts, sort_keys=True),
            "has_weights": "1" if data.drgs else "0",
            # The CDC Alphabetic Index (ICD-10-CM); the built-in PCS Index alone does not count.
            "has_index": "1" if any(row[0] != "pcs_index" for row in data.index_terms) else "0",
        }
        con.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()


def _fill(con: sqlite3.Connection, d: ReleaseData) -> None:
    con.executemany(
        "INSERT INTO cm VALUES (?, ?, ?, ?, ?, ?, ?)",
        ((it.code, n, it.title, it.kind, int(it.code in d.cm_billable), it.parent,
          int(it.code not in d.untitled_cm)) for n, it in enumerate(d.cm)),
    )
    con.executemany(
        "INSERT INTO cm_note VALUES (?, ?, ?, ?)",
        ((it.code, i, kind, text) for it in d.cm for i, (kind, text) in enumerate(it.notes)),
    )
    con.executemany(
        "INSERT INTO seven_chr VALUES (?, ?, ?)",
        ((it.code, ch, meaning) for it in d.cm for ch, meaning in it.seven_chr.items()),
    )
    con.executemany("INSERT INTO cc VALUES (?, ?, ?)",
                    ((c, lev, d.cc_collection.get(c)) for c, lev in d.cc_level.items()))
    con.executemany("INSERT INTO pdx_collection VALUES (?, ?)",
                    ((n, pdx) for n, codes in d.collections.items() for pdx in sorted(codes)))
    con.executemany(
        "INSERT INTO drg VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ((r.drg, r.title, r.mdc, r.type, r.weight, r.gmlos, r.amlos, int(r.post_acute), int(r.special_pay))
         for r in d.drgs.values()),
    )
    con.executemany("INSERT INTO pcs VALUES (?, ?)", sorted(d.pcs.items()))
    con.executemany("INSERT INTO pcs_table VALUES (?, ?, ?, ?, ?)",
                    ((t, *v) for t, v in sorted(d.pcs_tables.items())))
    con.executemany("INSERT INTO pcs_axis VALUES (?, ?, ?, ?)",
                    ((t, pos, val, m) for (t, pos, val), m in sorted(d.pcs_axes.items())))
    con.executemany("INSERT INTO pcs_row VALUES (?, ?, ?, ?, ?, ?)",
                    ((t, i, *row) for t, rows in sorted(d.pcs_rows.items()) for i, row in enumerate(rows)))
    con.executemany("INSERT INTO pcs_row_axis VALUES (?, ?, ?, ?, ?)",
                    ((*k, m) for k, m in sorted(d.pcs_row_axes.items())))
    con.executemany("INSERT INTO index_term (source, path, code, see, see_also) VALUES (?, ?, ?, ?, ?)",
                    d.index_terms)
    con.executemany("INSERT INTO disagreement VALUES (?, ?, ?, ?)", d.disagreements)
