"""CMS MS-DRG tables as published with the IPPS final rule: Table 5 (weights), 6I (MCC list),
6J (CC list) and 6K (CC exclusions).

    rows = parse_table5(path)               # {"291": DrgRow(...), ...}
    mcc = parse_cc_list(path_6i)            # {"A021": "Salmonella sepsis", ...}
    excl = parse_cc_exclusions(path_6k)     # excl.level["I5023"] == "MCC"; excl.pdx_for("I5023")

Table 5 is tab-delimited text (cp1252, a title spanning the first lines, the column header on line 3)
or CSV with the same columns. Codes are returned normalised (no dot, upper case). Malformed input
raises DrgTableError naming the file, the line and what was expected.
"""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from codesets.codes import normalize
from codesets.model import DrgRow

_CODE_RE = re.compile(r"^[A-Z][0-9A-Z]{2,6}$")  # shape only: CMS lists carry the odd typo (QA0.0101)
# Table 6K part 1 row: " A000    CC  0002:3 codes     Cholera due to ..."
_6K_ROW_RE = re.compile(r"^ ([A-Z][0-9A-Z]{2,6}) +(CC|MCC) +(?:(\d{4}):([\d,]+) codes?|No Excl) +(.*)$")
_6K_MEMBER_RE = re.compile(r"^  ([A-Z][0-9A-Z]{2,6}) +(.*)$")
_6K_COLLECTION_RE = re.compile(r"^PDX collection (\d{4})\s*$")


class DrgTableError(ValueError):
    """A CMS table that does not have the published layout. `path` and `line` say where."""

    def __init__(self, path: str | Path, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        where = f"{self.path}, line {line}" if line else self.path
        super().__init__(f"{where}: {message}")


def _read_text(path: Path, data: bytes | None = None) -> str:
    raw = data if data is not None else path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252")  # CMS publishes its tables in Windows-1252
    except UnicodeDecodeError as e:
        line = raw[:e.start].count(b"\n") + 1
        raise DrgTableError(path, line, f"neither UTF-8 nor Windows-1252 text (byte {raw[e.start]:#04x} "
                            f"at offset {e.start})") from None


# ---------------------------------------------------------------- Table 5


def _column_index(header: list[str]) -> dict[str, int]:
    """Map our field names to header positions by the words CMS uses in the column titles."""
    cols: dict[str, int] = {}
    weights: list[tuple[int, str]] = []
    for i, name in enumerate(header):
        h = " ".join(name.upper().split())
        if not h:
            continue
        if "POST-ACUTE" in h or "POST ACUTE" in h:
            cols["post_acute"] = i
        elif "SPECIAL PAY" in h:
            cols["special_pay"] = i
        elif h == "MDC":
            cols["mdc"] = i
        elif h == "TYPE":
            cols["type"] = i
        elif "TITLE" in h:
            cols["title"] = i
        elif "WEIGHT" in h:
            weights.append((i, h))
        elif "GEOMETRIC" in h:
            cols["gmlos"] = i
        elif "ARITHMETIC" in h:
            cols["amlos"] = i
        elif h.replace(" ", "") in ("MS-DRG", "DRG", "MSDRG"):
            cols["drg"] = i
    capped = [i for i, h in weights if "CAP APPLIED" in h]
    if capped:  # FY2026 publishes weights before and after the 10% cap; payment uses the capped one
        cols["weight"] = capped[0]
    elif len(weights) == 1:
        cols["weight"] = weights[0][0]
    return cols


def _flag(value: str, path: Path, line: int, column: str) -> bool:
    v = value.strip().upper()
    if v in ("YES", "Y"):
        return True
    if v in ("NO", "N", ""):
        return False
    raise DrgTableError(path, line, f"column {column!r}: expected Yes or No (got {value!r})")


def _number(value: str, path: Path, line: int, column: str, *, optional: bool) -> float | None:
    v = value.strip().replace(",", "")
    if v in ("", ".", "-", "--") and optional:
        return None
    try:
        number = float(v)
    except ValueError:
        raise DrgTableError(path, line, f"column {column!r}: expected a number (got {value!r})") from None
    # float() also takes "nan", "inf" and -1e308: no weight or length of stay is negative or unbounded
    if not math.isfinite(number) or not 0 <= number < 1e6:
        raise DrgTableError(path, line, f"column {column!r}: expected a number from 0 to 999999 "
                            f"(got {value!r})")
    return number


def parse_table5(path: str | Path, data: bytes | None = None) -> dict[str, DrgRow]:
    """Parse CMS Table 5 (tab-delimited text or CSV). DRGs without a weight (998, 999) are left out.

    `data` may hold the file's bytes (e.g. read from a zip); `path` then only names it in errors.
    """
    path = Path(path)
    text = _read_text(path, data)
    first = text.split("\n", 3)
    delimiter = "\t" if any("\t" in ln for ln in first[:3]) else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header: list[str] | None = None
    cols: dict[str, int] = {}
    rows: dict[str, DrgRow] = {}
    for cells in reader:
        line = reader.line_num
        cells = [c.strip() for c in cells]
        if not any(cells):
            continue
        if header is None:
            head = cells[0].upper().replace(" ", "")
            if head in ("MS-DRG", "DRG", "MSDRG"):
                header = cells
                cols = _column_index(cells)
                needed = ("drg", "mdc", "type", "title", "weight", "gmlos", "amlos")
                missing = [k for k in needed if k not in cols]
                if missing:
                    raise DrgTableError(path, line, "Table 5 header lacks column(s) " + ", ".join(missing)
                                        + f" (got {', '.join(c for c in cells if c)})")
            elif line > 10:
                raise DrgTableError(path, line, "expected the Table 5 header row starting 'MS-DRG' "
                                    "within the first lines")
            continue
        if len(cells) <= max(cols.values()):
            raise DrgTableError(path, line, f"expected {max(cols.values()) + 1} columns, got {len(cells)}")
        drg = cells[cols["drg"]]
        if not drg.isdigit() or len(drg) > 3:
            raise DrgTableError(path, line, f"column 'MS-DRG': expected a DRG number (got {drg!r})")
        drg = drg.zfill(3)
        weight = _number(cells[cols["weight"]], path, line, "weight", optional=True)
        if weight is None:  # 998/999 carry no weight: nothing to pay, nothing to show
            continue
        typ = cells[cols["type"]].upper()
        if typ not in ("MED", "SURG"):
            raise DrgTableError(path, line, f"column 'TYPE': expected MED or SURG (got {typ!r})")
        if drg in rows:
            raise DrgTableError(path, line, f"DRG {drg} listed twice")
        rows[drg] = DrgRow(
            drg=drg,
            title=" ".join(cells[cols["title"]].split()),
            mdc=cells[cols["mdc"]].upper(),
            type=typ,
            weight=weight,
            gmlos=_number(cells[cols["gmlos"]], path, line, "Geometric mean LOS", optional=True),
            amlos=_number(cells[cols["amlos"]], path, line, "Arithmetic mean LOS", optional=True),
            post_acute=_flag(cells[cols["post_acute"]], path, line, "Post-Acute DRG")
            if "post_acute" in cols else False,
            special_pay=_flag(cells[cols["special_pay"]], path, line, "Special Pay DRG")
            if "special_pay" in cols else False,
        )
    if header is None:
        raise DrgTableError(path, None, "no Table 5 header row (a row starting 'MS-DRG') found")
    if not rows:
        raise DrgTableError(path, None, "Table 5 has a header but no DRG rows")
    return rows


# ---------------------------------------------------------------- Tables 6I / 6J


def parse_cc_list(path: str | Path, data: bytes | None = None) -> dict[str, str]:
    """Table 6I (MCC list) or 6J (CC list): `{normalised code: description}`."""
    path = Path(path)
    out: dict[str, str] = {}
    seen_header = False
    for line, raw in enumerate(_read_text(path, data).splitlines(), start=1):
        text = raw.strip()
        if not text:
            continue
        if not seen_header:
            if text.lower().startswith("diagnosis code"):
                seen_header = True
            elif line > 5:
                raise DrgTableError(path, line, "expected the header 'Diagnosis Code<TAB>Description'")
            continue
        parts = raw.split("\t")
        if not parts[0].strip() and text.lower().startswith("notes"):
            break  # CMS ends the lists with a free-text notes block
        code = normalize(parts[0])
        if len(parts) < 2 or not _CODE_RE.match(code):
            raise DrgTableError(path, line, f"expected 'ICD-10-CM code<TAB>description' (got {raw[:60]!r})")
        out[code] = parts[1].strip()
    if not out:
        raise DrgTableError(path, None, "no codes found (expected a Table 6I/6J list)")
    return out


# ---------------------------------------------------------------- Table 6K


@dataclass(frozen=True)
class CcExclusions:
    """Table 6K. `level`: CC/MCC code -> "CC"/"MCC"; `collection_of`: code -> PDX collection number;
    `collections`: number -> PDX codes that make the CC/MCC count as a non-CC;
    `alive_only`: codes that are CC/MCC only when the patient is discharged alive (part 2);
    `drg_exclusions`: part 3 headings ("MDC 05 DRGs 280-282 ...") -> codes."""

    level: dict[str, str]
    collection_of: dict[str, str]
    collections: dict[str, frozenset[str]]
    alive_only: frozenset[str] = frozenset()
    drg_exclusions: dict[str, frozenset[str]] = field(default_factory=dict)

    def pdx_for(self, code: str) -> frozenset[str]:
        """Principal diagnoses that exclude the CC/MCC `code` (empty when it is not a CC/MCC)."""
        number = self.collection_of.get(normalize(code))
        return self.collections.get(number, frozenset()) if number else frozenset()


def parse_cc_exclusions(path: str | Path, data: bytes | None = None) -> CcExclusions:
    """Parse Table 6K as published (part 1 codes and PDX collections, part 2, part 3)."""
    path = Path(path)
    level: dict[str, str] = {}
    collection_of: dict[str, str] = {}
    sizes: dict[str, tuple[int, int]] = {}  # collection -> (declared size, line declared)
    collections: dict[str, set[str]] = {}
    alive: set[str] = set()
    part3: dict[str, set[str]] = {}
    part = 0
    current: set[str] | None = None
    for line, raw in enumerate(_read_text(path, data).splitlines(), start=1):
        text = raw.rstrip()
        if not text.strip():
            continue
        if text.startswith("K Part "):
            part = int(text[7]) if text[7:8].isdigit() else -1
            if part not in (1, 2, 3):
                raise DrgTableError(path, line, f"expected 'K Part 1', 'K Part 2' or 'K Part 3' "
                                    f"(got {text!r})")
            current = alive if part == 2 else None
            continue
        if part == 0:
            continue  # the preamble
        if part == 1:
            m = _6K_ROW_RE.match(text)
            if m:
                code, lev, number, size, _desc = m.groups()
                if code in level:
                    raise DrgTableError(path, line, f"code {code} listed twice in part 1")
                level[code] = lev
                if number:  # "No Excl": no principal diagnosis cancels this CC/MCC
                    collection_of[code] = number
                    sizes.setdefault(number, (int(size.replace(",", "")), line))
                continue
            m = _6K_COLLECTION_RE.match(text)
            if m:
                current = collections.setdefault(m.group(1), set())
                continue
            m = _6K_MEMBER_RE.match(text)
            if m and current is not None:
                current.add(m.group(1))
                continue
            if text.lstrip().startswith("I10 Dx"):
                continue
            raise DrgTableError(path, line, "expected a CC/MCC row (' CODE  CC|MCC  NNNN:n codes  title'), "
                                f"'PDX collection NNNN' or a collection member (got {text[:70]!r})")
        m = _6K_MEMBER_RE.match(text)
        if m and current is not None:
            current.add(m.group(1))
            continue
        if part == 3 and text.startswith("MDC "):
            current = part3.setdefault(text.strip(), set())
            continue
        raise DrgTableError(path, line, f"expected a code line ('  CODE  title') in part {part} "
                            f"(got {text[:70]!r})")
    if not level:
        raise DrgTableError(path, None, "no CC/MCC rows found (expected 'K Part 1' of Table 6K)")
    for number, (size, line) in sizes.items():
        got = len(collections.get(number, ()))
        if got != size:
            raise DrgTableError(path, line, f"PDX collection {number} is declared with {size} codes "
                                f"but lists {got}")
    return CcExclusions(
        level=level,
        collection_of=collection_of,
        collections={k: frozenset(v) for k, v in collections.items()},
        alive_only=frozenset(alive),
        drg_exclusions={k: frozenset(v) for k, v in part3.items()},
    )


def levels_from_lists(mcc: Iterable[str], cc: Iterable[str]) -> dict[str, str]:
    """CC/MCC level per code from Tables 6I and 6J (MCC wins if a code were on both)."""
    out = {normalize(c): "CC" for c in cc}
    out.update({normalize(c): "MCC" for c in mcc})
    return out
