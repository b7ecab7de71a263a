"""Record-driven suggestions on the real release, search index and grouper: what the record states is
suggested with its sentence; negated, ruled-out, history and family statements are not; uncertain
diagnoses follow the inpatient discharge rule; coded and dismissed codes stay out; the CLI shape."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys

import pytest

from workbench.interchange.reader import encounter_from_record
from workbench.interchange.writer import dumps, encounter_to_record
from workbench.model.encounter import Diagnosis, Document, Encounter
from workbench.record.suggest import accept, add_query, dismiss, suggest


@pytest.fixture(scope="module")
def drg():
    from workbench.drg.service import DrgService

    with DrgService() as svc:
        yield svc


def enc_with(*docs: tuple[str, str], dx: tuple[str, ...] = ("I509",), **kw) -> Encounter:
    return Encounter(account="T1", age=70, sex="M", admit_date=dt.date(2026, 5, 1),
                     discharge_date=dt.date(2026, 5, 5), diagnoses=[Diagnosis(c, "Y") for c in dx],
                     documents=[Document(t, text) for t, text in docs], **kw)


def codes(sugs, kind: str | None = None) -> set[str]:
    return {s.code for s in sugs if kind is None or s.kind == kind}


PROGRESS = "Progress Note"
DISCHARGE = "Discharge Summary"


def test_stated_diagnosis_is_suggested_with_its_sentence(index):
    text = "HOSPITAL COURSE:\nDiuresed well. Acute kidney injury from overdiuresis, improved with fluids.\n"
    sugs = suggest(enc_with((PROGRESS, text)), index=index)
    s = next(s for s in sugs if s.code == "N179")
    assert s.kind == "code"
    assert s.cc_level == "CC"
    assert s.evidence.text == "Acute kidney injury from overdiuresis, improved with fluids."
    assert s.evidence.document == 0 and s.evidence.document_type == PROGRESS


@pytest.mark.parametrize("sentence", [
    "No evidence of pneumonia on chest x-ray.",
    "He denies pneumonia in the past year.",
    "Negative for pneumonia.",
    "Pneumonia was ruled out.",
    "Chest CT ruled out pneumonia.",
])
def test_negated_and_ruled_out_statements_suggest_nothing(index, sentence):
    sugs = suggest(enc_with((PROGRESS, f"ASSESSMENT:\n{sentence}\n")), index=index)
    assert not any(s.code.startswith("J18") for s in sugs)


def test_ruled_out_is_not_coded_even_at_discharge(index):
    text = "DISCHARGE DIAGNOSES:\n1. Pulmonary embolism, ruled out.\n2. Acute kidney injury.\n"
    sugs = suggest(enc_with((DISCHARGE, text)), index=index)
    assert not any(s.code.startswith("I26") for s in sugs)
    assert "N179" in codes(sugs)  # the scanner did read the list


@pytest.mark.parametrize("sentence", ["History of pneumonia.", "She has a history of pneumonia in 2019.",
                                      "Hx of hyponatremia.", "S/p pneumonia last winter."])
def test_history_of_suggests_nothing(index, sentence):
    sugs = suggest(enc_with((PROGRESS, f"ASSESSMENT:\n{sentence}\n")), index=index)
    assert not any(s.code.startswith(("J18", "E87")) for s in sugs)


def test_family_history_suggests_nothing(index):
    text = ("FAMILY HISTORY:\nMother with pulmonary embolism.\n\nASSESSMENT:\nFamily history of pneumonia. "
            "Father had acute kidney injury.\n")
    sugs = suggest(enc_with((PROGRESS, text)), index=index)
    assert not any(s.code.startswith(("I26", "J18", "N17")) for s in sugs)


def test_uncertain_at_discharge_is_coded_elsewhere_a_query(index):
    # Official Guidelines Section II.H: inpatient, "probable" at discharge is coded as if established.
    final = "DISCHARGE DIAGNOSES:\n1. Probable pneumonia.\n"
    at_discharge = suggest(enc_with((DISCHARGE, final)), index=index)
    s = next(s for s in at_discharge if s.code.startswith("J18"))
    assert s.kind == "code" and s.evidence.cue == "probable"
    in_progress = suggest(enc_with((PROGRESS, "ASSESSMENT:\nSuspected pneumonia, cultures pending.\n")),
                          index=index)
    q = next(s for s in in_progress if s.code.startswith("J18"))
    assert q.kind == "query"
    assert q.query is not None
    assert "Other (please specify)" in q.query.options and "Clinically undetermined" in q.query.options
    assert any("ruled out" in o for o in q.query.options)  # non-leading: the other answer is offered
    assert "DRG" not in q.query.question and "weight" not in q.query.question.lower()
    assert "Suspected pneumonia, cultures pending." in q.query.question


def test_uncertain_outpatient_is_never_coded(index):
    enc = enc_with((DISCHARGE, "DISCHARGE DIAGNOSES:\n1. Probable pneumonia.\n"),
                   admission_type="Observation")
    assert not any(s.kind == "code" and s.code.startswith("J18") for s in suggest(enc, index=index))


def test_evidence_offsets_point_at_the_sentence_in_the_document(index):
    h_and_p = ("HISTORY AND PHYSICAL\nPatient: DOE, Jane\n\nASSESSMENT AND PLAN:\n"
               "1. Acute on chronic systolic heart failure - IV furosemide.\n"
               "2. Hyponatremia - fluid restriction.\n")
    course = "HOSPITAL COURSE:\nStable overnight. Developed acute kidney injury on day 2. Improved.\n"
    enc = enc_with(("H&P", h_and_p), (PROGRESS, course))
    sugs = suggest(enc, index=index)
    assert sugs, "expected suggestions"
    for s in sugs:
        doc = enc.documents[s.evidence.document].text
        assert doc[s.evidence.start:s.evidence.end] == s.evidence.text
        assert doc[s.evidence.phrase_start:s.evidence.phrase_end] == s.evidence.phrase
        assert s.evidence.start <= s.evidence.phrase_start < s.evidence.phrase_end <= s.evidence.end
    aki = next(s for s in sugs if s.code == "N179")
    assert aki.evidence.text == "Developed acute kidney injury on day 2."
    # record order, not payment order: the H&P's MCC comes before the progress note's CC
    positions = [(s.evidence.document, s.evidence.phrase_start) for s in sugs]
    assert positions == sorted(positions)


def test_codes_already_coded_or_dismissed_are_left_out(index):
    text = "DISCHARGE DIAGNOSES:\n1. Acute on chronic systolic heart failure.\n2. Acute kidney injury.\n"
    enc = enc_with((DISCHARGE, text), dx=("I5023",))
    sugs = suggest(enc, index=index)
    assert "I5023" not in codes(sugs)
    assert "N179" in codes(sugs)
    enc = dismiss(enc, "N17.9")
    assert "N179" not in codes(suggest(enc, index=index))
    assert "N179" in codes(suggest(enc, index=index, include_dismissed=True))
    # dismissed codes are remembered with the encounter (interchange format, hence the store)
    back = encounter_from_record(json.loads(dumps(enc)))
    assert back.dismissed == ["N179"]
    assert "N179" not in codes(suggest(back, index=index))


def test_accept_adds_the_code_and_it_is_no_longer_suggested(index):
    enc = enc_with((DISCHARGE, "DISCHARGE DIAGNOSES:\n1. Heart failure.\n2. Acute kidney injury.\n"))
    s = next(s for s in suggest(enc, index=index) if s.code == "N179")
    enc2 = accept(enc, s, poa="Y")
    assert [d.code for d in enc2.diagnoses] == ["I509", "N179"]
    assert "N179" not in codes(suggest(enc2, index=index))
    assert [d.code for d in enc.diagnoses] == ["I509"]  # the original is untouched


def test_drg_if_added_comes_from_the_grouper(index, drg):
    # Heart failure alone groups to 293 (without CC/MCC); a CC moves it to 292, an MCC to 291.
    text = ("DISCHARGE DIAGNOSES:\n1. Heart failure.\n2. Acute kidney injury.\n"
            "3. Acute respiratory failure with hypoxia.\n")
    sugs = suggest(enc_with((DISCHARGE, text)), index=index, drg_service=drg)
    by = {s.code: s for s in sugs}
    assert by["N179"].drg_if_added is not None
    assert by["N179"].drg_if_added.current_drg == "293"
    assert by["N179"].drg_if_added.drg == "292"
    assert by["J9601"].cc_level == "MCC" and by["J9601"].drg_if_added.drg == "291"
    assert by["J9601"].drg_if_added.weight > by["N179"].drg_if_added.weight
    assert [s.code for s in sugs] == ["N179", "J9601"]  # record order even though J96.01 pays more


def test_draft_query_is_added_to_the_encounter(index):
    enc = enc_with((PROGRESS, "ASSESSMENT:\nPossible pneumonia, cultures pending.\n"))
    q = next(s for s in suggest(enc, index=index) if s.kind == "query")
    enc2 = add_query(enc, q, author="coder1", created="2026-05-06")
    assert len(enc2.queries) == 1 and enc2.queries[0].status == "open"
    assert encounter_to_record(enc2)["queries"][0]["author"] == "coder1"


def test_no_documents_no_suggestions(index):
    assert suggest(Encounter(account="X"), index=index) == []
    assert suggest(enc_with((PROGRESS, "Stable. Home tomorrow.")), index=index) == []


def test_cli_json_shape_and_bad_line(tmp_path):
    text = "DISCHARGE DIAGNOSES:\n1. Heart failure.\n2. Acute kidney injury.\n3. Pneumonia was ruled out.\n"
    enc = enc_with((DISCHARGE, text))
    path = tmp_path / "in.jsonl"
    path.write_text(dumps(enc) + "\n" + '{"account": "B2", "sex": "Q"}\n')
    r = subprocess.run([sys.executable, "-m", "workbench.cli", "suggest", str(path), "--json"],
                       capture_output=True, text=True, timeout=300)
    assert r.returncode == 2
    assert "line 2: sex must be one of M, F or U" in r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    assert len(lines) == 1 and lines[0]["account"] == "T1"
    sugs = lines[0]["suggestions"]
    assert [s["code"] for s in sugs] == ["N17.9"]
    s = sugs[0]
    assert {"code", "title", "evidence", "cc_level", "drg_if_added"} <= set(s)
    assert s["evidence"]["document"] == 0 and s["evidence"]["text"] == "Acute kidney injury."
    assert s["cc_level"] == "CC" and s["drg_if_added"]["drg"] == "292"


def test_cli_missing_file_is_bad_input(tmp_path):
    r = subprocess.run([sys.executable, "-m", "workbench.cli", "suggest", str(tmp_path / "nope.jsonl")],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "no such file" in r.stderr
