"""Generic scanner rules, on the real release and search index: short abbreviations in narrative,
restated abbreviations in parentheses, test reports, external causes, population chapters, one side
of an "X and Y" title, several-word abbreviations, subsets of what is already coded."""

from __future__ import annotations

import datetime as dt

from workbench.model.encounter import Diagnosis, Document, Encounter
from workbench.record.suggest import suggest


def enc_with(text: str, dx: tuple[str, ...] = ("J189",), doc: str = "Discharge Summary", **kw) -> Encounter:
    base = dict(account="R1", age=70, sex="M", admit_date=dt.date(2026, 5, 1),
                discharge_date=dt.date(2026, 5, 5))
    base.update(kw)
    return Encounter(diagnoses=[Diagnosis(c, "Y") for c in dx], documents=[Document(doc, text)], **base)


def codes(index, enc: Encounter) -> set[str]:
    return {s.code for s in suggest(enc, index=index) if s.kind == "code"}


def test_short_abbreviation_in_narrative_is_not_a_diagnosis(index):
    course = "HOSPITAL COURSE:\nOxygen weaned to RA by day 3. Follow up with PCP in 1 week.\n"
    assert not codes(index, enc_with(course)) & {"M069", "F1699"}
    listed = "DISCHARGE DIAGNOSES:\n1. RA - continue methotrexate.\n"
    assert "M069" in codes(index, enc_with(listed))


def test_restated_abbreviation_in_parentheses_does_not_anchor(index):
    text = "DISCHARGE DIAGNOSES:\n1. Acute kidney injury (AKI) - resolved with fluids.\n2. Pneumonia (PCP)\n"
    got = codes(index, enc_with(text, dx=("I509",)))
    assert "N179" in got
    assert "F1699" not in got  # PCP read alone would be phencyclidine


def test_parenthesis_is_stepped_over_inside_a_phrase(index):
    text = "DISCHARGE DIAGNOSES:\n1. Morbid (severe) obesity, BMI 42.\n"
    got = codes(index, enc_with(text))
    assert "E6601" in got and "E669" not in got


def test_test_report_line_is_not_coded(index):
    text = "HOSPITAL COURSE:\nCXR: cardiomegaly, small effusions. ECG: 1 mm ST depression V4-V6.\n"
    got = codes(index, enc_with(text))
    assert not got & {"I517", "F32A"}
    stated = "ASSESSMENT:\nCardiomegaly on imaging, new - echo ordered.\n"
    assert "I517" in codes(index, enc_with(stated))


def test_external_cause_only_with_an_injury(index):
    plan = "HOSPITAL COURSE:\nStarted on fall precautions. Unspecified fall at home last year.\n"
    assert not {c for c in codes(index, enc_with(plan)) if c[0] in "VWXY"}
    injury = ("DISCHARGE DIAGNOSES:\n1. Closed fracture of right patella.\n"
              "2. Fall on same level, unspecified.\n")
    got = codes(index, enc_with(injury))
    assert any(c.startswith("S82") for c in got)
    assert any(c.startswith("W18") for c in got)


def test_injury_without_a_site_is_not_suggested(index):
    text = "HOSPITAL COURSE:\nWound irrigated and closed. Home health for wound care.\n"
    assert not {c for c in codes(index, enc_with(text)) if c.startswith("T14")}


def test_pregnancy_and_newborn_chapters_by_population(index):
    text = "DISCHARGE DIAGNOSES:\n1. Gestational diabetes mellitus in pregnancy, diet controlled.\n"
    woman = enc_with(text + "Delivered by repeat cesarean.\n", dx=("O82",), age=31, sex="F")
    man = enc_with(text, age=60, sex="M")
    assert "O24410" in codes(index, woman)
    assert not {c for c in codes(index, man) if c[0] in "OP"}
    baby = enc_with("DISCHARGE DIAGNOSES:\n1. Transient tachypnea of newborn.\n", dx=("Z3800",), age=0,
                    sex="F", admission_type="Newborn")
    assert "P221" in codes(index, baby)


def test_one_side_of_an_and_title(index):
    text = "ASSESSMENT:\nHyponatremia - fluid restriction.\n"
    assert "E871" in codes(index, enc_with(text))


def test_several_word_abbreviation(index):
    text = "ASSESSMENT:\nAcute blood loss anemia - 1 unit PRBC.\n"
    got = codes(index, enc_with(text))
    assert "D62" in got and "D649" not in got  # "anemia" alone says less than the phrase


def test_word_subset_of_a_coded_phrase_is_left_out(index):
    text = "DISCHARGE DIAGNOSES:\n1. Acute blood loss anemia.\n"
    assert "D649" not in codes(index, enc_with(text, dx=("J189", "D62")))


def test_population_from_the_birth_date_when_no_age_is_given(index):
    """Interchange records often give the birth date, not the age: the age at admission decides."""
    text = "DISCHARGE DIAGNOSES:\n1. Gestational diabetes mellitus in pregnancy, diet controlled.\n"
    elderly = enc_with(text, age=None, birth_date=dt.date(1950, 3, 1), sex="F")
    young = enc_with(text + "Delivered by repeat cesarean.\n", dx=("O82",), age=None,
                     birth_date=dt.date(1995, 3, 1), sex="F")
    assert not {c for c in codes(index, elderly) if c[0] in "OP"}
    assert "O24410" in codes(index, young)
    baby = enc_with("DISCHARGE DIAGNOSES:\n1. Transient tachypnea of newborn.\n", dx=("Z3800",), age=None,
                    birth_date=dt.date(2026, 5, 1), sex="F")
    assert "P221" in codes(index, baby)
