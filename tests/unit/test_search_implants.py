"""Past procedures that leave hardware or a status (issue 14, aftermath.with_implant), on the real release
2026.1. Each expected code is the one the ICD-10-CM Index gives (Presence, bone implant NEC Z96.7; History,
personal, fracture, traumatic (healed) Z87.81; Status, arthrodesis Z98.1; Status, angioplasty, coronary
artery Z98.61, with implant Z95.5; Presence, heart valve prosthesis Z95.2), titles checked with `workbench
code`; the queries differ from those of tests/search_tuning_cm6.tsv."""

from __future__ import annotations

import pytest

from codesets.search.engine import SearchIndex


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


@pytest.mark.parametrize("query", ["s/p ORIF left ankle fracture", "status post ORIF of right humerus",
                                   "hx of ORIF R femur", "s/p open reduction internal fixation left tibia"])
def test_a_past_fixation_leaves_a_bone_implant_and_a_healed_fracture(index, query):
    found = codes(index, query, 2)
    assert found == ["Z967", "Z8781"], found
    assert not any(c.startswith(("Z89", "Z93")) for c in codes(index, query)[:2])  # no absence, no opening


@pytest.mark.parametrize("query", ["s/p posterior lumbar fusion", "h/o cervical fusion", "prior TLIF"])
def test_a_past_fusion_is_the_arthrodesis_status(index, query):
    assert codes(index, query, 1) == ["Z981"]


def test_a_past_coronary_dilation_is_its_status_and_with_a_stent_its_presence(index):
    assert codes(index, "history of PCI", 1) == ["Z9861"]  # no stent said
    assert codes(index, "s/p PCI with drug eluting stent", 1) == ["Z955"]  # Z98.61 Excludes1 Z95.5
    assert codes(index, "prior PTCA", 1) == ["Z9861"]


def test_a_replaced_heart_valve_is_a_prosthetic_valve(index):
    assert codes(index, "s/p MVR", 1) == ["Z952"]
    assert codes(index, "history of aortic valve replacement", 1) == ["Z952"]


@pytest.mark.parametrize("query, first", [("ORIF left ankle", "0SSG04Z"), ("lumbar fusion L4-5", "0SG0")])
def test_the_procedure_itself_is_still_the_procedure(index, query, first):
    assert codes(index, query, 1)[0].startswith(first)


@pytest.mark.parametrize("query", ["status post craniotomy for hematoma", "hx exploratory laparotomy",
                                   "s/p right CEA"])
def test_a_past_operation_leaving_no_trace_is_the_history_of_surgery(index, query):
    assert codes(index, query, 1) == ["Z98890"]  # Other specified postprocedural states (surgery NEC)


@pytest.mark.parametrize("query", ["s/p left fem-pop bypass", "history of EVAR"])
def test_a_past_arterial_graft_is_a_vascular_graft(index, query):
    assert codes(index, query, 1) == ["Z95828"]  # Presence of other vascular implants and grafts


@pytest.mark.parametrize("query", ["history of wrist fracture", "h/o hip fracture", "history of DVT",
                                   "h/o abscess", "history of carotid stenosis"])
def test_a_past_condition_is_not_read_as_a_procedure(index, query):
    assert not {"Z967", "Z981", "Z98890", "Z95828"} & set(codes(index, query, 1))


def test_a_past_resection_keeps_its_absence_first(index):
    assert codes(index, "s/p lap chole", 1) == ["Z9049"]  # not the surgery NEC
