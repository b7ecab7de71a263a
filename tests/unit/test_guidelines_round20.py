"""Issue 15, conv20: drug effects (an adverse effect or an underdosing as principal, one drug as poisoning and
adverse effect), initial and subsequent 7th characters of one condition in one stay, one side beside the
bilateral code, withdrawal symptoms, a symptom beside the "without" sibling of its combination code, O24
without its diabetes code, and tobacco use beside nicotine dependence. One case firing and one not firing
per rule, on release 2026.1; every code checked with `workbench code --json`."""

from __future__ import annotations

import datetime as dt

from tests.support.checking import chart, hits, serious
from workbench.model.encounter import Encounter

DAY = dt.date(2026, 6, 7)


def enc(*dx: str, sex: str = "M", age: int = 64) -> Encounter:
    return chart(*dx, discharge=DAY, days=5, account="R20", sex=sex, age=age)


def test_adverse_effect_as_principal_goes_after_its_nature(checker):
    e = enc("T50.905A", "R11.10", "I10")
    assert hits(checker, e, "I.C.19.e.5.a:") == {("warning", ("T50905A", "R1110"))}
    assert not serious(checker, enc("R11.10", "T50.905A", "I10"))


def test_underdosing_is_never_principal(checker):
    e = enc("T46.5X6A", "I16.0", "I10", "Z91.120:")
    assert hits(checker, e, "I.C.19.e.5.c") == {("blocking", ("T465X6A",))}
    assert not serious(checker, enc("I16.0", "I10", "T46.5X6A", "Z91.120:"))


def test_one_drug_is_not_both_poisoning_and_adverse_effect(checker):
    e = enc("T42.4X1A", "R40.0", "T42.4X5A", "F10.20")
    assert hits(checker, e, "I.C.19.e.5.a-b") == {("warning", ("T424X5A", "T424X1A"))}
    # a poisoning by one drug beside an adverse effect of another: both stand
    assert not hits(checker, enc("T42.4X1A", "R40.0", "T36.0X5A", "L27.0"), "I.C.19.e.5.a-b")


def test_initial_and_subsequent_encounter_of_one_condition(checker):
    e = enc("S72.001A", "S72.001D", "W19.XXXA")
    assert hits(checker, e, "I.C.19.a") == {("warning", ("S72001D", "S72001A"))}
    e = enc("T40.2X1A", "T40.2X1D", "J96.01")
    assert hits(checker, e, "I.C.19.a") == {("warning", ("T402X1D", "T402X1A"))}
    # the other hip's old fracture, healing: another code, no finding
    assert not hits(checker, enc("S72.001A", "S72.002D", "W19.XXXA"), "I.C.19.a")


def test_one_side_beside_the_bilateral_code(checker):
    e = enc("H40.1131", "H40.1121", "I10")
    assert hits(checker, e, "I.B.13") == {("warning", ("H401121", "H401131"))}
    # the right eye at another stage than the bilateral code's: each eye coded (I.C.7.a.2)
    assert not serious(checker, enc("H40.1112", "H40.1121", "I10"))


def test_withdrawal_tremor_is_the_withdrawal(checker):
    e = enc("F10.239", "R25.1", "E87.1")
    assert hits(checker, e, "I.B.5") == {("warning", ("R251", "F10239"))}
    # tremor beside dependence without withdrawal is its own finding to code
    assert not hits(checker, enc("G20.A1", "R25.1", "F10.20"), "I.B.5")


def test_symptom_beside_the_without_sibling_of_its_combination(checker):
    e = enc("K70.30", "R18.8", "F10.20")
    assert hits(checker, e, "I.A.15 (\"with\") and I.B.9") == {("warning", ("K7030", "R188"))}
    assert not serious(checker, enc("K70.31", "F10.20", "E87.1"))


def test_pre_existing_diabetes_in_pregnancy_needs_its_diabetes_code(checker):
    e = enc("O24.113", "Z3A.30:", "Z79.4:", sex="F", age=30)
    assert hits(checker, e, "I.C.15.g") == {("warning", ("O24113",))}
    assert not serious(checker, enc("O24.113", "E11.9", "Z3A.30:", "Z79.4:", sex="F", age=30))
    # gestational diabetes has no type code to add
    assert not hits(checker, enc("O24.414", "Z3A.30:", sex="F", age=30), "I.C.15.g")


def test_tobacco_use_beside_nicotine_dependence(checker):
    e = enc("J44.1", "F17.210", "Z72.0:")
    found = [f for f in checker.check(e) if f.severity != "info"]
    assert [(f.severity, f.codes) for f in found] == [("warning", ("Z720", "F17210"))]
    # the decision: "tobacco use disorder" is dependence (F17.2-) per the Index, said in the finding
    assert "tobacco use disorder" in found[0].message and "I.C.5.b.1" in found[0].rule
    assert not serious(checker, enc("J44.1", "F17.210", "Z79.51:"))


def test_organ_dysfunction_is_not_principal_beside_severe_sepsis_on_admission(checker):
    e = enc("N17.9", "A41.9", "R65.20", "J18.9")
    assert hits(checker, e, "I.C.1.d") == {("warning", ("N179", "A419"))}
    assert not serious(checker, enc("A41.9", "R65.20", "N17.9", "J18.9"))
    # the sepsis arose in the stay: the AKI that occasioned the admission stays principal
    assert not serious(checker, enc("N17.9", "J18.9", "A41.9:N", "R65.20:N", "J96.01:N"))
    # an NSTEMI beside severe sepsis may be principal (I.C.1.d.5): not this rule's
    assert not hits(checker, enc("I21.4", "A41.9", "R65.20", "N17.9", "J18.9"), "I.C.1.d")


def test_drug_induced_condition_needs_the_drug(checker):
    e = enc("D64.81", "C34.90")
    assert hits(checker, e, "I.C.19.e.5.a (and I.C.2.c.2)") == {("warning", ("D6481",))}
    assert hits(checker, enc("G21.11", "F20.9"), "I.C.19.e.5.a (and I.C.2.c.2)") == {("warning", ("G2111",))}
    assert not serious(checker, enc("D64.81", "C34.90", "T45.1X5A"))
    # a poisoning code names the drug too
    assert not serious(checker, enc("T42.4X1A", "G62.0", "F10.20"))
