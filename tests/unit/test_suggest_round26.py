"""Issue 15, round summ26 (summaries_tuning47: record shapes): the CKD stage beside "hypertensive heart and
CKD without heart failure" (I13's "use additional code to identify the stage"), a home-oxygen evaluation, a
service's name in a title, a lung primary named by its lobe, a surveillance study's "no evidence of disease",
a stoma made by this stay's operation, the pathology and post-op lines after "Procedure:", a psychiatric
summary's "Medical:" line after its labs, and organs removed before the stay (Z90.-). Each case asserts the
exact code of release 2026.1 (checked with `workbench code`), firing and not firing, through the real
suggestion engine."""

from __future__ import annotations

import functools

from tests.support.suggesting import codes as shared_codes

codes = functools.partial(shared_codes, account="R26")


def test_hypertensive_heart_and_ckd_without_heart_failure_keeps_its_stage(index):
    got = codes(index, "Discharge diagnoses:\n1. Pneumonia\n2. Hypertensive heart and CKD without heart "
                       "failure, CKD 3a\n")
    assert {"I1310", "N1831"} <= set(got)


def test_a_stage_negated_in_its_own_item_is_not_read(index):
    got = codes(index, "Assessment: Hypertensive heart and chronic kidney disease without heart failure, "
                       "no CKD 3a on labs.\n")
    assert "N1831" not in got


def test_a_home_oxygen_evaluation_that_does_not_qualify_is_no_oxygen_dependence(index):
    text = ("Hospital course: COPD exacerbation treated with steroids and nebulizers.\n"
            "Home O2 evaluation: does not qualify (SpO2 93% on room air with ambulation).\n")
    assert "Z9981" not in codes(index, text, dx=("J441",))
    assert "Z9981" in codes(index, "Hospital course: COPD exacerbation. Home O2 2 L continuous.\n",
                            dx=("J441",))


def test_a_behavioral_health_title_is_no_behavioral_disorder(index):
    text = ("BEHAVIORAL HEALTH DISCHARGE SUMMARY\n"
            "Discharge diagnosis: Bipolar I disorder, current episode manic.\n")
    assert "F989" not in codes(index, text, dx=("F312",))


def test_a_lung_primary_named_by_its_lobe(index):
    text = ("Oncologic history: Stage IV adenocarcinoma of the right upper lobe with brain metastases, on "
            "pembrolizumab.\n")
    got = codes(index, text, dx=("J704",))
    assert "C3411" in got
    assert "C801" not in got


def test_a_surveillance_study_without_disease_makes_the_cancer_a_history(index):
    text = ("Admitted for small bowel obstruction due to adhesions.\n"
            "Oncology history: Stage IIB adenocarcinoma of the sigmoid colon diagnosed 2021, s/p open "
            "sigmoid colectomy 03/2021 and adjuvant FOLFOX, completed 10/2021.\n"
            "Surveillance CT 09/2026: no evidence of disease.\n")
    got = codes(index, text, dx=("K5650",))
    assert {"Z85038", "Z9049"} <= set(got)
    assert "C187" not in got
    # without the surveillance line the cancer stays
    assert "C187" in codes(index, text.split("Surveillance")[0] + "Plan: chemotherapy cycle 2.\n",
                           dx=("K5650",))


def test_a_colostomy_made_by_this_stays_operation_is_no_status(index):
    text = ("Procedure: Open sigmoid colectomy with end colostomy (Hartmann procedure) 12/01/2026 for "
            "perforated sigmoid diverticulitis.\n")
    assert "Z933" not in codes(index, text, dx=("K5720",))
    assert "Z933" in codes(index, "PMH: end colostomy since 2019 for diverticulitis.\n", dx=("J189",))


def test_post_op_and_pathology_lines_after_the_procedure_are_read_as_diagnoses(index):
    text = ("Procedure: Total thyroidectomy (open) 12/01/2026 for multinodular goiter.\n"
            "Pathology: benign multinodular goiter; no malignancy identified.\n"
            "Post-op: transient hypocalcemia (Ca 7.6), treated with calcium carbonate and calcitriol.\n")
    got = codes(index, text, dx=("E042",))
    assert "E8351" in got
    assert "C73" not in got


def test_a_medical_line_after_the_labs_is_read(index):
    text = ("Discharge diagnosis: Bipolar I disorder, current episode manic, severe, with psychotic "
            "features.\n"
            "Labs: TSH normal, lithium level 0.8.\nMedical: hypothyroidism on levothyroxine.\n")
    assert "E039" in codes(index, text, dx=("F312",))


def test_organs_removed_before_the_stay_are_acquired_absence(index):
    text = ("PSH: s/p total abdominal hysterectomy with bilateral salpingo-oophorectomy for fibroids (2015); "
            "s/p splenectomy after a motor vehicle accident (1998); s/p cholecystectomy (2011); s/p left "
            "nephrectomy (2010).\n")
    got = codes(index, text)
    assert {"Z90710", "Z90722", "Z9081", "Z9049", "Z905"} <= set(got)
    assert not {"D259", "K8020"} & set(got)


def test_a_removal_this_stay_is_no_acquired_absence(index):
    text = ("Procedure: laparoscopic cholecystectomy 12/02/2026.\n"
            "Hospital course: s/p cholecystectomy, tolerating diet.\n")
    assert "Z9049" not in codes(index, text, dx=("K8010",))


def test_a_problem_list_resolved_during_the_stay_is_still_coded(index):
    text = ("Hospital Problem List\nActive Problems:\n"
            "  Hypokalemia   Noted: 12/01/2026   Resolved: 12/02/2026\n"
            "  Closed fracture of left wrist   Noted: 05/01/2022   Resolved: 08/01/2022\n")
    got = codes(index, text, dx=("A419",))
    assert "E876" in got
    assert not [c for c in got if c.startswith("S62")]


def test_receptor_status_one_code_for_each_receptor(index):
    text = ("Diagnosis: Invasive ductal carcinoma, left breast upper outer quadrant, ER positive, PR "
            "negative, HER2 negative.\n")
    got = codes(index, text, dx=("C50412",))
    assert {"Z170", "Z1722", "Z1732"} <= set(got)
    assert not {"Z171", "Z1721", "Z1731"} & set(got)
    assert {"Z171", "Z1722", "Z1732"} <= set(codes(index, "Diagnosis: triple negative left breast cancer.\n",
                                                   dx=("C50912",)))


def test_pr_of_an_ecg_is_no_receptor_status(index):
    got = codes(index, "Assessment: first degree AV block, PR prolonged.\n", dx=("I214",))
    assert "I440" in got
    assert not [c for c in got if c.startswith("Z17")]
