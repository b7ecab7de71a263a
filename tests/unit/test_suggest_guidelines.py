"""The suggestion traps of issue 15, each asserting the exact code, on the real release and index."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.model.encounter import Diagnosis, Document, Encounter
from workbench.record.suggest import accept, suggest


def _enc(text: str, dx: tuple[str, ...] = ("R69",), doc: str = "Discharge Summary") -> Encounter:
    return Encounter(account="S1", age=70, sex="M", admit_date=dt.date(2026, 5, 1),
                     discharge_date=dt.date(2026, 5, 5), diagnoses=[Diagnosis(c, "Y") for c in dx],
                     documents=[Document(doc, text, "Dr. A", "2026-05-02")])


def found(index, text: str, **kw) -> list[tuple[str, str]]:
    return [(s.code, s.kind) for s in suggest(_enc(text, **kw), index=index)]


DX = "DISCHARGE DIAGNOSES:\n1. {}\n"


@pytest.mark.parametrize("said, expected", [
    ("Pneumonia in March, resolved.", []),
    ("Acute kidney injury last year, resolved.", []),
    ("Old left MCA stroke with residual right hemiparesis.", [("I69351", "code")]),
    ("Sequela of old stroke: dysphagia.", [("I69391", "code")]),
    ("Possible malnutrition, dietitian to see as outpatient.", [("E46", "query")]),
    ("Type 2 diabetes with diabetic nephropathy.", [("E1121", "code")]),
    ("Type 2 diabetes mellitus with chronic kidney disease stage 4.", [("N184", "code"), ("E1122", "code")]),
    ("Type 1 diabetes with diabetic ketoacidosis.", [("E1010", "code")]),
    ("Clostridium difficile colitis, first episode.", [("A0472", "code")]),
    ("Recurrent Clostridium difficile colitis.", [("A0471", "code")]),
    ("Transient ischemic attack.", [("G459", "code")]),
    ("Single liveborn infant, born in hospital, delivered vaginally.", [("Z3800", "code")]),
])
def test_diagnosis_traps(index, said, expected):
    assert found(index, DX.format(said)) == expected


def test_hypertensive_heart_and_kidney_disease_is_i13_0(index):
    codes = [c for c, _ in found(index, DX.format(
        "Hypertensive heart and chronic kidney disease with heart failure."))]
    assert "I130" in codes and "I10" not in codes


def test_stress_test_is_not_stress(index):
    assert "Z733" not in [c for c, _ in found(index, "HOSPITAL COURSE:\nNuclear stress test was normal.\n")]


def test_excludes1_of_a_coded_code_hides_the_suggestion(index):
    text = DX.format("Fall on same level at home.")
    # "at home" also gives the place of occurrence (Y92.009, round 8, I.C.20.b): another matter here
    assert [f for f in found(index, text, dx=("S72001A",)) if f[0] != "Y92009"] == [("W1830XA", "code")]
    assert [f for f in found(index, text, dx=("S72001A", "W010XXA"))
            if f[0] != "Y92009"] == []  # W18's Excludes1 names W01


@pytest.mark.parametrize("said, expected", [
    ("Procedure: Laparoscopic sigmoid colectomy.", ["0DTN4ZZ"]),
    ("Procedure: Right hip hemiarthroplasty, cemented.", ["0SRR0J9"]),
    # "right atrial" alone names no procedure: not Bypass > Atrium > Right (021608P)
    ("Procedure: Insertion of dual chamber pacemaker with right atrial and right ventricular leads.",
     ["0JH606Z", "02H63JZ", "02HK3JZ"]),
])
def test_procedures_from_operative_notes_with_their_date(index, said, expected):
    e = _enc("OPERATIVE REPORT\n" + said + "\n", doc="Operative report")
    sugs = [s for s in suggest(e, index=index) if s.system == "PCS"]
    assert [s.code for s in sugs] == expected
    assert {s.date for s in sugs} == {"2026-05-02"}
    assert accept(e, sugs[0]).procedures[-1].date == dt.date(2026, 5, 2)


def test_at_most_15_suggestions(index):
    many = "DISCHARGE DIAGNOSES:\n" + "\n".join(f"{i}. {t}." for i, t in enumerate([
        "Acute kidney injury", "Hyponatremia", "Hypokalemia", "Anemia", "Atrial fibrillation", "COPD",
        "Obesity", "Gout", "Hypothyroidism", "Depression", "Anxiety", "Insomnia", "Constipation",
        "Osteoarthritis", "Glaucoma", "Psoriasis", "Migraine", "Asthma"], 1)) + "\n"
    assert len(found(index, many)) == 15
