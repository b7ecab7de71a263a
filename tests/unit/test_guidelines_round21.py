"""Issue 15, conv21: I24.9 beside a myocardial infarction, the chapter-15 O98/O99 code and the condition it
stands for (read from the release's "Conditions in ..." terms), HIV in pregnancy (O98.7-), and one finding for
an adverse effect as principal where the MCE also rejects it. One case firing and one not firing per rule,
on release 2026.1; every code checked with `workbench code --json`."""

from __future__ import annotations

import datetime as dt

from tests.support.checking import chart, hits, serious
from workbench.model.encounter import Encounter

DAY = dt.date(2026, 8, 14)


def enc(*dx: str, sex: str = "M", age: int = 70) -> Encounter:
    return chart(*dx, discharge=DAY, days=4, account="R21", sex=sex, age=age)


def test_unspecified_acute_ischemic_heart_disease_beside_an_mi(checker):
    assert hits(checker, enc("I21.4", "I24.9", "I10"), "I.A.9.b") == {("warning", ("I249", "I214"))}
    assert not serious(checker, enc("I21.4", "I25.10", "I10"))


def test_hiv_disease_in_pregnancy_is_o98_7_not_o99_1(checker):
    e = enc("O99.112", "B20", "Z3A.24:", sex="F", age=29)
    assert hits(checker, e, "I.C.15.a") == {("warning", ("O99112", "B20"))}
    # one finding says it: the HIV-in-pregnancy rule gives way to the one naming the wrong O code
    assert not hits(checker, e, "I.C.15.f")
    assert not serious(checker, enc("O98.712", "B20", "B37.0", "Z3A.24:", sex="F", age=29))


def test_hiv_status_on_a_pregnancy_record_without_o98_7(checker):
    e = enc("O60.03", "Z21", "Z3A.33:", sex="F", age=31)
    assert hits(checker, e, "I.C.15.f") == {("warning", ("Z21", "O6003"))}
    assert not serious(checker, enc("O60.03", "O98.713", "Z21", "Z3A.33:", sex="F", age=31))


def test_maternal_code_of_the_wrong_body_system_or_with_no_condition(checker):
    wrong = enc("O99.412", "J45.901", "Z3A.24:", sex="F", age=24)
    assert hits(checker, wrong, "I.C.15.a") == {("warning", ("O99412", "J45901"))}
    assert hits(checker, enc("O99.013", "Z3A.30:", sex="F", age=26), "I.C.15.a") == {("warning", ("O99013",))}
    assert not serious(checker, enc("O99.512", "J45.901", "Z3A.24:", sex="F", age=24))
    # COVID-19 (U07.1) is in no "Conditions in" list; O98.51- is its pregnancy code, pneumonia and all
    assert not serious(checker, enc("O98.513", "U07.1", "J12.82", "Z3A.32:", sex="F", age=28))


def test_adverse_effect_principal_rejected_by_the_mce_is_one_blocking_finding(checker):
    e = enc("T36.0X5A", "L27.0")
    found = [(f.severity, f.codes) for f in checker.check(e) if f.severity != "info"]
    # was three: the MCE's generic "unacceptable principal", the T36-T50 "code first" note and this rule
    assert found == [("blocking", ("T360X5A", "L270"))]
    assert "I.C.19.e.5.a" in next(f.rule for f in checker.check(e) if f.severity == "blocking")
    assert not serious(checker, enc("L27.0", "T36.0X5A"))
