"""#15 round 6 check rules, one case firing and one not, on release 2026.1: a manifestation code with no
etiology its "code first" note names (I.A.13), COPD J44.9 beside a lower respiratory infection (I.A.15,
J44.0), and a device status code beside the procedure that placed the device this stay (I.C.21.c.3)."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.model.encounter import Diagnosis, Encounter, Procedure

DAY = dt.date(2026, 9, 14)


def enc(*dx: str, px: tuple[str, ...] = ()) -> Encounter:
    return Encounter("R6", age=70, sex="M", admit_date=DAY - dt.timedelta(days=4), discharge_date=DAY,
                     diagnoses=[Diagnosis(c, "" if c.startswith(("Z95", "Z51")) else "Y") for c in dx],
                     procedures=[Procedure(p, DAY - dt.timedelta(days=3)) for p in px])


def findings(checker, e: Encounter) -> list:
    return [f for f in checker.check(e) if f.severity != "info"]


def flagged(checker, e: Encounter) -> set[str]:
    return {c for f in findings(checker, e) for c in f.codes}


@pytest.mark.parametrize("manifestation", ["G63", "F02B0", "N08"])
def test_manifestation_without_its_etiology(checker, manifestation):
    found = [f for f in findings(checker, enc("J189", manifestation)) if manifestation in f.codes]
    assert found and "I.A.13" in found[0].rule


@pytest.mark.parametrize("dx", [("J189", "G300", "F02811"), ("Z5111", "C3490", "G63"),
                                ("C187", "D630", "E43"), ("J189", "M069", "D638")])
def test_manifestation_after_its_etiology_is_quiet(checker, dx):
    assert not flagged(checker, enc(*dx))


def test_copd_unspecified_beside_pneumonia(checker):
    found = [f for f in findings(checker, enc("J189", "J449")) if "J449" in f.codes]
    assert found and "J44.0" in found[0].message
    assert not flagged(checker, enc("J440", "J189", "F17210"))


def test_device_status_beside_this_stays_insertion(checker):
    assert "Z950" in flagged(checker, enc("I442", "Z950", px=("0JH606Z", "02H63JZ", "02HK3JZ")))
    assert "Z96651" in flagged(checker, enc("M1711", "Z96651", px=("0SRC0J9",)))
    # a device from before (no insertion this stay) and the other joint's prosthesis are right
    assert not flagged(checker, enc("J189", "Z950", "I10"))
    assert not flagged(checker, enc("M1711", "Z96642", "I10", px=("0SRC0J9",)))


def test_coronary_stent_status_beside_a_new_stent_is_info(checker):
    info = [f for f in checker.check(enc("I214", "I2510", "Z955", px=("027034Z",))) if "Z955" in f.codes]
    assert info and all(f.severity == "info" for f in info)


def test_device_status_beside_a_revision_or_redo_is_not_a_warning(checker):
    """A revision takes the old device out (Removal) or codes its complication: the status code stands;
    a redo bypass beside the grafts of an earlier one is info, not a warning."""
    assert not flagged(checker, enc("T84030A", "Z96641", px=("0SP90JZ", "0SR90J9")))
    assert not flagged(checker, enc("T82111A", "Z950", px=("0JH606Z",)))
    assert not flagged(checker, enc("I2510", "Z951", px=("021209W",)))
    # an insertion with nothing taken out still warns
    assert "Z96641" in flagged(checker, enc("M1611", "Z96641", px=("0SR90J9",)))
