"""Issue 15: findings the stay did not evaluate or treat (sent to outpatient care, incidental, seen only on
a film), findings part of the principal condition (a small pleural effusion with pneumonia or heart
failure), a relative's condition beside the patient's combination code, and a second reading of a coded
injury. Each case asserts the exact code of release 2026.1 (checked with `workbench code`), firing and
not firing."""

from __future__ import annotations

import datetime as dt

from workbench.model.encounter import Diagnosis, Document, Encounter
from workbench.record.suggest import suggest


def codes(index, text: str, *, dx: tuple[str, ...] = ("R69",), age: int = 70) -> list[str]:
    docs = [Document("Discharge Summary", text, "Dr. A", "2026-09-14")]
    enc = Encounter(account="INC", age=age, sex="F", admit_date=dt.date(2026, 9, 10),
                    discharge_date=dt.date(2026, 9, 14), diagnoses=[Diagnosis(c, "Y") for c in dx],
                    procedures=[], documents=docs)
    return [s.code for s in suggest(enc, index=index) if s.kind == "code"]


def test_a_finding_sent_to_outpatient_care_gives_nothing(index):
    got = codes(index, "COURSE: Cellulitis treated with cefazolin. Onychomycosis of bilateral great toenails "
                "noted on exam; podiatry follow-up as an outpatient.\n", dx=("L03115",))
    assert "B351" not in got
    got = codes(index, "COURSE: Right inguinal hernia noted on exam, reducible, asymptomatic - elective "
                "outpatient surgical repair.\n", dx=("J189",))
    assert "K4090" not in got
    # treated this stay: coded
    got = codes(index, "COURSE: Onychomycosis of the toenails, started terbinafine.\n", dx=("L03115",))
    assert "B351" in got


def test_an_incidental_finding_gives_nothing_unless_listed_as_a_diagnosis(index):
    got = codes(index, "COURSE: Incidental simple left renal cyst on CT, no follow-up needed.\n",
                dx=("K8520",))
    assert "N281" not in got
    got = codes(index, "COURSE: Incidental 5 mm right lower lobe pulmonary nodule on CT; recommend "
                "outpatient chest CT in 12 months.\n", dx=("K8520",))
    assert "R911" not in got
    got = codes(index, "COURSE: CT chest: incidental 7 mm right upper lobe pulmonary nodule, follow-up CT in "
                "6 months.\nDISCHARGE DIAGNOSES:\n1. COPD exacerbation\n2. Pulmonary nodule\n", dx=("J441",))
    assert "R911" in got


def test_a_chronic_condition_followed_as_outpatient_is_still_coded(index):
    got = codes(index, "A/P:\n# BPH w LUTS - urology f/u\n", dx=("I951",))
    assert "N401" in got


def test_a_small_effusion_with_pneumonia_or_heart_failure_is_not_coded_unless_drained(index):
    got = codes(index, "COURSE: CAP treated with ceftriaxone. Small right pleural effusion on CXR, too small "
                "to tap.\n", dx=("J189",))
    assert not {"J90", "J918"} & set(got)
    got = codes(index, "COURSE: Acute on chronic systolic heart failure, diuresed. Trace bilateral pleural "
                "effusions.\n", dx=("I110", "I5023"))
    assert not {"J90", "J918"} & set(got)
    got = codes(index, "COURSE: CAP treated with ceftriaxone. Moderate right pleural effusion, thoracentesis "
                "performed, exudative.\n", dx=("J189",))
    assert "J918" in got or "J90" in got


def test_atelectasis_seen_on_a_film_only_is_not_coded(index):
    got = codes(index, "COURSE: COPD exacerbation treated. Mild bibasilar atelectasis on CXR.\n",
                dx=("J441",))
    assert "J9811" not in got
    got = codes(index, "COURSE: Postoperative atelectasis with hypoxia, treated with incentive spirometry "
                "and chest physiotherapy.\n", dx=("K8000",))
    assert "J9811" in got


def test_a_relatives_condition_beside_the_patients_combination_code(index):
    text = ("COURSE: Asthma exacerbation treated with nebulizers and prednisone.\n"
            "FAMILY HISTORY: Son has asthma.\n")
    got = codes(index, text, dx=("J4541",))
    assert "Z825" in got and "J45909" not in got


def test_the_patient_reports_a_relatives_condition(index):
    got = codes(index, "COURSE: Diverticulitis with abscess, IV antibiotics. Patient reports mother and "
                "sister with colon cancer.\n", dx=("K5720",))
    assert "Z800" in got and "C189" not in got
    got = codes(index, "COURSE: Diverticulitis with abscess. Son at bedside reports the patient has colon "
                "cancer.\n", dx=("K5720",))
    assert "Z800" not in got


def test_a_coded_injury_is_not_read_again_with_another_status(index):
    got = codes(index, "COURSE: Acute traumatic subdural hematoma, no loss of consciousness, managed "
                "nonoperatively.\n", dx=("S065X0A",))
    assert not [c for c in got if c.startswith("S065")]


def test_a_drained_effusion_of_heart_failure_is_j91_8(index):
    got = codes(index, "COURSE: Acute on chronic combined heart failure. Large right pleural effusion, s/p "
                "thoracentesis 1.2 L, transudative, consistent with CHF.\nDISCHARGE DIAGNOSES: Acute on "
                "chronic combined HF; right pleural effusion s/p thoracentesis.\n", dx=("I110", "I5043"))
    assert "J918" in got and "J90" not in got


def test_a_cancer_removed_in_a_past_year_on_hormonal_therapy_is_history(index):
    got = codes(index, "PMH significant for breast cancer (2019) treated with mastectomy, currently on "
                "tamoxifen.\n", dx=("K8590",))
    assert "Z853" in got and "Z79810" in got and not [c for c in got if c.startswith("C50")]
    got = codes(index, "Breast cancer (2019) treated with mastectomy, now with recurrence, on tamoxifen.\n",
                dx=("K8590",))
    assert "Z853" not in got


def test_an_old_strokes_deficits_beside_a_coded_acute_stroke(index):
    text = ("COURSE: Acute ischemic stroke; aphasia improved. Known left-sided weakness from old stroke in "
            "2020, unchanged.\n")
    got = codes(index, text, dx=("I639",))
    assert "I69354" in got and "I69351" not in got
    got = codes(index, "PMH: remote right cerebellar stroke 2015 without residual deficits.\n",
                dx=("I63512",))
    assert "Z8673" in got and not [c for c in got if c.startswith("I69")]
    # no acute stroke coded: the sequela rule of the scanner's own reading applies, not this one
    got = codes(index, "COURSE: UTI treated. Known left-sided weakness from old stroke, unchanged.\n",
                dx=("N390",))
    assert "I69354" in got


def test_the_side_of_a_dvt_is_the_side_the_sentence_says(index):
    got = codes(index, "DISCHARGE DIAGNOSES: CAP; left calf DVT.\n", dx=("J189",))
    assert "I82402" in got and "I82401" not in got
    got = codes(index, "DISCHARGE DIAGNOSES: ADHF; right calf DVT.\n", dx=("I5023",))
    assert "I82401" in got and "I82402" not in got
    got = codes(index, "COURSE: DVT, started apixaban.\n", dx=("J189",))
    assert "I82409" in got and "I82401" not in got
    # an abbreviation names the side: "RUL" keeps the right upper lobe
    got = codes(index, "DISCHARGE DIAGNOSES: Febrile neutropenia; RUL lung adenocarcinoma.\n", dx=("D701",))
    assert "C3411" in got


def test_a_finding_the_provider_says_needs_nothing_is_not_coded(index):
    got = codes(index, "COURSE: Pneumonia treated. Mild hyponatremia, Na 132, no treatment needed.\n",
                dx=("J189",))
    assert "E871" not in got
    got = codes(index, "COURSE: Pneumonia treated. Hyponatremia, Na 128, treated with fluid restriction.\n",
                dx=("J189",))
    assert "E871" in got
    got = codes(index, "COURSE: Pneumonia. Hemorrhoids noted on rectal exam, asymptomatic, no treatment.\n",
                dx=("J189",))
    assert "K649" not in got


def test_a_plan_item_following_a_finding_up_with_the_pcp(index):
    got = codes(index, "Plan:\n- Follow up thyroid nodule with PCP\n", dx=("J441",))
    assert "E041" not in got
    got = codes(index, "COURSE: Thyroid nodule, FNA performed, benign.\n", dx=("J441",))
    assert "E041" in got


def test_a_condition_said_stable_was_monitored(index):
    got = codes(index, "A/P:\n# Anemia, stable, follow up with PCP\n", dx=("J441",))
    assert "D649" in got
    got = codes(index, "A/P:\n# Anemia - outpatient workup\n", dx=("J441",))
    assert "D649" not in got


def test_a_suspicion_its_sentence_answers_against_is_not_coded(index):
    got = codes(index, "COURSE: COPD exacerbation treated. Concern for pneumonia on admission but CXR clear "
                "and procalcitonin low; antibiotics stopped.\n", dx=("J441",))
    assert not {"J189", "J440"} & set(got)
    got = codes(index, "COURSE: COPD exacerbation. Concern for pneumonia on admission, treated with "
                "ceftriaxone for 5 days.\n", dx=("J441",))
    assert "J189" in got or "J440" in got


def test_a_condition_operated_on_in_a_past_year_is_not_coded(index):
    got = codes(index, "COURSE: COPD exacerbation. Left eye cataract surgery 2021.\n", dx=("J441",))
    assert not [c for c in got if c.startswith(("H25", "H26"))]
    got = codes(index, "COURSE: COPD exacerbation. Left eye cataract, vision blurred, ophthalmology saw her "
                "and recommends surgery.\n", dx=("J441",))
    assert [c for c in got if c.startswith(("H25", "H26"))]
