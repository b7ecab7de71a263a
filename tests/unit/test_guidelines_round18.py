"""Issue 15, round conv18 (tests/tuning/conventions_tuning34): Z3A's "Code first obstetric condition or
encounter for delivery (O09-O60, O80-O82, O94-O9A)" names chapter 15's conditions at large. A delivery whose
principal is a labor-and-delivery complication outside the listed blocks (O70.1, O70.21) has its obstetric
condition coded first, though another chapter-15 code follows Z3A; Z3A before every obstetric code still
warns. Release 2026.1, every code checked with `workbench code`."""

from __future__ import annotations

import datetime as dt

from tests.support.checking import chart, serious
from workbench.model.encounter import Encounter

DAY = dt.date(2026, 9, 18)


def enc(*dx: str) -> Encounter:
    return chart(*dx, discharge=DAY, days=3, account="R18", sex="F", age=26)


def test_laceration_principal_with_weeks_before_other_obstetric_codes_is_silent(checker):
    # CT34-47: second-degree laceration principal, Z3A.40 and Z37.0, then depression complicating childbirth
    assert not serious(checker, enc("O70.1", "O69.81X0", "Z3A.40", "Z37.0", "O99.344", "F33.1"))
    assert not serious(checker, enc("O70.21", "Z3A.39", "Z37.0", "O99.214", "E66.9"))


def test_weeks_before_every_obstetric_code_fires(checker):
    # the same codes with depression principal: no chapter-15 code precedes Z3A.40
    found = [f for f in checker.check(enc("F33.1", "Z3A.40", "O70.1", "O99.344", "Z37.0"))
             if f.codes[0] == "Z3A40" and f.severity != "info"]
    assert [(f.severity, f.codes) for f in found] == [("warning", ("Z3A40", "O99344"))]
    assert "Code first obstetric condition" in found[0].message


# ------------------------------------------------------------------ Z3A with an abortive outcome (I.C.21.c.3)

def test_weeks_of_gestation_with_a_tubal_pregnancy_fires(checker):
    found = [f for f in checker.check(enc("O00.101", "Z3A.08")) if "abortive outcome" in f.rule]
    assert [(f.severity, f.codes) for f in found] == [("warning", ("Z3A08", "O00101"))]


def test_tubal_pregnancy_without_weeks_and_a_delivery_with_weeks_are_silent(checker):
    assert not serious(checker, enc("O00.101", "O99.281", "E03.9", "O99.331", "F17.210"))
    assert not [f for f in checker.check(enc("O70.1", "Z3A.39", "Z37.0")) if "abortive outcome" in f.rule]


# ------------------------------------------------------------------ birth weight before gestational age (P07)

def newborn(*dx: str) -> Encounter:
    return chart(*dx, discharge=DAY, days=5, account="R18N", sex="M", age=0)


def test_weeks_before_weight_warns(checker):
    found = [f for f in checker.check(newborn("Z38.00", "P07.33", "P07.16", "Z23")) if "P07" in f.rule]
    assert [(f.severity, f.codes) for f in found] == [("warning", ("P0733", "P0716"))]


def test_weight_before_weeks_is_silent(checker):
    assert not [f for f in checker.check(newborn("Z38.00", "P07.16", "P07.33", "P22.1", "Z23"))
                if "P07" in f.rule]


# ------------------------------------------------------------------ a note's own punctuation in the message

def test_a_code_first_note_beginning_with_a_comma_reads_as_the_release_writes_it(checker):
    # A41's "Code first, if applicable, postprocedural sepsis (T81.44-)": the message had "Code first ,"
    found = [f for f in checker.check(chart("A41.9", "T81.44XA", "R65.20", "N17.9", discharge=DAY, days=3,
                                            account="R18B", sex="F", age=60))
             if f.codes == ("A419", "T8144XA")]
    assert len(found) == 1 and found[0].severity == "warning", found
    assert '"Code first, if applicable, postprocedural sepsis (T81.44-)"' in found[0].message
