"""Coded and final encounters keep their codes until reopened; procedure dates come from the notes."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from workbench.model import editing, workflow
from workbench.model.encounter import Diagnosis, Document, Encounter, Procedure
from workbench.model.procedure_dates import default_date, documented_date, sentence_date, stay_problem
from workbench.store.core import Store
from workbench.store.model import WorkflowError

STAY = Encounter(account="E1", admit_date=dt.date(2026, 3, 2), discharge_date=dt.date(2026, 3, 6),
                 diagnoses=[Diagnosis("K8000", "Y")], status="coded", documents=[
                     Document("H&P", "Gallstones with cholecystitis.", date="2026-03-02 08:00"),
                     Document("Operative Note", "Laparoscopic cholecystectomy: gallbladder resected.",
                              date="2026-03-03 15:00"),
                     Document("Discharge Summary", "Gallbladder resected on day 2.", date="2026-03-06")])


def test_an_edit_of_a_coded_encounter_needs_a_reopen() -> None:
    added = dataclasses.replace(STAY, diagnoses=[*STAY.diagnoses, Diagnosis("I10", "Y")])
    assert workflow.needs_reopen(STAY, added)
    assert not workflow.needs_reopen(STAY, workflow.reopened(added))
    assert not workflow.needs_reopen(STAY, dataclasses.replace(STAY, notes="reviewed"))
    with pytest.raises(workflow.TransitionError, match="reopen it"):
        workflow.check_edit("E1", "final", "final", ["procedures"])


def test_the_store_refuses_a_silent_change_of_a_coded_encounter(tmp_path) -> None:
    with Store.open(tmp_path / "db") as store:
        store.add_many([STAY])
        rev = store.get("E1").revision
        added = dataclasses.replace(STAY, diagnoses=[*STAY.diagnoses, Diagnosis("I10", "Y")])
        with pytest.raises(WorkflowError, match="Coded: reopen it"):
            store.save(added, rev, user="alice")
        assert store.get("E1").encounter.diagnoses == STAY.diagnoses
        store.save(workflow.reopened(added), rev, user="alice", reason="I10 in the H&P")
        assert store.get("E1").encounter.status == "in_progress"


def test_procedure_date_from_the_note_that_documents_it() -> None:
    title = "Resection of Gallbladder, Percutaneous Endoscopic Approach"
    assert documented_date(STAY, title) == dt.date(2026, 3, 3)  # the operative note, not the summary
    assert default_date(STAY, "Transfusion of Nonautologous Red Blood Cells", dt.date(2026, 9, 1)) == \
        STAY.admit_date  # no note names it: the admission date


def test_procedure_dates_outside_the_stay_are_refused() -> None:
    assert stay_problem(STAY, dt.date(2026, 3, 7)) and stay_problem(STAY, dt.date(2026, 3, 1))
    assert stay_problem(STAY, dt.date(2026, 3, 6)) is None
    with pytest.raises(editing.EditError, match="after the discharge"):
        editing.add_procedure(STAY, "0FT44ZZ", dt.date(2026, 3, 13))
    enc = dataclasses.replace(STAY, procedures=[Procedure("0FT44ZZ", dt.date(2026, 3, 2))])
    assert editing.set_procedure_date(enc, 0, dt.date(2026, 3, 3)).procedures[0].date == dt.date(2026, 3, 3)


def test_the_date_written_with_a_procedure_beats_the_notes_date() -> None:
    title = "Resection of Gallbladder, Percutaneous Endoscopic Approach"
    # the summary (2026-03-06) lists the procedure with its date: ISO, m/d/yyyy, mm/dd in the stay's year
    assert sentence_date(STAY, "Laparoscopic cholecystectomy (2026-03-04)", "2026-03-06") == "2026-03-04"
    assert sentence_date(STAY, "Underwent lap chole on 3/4/2026.", "2026-03-06") == "2026-03-04"
    assert sentence_date(STAY, "Lap chole 03/05, BP 120/80.", "2026-03-06") == "2026-03-05"
    assert sentence_date(STAY, "Lap chole without complication.", "2026-03-06") == "2026-03-06"
    # a date written outside the stay is not used, silently or otherwise: no date, the box asks
    assert sentence_date(STAY, "Appendectomy (2026-02-11) at another hospital.", "2026-03-06") == ""
    # not dates, or not the start: Apgar scores, an extubation (the ventilation began earlier)
    assert sentence_date(STAY, "SVD of a liveborn male, Apgars 8/9.", "2026-03-06") == "2026-03-06"
    assert sentence_date(STAY, "Ventilated 14 hours, extubated 3/4.", "2026-03-06") == "2026-03-06"
    assert default_date(STAY, title, dt.date(2026, 9, 1), "Lap chole (2026-03-04)") == dt.date(2026, 3, 4)
    assert default_date(STAY, title, dt.date(2026, 9, 1), "Lap chole (2026-02-11)") is None
    assert default_date(STAY, title, dt.date(2026, 9, 1), "Lap chole.") == dt.date(2026, 3, 3)  # the op note
