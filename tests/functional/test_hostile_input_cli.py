"""Hostile and damaged input at the command line (#17): every file command answers a bad file with
`workbench: FILE line N: ...` and exit 2, changes nothing, and never prints a traceback."""

from __future__ import annotations

import json

import pytest

from tests.support.cli import run_cli
from workbench.cli import main
from workbench.store.core import Store

RECORD = {"account": "1001", "patient_name": "GALLOWAY, ANN", "sex": "F", "birth_date": "1950-02-03",
          "admit_date": "2026-05-01", "discharge_date": "2026-05-04",
          "diagnoses": [{"code": "I50.23", "poa": "Y"}], "status": "coded"}


run = run_cli


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "db"
    src = tmp_path / "seed.jsonl"
    src.write_text(json.dumps(RECORD) + "\n")
    assert run(capsys, "--db", path, "import", src)[0] == 0
    return path


def revision(db, account="1001"):
    with Store.open(db) as store:
        return store.get(account).revision


NESTED = "[" * 100_000 + "]" * 100_000
NESTED_FIELD = '{"account": "2001", "notes": ' + "[" * 990 + "]" * 990 + "}"


@pytest.mark.parametrize("text", [NESTED, NESTED_FIELD], ids=["whole line", "one field"])
@pytest.mark.parametrize("command", ["import", "check", "suggest", "group", "apply"])
def test_deeply_nested_json_is_a_bad_line(db, tmp_path, capsys, command, text):
    bad = tmp_path / "nested.jsonl"
    bad.write_text(json.dumps(RECORD | {"account": "2000"}) + "\n" + text + "\n")
    argv = ["--db", db, command, bad] if command in ("import", "apply") else [command, bad]
    code, out, err = run(capsys, *argv)
    assert code == 2
    said = out if command == "group" else err  # group reports a bad line in its error row
    assert "line 2: " in said and (command == "group" or str(bad) in said)
    if text is NESTED:
        assert "nested more than" in said
    assert revision(db) == 1


def test_apply_of_text_that_is_not_utf8(db, tmp_path, capsys):
    bad = tmp_path / "latin1.jsonl"
    bad.write_bytes(b'{"account": "1001", "status": "in_progress", "reason": "caf\xe9"}\n')
    code, out, err = run(capsys, "--db", db, "apply", bad)
    assert code == 2 and out == ""
    assert f"{bad} line 1: not UTF-8 text" in err
    assert revision(db) == 1


@pytest.mark.parametrize("reason", ['{"why": "lab"}', '"\\ud800 lab"', "42"])
def test_apply_reason_must_be_text(db, tmp_path, capsys, reason):
    bad = tmp_path / "reason.jsonl"
    bad.write_text('{"account": "1001", "status": "in_progress", "reason": ' + reason + "}\n")
    code, out, err = run(capsys, "--db", db, "apply", bad)
    assert code == 2 and out == ""
    assert f"{bad} line 1: " in err and "reason" in err
    assert revision(db) == 1


def test_apply_refuses_fields_it_does_not_apply(db, tmp_path, capsys):
    bad = tmp_path / "fields.jsonl"
    bad.write_text('{"account": "1001", "discharge_date": "2020-01-01", "patient_name": "EVIL"}\n')
    code, out, err = run(capsys, "--db", db, "apply", bad)
    assert code == 2 and out == ""
    assert "discharge_date, patient_name" in err and "not applied" in err
    assert revision(db) == 1


def test_a_date_with_garbage_after_it_is_refused(tmp_path, capsys):
    bad = tmp_path / "dt.jsonl"
    bad.write_text(json.dumps(RECORD | {"admit_date": "2026-02-28T99:99garbage"}) + "\n")
    code, _, err = run(capsys, "--db", tmp_path / "db", "import", bad)
    assert code == 2
    assert "line 1: admit_date must be a date as YYYY-MM-DD (got '2026-02-28T99:99garbage')" in err
    ok = tmp_path / "ok.jsonl"
    ok.write_text(json.dumps(RECORD | {"admit_date": "2026-05-01T08:30:00"}) + "\n")
    assert run(capsys, "--db", tmp_path / "db", "import", ok)[0] == 0


def test_birth_after_admission_is_a_finding(tmp_path, capsys):
    f = tmp_path / "born.jsonl"
    f.write_text(json.dumps(RECORD | {"birth_date": "2026-06-01"}) + "\n")
    code, out, _ = run(capsys, "check", f, "--json")
    findings = [json.loads(line) for line in out.splitlines()]
    assert any("birth" in json.dumps(x).lower() and "admi" in json.dumps(x).lower() for x in findings), out


def test_suggest_on_a_discharge_outside_every_release(tmp_path, capsys):
    f = tmp_path / "old.jsonl"
    f.write_text(json.dumps(RECORD | {"admit_date": "1990-01-01", "discharge_date": "1990-01-05"}) + "\n")
    code, _, err = run(capsys, "suggest", f)
    assert code == 2
    assert f"{f} line 1: " in err and "no code-set release covers discharge date 1990-01-05" in err


def test_an_unexpected_error_is_short_and_its_traceback_is_under_debug(db, capsys, monkeypatch):
    from workbench.store import core

    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(core.Store, "list", broken)
    code, _, err = run(capsys, "--db", db, "export")
    assert code == 1 and "ZeroDivisionError" in err and "--debug" in err
    code = main(["--debug", "--db", str(db), "export"])
    assert code == 1 and "Traceback" in capsys.readouterr().err
