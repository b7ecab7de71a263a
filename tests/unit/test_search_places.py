"""An event or a condition named with the place it happened (ICD-10-CM I.C.20.b: a place of occurrence,
Y92.-, goes beside the external cause it locates), and external causes as notes say them, on the real
release 2026.1. Expected codes are the Index's (titles checked with `workbench code`); the queries differ
from those of tests/search_tuning_cm5.tsv."""

from __future__ import annotations

from codesets.search.engine import SearchIndex


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


def test_a_fall_at_a_place_is_the_fall_first_and_the_place_beside_it(index):
    got = codes(index, "fall in the bathroom at home")
    assert got[0] == "W19XXXA"  # Unspecified fall, initial encounter
    assert any(c.startswith("Y920") for c in got[1:])  # a place in a private residence


def test_a_condition_of_a_nursing_home_resident_is_the_condition(index):
    assert codes(index, "pneumonia in a nursing home resident", 1) == ["J189"]


def test_where_the_patient_lives_is_no_event(index):
    assert codes(index, "lives at home", 1)[0].startswith("Y92")


def test_a_place_alone_stays_the_place(index):
    assert codes(index, "nursing home", 1)[0].startswith("Y9212")


def test_ice_and_stairs_are_the_fall_they_caused(index):
    assert codes(index, "slipped on the ice", 1)[0] in {"W000XXA", "W009XXA"}  # Fall due to ice and snow
    assert codes(index, "fall down the stairs", 1) == ["W109XXA"]  # Fall on unspecified stairs and steps
