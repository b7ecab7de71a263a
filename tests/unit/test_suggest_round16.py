"""Issue 15, round summ16 (summaries_tuning33): whole hospitalist discharge summaries. A problem item excluded
after its dash, a doubt sent to the outpatient plan whatever code the Index gives its words, the "SHx:"
heading, varices in cirrhosis, the allergy list's statuses and the cut at MAX_SUGGESTIONS. Each case asserts
the exact code of release 2026.1 (checked with `workbench code`), firing and not firing."""

from __future__ import annotations

import functools

from tests.support.suggesting import codes as shared_codes

codes = functools.partial(shared_codes, account="R16")


# II.H: a condition ruled out is not coded.

def test_problem_item_ruled_out_after_its_dash_is_not_coded(index):
    got = codes(index, "Problem list at discharge:\n1. COPD exacerbation - completed prednisone.\n"
                       "2. UTI - ruled out, UA negative.\n3. Hypokalemia - resolved after repletion.\n",
                dx=("J9621",))
    assert "N390" not in got
    assert {"J441", "E876"} <= set(got)


def test_problem_item_treated_after_its_dash_is_still_coded(index):
    got = codes(index, "Problem list at discharge:\n1. UTI - ceftriaxone, urine culture E. coli.\n",
                dx=("J9621",))
    assert "N390" in got


# II.H / III: uncertain and sent to the outpatient plan is a query, never a code.

def test_possible_chronic_hepatitis_c_for_outpatient_hepatology_is_a_query(index):
    text = ("Hospital course:\n# Alcohol withdrawal - CIWA protocol.\n# HCV Ab positive - RNA pending at "
            "discharge; outpatient hepatology to evaluate possible chronic hepatitis C.\n")
    assert not {"B182", "B1920"} & set(codes(index, text, dx=("F10230",)))
    assert "B182" in codes(index, text, dx=("F10230",), kind="query")


def test_chronic_hepatitis_c_treated_this_stay_is_coded(index):
    got = codes(index, "Hospital course:\n# Chronic hepatitis C - genotype 1a, started on "
                       "sofosbuvir-velpatasvir.\n", dx=("F10230",))
    assert "B182" in got


# Sections: "SHx:" is the social history, not the medication list above it.

def test_shx_heading_ends_the_medication_list(index):
    got = codes(index, "Meds: none reliably. Allergies: NKDA.\nSHx: Smokes 1 ppd. Lives at the downtown "
                       "shelter.\nHospital course:\n# Tobacco use - nicotine patch, counseled.\n",
                dx=("F10230",))
    assert "F17210" in got
    assert "Z720" not in got


# I.A.15: Index "Varix, esophagus, in (due to) cirrhosis of liver I85.1-".

def test_esophageal_varices_in_cirrhosis_are_secondary(index):
    got = codes(index, "Discharge diagnoses: alcoholic cirrhosis with ascites; esophageal varices, no "
                       "bleeding.\n", dx=("K7682",))
    assert "I8510" in got
    assert "I8500" not in got


def test_esophageal_varices_without_cirrhosis_stay_primary(index):
    got = codes(index, "Discharge diagnoses: esophageal varices, no bleeding, on nadolol.\n", dx=("K2960",))
    assert "I8500" in got
    assert "I8510" not in got


# Allergy list: the patient's allergy status (Z88.-, Z91.04-), never a reaction of this stay.

def test_allergy_list_gives_allergy_statuses(index):
    got = codes(index, "Allergies: Penicillin (hives), sulfa - rash, codeine (nausea).\n"
                       "Hospital course: CAP treated with ceftriaxone.\n")
    assert {"Z880", "Z882", "Z885"} <= set(got)
    assert not {"T7840XA", "T360X5A"} & set(got)


def test_allergy_list_items_under_a_bare_heading(index):
    got = codes(index, "ALLERGIES\n- Aspirin (wheezing)\n- Latex\n\nHospital course: CAP treated.\n")
    assert {"Z886", "Z91040"} <= set(got)


def test_no_known_allergies_and_a_later_line_give_no_status(index):
    got = codes(index, "Allergies: NKDA\nLabs: salicylate level < 5, acetaminophen level undetectable.\n"
                       "Hospital course: CAP treated.\n")
    assert not [c for c in got if c.startswith(("Z88", "Z9104"))]


# Index "Osteoarthritis, knee, bilateral M17.0" (I.B.13): the sides said, not the joint's unspecified code.

def test_oa_of_both_knees_is_bilateral_primary_oa(index):
    got = codes(index, "Hospital course:\n# OA knees - NSAIDs discontinued, acetaminophen only.\n",
                dx=("K264",))
    assert "M170" in got and "M179" not in got


def test_knee_oa_without_a_side_keeps_the_unspecified_code(index):
    got = codes(index, "Hospital course:\n# Knee OA - acetaminophen.\n", dx=("K264",))
    assert "M179" in got and "M170" not in got
