"""Search round 18 (issue 14, search18), on the real release 2026.1: procedure lines as the cath lab,
interventional radiology, dialysis access and endoscopy write them. Imaging words name a Fluoroscopy of the
vessel (section B, type 1: heart B21, upper arteries B31, lower arteries B41, veins B51, the dialysis
shunt/fistula B51W), a contrast study whose usual contrast is low osmolar; a clip on a polypectomy site is
not coded apart; an approach typed on its own beats the one a device's phrase assumes; with no device named,
No Device and then the general device value come first. Expected codes are the ICD-10-PCS tables', titles
checked with `workbench code`; the queries differ from those of tests/search_tuning_pcs27.tsv."""

from __future__ import annotations

import numpy as np
import pytest

from codesets.search import clinical
from codesets.search.engine import SearchIndex


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


# --- endoscopy with therapeutic add-ons: the clip closing a polypectomy site is part of the Excision


@pytest.mark.parametrize(("query", "first"), [
    ("colonoscopy, cold snare polypectomy, hemoclip placed", "0DBE8ZZ"),  # no segment named: large intestine
    ("colonoscopy with snare polypectomy of descending colon and clip placement", "0DBM8ZZ"),
    ("hot snare polypectomy of the cecum with endoclips x2", "0DBH8ZZ"),
])
def test_a_clip_on_a_polypectomy_site_leaves_the_excision_first(index, query, first):
    found = codes(index, query)
    assert found[0] == first, found  # Excision, Via Natural or Artificial Opening Endoscopic, no device
    assert not any(c[5] == "C" for c in found[:3]), found  # no Extraluminal Device (clip) reading on top


def test_a_clip_on_a_bleeding_ulcer_is_control_of_the_bleeding(index):
    assert codes(index, "EGD with hemoclip placement for bleeding ulcer")[0] == "0W3P8ZZ"


def test_endoscopic_mucosal_resection_is_an_excision_of_the_segment(index):
    assert codes(index, "colonoscopy, EMR of transverse colon polyp")[0] == "0DBL8ZZ"


def test_band_ligation_of_varices_is_the_occlusion_of_the_esophageal_vein(index):
    assert codes(index, "upper endoscopy with band ligation of esophageal varices")[0] == "06L38CZ"


# --- angiography: the vessel's fluoroscopy, arteries before veins, low osmolar contrast first


@pytest.mark.parametrize(("query", "first"), [
    ("coronary arteriography", "B2111ZZ"),  # Multiple Coronary Arteries, not the bypass grafts B213
    ("right upper extremity angiogram", "B31H1ZZ"),  # arteries (B31), not the arm's veins (B51M)
    ("bilateral lower extremity venogram", "B51D1ZZ"),
    ("graft angiogram", "B2131ZZ"),  # Multiple Coronary Artery Bypass Grafts, not a Bypass (0_1)
    ("AV fistulogram", "B51W1ZZ"),  # Dialysis Shunt/Fistula, not the abdomen's fistulogram (BW11)
])
def test_an_angiogram_is_the_fluoroscopy_of_the_vessel_with_low_osmolar_contrast(index, query, first):
    assert codes(index, query)[0] == first


def test_a_cardiac_cath_with_coronary_angiography_is_a_left_heart_cath(index):
    found = codes(index, "cardiac catheterization and coronary angiogram")
    assert found[:2] == ["4A023N7", "B2111ZZ"], found  # Left Heart sampling and pressure, then the look


def test_right_and_left_heart_cath_is_the_bilateral_measurement(index):
    assert codes(index, "left and right heart cath")[0] == "4A023N8"


# --- dialysis access and lines


def test_a_fistulogram_with_angioplasty_leads_with_the_dilation_of_the_vein(index):
    found = codes(index, "fistulogram with angioplasty of right cephalic vein")
    assert found[0] == "057D3ZZ", found  # Dilation of Right Cephalic Vein, Percutaneous
    assert any(c.startswith("B51W") for c in found[:3]), found  # the fistulogram offered too


def test_a_tunneled_dialysis_catheter_is_an_infusion_device_in_the_svc(index):
    assert codes(index, "tunneled catheter placement for hemodialysis")[0] == "02HV33Z"


def test_an_av_graft_in_the_upper_arm_is_the_brachial_artery_to_upper_arm_vein_bypass(index):
    assert codes(index, "right upper arm AV graft placement")[0] == "03170JD"


@pytest.mark.parametrize(("query", "first"), [
    ("laparoscopic peritoneal dialysis catheter placement", "0WHG43Z"),  # the PD catheter's phrase says 3
    ("IR chest port placement", "0JH63WZ"),  # the port's phrase says open first
])
def test_an_approach_typed_on_its_own_beats_the_one_a_device_phrase_assumes(index, query, first):
    assert codes(index, query)[0] == first


def test_a_laparoscopy_converted_to_open_stays_open(index):
    assert codes(index, "lap converted to open appendectomy")[0] == "0DTJ0ZZ"


# --- drainage: a drain left is the drainage device, an abscess in a body cavity is drained there


def test_a_drain_left_in_place_is_the_drainage_device_not_a_status(index):
    found = codes(index, "US guided drainage of pelvic abscess, drain left in place")
    assert found[0] == "0W9J30Z", found  # Drainage of Pelvic Cavity with Drainage Device, Percutaneous


def test_a_device_left_in_place_alone_is_still_a_status(index):
    assert codes(index, "G tube in place")[0] == "Z931"  # Gastrostomy status


# --- device ties with no device named: No Device, then the general device value


def test_an_abscess_drainage_naming_no_device_leads_with_no_device(index):
    found = codes(index, "I&D abscess subcutaneous tissue of left thigh")
    assert found[0] == "0J9M0ZZ", found  # not the drainage device 0J9M00Z, the table's order


def test_a_fusion_naming_no_device_leads_with_the_general_internal_fixation_device(index):
    found = codes(index, "arthrodesis left ankle")
    assert found[0] == "0SGG04Z", found  # Internal Fixation Device, not Sustained Compression (0SGG03Z)


# --- ortho and septic joints by the Body Part Key


def test_a_supracondylar_humerus_fracture_is_fixed_in_the_humeral_shaft(index):
    assert codes(index, "CRPP left supracondylar humerus fracture")[0] == "0PSG34Z"


def test_a_septic_joint_is_drained_from_the_joint(index):
    assert codes(index, "I&D left knee septic joint")[0] == "0S9D0ZZ"


# --- the side of coding a query is on, one factor for both sides


def test_system_factor_lowers_only_the_other_side_and_a_status_most():
    systems = np.array([0, 1, 0, 1])  # CM, PCS, CM, PCS
    procedure = clinical.system_factor(systems, True, 0)
    cue = clinical.system_factor(systems, False, clinical.CUE)
    status = clinical.system_factor(systems, False, clinical.STATUS)
    assert procedure[1] == procedure[3] == 1.0 and procedure[0] == procedure[2] < 1.0
    assert cue[0] == cue[2] == 1.0 and cue[1] == cue[3] < 1.0
    assert status[1] < cue[1] and status[0] == 1.0
    assert clinical.system_factor(systems, False, 0) == 1.0  # neither side named: no change
