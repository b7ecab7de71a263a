"""Issue 15, conv23: place of occurrence (Y92), activity (Y93) and external cause status (Y99) reported
only at the initial encounter for treatment, after the code of their cause (I.C.20.b; the release's Y92
note). One case firing and one not firing per shape, on release 2026.1; every code checked with
`workbench code --json`."""

from __future__ import annotations

import datetime as dt

from tests.support.checking import chart, hits, serious
from workbench.model.encounter import Encounter

DAY = dt.date(2026, 9, 12)


def enc(*dx: str, sex: str = "F", age: int = 78,
        procs: tuple[tuple[str, dt.date], ...] = ()) -> Encounter:
    return chart(*dx, discharge=DAY, days=4, account="R23", sex=sex, age=age, procs=procs)


def test_place_of_occurrence_beside_a_subsequent_encounter_fall(checker):
    e = enc("J18.9", "S72.001D", "W19.XXXD", "Y92.009:")
    assert hits(checker, e, "I.C.20.b") == {("warning", ("Y92009", "W19XXXD"))}
    assert not serious(checker, enc("J18.9", "S72.001D", "W19.XXXD"))


def test_place_activity_and_status_beside_a_sequela_cause(checker):
    knee = (("0SRC0J9", DAY - dt.timedelta(days=3)),)
    e = enc("M17.31", "S82.101S", "W19.XXXS", "Y92.009:", "Y93.01:", "Y99.8:", procs=knee)
    assert hits(checker, e, "I.C.20.b") == {("warning", ("Y92009", "W19XXXS")),
                                            ("warning", ("Y9301", "W19XXXS")),
                                            ("warning", ("Y998", "W19XXXS"))}
    assert not serious(checker, enc("M17.31", "S82.101S", "W19.XXXS", procs=knee))


def test_place_of_occurrence_with_no_cause_code(checker):
    assert hits(checker, enc("S42.201A", "Y92.009:", "I10"), "I.C.20.b") == {("warning", ("Y92009",))}
    assert not serious(checker, enc("S42.201A", "W01.0XXA", "Y92.009:", "I10"))


def test_place_of_occurrence_with_a_poisoning_or_a_new_fall_at_its_initial_encounter(checker):
    # the poisoning's T-code holds its cause (initial encounter)
    assert not serious(checker, enc("T39.1X2A", "F32.A", "Y92.009:", age=24))
    # a new fall (A) beside an old fracture's healing (D): the place is the new fall's
    fix = (("0QS604Z", DAY - dt.timedelta(days=2)),)
    assert not serious(checker, enc("S72.001A", "W06.XXXA", "Y92.009:", "S42.201D", "W01.0XXD", "I10",
                                    procs=fix))


def test_weeks_of_gestation_after_a_delivery_complication_outside_the_listed_blocks(checker):
    # Z3A's "code first obstetric condition or encounter for delivery (O09-O60, O80-O82, O94-O9A)" names
    # chapter 15 at large: a postpartum hemorrhage (O72.1) principal of the delivery meets it (I.C.15.b.4)
    birth = (("10E0XZZ", DAY - dt.timedelta(days=2)),)
    assert not serious(checker, enc("O72.1:N", "Z37.0:", "Z3A.40:", age=27, procs=birth))
    # weeks of gestation principal, with nothing obstetric before it: still asked for
    e = enc("Z3A.39:", "O70.1", "Z37.0:", age=27, procs=birth)
    assert ("warning", ("Z3A39",)) in hits(checker, e, "I.A.13")


def test_unspecified_place_activity_and_status(checker):
    e = enc("S42.201A", "W01.0XXA", "Y92.9:", "Y93.9:", "Y99.9:")
    assert hits(checker, e, "I.C.20.k") == {("warning", ("Y929",)), ("warning", ("Y939",)),
                                            ("warning", ("Y999",))}
    assert not serious(checker, enc("S42.201A", "W01.0XXA", "I10"))


def test_one_code_of_each_supplementary_category(checker):
    crash = (("0W9930Z", DAY - dt.timedelta(days=3)),)
    e = enc("S27.0XXA", "S22.41XA", "V43.52XA", "Y92.410:", "Y92.411:", sex="M", age=38, procs=crash)
    assert ("warning", ("Y92410", "Y92411")) in hits(checker, e, "one code from each")
    assert not serious(checker, enc("S27.0XXA", "S22.41XA", "V43.52XA", "Y92.410:", sex="M", age=38,
                                    procs=crash))


def test_activity_and_status_with_a_poisoning_or_an_adverse_effect(checker):
    e = enc("T42.4X2A", "F33.1", "Y92.009:", "Y93.89:", "Y99.8:", age=41)
    assert hits(checker, e, "I.C.20.c and I.C.20.k") == {("warning", ("Y9389", "T424X2A")),
                                                         ("warning", ("Y998", "T424X2A"))}
    assert hits(checker, enc("R00.1", "T46.0X5A", "I48.20", "Y99.8:"), "I.C.20.c and I.C.20.k") == {
        ("warning", ("Y998", "T460X5A"))}
    assert not serious(checker, enc("T42.4X2A", "F33.1", "Y92.009:", age=41))


def test_cause_coded_for_another_encounter_than_its_injury(checker):
    fix = (("0QS604Z", DAY - dt.timedelta(days=2)),)
    e = enc("S72.001A", "W19.XXXD", "I10", procs=fix)
    assert hits(checker, e, "I.C.20.a.2") == {("warning", ("W19XXXD", "S72001A"))}
    # a healing fracture (D) beside a fall coded A: the fall may be a new one with no injury (in the hospital)
    assert not serious(checker, enc("J18.9", "S42.201D", "W06.XXXA:N", "Y92.239:"))
    # each cause beside its own injury's encounter: no finding
    assert not serious(checker, enc("S72.001A", "W19.XXXA", "S42.201D", "W01.0XXD", "I10", procs=fix))
    # a fracture fixed this stay coded D beside its fall coded A: the injury is the wrong one, not the fall
    e = enc("S72.001D", "W19.XXXA", "I10", procs=fix)
    assert hits(checker, e, "I.C.20.a.2") == set()
    assert ("warning", ("S72001D", "0QS604Z")) in hits(checker, e, "I.C.19.a")


def test_activity_code_without_a_cause_code(checker):
    # Y93's note: "a heart attack while shoveling snow": the activity stands for the circumstance, and
    # place and status may go with it (I.C.20.k: "other external cause codes (cause, activity)")
    stent = (("027034Z", DAY - dt.timedelta(days=2)),)
    assert not serious(checker, enc("I21.4", "Y93.H1:", "Y99.8:", "Y92.009:", "I10", sex="M", age=62,
                                    procs=stent))
    e = enc("I21.4", "Y99.8:", "Y92.009:", "I10", sex="M", age=62, procs=stent)
    assert hits(checker, e, "I.C.20.b") == {("warning", ("Y998",)), ("warning", ("Y92009",))}
