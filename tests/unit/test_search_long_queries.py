"""Long queries (issue 14): an operative note's line or a whole diagnosis statement of 20-30 words is read
by the words that name codes, not cut at its first 12 words of narrative. Real release 2026.1; codes
checked with `workbench code --json` (valid, billable, the title meant)."""

from __future__ import annotations

from codesets.search.engine import SearchIndex
from codesets.search.long_query import essentials


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


def test_an_op_note_line_gives_the_procedure_not_the_operating_room(index):
    line = ("The patient was taken to the operating room where a laparoscopic cholecystectomy was performed "
            "without complication")
    found = codes(index, line, 3)
    assert found[0] == "0FT44ZZ"  # Resection of Gallbladder, Percutaneous Endoscopic Approach
    assert "Y92234" not in found  # Operating room of hospital as the place of occurrence


def test_an_orif_sentence_past_twelve_words_keeps_its_site_and_side(index):
    line = ("under general anesthesia the patient underwent open reduction and internal fixation of a "
            "displaced left distal radius fracture with a volar plate")
    assert codes(index, line, 1) == ["0PSJ04Z"]  # Reposition Left Radius with Internal Fixation Device, Open


def test_a_long_diagnosis_statement_gives_its_combination_code(index):
    line = ("acute on chronic systolic congestive heart failure due to ischemic cardiomyopathy with reduced "
            "ejection fraction in a patient with long standing hypertension")
    assert codes(index, line, 1) == ["I5023"]  # Acute on chronic systolic (congestive) heart failure


def test_short_queries_are_read_as_typed():
    assert essentials("patient room in hospital".split()) == "patient room in hospital".split()
    words = "68 year old male admitted with community acquired pneumonia of the right lower lobe".split()
    assert essentials(words) == "community acquired pneumonia of the right lower lobe".split()
