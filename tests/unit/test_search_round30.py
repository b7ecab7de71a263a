"""Search round 30 (issue 14, search30), on the real release 2026.1: a stent count written apart ("DES x 2")
or with no artery named is the count of stents in one artery; an arm AV graft with no artery named runs from
the brachial artery, also when "placement of" or "for hemodialysis" is said; a laminectomy that opens the way
to a disc is the discectomy's approach, so the disc is the one at the levels typed (guideline B3.1b); the
depth of an excisional debridement names the body part (guideline B3.5: the deepest layer); a fasciotomy is
the Division of the fascia, the Index's first reference; eponyms as the Index writes them ("Roux-en-Y
operation"). Expected codes checked with `workbench code --json` (valid, billable, the title meant); the
queries differ from those of tests/search_tuning_pcs39.tsv and tests/search_tuning_pcs40.tsv."""

from __future__ import annotations

from codesets.search.engine import SearchIndex


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


def test_a_stent_count_is_of_stents_in_one_artery(index):
    assert codes(index, "DES x 3", 1) == ["027036Z"]  # three drug-eluting stents, one artery
    assert codes(index, "PCI circumflex with DES x 2", 1) == ["027035Z"]
    assert codes(index, "BMS x2", 1) == ["02703EZ"]  # two bare-metal stents


def test_a_measure_is_no_count(index):
    # "4 x 5 cm" stays a size: no coronary stent, no count of arteries read from it
    assert not any(c.startswith("027") for c in codes(index, "excision of 4 x 5 cm back lesion", 5))


def test_an_arm_av_graft_with_no_artery_named_runs_from_the_brachial_artery(index):
    assert codes(index, "placement of left arm AV graft for hemodialysis", 1) == ["03180JD"]
    assert codes(index, "right upper extremity AV graft creation", 1) == ["03170JD"]
    # declotting the graft keeps the upper artery (03CY), a forearm loop the lower arm vein
    assert codes(index, "declot of right arm AV graft", 1)[0].startswith("03CY")
    assert codes(index, "right forearm loop AV graft", 1) == ["03170JF"]


def test_a_laminectomy_opening_the_way_to_the_disc_reads_the_disc_at_its_levels(index):
    assert codes(index, "L2-3 laminectomy and discectomy", 1) == ["0SB20ZZ"]
    assert codes(index, "L4-L5 laminotomy with microdiscectomy", 1) == ["0SB20ZZ"]
    assert codes(index, "laminectomy and discectomy L5-S1", 1) == ["0SB40ZZ"]


def test_the_depth_of_an_excisional_debridement_names_the_body_part(index):
    assert codes(index, "excisional debridement of coccygeal pressure ulcer to bone", 1) == ["0QBS0ZZ"]
    found = codes(index, "excisional debridement of right ischial decubitus down to muscle", 1)
    assert found == ["0KBN0ZZ"], found  # the gluteal muscles: hip muscle (Body Part Key)
    found = codes(index, "excisional debridement left trochanteric ulcer to subcutaneous tissue", 1)
    assert found == ["0JBM0ZZ"], found  # the hip's fat: the upper leg's subcutaneous tissue
    assert codes(index, "excisional debridement of left heel ulcer to bone", 1) == ["0QBM0ZZ"]


def test_a_fasciotomy_divides_the_fascia_unless_it_drains(index):
    assert codes(index, "fasciotomy right forearm", 1) == ["0J8G0ZZ"]
    assert codes(index, "fasciotomy with drainage, left thigh abscess", 1) == ["0J9M0ZZ"]


def test_eponyms_with_operation_as_the_index_writes_them(index):
    assert codes(index, "Whipple operation", 1)[0] in ("0FTG0ZZ", "0FBG0ZZ", "0DT90ZZ")
    assert codes(index, "Roux-en-Y procedure", 1) == ["0D160ZA"]


def test_a_second_procedure_joined_by_with_names_no_device(index):
    # "with" joins the antrostomy to the FESS: no drainage device left, so none first (099Q80Z before)
    assert codes(index, "FESS with maxillary antrostomy", 1)[0] in ("099Q8ZZ", "099R8ZZ")
    # a drain said after "with" is still the device
    assert codes(index, "percutaneous drainage of right lobe liver abscess with drain", 1) == ["0F9130Z"]


def test_the_ulcer_stage_is_no_word_of_the_debrided_body_part(index):
    assert codes(index, "excisional debridement sacral decubitus stage 4 to bone", 1) == ["0QB10ZZ"]
