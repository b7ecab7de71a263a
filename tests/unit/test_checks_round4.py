"""#15 round 4 check rules, one case firing and one not, on release 2026.1: the substance-use hierarchy
(I.C.5.b.1), O80 with a complication (I.C.15.b.4), a 'without' code beside what its 'with' sibling's note
asks for (N40.0 with R33.8), Z79.4 with type 1 (info), integral acidosis/hypoxemia (I.B.5), I10 with
diabetic CKD (I.C.9.a.2) and the Excludes1 exception for conditions on opposite sides (I.A.12.a)."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.model.encounter import Diagnosis, Encounter

DAY = dt.date(2026, 7, 10)


def enc(*dx: str, sex: str = "M", age: int = 60) -> Encounter:
    return Encounter("R4", age=age, sex=sex, admit_date=DAY - dt.timedelta(days=3), discharge_date=DAY,
                     diagnoses=[Diagnosis(c, "" if c[0] == "Z" else "Y") for c in dx])


def serious_codes(checker, e: Encounter) -> set[str]:
    return {c for f in checker.check(e) if f.severity != "info" for c in f.codes}


def test_substance_lower_level_and_uncomplicated(checker):
    assert "F1020" in serious_codes(checker, enc("F10231", "F1020", "K7030"))
    assert "F1010" in serious_codes(checker, enc("F10239", "F1010"))
    assert not serious_codes(checker, enc("F10231", "K7030", "E8342"))


def test_o80_with_complication(checker):
    e = enc("O631", "O701", "O80", "Z3A39", "Z370", sex="F", age=29)
    assert "O80" in serious_codes(checker, e)
    assert "O80" not in serious_codes(checker, enc("O80", "Z3A39", "Z370", sex="F", age=29))


def test_without_code_beside_what_its_with_sibling_asks_for(checker):
    assert "N400" in serious_codes(checker, enc("N390", "N400", "R338", age=78))
    assert not serious_codes(checker, enc("N390", "N401", "R338", age=78))


def test_type1_insulin_is_info_only(checker):
    found = [f for f in checker.check(enc("E1010", "Z794", age=11)) if "Z794" in f.codes]
    assert found and all(f.severity == "info" for f in found)


@pytest.mark.parametrize("dx,sym", [(("E1010", "E8720"), "E8720"), (("T401X1A", "J9601", "R0902"), "R0902")])
def test_integral_parts(checker, dx, sym):
    assert sym in serious_codes(checker, enc(*dx))


def test_i10_with_diabetic_ckd(checker):
    assert "I10" in serious_codes(checker, enc("J189", "E1122", "I10"))


def test_excludes1_opposite_sides_is_info(checker):
    e = enc("I63512", "G8191", "I69354", "R4701")  # acute stroke on the right, old stroke's on the left
    assert not serious_codes(checker, e)
    assert "G8194" in serious_codes(checker, enc("N390", "I69354", "G8194"))


@pytest.mark.parametrize("other", ["E162", "H3500", "I7025"])  # Index "Diabetes, with": .649, .319, .51
def test_diabetes_with_hypoglycemia_retinopathy_angiopathy(checker, other):
    assert "E119" in serious_codes(checker, enc("J189", "E119", other))


def test_atherosclerosis_stays_beside_e1151(checker):
    assert not serious_codes(checker, enc("J189", "E1151", "I70213"))


@pytest.mark.parametrize("dx,sym", [(("G9341", "R4182"), "R4182"), (("A419", "G9341", "R410"), "R410")])
def test_mental_status_integral_to_encephalopathy(checker, dx, sym):
    assert sym in serious_codes(checker, enc(*dx))


@pytest.mark.parametrize("dx,code", [(("J189", "I5020", "I509"), "I509"), (("K5731", "K5730"), "K5730"),
                                     (("J181", "J189"), "J189")])
def test_one_condition_coded_twice(checker, dx, code):
    assert code in serious_codes(checker, enc(*dx))


def test_two_sides_are_not_twice(checker):
    assert not serious_codes(checker, enc("L03115", "L03116"))
