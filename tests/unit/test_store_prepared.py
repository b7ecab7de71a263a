"""Saves prepared outside the store lock (`workbench/store/prepared.py`): a save that lost its race is
refused as stale with its draft kept, a rename a power cut lost is redone at the next open (even when
its row is not the last one), and an uncommitted prepared file never reaches the encounter."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tinydb import Query

from workbench.interchange.writer import encounter_to_record
from workbench.model.encounter import Diagnosis, Encounter
from workbench.store import prepared
from workbench.store.core import StaleRevision, Store
from workbench.store.files import Modes
from workbench.store.model import WorkflowError


def seeded(path: Path, accounts: list[str]) -> None:
    with Store.open(path) as store:
        for a in accounts:
            store.save(Encounter(a, admit_date=dt.date(2026, 5, 1), discharge_date=dt.date(2026, 5, 3),
                                 diagnoses=[Diagnosis("J189", "Y")]), 0)


@pytest.fixture
def one(tmp_path: Path) -> Path:
    """A database holding encounter A1."""
    seeded(tmp_path / "db", ["A1"])
    return tmp_path / "db"


def noted(store: Store, account: str, notes: str) -> Any:
    """The stored encounter of `account` with its notes changed (not saved yet)."""
    got = store.get(account)
    got.encounter.notes = notes
    return got


def prepared_files(path: Path) -> list[Path]:
    return list((path / "data" / "encounters").rglob(f"*{prepared.SUFFIX}"))


def test_a_save_prepared_before_another_process_saved_is_refused_as_stale(tmp_path: Path) -> None:
    path = tmp_path / "db"
    seeded(path, ["A1"])
    with Store.open(path) as mine, Store.open(path) as theirs:
        stored = mine.get("A1")
        stored.encounter.notes = "mine"
        prep = prepared.prepare_save(mine, stored.encounter, encounter_to_record(stored.encounter),
                                     stored.revision, "alice", None, "2026-05-05T10:00:00+00:00")
        assert prep is not None and prep.path.exists()
        other = theirs.get("A1")
        other.encounter.notes = "theirs"
        assert theirs.save(other.encounter, other.revision) == 2
        # the row moved on since the file was read: the prepared file is not committed
        with mine._exclusive():
            mine._sync()
            assert not prepared.commit_prepared(mine, prep)
        prep.drop()
        with pytest.raises(StaleRevision) as e:
            mine.save(stored.encounter, stored.revision)
        assert e.value.draft_path is not None and e.value.draft_path.exists()
        got = mine.get("A1")
        assert (got.revision, got.encounter.notes) == (2, "theirs")
        assert prepared_files(path) == [] and mine.check().ok


@pytest.mark.parametrize("tidy_later", [False, True], ids=["tidy at open", "tidy at the first read"])
def test_renames_a_power_cut_lost_are_redone_at_the_next_open(tmp_path: Path, monkeypatch,
                                                              tidy_later: bool) -> None:
    """Rows committed (durable), renames not: as after a power cut. Both saves were acknowledged. The
    app opens with the folder walk deferred (`tidy_later`): its first read of an encounter still sees
    the acknowledged save."""
    path = tmp_path / "db"
    seeded(path, ["A1", "A2", "A3"])
    with Store.open(path) as store:
        monkeypatch.setattr(prepared.os, "replace", lambda src, dst: None)  # the renames never land
        for account in ("A1", "A2"):
            got = store.get(account)
            got.encounter.notes = f"acknowledged {account}"
            assert store.save(got.encounter, got.revision) == 2
        monkeypatch.undo()
        got = store.get("A3")  # a later save: A1's and A2's rows are no longer the last
        got.encounter.notes = "third"
        assert store.save(got.encounter, got.revision) == 2
        store._lock.close()  # the machine went down: no clean close
    assert len(prepared_files(path)) == 2
    with Store.open(path, tidy_later=tidy_later) as store:
        if tidy_later:  # the queue is answered from the rows, before the walk
            assert [r.account for r in store.list()] == ["A1", "A2", "A3"]
            assert len(prepared_files(path)) == 2
        for account in ("A1", "A2"):
            got = store.get(account)
            assert (got.revision, got.encounter.notes) == (2, f"acknowledged {account}")
            assert [a.revision for a in got.audit] == [1, 2]
        assert store.get("A3").encounter.notes == "third"
        assert store.check().ok, store.check()
    assert prepared_files(path) == []


def test_an_uncommitted_prepared_file_is_removed_at_open_and_changes_nothing(one: Path) -> None:
    with Store.open(one) as store:
        got = noted(store, "A1", "never committed")
        prep = prepared.prepare_save(store, got.encounter, encounter_to_record(got.encounter),
                                     got.revision, "alice", None, "2026-05-05T10:00:00+00:00")
        assert prep is not None
        store._lock.close()  # killed before taking the lock
    with Store.open(one) as store:
        assert prep.path in store.leftovers_removed
        got = store.get("A1")
        assert (got.revision, got.encounter.notes) == (1, "")
        assert store.check().ok
    assert prepared_files(one) == []


def test_a_prepared_file_removed_by_another_open_is_written_again(one: Path) -> None:
    with Store.open(one) as store:
        got = noted(store, "A1", "kept")
        real = prepared.write_prepared

        def then_removed(final: Path, blob: bytes, mode: int) -> Path:
            out = real(final, blob, mode)
            os.unlink(out)  # as another process's open-time clean-up would
            return out

        prepared.write_prepared = then_removed  # type: ignore[assignment]
        try:
            assert store.save(got.encounter, got.revision) == 2
        finally:
            prepared.write_prepared = real  # type: ignore[assignment]
        assert store.get("A1").encounter.notes == "kept" and store.check().ok


# Imports two new encounters in a process of its own (as another coder's `workbench import` would).
IMPORTER = """
import datetime as dt, sys
from pathlib import Path
from typing import Any
from workbench.model.encounter import Diagnosis, Encounter
from workbench.store.core import Store
with Store.open(Path(sys.argv[1])) as store:
    for a in sys.argv[2].split(","):
        store.save(Encounter(a, admit_date=dt.date(2026, 5, 1), discharge_date=dt.date(2026, 5, 3),
                             diagnoses=[Diagnosis("J189", "Y")]), 0)
"""


def test_a_prepared_save_keeps_the_queue_row_id_another_process_gave_the_encounter(tmp_path: Path) -> None:
    """The row id of a prepared save is the encounter's id as the journal has it at the commit (under
    the lock, caught up), not as this process last read it: here it had not yet read the other
    process's rows at all, and took the id of another encounter, which then fell out of the queue
    table (`search`)."""
    path = tmp_path / "db"
    Store.initialize(path, Modes())
    with Store.open(path) as mine:
        subprocess.run([sys.executable, "-c", IMPORTER, str(path), "A1,A2"], check=True)
        edited = Encounter("A2", admit_date=dt.date(2026, 5, 1), discharge_date=dt.date(2026, 5, 3),
                           diagnoses=[Diagnosis("J189", "N")])
        assert mine.save(edited, 1) == 2  # the prepared path: the file is there at revision 1
        ids = {a: mine.journal.rows[a]["id"] for a in ("A1", "A2")}
        assert ids["A1"] != ids["A2"]
        assert [r.account for r in mine.search(Query().account == "A1")] == ["A1"]
        assert sorted(r.account for r in mine.search(Query().noop())) == ["A1", "A2"]
    with Store.open(path) as store:
        assert {a: store.journal.rows[a]["id"] for a in ("A1", "A2")} == ids and store.check().ok


def test_a_deferred_tidy_removes_what_interrupted_writes_left_once_asked(one: Path) -> None:
    """The app's open leaves the walk for after the queue shows (`Store.tidy` in its warm-up): a
    temporary file of a killed write (patient data in it) is gone once tidied, and a read of an
    encounter before any tidy tidies first."""
    with Store.open(one) as store:
        left = store.file_of("A1").with_name(".A1.json.4242.4242.tmp")
    for tidy in (Store.tidy, lambda s: s.get("A1")):
        left.write_text('{"patient": "text"}')
        with Store.open(one, tidy_later=True) as store:
            assert left.exists() and len(store.list()) == 1
            tidy(store)
            assert not left.exists() and store.leftovers_removed == [left]


def open_inodes() -> set[tuple[int, int]]:
    """(device, inode) of every file this process holds open."""
    out = set()
    for name in os.listdir("/proc/self/fd"):
        try:
            st = os.fstat(int(name))
        except OSError:
            continue  # the descriptor listdir itself used, closed by now
        out.add((st.st_dev, st.st_ino))
    return out


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_the_file_a_save_replaces_is_let_go_only_after_the_lock(one: Path, monkeypatch) -> None:
    """The file a save replaces is still open in the saving process when the new one is renamed over
    it (the kernel then frees it at the close, after the store lock, not inside the rename), and
    nothing stays open once the save returns."""
    with Store.open(one) as store:
        final = store.file_of("A1")
        st = final.stat()
        replaced = (st.st_dev, st.st_ino)
        seen: list[tuple[bool, int]] = []
        real = prepared.os.replace

        def replace(src: Any, dst: Any) -> None:
            real(src, dst)
            seen.append((replaced in open_inodes(), store._lock.level))

        monkeypatch.setattr(prepared.os, "replace", replace)
        got = noted(store, "A1", "second")
        assert store.save(got.encounter, got.revision) == 2
        monkeypatch.undo()
        assert seen == [(True, store._lock.level or 2)] and seen[0][1] != 0  # renamed under the lock
        assert replaced not in open_inodes()
        assert final.stat().st_ino != replaced[1]
        got = store.get("A1")
        assert (got.revision, got.encounter.notes) == (2, "second") and store.check().ok


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_saves_of_every_outcome_leave_no_file_open(tmp_path: Path) -> None:
    """A long session saves hundreds of times: saved, unchanged, refused as stale, refused by the
    workflow; none of them leaves a file open (it would end in 'too many open files')."""
    path = tmp_path / "db"
    seeded(path, ["A1", "A2"])
    with Store.open(path) as mine, Store.open(path) as theirs:
        before = len(os.listdir("/proc/self/fd"))
        for n in range(30):
            got = noted(mine, "A1", f"note {n}")
            assert mine.save(got.encounter, got.revision) == n + 2
        got = mine.get("A1")
        assert mine.save(got.encounter, got.revision) == got.revision  # nothing changed
        stale = noted(mine, "A2", "mine")
        other = noted(theirs, "A2", "theirs")
        assert theirs.save(other.encounter, other.revision) == 2
        with pytest.raises(StaleRevision):
            mine.save(stale.encounter, stale.revision)
        final = noted(mine, "A1", "")
        final.encounter.status = "final"  # new -> final skips coding: the workflow refuses it
        with pytest.raises(WorkflowError):
            mine.save(final.encounter, final.revision)
        assert len(os.listdir("/proc/self/fd")) == before
        got = mine.get("A1")
        assert (got.revision, got.encounter.notes) == (31, "note 29")
        assert mine.get("A2").encounter.notes == "theirs" and mine.check().ok
