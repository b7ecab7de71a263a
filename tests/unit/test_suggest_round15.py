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
