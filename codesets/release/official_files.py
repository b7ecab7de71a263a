"""Parsers for the official CDC/CMS release files other than the CM tabular XML and Table 5.

- Order files (`icd10cm_order_YYYY.txt`, `icd10pcs_order_YYYY.txt`), fixed width: columns 1-5 order
  number, 7-13 code (left-justified), 15 flag (1 = valid on a claim, 0 = header), 17-76 short title,
  78- long title.
- ICD-10-CM index XML (`ICD10CM.index`: letter > mainTerm > term level=n; title with <nemod>, code,
  see, seeAlso) and the neoplasm / drug tables (same root, `cell col=n` per table column).
- ICD-10-PCS tables XML (`ICD10PCS.tabular`: pcsTable > axis pos 1-3, pcsRow > axis pos 4-7 > label),
  index XML (`ICD10PCS.index`) and definitions XML (`ICD10PCS.definitions`).
Errors name the file and the line (order files) or the element.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

_ORDER_RE = re.compile(r"^\d{5} [A-Z0-9]{3,7} *[01] \S")


class OfficialFileError(ValueError):
    def __init__(self, name: str, where: str | int | None, message: str) -> None:
        self.name, self.where = name, where
        loc = f", line {where}" if isinstance(where, int) else (f", element {where}" if where else "")
        super().__init__(f"{name}{loc}: {message}")


@dataclass(frozen=True)
class OrderRow:
    code: str
    valid: bool
    short: str
    long: str


def parse_order(text: str, name: str) -> list[OrderRow]:
    """An order file (CM or PCS): every row, in file order."""
    rows = []
    for n, raw in enumerate(text.splitlines(), start=1):
        line = raw.rstrip("\r\n")
        if not line.strip():
            continue
        if len(line) < 17 or not _ORDER_RE.match(line) or line[13] != " " or line[15] != " ":
            raise OfficialFileError(name, n, "expected the fixed-width order layout: 5-digit order "
                                    "number, code in columns 7-13, flag 0/1 in column 15, short title "
                                    f"from column 17, long title from column 78 (got {line[:40]!r})")
        short, long = line[16:76].strip(), line[77:].strip()
        rows.append(OrderRow(line[6:13].strip(), line[14] == "1", short, long or short))
    if not rows:
        raise OfficialFileError(name, None, "empty order file")
    return rows


def _root(data: bytes, name: str, expected: tuple[str, ...]) -> ET.Element:
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise OfficialFileError(name, e.position[0], f"not well-formed XML ({e})") from None
    except (LookupError, ValueError) as e:  # an encoding the XML declaration names that Python lacks
        raise OfficialFileError(name, 1, f"cannot be read as XML ({e})") from None
    if root.tag not in expected:
        raise OfficialFileError(name, root.tag, f"expected root element {' or '.join(expected)}")
    return root


def _pos(el: ET.Element, name: str, where: str) -> int:
    """The `pos` attribute of an axis: a position 1-7."""
    value = el.get("pos", "")
    if not (value.isascii() and value.isdigit() and 1 <= int(value) <= 7):
        raise OfficialFileError(name, where, f"axis pos must be a number from 1 to 7 (got {value!r})")
    return int(value)


MAX_TERM_DEPTH = 40  # the official indexes nest terms about 8 levels deep


def _depth(path: tuple[str, ...], name: str, where: str) -> None:
    if len(path) >= MAX_TERM_DEPTH:
        raise OfficialFileError(name, where, f"index terms nested more than {MAX_TERM_DEPTH} levels deep")


def _title(el: ET.Element) -> str:
    t = el.find("title")
    return " ".join("".join(t.itertext()).split()) if t is not None else ""


IndexRow = tuple[str, str, str | None, str | None, str | None]


def parse_cm_index(data: bytes, name: str, source: str) -> list[IndexRow]:
    """Index entries `(source, path joined by \\x1f, code, see, see_also)` from an ICD10CM.index file.

    For the neoplasm and drug tables each cell becomes an entry whose last path part is the column
    heading (e.g. "Malignant Primary", "Poisoning, Accidental (unintentional)")."""
    root = _root(data, name, ("ICD10CM.index",))
    heads: dict[str, str] = {}
    for head in root.iter("indexHeading"):
        for h in head.iter("head"):
            if h.get("col"):
                heads[h.get("col", "")] = " ".join("".join(h.itertext()).split())
    out: list[IndexRow] = []
    letters = root.findall("letter")
    if not letters:
        raise OfficialFileError(name, "ICD10CM.index", "no <letter> elements")

    def walk(el: ET.Element, path: tuple[str, ...], where: str) -> None:
        _depth(path, name, where)
        title = _title(el)
        if not title:
            raise OfficialFileError(name, where, "a term without <title>")
        p = path + (title,)
        code = (el.findtext("code") or "").strip() or None
        see = (el.findtext("see") or "").strip() or None
        see_also = (el.findtext("seeAlso") or "").strip() or None
        if code or see or see_also or not list(el.iter("term")):
            out.append((source, "\x1f".join(p), code, see, see_also))
        for cell in el.findall("cell"):
            value = (cell.text or "").strip()
            if value and value != "--":
                col = cell.get("col", "")
                out.append((source, "\x1f".join(p + (heads.get(col, f"column {col}"),)), value, None, None))
        for i, term in enumerate(el.findall("term"), start=1):
            walk(term, p, f"{where}/term[{i}]")

    for li, letter in enumerate(letters, start=1):
        for mi, main in enumerate(letter.findall("mainTerm"), start=1):
            walk(main, (), f"letter[{li}]/mainTerm[{mi}]")
    return out


@dataclass
class PcsTablesFile:
    tables: dict[str, tuple[str, str, str, str]] = field(default_factory=dict)
    axes: dict[tuple[str, int, str], str] = field(default_factory=dict)
    rows: dict[str, list[tuple[str, str, str, str]]] = field(default_factory=dict)
    # (table, row index, pos, value) -> label, where a row names a value otherwise than the table's first
    # row does (section X: a value letter is another substance in each New Technology group)
    row_axes: dict[tuple[str, int, int, str], str] = field(default_factory=dict)


def parse_pcs_tables(data: bytes, name: str) -> PcsTablesFile:
    root = _root(data, name, ("ICD10PCS.tabular",))
    out = PcsTablesFile()
    tables = root.findall("pcsTable")
    if not tables:
        raise OfficialFileError(name, "ICD10PCS.tabular", "no <pcsTable> elements")
    for ti, table in enumerate(tables, start=1):
        where = f"pcsTable[{ti}]"
        head: dict[int, tuple[str, str, str]] = {}
        for ai, axis in enumerate(table.findall("axis"), start=1):
            pos = _pos(axis, name, f"{where}/axis[{ai}]")
            label = axis.find("label")
            if label is None or not label.get("code"):
                raise OfficialFileError(name, f"{where}/axis[@pos={pos}]", "expected <label code=...>")
            definition = (axis.findtext("definition") or "").strip()
            head[pos] = (label.get("code", ""), (label.text or "").strip(), definition)
        if set(head) != {1, 2, 3}:
            raise OfficialFileError(name, where, f"expected axes pos 1, 2 and 3 (got {sorted(head)})")
        t = head[1][0] + head[2][0] + head[3][0]
        out.tables[t] = (head[1][1], head[2][1], head[3][1], head[3][2])
        rows = []
        for ri, row in enumerate(table.findall("pcsRow"), start=1):
            values: dict[int, str] = {}
            for ai, axis in enumerate(row.findall("axis"), start=1):
                pos = _pos(axis, name, f"{where}/pcsRow[{ri}]/axis[{ai}]")
                labels = axis.findall("label")
                if not labels:
                    raise OfficialFileError(name, f"{where}/pcsRow[{ri}]/axis[@pos={pos}]",
                                            "axis without <label>")
                values[pos] = "".join(lb.get("code", "") for lb in labels)
                for lb in labels:
                    key, text = (t, pos, lb.get("code", "")), (lb.text or "").strip()
                    if out.axes.setdefault(key, text) != text:
                        out.row_axes[(t, ri - 1, pos, key[2])] = text
            if set(values) != {4, 5, 6, 7}:
                raise OfficialFileError(name, f"{where}/pcsRow[{ri}]",
                                        f"expected axes pos 4 to 7 (got {sorted(values)})")
            rows.append((values[4], values[5], values[6], values[7]))
        out.rows[t] = rows
    return out


def parse_pcs_index(data: bytes, name: str) -> list[IndexRow]:
    root = _root(data, name, ("ICD10PCS.index",))
    out: list[IndexRow] = []

    def walk(el: ET.Element, path: tuple[str, ...]) -> None:
        _depth(path, name, "/".join(path[:3]))
        p = path + (_title(el),)
        code = (el.findtext("codes") or el.findtext("code") or el.findtext("tab") or "").strip() or None
        see = el.find("see")
        use = (el.findtext("use") or "").strip() or None
        # A Body Part Key / Device Key entry ("use Abdominal Sympathetic Nerve") stays told apart from "see".
        see_text = " ".join("".join(see.itertext()).split()) if see is not None else (use and f"use {use}")
        out.append(("pcs_index", "\x1f".join(p), code, see_text, None))
        for term in el.findall("term"):
            walk(term, p)

    for letter in root.findall("letter"):
        for main in letter.findall("mainTerm"):
            walk(main, ())
    return out


def parse_pcs_definitions(data: bytes, name: str) -> dict[tuple[str, str], str]:
    """Root operation definitions: `{(section, operation name): definition}`."""
    root = _root(data, name, ("ICD10PCS.definitions",))
    out: dict[tuple[str, str], str] = {}
    for section in root.findall("section"):
        for axis in section.findall("axis"):
            if axis.get("pos") != "3":
                continue
            for terms in axis.findall("terms"):
                title = (terms.findtext("title") or "").strip()
                definition = (terms.findtext("definition") or "").strip()
                if title and definition:
                    out[(section.get("code", ""), title)] = definition
    return out
