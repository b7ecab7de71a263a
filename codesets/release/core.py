"""Installed code-set releases and the API every other module reads them through.

    rel = load_release("2026.1")            # built from installed packages on first use, then cached
    rel.cm("i50.23").title; rel.notes("E11.22"); rel.cc_level("N17.9"); rel.drg("291").weight
    res = resolve(date="2026-10-15")        # res.period (2027.0), res.data (nearest installed), res.notice

A release lives in one SQLite file (codesets/release_db.py); lookups are indexed queries, so loading
costs a file open and memory stays low. Reads are thread-safe (one read-only connection per thread).
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeGuard, TypeVar

from codesets.codes import normalize
from codesets.model import CmItem, DrgRow, Note, PcsAxisValue, PcsCode, PcsRow, PcsTable
from codesets.paths import releases_dir
from codesets.release import db as release_db
from codesets.release.calendar import BUILTIN_RELEASE, PERIODS, Period, period, period_for_date


class ReleaseNotInstalled(LookupError):
    """A release in the calendar whose files have not been imported."""


@dataclass(frozen=True, slots=True)
class IndexTerm:
    """One Alphabetic Index entry: main term > subterms, with a code and/or cross references."""

    path: tuple[str, ...]
    code: str | None
    see: str | None
    see_also: str | None
    source: str = "index"  # index, neoplasm, drug, eindex (external cause), pcs_index


@dataclass(frozen=True)
class Resolution:
    """Which release applies (`period`) and which installed release supplies titles/notes (`data`)."""

    period: Period
    data: Release
    exact: bool
    notice: str | None


def not_installed_notice(per: Period, nearest: str) -> str:
    return (f"release {per.release} (FY{per.fiscal_year}, MS-DRG v{per.drg_version}) is not installed: "
            f"titles and notes below come from {nearest}; import it with `workbench codesets import PATH...`")


# A memo holds at most this many answers and starts again empty when full (typed text that is no code
# cannot grow it without end): the items' memo is some 20 MB when full (every CM item would be 60 MB), and
# a chart's codes, their ancestors and their notes are back in it after one reading.
_MEMO_CAP = 30_000

_T = TypeVar("_T")


def _remembered(memo: dict[str, _T], key: str, make: Callable[[str], _T]) -> _T:
    """`memo[key]`, made by `make(key)` the first time; a full memo (_MEMO_CAP answers) starts again empty."""
    try:
        return memo[key]
    except KeyError:
        pass
    value = make(key)
    if len(memo) >= _MEMO_CAP:
        memo.clear()
    memo[key] = value
    return value


class Release:
    """One installed release (see the module docstring)."""

    def __init__(self, path: Path, meta: dict[str, str]) -> None:
        self.path = path
        self.id: str = meta["release"]
        self.period: Period = period(self.id)
        self.sources: dict[str, str] = json.loads(meta["sources"])
        self.has_weights = meta["has_weights"] == "1"
        self.has_index = meta["has_index"] == "1"
        self.fingerprint: str = meta["fingerprint"]
        self.cache_dir: Path = path.parent
        self._counts: dict[str, int] = json.loads(meta["counts"])
        self._local = threading.local()
        # Lookups memoised per release (the file is read-only while this object lives: a rebuilt release
        # is a new object). The checks and the record scanner ask the same items and the same ancestors'
        # notes again and again; each answer is a query otherwise. Sizes: `memo_sizes`.
        self._cm_memo: dict[str, CmItem | None] = {}
        self._notes_memo: dict[str, tuple[tuple[str, str], ...]] = {}
        self._anc_memo: dict[str, tuple[CmItem, ...]] = {}
        self._inherited_memo: dict[str, tuple[Note, ...]] = {}
        self._children_memo: dict[str, tuple[CmItem, ...]] = {}

    def __repr__(self) -> str:
        return f"Release({self.id!r})"

    @property
    def _db(self) -> sqlite3.Connection:
        con = getattr(self._local, "con", None)
        if con is None:
            con = sqlite3.connect(f"file:{self.path}?mode=ro", uri=True, check_same_thread=False)
            self._local.con = con
        return con

    def _all(self, sql: str, *args: object) -> list[tuple[Any, ...]]:
        return self._db.execute(sql, args).fetchall()

    def _one(self, sql: str, *args: object) -> tuple[Any, ...] | None:
        row: tuple[Any, ...] | None = self._db.execute(sql, args).fetchone()
        return row

    def counts(self) -> dict[str, int]:
        return dict(self._counts)

    # ---- ICD-10-CM

    _CM = "SELECT code, title, kind, billable, parent FROM cm"

    @staticmethod
    def _item(row: tuple[Any, ...]) -> CmItem:
        return CmItem(code=row[0], title=row[1], kind=row[2], billable=bool(row[3]), parent=row[4])

    def cm(self, code: str) -> CmItem | None:
        return _remembered(self._cm_memo, normalize(code), self._read_cm)

    def _read_cm(self, c: str) -> CmItem | None:
        row = self._one(self._CM + " WHERE code = ?", c)
        return self._item(row) if row else None

    def memo_sizes(self) -> dict[str, int]:
        """How many answers each lookup memo holds (items, own notes, ancestor chains, inherited notes,
        children)."""
        return {"cm": len(self._cm_memo), "own_notes": len(self._notes_memo),
                "ancestors": len(self._anc_memo),
                "inherited_notes": len(self._inherited_memo), "children": len(self._children_memo)}

    def iter_cm(self) -> Iterator[CmItem]:
        for row in self._db.execute(self._CM + " ORDER BY ord"):
            yield self._item(row)

    def ancestors(self, code: str) -> list[CmItem]:
        """Parent first, up to the chapter."""
        chain: tuple[CmItem, ...] = _remembered(self._anc_memo, normalize(code), self._read_ancestors)
        return list(chain)

    def _read_ancestors(self, c: str) -> tuple[CmItem, ...]:
        out: list[CmItem] = []
        item = self.cm(c)
        while item is not None and item.parent:
            item = self.cm(item.parent)
            if item is not None:
                out.append(item)
        return tuple(out)

    def children(self, code: str) -> list[CmItem]:
        kids: tuple[CmItem, ...] = _remembered(self._children_memo, normalize(code), self._read_children)
        return list(kids)

    def _read_children(self, c: str) -> tuple[CmItem, ...]:
        return tuple(self._item(r) for r in self._all(self._CM + " WHERE parent = ? ORDER BY ord", c))

    def _own_notes(self, code: str) -> tuple[tuple[str, str], ...]:
        return _remembered(self._notes_memo, code, self._read_own_notes)

    def _read_own_notes(self, code: str) -> tuple[tuple[str, str], ...]:
        return tuple(self._all("SELECT kind, text FROM cm_note WHERE code = ? ORDER BY seq", code))

    def own_notes(self, code: str) -> list[Note]:
        """The notes written at this item only (no inherited ones)."""
        c = normalize(code)
        return [Note(kind=k, text=t, source=c) for k, t in self._own_notes(c)]

    def iter_own_notes(self, kinds: tuple[str, ...] | None = None) -> Iterator[tuple[str, str, str]]:
        """Every note as written, `(code, kind, text)`, in one pass: for bulk readers (the search index)."""
        sql = "SELECT code, kind, text FROM cm_note"
        if kinds:
            sql += f" WHERE kind IN ({','.join('?' * len(kinds))})"
        yield from self._db.execute(sql + " ORDER BY code, seq", tuple(kinds or ()))

    def cc_levels(self) -> dict[str, str]:
        """Every CC and MCC code with its level, in one query."""
        return dict(self._all("SELECT code, level FROM cc"))

    def notes(self, code: str) -> list[Note]:
        """Own notes first, then those of each ancestor, nearest first (`inherited_from` set)."""
        c = normalize(code)
        out = [Note(kind=k, text=t, source=c) for k, t in self._own_notes(c)]
        item = self.cm(c)
        if item is not None and item.parent:
            out += self._inherited(item.parent)
        return out

    def _inherited(self, code: str) -> tuple[Note, ...]:
        """The notes `code` and its ancestors pass down, nearest first, as `notes` lists them (memoised:
        siblings share them)."""
        return _remembered(self._inherited_memo, code, self._read_inherited)

    def _read_inherited(self, code: str) -> tuple[Note, ...]:
        item = self.cm(code)
        if item is None:
            return ()
        got = tuple(Note(kind=k, text=t, source=item.code, inherited_from=item.code)
                    for k, t in self._own_notes(item.code))
        return got + self._inherited(item.parent) if item.parent else got

    def inclusion_terms(self, code: str) -> list[str]:
        return [t for k, t in self._own_notes(normalize(code)) if k == "inclusion_term"]

    def seven_chr(self, code: str) -> dict[str, str]:
        """The 7th characters defined at the code or its nearest ancestor that defines them."""
        c = normalize(code)
        for cand in [c] + [a.code for a in self.ancestors(c)]:
            rows = self._all("SELECT char, meaning FROM seven_chr WHERE code = ? ORDER BY rowid", cand)
            if rows:
                return dict(rows)
        return {}

    def cc_level(self, code: str) -> str | None:
        row = self._one("SELECT level FROM cc WHERE code = ?", normalize(code))
        return row[0] if row else None

    def cc_exclusion_pdx(self, code: str) -> frozenset[str]:
        """Principal diagnoses with which this CC/MCC counts as a non-CC (Table 6K)."""
        rows = self._all("SELECT p.pdx FROM cc JOIN pdx_collection p ON p.collection = cc.collection "
                         "WHERE cc.code = ?", normalize(code))
        return frozenset(r[0] for r in rows)

    # ---- MS-DRG

    _DRG = "SELECT drg, title, mdc, type, weight, gmlos, amlos, post_acute, special_pay FROM drg"

    @staticmethod
    def _drg_row(r: tuple[Any, ...]) -> DrgRow:
        return DrgRow(drg=r[0], title=r[1], mdc=r[2], type=r[3], weight=r[4], gmlos=r[5], amlos=r[6],
                      post_acute=bool(r[7]), special_pay=bool(r[8]))

    def drg(self, code: str | int) -> DrgRow | None:
        key = str(code).strip()
        row = self._one(self._DRG + " WHERE drg = ?", key.zfill(3) if key.isdigit() else key)
        return self._drg_row(row) if row else None

    def drgs(self) -> list[DrgRow]:
        return [self._drg_row(r) for r in self._all(self._DRG + " ORDER BY drg")]

    # ---- ICD-10-PCS

    def pcs(self, code: str) -> PcsCode | None:
        row = self._one("SELECT code, title FROM pcs WHERE code = ?", normalize(code))
        return PcsCode(*row) if row else None

    def iter_pcs(self) -> Iterator[PcsCode]:
        for row in self._db.execute("SELECT code, title FROM pcs ORDER BY code"):
            yield PcsCode(*row)

    def pcs_tables(self) -> list[str]:
        """Every 3-character table of the release, in order."""
        return [r[0] for r in self._all("SELECT DISTINCT tbl FROM pcs_row ORDER BY tbl")]

    def pcs_axis(self, table: str, pos: int, value: str) -> str:
        row = self._one("SELECT meaning FROM pcs_axis WHERE tbl = ? AND pos = ? AND value = ?",
                        table, pos, value)
        return row[0] if row else ""

    def _row_meanings(self, table: str) -> dict[tuple[int, int, str], str]:
        try:
            rows = self._all("SELECT seq, pos, value, meaning FROM pcs_row_axis WHERE tbl = ?", table)
        except sqlite3.OperationalError:  # a release file written before row meanings existed
            return {}
        return {(seq, pos, v): m for seq, pos, v, m in rows}

    def pcs_table(self, prefix: str) -> PcsTable | None:
        t = normalize(prefix)[:3]
        rows = self._all("SELECT body_parts, approaches, devices, qualifiers FROM pcs_row WHERE tbl = ? "
                         "ORDER BY seq", t)
        if len(t) != 3 or not rows:
            return None
        info = self._one("SELECT section, body_system, operation, definition FROM pcs_table WHERE tbl = ?", t)
        sec, bs, op, definition = info or ("", "", "", "")
        axes = self._all("SELECT pos, value, meaning FROM pcs_axis WHERE tbl = ?", t)
        meanings = {(p, v): m for p, v, m in axes}
        by_row = self._row_meanings(t)

        def axis(seq: int, pos: int, values: str) -> tuple[PcsAxisValue, ...]:
            return tuple(PcsAxisValue(v, by_row.get((seq, pos, v)) or meanings.get((pos, v), ""))
                         for v in values)

        return PcsTable(
            table=t, section=PcsAxisValue(t[0], sec), body_system=PcsAxisValue(t[1], bs),
            operation=PcsAxisValue(t[2], op), operation_definition=definition,
            rows=tuple(PcsRow(axis(i, 4, bp), axis(i, 5, ap), axis(i, 6, dv), axis(i, 7, q))
                       for i, (bp, ap, dv, q) in enumerate(rows)),
        )

    def pcs_code_meanings(self, code: str) -> tuple[str, ...] | None:
        """The meaning of each of a PCS code's 7 characters ("" where not installed), from the table row
        that holds it (else the table's); None when the release has no table for it."""
        c = normalize(code)
        table = self.pcs_table(c)
        if table is None or len(c) != 7:
            return None
        head = (table.section.meaning, table.body_system.meaning, table.operation.meaning)
        for row in table.rows:
            cells = (row.body_parts, row.approaches, row.devices, row.qualifiers)
            picked = [next((a for a in axis if a.value == c[3 + i]), None) for i, axis in enumerate(cells)]
            if all(picked):
                return (*head, *(a.meaning for a in picked if a))
        return (*head, *(self.pcs_axis(table.table, pos, c[pos - 1]) for pos in range(4, 8)))

    # ---- index and provenance

    def index_terms(self, source: str | None = None) -> Iterator[IndexTerm]:
        sql = "SELECT path, code, see, see_also, source FROM index_term"
        cur = self._db.execute(sql + (" WHERE source = ?" if source else "") + " ORDER BY id",
                               (source,) if source else ())
        for path, code, see, see_also, src in cur:
            yield IndexTerm(tuple(path.split("\x1f")), code, see, see_also, src)

    def disagreements(self) -> list[tuple[str, str, str, str]]:
        """(system, code, kind, detail) for every code the sources disagree on."""
        return self._all("SELECT system, code, kind, detail FROM disagreement ORDER BY system, kind, code")


# ---------------------------------------------------------------- loading

_lock = threading.Lock()
_loaded: dict[tuple[str, str], Release] = {}  # (file path, fingerprint) -> Release


def _builtin_fingerprint() -> str:
    from codesets.release import builtin

    return json.dumps({"release": BUILTIN_RELEASE, "schema": release_db.SCHEMA_VERSION,
                       "sources": builtin.source_versions(), "builder": builtin.builder_version()},
                      sort_keys=True)


def _usable(meta: dict[str, str] | None, release: str) -> TypeGuard[dict[str, str]]:
    return (meta is not None and meta.get("schema") == str(release_db.SCHEMA_VERSION)
            and meta.get("release") == release)


def installed_releases() -> list[str]:
    """Releases that are installed (the built-in one always counts: it is built on first use)."""
    found = {BUILTIN_RELEASE}
    root = releases_dir()
    for p in PERIODS:
        if _usable(release_db.read_meta(root / p.release / release_db.DB_NAME), p.release):
            found.add(p.release)
    return [p.release for p in PERIODS if p.release in found]


def build_builtin(force: bool = False) -> Release:
    """(Re)build the built-in release cache; returns it loaded."""
    from codesets.release import builtin

    fingerprint = _builtin_fingerprint()
    path = release_db.db_path(BUILTIN_RELEASE)
    with release_db.build_lock(BUILTIN_RELEASE):
        meta = release_db.read_meta(path)
        if force or not _usable(meta, BUILTIN_RELEASE) or meta.get("fingerprint") != fingerprint:
            data = builtin.build()
            release_db.write(data, fingerprint, compute_counts(data))
    with _lock:
        for key in [k for k in _loaded if k[0] == str(path)]:
            del _loaded[key]
    return load_release(BUILTIN_RELEASE)


def compute_counts(data: release_db.ReleaseData) -> dict[str, int]:
    return {
        "cm_total": len(data.cm),
        "cm_billable": len(data.cm_billable),
        "cm_notes": sum(len(it.notes) for it in data.cm),
        "pcs_codes": len(data.pcs),
        "pcs_tables": len(data.pcs_rows),
        "drgs": len(data.drgs),
        "cc": sum(1 for v in data.cc_level.values() if v == "CC"),
        "mcc": sum(1 for v in data.cc_level.values() if v == "MCC"),
        "index_terms": len(data.index_terms),
        "disagreements": len(data.disagreements),
    }


def load_release(release_id: str) -> Release:
    """The installed release `release_id` (e.g. "2026.1"). The built-in one is built on first use."""
    per = period(release_id)  # UnknownRelease for ids outside the calendar
    path = release_db.db_path(per.release)
    meta = release_db.read_meta(path)
    if per.release == BUILTIN_RELEASE and (not _usable(meta, per.release)
                                           or meta.get("fingerprint") != _builtin_fingerprint()):
        return build_builtin()
    if not _usable(meta, per.release):
        raise ReleaseNotInstalled(
            f"release {per.release} (FY{per.fiscal_year}, MS-DRG v{per.drg_version}) is not installed: "
            f"import its official CDC/CMS files with `workbench codesets import PATH...`")
    key = (str(path), meta["fingerprint"])
    with _lock:
        rel = _loaded.get(key)
        if rel is None:
            rel = _loaded[key] = Release(path, meta)
        return rel


def _distance(a: Period, b: Period) -> int:
    return abs((a.start - b.start).days)


def resolve(*, date: str | dt.date | None = None, release: str | None = None) -> Resolution:
    """The period for a discharge date or release id and the installed release to read it from.

    With neither, the newest installed release. When the period's own release is not installed, `data`
    is the nearest installed one, `exact` is False and `notice` says so in words a coder can act on.
    """
    installed = installed_releases()
    if release is not None:
        per = period(release)
    elif date is not None:
        per = period_for_date(date)
    else:
        per = period(installed[-1])
    if per.release in installed:
        return Resolution(per, load_release(per.release), True, None)
    nearest = min((period(r) for r in installed), key=lambda p: (_distance(p, per), -p.start.toordinal()))
    return Resolution(per, load_release(nearest.release), False, not_installed_notice(per, nearest.release))


def nearest_codes(rel: Release, code: str, limit: int = 5) -> list[str]:
    """Existing codes nearest to an unknown one: billable codes under its longest known prefix
    (ICD-10-CM) or sharing its longest prefix (PCS), closest in code order first."""
    c = normalize(code)
    out: list[str] = []
    for table, extra in (("cm", " AND billable = 1"), ("pcs", "")):
        for n in range(len(c), 0, -1):
            prefix = c[:n]
            rows = [r[0] for r in rel._all(f"SELECT code FROM {table} WHERE code >= ? AND code < ?{extra} "
                                           "ORDER BY code", prefix, prefix + "\x7f")]
            if rows:
                after = [r for r in rows if r >= c]
                before = [r for r in rows if r < c]
                out += (after[:limit] + before[::-1])[:limit]
                break
        if out:
            break
    return out
