"""The built-in release 2026.1: counts, hierarchy, notes and inheritance, CC/MCC, DRGs, PCS, resolution.

Expected values come from the sources (the CDC tabular XML text, the simple_icd_10_cm code list,
CMS tables in the drg package) or from the ICD-10-CM / MS-DRG books, never from this code.
"""

from __future__ import annotations

import importlib.util
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from codesets.release.calendar import UnknownRelease, period
from codesets.release.core import ReleaseNotInstalled, installed_releases, load_release, resolve
from codesets.release.validity import invalid_codes, is_valid

SICD = Path(next(iter(importlib.util.find_spec("simple_icd_10_cm").submodule_search_locations))) / "data"


@pytest.fixture(scope="module")
def rel():
    return load_release("2026.1")


def _code_list() -> set[str]:
    text = (SICD / "code-list-April-2026.txt").read_text(encoding="utf-8")
    return {ln.split(" ")[0].replace(".", "") for ln in text.split("\n") if ln}


def test_counts_match_the_sources(rel):
    c = rel.counts()
    # The April 2026 code list names every tabular item; 39 one-category blocks are renamed X99-X99.
    listed = _code_list()
    codes = {it.code for it in rel.iter_cm()}
    assert codes - listed == {b for b in codes - listed if b.endswith("-" + b.split("-")[0])}
    assert listed - codes == {b.split("-")[0] for b in codes - listed} - codes
    assert c["cm_total"] == len(codes)
    assert c["cm_billable"] == sum(1 for it in rel.iter_cm() if it.billable) > 74000
    assert c["drgs"] > 760 and c["mcc"] > 3000 and c["cc"] > 15000
    assert c["pcs_codes"] > 78000 and c["pcs_tables"] > 800


def test_every_billable_code_passes_the_mce_and_headers_do_not(rel):
    billable = [it.code for it in rel.iter_cm() if it.billable]
    assert not invalid_codes(billable, "CM", period("2026.1"))
    assert not invalid_codes([p.code for p in rel.iter_pcs()], "PCS", period("2026.1"))
    headers = ["I50", "I502", "E11", "S72001", "T8141"]
    assert invalid_codes(headers, "CM", period("2026.1")) == set(headers)
    assert all(not rel.cm(h).billable for h in headers)


def test_titles_hierarchy_and_spelling(rel):
    item = rel.cm("i50.23 ")
    assert item.title == "Acute on chronic systolic (congestive) heart failure" and item.billable
    assert item.display == "I50.23"
    assert [a.code for a in rel.ancestors("I5023")] == ["I502", "I50", "I30-I5A", "9"]
    assert [a.kind for a in rel.ancestors("I5023")] == ["subcategory", "category", "block", "chapter"]
    assert [c.code for c in rel.children("I50.2")] == ["I5020", "I5021", "I5022", "I5023"]
    assert rel.cm("I10").billable and rel.cm("I10").kind == "code"
    assert rel.cm("B10").kind == "category" and rel.cm("B10-B10").kind == "block"
    assert rel.cm("ZZZ99") is None


def test_seventh_characters(rel):
    fx = rel.cm("S72.001A")
    assert fx.billable and fx.parent == "S72001"
    assert fx.title == ("Fracture of unspecified part of neck of right femur, "
                        "initial encounter for closed fracture")
    assert rel.cm("T81.41XA").billable  # placeholder X
    seven = rel.seven_chr("S72.001")
    assert seven["A"] == "initial encounter for closed fracture" and seven["S"] == "sequela"
    assert rel.seven_chr("I50.23") == {}
    # The MCE and the code list both reject S06.1X7D (death before regaining consciousness: no later visit).
    assert rel.cm("S061X7D") is None
    assert any(code == "S061X7D" for _s, code, _k, _d in rel.disagreements())


def test_note_inheritance(rel):
    notes = rel.notes("E11.22")
    own = [n for n in notes if n.inherited_from is None]
    assert [(n.kind, n.text) for n in own] == [
        ("use_additional_code", "code to identify stage of chronic kidney disease (N18.1-N18.6)")]
    inherited = [n.inherited_from for n in notes if n.inherited_from]
    assert inherited.index("E11") < inherited.index("4")  # nearest first: category before chapter
    assert any(n.kind == "excludes1" and "(E10.-)" in n.text and n.inherited_from == "E11" for n in notes)
    assert notes.index(own[0]) == 0


def test_cc_levels_and_exclusions(rel):
    assert rel.cc_level("I50.23") == "MCC"
    assert rel.cc_level("E87.1") == "CC"
    assert rel.cc_level("E11.9") is None
    assert rel.cc_exclusion_pdx("A00.0") == {"A000", "A001", "A009"}
    assert "I5023" in rel.cc_exclusion_pdx("I50.23")


def test_drg_rows(rel):
    row = rel.drg("291")
    assert row.title == "HEART FAILURE AND SHOCK WITH MCC" and row.mdc == "05" and row.post_acute
    assert rel.drg(10).weight == pytest.approx(7.1757)  # 10% cap applied
    assert rel.drg("998") is None
    assert len(rel.drgs()) == rel.counts()["drgs"] and rel.has_weights


def test_pcs_codes_and_tables(rel):
    assert rel.pcs("0dtj4zz").title == "Resection of Appendix, Percutaneous Endoscopic Approach"
    table = rel.pcs_table("0DT")
    assert table.operation.meaning == "Resection" and table.body_system.meaning == "Gastrointestinal System"
    # Rows cover exactly the valid codes of the table.
    built = {table.table + bp.value + ap.value + dv.value + q.value for r in table.rows for bp in r.body_parts
             for ap in r.approaches for dv in r.devices for q in r.qualifiers}
    assert built == {p.code for p in rel.iter_pcs() if p.code.startswith("0DT")}
    assert rel.pcs_table("ZZZ") is None


def test_validity_for_periods_without_tables():
    assert is_valid("i50.23", "CM", period("2027.0"))
    assert not is_valid("I50", "CM", period("2027.0"))
    assert is_valid("0DTJ4ZZ", "PCS", period("2027.0"))


def test_resolution_and_missing_releases(rel):
    assert "2026.1" in installed_releases()
    res = resolve(date="2026-10-01")
    assert res.period.release == "2027.0" and not res.exact and res.data.id == "2026.1"
    assert "2027.0" in res.notice and "not installed" in res.notice
    assert "workbench codesets import" in res.notice
    exact = resolve(date="2026-09-30")
    assert exact.exact and exact.notice is None and exact.data is rel
    with pytest.raises(ReleaseNotInstalled, match="workbench codesets import"):
        load_release("2027.0")
    with pytest.raises(UnknownRelease):
        load_release("1999.0")


def test_cache_file_is_private_and_plain_sqlite(rel):
    mode = os.stat(rel.path).st_mode
    assert stat.S_IMODE(mode) == 0o600
    assert stat.S_IMODE(os.stat(rel.cache_dir).st_mode) == 0o700
    con = sqlite3.connect(rel.path)
    assert con.execute("SELECT value FROM meta WHERE key = 'release'").fetchone() == ("2026.1",)
