"""#15 round 8 check rule, on release 2026.1: a "use additional code" note whose companion is only an external
cause (source, place, activity, intent: no national reporting requirement, I.C.20) or only an infectious
agent (B95-B97, coded when documented, I.C.1.b) is information when the companion is missing, not a
warning; a required companion (the type of obesity at O99.21-, the stage at I12.9) still warns."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.model.encounter import Diagnosis, Encounter

DAY = dt.date(2026, 9, 14)


def enc(*dx: str, sex: str = "M", age: int = 70) -> Encounter:
    return Encounter("R8", age=age, sex=sex, admit_date=DAY - dt.timedelta(days=4), discharge_date=DAY,
                     diagnoses=[Diagnosis(c, "" if c.startswith(("Z3", "Y92")) else "Y") for c in dx],
                     procedures=[])


def asks(checker, e: Encounter, code: str) -> list:
    return [f for f in checker.check(e) if f.codes == (code,) and "asks for another code" in f.message]


@pytest.mark.parametrize("dx, code", [
    (("T22211A", "T3110"), "T22211A"),  # burn: source, place and intent of the burn (X00-X19, ..., Y92)
    (("M70031",), "M70031"),  # activity causing the disorder (Y93.-)
    (("M00061",), "M00061"),  # bacterial agent (B95.61-B95.8)
])
def test_optional_companion_missing_is_info(checker, dx, code):
    found = asks(checker, enc(*dx), code)
    assert found and all(f.severity == "info" for f in found)


def test_organism_companion_missing_is_info_in_pregnancy(checker):
    found = asks(checker, enc("O2343", "Z3A30", sex="F", age=30), "O2343")
    assert found and all(f.severity == "info" for f in found)


def test_external_cause_companion_coded_is_quiet(checker):
    assert not asks(checker, enc("T22211A", "T3110", "X000XXA"), "T22211A")


@pytest.mark.parametrize("dx, code", [
    (("O99214", "Z370", "Z3A39"), "O99214"),  # type of obesity (E66.-)
    (("I129", "J189"), "I129"),  # stage of chronic kidney disease (N18.1-N18.4, N18.9)
])
def test_required_companion_missing_still_warns(checker, dx, code):
    found = asks(checker, enc(*dx, sex="F" if code.startswith("O") else "M", age=30 if code.startswith("O")
                              else 70), code)
    assert found and any(f.severity == "warning" for f in found)
