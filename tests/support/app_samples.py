"""Encounters for the app tests and snapshots (fixed dates; the app's "today" is TODAY)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from workbench.model.encounter import Diagnosis, Document, Encounter, Procedure
from workbench.store.core import Store

TODAY = dt.date(2026, 5, 20)

HF_NOTE = (
    "DISCHARGE SUMMARY\n"
    "72-year-old man admitted with shortness of breath and leg swelling.\n"
    "Assessment: acute on chronic systolic (congestive) heart failure, EF 25%.\n"
    "Chronic kidney disease stage 3a. Type 2 diabetes mellitus.\n"
    "Treated with IV furosemide; diuresed 4 L. Discharged home.\n"
)


def sample_encounters() -> list[Encounter]:
    return [
        Encounter(
            account="A1001", mrn="M001", patient_name="Doe, John", age=72, sex="M",
            admit_date=dt.date(2026, 5, 10), discharge_date=dt.date(2026, 5, 14), disposition="01",
            documents=[Document("Discharge summary", HF_NOTE, "Dr. Heart", "2026-05-14"),
                       Document("H&P", "History: dyspnea on exertion for 2 weeks.\nEdema of both legs.\n",
                                "Dr. Heart", "2026-05-10")],
            diagnoses=[Diagnosis("I5023", "Y"), Diagnosis("N1831", "Y")],
        ),
        Encounter(
            account="A1002", mrn="M002", patient_name="Roe, Jane", age=64, sex="F",
            admit_date=dt.date(2026, 5, 1), discharge_date=dt.date(2026, 5, 4), disposition="01",
            documents=[Document("Discharge summary", "Community acquired pneumonia, right lower lobe.\n",
                                "Dr. Lung", "2026-05-04")],
            diagnoses=[Diagnosis("J189", "Y")], status="in_progress", coder="alice",
        ),
        Encounter(
            account="A1003", mrn="M003", patient_name="Poe, Ann", age=81, sex="F",
            admit_date=dt.date(2026, 4, 20), discharge_date=dt.date(2026, 4, 25), disposition="03",
            documents=[Document("Operative report", "Left total hip arthroplasty for osteoarthritis.\n",
                                "Dr. Bone", "2026-04-21")],
            diagnoses=[Diagnosis("M1612", "Y")], procedures=[Procedure("0SR90J9", dt.date(2026, 4, 21))],
            status="coded", coder="bob",
        ),
        Encounter(
            account="A1004", mrn="M004", patient_name="Moe, Max", age=45, sex="M",
            admit_date=dt.date(2026, 5, 15), discharge_date=dt.date(2026, 5, 18), disposition="01",
            documents=[Document("Discharge summary", "Chest pain, ruled out for infarction.\n", "Dr. Heart",
                                "2026-05-18")],
        ),
    ]


def make_db(path: Path) -> Path:
    with Store.open(path) as store:
        store.add_many(sample_encounters())
    return path


HEART_BLOCK_NOTE = (
    "DISCHARGE SUMMARY\n"
    "78-year-old woman admitted with syncope. Telemetry: complete heart block.\n"
    "Dual chamber pacemaker placed on 2026-05-12.\n"
    "Assessment: acute cholecystitis with obstruction due to gallbladder calculus.\n"
    "Acute on chronic diastolic (congestive) heart failure.\n"
)


def long_titles_encounter() -> Encounter:
    """A chart whose codes have long titles that end in the deciding word ("Atrioventricular block,
    complete"; "...acute cholecystitis with obstruction"; "Insertion of Pacemaker, Dual Chamber into
    Chest ..."), with uncoded conditions the suggestions find (the heart failure, the pacemaker leads)."""
    return Encounter(
        account="A1005", mrn="M005", patient_name="Loe, Ada", age=78, sex="F",
        admit_date=dt.date(2026, 5, 11), discharge_date=dt.date(2026, 5, 15), disposition="01",
        payer="Medicare Advantage", service="Cardiology",
        documents=[Document("Discharge summary", HEART_BLOCK_NOTE, "Dr. Heart", "2026-05-15")],
        diagnoses=[Diagnosis("I442", "Y"), Diagnosis("K8001", "Y")],
        procedures=[Procedure("0JH606Z", dt.date(2026, 5, 12))],
    )


def make_long_titles_db(path: Path) -> Path:
    with Store.open(path) as store:
        store.add_many([long_titles_encounter()])
    return path
