"""CSV the workbench writes is safe to open in a spreadsheet and reads back whole (#17): cells that a
spreadsheet would run as a formula get a leading quote (OWASP, "CSV injection"), import takes it off again,
long documents and dismissed suggestions survive the round trip."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.support.cli import run_cli
from workbench.store.core import Store

HOSTILE = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1", "'=already quoted", "'"]


run = run_cli


def record(i: int, text: str) -> dict:
    return {"account": f"H{i}", "patient_name": text, "mrn": text, "notes": text, "coder": text,
            "attending": text, "sex": "F", "age": 70, "admit_date": "2026-05-01",
            "discharge_date": "2026-05-04",
            "diagnoses": [{"code": "I50.23", "poa": "Y"}, {"code": "N17.9", "poa": "N"}],
            "dismissed": ["E11.9", "0DTJ4ZZ"],
            "documents": [{"type": "Discharge summary", "author": text, "date": "2026-05-04",
                           "text": "Heart failure. " * 20_000}]}  # 300 KB: past the csv module's 128 KB


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "db"
    src = tmp_path / "hostile.jsonl"
    src.write_text("".join(json.dumps(record(i, t)) + "\n" for i, t in enumerate(HOSTILE)))
    assert run(capsys, "--db", path, "import", src)[0] == 0
    return path


def cells(text: str) -> list[list[str]]:
    csv.field_size_limit(2**26)  # the documents column holds 300 KB
    return list(csv.reader(io.StringIO(text)))[1:]


def test_export_csv_escapes_every_formula_cell(db, capsys):
    code, out, _ = run(capsys, "--db", db, "export", "--format", "csv")
    assert code == 0
    for row in cells(out):
        for cell in row:
            assert not cell or cell[0] not in "=+-@\t\r", cell
    names = {row[0]: row[2] for row in cells(out)}
    assert names["H0"] == "'=cmd|' /C calc'!A0" and names["H6"] == "''=already quoted" and names["H7"] == "'"


def test_csv_round_trip_keeps_hostile_text_long_documents_and_dismissed(db, tmp_path, capsys):
    code, out, _ = run(capsys, "--db", db, "export", "--format", "csv")
    exported = tmp_path / "out.csv"
    exported.write_text(out)
    code, _, err = run(capsys, "--db", tmp_path / "two", "import", exported)
    assert code == 0, err
    with Store.open(db) as one, Store.open(tmp_path / "two") as two:
        for i, text in enumerate(HOSTILE):
            a, b = one.get(f"H{i}").encounter, two.get(f"H{i}").encounter
            assert b.patient_name == text and b.notes == text
            assert b.dismissed == ["E119", "0DTJ4ZZ"]
            assert len(b.documents[0].text) == 300_000
            assert a == b


def test_group_csv_escapes_formula_cells(db, tmp_path, capsys):
    code, out, _ = run(capsys, "--db", db, "export")
    src = tmp_path / "all.jsonl"
    src.write_text(out.replace('"account": "H', '"account": "=H'))
    code, out, _ = run(capsys, "group", src, "--format", "csv")
    rows = cells(out)
    assert len(rows) == len(HOSTILE)
    assert all(row[0].startswith("'=H") for row in rows)
