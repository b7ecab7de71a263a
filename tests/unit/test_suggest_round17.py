"""Issue 15, round summ17 (summaries_tuning34): traps for unsupported codes and the misses left by summ16.
Remission codes of myeloma, borderline hypertension, a past year's stent, a listed aspirin, a likely drug
cause at discharge, statuses after surgery, mild cognitive impairment, renal secondary hyperparathyroidism,
"# AKI - Cr ..." problem items and a parenthetical synonym. Each case asserts the exact code of release
2026.1 (checked with `workbench code`), firing and not firing."""

from __future__ import annotations

import functools

from tests.support.suggesting import codes as shared_codes

codes = functools.partial(shared_codes, account="R17")


# I.C.2.d: Z85 is for a malignancy eradicated; myeloma "in remission" has its own code (C90.01).

def test_myeloma_in_remission_is_its_remission_code_not_a_history(index):
    got = codes(index, "Discharge Diagnoses:\n1. Acute cystitis\n2. Multiple myeloma in remission "
                       "(autologous SCT 2023)\n", dx=("N3000",))
    assert "C9001" in got
    assert not {"Z8579", "C9000"} & set(got)


def test_breast_cancer_in_remission_is_still_a_history(index):
    got = codes(index, "Discharge Diagnoses:\n1. Acute cystitis\n2. Breast cancer, s/p lumpectomy 2018, in "
                       "remission\n", dx=("N3000",))
    assert "Z853" in got


# Index "Borderline, hypertension R03.0".

def test_borderline_hypertension_is_an_elevated_reading_not_i10(index):
    got = codes(index, "Discharge Diagnoses:\n1. Cellulitis of right lower leg\n2. Borderline hypertension\n",
                dx=("L03115",))
    assert "R030" in got
    assert "I10" not in got


def test_hypertension_is_still_i10(index):
    got = codes(index, "Discharge Diagnoses:\n1. Cellulitis of right lower leg\n2. Hypertension\n",
                dx=("L03115",))
    assert "I10" in got
    assert "R030" not in got


# I.C.21.c.3: a stent of an earlier stay is a status (Z95.5), not this stay's dilation.

def test_pci_of_a_past_year_is_z955_not_a_procedure(index):
    got = codes(index, "Discharge Diagnoses:\n1. Gout flare\n2. Coronary artery disease s/p CABG x3 (2014) "
                       "and PCI with drug-eluting stent to LAD (2022)\n", dx=("M10071",))
    assert "Z955" in got
    assert not [c for c in got if c.startswith("027")]


def test_pci_this_stay_is_the_procedure(index):
    got = codes(index, "Discharge Diagnoses: NSTEMI.\nHospital course: Underwent PCI with drug-eluting stent "
                       "to LAD on 12/02/2026.\n", dx=("I214",))
    assert "027034Z" in got
    assert "Z955" not in got


# I.C.21.c.3: a drug of the home medication list is taken long term.

def test_aspirin_with_its_dose_in_home_meds_is_long_term_use(index):
    got = codes(index, "Home meds: aspirin 81 mg, clopidogrel 75 mg daily, atorvastatin 80 mg.\n"
                       "Discharge Diagnoses: Gout flare.\n", dx=("M10071",))
    assert {"Z7982", "Z7902"} <= set(got)


def test_aspirin_given_once_in_the_ed_is_not_long_term_use(index):
    got = codes(index, "Discharge Diagnoses: Chest pain, noncardiac.\nHospital course: Given aspirin 325 mg "
                       "in the ED; troponins negative.\n", dx=("R0789",))
    assert "Z7982" not in got


# II.H / I.C.19.e.5.a: a likely drug cause at discharge of an inpatient stay is coded as established.

def test_likely_drug_cause_at_discharge_gets_the_adverse_effect_code(index):
    got = codes(index, "Discharge Diagnoses:\n1. Hyperkalemia, likely secondary to lisinopril\n"
                       "2. Sinus bradycardia, likely due to metoprolol\n", dx=("E875",))
    assert {"T464X5A", "T447X5A"} <= set(got)
    assert not {"T464X1A", "T447X1A"} & set(got)


def test_possible_drug_cause_in_the_hpi_gets_no_adverse_effect_code(index):
    got = codes(index, "HPI: K 6.4 on routine labs, possibly secondary to lisinopril per PCP.\n"
                       "Discharge Diagnoses: Hyperkalemia.\n", dx=("E875",))
    assert "T464X5A" not in got


# Statuses after surgery of an earlier stay; a past stone on a kidney stay.

def test_statuses_after_bariatric_surgery_and_lobectomy_and_past_stones(index):
    got = codes(index, "Discharge Diagnoses:\n1. Acute kidney injury\n"
                       "2. S/p Roux-en-Y gastric bypass (2018)\n"
                       "3. S/p left upper lobectomy 2019\n4. History of kidney stones\n", dx=("N179",))
    assert {"Z9884", "Z902", "Z87442"} <= set(got)


def test_current_stone_alone_gets_no_history_of_stones(index):
    got = codes(index, "Discharge Diagnoses:\n1. Acute kidney injury\n2. Right ureteral stone, passed "
                       "during this admission\n", dx=("N179",))
    assert "Z87442" not in got


# Index "Impairment, cognitive, mild G31.84".

def test_mild_cognitive_impairment_is_g3184(index):
    got = codes(index, "Discharge Diagnoses:\n1. Acute kidney injury\n2. Mild cognitive impairment\n",
                dx=("N179",))
    assert "G3184" in got


def test_mci_beside_coded_alzheimer_is_not_added(index):
    got = codes(index, "Discharge Diagnoses:\n1. Acute kidney injury\n2. Alzheimer dementia (MCI 2020)\n",
                dx=("N179", "G309"))
    assert "G3184" not in got


# Index "Hyperparathyroidism, secondary, renal N25.81" (E21.1 Excludes1).

def test_renal_secondary_hyperparathyroidism_is_n2581_everywhere_in_the_record(index):
    got = codes(index, "PMH: ESRD on HD; secondary hyperparathyroidism of renal origin.\nHospital course:\n"
                       "# Secondary hyperparathyroidism - cinacalcet, sevelamer.\n", dx=("E875",))
    assert "N2581" in got
    assert "E211" not in got


def test_secondary_hyperparathyroidism_without_renal_origin_stays_e211(index):
    got = codes(index, "Hospital course:\n# Secondary hyperparathyroidism due to vitamin D deficiency - "
                       "ergocalciferol.\n", dx=("E875",))
    assert "N2581" not in got


# A problem item of the hospital course whose comment is numbers is still the problem.

def test_aki_item_of_the_course_with_creatinine_values_is_coded(index):
    got = codes(index, "Diagnosis: DKA, type 1 diabetes.\nHospital course:\n# DKA - insulin drip.\n"
                       "# AKI - Cr 1.8 from baseline 0.9, resolved with IV fluids, 0.9 at discharge.\n",
                dx=("E1010",))
    assert "N179" in got


def test_vital_sign_line_of_the_course_is_no_diagnosis(index):
    got = codes(index, "Hospital course:\n# HR 110, RR 22, BP 150/90 on arrival.\n", dx=("E1010",))
    assert not {"R000", "R0600", "I10"} & set(got)


# One condition once: a parenthesis that restates it.

def test_parenthetical_eczema_after_atopic_dermatitis_is_not_a_second_code(index):
    got = codes(index, "Discharge Diagnoses:\n1. Acute kidney injury\n2. Atopic dermatitis (eczema)\n",
                dx=("N179",))
    assert "L209" in got
    assert "L309" not in got
