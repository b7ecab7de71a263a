"""`workbench --demo <command>` and `workbench demo --coded`: a new user can try the commands on demo data."""

from __future__ import annotations

import json

from tests.support.cli import run_cli
from workbench.demo import answer_keys

run = run_cli


def test_demo_flag_gives_export_the_demo_database(tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "data"))
    code, out, err = run(capsys, "--demo", "export", "--no-documents")
    assert code == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert len(lines) == 68
    assert {r["account"] for r in lines} == set(answer_keys())


def test_coded_demo_groups_to_each_answer_key_drg(tmp_path, capsys) -> None:
    out_file = tmp_path / "coded.jsonl"
    code, _, err = run(capsys, "demo", "--out", out_file, "--coded")
    assert code == 0 and "68 coded demo encounters" in err
    code, out, err = run(capsys, "group", out_file)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    keys = answer_keys()
    assert len(rows) == 68
    assert not [r for r in rows if r["drg"] != keys[r["account"]].drg], "every stay groups as its key says"


def test_plain_demo_stays_uncoded(tmp_path, capsys) -> None:
    out_file = tmp_path / "demo.jsonl"
    assert run(capsys, "demo", "--out", out_file)[0] == 0
    records = [json.loads(line) for line in out_file.read_text().splitlines()]
    assert all(not r.get("diagnoses") and r["status"] == "new" for r in records)
