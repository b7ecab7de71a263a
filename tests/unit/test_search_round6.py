"""Procedure search conventions of round 6 of issue 14, on the real release 2026.1. Each expected code is
the one the ICD-10-PCS tables and Index give for the phrase (titles checked with `workbench code`), not
the engine's output; the queries are not those of the tuning files."""

from __future__ import annotations

import pytest

from codesets.search.engine import SearchIndex


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


# --- "removal of" a body part or of matter: Resection / Extirpation, not Removal of a device ----------

@pytest.mark.parametrize("query, code", [
    ("removal of left ovary, laparoscopic", "0UT14ZZ"),             # Resection of Left Ovary
    ("removal of gallbladder, open", "0FT40ZZ"),                    # Resection of Gallbladder
    ("both fallopian tubes removed, laparoscopic", "0UT74ZZ"),      # a fallopian tube is no device
    ("removal of stone from left ureter, ureteroscopic", "0TC78ZZ"),  # Extirpation of Matter, Left Ureter
    ("removal of right kidney stone, open", "0TC00ZZ"),            # Extirpation of Matter, Right Kidney
])
def test_removal_of_tissue_or_matter_is_not_removal_of_a_device(index, query, code):
    assert codes(index, query, 1) == [code]
    # a named device is still what a removal takes out
    assert codes(index, "removal of chest tube", 1)[0].startswith("0WP")  # Removal of Drainage Device
    assert codes(index, "PEG tube removal", 1) == ["0DP6XUZ"]


# --- an abscess of the trunk's or a limb's subcutaneous tissue (table 0J9) ---------------------------

@pytest.mark.parametrize("query, code", [
    ("I&D of chest wall abscess", "0J960ZZ"),        # Drainage of Chest Subcutaneous Tissue and Fascia
    ("abdominal wall abscess drained, open", "0J980ZZ"),  # Abdomen Subcutaneous Tissue and Fascia
])
def test_a_wall_abscess_is_drained_from_its_subcutaneous_tissue(index, query, code):
    assert codes(index, query, 1) == [code]


# --- a scope that reaches part of its tract: the site of a biopsy through it ------------------------

def test_a_biopsy_at_sigmoidoscopy_is_of_the_sigmoid_colon(index):
    assert codes(index, "sigmoidoscopy with biopsy", 1) == ["0DBN8ZX"]
    assert codes(index, "sigmoidoscopy", 1) == ["0DJD8ZZ"]  # alone: inspection of the lower tract


# --- mechanical ventilation after intubation: its duration, not the intubation's approach ----------

def test_ventilation_named_after_intubation_keeps_its_duration(index):
    got = codes(index, "intubated and ventilated for 48 hours")
    assert got[0] == "0BH17EZ" and "5A1945Z" in got  # Respiratory Ventilation, 24-96 Consecutive Hours


# --- counts, "both", "only" ---------------------------------------------------------------------------

def test_x_then_a_number_counts_the_bypassed_arteries(index):
    # Bypass Coronary Artery, Three Arteries from Aorta with Autologous Venous Tissue
    assert codes(index, "CABG x 3 with saphenous vein grafts", 1) == ["021209W"]


def test_both_names_the_bilateral_body_part_of_paired_organs(index):
    assert codes(index, "excision of both breasts", 1) == ["0HBV0ZZ"]  # Excision of Bilateral Breast
    # Index: Mammoplasty, reduction see Excision
    assert codes(index, "reduction mammoplasty, both breasts", 1) == ["0HBV0ZZ"]
    # knees have no bilateral body part: each knee's replacement, not another system's bilateral value
    assert {"0SRC0JZ", "0SRD0JZ"} <= set(codes(index, "both knees replaced"))


def test_diagnostic_only_is_no_site(index):
    assert codes(index, "laparoscopy, diagnostic only", 1) == ["0WJG4ZZ"]  # Inspection of Peritoneal Cavity


# --- vocabulary: eponyms and op-note shorthand ----------------------------------------------------

@pytest.mark.parametrize("query, code", [
    ("open Heller myotomy", "0D840ZZ"),          # Division of Esophagogastric Junction, Open
    ("Greenfield filter", "06H03DZ"),            # Insertion of Intraluminal Device into Inferior Vena Cava
    ("TBBx of LLL", "0BBJ8ZX"),                  # Excision of Left Lower Lung Lobe, endoscopic, Diagnostic
    ("CRPP right distal radius", "0PSH34Z"),     # Reposition Right Radius with Internal Fixation, Perc.
    ("Tenckhoff catheter", "0WHG33Z"),           # Insertion of Infusion Device into Peritoneal Cavity
    ("lumbar drain", "009U30Z"),                 # Drainage of Spinal Canal with Drainage Device
    ("right hydrocelectomy", "0VB60ZZ"),         # Excision of Right Tunica Vaginalis
    ("decortication of right lung", "0BDN0ZZ"),  # Extraction of Right Pleura
])
def test_op_note_words_find_their_code(index, query, code):
    assert codes(index, query, 1) == [code]


# --- a tube exchanged through its tract is a Change; a trunk region has one subcutaneous body part ------

@pytest.mark.parametrize("query, code", [
    ("suprapubic tube exchanged", "0T2BX0Z"),            # Change Drainage Device in Bladder, External
    ("I&D left buttock abscess", "0J990ZZ"),             # Drainage of Buttock Subcutaneous Tissue (no side)
    ("resection of a segment of ileum, laparoscopic", "0DBB4ZZ"),  # a segment: Excision of Ileum
    ("primary C/S, low transverse", "10D00Z1"),          # Extraction of Products of Conception, Low
])
def test_exchange_region_segment_and_stored(index, query, code):
    assert codes(index, query, 1) == [code]
    # an organ's abscess keeps its organ (Drainage of Liver)
    assert codes(index, "drainage of liver abscess, percutaneous", 1) == ["0F903ZZ"]


# --- Index order: a two-word phrase looked up the other way round ------------------------------------

def test_a_phrase_in_index_order_reads_as_the_phrase(index):
    # Irrigation of Peritoneal Cavity using Dialysate
    assert codes(index, "dialysis, peritoneal", 1) == ["3E1M39Z"]
    # two words already in their own order are read as written
    assert codes(index, "pacemaker dual chamber", 1) == ["0JH606Z"]


def test_dz_is_disease(index):
    assert "D638" in codes(index, "anemia of chronic dz")  # Anemia in other chronic diseases c.e.
