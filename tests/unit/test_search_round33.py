"""Search round 33 (issue 14, search33), on the real release 2026.1: a side named beside a site no longer
lets titles that merely hold the side ("Stress fracture, right ankle") outrank the Index entry of the site
("Fracture of ankle NOS", S82.89-) for that side; two conditions joined by "in", "w/", "due to" or "2/2"
that no combination code reads give the first condition's code, then the second's; "typ 2", "stg 4" and
"type2" read as the titles write them. Expected codes checked with `workbench code --json` (valid,
billable, the title meant); the queries differ from those of tests/search_tuning_cm16.tsv."""

from __future__ import annotations

from codesets.search.engine import SearchIndex


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


def test_a_side_beside_a_site_gives_the_index_entry_of_the_site_for_that_side(index):
    assert codes(index, "fracture of right ankle", 1) == ["S82891A"]  # Other fracture of right lower leg
    assert codes(index, "L tibia fx", 1) == ["S82202A"]  # Unspecified fracture of shaft of left tibia
    assert codes(index, "right humerus fx", 1) == ["S42301A"]
    # a title for the side that is the Index's answer stays first
    assert codes(index, "left rib fracture", 1) == ["S2232XA"]


def test_two_conditions_without_a_combination_code_give_both(index):
    assert codes(index, "hyperkalemia in chronic kidney disease stage 4", 2) == ["E875", "N184"]
    assert codes(index, "hyponatremia in cirrhosis", 2) == ["E871", "K7460"]
    # a combination code that reads both keeps the lead
    assert codes(index, "sbo d/t adhesions", 1) == ["K5650"]


def test_shorthand_before_a_number(index):
    assert codes(index, "CKD stg 4", 1) == ["N184"]
    assert codes(index, "type2 MI", 1) == ["I21A1"]
    assert codes(index, "diabetes typ 1", 1) == ["E109"]
