"""Official-file imports from fixtures in the CDC/CMS layouts (tests/fixtures/official), into a private
data folder so that the shared test cache never sees the FY2027 fixture release."""

from __future__ import annotations

import shutil
import zipfile
from pathlib import Path

import pytest

from codesets.release.core import load_release
from codesets.release.importer import ImportFailed, install
from workbench.cli import main

OFFICIAL = Path(__file__).parents[1] / "fixtures" / "official"
FY2027 = OFFICIAL / "fy2027"


def test_import_folder_builds_release(data_dir):
    done = install([str(FY2027)])
    rid, counts = done.release, done.counts
    assert rid == "2027.0"
    rel = load_release("2027.0")
    assert rel.cm("I50.23").title == "Acute on chronic systolic (congestive) heart failure"
    assert rel.cm("I50.23").billable and not rel.cm("I50").billable
    assert [a.code for a in rel.ancestors("I5023")] == ["I502", "I50", "I30-I5A", "9"]
    # 7th characters: the order file lists A and D, so the S generated from sevenChrDef is not a code.
    assert rel.cm("S72.001A").billable and rel.cm("S72001D") and rel.cm("S72001S") is None
    assert rel.seven_chr("S72.001")["S"] == "sequela"
    assert ("use_additional_code", "code to identify stage of chronic kidney disease (N18.1-N18.6)") in \
        [(n.kind, n.text) for n in rel.notes("E11.22")]
    assert rel.pcs("0DTJ4ZZ").title == "Resection of Appendix, Percutaneous Endoscopic Approach"
    table = rel.pcs_table("0DT")
    assert table.operation.meaning == "Resection"
    assert table.operation_definition.startswith("Cutting out or off")
    assert [a.value for a in table.rows[0].approaches] == ["0", "4"]
    assert not rel.has_weights and rel.drg("291") is None
    assert counts["cm_billable"] == 9
    # section X: value 2 of XW0 is a different substance in each New Technology group (row)
    assert rel.pcs_code_meanings("XW00X27")[3:] == \
        ("Skin", "External", "Anacaulase-bcdb", "New Technology Group 7")
    assert rel.pcs_code_meanings("XW01329")[5] == "Talquetamab Antineoplastic"
    assert [r.devices[0].meaning for r in rel.pcs_table("XW0").rows] == \
        ["Anacaulase-bcdb", "Talquetamab Antineoplastic"]


def test_index_entries(data_dir):
    install([str(FY2027)])
    rel = load_release("2027.0")
    terms = list(rel.index_terms())
    assert rel.has_index
    paths = {t.path: t for t in terms}
    hf = paths[("Failure", "heart", "systolic (congestive)", "acute on chronic")]
    assert hf.code == "I50.23"
    assert paths[("Failure", "heart")].see_also == "Disease, heart"
    assert paths[("Decompensation", "heart")].see == "Disease, heart"
    assert paths[("Diabetes, diabetic (mellitus) (sugar)",)].code == "E11.9"
    neo = paths[("Neoplasm, neoplastic", "appendix", "Malignant Primary")]
    assert neo.code == "C18.1" and neo.source == "neoplasm"
    drug = [t for t in terms if t.source == "drug" and t.path[-1] == "Adverse effect"]
    assert drug[0].code == "T38.3X5"
    assert any(t.source == "pcs_index" and t.path == ("Appendectomy",) and "0DTJ" in t.see for t in terms)


def test_import_zip_with_table5(data_dir, tmp_path):
    z = tmp_path / "2027-release.zip"
    with zipfile.ZipFile(z, "w") as zf:
        for f in FY2027.iterdir():
            zf.write(f, f"icd10-2027/{f.name}")
    install([str(z), str(OFFICIAL / "table5_fy2027.txt")])
    rel = load_release("2027.0")
    assert rel.has_weights and rel.drg("291").weight == pytest.approx(1.3102)


@pytest.mark.parametrize(
    ("corrupt", "where"),
    [
        ("icd10cm_order_2027.txt", "icd10cm_order_2027.txt, line 5: expected the fixed-width order layout"),
        ("icd10cm_tabular_2027.xml", "icd10cm_tabular_2027.xml, line 43: E119: missing <desc>"),
        ("icd10pcs_tables_2027.xml", "element pcsTable[1]/pcsRow[1]: expected axes pos 4 to 7"),
    ],
)
def test_corrupt_files_name_the_place_and_install_nothing(data_dir, tmp_path, corrupt, where):
    folder = tmp_path / "release"
    shutil.copytree(FY2027, folder)
    shutil.copy(OFFICIAL / "corrupt" / corrupt, folder / corrupt)
    with pytest.raises(ImportFailed) as err:
        install([str(folder)])
    assert where in str(err.value)
    assert not (data_dir / "releases" / "2027.0" / "release.sqlite").exists()


def test_cli_import_and_missing_weights(data_dir, capsys):
    assert main(["codesets", "import", str(FY2027)]) == 0
    out = capsys.readouterr().out
    assert "installed release 2027.0" in out and "no weights installed for FY2027" in out
    assert main(["codesets", "import", str(OFFICIAL / "corrupt")]) == 2
    err = capsys.readouterr().err
    assert "nothing was installed" in err


def test_cli_code_card_against_imported_release(data_dir, capsys):
    install([str(FY2027)])
    assert main(["code", "i5023", "--release", "2027.0", "--json"]) == 0
    import json

    card = json.loads(capsys.readouterr().out)
    assert card["code"] == "I50.23" and card["system"] == "CM" and card["release"] == "2027.0"
    assert card["exact"] and card["billable"]
    assert {"kind": "excludes2", "text": "cardiac arrest (I46.-)", "inherited_from": "I50"} in card["notes"]


POA = OFFICIAL / "poa"


def test_poa_exempt_list_alone_is_installed_for_its_period(data_dir, capsys):
    from codesets.release import poa_exempt

    assert main(["codesets", "import", str(POA / "POAexemptCodes2027.txt")]) == 0
    out = capsys.readouterr().out
    assert "installed the POA-exempt list for 2027.0: 6 codes" in out
    assert poa_exempt.load("2027.0") == {"Y92009", "Z6841", "Z794", "Z8249", "Z87891", "Z880"}
    assert (data_dir / "releases" / "2027.0" / "poa_exempt.txt").stat().st_mode & 0o777 == 0o600
    assert poa_exempt.load("2026.0") is None


def test_poa_exempt_change_lists_are_skipped_and_april_names_the_update(data_dir):
    from codesets.release import poa_exempt

    with pytest.raises(ImportFailed, match="more than one POA-exempt list"):
        install([str(POA)])
    done = install([str(POA / "POAexemptCodesApr26.txt"), str(POA / "POAexemptAddCodes2027.txt")])
    assert done.release == "2026.1" and done.counts is None and done.poa_exempt == 6
    assert any("POAexemptAddCodes2027.txt" in s for s in done.found.skipped)
    assert poa_exempt.load("2026.1") and poa_exempt.load("2027.0") is None


def test_poa_exempt_list_with_the_release_files(data_dir):
    from codesets.release import poa_exempt

    done = install([str(FY2027), str(POA / "POAexemptCodes2027.txt")])
    assert done.release == "2027.0" and done.counts["cm_billable"] == 9 and done.poa_exempt == 6
    assert "Z794" in poa_exempt.load("2027.0")
    with pytest.raises(ImportFailed, match="list is for release 2026.1 but the code files are for"):
        install([str(FY2027), str(POA / "POAexemptCodesApr26.txt")])


def test_corrupt_poa_exempt_list_names_line_and_field_and_installs_nothing(data_dir, capsys):
    from codesets.release import poa_exempt

    bad = OFFICIAL / "corrupt" / "POAexemptCodes2027.txt"
    assert main(["codesets", "import", str(bad)]) == 2
    err = capsys.readouterr().err
    assert "POAexemptCodes2027.txt, line 4, field 2 (POAexemptCode)" in err and "'Z79.4 x'" in err
    assert "nothing was installed" in err
    assert poa_exempt.load("2027.0") is None


def test_april_order_file_names_the_april_update():
    from codesets.release.importer import Found, _release_id

    assert _release_id(Found(cm_order=[("icd10cm-order-April-2025.txt", b"")]), None) == "2025.1"
    assert _release_id(Found(cm_order=[("icd10cm_order_2025.txt", b"")]), None) == "2025.0"
