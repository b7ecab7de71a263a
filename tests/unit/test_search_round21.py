"""Search round 21 (issue 14, search21), on the real release 2026.1: two procedures in one line each keep
their own approach; liver chemoembolization is the Introduction of the antineoplastic into the hepatic
artery (a peripheral artery; ICD-10-PCS Index: Chemoembolization see Introduction of substance in or on);
"partial" and "total" choose Excision or Resection also where the Index names the table; a condition after
"for" is the procedure's reason; a PCI with no device named is a drug-eluting stent first, the heart cath
beside it; and op note names from neurosurgery, vascular, urology, GYN, GI and thoracic surgery. Expected
codes are the ICD-10-PCS tables', titles checked with `workbench code`; the queries differ from those of
tests/search_tuning_pcs30.tsv."""

from __future__ import annotations

import pytest

from codesets.search.engine import SearchIndex


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


# --- two procedures: a PEG's own percutaneous approach is not lent to the tracheostomy beside it


@pytest.mark.parametrize("query", ["tracheostomy with PEG tube", "PEG tube and trach"])
def test_a_tracheostomy_beside_a_peg_keeps_its_own_approach(index, query):
    found = codes(index, query, 3)
    assert found.index("0B110F4") < found.index("0B113F4"), found  # open, as "tracheostomy" alone
    assert "0DH63UZ" in found[:2], found


def test_an_approach_said_on_its_own_still_reaches_both_procedures(index):
    found = codes(index, "laparoscopic appendectomy and cholecystectomy", 2)
    assert sorted(found) == ["0DTJ4ZZ", "0FT44ZZ"], found


def test_a_vacuum_delivery_is_one_procedure(index):
    found = codes(index, "delivery by vacuum extraction")
    assert found[0] == "10D07Z6", found
    assert "10E0XZZ" not in found, found  # the extraction is the delivery


# --- chemoembolization: Introduction of substance (Index), the hepatic artery a peripheral artery


@pytest.mark.parametrize("query", ["hepatic chemoembolization", "TACE right lobe HCC",
                                   "chemoembolisation of hepatoma"])
def test_liver_chemoembolization_is_the_introduction_of_an_antineoplastic_into_an_artery(index, query):
    found = codes(index, query)
    assert found[0] == "3E05305", found
    assert not any(c[0] in "CD" for c in found[:3]), found  # the tumor's diagnosis codes after


# --- partial and total: Excision or Resection, also for a table the Index names


@pytest.mark.parametrize(("query", "first"), [
    ("partial parotidectomy, right", "0CB80ZZ"),
    ("total parotidectomy right", "0CT80ZZ"),
    ("partial glossectomy", "0CB7XZZ"),  # the tongue is seen through the mouth: External (B5.3a)
])
def test_partial_is_excision_and_total_resection(index, query, first):
    assert codes(index, query)[0] == first


# --- a condition after "for" is the reason of the procedure named before it


def test_a_diagnosis_word_after_for_leaves_the_query_a_procedure(index):
    found = codes(index, "lumbar drain for postoperative CSF leak")
    assert found[0] == "009U30Z", found


# --- PCI with no device named after a heart cath: the drug-eluting stent first, the cath second


def test_a_pci_after_a_cath_is_a_drug_eluting_stent_first(index):
    found = codes(index, "left heart cath with PCI of RCA and PDA", 3)
    assert found[:2] == ["027135Z", "4A023N7"], found  # two arteries, a stent each (B4.4)


# --- op note names


@pytest.mark.parametrize(("query", "first"), [
    ("decompressive craniectomy", "0NB00ZZ"),  # no Resection of the skull exists
    ("twist drill craniostomy for chronic subdural hematoma", "00943ZZ"),
    ("laparoscopic myomectomy", "0UB94ZZ"),
    ("ileal conduit", "0T180ZC"),
    ("pericardial window via thoracoscopy", "0W9D4ZZ"),  # Window: see Drainage
    ("mediastinoscopy and biopsy of lymph nodes", "07B74ZX"),  # the mediastinal nodes: Lymphatic, Thorax
    ("banding of internal hemorrhoids", "06LY7CC"),
    ("POEM", "0D848ZZ"),
    ("aorto-bifemoral bypass with PTFE graft", "04100JK"),
    ("right fem to AK pop bypass with Dacron", "041K0JL"),
    ("baclofen pump", "0JH80VZ"),
    ("femoral a-line", "04HY32Z"),
])
def test_op_note_names(index, query, first):
    assert codes(index, query)[0] == first
