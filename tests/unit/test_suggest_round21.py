"""Issue 15, round summ21 (summaries_tuning38/39: unsupported-code traps): a cath report's "patent
coronaries", a problem item closed by a bare "ruled out", an examination's "blanching erythema", a drug
stopped this stay and an NSAID class named beside its member. Each case asserts the exact code of release
2026.1 (checked with `workbench code`), firing and not firing, through the real suggestion engine."""

from __future__ import annotations

import functools

from tests.support.suggesting import codes as shared_codes

codes = functools.partial(shared_codes, account="R21")


# An adjective alone names no condition: "coronary (I25.89)" is an item of an Excludes list under its
# heading ("chronic coronary insufficiency:"), not a diagnosis the cath report states.

def test_patent_coronaries_on_a_cath_report_give_no_ischemic_heart_disease(index):
    got = codes(index, "Hospital Course:\n# Chest pain - troponin negative x3. LHC 12/02: 30% proximal "
                       "LAD plaque, otherwise patent coronaries, LVEF 60%.\n", dx=("R0789",))
    assert "I2589" not in got
    assert not {c for c in got if c.startswith(("I25", "I20", "I21"))}


def test_normal_coronaries_give_no_code_and_the_cardiomyopathy_is_still_read(index):
    got = codes(index, "Hospital Course:\n# Ischemic evaluation - LHC with normal coronaries.\n"
                       "Discharge Diagnoses:\n1. Acute systolic heart failure\n2. Coronary artery disease\n",
                dx=("I5021",))
    assert "I2589" not in got
    assert "I2510" in got  # the physician's own "coronary artery disease" is still coded


# A problem item whose comment ends in a clause of its own that only says "ruled out" (II.H / III.C).

def test_a_possible_condition_whose_item_ends_ruled_out_is_not_coded(index):
    got = codes(index, "Hospital Course:\n# Hyponatremia - fluid restriction, Na 131 at discharge.\n"
                       "# Possible hypothyroidism contributing - TSH normal, ruled out.\n", dx=("E222",))
    assert "E039" not in got
    assert "E039" not in codes(index, "Hospital Course:\n# Possible hypothyroidism contributing - TSH "
                                      "normal, ruled out.\n", dx=("E222",), kind="query")


def test_another_condition_ruled_out_at_the_end_leaves_the_item_coded(index):
    got = codes(index, "Hospital Course:\n# Hypothyroidism - TSH 8, levothyroxine started; sepsis ruled "
                       "out.\n", dx=("J189",))
    assert "E039" in got


# An examination's finding outside chapter 18 is read as a sign is (I.B.5 / Section III.B).

def test_blanching_erythema_on_exam_is_no_erythematous_condition(index):
    got = codes(index, "Hospital Course:\n# Pressure injury? - sacral skin intact, blanching erythema "
                       "only; no pressure ulcer.\n", dx=("N390",))
    assert "L539" not in got
    assert not {c for c in got if c.startswith("L89")}


def test_erythema_listed_as_a_discharge_diagnosis_is_still_coded(index):
    got = codes(index, "Discharge Diagnoses:\n1. Erythema of the scrotum\n", dx=("N390",))
    assert "L539" in got


# I.C.21.c.3: a drug stopped this stay is no current long-term use.

def test_home_aspirin_stopped_at_discharge_gives_no_long_term_aspirin(index):
    got = codes(index, "HPI: 52M taking aspirin 81 mg daily for primary prevention, p/w melena.\n"
                       "Hospital Course:\n# Duodenal ulcer with bleeding - clipped, pantoprazole.\n"
                       "# Aspirin stopped (primary prevention only).\n"
                       "Discharge Medications: pantoprazole 40 mg BID. STOP aspirin.\n", dx=("K264",))
    assert "Z7982" not in got


def test_home_aspirin_held_and_resumed_keeps_long_term_aspirin(index):
    got = codes(index, "HPI: 70M with CAD on aspirin 81 mg daily p/w syncope.\n"
                       "Hospital Course:\n# CAD - aspirin stopped for the EGD, resumed on day 3.\n"
                       "Discharge Medications:\n- aspirin 81 mg daily\n", dx=("R55",))
    assert "Z7982" in got


# Table of Drugs: "NSAID-induced" with ibuprofen named is the propionic acid derivative (T39.31-).

def test_nsaid_induced_ulcer_with_ibuprofen_named_is_a_propionic_acid_derivative(index):
    got = codes(index, "Discharge Diagnoses:\n1. Bleeding duodenal ulcer, likely NSAID-induced\n"
                       "HPI: 52M taking ibuprofen 800 mg TID for back pain.\n", dx=("K264",))
    assert "T39315A" in got
    assert "T39395A" not in got


def test_nsaid_induced_with_no_member_named_stays_other_nsaid(index):
    got = codes(index, "Discharge Diagnoses:\n1. Bleeding gastric ulcer, NSAID-induced\n", dx=("K254",))
    assert "T39395A" in got
    assert "T39315A" not in got


# Probes of summaries_tuning40: "not suspected", a tested name read negative, a cured infection.

def test_a_condition_not_suspected_is_not_coded(index):
    got = codes(index, "Hospital Course:\n# Endocarditis - not suspected; blood cultures negative x2, no "
                       "murmur.\nPyelonephritis not suspected - no flank pain.\n", dx=("L03113",))
    assert not {"I38", "I330", "N12", "N10"} & set(got)
    assert not {"I38", "N12"} & set(codes(index, "Hospital Course:\n# Endocarditis - not suspected.\n",
                                          dx=("L03113",), kind="query"))


def test_suspected_endocarditis_at_discharge_is_still_coded(index):
    assert "I38" in codes(index, "Discharge Diagnoses:\n1. Suspected endocarditis\n", dx=("L03113",))


def test_an_item_named_by_a_tested_virus_read_negative_is_not_coded(index):
    got = codes(index, "Hospital Course:\n# COVID - PCR negative this admission; no isolation needed.\n",
                dx=("I5031",))
    assert "U071" not in got


def test_covid_pneumonia_with_a_positive_pcr_is_still_coded(index):
    got = codes(index, "Hospital Course:\n# COVID pneumonia - PCR positive, dexamethasone.\n", dx=("J9601",))
    assert {"U071", "J1282"} <= set(got)


def test_hepatitis_c_with_rna_undetectable_after_treatment_is_no_active_hepatitis(index):
    got = codes(index, "Hospital Course:\n# Hepatitis C - RNA undetectable after treatment 2021.\n",
                dx=("L03113",))
    assert not {c for c in got if c.startswith(("B18", "B19"))}


# I.B.5 read from titles: hemorrhage NEC beside a code that says "with bleeding".

def test_hemorrhage_beside_diverticulosis_with_bleeding_is_not_coded(index):
    got = codes(index, "Discharge Diagnoses:\nDiverticular bleed (diverticulosis of colon with hemorrhage)\n"
                       "Acute blood loss anemia\n", dx=("K5731",))
    assert "R58" not in got
    assert "D62" in got


# I.C.13.d.1: a coded pathological fracture is the record's fracture.

def test_no_traumatic_fracture_beside_a_coded_osteoporotic_fracture(index):
    got = codes(index, "Discharge Diagnoses:\nClosed fracture of left femoral neck after mechanical fall at "
                       "home\nAge-related osteoporosis\n", dx=("M80052A",), age=88)
    assert not {c for c in got if c.startswith("S72")}
    assert "S72002A" in codes(index, "Discharge Diagnoses:\nClosed fracture of left femoral neck after "
                                     "mechanical fall at home\n", dx=("W19XXXA",), age=88)


def test_another_sites_traumatic_fracture_stays_beside_an_osteoporotic_hip_fracture(index):
    got = codes(index, "Discharge Diagnoses:\nLeft femoral neck fracture after mechanical fall at home\n"
                       "Right distal radius fracture\nAge-related osteoporosis\n", dx=("M80052A",), age=88)
    assert not {c for c in got if c.startswith("S72")}
    assert "S52501A" in got
