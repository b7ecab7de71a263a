"""Search round 17 (issue 14, search17), on the real release 2026.1: a line naming several procedures with
no joining word, or only commas (gone once the query is cut into words), read as several procedures, the
definitive (therapeutic) one first and the others after it; words that make the next objective a means,
a step or the thing acted on keep one procedure. Expected codes are the ICD-10-PCS tables' (0FC, 0F9, 0D7,
0DB, 0DN, 0WJ, 5A2, 5A1, 0BH, 0T7, 0TP, 02P, 0D1, 0B1, 10D), titles checked with `workbench code`; the
queries differ from those of tests/search_tuning_pcs26.tsv."""

from __future__ import annotations

import pytest

from codesets.search.engine import SearchIndex


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


@pytest.mark.parametrize("query", ["ERCP sphincterotomy stone retrieval",
                                   "ERCP, sphincterotomy, CBD stone extraction"])
def test_an_ercp_line_with_no_joining_word_leads_with_the_stone_extraction(index, query):
    found = codes(index, query)
    # Extirpation of Matter from Common Bile Duct; the ampulla's codes (0FCC8ZZ) led before
    assert found[0] == "0FC98ZZ", found
    if "CBD" not in query:  # the sphincterotomy (Drainage of Ampulla of Vater) is offered too
        assert "0F9C8ZZ" in found, found


@pytest.mark.parametrize("query", ["EGD biopsies esophageal dilation",
                                   "EGD, biopsies, dilation of esophageal stricture"])
def test_a_biopsy_beside_a_dilation_comes_after_it_on_the_same_site(index, query):
    found = codes(index, query)
    assert found[0] == "0D758ZZ", found  # Dilation of Esophagus, endoscopic: the biopsy led before
    assert "0DB58ZX" in found[:2], found  # Excision of Esophagus, endoscopic, Diagnostic


def test_a_polypectomy_and_a_biopsy_listed_lead_with_the_polypectomy(index):
    found = codes(index, "colonoscopy, biopsy, polypectomy descending colon")
    assert found[:2] == ["0DBM8ZZ", "0DBM8ZX"], found


def test_an_inspection_listed_first_comes_after_what_was_done(index):
    found = codes(index, "exploratory laparotomy lysis of adhesions")
    assert found[0] == "0DNW0ZZ", found  # Release Peritoneum, Open; the inspection 0WJG0ZZ led before
    assert "0WJG0ZZ" in found, found


def test_a_look_listed_before_the_procedure_comes_after_it(index):
    found = codes(index, "TEE, cardioversion")
    assert found[0] == "5A2204Z", found  # Restoration of Cardiac Rhythm, Single
    assert found[1].startswith("B24"), found  # the transesophageal echo B24_ZZ4 after it


def test_intubation_and_ventilation_hours_listed_with_a_comma_give_both(index):
    found = codes(index, "intubation, mechanical ventilation 3 days", 3)
    assert {"0BH17EZ", "5A1945Z"} <= set(found), found  # only airway codes before


@pytest.mark.parametrize(("query", "first"), [
    ("pacemaker lead removal", "02PA3MZ"),  # the device said first: removing it, not a second procedure
    ("ureteral stent removal cystoscopy", "0TP98DZ"),
    ("colostomy creation sigmoid", "0D1N0Z4"),  # "creation" says the colostomy's objective again
    ("LTCS, hysterotomy closure", "10D00Z1"),  # the hysterotomy is the cesarean's incision
    ("trach for prolonged mechanical ventilation", "0B110F4"),  # the ventilation is its reason
])
def test_words_that_govern_the_next_objective_keep_one_procedure(index, query, first):
    assert codes(index, query, 1) == [first]


# --- devices: what the query says of the device decides between the codes an Index entry ties ------------

@pytest.mark.parametrize(("query", "device"), [
    ("totally implantable vascular access device in the chest", "W"),
    ("tunneled vascular access device chest", "X"),
])
def test_the_device_words_typed_pick_the_device_of_an_index_entrys_row(index, query, device):
    # "Vascular Access Device > ... > Insertion of device in > Chest" sends to every device of 0JH6 alike;
    # the monitoring device 0JH600Z led, by code order
    found = codes(index, query, 2)
    assert all(c.startswith("0JH6") and c[5] == device for c in found), found


def test_a_device_key_brand_is_read_as_its_device(index):
    # XIENCE: "use Intraluminal Device, Drug-eluting in Heart and Great Vessels"
    assert codes(index, "xience stent rca", 1) == ["027034Z"]  # the bare-metal 02703DZ led
    found = codes(index, "XIENCE")  # no code text has the word: was an empty answer
    assert found and all(c[5] == "4" for c in found), found


def test_a_stent_retriever_said_is_the_qualifier_of_the_thrombectomy(index):
    assert codes(index, "thrombectomy of right MCA with stent retriever", 1) == ["03CG3Z7"]


def test_an_impella_is_the_impeller_pump(index):
    assert codes(index, "Impella CP placed", 1) == ["5A0221D"]  # the "other pump" 5A02216 led


@pytest.mark.parametrize(("query", "table"), [("trachesotomy", "0B1"), ("ilesotomy", "0D1")])
def test_two_letters_swapped_in_an_ostomy_are_not_read_as_an_otomy(index, query, table):
    # "trachesotomy" reads as root and -otomy (Drainage of Trachea, 0B9, led); swapped letters are the
    # commonest slip: tracheostomy, ileostomy (Bypass ... to Cutaneous)
    found = codes(index, query, 3)
    assert all(c.startswith(table) and c[6] == "4" for c in found), found


def test_a_look_listed_after_the_procedure_stays_after_it(index):
    found = codes(index, "cardioversion, TEE", 2)
    assert found[0] == "5A2204Z", found  # the echo B246ZZ4 led: the look second kept the second's weight


def test_a_site_said_after_a_scope_goes_with_the_next_procedure(index):
    found = codes(index, "colonoscopy, cecal biopsy, polypectomy", 2)
    # the polypectomy names no site: the large intestine; the biopsy is of the cecum (was 0DBH8ZX first,
    # the cecum taken as the scope's)
    assert found == ["0DBE8ZZ", "0DBH8ZX"], found


@pytest.mark.parametrize(("query", "wanted"), [
    # the catheterization's measurement only, before; a PCI with no device said is a drug-eluting stent
    # first (search21)
    ("LHC, PCI", {"027034Z", "4A023N7"}),
])
def test_abbreviations_listed_with_a_comma_are_procedures_of_their_own(index, query, wanted):
    assert set(codes(index, query, 2)) == wanted


def test_trach_and_peg_listed_with_a_comma_are_two_procedures(index):
    # tracheostomy codes only, before. The PEG is 0DH63UZ (PCS Index: "PEG ... 0DH63UZ", round 20); the
    # tracheostomy's approach is not said, so any Bypass Trachea to Cutaneous with a tracheostomy device
    got = codes(index, "trach, PEG", 2)
    assert "0DH63UZ" in got and any(c[:4] == "0B11" and c[5:] == "F4" for c in got), got


def test_two_looks_and_a_pci_on_one_line_lead_with_the_pci(index):
    # the catheterization's measurement and the coronary angiography led; the PCI was left out of the top 5
    found = codes(index, "L heart cath, coronary angiography, PCI with DES x1 to LAD")
    assert found[0] == "027034Z", found
    assert any(c.startswith(("4A02", "B21")) for c in found), found


def test_a_word_the_code_texts_hold_is_never_read_as_a_device_brand(index):
    # "ischemic" starts a Device Key term; a diagnosis searched among procedures must not become a
    # neurostimulator lead (an answer the scanner's strong search never gives)
    found = index.search("transient ischemic attack", system="PCS", billable_only=True, limit=5)
    assert not any("Device Key" in r.matched for r in found), [r.matched for r in found]
