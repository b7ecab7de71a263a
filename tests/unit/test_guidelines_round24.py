"""Issue 15, conv24: combination codes in checks and suggestions. Checks: hypotension beside septic shock
(I.B.5, Coding Clinic 4Q 2003), a substance code "with delirium" beside F05, J44.0 with no infection, gout
unspecified beside a sited gout, two stages of one pressure ulcer both present on admission (I.C.12.a.6), one
finding for O80's missing outcome code. Suggestions: one level a substance (I.C.5.b.1), the etiology word
selecting the acute pancreatitis subcode, the I13 heart-failure presumption with the stage written 3a / IIIa /
G3a. One firing and one near miss per shape; every code checked with `workbench code --json` (2026.1)."""

from __future__ import annotations

import datetime as dt

from tests.support.checking import chart, hits, serious
from workbench.model.encounter import Diagnosis, Document, Encounter
from workbench.record.suggest import suggest

DAY = dt.date(2026, 10, 9)


def enc(*dx: str, sex: str = "F", age: int = 70,
        procs: tuple[tuple[str, dt.date], ...] = ()) -> Encounter:
    return chart(*dx, discharge=DAY, days=4, account="R24", sex=sex, age=age, procs=procs)


def suggested(index, lines: str, *, dx: str = "J18.9") -> set[str]:
    text = f"DISCHARGE SUMMARY\nPrincipal Diagnosis: Pneumonia\nSecondary Diagnoses:\n{lines}\n"
    e = Encounter("R24", age=62, sex="M", admit_date=DAY - dt.timedelta(days=4), discharge_date=DAY,
                  diagnoses=[Diagnosis(dx.replace(".", ""), "Y")], procedures=[],
                  documents=[Document("Discharge Summary", text, "Dr. A", DAY.isoformat())])
    return {s.code for s in suggest(e, index=index) if s.kind == "code"}


# ------------------------------------------------------------------ checks

def test_hypotension_beside_septic_shock_is_the_shock(checker):
    e = enc("A41.9", "R65.21", "J18.9", "I95.9")
    assert hits(checker, e, "I.B.5") == {("warning", ("I959", "R6521"))}
    # beside severe sepsis without shock it may be the organ dysfunction R65.20 asks for
    assert not serious(checker, enc("A41.9", "R65.20", "N39.0", "I95.9"))
    # a drug-induced hypotension is another condition
    assert not hits(checker, enc("A41.9", "R65.21", "J18.9", "I95.2"), "I.B.5")


def test_delirium_beside_a_substance_code_that_says_it(checker):
    assert hits(checker, enc("F10.231", "F05", sex="M"), "I.B.5") == {("warning", ("F05", "F10231"))}
    assert not serious(checker, enc("F10.239", "F05", sex="M"))  # withdrawal without delirium


def test_copd_with_lower_respiratory_infection_and_no_infection(checker):
    assert hits(checker, enc("J44.0", "J96.01"), "I.C.10.a") == {("warning", ("J440",))}
    assert not serious(checker, enc("J44.0", "J15.212"))
    assert not serious(checker, enc("J44.0", "U07.1"))  # COVID-19 is the infection


def test_gout_unspecified_beside_gout_of_a_site(checker):
    assert hits(checker, enc("M10.061", "M10.9", sex="M"), "I.B.9") == {("warning", ("M109", "M10061"))}
    assert not serious(checker, enc("M10.061", "M10.071", sex="M"))  # two sites


def test_two_stages_of_one_ulcer_both_present_on_admission(checker):
    e = enc("L89.152", "L89.153", "E43")
    assert hits(checker, e, "I.C.12.a.6") == {("warning", ("L89152", "L89153"))}
    # progressed during the stay: the admission stage and the highest stage (I.C.12.a.6)
    assert not serious(checker, enc("L89.152", "L89.153:N", "E43"))


def test_o80_without_its_outcome_code_is_said_once(checker):
    e = enc("O80:", "Z3A.39:", sex="F", age=27, procs=(("10E0XZZ", DAY - dt.timedelta(days=2)),))
    missing = [f for f in checker.check(e) if f.severity != "info" and "outcome of delivery" in f.message]
    assert [(f.codes, f.rule.split(":")[0]) for f in missing] == [
        (("O80", "10E0XZZ"), "ICD-10-CM Official Guidelines I.C.15.b.5")]


def test_substance_hierarchy_in_each_family(checker):
    for low, high in (("F13.10", "F13.20"), ("F15.90", "F15.10"), ("F16.90", "F16.10"), ("F18.10", "F18.20"),
                      ("F19.10", "F19.20")):
        got = hits(checker, enc(high, low, sex="M", age=40), "I.C.5.b.1")
        assert got == {("warning", (low.replace(".", ""), high.replace(".", "")))}, (low, high)
    assert not hits(checker, enc("F11.20", "F13.10", sex="M", age=40), "I.C.5.b.1")  # two substances


# ------------------------------------------------------------------ suggestions

def test_one_level_a_substance_is_suggested(index):
    got = suggested(index, "1. Alcohol dependence\n2. Alcohol abuse\n3. Alcohol use\n"
                    "4. Cocaine use disorder, severe\n5. Cocaine abuse")
    assert {"F1020", "F1420"} <= got
    assert not {"F1010", "F1090", "F1410"} & got
    got = suggested(index, "1. Alcohol abuse\n2. Cannabis use")
    assert {"F1010", "F1290"} <= got  # two substances, one level each


def test_the_etiology_word_selects_the_acute_pancreatitis_subcode(index):
    got = suggested(index, "1. Acute alcoholic pancreatitis")
    assert "K8520" in got and "K8590" not in got
    assert "K8530" in suggested(index, "1. Acute pancreatitis, drug-induced (valproate)")
    assert "K8512" in suggested(index, "1. Acute biliary pancreatitis with infected necrosis")
    assert "K8590" in suggested(index, "1. Acute pancreatitis")  # no etiology said


def test_hypertensive_heart_and_kidney_disease_with_heart_failure_in_one_phrase(index):
    for stage in ("CKD 3a", "CKD IIIa", "CKD stage 3A", "CKD G3a"):
        phrase = f"1. Hypertensive heart and chronic kidney disease with heart failure, {stage}"
        got = suggested(index, phrase)
        assert {"I130", "N1831", "I509"} <= got and "I1310" not in got, stage
    got = suggested(index, "1. Hypertensive heart and chronic kidney disease without heart failure, CKD 3a")
    assert "I1310" in got and not {"I130", "I509"} & got
