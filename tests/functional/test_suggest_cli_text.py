"""`workbench suggest` in text: each suggestion's DRG if added, with its weight to four places when the
discharge's fiscal year has weights installed, and no weight at all (never "None") when it has none."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.support.cli import run_cli

_TEXT = ("Assessment: community acquired pneumonia, treated with ceftriaxone. Acute kidney injury, "
         "creatinine 2.1 from 0.9, improved with fluids.")


def _stay(tmp_path: Path, discharge: str) -> Path:
    admit = discharge[:-1] + "1"
    stay = {"account": "S1", "age": 64, "sex": "M", "admit_date": admit, "discharge_date": discharge,
            "admission_type": "Inpatient", "disposition": "01", "diagnoses": [{"code": "J18.9", "poa": "Y"}],
            "procedures": [], "documents": [{"type": "Discharge Summary", "author": "Dr. A",
                                             "date": discharge, "text": _TEXT}]}
    path = tmp_path / "stay.jsonl"
    path.write_text(json.dumps(stay) + "\n", encoding="utf-8")
    return path


def test_a_what_if_shows_its_weight_when_the_year_has_weights(tmp_path, capsys):
    code, out, _ = run_cli(capsys, "suggest", _stay(tmp_path, "2026-03-05"))
    assert code == 0
    assert re.search(r"N17\.9 .*if added: DRG 194 weight \d\.\d{4}\n", out), out


def test_a_what_if_without_installed_weights_shows_no_none(tmp_path, capsys):
    code, out, _ = run_cli(capsys, "suggest", _stay(tmp_path, "2027-03-05"))
    assert code == 0
    assert "if added: DRG " in out and "None" not in out, out
