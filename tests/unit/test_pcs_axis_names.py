"""Every axis value of every ICD-10-PCS table of the installed release has a name a coder can read in the
table builder (`workbench code 5A1`, the app's builder): not empty, not its bare character, not the
"meaning not installed" placeholder. The names of sections 2-X come from the long titles
(codesets/pcs/naming.py, codesets/pcs/leftovers.py); a few are checked against the release's titles."""

from __future__ import annotations

import pytest

from codesets.pcs.builder import build_view
from codesets.release.core import load_release
from tests.support.pcs_names import meaningless


@pytest.fixture(scope="module")
def rel():
    return load_release("2026.1")


def test_every_value_of_every_table_has_a_name(rel) -> None:
    bad = meaningless(rel)
    assert len(rel.pcs_tables()) > 900
    assert not bad, dict(list(bad.items())[:20])  # tests/bench/pcs_unnamed.py lists them all


def _axes(rel, code: str) -> list[str]:
    return list(rel.pcs_code_meanings(code))


def test_mechanical_ventilation_over_96_hours_reads_axis_by_axis(rel) -> None:
    # title: "Respiratory Ventilation, Greater than 96 Consecutive Hours"
    assert _axes(rel, "5A1955Z") == ["Extracorporeal or Systemic Assistance and Performance",
                                     "Physiological Systems", "Performance", "Respiratory",
                                     "Greater than 96", "Ventilation", "None"]
    # title: "Performance of Cardiac Output, Continuous"
    assert _axes(rel, "5A1221Z")[3:6] == ["Cardiac", "Continuous", "Output"]


def test_administration_substances_are_named(rel) -> None:
    # 3E0 substance 0 is read from "Other Antineoplastic" and "Antineoplastic, Monoclonal Antibody"
    assert _axes(rel, "3E03305")[3:] == ["Peripheral Vein", "Percutaneous", "Antineoplastic",
                                         "Other Antineoplastic"]
    # "Introduction of Serum, Toxoid and Vaccine into Muscle, Percutaneous Approach"
    assert _axes(rel, "3E0234Z")[5] == "Serum, Toxoid and Vaccine"
    view = build_view(rel, "3E0")
    substances = {v.value: v.meaning for v in view.axes[2].values}
    assert substances["4"] == "Serum, Toxoid and Vaccine" and substances["0"] == "Antineoplastic"


def test_new_technology_devices_are_named(rel) -> None:
    # "Restriction of Coronary Sinus with Reduction Device, Percutaneous Approach, New Technology Group 7"
    assert _axes(rel, "X2V73Q7")[3:] == ["Coronary Sinus", "Percutaneous", "Reduction Device",
                                         "New Technology Group 7"]
    # "Insertion of Neurostimulator Lead into Sphenopalatine Ganglion, Percutaneous Approach, ..."
    assert _axes(rel, "X0HK3Q8")[3:6] == ["Sphenopalatine Ganglion", "Percutaneous", "Neurostimulator Lead"]
    # "Introduction of Eladocagene exuparvovec into Cranial Cavity and Brain, Percutaneous Approach, ..."
    assert _axes(rel, "XW0Q316")[5] == "Eladocagene exuparvovec"


def test_ecmo_reads_as_the_pcs_table_does(rel) -> None:
    # "Extracorporeal Oxygenation, Membrane, Central": body system Circulatory, function Oxygenation,
    # qualifier "Membrane, Central" (the titles never say Circulatory nor part Oxygenation from Membrane)
    assert _axes(rel, "5A1522F")[3:] == ["Circulatory", "Continuous", "Oxygenation", "Membrane, Central"]
    assert _axes(rel, "5A15A2H")[3:] == ["Circulatory", "Intraoperative", "Oxygenation",
                                         "Membrane, Peripheral Veno-venous"]
    assert _axes(rel, "5A05121")[3:] == ["Circulatory", "Intermittent", "Oxygenation", "Hyperbaric"]


def test_new_technology_body_parts_are_the_site_not_the_device(rel) -> None:
    # "Insertion of Neurostimulator Lead with Paired Stimulation System into Vagus Nerve, ..."
    assert _axes(rel, "X0HQ3R8")[3:6] == ["Vagus Nerve", "Percutaneous",
                                          "Neurostimulator Lead with Paired Stimulation System"]
    # "Bypass Right Femoral Artery using Conduit through Femoral Vein to Popliteal Artery, ..."
    assert _axes(rel, "X2KH3E9")[3:6] == ["Right Femoral Artery", "Percutaneous",
                                          "Conduit through Femoral Vein to Popliteal Artery"]
    assert _axes(rel, "X2KJ3D9")[3:6] == ["Left Femoral Artery", "Percutaneous",
                                          "Conduit through Femoral Vein to Superficial Femoral Artery"]


def test_no_title_is_shown_whole_on_two_axes(rel) -> None:
    # "Breast Milk Collection", "Sperm Collection": body region, method Collection, what is collected
    assert _axes(rel, "8E0HX62")[3:] == ["Integumentary System and Breast", "External", "Collection",
                                         "Breast Milk"]
    assert _axes(rel, "8E0VX63")[3:] == ["Male Reproductive System", "External", "Collection", "Sperm"]
    assert _axes(rel, "8E09XY8")[3:] == ["Head and Neck Region", "External", "Other Method", "Suture Removal"]
    # "Computer-assisted Transcranial Magnetic Stimulation of Prefrontal Cortex, New Technology Group 8"
    assert _axes(rel, "X0Z0X18")[3] == "Prefrontal Cortex"
    assert _axes(rel, "X0Z0X18")[5] == "Computer-assisted Transcranial Magnetic Stimulation"
    # "Extracorporeal Introduction of Taurolidine Anti-infective and Heparin Anticoagulant, ..."
    assert _axes(rel, "XY0YX28")[3] == "Extracorporeal"
    assert _axes(rel, "XY0YX28")[5] == "Taurolidine Anti-infective and Heparin Anticoagulant"
    # "Intermittent Coronary Sinus Occlusion, Percutaneous Approach, New Technology Group 8"
    assert _axes(rel, "X2A7358")[3] == "Coronary Sinus"


def test_a_name_holds_no_other_axis_nor_a_list(rel) -> None:
    # "Measurement of Cardiac Total Activity": function Total Activity, qualifier Stress, beside "Cardiac"
    assert _axes(rel, "4A02XM4")[3:] == ["Cardiac", "External", "Total Activity", "Stress"]
    assert _axes(rel, "4A12XM4")[3:] == ["Cardiac", "External", "Total Activity", "Stress"]
    assert _axes(rel, "2Y00X5Z")[3] == "Mouth and Pharynx"  # "Change Mouth and Pharynx Packing Material"
    assert _axes(rel, "3E0330M")[5:] == ["Antineoplastic", "Monoclonal Antibody"]
    # 3E0 substance 2: qualifiers Oxazolidinones, Other Anti-infective, Anti-Infective Envelope
    assert _axes(rel, "3E03328")[5:] == ["Anti-infective", "Oxazolidinones"]
    assert _axes(rel, "3E03317")[5:] == ["Thrombolytic", "Other Thrombolytic"]
    # the blood's body system, as "Ultrasound Therapy, Circulatory, Single" (6A750ZZ) names it
    assert _axes(rel, "6A550Z0")[3] == "Circulatory"
    assert _axes(rel, "6A751Z5")[3] == "Circulatory"
    assert _axes(rel, "6A750ZZ")[6] == "None"
    view = build_view(rel, "3E0")
    substances = {v.value: v.meaning for v in view.axes[2].values}
    assert substances["2"] == "Anti-infective" and substances["W"] == "Immunotherapeutic"


def test_approaches_read_as_section_0_names_them(rel) -> None:
    # titles say "Percutaneous Approach"; the approach is "Percutaneous" as in every other table
    view = build_view(rel, "4A0")
    assert {v.value: v.meaning for v in view.axes[1].values}["3"] == "Percutaneous"


def test_builder_shows_a_new_technology_value_for_the_row_being_built(rel) -> None:
    # XW0 substance 5 is Mosunetuzumab in group 8 and Narsoplimab in group 7 (XW03358, XW03357)
    assert "Mosunetuzumab" in rel.pcs("XW03358").title and "Narsoplimab" in rel.pcs("XW03357").title
    open_group = {v.value: v.meaning for v in build_view(rel, "XW033").axes[2].values}
    assert open_group["5"] == ("Mosunetuzumab Antineoplastic (group 8); "
                               "Narsoplimab Monoclonal Antibody (group 7)")
    built = build_view(rel, "XW03357")
    assert built.axes[2].value("5").meaning == "Narsoplimab Monoclonal Antibody"
    assert build_view(rel, "XW03358").axes[2].value("5").meaning == "Mosunetuzumab Antineoplastic"
    assert build_view(rel, "XW0").axes[1].value("3").meaning == "Percutaneous"
