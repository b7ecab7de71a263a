"""Issue 15, round summ25 (summaries_tuning45: record shapes): dictated "history is significant for", an
auto-populated problem list, a list "not addressed this admission", a differential written on ("ddx also
incl"), a rule-out after a period the sentence cut kept, "eval for" in an outpatient plan, a doubt waiting on
its pathology, "without transfusion", another pregnancy's diabetes, a newborn's maternal history, a
medication reconciliation table, an infant past the perinatal period, a relative's smoking, the code status
line, outside records and an outside hospital's diagnosis excluded here. Each case asserts the exact code
of release 2026.1 (checked with `workbench code`), firing and not firing, through the real suggestion
engine."""

from __future__ import annotations

import datetime as dt
import functools

from tests.support.suggesting import codes as shared_codes
from workbench.model.encounter import Diagnosis, Document, Encounter
from workbench.record.suggest import suggest

codes = functools.partial(shared_codes, account="R25")


def test_a_dictated_history_is_significant_for_gives_history_codes_not_acute_ones(index):
    text = ("The patient's history is significant for a myocardial infarction in 2019 treated with a stent, "
            "a left leg deep vein thrombosis in 2021 for which she completed six months of anticoagulation, "
            "and breast cancer treated with lumpectomy in 2015 with no evidence of recurrence.\n")
    got = codes(index, text, dx=("K5732",))
    assert {"I252", "Z86718"} <= set(got)
    assert not {"I219", "I82402", "I82409"} & set(got)


def test_a_dvt_of_this_stay_is_still_coded(index):
    got = codes(index, "Discharge Diagnoses:\n1. Acute left leg deep vein thrombosis, started apixaban\n",
                dx=("K5732",))
    assert "I82402" in got
    assert "Z86718" not in got


def test_an_auto_populated_problem_list_gives_no_stale_acute_codes(index):
    text = ("Active Problem List (auto-populated):\n1. AKI (acute kidney injury)\n2. Hyponatremia\n\n"
            "Hospital Course: Cellulitis treated with cefazolin. Creatinine and sodium normal.\n")
    got = codes(index, text, dx=("L03115",))
    assert not {"N179", "E871"} & set(got)


def test_a_problem_list_written_by_the_provider_is_still_read(index):
    got = codes(index, "Problem List:\n1. AKI, improved with IV fluids\n", dx=("L03115",))
    assert "N179" in got


def test_problems_not_addressed_this_admission_are_not_coded(index):
    text = ("Other problems on the problem list, not addressed this admission: chronic low back pain, BPH? "
            "(no urinary symptoms), hearing loss, hx of kidney stones.\n")
    got = codes(index, text, dx=("K8000",))
    assert not {"H9190", "M5450"} & set(got)
    got = codes(index, "Discharge Diagnoses:\n1. Hearing loss, hearing aids in place\n", dx=("K8000",))
    assert "H9190" in got


def test_a_differential_written_on_without_a_colon_is_not_coded(index):
    text = "A/P:\nddx also incl PE, ACS - trop neg x2, Wells low, not pursued.\n"
    got = codes(index, text, dx=("R55",))
    assert "I2699" not in got
    got = codes(index, "Discharge Diagnoses:\n1. Acute pulmonary embolism on CTA\n", dx=("R55",))
    assert "I2699" in got


def test_a_rule_out_after_a_kept_period_is_answered_by_its_workup(index):
    text = "A/P:\nSyncope - likely vasovagal vs orthostatic. r/o arrhythmia: tele x48h w/o events.\n"
    assert "I499" not in codes(index, text, dx=("R55",))


def test_eval_for_in_an_outpatient_plan_is_no_code(index):
    text = "A/P:\n# Dispo - home; outpt EUS in 6 wks to eval for microlithiasis vs occult neoplasm\n"
    assert "D499" not in codes(index, text, dx=("K8500",))


def test_a_doubt_waiting_on_its_pathology_is_a_query_not_a_code(index):
    text = ("Hospital Course: Polyp removed. Pathology pending at discharge; concern for malignancy given "
            "size.\n")
    assert "C801" not in codes(index, text, dx=("K5731",))
    assert "C801" in codes(index, text, dx=("K5731",), kind="query")


def test_without_transfusion_is_no_transfusion(index):
    assert "30233N1" not in codes(index, "Hospital Course: Hgb stable at 10.2 without transfusion.\n",
                                  dx=("K5731",))
    assert "30233N1" in codes(index, "Hospital Course: Hgb 6.9, transfused 2 units PRBC.\n", dx=("D509",))


def test_gestational_diabetes_of_a_prior_pregnancy_is_not_coded(index):
    text = ("G2P2 delivered at 39w3d by spontaneous vaginal delivery a single liveborn female.\n"
            "History: gestational diabetes in prior pregnancy; this pregnancy 1-hour GTT normal.\n")
    got = codes(index, text, dx=("O99824",), age=29)
    assert not {"O24429", "O24419", "O24410"} & set(got)


def _newborn(index, text: str) -> list[str]:
    enc = Encounter(account="R25-NB", age=0, sex="M", admit_date=dt.date(2026, 11, 25),
                    discharge_date=dt.date(2026, 11, 27), diagnoses=[Diagnosis("Z3800", "Y")], procedures=[],
                    documents=[Document("Discharge Summary", text, "Dr. A", "2026-11-27")])
    return [s.code for s in suggest(enc, index=index) if s.kind == "code"]


def test_a_newborns_maternal_history_is_the_mothers(index):
    text = ("NEWBORN DISCHARGE SUMMARY\nTerm male infant born at this hospital.\n"
            "Maternal history: GBS positive, adequately treated. Gestational diabetes, diet controlled. "
            "Blood type O+.\nNursery course: glucose 52 and 58 with feeds, no treatment needed.\n")
    got = _newborn(index, text)
    assert not {"P702", "Z6790", "O24410"} & set(got)


def test_a_medication_reconciliation_tables_prn_indications_are_no_diagnoses(index):
    text = ("Medication Reconciliation:\nMedication | Dose | Indication | Status\n"
            "Docusate | 100 mg BID PRN | constipation | NEW\n")
    assert "K5900" not in codes(index, text, dx=("K7010",))


def test_an_infant_of_nine_months_is_past_the_perinatal_period(index):
    text = ("9-month-old girl admitted with RSV bronchiolitis.\nHospital course: Mild dehydration on "
            "admission with poor PO intake, treated with IV fluids.\n")
    got = codes(index, text, dx=("J210",), age=0)
    assert "E860" in got
    assert "P741" not in got


def test_a_newborns_dehydration_is_still_p74_1(index):
    got = _newborn(index, "2-day-old term infant. Hospital course: Dehydration with poor feeding, treated "
                          "with IV fluids.\n")
    assert "P741" in got


def test_a_fathers_smoking_counseled_is_not_the_childs(index):
    text = "Social: Father smokes outside the home; smoking cessation resources given to father.\n"
    got = codes(index, text, dx=("J4541",), age=6)
    assert not {"F17200", "F17210"} & set(got)


def test_the_code_status_line_gives_z66(index):
    assert "Z66" in codes(index, "Code Status: DNR/DNI, confirmed with patient and daughter (HCP).\n",
                          dx=("J690",))
    assert "Z66" not in codes(index, "Code Status: Full code.\n", dx=("J690",))


def test_outside_records_on_the_headings_line_are_another_stays(index):
    text = ("Diagnosis: Obstructing right ureteral stone with hydronephrosis; acute kidney injury\n"
            "Procedure: Cystoscopy with right ureteral stent placement 12/02/2026.\n"
            "Outside records reviewed (OSH 2023): MRI lumbar spine L4-5 disc herniation; EGD 2022 with mild "
            "gastritis.\nHospital course: Cr 1.8 from baseline 1.0, improved after decompression.\n")
    got = codes(index, text, dx=("N132",))
    assert "BR39ZZZ" not in got
    assert "N179" in got


def test_an_outside_hospitals_pneumonia_excluded_here_is_not_coded(index):
    text = ("OSH also diagnosed pneumonia on CXR and started ceftriaxone.\nHere: repeat CXR without "
            "infiltrate; ceftriaxone stopped, pneumonia not present.\n")
    assert "J189" not in codes(index, text, dx=("I4891",))


# summaries_tuning46: checkboxes, screens, counseling, a uterine scar, a growth chart, a colonization.

def test_an_unchecked_diabetes_box_gives_no_diabetic_ckd(index):
    text = ("Past Medical History (check all that apply):\n[x] Hypertension\n[ ] Diabetes\n"
            "[x] Chronic kidney disease, stage 3a\n\nHospital course: Hypertensive heart and chronic kidney "
            "disease with acute on chronic systolic heart failure.\n")
    got = codes(index, text, dx=("I5023",))
    assert "N1831" in got
    assert not {"E1122", "E119"} & set(got)


def test_a_checked_diabetes_box_is_the_patients(index):
    text = "Past Medical History:\n[x] Diabetes\n[x] Chronic kidney disease, stage 3a\n"
    assert "E1122" in codes(index, text, dx=("I5023",))


def test_a_denied_safety_screen_is_no_suicidal_ideation(index):
    text = "Principal: Alcohol withdrawal delirium\nSafety: SI denies. HI denies. AH/VH denies.\n"
    assert "R45851" not in codes(index, text, dx=("F10231",))
    assert "R45851" in codes(index, "Discharge Diagnoses:\n1. Suicidal ideation, passive\n", dx=("F10231",))


def test_counseling_on_signs_of_stroke_and_bleeding_is_no_diagnosis(index):
    text = "Apixaban started; patient counseled on bleeding risk, signs of stroke and GI bleeding.\n"
    got = codes(index, text, dx=("I4891",))
    assert not {"I639", "K922"} & set(got)


def test_a_prior_cesareans_uterine_scar_is_no_skin_scar(index):
    text = ("G2P2 s/p repeat low transverse cesarean section at 39w1d for prior cesarean (low transverse "
            "scar), declined TOLAC. Single liveborn male.\n")
    assert "L905" not in codes(index, text, dx=("O34211",), age=29)


def test_a_growth_chart_line_is_no_neoplasm(index):
    text = "Growth: weight 50th percentile, height 60th percentile.\n"
    assert "D499" not in codes(index, text, dx=("K3580",), age=5)


def test_a_history_of_mrsa_colonization_is_no_history_of_mrsa_infection(index):
    assert "Z8614" not in codes(index, "Hx of MRSA colonization (nares swab 2024).\n", dx=("L03115",))
    assert "Z8614" in codes(index, "PMH: history of MRSA bacteremia 2023.\n", dx=("L03115",))
