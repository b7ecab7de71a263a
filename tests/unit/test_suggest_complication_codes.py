"""A diabetes code that states its own complication ("with ketoacidosis without coma") is not a default
code: it stays beside the combination code another complication gives (I.A.15 "with", I.C.4.a: as many
codes of the category as needed to identify all the associated conditions)."""

from __future__ import annotations

import datetime as dt

from workbench.model.encounter import Diagnosis, Document, Encounter
from workbench.record.suggest import suggest


def suggested(index, text: str) -> list[str]:
    enc = Encounter(account="C1", age=64, sex="F", admit_date=dt.date(2026, 5, 1),
                    discharge_date=dt.date(2026, 5, 4), diagnoses=[Diagnosis("R69", "Y")],
                    documents=[Document("Discharge Summary", text, "Dr. A", "2026-05-04")])
    return [s.code for s in suggest(enc, index=index) if s.kind == "code"]


def test_dka_stays_beside_the_ckd_combination_code(index) -> None:
    got = suggested(index, "Type 1 diabetes with diabetic ketoacidosis. CKD stage 4.")
    assert {"E1010", "E1022", "N184"} <= set(got), got  # E10.10 DKA, E10.22 with CKD, N18.4 its stage


def test_a_default_diabetes_code_still_gives_way_to_the_combination(index) -> None:
    got = suggested(index, "Type 2 diabetes mellitus. CKD stage 3b.")
    assert "E1122" in got and "N1832" in got and "E119" not in got, got


def test_a_with_without_code_gives_way_to_its_own_complication_said_more_exactly(index) -> None:
    # K80.00 (with acute cholecystitis without obstruction) gives way to K80.01 when obstruction is said
    got = suggested(index, "Calculus of gallbladder with acute cholecystitis with obstruction.")
    assert "K8001" in got and "K8000" not in got, got
