"""Issue 15, conv22: A49.- beside an infection whose site is coded, an organism code beside the code naming
that organism, sepsis sequenced before the device complication that caused it, Z47.89 for a healing fracture,
contrast-induced nephropathy without its drug code, oliguria beside acute kidney failure, and no order asked
of a type 2 MI and its cause. One case firing and one not firing per rule, on release 2026.1; every code
checked with `workbench code --json`."""

from __future__ import annotations

import datetime as dt

from tests.support.checking import chart, hits, serious
from workbench.model.encounter import Encounter

DAY = dt.date(2026, 9, 12)


def enc(*dx: str, sex: str = "M", age: int = 70,
        procs: tuple[tuple[str, dt.date], ...] = ()) -> Encounter:
    return chart(*dx, discharge=DAY, days=4, account="R22", sex=sex, age=age, procs=procs)


def test_mrsa_infection_of_unspecified_site_beside_a_coded_site(checker):
    e = enc("L03.115", "A49.02", "E11.9")
    assert hits(checker, e, "I.C.1.e.1.b") == {("warning", ("A4902", "L03115"))}
    assert not serious(checker, enc("L03.115", "B95.62", "E11.9"))


def test_organism_code_beside_the_combination_code_naming_it(checker):
    assert hits(checker, enc("J15.212", "B95.62", "J44.0"), "I.C.1.b") == {("warning", ("B9562", "J15212"))}
    # R65.20 (severe sepsis) is no infection the organism could belong to
    e = enc("A40.0", "B95.0", "R65.20", "N17.9")
    assert hits(checker, e, "I.C.1.b") == {("warning", ("B950", "A400"))}
    # B95.62 belongs to the cellulitis: the pneumonia's title naming MRSA does not make it redundant
    assert not serious(checker, enc("J15.212", "L03.115", "B95.62"))
    assert not serious(checker, enc("J15.212", "J44.0", "J96.01"))


def test_sepsis_before_the_device_infection_that_caused_it(checker):
    e = enc("A41.01", "T82.7XXA", "R65.20", "N17.9", "Y83.1")
    assert hits(checker, e, "I.C.1.d.5.b") == {("warning", ("A4101", "T827XXA"))}
    assert not serious(checker, enc("T82.7XXA", "A41.01", "R65.20", "N17.9", "Y83.1"))
    # a transplanted kidney's infection ("use additional code to specify infection") likewise
    assert hits(checker, enc("A41.51", "T86.13", "N10"), "I.C.1.d.5.b") == {("warning", ("A4151", "T8613"))}
    assert not serious(checker, enc("T86.13", "A41.51", "N10"))
    # a device infection arising after admission is not the cause of a sepsis present on it
    assert not hits(checker, enc("A41.01", "T82.7XXA:N", "I48.91"), "I.C.1.d.5.b")


def test_orthopedic_aftercare_code_for_a_healing_fracture(checker):
    e = enc("Z47.89", "S72.001D:", "I10", sex="F", age=82)
    assert hits(checker, e, "I.C.21.c.7") == {("warning", ("Z4789", "S72001D"))}
    assert not serious(checker, enc("Z47.1", "Z96.641", "I10", sex="F", age=82))


def test_contrast_nephropathy_needs_the_contrast_adverse_effect_code(checker):
    stent = (("027034Z", dt.date(2026, 9, 9)),)
    e = enc("I21.4", "N14.11:N", "I10", procs=stent)
    assert hits(checker, e, "I.C.19.e.5.a") == {("warning", ("N1411",))}
    assert not serious(checker, enc("I21.4", "N17.9:N", "N14.11:N", "T50.8X5A:N", "I10", procs=stent))


def test_oliguria_beside_acute_kidney_failure(checker):
    assert hits(checker, enc("N17.9", "R34", "E86.0"), "I.B.5") == {("warning", ("R34", "N179"))}
    assert not serious(checker, enc("N17.9", "E86.0", "I10"))


def test_type_2_mi_and_its_cause_in_either_order(checker):
    # project decision on #15: I.C.9.e.5 "code also the underlying cause"; no order is asked
    assert not serious(checker, enc("I21.A1", "J44.1", "I10", sex="F", age=77))
    assert not serious(checker, enc("J44.1", "I21.A1", "I10", sex="F", age=77))
    assert not serious(checker, enc("I21.A1", "D62", "K25.4", "I10", age=74))
