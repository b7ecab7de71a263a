"""Issue 15, round summ20 (summaries_tuning36: the false-positive surface of round summ19's added rules):
another stay's "Principal:"/"Secondary:" lines quoted in the record, a STOP list of the discharge
medications and a drug held until follow-up. Each case asserts the exact code of release 2026.1 (checked
with `workbench code`), firing and not firing, through the real suggestion engine."""

from __future__ import annotations

import functools

from tests.support.suggesting import codes as shared_codes

codes = functools.partial(shared_codes, account="R20")


# Section III: another stay's diagnoses are not this stay's (an outside hospital's summary quoted).

def test_an_outside_hospitals_principal_and_secondary_lines_are_not_this_stays(index):
    got = codes(index, "Hospital Course:\n# Gallstone pancreatitis - IVF, diet advanced.\n"
                       "Records from OSH admission 2025 (reviewed):\nPrincipal: Acute kidney injury\n"
                       "Secondary: Klebsiella pneumoniae UTI; Hypokalemia\n"
                       "Discharge Medications:\n- lisinopril 10 mg daily\n", dx=("K8510",))
    assert not {"N179", "N390", "B961", "E876"} & set(got)


def test_this_stays_principal_and_secondary_lines_are_still_read(index):
    got = codes(index, "Discharge Diagnoses:\nPrincipal: Acute gallstone pancreatitis\n"
                       "Secondary: Acute kidney injury; Hypokalemia\n"
                       "Hospital Course:\n# AKI - prerenal, IVF, Cr 2.1 -> 1.0.\n# Hypokalemia - K 2.9, "
                       "repleted.\n", dx=("K8510",))
    assert {"N179", "E876"} <= set(got)


def test_a_copied_forward_prior_encounter_summary_gives_no_acute_code(index):
    got = codes(index, "Discharge Diagnoses:\nPrincipal: Acute on chronic diastolic heart failure\n"
                       "Prior encounter summary (copied forward from 06/2026 admission):\n"
                       "  Principal: Sepsis due to pneumonia\n"
                       "  Secondary: Acute hypoxic respiratory failure; Acute metabolic encephalopathy\n"
                       "HPI: 77M with HFpEF p/w edema.\n", dx=("I5033",))
    assert not {"A419", "J189", "J9601", "G9341"} & set(got)


# I.C.21.c.3: a drug in the discharge list's STOP section is not taken long term after the stay.

def test_aspirin_81_in_the_stop_list_is_no_aspirin_therapy(index):
    got = codes(index, "Discharge Medications:\nSTOP taking these medications:\n- aspirin 81 daily\n"
                       "CONTINUE:\n- pantoprazole 40 mg BID\n", dx=("K922",))
    assert "Z7982" not in got


def test_aspirin_81_in_the_discharge_list_is_aspirin_therapy(index):
    got = codes(index, "Discharge Medications:\n- aspirin 81 daily\n- atorvastatin 80 mg daily\n",
                dx=("I214",))
    assert "Z7982" in got


def test_an_anticoagulant_held_until_follow_up_is_no_long_term_use(index):
    got = codes(index, "Hospital Course:\n# AF - anticoagulation discussed, patient declined. Hold apixaban "
                       "until follow-up with cardiology to revisit.\nDischarge Medications:\n"
                       "- metoprolol succinate 25 mg daily\n", dx=("I4891",))
    assert "Z7901" not in got


def test_an_anticoagulant_continued_from_home_is_long_term_use(index):
    got = codes(index, "Hospital Course:\n# AF - rate controlled, continued home apixaban.\n"
                       "Discharge Medications:\n- apixaban 5 mg BID\n", dx=("I4891",))
    assert "Z7901" in got


def test_medications_prior_to_admission_stay_this_stays_home_list(index):
    got = codes(index, "Medications prior to admission:\n- apixaban 5 mg BID (PAF)\n"
                       "Hospital Course:\n# PAF - rate controlled.\n", dx=("I5023",))
    assert "Z7901" in got


# II.H: the doubt coded is the one at discharge, not the emergency department's impression.

def test_an_ed_courses_probable_gerd_is_a_query_not_a_code(index):
    text = ("Discharge Diagnoses:\nPrincipal: Acute pancreatitis, idiopathic\nED Course: Probable GERD, GI "
            "cocktail given without relief. Lipase then returned 1400.\nHospital Course:\n# Acute "
            "pancreatitis - IVF, diet advanced.\n")
    assert "K219" not in codes(index, text, dx=("K8590",))
    assert "K219" in codes(index, text, dx=("K8590",), kind="query")


def test_likely_gerd_at_discharge_is_coded(index):
    got = codes(index, "Discharge Diagnoses:\nPrincipal: Chest pain, likely GERD\nHospital Course:\n# Chest "
                       "pain - stress test normal; likely GERD, started omeprazole.\n", dx=("R079",))
    assert "K219" in got


# I.C.21.c.4: a personal-history code names the condition's own body system.

def test_a_history_of_aki_is_not_a_history_of_blood_disease(index):
    got = codes(index, "Discharge Diagnoses:\nPrincipal: NSTEMI\nSecondary: History of AKI (2025), resolved; "
                       "Hyperlipidemia\n", dx=("I214",))
    assert not [c for c in got if c.startswith(("Z862", "Z8744", "N17"))]


def test_a_history_of_kidney_stones_among_the_diagnoses_is_z87_442(index):
    got = codes(index, "Discharge Diagnoses:\nPrincipal: NSTEMI\nSecondary: Personal history of kidney "
                       "stones; Hyperlipidemia\n", dx=("I214",))
    assert "Z87442" in got


# I.C.9.a.1 / I.C.9.a.3: hypertensive heart disease with heart failure, and with CKD, are presumed linked.

def test_hypertensive_heart_disease_beside_ckd_is_i13_0(index):
    got = codes(index, "Discharge Diagnoses:\nPrincipal: Acute on chronic diastolic heart failure\n"
                       "Secondary: "
                       "Hypertensive heart disease with heart failure; CKD stage 3a\n", dx=("I5033",))
    assert "I130" in got and "I110" not in got


def test_hypertensive_heart_disease_with_heart_failure_without_ckd_stays_i11_0(index):
    got = codes(index, "Discharge Diagnoses:\nPrincipal: Acute on chronic diastolic heart failure\n"
                       "Secondary: "
                       "Hypertensive heart disease with heart failure\n", dx=("I5033",))
    assert "I110" in got and not [c for c in got if c.startswith("I13")]


def test_hypertensive_heart_disease_on_a_heart_failure_stay_is_i11_0_not_i11_9(index):
    got = codes(index, "Discharge Diagnoses:\nPrincipal: Acute on chronic systolic heart failure\nSecondary: "
                       "Hypertensive heart disease; Hypothyroidism\n", dx=("I5023",))
    assert "I110" in got and "I119" not in got
