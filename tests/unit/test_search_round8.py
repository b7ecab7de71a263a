"""Search conventions of round 8 of issue 14, on the real release 2026.1. Each expected code is the one
ICD-10-CM / ICD-10-PCS gives for the phrase (titles checked with `workbench code`), not the engine's
output; the queries are not those of the tuning files."""

from __future__ import annotations

import pytest

from codesets.search.engine import SearchIndex


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


# --- a bilateral salpingo-oophorectomy is two resections: ovaries (0UT2) and fallopian tubes (0UT7) ----

@pytest.mark.parametrize("query", ["bilateral salpingo-oophorectomy", "BSO"])
def test_bso_offers_both_body_parts(index, query):
    top = codes(index, query)
    assert any(c.startswith("0UT2") and c.endswith("ZZ") for c in top)  # Resection of Bilateral Ovaries
    assert any(c.startswith("0UT7") and c.endswith("ZZ") for c in top)  # ... of Bilateral Fallopian Tubes


@pytest.mark.parametrize("query, ovaries, tubes", [
    ("laparoscopic bilateral salpingo-oophorectomy", "0UT24ZZ", "0UT74ZZ"),  # percutaneous endoscopic
    ("BSO, open", "0UT20ZZ", "0UT70ZZ"),
    ("right salpingo-oophorectomy, open", "0UT00ZZ", "0UT50ZZ"),  # right ovary, right fallopian tube
])
def test_salpingo_oophorectomy_keeps_the_approach_and_side_for_both(index, query, ovaries, tubes):
    top = codes(index, query)
    assert ovaries in top and tubes in top


# --- a resection named as past is the acquired absence it left (Z90.-) -------------------------------

@pytest.mark.parametrize("query, code", [
    ("s/p appendectomy", "Z9049"),              # Acquired absence of other specified parts of digestive tract
    ("status post lap cholecystectomy", "Z9049"),
    ("h/o right nephrectomy", "Z905"),          # Acquired absence of kidney (not Z94.0, transplant status)
])
def test_past_resection_is_the_acquired_absence(index, query, code):
    assert codes(index, query, 1) == [code]


def test_a_past_procedure_looked_up_for_one_phrase_answers_another_as_a_cold_search(index):
    """The past procedure's PCS code is kept per procedure's words (SearchIndex._aftermath): "s/p
    cholecystectomy" after "status post cholecystectomy" (the same procedure) answers as it does first."""
    index.clear_cache()
    cold = index.search("s/p cholecystectomy", system="CM", limit=3)
    index.clear_cache()
    index.search("status post cholecystectomy", system="CM", limit=3, within="Z")  # another mask too
    assert index.search("s/p cholecystectomy", system="CM", limit=3) == cold
    assert cold[0].code == "Z9049" and "(0FT40ZZ)" in cold[0].matched  # Resection of Gallbladder


# --- a device or opening the patient has is a status (Z93.-) ------------------------------------------

@pytest.mark.parametrize("query, code", [
    ("has an ileostomy", "Z932"),   # Ileostomy status
    ("trach in place", "Z930"),     # Tracheostomy status
])
def test_what_the_patient_has_is_a_status(index, query, code):
    assert codes(index, query, 1) == [code]


# --- an infection due to a device: the complication first, the infection's own code offered -----------

def test_uti_due_to_foley_is_the_catheter_infection_with_the_uti(index):
    top = codes(index, "UTI due to indwelling Foley catheter")
    assert top[0] == "T83511A"  # Infection and inflammatory reaction due to indwelling urethral catheter
    assert "N390" in top        # Urinary tract infection, site not specified (use additional code)


def test_a_cause_with_a_condition_abbreviation_is_a_diagnosis(index):
    # "from" with UTI: the catheter is the cause, not a Foley insertion to code (0T9B70Z)
    assert codes(index, "UTI from a chronic indwelling foley", 1)[0].startswith("T83")


# --- two spinal levels further apart: the "2 or more" joints body part ---------------------------------

@pytest.mark.parametrize("query, prefix", [
    ("posterior fusion L2-L4 with interbody cage", "0SG1"),   # 2 or more lumbar vertebral joints
    ("ACDF C3-C6", "0RG2"),                                   # 2 or more cervical vertebral joints
    ("L4-5 fusion with cage", "0SG0"),                        # one joint: lumbar vertebral joint
])
def test_spinal_levels_count_the_joints(index, query, prefix):
    assert codes(index, query, 1)[0].startswith(prefix)


# --- a Body Part Key term narrowed after its comma does not map the bare words --------------------------

def test_internal_carotid_stent_is_not_the_intracranial_artery(index):
    # Dilation of Left Internal Carotid Artery with Intraluminal Device, Percutaneous Approach
    assert codes(index, "left internal carotid artery stent, percutaneous", 1) == ["037L3DZ"]


# --- a skin graft's donor site is not the site coded ---------------------------------------------------

def test_skin_graft_is_coded_to_the_wound_not_the_donor_site(index):
    # Replacement of Right Lower Leg Skin with Autologous Tissue Substitute, Partial Thickness, External
    assert codes(index, "split thickness skin graft from left thigh to right lower leg", 1) == ["0HRKX74"]


# --- vocabulary of the round ----------------------------------------------------------------------------

@pytest.mark.parametrize("query, code", [
    ("tracheostomy decannulation", "0BP1XFZ"),  # Removal of Tracheostomy Device from Trachea, External
    ("Kcentra administration", "30283B1"),      # Transfusion of Nonautologous 4-Factor PCC into Vein
    ("SLED for 10 hours", "5A1D80Z"),           # Urinary Filtration, Prolonged Intermittent, 6-18 hours
    ("leadless pacemaker placement", "02HK3NZ"),  # Insertion of Intracardiac Pacemaker into RV, Perc
])
def test_round8_vocabulary(index, query, code):
    assert codes(index, query, 1) == [code]
