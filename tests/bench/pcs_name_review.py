"""Flag the ICD-10-PCS axis names of sections 2-X (read off the long titles) a coder could misread in the
table builder, for a person to read against the titles:

- repeat: the same name on two axes of one code ("Breast Milk Collection" as body system and function);
- holds: a name holding the root operation's name or another axis's name of the same code;
- unspelled: a name no title of its codes spells (words the titles do not put together);
- list: a name joining several phrases (" / ", "...") no title spells.

    WORKBENCH_DATA_DIR=... PYTHONPATH=. .venv/bin/python -m tests.bench.pcs_name_review [--release 2026.1]
"""

from __future__ import annotations

import argparse
from collections import defaultdict

from codesets.pcs import meanings as pcs_meanings
from codesets.pcs import sections as pcs_sections
from codesets.release.core import load_release

Flag = tuple[str, int, int, str]  # table, row, position, value


def _cells(row):
    return (row.body_parts, row.approaches, row.devices, row.qualifiers)


def review(rel) -> dict[Flag, tuple[str, set[str], str]]:
    """{(table, row, position, value): (name, flags, an example code and its title)}."""
    titles = {c.code: c.title for c in rel.iter_pcs() if c.code[0] not in "01"}
    by_table: dict[str, list[str]] = defaultdict(list)
    for c in sorted(titles):
        by_table[c[:3]].append(c)
    out: dict[Flag, tuple[str, set[str], str]] = {}
    spelled: dict[Flag, bool] = defaultdict(bool)
    example: dict[Flag, str] = {}
    listed: set[Flag] = set()  # " / " the titles do not spell ("Sound Field / Booth" is one device)
    for t, codes in by_table.items():
        table = rel.pcs_table(t)
        if table is None:
            continue
        op = table.operation.meaning
        names = pcs_sections.axis_names(t)
        for code in codes:
            found = next(((seq, row) for seq, row in enumerate(table.rows)
                          if all(any(a.value == code[3 + i] for a in cell)
                                 for i, cell in enumerate(_cells(row)))), None)
            if found is None:
                continue
            seq, row = found
            picked = [next(a for a in cell if a.value == code[3 + i]) for i, cell in enumerate(_cells(row))]
            meanings = {4 + i: a.meaning for i, a in enumerate(picked) if a}
            for pos, m in meanings.items():
                if names[pos - 1] == "approach" or m in ("", pcs_meanings.NONE) \
                        or m.startswith("New Technology Group"):
                    continue
                key = (t, seq, pos, code[pos - 1])
                flags = out.setdefault(key, (m, set(), ""))[1]
                example.setdefault(key, code)
                toks = pcs_meanings.tokens(m)
                if pcs_meanings.contains(titles[code], m):
                    spelled[key] = True
                if " / " in m or m.endswith("..."):
                    listed.add(key)
                if op and pcs_meanings._contains(toks, pcs_meanings.tokens(op)):
                    flags.add("holds-operation")
                for p, other in meanings.items():
                    if p == pos or other in ("", pcs_meanings.NONE) or names[p - 1] == "approach" \
                            or other.startswith("New Technology Group"):
                        continue
                    if other == m:
                        flags.add("repeat")
                    elif pcs_meanings._contains(toks, pcs_meanings.tokens(other)) \
                            and m != f"Other {other}":  # PCS names the rest of a kind so
                        flags.add("holds-other-axis")
    for key, (m, flags, _e) in out.items():
        if not spelled[key]:
            flags.add("unspelled")
            if key in listed:
                flags.add("list")
        code = example[key]
        out[key] = (m, flags, f"{code} {titles[code]}")
    return {k: v for k, v in out.items() if v[1]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--release", default="2026.1")
    rel = load_release(ap.parse_args().release)
    flagged = review(rel)
    kinds: dict[str, int] = defaultdict(int)
    for _m, flags, _e in flagged.values():
        for f in flags:
            kinds[f] += 1
    print(f"{len(flagged)} flagged names (table rows): "
          + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items())))
    for (t, seq, pos, v), (m, flags, ex) in sorted(flagged.items()):
        print(f"  {t} row {seq + 1} {pos}{v} {m!r} [{','.join(sorted(flags))}]  e.g. {ex}")


if __name__ == "__main__":
    main()
