"""Build an ICD-10-PCS code axis by axis from its table, as coders do with the code book.

    view = build_view(rel, "0SG0")        # table 0SG with body part 0 chosen
    view.axes[1].values                   # approaches valid with body part 0
    view.code, view.title                 # set once all seven characters are chosen and valid

Characters 4-7 are chosen in order; each axis lists only the values some row of the table allows
together with the values chosen before it (ICD-10-PCS Tables: "a code is valid only if some row holds
all its values"). Body part and device values carry the Body Part Key and Device Key terms that lead to
them. A prefix that no table holds raises `PrefixError`, whose message names the nearest valid choices.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from codesets.codes import normalize
from codesets.model import PcsAxisValue, PcsRow, PcsTable
from codesets.pcs import sections as pcs_sections
from codesets.pcs.keys import PcsKeys

_VALID_CHARS = set("0123456789ABCDEFGHJKLMNPQRSTUVWXYZ")


class PrefixError(ValueError):
    """A code or table prefix that no ICD-10-PCS table holds; `nearest` lists what would be valid."""

    def __init__(self, message: str, nearest: tuple[str, ...] = ()) -> None:
        super().__init__(message)
        self.nearest = nearest


@dataclass(frozen=True, slots=True)
class BuilderValue:
    """One value of an axis: character, meaning and the key terms (Body Part / Device Key) for it."""

    value: str
    meaning: str
    key_terms: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class BuilderAxis:
    """Characters 4 to 7: the axis name, the values valid so far and the one chosen (or None)."""

    position: int
    name: str
    values: tuple[BuilderValue, ...]
    chosen: str | None

    def value(self, char: str) -> BuilderValue | None:
        return next((v for v in self.values if v.value == char), None)


@dataclass(frozen=True, slots=True)
class TableView:
    """A PCS table with characters 4-7 chosen up to `prefix`; `code`/`title` once complete and valid."""

    table: str
    prefix: str
    section: str
    body_system: str
    operation: str
    definition: str
    axes: tuple[BuilderAxis, ...]
    code: str | None = None
    title: str | None = None

    @property
    def next_position(self) -> int | None:
        """The first axis (4-7) still to choose, None when the code is complete."""
        return next((a.position for a in self.axes if a.chosen is None), None)

    def as_dict(self) -> dict[str, Any]:
        return {
            "table": self.table, "prefix": self.prefix, "section": self.section,
            "body_system": self.body_system, "operation": self.operation, "definition": self.definition,
            "code": self.code, "title": self.title,
            "axes": [{"position": a.position, "axis": a.name, "chosen": a.chosen,
                      "values": [{"value": v.value, "meaning": v.meaning, "key": list(v.key_terms)}
                                 for v in a.values]} for a in self.axes],
        }


def _cells(row: PcsRow) -> tuple[tuple[PcsAxisValue, ...], ...]:
    return (row.body_parts, row.approaches, row.devices, row.qualifiers)


def clean_prefix(raw: str) -> str:
    """Upper case, dots/spaces/dashes out; raises PrefixError when it cannot be a PCS prefix."""
    p = normalize(raw).replace("-", "").replace(" ", "")
    if not 3 <= len(p) <= 7:
        raise PrefixError(f"{raw.strip()!r}: a PCS table prefix has 3 to 7 characters "
                          "(e.g. 0SG, 0SG0, 0SG00AJ)")
    bad = sorted(set(p) - _VALID_CHARS)
    if bad:
        raise PrefixError(f"{raw.strip()!r}: PCS codes use digits and letters except I and O (got "
                          f"{', '.join(repr(b) for b in bad)})")
    return p


def nearest_tables(release: Any, prefix: str, limit: int = 6) -> tuple[str, ...]:
    """Tables sharing the longest start with `prefix`, named ("0SR Replacement, Lower Joints")."""
    tables = release.pcs_tables()
    p = prefix[:3]
    for n in (2, 1):
        near = [t for t in tables if t.startswith(p[:n])]
        if near:
            after = [t for t in near if t >= p]
            before = [t for t in near if t < p][::-1]
            picked = sorted((after[: limit // 2 + 1] + before)[:limit])
            return tuple(table_label(release, t) for t in picked)
    return ()


def table_label(release: Any, table: str) -> str:
    t = release.pcs_table(table)
    if t is None:
        return table
    operation = t.operation.meaning or pcs_sections.operation(table)
    return f"{table} {operation}, {t.body_system.meaning}".rstrip(", ")


def build_view(release: Any, raw: str, keys: PcsKeys | None = None) -> TableView:
    """The table of `raw` (3-7 characters) with its characters 4+ chosen; PrefixError when invalid."""
    prefix = clean_prefix(raw)
    table = release.pcs_table(prefix[:3])
    if table is None:
        near = nearest_tables(release, prefix)
        rel_id = getattr(release, "id", "?")
        raise PrefixError(f"{prefix[:3]} is not an ICD-10-PCS table in release {rel_id}; "
                          f"nearest tables: {'; '.join(near) or 'none'}", near)
    return _view(release, table, prefix, keys)


def _view(release: Any, table: PcsTable, prefix: str, keys: PcsKeys | None) -> TableView:
    names = pcs_sections.axis_names(table.table)
    section, system = pcs_sections.names(table.table)
    rows = list(table.rows)
    axes: list[BuilderAxis] = []
    for i in range(4):
        pos = 4 + i
        merged: dict[str, PcsAxisValue] = {}
        for row in rows:
            for v in _cells(row)[i]:
                merged.setdefault(v.value, v)
        shown = [_meaning_here(table, prefix, i, v) for v in sorted(merged.values(), key=lambda v: v.value)]
        values = tuple(_with_key(v, i, table, keys) for v in shown)
        chosen = prefix[pos - 1] if len(prefix) >= pos else None
        if chosen is not None and chosen not in merged:
            picked = "".join(prefix[3 : pos - 1])
            after = f" after {picked}" if picked else ""
            valid = ", ".join(f"{v.value} {v.meaning}" for v in values[:12])
            valid += " ..." if len(values) > 12 else ""
            raise PrefixError(f"{prefix}: {names[pos - 1]} {chosen!r} is not valid in table {table.table}"
                              f"{after}; valid: {valid}",
                              tuple(table.table + prefix[3 : pos - 1] + v.value for v in values))
        axes.append(BuilderAxis(pos, names[pos - 1], values, chosen))
        if chosen is not None:
            rows = [r for r in rows if any(v.value == chosen for v in _cells(r)[i])]
    code = title = None
    if len(prefix) == 7:
        found = release.pcs(prefix)
        code = prefix
        title = found.title if found is not None else None
    return TableView(
        table=table.table, prefix=prefix,
        section=table.section.meaning or section, body_system=table.body_system.meaning or system,
        operation=table.operation.meaning or pcs_sections.operation(table.table),
        definition=table.operation_definition, axes=tuple(axes), code=code, title=title,
    )


def _meaning_here(table: PcsTable, prefix: str, axis: int, v: PcsAxisValue) -> PcsAxisValue:
    """The value's meaning on the rows the chosen characters (before and after this axis) leave: a
    section X value is another substance in each New Technology group (XW0 substance 5 is Mosunetuzumab in
    one group, Narsoplimab in another), so the first row's meaning would be wrong for the others. While
    the rows left disagree, each meaning is shown with the qualifier (group) that gives it."""
    chosen = {k: prefix[3 + k] for k in range(len(prefix) - 3) if k != axis}
    found: dict[str, list[str]] = {}
    for row in table.rows:
        cells = _cells(row)
        if not all(any(c.value == ch for c in cells[k]) for k, ch in chosen.items()):
            continue
        here = next((c for c in cells[axis] if c.value == v.value), None)
        if here is not None:
            found.setdefault(here.meaning, []).extend(q.meaning or q.value for q in cells[3])
    if len(found) <= 1 or axis == 3:
        return next((PcsAxisValue(v.value, m) for m in found), v)
    return PcsAxisValue(v.value, "; ".join(
        f"{m} ({', '.join(sorted(set(map(_short_group, groups))))})" for m, groups in found.items()))


def _short_group(meaning: str) -> str:
    return meaning.replace("New Technology Group ", "group ")


def _with_key(v: PcsAxisValue, axis: int, table: PcsTable, keys: PcsKeys | None) -> BuilderValue:
    if keys is None or table.table[0] not in "0X":
        return BuilderValue(v.value, v.meaning)
    if axis == 0:
        return BuilderValue(v.value, v.meaning, keys.body_part(v.meaning))
    if axis == 2 and v.value != "Z":
        return BuilderValue(v.value, v.meaning, keys.device(v.meaning, table.body_system.meaning))
    return BuilderValue(v.value, v.meaning)
