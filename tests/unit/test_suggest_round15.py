"""Issue 15, round summ15 (summaries_tuning31/32): a newborn's signs in chapter 16, an infant of a mother
with gestational diabetes, problem items dated by their year, "borderline diabetes", tests said normal, the
legal "arrest", a default code beside a coded code that says more, social-history tobacco and homelessness,
histories that bear on this stay (C. diff, old MI, DVT), the status of the second "s/p" of a sentence. Each
case asserts the exact code of release 2026.1 (checked with `workbench code`), firing and not firing."""

from __future__ import annotations

import functools

from tests.support.suggesting import codes as shared_codes

codes = functools.partial(shared_codes, account="R15")


# I.C.16.a: chapter 16 on the newborn's record.

def test_newborn_hypoglycemia_and_tachypnea_are_perinatal_codes(index):
    got = codes(index, "A/P:\n# Hypoglycemia - glucose 35 at 1 hour, dextrose gel, resolved.\n"
                       "# Tachypnea - RR 70s at 2 hours, resolved.\n", dx=("Z3800",), age=0)
    assert {"P704", "P221"} <= set(got)
    assert not {"E162", "R0682"} & set(got)


def test_adult_hypoglycemia_keeps_the_adult_code(index):
    got = codes(index, "A/P:\n# Hypoglycemia - glucose 45, D50 given, resolved.\n", dx=("J189",), age=60)
    assert "E162" in got and "P704" not in got


def test_infant_of_a_mother_with_gestational_diabetes_is_p70_0_with_its_hypoglycemia(index):
    got = codes(index, "A/P:\n# Infant of diabetic mother - mother with gestational diabetes on insulin.\n"
                       "# Hypoglycemia - glucose 28, dextrose gel x2, resolved.\n", dx=("Z3800",), age=0)
    assert "P700" in got
    assert not {"P701", "P704", "E162"} & set(got)


# Resolved before this stay; words that name no condition.

def test_problem_item_dated_by_its_year_and_resolved_is_not_coded(index):
    got = codes(index, "Problem list:\n1. Acute on chronic diastolic CHF - diuresed.\n"
                       "2. AKI 2025, resolved; Cr at baseline 1.0 this admission.\n", dx=("I110",))
    assert "N179" not in got


def test_aki_resolved_during_the_stay_is_still_coded(index):
    got = codes(index, "A/P:\n# AKI - Cr 2.1 from baseline 0.9, resolved with IV fluids.\n", dx=("A419",))
    assert "N179" in got


def test_borderline_diabetes_is_never_a_diabetes_code(index):
    got = codes(index, "A/P:\n# Cellulitis RLE - cefazolin.\n# Borderline diabetes - A1c 6.2.\n",
                dx=("L03115",))
    assert "R7303" in got and "E119" not in got


def test_preeclampsia_labs_normal_is_no_preeclampsia(index):
    got = codes(index, "HPI: 28 yo G1P0 at 40w1d admitted in labor.\nHOSPITAL COURSE: Arrest of dilation "
                       "at 6 cm; primary low transverse cesarean delivery 12/02 of a live female infant.\n"
                       "Elevated BP x1 in triage (142/88), subsequent BPs normal, preeclampsia labs "
                       "normal.\n",
                dx=("O621",), age=28)
    assert not {"O1494", "O1490", "O1493"} & set(got)


def test_arrest_of_dilation_is_no_legal_problem(index):
    got = codes(index, "HOSPITAL COURSE: Arrest of dilation at 6 cm; primary low transverse cesarean.\n",
                dx=("O621",), age=28)
    assert "Z653" not in got


def test_unspecified_appendicitis_gives_way_to_the_coded_acute_appendicitis(index):
    got = codes(index, "A/P:\n# Acute uncomplicated appendicitis s/p lap appy 12/2, POD1 - tolerating "
                       "clears.\n", dx=("K3580",), age=24)
    assert "K37" not in got and "0DTJ4ZZ" in got


# Social history and histories that bear on this stay.

def test_tobacco_ppd_in_social_history_is_cigarette_dependence(index):
    got = codes(index, "SOCIAL HISTORY: Tobacco 1 ppd. No alcohol.\nA/P:\n# COPD exacerbation.\n",
                dx=("J441",))
    assert "F17210" in got and "Z720" not in got


def test_tobacco_ppd_quit_is_no_dependence_now(index):
    got = codes(index, "SOCIAL HISTORY: Tobacco 1 ppd x 30 years, quit 2010.\nA/P:\n# COPD exacerbation.\n",
                dx=("J441",))
    assert "F17210" not in got


def test_hx_c_diff_in_the_plan_is_z86_19(index):
    got = codes(index, "A/P:\n# Sepsis due to pneumonia.\n# Hx C. diff colitis 2022 - on antibiotics now, "
                       "monitored stools, no diarrhea.\n", dx=("A419",))
    assert "Z8619" in got and not {"A0472", "A0471"} & set(got)


def test_prior_mi_with_its_year_is_old_mi(index):
    got = codes(index, "A/P:\n# Acute on chronic systolic CHF.\n# Prior MI 2015 s/p PCI with DES to LAD.\n",
                dx=("I110",))
    assert {"I252", "Z955"} <= set(got)


def test_mi_two_weeks_ago_is_no_old_mi(index):
    got = codes(index, "A/P:\n# NSTEMI - cath.\n# Prior MI 2 weeks ago.\n", dx=("I214",))
    assert "I252" not in got


def test_father_with_mi_is_no_old_mi_of_the_patient(index):
    got = codes(index, "FAMILY HISTORY: father with MI at 60.\nA/P:\n# Acute on chronic systolic CHF.\n",
                dx=("I110",))
    assert "I252" not in got


def test_hx_dvt_without_of_is_its_history(index):
    got = codes(index, "PMH: COPD, hx DVT 2019 (completed 6 months of apixaban).\nA/P:\n# AECOPD.\n",
                dx=("J441",))
    assert "Z86718" in got and "I82409" not in got


def test_homeless_at_a_shelter_is_sheltered_homelessness(index):
    got = codes(index, "Social history: Currently homeless, staying at a shelter.\nA/P:\n# Cellulitis LLE.\n",
                dx=("L03116",))
    assert "Z5901" in got and "Z5900" not in got


def test_not_homeless_gives_no_homelessness(index):
    got = codes(index, "Social: lives with wife, not homeless.\nA/P:\n# Cellulitis LLE.\n", dx=("L03116",))
    assert not {"Z5900", "Z5901", "Z5902"} & set(got)


def test_cabg_status_is_read_from_its_own_s_p_not_the_first_of_the_sentence(index):
    got = codes(index, "PMH: remote SBO 2019 s/p ex lap with lysis of adhesions; CAD s/p CABG 2018.\n"
                       "A/P:\n# SBO - resolved nonoperatively.\n", dx=("K56609",))
    assert "Z951" in got
    assert not {"0DNW0ZZ", "0DN80ZZ"} & set(got)


def test_appendectomy_of_an_earlier_year_is_no_procedure_of_this_stay(index):
    got = codes(index, "PMH: s/p lap appendectomy 2015.\nA/P:\n# CAP - ceftriaxone.\n", dx=("J189",), age=50)
    assert not {"0DTJ4ZZ", "0DTJ0ZZ", "K3580"} & set(got)


# Newborn weight, maternal conditions of a delivery, a word look that missed its own word.

def test_preterm_newborn_gets_its_low_birth_weight_beside_the_weeks(index):
    got = codes(index, "Female born at this hospital via SVD at 35 weeks, BW 2300 g.\n"
                       "# Prematurity, 35 weeks.\n", dx=("Z3800",), age=0)
    assert {"P0738", "P0718"} <= set(got)


def test_term_newborn_weight_gives_no_low_birth_weight_code(index):
    got = codes(index, "Term female born at 39 weeks, BW 3400 g.\n# Feeding well.\n", dx=("Z3800",), age=0)
    assert not any(c.startswith(("P070", "P071")) for c in got)


def test_gbs_positive_on_a_delivery_record_is_the_carrier_state_in_childbirth(index):
    got = codes(index, "HPI: 31 yo G2P1 at 39w2d admitted in active labor.\n"
                       "HOSPITAL COURSE: SVD of a live male infant.\n"
                       "# GBS positive - received penicillin x2 doses in labor.\n", dx=("O24420",), age=31)
    assert "O99824" in got


def test_maternal_gbs_on_the_newborn_record_is_not_the_infants(index):
    got = codes(index, "Term female born at this hospital via SVD.\n"
                       "# Maternal GBS positive, adequately treated - routine care.\n", dx=("Z3800",), age=0)
    assert not {"O99824", "Z22330", "P360"} & set(got)


def test_hypothyroidism_on_a_delivery_record_adds_o99_284(index):
    got = codes(index, "HPI: 33 yo G2P1 at 39w0d admitted for planned repeat cesarean.\n"
                       "HOSPITAL COURSE: Repeat low transverse cesarean 12/01, live male infant.\n"
                       "# Hypothyroidism - continue levothyroxine.\n", dx=("O34211",), age=33)
    assert {"O99284", "E039"} <= set(got)


def test_hypothyroidism_outside_pregnancy_has_no_obstetric_code(index):
    got = codes(index, "A/P:\n# CAP.\n# Hypothyroidism - continue levothyroxine.\n", dx=("J189",), age=33)
    assert "E039" in got and "O99284" not in got


def test_transaminitis_is_r74_01(index):
    got = codes(index, "A/P:\n# CAP.\n# Transaminitis - ALT 88, atorvastatin held, recheck LFTs with PCP.\n",
                age=58)
    assert "R7401" in got
