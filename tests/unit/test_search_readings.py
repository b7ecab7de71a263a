"""Readings of procedure and diagnosis wording added in the fifth round of issue 14, on the real release
2026.1: a device taken out, an abscess of a body region, a condition on another condition, roman
stages. Each expected code is the one the ICD-10-PCS tables or the ICD-10-CM Index give for the phrase
(titles checked with `workbench code`), not the engine's output."""

from __future__ import annotations

import pytest

from codesets.search.engine import SearchIndex
from codesets.search.procedure import interpret
from codesets.search.procedure_vocab import best_pattern


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


# --- a device taken out ------------------------------------------------------------------------------

def test_a_device_taken_out_is_not_its_insertion():
    intent = interpret("peg tube removal".split())
    assert intent is not None
    ops = intent.groups["op"]
    assert best_pattern(ops) == "0_P" and ops["0_H"] < 0.9
    # the PEG went in through a scope; it comes out through the skin unless the query says otherwise
    assert best_pattern(intent.groups["app"]) == "____X"
    assert "removal" not in interpret("peg tube placement".split()).words  # type: ignore[union-attr]


@pytest.mark.parametrize("query, first", [
    ("PEG tube removal", "0DP6XUZ"),          # Removal of Feeding Device from Stomach, External
    ("PICC line pulled", "02PYX3Z"),          # Removal of Infusion Device from Great Vessel, External
])
def test_a_line_or_tube_pulled_is_removed_externally(index, query, first):
    assert codes(index, query, 1) == [first]


def test_the_vena_cava_is_the_grouped_body_part_of_a_removal(index):
    # table 06P names the Lower Vein (Y), not the inferior vena cava, for a device taken out
    found = codes(index, "removal of inferior vena cava filter")
    assert found[0].startswith("06PY") and "06PY3DZ" in found


def test_a_device_put_in_open_is_still_revised_open(index):
    assert "0SWD0JZ" in codes(index, "revision of left total knee replacement")


# --- an abscess of a body region ---------------------------------------------------------------------

@pytest.mark.parametrize("query, first", [
    ("I&D of abscess left thigh", "0J9M0ZZ"),   # Drainage of Left Upper Leg Subcutaneous Tissue and Fascia
    ("I&D back abscess", "0J970ZZ"),            # Drainage of Back Subcutaneous Tissue and Fascia
])
def test_a_regional_abscess_is_drained_from_the_subcutaneous_tissue(index, query, first):
    assert codes(index, query, 1) == [first]


def test_an_organ_abscess_stays_with_its_organ(index):
    assert codes(index, "percutaneous drainage of liver abscess", 1)[0].startswith("0F90")
