"""The encounter store on real TinyDB files: revisions, stale saves, locks, workflow, audit, files."""

from __future__ import annotations

import datetime as dt
import grp
import os
import stat

import pytest

from workbench.model.encounter import Diagnosis, Document, Encounter, Procedure
from workbench.store.core import EncounterLocked, StaleRevision, Store, StoreCorrupt, UnknownEncounter
from workbench.store.drafts import drafts
from workbench.store.files import Modes
from workbench.store.model import WorkflowError


def make(account: str, **kw: object) -> Encounter:
    base = dict(mrn="M" + account, patient_name=f"Patient {account}", sex="F",
                admit_date=dt.date(2026, 5, 1), discharge_date=dt.date(2026, 5, 4),
                diagnoses=[Diagnosis("I5023", "Y"), Diagnosis("N179", "N")],
                procedures=[Procedure("5A1955Z", dt.date(2026, 5, 2))],
                documents=[Document("Discharge Summary", "Acute on chronic diastolic heart failure.", "Dr A",
                                    "2026-05-04")])
    base.update(kw)
    return Encounter(account, **base)  # type: ignore[arg-type]


@pytest.fixture
def db(tmp_path):
    store = Store.open(tmp_path / "db")
    yield store
    store.close()


def test_saved_encounter_reads_back_with_revision_and_grouping(db, tmp_path):
    enc = make("A1", grouping={"drg": "291", "weight": 1.3, "title": "HEART FAILURE W MCC"})
    assert db.save(enc, 0) == 1
    other = Store.open(tmp_path / "db")  # a second session sees it from disk
    got = other.get("A1")
    assert got.encounter == enc and got.revision == 1 and got.saved_by
    row = other.list()[0]
    assert (row.drg, row.weight, row.principal) == ("291", 1.3, "I5023")
    other.close()


def test_stale_save_is_refused_and_the_edit_kept_as_a_draft(db, tmp_path):
    db.save(make("A1"), 0)
    first, second = db, Store.open(tmp_path / "db")
    a, b = first.get("A1"), second.get("A1")
    a.encounter.diagnoses.append(Diagnosis("E119", "Y"))
    assert first.save(a.encounter, a.revision, user="alice") == 2
    b.encounter.notes = "query sent about sepsis"
    with pytest.raises(StaleRevision) as err:
        second.save(b.encounter, b.revision, user="bob")
    e = err.value
    assert (e.current, e.expected, e.saved_by) == (2, 1, "alice")
    assert "alice" in str(e) and "revision 2" in str(e) and e.draft_path and e.draft_path.exists()
    kept = drafts(second, "A1")
    assert [d.encounter.notes for d in kept] == ["query sent about sepsis"]
    # reapply the kept edit on the new revision: both coders' work survives
    fresh = second.get("A1")
    fresh.encounter.notes = kept[0].encounter.notes
    assert second.save(fresh.encounter, fresh.revision, user="bob") == 3
    final = first.get("A1").encounter
    assert final.notes == "query sent about sepsis" and "E119" in [d.code for d in final.diagnoses]
    second.close()


def test_new_encounter_with_existing_account_is_stale(db):
    db.save(make("A1"), 0)
    with pytest.raises(StaleRevision):
        db.save(make("A1", notes="other"), 0)


def test_queue_filters_and_sorts(db):
    db.add_many([
        make("A1", status="in_progress", coder="alice", discharge_date=dt.date(2026, 5, 9)),
        make("A2", status="in_progress", coder="bob", discharge_date=dt.date(2026, 5, 5),
             grouping={"drg": "871", "weight": 1.9}),
        make("A3", status="new", discharge_date=None, admit_date=None),
        make("A4", status="in_progress", coder="alice", discharge_date=None, admit_date=None),
    ])
    assert [r.account for r in db.list(status="in_progress")] == ["A2", "A1", "A4"]
    assert [r.account for r in db.list(status="in_progress", descending=True)] == ["A1", "A2", "A4"]
    assert [r.account for r in db.list(coder="alice")] == ["A1", "A4"]
    assert [r.account for r in db.list(drg="871")] == ["A2"]
    assert [r.account for r in db.list(text="patient a3")] == ["A3"]
    with pytest.raises(Exception, match="sort must be one of"):
        db.list(sort="nonsense")


def test_workflow_reopen_needs_a_reason_and_is_audited(db):
    db.save(make("A1"), 0)
    assert db.set_status("A1", "coded", 1) == 2
    assert db.set_status("A1", "final", 2) == 3
    with pytest.raises(WorkflowError, match="needs a reason"):
        db.set_status("A1", "in_progress", 3)
    with pytest.raises(WorkflowError, match="cannot go from New to Final"):
        db.save(make("A2"), 0) and db.set_status("A2", "final", 1)
    assert db.set_status("A1", "in_progress", 3, reason="late pathology report") == 4
    trail = db.audit("A1")
    assert [a.action for a in trail] == ["create", "status", "status", "reopen"]
    reopen = trail[-1]
    assert reopen.reason == "late pathology report" and reopen.revision == 4
    assert {"field": "status", "before": "final", "after": "in_progress"} in reopen.changes


def test_audit_records_who_what_before_and_after(db):
    db.save(make("A1"), 0, user="alice")
    enc = db.get("A1").encounter
    enc.diagnoses[1] = Diagnosis("N170", "Y")
    db.save(enc, 1, user="bob")
    entry = db.audit("A1")[-1]
    assert (entry.user, entry.revision, entry.action) == ("bob", 2, "save")
    assert entry.changes == [{"field": "diagnoses", "before": ["I5023:Y", "N179:N"],
                              "after": ["I5023:Y", "N170:Y"]}]
    assert db.save(enc, 2, user="bob") == 2  # nothing changed: no new revision, no audit entry
    assert len(db.audit("A1")) == 2


def test_locks_show_in_other_sessions_and_can_be_taken_over(db, tmp_path):
    db.save(make("A1"), 0)
    lock = db.lock("A1", "alice")
    other = Store.open(tmp_path / "db")
    other.session = "otherhost:12345"
    row = other.list()[0]
    assert row.lock is not None and (row.lock.user, row.lock.since) == ("alice", lock.since)
    assert other.get("A1").lock == lock
    with pytest.raises(EncounterLocked, match="alice"):
        other.lock("A1", "bob")
    enc = other.get("A1").encounter
    enc.notes = "bob was here"
    with pytest.raises(EncounterLocked):
        other.save(enc, 1, user="bob")
    taken = other.take_over_lock("A1", "bob", reason="alice went home")
    assert taken.user == "bob" and db.get("A1").lock == taken
    assert other.save(enc, 1, user="bob") == 2
    assert any(a.action == "lock taken over" and a.reason == "alice went home" for a in db.audit("A1"))
    other.close()  # closing a session releases its locks
    assert db.get("A1").lock is None


def test_lock_of_a_dead_process_is_stale(db):
    db.save(make("A1"), 0)
    pid = os.fork()
    if pid == 0:
        os._exit(0)
    os.waitpid(pid, 0)
    db.session = f"{db.session.rpartition(':')[0]}:{pid}"
    assert db.lock("A1").stale


def test_unknown_account(db):
    with pytest.raises(UnknownEncounter, match="no encounter with account 'nope'"):
        db.get("nope")


def test_personal_database_is_private(tmp_path):
    with Store.open(tmp_path / "db") as store:
        store.save(make("A/1 odd"), 0)
        store.backup()
    root = tmp_path / "db"
    for p in [root, *root.rglob("*")]:
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode == (0o700 if p.is_dir() else 0o600), p


def test_team_database_is_group_shared(tmp_path):
    group = grp.getgrgid(os.getgid()).gr_name
    Store.initialize(tmp_path / "team", Modes.team(), group)
    with Store.open(tmp_path / "team") as store:
        store.save(make("A1"), 0)
    root = tmp_path / "team"
    assert stat.S_IMODE(root.stat().st_mode) == 0o2770 and root.stat().st_gid == os.getgid()
    for p in root.rglob("*"):
        mode = stat.S_IMODE(p.stat().st_mode)
        assert mode == (0o2770 if p.is_dir() else 0o660), p


def test_corrupt_encounter_file_names_the_file_and_the_backup(db):
    db.save(make("A1"), 0)
    backup = db.backup()
    path = db.file_of("A1")
    path.write_bytes(path.read_bytes()[:100])  # cut short by something outside the store
    with pytest.raises(StoreCorrupt) as err:
        db.get("A1")
    assert str(path) in str(err.value) and str(backup) in str(err.value)
    report = db.check()
    assert not report.ok and str(path) in str(report)


def test_corrupt_journal_refuses_to_open_and_restore_brings_data_back(tmp_path):
    with Store.open(tmp_path / "db") as store:
        for i in range(5):
            store.save(make(f"A{i}"), 0)
        backup = store.backup()
    journal = tmp_path / "db" / "data" / "queue.jsonl"
    lines = journal.read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"Patient", b"Pxtient")  # bit rot in the middle: checksum mismatch
    journal.write_bytes(b"\n".join(lines))
    with pytest.raises(StoreCorrupt) as err:
        Store.open(tmp_path / "db")
    msg = str(err.value)
    assert str(journal) in msg and "line 3" in msg and str(backup) in msg and "not changed" in msg
    assert b"Pxtient" in journal.read_bytes()  # never silently reset
    Store.restore(backup, tmp_path / "db")
    with Store.open(tmp_path / "db") as store:
        assert sorted(r.account for r in store.list()) == [f"A{i}" for i in range(5)]
        assert store.check().ok


def test_backups_rotate(db, monkeypatch):
    import workbench.store.backup as sb

    monkeypatch.setattr(sb, "KEEP", 3)
    db.save(make("A1"), 0)
    made = [db.backup() for _ in range(5)]
    assert sb.list_backups(db.path) == made[::-1][:3]
