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
