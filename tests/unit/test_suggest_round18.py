"""Issue 15, round summ18 (summaries_tuning33/34 misses): osteoporosis in the past medical history with a
drug for it taken now is a current condition under treatment (M81.0), not history. Each case asserts the
exact code of release 2026.1 (checked with `workbench code`), firing and not firing."""

from __future__ import annotations

import functools

from tests.support.suggesting import codes as shared_codes

codes = functools.partial(shared_codes, account="R18")

_STAY = "Discharge Diagnoses:\n1. Viral gastroenteritis\n2. Dehydration\n"


# Section III (other diagnoses: a condition treated this stay is reported) and I.C.21.c.4 (history codes
# are for conditions that no longer exist): "PMH: osteoporosis on alendronate" is treated now.

def test_osteoporosis_on_alendronate_in_the_pmh_is_m810_and_its_drug_status(index):
    got = codes(index, _STAY + "PMH: osteoporosis on alendronate.\nDisposition: home.\n", dx=("A084",))
    assert "M810" in got
    assert "Z7983" in got


def test_osteoporosis_in_the_pmh_with_a_listed_bisphosphonate_is_m810(index):
    got = codes(index, _STAY + "PMH: Osteoporosis; GERD.\nHome meds: risedronate 35 mg weekly.\n",
                dx=("A084",))
    assert "M810" in got


def test_osteoporosis_in_the_pmh_without_a_drug_is_not_coded(index):
    got = codes(index, _STAY + "PMH: osteoporosis.\nHome meds: acetaminophen PRN.\n", dx=("A084",))
    assert "M810" not in got


def test_osteoporosis_with_a_bisphosphonate_not_taken_is_not_coded(index):
    got = codes(index, _STAY + "PMH: osteoporosis.\nHome meds: alendronate 70 mg weekly (not taking).\n",
                dx=("A084",))
    assert "M810" not in got


def test_history_of_osteoporosis_is_not_coded_from_a_listed_drug(index):
    got = codes(index, _STAY + "PMH: h/o osteoporosis.\nHome meds: alendronate 70 mg weekly.\n",
                dx=("A084",))
    assert "M810" not in got


def test_a_mothers_osteoporosis_on_alendronate_is_not_the_patients(index):
    got = codes(index, _STAY + "Family history: mother with osteoporosis on alendronate.\n", dx=("A084",))
    assert "M810" not in got


def test_denosumab_for_bone_metastases_does_not_make_osteoporosis(index):
    got = codes(index, _STAY + "PMH: breast cancer metastatic to bone on denosumab.\n", dx=("A084",))
    assert not [c for c in got if c.startswith("M81")]


# The history of present illness is left out of the scan (the story before the diagnosis), but a chronic
# condition it names plainly with a drug for it taken now is treated this stay (Section III): a surgeon's
# summary often names it nowhere else.

_SURGERY = "DISCHARGE SUMMARY\nSurgery service\nDiagnosis: Right inguinal hernia, reducible\n"


def test_hpi_hypothyroidism_with_levothyroxine_on_the_home_list_is_e039(index):
    got = codes(index, _SURGERY + "HPI: 41 yo F with hypothyroidism presenting for elective repair.\n"
                                  "Home meds: levothyroxine 75 mcg daily.\n", dx=("K4090",))
    assert "E039" in got


def test_hpi_permanent_af_on_warfarin_is_i4821(index):
    got = codes(index, _SURGERY + "HPI: 68 yo M with permanent atrial fibrillation on warfarin, held 5 days "
                                  "preop, presenting for elective repair.\n", dx=("K4090",))
    assert "I4821" in got


def test_hpi_hypothyroidism_without_its_drug_is_not_coded(index):
    got = codes(index, _SURGERY + "HPI: 41 yo F with hypothyroidism presenting for elective repair.\n"
                                  "Home meds: acetaminophen PRN.\n", dx=("K4090",))
    assert "E039" not in got


def test_hpi_history_of_af_off_its_drug_is_not_coded(index):
    got = codes(index, _SURGERY + "HPI: 68 yo M with atrial fibrillation, off warfarin since a GI bleed, "
                                  "presenting for elective repair.\n", dx=("K4090",))
    assert not [c for c in got if c.startswith("I48")]


def test_hpi_possible_hypothyroidism_for_outpatient_workup_is_not_coded(index):
    got = codes(index, _SURGERY + "HPI: 41 yo F with possible hypothyroidism, TSH to be checked as "
                                  "outpatient.\nHome meds: levothyroxine 25 mcg daily.\n", dx=("K4090",))
    assert "E039" not in got


def test_hpi_mothers_hypothyroidism_is_not_the_patients(index):
    got = codes(index, _SURGERY + "HPI: 41 yo F whose mother has hypothyroidism, presenting for elective "
                                  "repair.\nHome meds: levothyroxine 25 mcg daily.\n", dx=("K4090",))
    assert "E039" not in got


def test_hpi_no_history_of_af_is_not_coded(index):
    got = codes(index, _SURGERY + "HPI: 68 yo M with no history of atrial fibrillation, presenting for "
                                  "elective repair.\nHome meds: apixaban 5 mg BID for DVT.\n", dx=("K4090",))
    assert not [c for c in got if c.startswith("I48")]


# I.C.21.c.3: Z79 is for continuous use of a drug for long-term treatment or prophylaxis; "on lifelong
# apixaban" after a history of DVT is that use now (Z79.01 beside Z86.718), not a past course.

_UTI = "Discharge Diagnoses:\n1. Urinary tract infection due to E. coli\n"


def test_history_of_dvt_on_lifelong_apixaban_is_z7901_and_z86718(index):
    got = codes(index, _UTI + "2. History of left femoral DVT (2021), on lifelong apixaban for secondary "
                              "prevention\n", dx=("N390",))
    assert {"Z7901", "Z86718"} <= set(got)
    assert not [c for c in got if c.startswith("I82")]


def test_history_of_dvt_with_a_completed_course_is_not_z7901(index):
    got = codes(index, _UTI + "2. History of left femoral DVT (2021), completed 6 months of apixaban\n",
                dx=("N390",))
    assert "Z86718" in got
    assert "Z7901" not in got


def test_lifelong_apixaban_stopped_is_not_z7901(index):
    got = codes(index, _UTI + "2. History of left femoral DVT (2021), was on lifelong apixaban, stopped in "
                              "2024 after a GI bleed\n", dx=("N390",))
    assert "Z7901" not in got
