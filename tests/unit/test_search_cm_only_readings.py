"""A search whose filter holds no PCS code (the record scanner's diagnosis searches) reads a named procedure
only as far as it needs: whether one is named (it lowers the procedure's own codes' neighbours the same way),
never the procedure's axes. These check that the short reading agrees with the full one on the real release
2026.1."""

from __future__ import annotations

import pytest

from codesets.search import procedure_readings
from codesets.search.engine import SearchIndex
from codesets.search.rank import variants

QUERIES = [
    "laparoscopic cholecystectomy",      # an objective named outright
    "colonoscopy",                       # a scope's default inspection
    "knee arthroscopy",                  # an approach with the scope
    "arthroscopic",                      # an approach alone: no objective
    "acute on chronic systolic heart failure",  # no procedure at all
    "status post appendectomy",
    "no stent placed",                   # the objective negated
    "PEG tube removal",
]


def _read(index: SearchIndex, query: str, pcs: bool):
    words = query.lower().split()
    return procedure_readings.readings(
        variants(words, index.abbreviations), words, index.abbreviations, index._pcs_word, index._see,
        index._known_word, pcs=pcs)


@pytest.mark.parametrize("query", QUERIES)
def test_a_cm_only_search_knows_a_procedure_is_named_exactly_when_the_full_reading_does(index, query):
    full_intents, full_readings = _read(index, query, pcs=True)
    short_intents, short_readings = _read(index, query, pcs=False)
    assert any(x is not None for x in short_intents) == any(x is not None for x in full_intents)
    # the readings a CM-only search scores: the full reading's less those in the titles' words (PCS only)
    kept = [v for v in full_readings if not v.note.startswith(procedure_readings.NOTE)]
    assert [v.words for v in short_readings] == [v.words for v in kept]

