"""Search round 28 (issue 14, search28), on the real release 2026.1: procedure headers from the thin
specialties read by their axes. A spinal range written with "to" spans the joints between its levels; the
eye's side in ophthalmology shorthand (OD, OS); "creation of" names the Creation root operation only when
nothing else names an objective (an AV graft made is a Bypass); the purpose "for dialysis access" is no
dialysis session; a named breast flap is the Replacement of the breast using that flap; a deep brain or vagal
nerve stimulator's lead is a neurostimulator lead; an aneurysm clipped is the Restriction of the intracranial
artery; a limb said as "lower extremity" is the leg of the skin tables. Expected codes checked with
`workbench code --json` (valid, billable, the title meant); the queries differ from those of
tests/search_tuning_pcs36.tsv and tests/search_tuning_pcs37.tsv."""

from __future__ import annotations

from codesets.search.engine import SearchIndex


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


def test_a_spinal_range_with_to_spans_the_joints_between_its_levels(index):
    # L2 through L4: two lumbar joints (0SG1, 2 or more); one level pair stays one joint (0SG0)
    assert codes(index, "posterolateral fusion L2 through L4 with autograft", 1) == ["0SG1071"]
    assert codes(index, "posterolateral fusion L2-L3 with autograft", 1) == ["0SG0071"]


def test_the_eye_side_in_latin_stored(index):
    assert codes(index, "phaco with IOL OS", 1) == ["08RK3JZ"]
    assert codes(index, "phaco with IOL OD", 1) == ["08RJ3JZ"]


def test_creating_an_av_graft_is_a_bypass_not_the_creation_root_operation(index):
    found = codes(index, "creation of right arm AV graft for hemodialysis access", 5)
    assert "03170JD" in found, found
    assert all(c.startswith("031") for c in found), found  # no dialysis session, no condition


def test_a_named_breast_flap_is_the_replacement_of_the_breast_using_it(index):
    assert codes(index, "left breast reconstruction, DIEP flap", 1) == ["0HRU077"]


def test_brain_and_vagal_stimulators_have_neurostimulator_leads(index):
    found = codes(index, "deep brain stimulation electrode implantation, left STN", 1)
    assert found[0] in ("00H03MZ", "00H00MZ"), found
    assert codes(index, "vagus nerve stimulator placement", 1) == ["00HE0MZ"]


def test_an_aneurysm_clipped_is_the_restriction_of_the_intracranial_artery(index):
    assert codes(index, "left frontotemporal craniotomy for clipping of PCOM aneurysm", 1) == ["03VG0CZ"]
    # a lobe craniotomy for a tumour keeps the cerebral hemisphere as its site
    assert codes(index, "right parietal craniotomy for resection of metastatic tumor", 1) == ["00B70ZZ"]


def test_a_lower_extremity_graft_is_on_the_leg(index):
    assert codes(index, "STSG right lower extremity", 1) == ["0HRKX74"]


def test_the_definitive_procedure_of_two_comes_first(index):
    # the cesarean first although the tubal occlusion's title matches its words more fully, the tubes second
    assert codes(index, "C-section, low transverse, with BTL", 2) == ["10D00Z1", "0UL70ZZ"]
    # one objective with and without the diagnostic qualifier keeps the biopsy's code first
    assert codes(index, "excisional biopsy, right axillary lymph node", 1) == ["07B50ZX"]
