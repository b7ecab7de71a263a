"""Damaged, stray and hostile files in the encounter database (#17), through the command line: checksums in
the queue journal catch damage that still parses, backups never carry it, restore refuses bad tars, locks
name the session, leftovers are cleaned, permissions are checked on every file."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from workbench.store.core import Store

ROOT = Path(__file__).parents[2]
RECORDS = [
    {"account": "1001", "patient_name": "GALLOWAY, ANN", "sex": "F", "birth_date": "1950-02-03",
     "admit_date": "2026-05-01", "discharge_date": "2026-05-04",
     "diagnoses": [{"code": "I50.23", "poa": "Y"}]},
    {"account": "1002", "patient_name": "PIKE, TOM", "sex": "M", "age": 64, "admit_date": "2026-05-02",
     "discharge_date": "2026-05-03", "diagnoses": ["J18.9"]},
]


run = run_cli


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "db"
    src = tmp_path / "seed.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in RECORDS))
    assert run(capsys, "--db", path, "import", src)[0] == 0
    return path


def file_of(db: Path, account: str) -> Path:
    with Store.open(db) as store:
        return store.file_of(account)


def flip(path: Path) -> None:
    """Damage that keeps the file valid JSON: one letter of the patient's name."""
    raw = path.read_bytes()
    assert b"GALLOWAY" in raw
    path.write_bytes(raw.replace(b"GALLOWAY", b"XALLOWAY"))


def test_db_check_finds_damage_that_still_parses(db, capsys):
    assert run(capsys, "--db", db, "db", "check")[0] == 0
    path = file_of(db, "1001")
    flip(path)
    code, out, _ = run(capsys, "--db", db, "db", "check")
    assert code == 1
    assert f"{path}: " in out and "checksum" in out


def test_a_damaged_file_through_eight_backups(db, capsys):
    code, out, _ = run(capsys, "--db", db, "db", "backup")
    assert code == 0
    good = Path(out.strip())
    flip(file_of(db, "1001"))
    for _ in range(8):
        code, out, err = run(capsys, "--db", db, "db", "backup")
        assert code == 1  # written, but not complete: the damaged file is named
        assert "1001" in err and "left out" in err
    backups = sorted((db / "backups").glob("*.tar"))
    assert good in backups and len(backups) >= 8
    for b in backups:
        with tarfile.open(b) as tar:
            for m in tar.getmembers():
                fh = tar.extractfile(m)
                assert b"XALLOWAY" not in (fh.read() if fh else b"")
    code, out, _ = run(capsys, "--db", db, "db", "check")
    assert code == 1 and f"newest good backup: {good}" in out
    code, out, err = run(capsys, "--db", db, "db", "restore", good)
    assert code == 0, err
    code, out, _ = run(capsys, "--db", db, "db", "check")
    assert code == 0, out
    with Store.open(db) as store:
        assert store.get("1001").encounter.patient_name == "GALLOWAY, ANN"


def _tar(path: Path, members: dict[str, bytes], manifest: bool = True) -> Path:
    with tarfile.open(path, "w") as tar:
        files = {}
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
            files[name] = hashlib.sha256(data).hexdigest()
        if manifest:
            blob = json.dumps({"created": "2026-05-01T00:00:00", "encounters": 0, "files": files}).encode()
            info = tarfile.TarInfo("MANIFEST.json")
            info.size = len(blob)
            tar.addfile(info, io.BytesIO(blob))
    return path


@pytest.mark.parametrize("members", [
    {},
    {"/etc/workbench-evil": b"x", "data/queue.jsonl": b""},
    {"data/../../evil.json": b"{}"},
    {"data/queue.jsonl": b"", "notes.txt": b"stray"},
    {"meta.json": b"{}"},
], ids=["empty", "absolute", "dotdot", "stray", "no journal"])
def test_restore_refuses_bad_backups_and_changes_nothing(db, tmp_path, capsys, members):
    before = sorted(p.relative_to(db) for p in db.rglob("*") if p.is_file())
    bad = _tar(tmp_path / "bad.tar", members)
    code, _, err = run(capsys, "--db", db, "db", "restore", bad)
    assert code in (1, 2) and "nothing restored" in err
    assert sorted(p.relative_to(db) for p in db.rglob("*") if p.is_file()) == before
    assert not Path("/etc/workbench-evil").exists() and not (tmp_path / "evil.json").exists()
    assert run(capsys, "--db", db, "db", "check")[0] == 0


APPLY_WHILE_LOCKED = """
import sys
from pathlib import Path
from workbench.store.core import Store
store = Store.open(Path(sys.argv[1]))
store.lock("1001")
print("locked", flush=True)
sys.stdin.readline()
store.close()
"""


def test_apply_respects_a_lock_held_by_another_session_of_the_same_user(db, tmp_path, capsys):
    holder = subprocess.Popen([sys.executable, "-c", APPLY_WHILE_LOCKED, str(db)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout.readline().strip() == "locked"
        upd = tmp_path / "u.jsonl"
        upd.write_text('{"account": "1001", "status": "in_progress"}\n')
        code, out, err = run(capsys, "--db", db, "apply", upd)
        assert code == 2 and out == ""
        assert "open for editing" in err and str(holder.pid) in err
        with Store.open(db) as store:
            assert store.get("1001").revision == 1
            lock = store.get("1001").lock
            assert lock is not None and lock.session != store.session
    finally:
        holder.communicate("\n", timeout=30)


def test_leftover_temporary_files_are_removed_and_reported(db, capsys):
    path = file_of(db, "1001")
    leftover = path.with_name(f".{path.name}.99999999.tmp")
    leftover.write_bytes(path.read_bytes())
    code, out, _ = run(capsys, "--db", db, "db", "check")
    assert not leftover.exists()
    assert "temporary file" in out


def test_stale_edits_keep_every_draft(db):
    from workbench.store.drafts import drafts

    with Store.open(db) as store:
        first = store.get("1001")
        store.save(first.encounter, first.revision)  # unchanged: no new revision
        current = store.get("1001")
        current.encounter.notes = "someone else"
        store.save(current.encounter, current.revision)
        for note in ("my first try", "my second try"):
            enc = store.get("1001").encounter
            enc.notes = note
            with pytest.raises(Exception):  # noqa: B017 - StaleRevision, keeping a draft
                store.save(enc, first.revision)
        kept = drafts(store, "1001")
        assert sorted(d.encounter.notes for d in kept) == ["my first try", "my second try"]


def test_permissions_of_the_folder_and_every_file_are_checked(db, capsys):
    os.chmod(db, 0o777)
    os.chmod(db / "data" / "queue.jsonl", 0o666)
    os.chmod(db / "meta.json", 0o644)
    code, out, _ = run(capsys, "--db", db, "db", "check")
    assert code == 1
    assert f"{db}: " in out and "queue.jsonl" in out and "meta.json" in out
    assert "777" in out and "666" in out


def _read_only(argv: list[str]) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", "workbench.cli", *argv]
    if os.geteuid() == 0:  # root ignores file modes unless it gives up the capability to
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv")
        cmd = ["setpriv", "--bounding-set=-dac_override,-dac_read_search",
               "--inh-caps=-dac_override,-dac_read_search", *cmd]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_a_read_only_database_still_exports_and_checks(db):
    paths = [db, *db.rglob("*")]
    for p in paths:
        p.chmod(0o500 if p.is_dir() else 0o400)
    try:
        done = _read_only(["--db", str(db), "export"])
        assert done.returncode == 0, done.stderr
        assert [json.loads(line)["account"] for line in done.stdout.splitlines()] == ["1001", "1002"]
        done = _read_only(["--db", str(db), "db", "check"])
        assert "Traceback" not in done.stderr and "read-only" in done.stdout + done.stderr
        assert "2 encounters" in done.stdout
    finally:
        for p in paths:
            p.chmod(0o700 if p.is_dir() else 0o600)
