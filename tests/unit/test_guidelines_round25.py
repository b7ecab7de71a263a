"""Issue 15, conv25: checks on shapes the earlier tuning files lacked. A transplant status code beside a
complication of that transplant (I.C.21.c.3, read from the Z94 and T86 titles), pain in a joint beside a
fracture or dislocation of that joint (I.B.5, side by title), motor neuron disease POA N (Appendix I),
and the MCE "limited coverage" edit on a transplant as info, not a warning. One firing and one near miss per
shape; every code checked with `workbench code --json` (2026.1)."""

from __future__ import annotations

import datetime as dt

from tests.support.checking import chart, hits, serious
from workbench.model.encounter import Encounter

DAY = dt.date(2026, 8, 14)


def enc(*dx: str, sex: str = "F", age: int = 60,
        procs: tuple[tuple[str, dt.date], ...] = ()) -> Encounter:
    return chart(*dx, discharge=DAY, days=6, account="R25", sex=sex, age=age, procs=procs)


def test_transplant_status_beside_a_complication_of_that_transplant(checker):
    assert hits(checker, enc("T86.11", "Z94.0", "I12.9", "N18.4"), "I.C.21.c.3") == {
        ("warning", ("Z940", "T8611"))}
    # the lung's T86.81 lies under T86.8 "other transplanted tissue": the nearer title names the organ
    assert hits(checker, enc("T86.818", "Z94.2", "J96.01"), "I.C.21.c.3") == {
        ("warning", ("Z942", "T86818"))}
    # another organ's status stays; a heart-lung complication is not the heart alone
    assert not serious(checker, enc("T86.11", "Z94.4", "I12.9", "N18.4"))
    assert not hits(checker, enc("T86.31", "Z94.1"), "I.C.21.c.3")
    # a transplant recipient with a condition that is not a transplant complication keeps Z94.0
    assert not serious(checker, enc("J18.9", "Z94.0", "D84.821", "T45.1X5A"))


def test_joint_pain_beside_a_fracture_of_that_joint(checker):
    e = enc("S72.142A", "M25.552", "W01.0XXA", "Y92.009:")
    assert hits(checker, e, "I.B.5") == {("warning", ("M25552", "S72142A"))}
    # right hip pain beside a left hip fracture is another complaint
    assert not hits(checker, enc("S72.142A", "M25.551", "W01.0XXA", "Y92.009:"), "I.B.5")
    # knee pain beside a hip fracture: another joint
    assert not hits(checker, enc("S72.142A", "M25.562", "W01.0XXA", "Y92.009:"), "I.B.5")


def test_motor_neuron_disease_reported_not_present_on_admission(checker):
    assert hits(checker, enc("J15.1", "G12.21:N", "Z99.11:"), "Appendix I") == {("warning", ("G1221",))}
    assert not hits(checker, enc("J15.1", "G12.21", "Z99.11:"), "Appendix I")


def test_limited_coverage_transplant_is_info(checker):
    e = enc("E11.22", "I12.0", "N18.6", "Z99.2:", "Z79.4:", "D63.1", sex="M",
            procs=(("0TY00Z0", DAY - dt.timedelta(days=5)),))
    fs = [f for f in checker.check(e) if f.codes == ("0TY00Z0",)]
    assert [f.severity for f in fs] == ["info"] and "Limited coverage" in fs[0].rule
    assert not serious(checker, e)
