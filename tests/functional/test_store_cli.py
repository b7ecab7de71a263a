"""`workbench import/export/apply` and `workbench db ...` on real databases."""

from __future__ import annotations

import json
import stat

import pytest

from tests.support.cli import run_cli
from workbench.store.core import Store

RECORDS = [
    {"account": "1001", "mrn": "M1", "patient_name": "Doe, Jane", "sex": "F", "birth_date": "1950-02-03",
     "admit_date": "2026-05-01", "discharge_date": "2026-05-04", "admission_type": "1", "payer": "Medicare",
     "diagnoses": [{"code": "I50.23", "poa": "Y"}, {"code": "N17.9", "poa": "N"}],
     "procedures": [{"code": "5A1955Z", "date": "2026-05-02"}], "status": "coded", "coder": "alice",
     "notes": "reviewed", "drg": "291", "weight": 1.3372, "version": "42",
     "documents": [{"type": "Discharge Summary", "author": "Dr A", "date": "2026-05-04",
                    "text": "Acute on chronic diastolic heart failure, \"AKI\", line\nbreak; commas, too."}],
     "queries": [{"question": "Clinical significance of sodium 129?", "options": ["Hyponatremia", "Other"],
                  "status": "answered", "answer": "Hyponatremia", "author": "alice", "created": "2026-05-05",
                  "answered": "2026-05-06"}]},
    {"account": "1002", "sex": "M", "age": 64, "admit_date": "2026-05-02", "discharge_date": "2026-05-03",
     "diagnoses": ["J18.9"], "status": "in_progress"},
    {"account": "1003", "discharge_date": "2026-04-30", "status": "new"},
]


def write(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


run = run_cli


def encounters(db):
    with Store.open(db) as store:
        return {r.account: store.get(r.account).encounter for r in store.list()}


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_export_then_import_gives_the_same_encounters(tmp_path, capsys, fmt):
    db1, db2 = tmp_path / "one", tmp_path / "two"
    code, out, err = run(capsys, "--db", db1, "import", write(tmp_path / "in.jsonl", RECORDS))
    assert code == 0 and "3 added" in out
    code, exported, _ = run(capsys, "--db", db1, "export", "--format", fmt)
    assert code == 0
    file = tmp_path / f"out.{fmt}"
    file.write_text(exported)
    code, out, err = run(capsys, "--db", db2, "import", file)
    assert code == 0, err
    first, second = encounters(db1), encounters(db2)
    assert first == second and len(first) == 3
    assert first["1001"].grouping == {"drg": "291", "weight": 1.3372, "version": "42"}
    assert "line\nbreak" in first["1001"].documents[0].text
    assert run(capsys, "--db", db2, "export", "--format", fmt)[1] == exported


def test_export_filters_by_status(tmp_path, capsys):
    run(capsys, "--db", tmp_path / "db", "import", write(tmp_path / "in.jsonl", RECORDS))
    code, out, _ = run(capsys, "--db", tmp_path / "db", "export", "--status", "in_progress")
    assert [json.loads(line)["account"] for line in out.splitlines()] == ["1002"]


def test_bad_lines_are_all_reported_and_nothing_is_imported(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        json.dumps(RECORDS[1]) + "\n"
        + '{"account": "2001", "diagnoses": [{"code": "I50.23", "poa": "Q"}]}\n'
        + "{not json\n"
        + '{"account": "2002", "admit_date": "05/01/2026"}\n'
        + json.dumps(RECORDS[1]) + "\n"
    )
    code, out, err = run(capsys, "--db", tmp_path / "db", "import", bad)
    assert code == 2
    said = ["line 2: diagnoses[0].poa must be one of Y, N, U, W or blank (got 'Q')",
            "line 3: not valid JSON",
            "line 4: admit_date must be a date as YYYY-MM-DD (got '05/01/2026')",
            "line 5: account 1002 repeats line 1",
            "nothing imported"]
    assert [s for s in said if s not in err] == [], err
    assert not (tmp_path / "db").exists() or encounters(tmp_path / "db") == {}


def test_bad_csv_lines_name_line_and_field(tmp_path, capsys):
    csv = tmp_path / "in.csv"
    csv.write_text("account,sex,diagnoses,procedures\n3001,F,I50.23:Y,\n3002,X,,\n3003,M,,0DTJ4ZZ@2026-13-01\n")
    code, _, err = run(capsys, "--db", tmp_path / "db", "import", csv)
    assert code == 2
    assert "line 3: sex must be one of M, F or U (got 'X')" in err
    assert "line 4: procedures[0].date must be a date as YYYY-MM-DD" in err


def test_duplicates_are_skipped_or_replaced_with_update(tmp_path, capsys):
    db = tmp_path / "db"
    run(capsys, "--db", db, "import", write(tmp_path / "a.jsonl", RECORDS))
    changed = [dict(RECORDS[1], coder="bob"), {"account": "1004"}]
    code, out, err = run(capsys, "--db", db, "import", write(tmp_path / "b.jsonl", changed))
    assert code == 0 and "1 added, 0 replaced, 1 duplicate(s) skipped" in out
    assert "account 1002 is already in the database; skipped" in err
    assert encounters(db)["1002"].coder == ""
    code, out, _ = run(capsys, "--db", db, "import", "--update", tmp_path / "b.jsonl")
    assert "0 added, 2 replaced" in out
    with Store.open(db) as store:
        got = store.get("1002")
        assert got.encounter.coder == "bob" and got.revision == 2 and got.audit[-1].action == "import"


def test_apply_updates_one_by_one(tmp_path, capsys, monkeypatch):
    db = tmp_path / "db"
    run(capsys, "--db", db, "import", write(tmp_path / "a.jsonl", RECORDS))
    updates = tmp_path / "u.jsonl"
    updates.write_text(
        '{"account": "1002", "diagnoses": [{"code": "J15.1", "poa": "Y"}], "status": "coded"}\n'
        '{"account": "1002", "status": "new"}\n'
        '{"account": "9999", "status": "coded"}\n'
        '{"account": "1003", "procedures": ["BADCODE"]}\n'
        '{"account": "1001", "status": "in_progress", "reason": "new lab result"}\n'
    )
    code, out, err = run(capsys, "--db", db, "apply", updates)
    assert code == 2
    assert [json.loads(x) for x in out.splitlines()] == [{"account": "1002", "revision": 2},
                                                         {"account": "1001", "revision": 2}]
    assert "line 2: 1002: reopening a coded encounter needs a reason" in err
    assert "line 3: no encounter with account '9999'" in err
    assert "line 4: account 1003: procedures[0].code must be a 7-character ICD-10-PCS code" in err
    encs = encounters(db)
    assert [d.code for d in encs["1002"].diagnoses] == ["J151"] and encs["1002"].status == "coded"
    assert encs["1001"].status == "in_progress"


def test_db_init_check_backup_restore(tmp_path, capsys):
    db = tmp_path / "db"
    assert run(capsys, "db", "init", db)[0] == 0
    assert stat.S_IMODE(db.stat().st_mode) == 0o700
    run(capsys, "--db", db, "import", write(tmp_path / "a.jsonl", RECORDS))
    code, out, _ = run(capsys, "--db", db, "db", "check")
    assert code == 0 and "3 encounters" in out and out.strip().endswith("ok")
    code, out, _ = run(capsys, "--db", db, "db", "backup")
    backup = out.strip()
    assert code == 0 and backup.endswith(".tar")
    run(capsys, "--db", db, "import", write(tmp_path / "b.jsonl", [{"account": "1004"}]))
    code, out, _ = run(capsys, "--db", db, "db", "restore", backup)
    assert code == 0 and "restored" in out
    assert sorted(encounters(db)) == ["1001", "1002", "1003"]
    assert run(capsys, "--db", db, "db", "init", db)[0] == 2  # never over an existing database


def test_db_check_reports_a_corrupt_file(tmp_path, capsys):
    db = tmp_path / "db"
    run(capsys, "--db", db, "import", write(tmp_path / "a.jsonl", RECORDS))
    with Store.open(db) as store:
        path = store.file_of("1002")
    path.write_text('{"encounter": {"1": ')
    code, out, _ = run(capsys, "--db", db, "db", "check")
    assert code == 1 and f"problem: {path}: not valid JSON" in out
    code, _, err = run(capsys, "--db", db, "export")
    assert code == 1 and str(path) in err and "backup" in err


def test_db_init_group_rejects_unknown_group(tmp_path, capsys):
    code, _, err = run(capsys, "db", "init", tmp_path / "team", "--group", "no-such-group-xyz")
    assert code == 2 and "no Unix group named 'no-such-group-xyz'" in err


def test_wrong_database_path_is_refused(tmp_path, capsys):
    (tmp_path / "notadb").mkdir()
    (tmp_path / "notadb" / "something.txt").write_text("x")
    code, _, err = run(capsys, "--db", tmp_path / "notadb", "export")
    assert code == 1 and "not a workbench database" in err


def test_db_init_without_a_path_creates_the_database_named_by_db(tmp_path, capsys):
    db = tmp_path / "team-db"
    code, out, _ = run(capsys, "--db", db, "db", "init")
    assert code == 0 and str(db) in out
    assert (db / "meta.json").exists() and stat.S_IMODE(db.stat().st_mode) == 0o700
    assert run(capsys, "--db", db, "db", "init")[0] == 2  # the second time: already a database
