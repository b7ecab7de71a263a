"""Search round 19 (issue 14, search19), on the real release 2026.1: dialysis access salvage, embolization of
a bleeding artery, coronary arteries counted by name and decompression tubes. A declot or thrombectomy of
an AV graft is the Extirpation of matter from the upper artery (03CY), of an AV or dialysis fistula from
the upper vein (05CY), percutaneous unless "open" is typed; embolizing a bleeding artery is its Occlusion
(PCS guideline B3.7's own example), while a clip or cautery on a bleeder stays Control; the coronary
arteries a PCI names are counted (B4.4); a decompression tube drains the bowel it is left in. Expected
codes are the ICD-10-PCS tables', titles checked with `workbench code`; the queries differ from those of
tests/search_tuning_pcs28.tsv."""

from __future__ import annotations

import pytest

from codesets.search.engine import SearchIndex


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


# --- dialysis access salvage: Extirpation of the clot, not a diagnosis, a dialysis session or a new fistula


@pytest.mark.parametrize(("query", "first"), [
    ("declot of AV graft", "03CY3ZZ"),  # through a needle when no approach is typed
    ("declot of right upper extremity dialysis graft", "03CY3ZZ"),  # not the arm's lymphatics (07C3)
    ("open declot of left arm AV graft", "03CY0ZZ"),
    ("declot of AV fistula", "05CY3ZZ"),  # not the creation of a fistula (031_0ZF)
    ("thrombectomy of left arm dialysis fistula", "05CY0ZZ"),
])
def test_a_declot_of_a_dialysis_graft_or_fistula_is_the_extirpation_of_its_clot(index, query, first):
    found = codes(index, query)
    assert found[0] == first, found
    assert not any(c.startswith(("5A1D", "031")) or c[0] == "I" for c in found), found


# --- embolization to stop bleeding: Occlusion of the artery, not Control of a region


@pytest.mark.parametrize(("query", "first"), [
    ("coil embolization of the splenic artery for hemorrhage", "04L43DZ"),
    ("embolization of bleeding left gastric artery", "04L23DZ"),
    ("gelfoam embolization of right internal iliac artery for bleeding", "04LE3DZ"),
])
def test_embolizing_a_bleeding_artery_is_its_occlusion(index, query, first):
    found = codes(index, query)
    assert found[0] == first, found
    assert not any(c.startswith("0W3") for c in found[:3]), found


def test_the_gda_is_the_hepatic_artery(index):
    assert codes(index, "GDA embolization with coils for bleeding ulcer")[0] == "04L33DZ"


def test_a_clip_on_a_bleeding_ulcer_is_still_control(index):
    assert codes(index, "EGD with clipping of bleeding gastric ulcer")[0] == "0W3P8ZZ"


# --- PCI: the coronary arteries named are counted (character 4 of 027)


@pytest.mark.parametrize(("query", "first"), [
    ("drug eluting stents to LAD and RCA", "027135Z"),  # Two Arteries, a stent each (B4.4)
    ("DES to LAD, diagonal and circumflex", "027236Z"),  # Three Arteries, a stent each (B4.4)
    ("PTCA of RCA and PDA", "02713ZZ"),  # the PDA apart from the RCA, no device
    ("DES to LAD", "027034Z"),  # one artery named: One Artery
    ("two DES to the LAD", "027035Z"),  # two stents in one artery
])
def test_the_coronary_arteries_a_pci_names_are_counted(index, query, first):
    assert codes(index, query)[0] == first


# --- a decompression tube drains the bowel it is left in (Drainage with a drainage device), not a Release


@pytest.mark.parametrize(("query", "first"), [
    ("colonoscopy with placement of decompression tube", "0D9E80Z"),
    ("colonoscopy with decompression", "0D9E8ZZ"),
])
def test_a_colonic_decompression_is_the_drainage_of_the_large_intestine(index, query, first):
    found = codes(index, query)
    assert found[0] == first, found
    assert not any(c[2] == "N" for c in found), found


def test_arteries_named_after_a_heart_cath_are_counted_across_the_parts(index):
    # the cath is read apart from the PCI, and "and" cuts "RCA and PDA" in two: both arteries still count
    found = codes(index, "cardiac cath, PCI with drug eluting stents to RCA and PDA")
    assert found[0] == "027135Z", found  # Two Arteries with Two stents (B4.4), not One (027034Z)


# --- uterine artery embolization: both uterine arteries (04LE3DT, 04LF3DU) unless a side is typed


@pytest.mark.parametrize("query", ["UFE", "embolization of uterine fibroids", "UAE for fibroids"])
def test_a_uterine_fibroid_embolization_is_the_occlusion_of_both_uterine_arteries(index, query):
    assert set(codes(index, query)[:2]) == {"04LE3DT", "04LF3DU"}


def test_a_uterine_artery_embolization_for_postpartum_bleeding_is_an_occlusion_not_a_diagnosis(index):
    found = codes(index, "uterine artery embolization for PPH")
    assert set(found[:2]) == {"04LE3DT", "04LF3DU"}, found


def test_right_heart_cath_beside_coronary_angiography_names_no_right_coronary_artery(index):
    # "right" belongs to the heart cath: one artery (the LAD) is treated, not two
    found = codes(index, "right and left heart cath with coronary angiography and PCI of LAD with DES")
    assert not any(c.startswith("0271") for c in found[:3]), found
    assert "027034Z" in found[:3], found
