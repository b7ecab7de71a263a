"""Search round 24 (issue 14, search24), on the real release 2026.1: a procedure said not done ("screening
colonoscopy, no biopsy") is not scored as done; radiation given in the open operative field is Intraoperative
Radiation Therapy (Index "Intraoperative Radiation Therapy (IORT)", DxY..CZZ), not a Beam Radiation
qualifier; Y-90 radioembolization (SIRT) is Brachytherapy of the site with Other Isotope (the release has no
Y-90 code); TCAR is a carotid stent placed by an open approach. Expected codes checked with `workbench code`;
the queries differ from those of tests/search_tuning_pcs33.tsv."""

from __future__ import annotations

import pytest

from codesets.search.engine import SearchIndex


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


@pytest.mark.parametrize("query", ["screening colonoscopy, no biopsy",
                                   "colonoscopy for screening, no biopsy"])
def test_a_biopsy_said_not_done_leaves_the_inspection(index, query):
    found = codes(index, query)
    assert "0DJD8ZZ" in found, found
    assert not any(c.startswith("0DB") for c in found), found


def test_a_biopsy_done_is_still_the_excision(index):
    assert codes(index, "screening colonoscopy with biopsy of sigmoid", 1) == ["0DBN8ZX"]


@pytest.mark.parametrize(("query", "code"), [("intraoperative radiation therapy to the pancreas", "DFY3CZZ"),
                                              ("intraoperative radiotherapy, bladder", "DTY2CZZ")])
def test_intraoperative_radiation_is_the_iort_modality(index, query, code):
    assert codes(index, query, 1) == [code]


@pytest.mark.parametrize("query", ["Y-90 radioembolization of the liver",
                                   "selective internal radiation therapy liver"])
def test_radioembolization_is_brachytherapy_of_the_liver_with_another_isotope(index, query):
    found = codes(index, query, 2)
    assert found and all(c.startswith("DF10") and c[5] == "Y" for c in found), found


def test_tcar_is_an_open_carotid_stent(index):
    found = codes(index, "TCAR left", 2)
    assert found and all(c in {"037L0DZ", "037J0DZ"} for c in found), found
