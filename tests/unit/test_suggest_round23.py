"""Issue 15, round summ23 (summaries_tuning42: whole discharge summaries): a heading with a parenthetical,
checklist "N/A" lines, vaccines named in a list, a transfusion declined, results sections, another person's
delivery or donor status, ended dialysis, history codes from a dated past MI/PE/stroke, a medication
line's items, immunosuppressants, the diabetic foot ulcer's L97 code and a side inside a phrase no title
splits. Each case asserts the exact code of release 2026.1 (checked with `workbench code`), firing and not
firing, through the real suggestion engine."""

from __future__ import annotations

import functools

from tests.support.suggesting import codes as shared_codes

codes = functools.partial(shared_codes, account="R23")


# A heading's parenthetical is a remark, not words of its name: the past history it heads stays a history.

def test_a_copied_forward_pmh_heading_keeps_old_mi_and_sepsis_out_of_this_stay(index):
    text = ("Discharge Diagnoses:\n1. Cellulitis of right lower leg\n2. Coronary artery disease\n"
            "PMH (copied forward from prior note): CAD with MI in 2019 s/p DES x2 to RCA. Sepsis due to "
            "pneumonia in 2023.\n")
    got = codes(index, text, dx=("L03115",))
    assert {"I252", "Z955"} <= set(got)
    assert not {c for c in got if c.startswith(("I21", "A41"))}


def test_an_mi_dated_in_the_month_of_the_stay_is_no_old_mi(index):
    got = codes(index, "Hospital Course:\n# CAD - MI in 12/2026, medical management.\n", dx=("L03115",))
    assert "I252" not in got


def test_a_long_medication_heading_with_a_parenthetical_still_lists_the_drugs(index):
    text = ("Discharge Diagnosis: Syncope, likely vasovagal.\nPMH: Hypothyroidism. BPH.\n"
            "Discharge Medications (unchanged home medications): levothyroxine 50 mcg daily, tamsulosin "
            "0.4 mg nightly.\n")
    got = codes(index, text, dx=("R55",))
    assert {"E039", "N400"} <= set(got)


# Checklists: a measure marked "N/A" names no condition of the patient.

def test_core_measure_lines_marked_not_applicable_give_no_codes(index):
    text = ("CORE MEASURES:\nAMI: N/A. Stroke: N/A. Sepsis (SEP-1): not applicable. Pneumonia: N/A.\n"
            "Hospital Course: IV furosemide, net negative 4 L.\n")
    got = codes(index, text, dx=("I110", "I5033"))
    assert not {"I219", "I639", "A419", "J189"} & set(got)


def test_a_condition_line_with_its_treatment_is_still_read(index):
    got = codes(index, "Hospital Course:\nPneumonia: right lower lobe, ceftriaxone and azithromycin.\n",
                dx=("I110", "I5033"))
    assert "J189" in got


def test_vaccines_named_in_a_list_give_no_disease(index):
    got = codes(index, "Hospital Course: Influenza and pneumococcal vaccines given before discharge.\n",
                dx=("K8520",))
    assert not {c for c in got if c.startswith(("J09", "J10", "J11", "J13"))}


# Procedures not done.

def test_a_transfusion_recommended_and_declined_is_not_coded(index):
    text = ("Hospital Course: Hgb 6.9. Transfusion of packed red blood cells was recommended, but the "
            "patient is a Jehovah's Witness and declined blood products; IV iron given.\n")
    assert not {c for c in codes(index, text, dx=("D500",)) if c.startswith("302")}


def test_a_transfusion_given_before_a_declined_unit_is_coded(index):
    text = "Hospital Course: Hgb 6.9, transfused 2 units PRBC; she declined a third unit.\n"
    assert "30233N1" in codes(index, text, dx=("D500",))


# Results no provider called a diagnosis (Section III.B).

def test_an_imaging_section_finding_is_not_coded(index):
    text = ("Discharge Diagnoses:\n1. Community-acquired pneumonia\nImaging: CT chest: RLL consolidation. "
            "Incidental 2 cm simple left renal cyst. Cholelithiasis without wall thickening. Aortic "
            "atherosclerosis.\n")
    got = codes(index, text)
    assert not {"N281", "K8020"} & set(got)
    assert not {c for c in got if c.startswith("I70")}


def test_the_same_finding_as_a_discharge_diagnosis_is_coded(index):
    got = codes(index, "Discharge Diagnoses:\n1. Community-acquired pneumonia\n2. Cholelithiasis\n")
    assert "K8020" in got


# Another person's codes.

def test_a_newborns_birth_is_not_coded_as_a_delivery(index):
    text = ("NEWBORN DISCHARGE SUMMARY\nTerm infant, 39 weeks, born by spontaneous vaginal delivery in this "
            "hospital on 12/01/2026.\nDischarge Diagnoses:\n1. Term newborn, vaginal delivery\n")
    got = codes(index, text, dx=("Z3800",), age=0)
    assert "10E0XZZ" not in got
    assert not {c for c in got if c.startswith(("O", "Z37"))}


def test_a_transplant_recipients_deceased_donor_is_no_donor_status(index):
    text = ("Discharge Diagnoses:\n1. Community-acquired pneumonia\n2. Kidney transplant status (deceased "
            "donor, 2023)\n")
    got = codes(index, text)
    assert "Z940" in got
    assert not {c for c in got if c.startswith("Z52")}


def test_dialysis_that_ended_is_no_dialysis_dependence(index):
    text = ("Discharge Diagnoses:\n1. Pneumonia\nPMH: ESRD due to IgA nephropathy, s/p kidney transplant "
            "2023; previously on hemodialysis 2019-2023.\n")
    assert "Z992" not in codes(index, text)


def test_dialysis_now_is_dialysis_dependence(index):
    text = "Discharge Diagnoses:\n1. Pneumonia\n2. ESRD on hemodialysis MWF\n"
    assert "Z992" in codes(index, text)


# A medication line's drugs, each judged by its own item (I.C.21.c.3).

def test_another_drugs_short_course_leaves_daily_aspirin_long_term(index):
    text = ("Discharge Medications: cephalexin 500 mg QID x 5 days, apixaban 5 mg BID, aspirin 81 mg "
            "daily.\n")
    assert "Z7982" in codes(index, text, dx=("L03115",))


def test_aspirin_for_a_set_course_is_not_long_term(index):
    text = "Discharge Medications: cephalexin 500 mg QID, aspirin 81 mg daily x 4 weeks.\n"
    assert "Z7982" not in codes(index, text, dx=("L03115",))


def test_a_transplant_recipients_immunosuppressants(index):
    text = "Home Medications: tacrolimus 2 mg BID, mycophenolate 500 mg BID, sirolimus 1 mg daily.\n"
    got = codes(index, text)
    assert {"Z79621", "Z79623", "Z79624"} <= set(got)


def test_tacrolimus_ointment_is_no_systemic_immunosuppressant(index):
    text = "Home Medications: tacrolimus ointment to the face BID.\n"
    assert "Z79621" not in codes(index, text)


# The diabetic foot ulcer's site, side and depth (E11.621 "use additional code ... L97.4-, L97.5-").

def test_an_ulcer_under_the_first_metatarsal_head_is_other_part_of_foot(index):
    text = ("Discharge Diagnoses:\n1. Diabetic foot ulcer, right foot, plantar surface of first metatarsal "
            "head, with fat layer exposed\n")
    got = codes(index, text, dx=("E11621",))
    assert "L97512" in got
    assert not {c for c in got if c.startswith("L974")}


def test_a_heel_ulcer_is_heel_and_midfoot(index):
    text = "Discharge Diagnoses:\n1. Diabetic foot ulcer, left heel, limited to breakdown of skin\n"
    assert "L97421" in codes(index, text, dx=("E11621",))


# A side inside a phrase whose codes have no side.

def test_calculus_of_left_ureter_is_the_ureteral_calculus(index):
    text = "Discharge Diagnoses:\n1. Acute kidney injury\n2. Calculus of left ureter, 5 mm\n"
    assert "N201" in codes(index, text, dx=("N179",))


def test_a_side_set_aside_never_gives_the_other_sides_code(index):
    text = "Hospital Course:\n# Acute left femoral DVT - heparin drip then apixaban.\n"
    assert "I82411" not in codes(index, text)


# summaries_tuning43: words around a condition that name an alert, a service, a report or a result to come.

def test_a_code_stroke_and_a_sepsis_alert_are_no_stroke_or_sepsis(index):
    text = ("Hospital Course: Code stroke was called in the ED for confusion; glucose 38, resolved with "
            "dextrose. Sepsis alert triggered by tachycardia; lactate normal.\n")
    got = codes(index, text, dx=("E162",))
    assert not {"I639", "A419"} & set(got)


def test_a_stroke_stated_in_the_diagnoses_is_still_coded(index):
    got = codes(index, "Discharge Diagnoses:\n1. Hypoglycemia\n2. Acute ischemic stroke\n", dx=("E162",))
    assert "I639" in got


def test_a_consult_services_name_is_no_infection(index):
    text = "Consults: Infectious Disease (antibiotic selection), Wound Care Nursing.\n"
    assert "B999" not in codes(index, text, dx=("L03116",))


def test_a_pasted_radiology_impression_is_the_radiologists(index):
    text = ("Discharge Diagnoses:\n1. Acute gallstone pancreatitis\nCT ABDOMEN/PELVIS WITH CONTRAST "
            "(12/01/2026)\nImpression:\n1. Acute interstitial pancreatitis.\n2. Hepatic steatosis.\n"
            "3. Small hiatal hernia.\n")
    got = codes(index, text, dx=("K8510",))
    assert not {"K760", "K449", "K469"} & set(got)


def test_an_impression_of_the_provider_is_still_read(index):
    text = "Impression:\n1. Hepatic steatosis, alcoholic\n2. Alcohol dependence\n"
    assert "K700" in codes(index, text, dx=("K8520",))


def test_an_ecg_lines_findings_are_not_diagnoses(index):
    text = ("Discharge Diagnoses:\n1. Atrial fibrillation with RVR\nECG: atrial fibrillation, rate 142; left "
            "anterior fascicular block; old inferior infarct pattern.\n")
    got = codes(index, text, dx=("I4891",))
    assert not {"I444", "I252"} & set(got)


def test_a_result_still_pending_and_a_drugs_possible_harm_name_nothing(index):
    text = ("Hospital Course: Biopsies taken; H. pylori pending at discharge. Counseled that amiodarone can "
            "cause thyroid, lung and liver toxicity.\nPlan: Follow up H. pylori biopsy result with GI; treat "
            "if positive.\n")
    got = codes(index, text, dx=("K2971",))
    assert not {"B9681", "T6591XA"} & set(got)
