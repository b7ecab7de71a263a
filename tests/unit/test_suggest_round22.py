"""Issue 15, round summ22 (summaries_tuning41: unsupported-code traps of other kinds): chronic problems under
"Resolved problems", a procedure's "Indication:", an "ED differential:" line, an allergy taken back, the
arthroplasty stay's own joint, mesenteric adenitis's pain, and a side written inside a site ("distal right
radius"). Each case asserts the exact code of release 2026.1 (checked with `workbench code`), firing and
not firing, through the real suggestion engine."""

from __future__ import annotations

import functools

from tests.support.suggesting import codes as shared_codes

codes = functools.partial(shared_codes, account="R22")


# A problem list's "Resolved problems:" are past, though some are worded "chronic".

def test_chronic_problems_under_resolved_problems_are_not_coded(index):
    got = codes(index, "Active problems: Essential hypertension.\nResolved problems: Chronic low back pain "
                       "(resolved after L4-5 fusion 2020); Iron deficiency anemia (resolved 2022).\n",
                dx=("K8000",))
    assert "M5450" not in got and "D509" not in got
    assert "I10" in got  # the active list is still read


def test_the_same_problems_on_the_active_list_are_coded(index):
    got = codes(index, "Active problems: Chronic low back pain; Iron deficiency anemia.\n", dx=("K8000",))
    assert "D509" in got


# A procedure's indication is why it was done, not what it found.

def test_a_procedure_indication_is_no_diagnosis(index):
    note = ("Procedure Note", "EGD\nIndication: melena, evaluation of anemia, rule out varices.\nFindings: "
            "1 cm clean-based ulcer in duodenal bulb. No varices.\nImpression: duodenal ulcer.\n",
            "2026-12-02")
    got = codes(index, "Discharge Diagnoses:\n1. Bleeding duodenal ulcer\n", dx=("K264",), notes=(note,))
    assert "D649" not in got


def test_anemia_the_physician_diagnoses_is_still_coded(index):
    got = codes(index, "Discharge Diagnoses:\n1. Bleeding duodenal ulcer\n2. Anemia\n", dx=("K264",))
    assert "D649" in got


# "ED differential: ..." lists what was weighed, not what was concluded.

def test_an_ed_differential_line_gives_no_code(index):
    got = codes(index, "Discharge Diagnosis: Acute mesenteric adenitis\nHospital Course: Presented with RLQ "
                       "pain. ED differential: appendicitis, ovarian torsion, ectopic pregnancy. hCG "
                       "negative.\n", dx=("I880",))
    assert "K37" not in got and "O0090" not in got
    assert "R1031" not in got  # the right lower quadrant pain is the adenitis's own (I.B.5)


def test_appendicitis_concluded_after_the_differential_is_coded(index):
    got = codes(index, "Discharge Diagnoses:\n1. Hypertension\nHospital Course: ED differential: "
                       "appendicitis vs colitis. CT: appendicitis. Final diagnosis: Acute appendicitis.\n",
                dx=("I10",))
    assert "K3580" in got


def test_mesenteric_adenitis_reads_as_the_mesenteric_code(index):
    got = codes(index, "Discharge Diagnoses:\n1. Acute mesenteric adenitis\n", dx=("R1031",))
    assert "I880" in got and "I881" not in got


# An allergy taken back in its own item, or the same drug tolerated since, is no allergy status.

def test_an_allergy_disproved_by_the_same_drug_is_no_status(index):
    got = codes(index, "Allergies: NKDA. Reports 'iodine allergy' from shellfish; tolerated CT with IV "
                       "contrast this admission without reaction.\n", dx=("K5732",))
    assert "Z91041" not in got


def test_an_allergy_beside_another_drug_tolerated_is_kept(index):
    got = codes(index, "Allergies: penicillin (hives) - tolerated pip-tazo without reaction.\n",
                dx=("K5732",))
    assert "Z880" in got


def test_an_intolerance_is_no_allergy(index):
    assert "Z885" not in codes(index, "Allergies: codeine - intolerance (nausea).\n", dx=("K5732",))
    assert "Z885" in codes(index, "Allergies: codeine (hives).\n", dx=("K5732",))


# The knee replaced this stay is the procedure's, not a status (Z96.6- is a joint replaced before).

def test_a_knee_replaced_this_stay_is_no_joint_status(index):
    got = codes(index, "Discharge Diagnosis: Primary osteoarthritis, right knee, s/p right total knee "
                       "arthroplasty 12/02/2026.\n", dx=("M1711",))
    assert "Z96651" not in got


def test_a_knee_replaced_years_ago_is_a_joint_status(index):
    got = codes(index, "Discharge Diagnosis: Pneumonia. PMH: s/p right total knee arthroplasty 2019.\n",
                dx=("J189",))
    assert "Z96651" in got


# A side written between a site's words.

def test_a_side_inside_the_site_names_the_sided_fracture(index):
    assert "S52501A" in codes(index, "Discharge Diagnoses:\n1. Closed fracture of distal right radius\n",
                              dx=("I10",))
    assert "S52502A" in codes(index, "Discharge Diagnoses:\n1. Fracture of distal left radius\n",
                              dx=("I10",))
