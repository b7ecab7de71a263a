"""The hospital's settings reach every command that groups: `suggest` groups its what-ifs with the same
HAC status as `group` and `check` (it used to ignore it and group as a NOT_EXEMPT hospital)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest

from workbench import cli
from workbench.demo import demo_encounters
from workbench.interchange.writer import dumps
from workbench.model.encounter import Diagnosis, Procedure


def _stay(tmp_path: Path) -> Path:
    """A demo record (its documents drive suggest) coded with a stage 4 pressure ulcer not present on
    admission: a HAC whose MCC counts only at a HAC-exempt hospital."""
    enc = demo_encounters()[0]
    enc = dataclasses.replace(
        enc, diagnoses=[Diagnosis("I5023", "Y"), Diagnosis("N179", "N"), Diagnosis("L89154", "N")],
        procedures=[Procedure("0SG00AJ", enc.admit_date or dt.date(2026, 4, 1))])
    path = tmp_path / "stay.jsonl"
    path.write_text(dumps(enc) + "\n", encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict]:
    assert cli.main(list(argv)) == 0
    return [json.loads(line) for line in capsys.readouterr().out.splitlines()]


@pytest.mark.parametrize("status", ["NOT_EXEMPT", "EXEMPT"])
def test_suggest_groups_with_the_hospital_hac_status_like_group(tmp_path, capsys, monkeypatch, status):
    monkeypatch.setenv("WORKBENCH_HAC_STATUS", status)
    path = _stay(tmp_path)
    grouped = _run(capsys, "group", str(path))[0]
    # Exempt: the HAC's MCC counts (981); not exempt: it is set aside, the AKI's CC remains (982).
    assert grouped["drg"] == ("981" if status == "EXEMPT" else "982")
    suggestions = _run(capsys, "suggest", str(path), "--json")[0]["suggestions"]
    what_ifs = [s["drg_if_added"]["drg"] for s in suggestions if s.get("drg_if_added")]
    assert what_ifs, "the record should suggest at least one code with a what-if DRG"
    if status == "EXEMPT":  # an added secondary cannot take an MCC stay below its DRG
        assert set(what_ifs) == {"981"}
    else:
        assert "982" in what_ifs
