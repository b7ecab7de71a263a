"""#15 check rule, on release 2026.1: N18's "Code first any associated: diabetic CKD (E11.22), hypertensive
CKD (I12.-, I13.-)" asks for an order only the principal diagnosis decides. CKD listed before its cause
among the secondary diagnoses is information; CKD as principal before its coded cause still warns (I.A.13)."""

from __future__ import annotations

import datetime as dt

from workbench.model.encounter import Diagnosis, Encounter

DAY = dt.date(2026, 9, 5)


def enc(*dx: str) -> Encounter:
    return Encounter("CKD", age=70, sex="M", admit_date=DAY - dt.timedelta(days=4), discharge_date=DAY,
                     diagnoses=[Diagnosis(c, "" if c.startswith("Z79") else "Y") for c in dx], procedures=[])


def order(checker, e: Encounter, code: str, first: str) -> list[str]:
    return [f.severity for f in checker.check(e)
            if f.codes == (code, first) and f.message.startswith("Sequence")]


def test_ckd_before_its_cause_among_secondaries_is_information(checker):
    assert order(checker, enc("E11649", "Z794", "N1832", "E1122", "I129"), "N1832", "E1122") == ["info"]
    assert order(checker, enc("E875", "N186", "I120"), "N186", "I120") == ["info"]
    serious = [f for f in checker.check(enc("N179", "N184", "E1122", "I129", "Z794")) if f.severity != "info"]
    assert serious == []


def test_ckd_as_principal_before_its_cause_warns(checker):
    assert order(checker, enc("N184", "E1122", "Z794"), "N184", "E1122") == ["warning"]
    assert order(checker, enc("N186", "I120"), "N186", "I120") == ["warning"]


def test_heart_failure_before_hypertensive_heart_disease_still_warns(checker):
    # I50's notes are alternatives without "any associated": out of order is a warning wherever it is
    assert order(checker, enc("J189", "I5033", "I110"), "I5033", "I110") == ["warning"]
