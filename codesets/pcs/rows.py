"""ICD-10-PCS table rows derived from a list of valid codes.

The official tables XML lists rows (body parts x approaches x devices x qualifiers that go together).
When only valid codes are at hand (the built-in release), the rows are rebuilt exactly: every row's
product is valid and the rows together cover every code of the table, nothing more.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable


def derive_rows(codes: Iterable[str]) -> dict[str, list[tuple[str, str, str, str]]]:
    """`{table: [(body_parts, approaches, devices, qualifiers), ...]}`, each a string of axis values."""
    by_table: dict[str, dict[str, set[tuple[str, str, str]]]] = defaultdict(lambda: defaultdict(set))
    for c in codes:
        by_table[c[:3]][c[3]].add((c[4], c[5], c[6]))
    out: dict[str, list[tuple[str, str, str, str]]] = {}
    for table, parts in sorted(by_table.items()):
        rows: list[tuple[str, str, str, str]] = []
        # Body parts with the same set of (approach, device, qualifier) share rows.
        groups: dict[frozenset[tuple[str, str, str]], list[str]] = defaultdict(list)
        for bp, triples in sorted(parts.items()):
            groups[frozenset(triples)].append(bp)
        for shared, bps in groups.items():
            for approaches, devices, qualifiers in _split(shared):
                rows.append(("".join(bps), approaches, devices, qualifiers))
        out[table] = sorted(rows, key=lambda r: (r[0], r[1], r[2], r[3]))
    return out


def _split(triples: frozenset[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Exact cover of (approach, device, qualifier) triples by products."""
    by_app: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for a, d, q in triples:
        by_app[a].add((d, q))
    app_groups: dict[frozenset[tuple[str, str]], list[str]] = defaultdict(list)
    for a, pairs in sorted(by_app.items()):
        app_groups[frozenset(pairs)].append(a)
    out = []
    for app_pairs, apps in app_groups.items():
        by_dev: dict[str, set[str]] = defaultdict(set)
        for d, q in app_pairs:
            by_dev[d].add(q)
        dev_groups: dict[frozenset[str], list[str]] = defaultdict(list)
        for d, quals in sorted(by_dev.items()):
            dev_groups[frozenset(quals)].append(d)
        for dev_quals, devs in dev_groups.items():
            out.append(("".join(apps), "".join(devs), "".join(sorted(dev_quals))))
    return out
