"""The ICD-10-PCS table values a coder would see with no usable name in the table builder."""

from __future__ import annotations

from typing import Any

PLACEHOLDERS = ("meaning not installed", "?", "unknown")


def meaningless(release: Any) -> dict[str, list[str]]:
    """{table: ["<position><value>", ...]} of the row values whose name is empty, the bare character, a
    placeholder, or "None" for a value other than Z (the PCS value for no device / no qualifier)."""
    out: dict[str, list[str]] = {}
    for t in release.pcs_tables():
        table = release.pcs_table(t)
        seen: set[str] = set()
        for row in table.rows:
            for pos, axis in zip(range(4, 8), (row.body_parts, row.approaches, row.devices, row.qualifiers),
                                 strict=True):
                for v in axis:
                    m = v.meaning.strip()
                    bare = not m or m.upper() == v.value or m.lower() in PLACEHOLDERS
                    if (bare or (m == "None" and v.value != "Z")) and f"{pos}{v.value}" not in seen:
                        seen.add(f"{pos}{v.value}")
                        out.setdefault(t, []).append(f"{pos}{v.value}")
    return out
