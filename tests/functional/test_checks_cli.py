"""`workbench check FILE [--json]` on real interchange files."""

from __future__ import annotations

import json

from workbench.cli import main

CLEAN = {"account": "C1", "age": 67, "sex": "M", "admit_date": "2026-05-01", "discharge_date": "2026-05-05",
         "diagnoses": [{"code": "I50.33", "poa": "Y"}, {"code": "E11.22", "poa": "Y"},
                       {"code": "N18.4", "poa": "Y"}]}
HEADER = {"account": "C2", "age": 67, "sex": "M", "discharge_date": "2026-05-05",
          "diagnoses": [{"code": "I50.23", "poa": "Y"}, {"code": "i50.2", "poa": "Y"}]}
BAD = {"account": "C3", "age": 67, "diagnoses": [{"code": "I50.23", "poa": "Q"}]}


def write(path, lines):
    path.write_text("".join((json.dumps(x) if isinstance(x, dict) else x) + "\n" for x in lines))
    return path


def run(capsys, *argv):
    code = main(["check", *[str(a) for a in argv]])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_one_line_per_encounter(tmp_path, capsys):
    code, out, err = run(capsys, write(tmp_path / "in.jsonl", [CLEAN, HEADER]), "--json")
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["account"] for r in rows] == ["C1", "C2"]
    assert all(set(r) == {"account", "findings"} for r in rows)
    assert rows[0]["findings"] == []
    [f] = rows[1]["findings"]
    assert set(f) == {"severity", "codes", "message", "rule"}
    assert f["severity"] == "blocking" and f["codes"] == ["I502"] and "header" in f["message"]
    assert code == 1 and err == ""  # a blocking finding: exit 1


def test_clean_file_exits_zero_and_text_output_names_rules(tmp_path, capsys):
    code, out, _ = run(capsys, write(tmp_path / "in.jsonl", [CLEAN]))
    assert code == 0 and out == "C1: no findings\n"
    code, out, _ = run(capsys, write(tmp_path / "h.jsonl", [HEADER]))
    assert "C2: 1 finding(s)" in out and "blocking I50.2:" in out
    assert "rule: ICD-10-CM Official Guidelines" in out


def test_bad_line_names_line_and_field_and_the_rest_is_checked(tmp_path, capsys):
    path = write(tmp_path / "in.jsonl", [CLEAN, "", BAD, "{not json", HEADER])
    code, out, err = run(capsys, path, "--json")
    assert code == 2
    assert f"{path} line 3: diagnoses[0].poa must be one of Y, N, U, W or blank (got 'Q')" in err
    assert f"{path} line 4: not valid JSON" in err
    assert [json.loads(line)["account"] for line in out.splitlines()] == ["C1", "C2"]


def test_missing_file(tmp_path, capsys):
    code, out, err = run(capsys, tmp_path / "nope.jsonl")
    assert code == 2 and "no such file" in err and out == ""


def test_standard_input(monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO(json.dumps(CLEAN) + "\n"))
    code, out, _ = run(capsys, "-", "--json")
    assert code == 0 and json.loads(out) == {"account": "C1", "findings": []}
