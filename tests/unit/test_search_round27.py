"""Search round 27 (issue 14, search27), on the real release 2026.1: the device word decides the device
(an ICD with a chamber count is the Defibrillator Generator, not the dual-chamber pacemaker); a device
exchanged in a joint is Replacement or Supplement plus Removal, not Revision (ICD-10-PCS Index, "Revision":
replacement of existing device, see Removal and the root operation that places the new one); an AV graft is a
Bypass with Synthetic Substitute; one-word Body Part Key terms ("Calcaneus: use Tarsal"); an intramedullary
nail of the femur or humerus goes down the shaft; how a shock was given names no site; the approach typed
before two procedures is both procedures' and they stay in the order typed; a brand the Index sends to a
nonproprietary name ("Soliris: use Eculizumab"). Expected codes checked with `workbench code --json` (valid,
billable, the title meant); the queries differ from those of tests/search_tuning_pcs35.tsv."""

from __future__ import annotations

from codesets.search.engine import SearchIndex


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


def test_an_icd_with_a_chamber_count_is_the_defibrillator_generator(index):
    assert codes(index, "dual chamber ICD generator", 1) == ["0JH608Z"]
    assert codes(index, "dual chamber pacemaker", 1) == ["0JH606Z"]  # the pacemaker itself is unchanged


def test_components_exchanged_are_a_replacement_not_a_revision(index):
    found = codes(index, "left THA revision with exchange of both components", 10)
    assert found[:2] == ["0SRB0JZ", "0SPB0JZ"], found  # the new prosthesis, then the old one's removal
    assert not any(c.startswith("0SW") for c in found[:5]), found
    # nothing exchanged: the revision of the device in place stays first
    assert codes(index, "revision of right total knee replacement", 1) == ["0SWC0JZ"]


def test_a_liner_exchanged_is_a_supplement_and_the_old_liner_removed(index):
    assert codes(index, "liner exchange left hip arthroplasty", 2) == ["0SUB09Z", "0SPB09Z"]
    # a tube exchanged is still the Change of the tube
    assert codes(index, "G tube exchange", 1)[0].startswith("0D2")


def test_an_av_graft_is_a_bypass_with_synthetic_substitute(index):
    found = codes(index, "AV graft, left arm, brachial artery to axillary vein", 3)
    assert found[0] == "03180JD", found
    # a declot of the graft stays the extirpation of its clot
    assert codes(index, "declot of left arm AV graft", 1)[0].startswith("03CY")


def test_a_one_word_body_part_key_term_is_read_in_a_procedure(index):
    assert codes(index, "excision of left calcaneus", 1) == ["0QBM0ZZ"]
    # a diagnosis keeps the word as typed: the calcaneus fracture codes
    assert codes(index, "calcaneus fracture", 1)[0].startswith("S920")


def test_an_intramedullary_nail_of_the_femur_is_the_shaft(index):
    assert codes(index, "IM nailing of left femur", 1) == ["0QS906Z"]
    # a cephalomedullary nail names the upper femur
    assert codes(index, "cephalomedullary nail right hip", 1) == ["0QS606Z"]


def test_a_shock_given_synchronized_is_the_procedure_not_its_reason(index):
    assert codes(index, "biphasic cardioversion 120 J for atrial flutter", 1) == ["5A2204Z"]
    assert codes(index, "synchronized cardioversion x2 for afib with RVR", 1) == ["5A2204Z"]


def test_an_approach_typed_first_keeps_the_procedures_in_typed_order(index):
    found = codes(index, "open cholecystectomy and appendectomy", 5)
    assert found[0] == "0FT40ZZ", found
    assert "0DTJ0ZZ" in found, found


def test_a_brand_is_read_as_the_drug_the_index_names(index):
    assert codes(index, "Soliris 900 mg IV", 1) == ["3E033GR"]  # eculizumab: a monoclonal antibody
    assert codes(index, "Kevzara infusion", 1) == ["XW033G5"]  # sarilumab has its own code
