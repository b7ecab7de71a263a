"""Search conventions of search26 (issue 14), on the real release 2026.1: queries typed the way coders type
them in a search box. A stage typed onto its abbreviation ("ckd3a"), a plural run together with its
word ("chesttubes"), limbs by side ("LLE", "RUE"), a stent count after the stent with one artery named
("DES x3 to RCA"), a diagnosis typo not taken for a procedure word ("hemotysis"), "postoperative" as the
titles' "postprocedural", a cancer named by its histology ("non-small cell"), and the short forms of
paracentesis and partial SBO. Expected codes checked with `workbench code`; the queries differ from
those of the tuning files."""

from __future__ import annotations

import pytest

from codesets.search.engine import SearchIndex
from codesets.search.run_together import split_run_together


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


def test_a_stage_typed_onto_its_abbreviation_is_read_apart(index):
    # N18.31 Chronic kidney disease, stage 3a: "ckd3a" matched no word before
    first = index.search("ckd3a", limit=1)[0]
    assert first.code == "N1831" and "'ckd3a' read as 'ckd 3a'" in first.matched
    # E11.22 Type 2 diabetes mellitus with diabetic chronic kidney disease
    assert codes(index, "DM2 w/ CKD3b", 1) == ["E1122"]


def test_the_split_keeps_a_word_that_is_an_abbreviation_itself():
    keys = {("ckd",), ("dm2",), ("t2mi",)}
    words, split = split_run_together(["dm2", "ckd4", "t2mi"], keys.__contains__, lambda w: False)
    assert words == ["dm2", "ckd", "4", "t2mi"] and split == {"ckd4": "ckd 4"}


def test_a_plural_run_together_splits_like_its_singular(index):
    # 0W9930Z Drainage of Right Pleural Cavity with Drainage Device, Percutaneous Approach
    first = index.search("chesttubes right", limit=1)[0]
    assert first.code == "0W9930Z" and "'chesttubes' read as 'chest tubes'" in first.matched


@pytest.mark.parametrize(("query", "code"), [
    # Acute embolism and thrombosis of unspecified deep veins of left lower extremity
    ("DVT LLE", "I82402"),
    ("cellulitis RUE", "L03113"),   # Cellulitis of right upper limb
    ("cellulitis of R LE", "L03115"),  # Cellulitis of right lower limb
])
def test_a_limb_by_side_shorthand_finds_the_sided_code(index, query, code):
    assert codes(index, query, 1) == [code]


def test_a_count_after_the_stent_with_one_artery_named_counts_stents(index):
    # 027036Z Dilation of Coronary Artery, One Artery with Three Drug-eluting Intraluminal Devices,
    # Percutaneous Approach (it read three arteries before)
    assert codes(index, "DES x3 to RCA", 1) == ["027036Z"]
    # with two arteries named, the count is of the stents in both: 027135Z Two Arteries with Two
    # Drug-eluting Intraluminal Devices (guideline B4.4's own example)
    assert codes(index, "DES x2 to LAD and diagonal", 1) == ["027135Z"]


def test_a_diagnosis_typo_nearer_a_diagnosis_word_is_not_read_as_a_procedure(index):
    # R04.2 Hemoptysis: "hemotysis" was read as 'hemostasis' (Control Bleeding in Head) before
    first = index.search("hemotysis", limit=1)[0]
    assert first.code == "R042" and "hemostasis" not in first.matched


def test_postoperative_meets_the_titles_postprocedural(index):
    # R50.82 Postprocedural fever: nowhere in the first five before
    assert codes(index, "postoperative fever", 1) == ["R5082"]
    assert codes(index, "postop fever", 1) == ["R5082"]


def test_a_cancer_named_by_its_histology_is_coded_by_its_site(index):
    # C34.11 Malignant neoplasm of upper lobe, right bronchus or lung (small cell B-cell lymphoma before)
    assert codes(index, "non-small cell carcinoma of right upper lobe", 1) == ["C3411"]


def test_short_forms_of_paracentesis_partial_sbo_and_ventilation(index):
    assert codes(index, "para 3L", 1) == ["0W9G3ZZ"]        # Drainage of Peritoneal Cavity, Percutaneous
    # Partial intestinal obstruction, unspecified as to cause
    assert codes(index, "partial SBO", 1) == ["K56600"]
    assert codes(index, "MV 5 days", 1) == ["5A1955Z"]      # Respiratory Ventilation, > 96 Consecutive Hours


def test_hypertension_with_chf_is_the_combination_code(index):
    # I11.0 Hypertensive heart disease with heart failure (I50.9 before: "congestive" pulled the I50 titles)
    assert codes(index, "hypertension w/ CHF", 1) == ["I110"]


def test_disorder_written_d_slash_o(index):
    # G40.909 Epilepsy, unspecified, not intractable, without status epilepticus (Index: Disorder,
    # seizure); "sz d/o" matched O'nyong-nyong fever first before
    assert codes(index, "sz d/o", 1) == ["G40909"]


@pytest.mark.parametrize(("query", "code"), [
    ("RYGB", "0D160ZA"),      # Bypass Stomach to Jejunum, Open Approach (no result at all before)
    ("lap RYGB", "0D164ZA"),  # the same, Percutaneous Endoscopic Approach
    ("LSG", "0DB64Z3"),       # Excision of Stomach, Percutaneous Endoscopic Approach, Vertical
    ("VSD", "Q210"),          # Ventricular septal defect
    ("VV ECMO", "5A1522H"),   # Extracorporeal Oxygenation, Membrane, Peripheral Veno-venous
])
def test_procedure_and_problem_list_initials(index, query, code):
    assert codes(index, query, 1) == [code]
