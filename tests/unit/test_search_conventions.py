"""General coding conventions the search reads from a query, on the real release 2026.1: what a negation
leaves out, chart shorthand, the PCS Index's subterms, the way in versus the objective, words that settle
the root operation, and the history setting of diagnoses. Each expected code is the one the ICD-10-PCS
tables / ICD-10-CM Index give for the phrase (titles checked with `workbench code`), not the engine's
output."""

from __future__ import annotations

import pytest

from codesets.search.engine import SearchIndex
from codesets.search.procedure import affirmed, interpret
from codesets.search.text import raw_words


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


# --- negation: what was not done names no axis ------------------------------------------------------

def test_negated_words_name_no_axis():
    assert affirmed("poba of the circumflex no stent placed".split()) == ["poba", "of", "the", "circumflex"]
    assert affirmed("hernia repair without mesh with drain".split()) == ["hernia", "repair", "with", "drain"]
    intent = interpret("screening colonoscopy no biopsy".split())
    assert intent is not None and "qual" not in intent.groups  # no Diagnostic qualifier
    ct = interpret("ct head without contrast".split())
    assert ct is not None and not ct.contrast


@pytest.mark.parametrize("query, code", [
    ("umbilical hernia repair without mesh", "0WQF0ZZ"),   # Repair, not Supplement with a substitute
    ("CT head without contrast", "B020ZZZ"),              # CT of brain, no contrast
])
def test_a_negated_device_or_contrast_is_not_coded(index, query, code):
    assert codes(index, query, 1) == [code]


# --- chart shorthand ------------------------------------------------------------------------------

def test_shorthand_reads_as_words():
    assert raw_words("T2DM w/o complications") == ["t2dm", "without", "complications"]
    assert raw_words("CABG w/ LIMA") == ["cabg", "with", "lima"]
    assert raw_words("vent > 96 hrs") == ["vent", "greater", "than", "96", "hrs"]
    assert raw_words("BiPAP < 24 hours") == ["bipap", "less", "than", "24", "hours"]


@pytest.mark.parametrize("query, code", [
    ("T2DM w/o complications", "E119"),
    ("mechanical ventilation > 96 consecutive hours", "5A1955Z"),
])
def test_shorthand_finds_the_code(index, query, code):
    assert codes(index, query, 1) == [code]


# --- the PCS Index: a subterm names the axis value under a table prefix -----------------------------

def test_an_index_subterm_narrows_its_prefix(index):
    # Measurement > Cardiac > Sampling and Pressure > Left Heart: 4A023N7, not the other 4A02 codes
    assert codes(index, "left heart cath", 1) == ["4A023N7"]


# --- the way in is not the objective ----------------------------------------------------------------

def test_a_device_after_via_is_the_route(index):
    # the talc is introduced into the pleural cavity (3E0L3GC); the chest tube is how it got there
    assert codes(index, "talc pleurodesis via chest tube", 1) == ["3E0L3GC"]
    assert codes(index, "chemo via central line", 1) == ["3E04305"]


def test_the_objective_decides_not_the_verb(index):
    assert codes(index, "insertion of Foley catheter", 1) == ["0T9B70Z"]  # Drainage with drainage device


def test_one_scope_reaches_both_procedures(index):
    assert codes(index, "ERCP with sphincterotomy and CBD stone extraction", 1) == ["0FC98ZZ"]


# --- words that settle the root operation ------------------------------------------------------------

def test_a_balloon_dilates(index):
    assert codes(index, "balloon aortic valvuloplasty", 1) == ["027F3ZZ"]  # Dilation, not Repair


def test_an_aneurysm_coiled_or_clipped_is_restricted(index):
    # ICD-10-PCS guideline B3.12: Restriction keeps the vessel open
    assert codes(index, "endovascular coiling of cerebral aneurysm", 1)[0].startswith("03VG3")


def test_the_saphenous_vein_is_the_site_unless_it_is_the_graft(index):
    assert codes(index, "stripping of left greater saphenous vein", 1) == ["06DQ0ZZ"]  # Extraction
    assert codes(index, "endovenous laser ablation right GSV", 1) == ["065P3ZZ"]       # Destruction
    assert codes(index, "CABG x3 with reversed saphenous vein grafts", 1) == ["021209W"]


@pytest.mark.parametrize("query, code", [
    ("cystoscopic bladder biopsy", "0TBB8ZX"),            # -scopic: the scope's approach
    ("transbronchial biopsy LUL", "0BBG8ZX"),             # lobe shorthand
    ("laparoscopic lysis of peritoneal adhesions", "0DNW4ZZ"),
    ("open AVR with mechanical prosthesis", "02RF0JZ"),
    ("primary LTCS", "10D00Z1"),
    ("IR placement of drain into peritoneal abscess", "0W9G30Z"),
])
def test_coder_vocabulary(index, query, code):
    assert codes(index, query, 1) == [code]


# --- diagnoses: old, prior and history of --------------------------------------------------------------

def test_a_lobe_abbreviation_does_not_turn_a_diagnosis_into_a_procedure(index):
    assert codes(index, "lll pneumonia", 1)[0].startswith("J18")


@pytest.mark.parametrize("query, first", [
    ("prior MI", "I252"),        # Old myocardial infarction
    ("history of DVT", "Z8671"),  # Personal history of venous thrombosis, not the acute I82.4-
    ("old stroke", "Z8673"),     # not Z82.3, the family history
])
def test_an_old_condition_takes_the_history_code(index, query, first):
    assert codes(index, query, 1)[0].startswith(first)


def test_a_prior_condition_with_a_deficit_is_its_sequela(index):
    assert codes(index, "prior stroke with left hemiparesis", 1)[0].startswith("I6935")  # I.B.10


# --- spinal levels, extents, substances ---------------------------------------------------------------

@pytest.mark.parametrize("query, code", [
    ("lumbar discectomy L5-S1", "0SB40ZZ"),   # two levels about a disc: the disc between them
    ("L4-5 PLIF", "0SG00AJ"),                 # "L4-5" is L4-L5; PLIF: posterior approach, anterior column
    ("colonoscopy to cecum, normal", "0DJD8ZZ"),  # how far the scope went is not the site inspected
    ("lumbar epidural steroid injection", "3E0S33Z"),  # steroid: anti-inflammatory (Substance Key)
    ("PTCA of RCA with two drug-eluting stents", "027035Z"),  # the stents named outrank PTCA's no device
    ("EGD with removal of foreign body from esophagus", "0DC58ZZ"),  # matter, not a device: Extirpation
])
def test_levels_extents_and_substances(index, query, code):
    assert codes(index, query, 1) == [code]


def test_a_procedure_converted_to_open_is_coded_open(index):
    assert codes(index, "appendectomy lap converted to open", 1) == ["0DTJ0ZZ"]  # Resection, open
