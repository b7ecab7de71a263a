"""Search round 16 (issue 14, search16), on the real release 2026.1: procedures coders type with no site or
no substance named ("I&D", "ORIF", "polypectomy", "transfusion"), two procedures side by side with no joining
word ("TAH/BSO"), and the names on the floor no PCS title holds ("wound vac", "capsule endoscopy"). Expected
codes are the ICD-10-PCS tables' (0J9, 0QS, 0DB, 0DJ, 0UT, 302, F08), titles checked with `workbench code`;
the queries differ from those of tests/search_tuning_pcs25.tsv."""

from __future__ import annotations

import pytest

from codesets.search.engine import SearchIndex
from codesets.search.procedure_vocab import parse_terms


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


@pytest.mark.parametrize("query", ["I&D", "I & D", "i and d"])
def test_an_i_and_d_with_no_site_drains_the_subcutaneous_tissue(index, query):
    # the abscess under the skin (0J9_0ZZ), not the brain (00900ZZ, first of the Drainage tables)
    found = codes(index, query, 3)
    assert all(c.startswith("0J9") and c.endswith("0ZZ") for c in found), found


def test_an_i_and_d_with_a_site_keeps_it(index):
    assert codes(index, "I&D abscess right thigh", 1) == ["0J9L0ZZ"]


def test_orif_with_no_bone_is_a_hip_fracture_s(index):
    found = codes(index, "open reduction internal fixation", 2) + codes(index, "ORIF", 2)
    assert all(c[:3] == "0QS" and c[3] in "67" and c[4:6] in ("04", "06") for c in found), found
    assert codes(index, "ORIF left distal radius", 1)[0][:4] == "0PSJ"  # a bone named is kept


def test_a_bare_polypectomy_is_the_colonoscopic_excision(index):
    assert codes(index, "polypectomy", 1) == ["0DBE8ZZ"]  # was 00B00ZZ, Excision of Brain
    assert codes(index, "cold snare polypectomy sigmoid colon", 1) == ["0DBN8ZZ"]  # not open 0DBN0ZZ


def test_a_transfusion_with_no_product_named_is_of_red_cells(index):
    assert codes(index, "transfusion", 1) == ["30233N1"]  # platelets 30233R1 led before
    assert codes(index, "transfusion through central line", 1) == ["30243N1"]
    # a product named keeps its own code
    assert codes(index, "transfusion of platelets", 1) == ["30233R1"]
    assert codes(index, "cryo transfusion", 1)[0][5] == "M"


@pytest.mark.parametrize("query", ["TAH BSO", "TAH/BSO", "TAH & BSO"])
def test_two_procedures_side_by_side_lead_with_the_first(index, query):
    found = codes(index, query, 5)
    assert found[0] == "0UT90ZZ", found  # Resection of Uterus, Open; the tubes led before
    assert {"0UT70ZZ", "0UT20ZZ"} & set(found), found


@pytest.mark.parametrize("query", ["wound vac", "NPWT", "vac dressing change"])
def test_a_wound_vac_is_wound_management_with_mechanical_equipment(index, query):
    found = codes(index, query, 3)
    assert all(c.startswith("F08") and c.endswith("5CZ") for c in found), found


def test_capsule_endoscopy_inspects_the_small_bowel(index):
    assert codes(index, "wireless capsule endoscopy", 1) == ["0DJ08ZZ"]


def test_a_default_device_is_read_from_the_vocabulary():
    vocab = parse_terms(["blood\t-\top=302 dev?=N"], "test")
    assert vocab.phrases[("blood",)].dev_default == {"_____N": 1.0}


def test_the_stones_swept_after_a_sphincterotomy_are_the_definitive_procedure(index):
    # ERCP, the ampulla cut to reach the duct, the stones swept out: the Extirpation leads, the Drainage
    # of the ampulla (the sphincterotomy) is listed too
    found = codes(index, "ERCP, sphincterotomy, balloon sweep of common bile duct stones", 5)
    assert found[0] == "0FC98ZZ" and "0F9C8ZZ" in found, found  # 0F998ZZ, a drainage, led before
    assert codes(index, "sphincterotomy", 1) == ["0F9C8ZZ"]  # alone, still the sphincterotomy


def test_the_common_duct_is_the_common_bile_duct(index):
    assert codes(index, "common duct stone removed", 1)[0][:4] == "0FC9"  # not the hepatic duct 0FC7


def test_transfused_is_a_transfusion(index):
    # "transfused 2 units" met W93.2 (deep freeze unit) before: no phrase read the past tense
    assert codes(index, "patient was transfused 2 units", 1) == ["30233N1"]
    assert codes(index, "transfused platelets", 1) == ["30233R1"]
