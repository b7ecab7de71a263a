"""A backup or `db check` while coders save: neither holds the store lock while it reads the files (a
save made meanwhile does not wait), a backup holds the database as it was when it ended, and a check
reports no damage for a file saved as it read (real TinyDB files, a second session saving)."""

from __future__ import annotations

import io
import tarfile
import threading
from collections.abc import Callable

from tests.unit.test_store import make
from workbench.model.encounter import Diagnosis
from workbench.store.backup import create_backup, verify_backup
from workbench.store.core import Store


def _in_thread(fn: Callable[[], None]) -> None:
    """Run a save the way another coder's session would; it must not wait for the backup."""
    done = threading.Event()

    def run() -> None:
        fn()
        done.set()

    threading.Thread(target=run, daemon=True).start()
    assert done.wait(20), "a save waited for the backup: the backup held the store lock while reading"


def test_saves_made_while_a_backup_reads_are_not_held_up_and_end_up_in_it(tmp_path):
    with Store.open(tmp_path / "db") as store:
        for i in range(6):
            store.save(make(f"A{i}"), 0)
    mine, other = Store.open(tmp_path / "db"), Store.open(tmp_path / "db")

    def resave(account: str, code: str) -> None:
        got = other.get(account)
        got.encounter.diagnoses.append(Diagnosis(code, "Y"))
        other.save(got.encounter, got.revision, user="bob")

    def stage(name: str) -> None:
        if name == "listed":  # saved before the backup reads them: read as their new version
            _in_thread(lambda: resave("A2", "E119"))
            _in_thread(lambda: other.save(make("A9"), 0))
        elif name == "read":  # saved after the backup read the old version: read again
            _in_thread(lambda: resave("A4", "I10"))

    backup = create_backup(mine, on_stage=stage)
    mine.close()
    other.close()

    assert verify_backup(backup) == []
    with tarfile.open(backup) as tar:
        names = tar.getnames()
    a4 = [n for n in names if n.endswith("A4.json")]
    assert len(a4) == 2  # the version read first, then the one saved during the backup
    Store.restore(backup, tmp_path / "restored")
    with Store.open(tmp_path / "restored") as restored:
        assert sorted(r.account for r in restored.list()) == [*(f"A{i}" for i in range(6)), "A9"]
        assert [d.code for d in restored.get("A2").encounter.diagnoses][-1] == "E119"
        assert [d.code for d in restored.get("A4").encounter.diagnoses][-1] == "I10"
        assert restored.get("A4").revision == 2
        assert restored.check().ok


def test_a_backup_whose_last_copy_of_a_file_is_damaged_does_not_verify(tmp_path):
    with Store.open(tmp_path / "db") as store:
        store.save(make("A1"), 0)
        backup = store.backup()
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(backup) as src, tarfile.open(damaged, "w:") as out:
        for info in src:
            fh = src.extractfile(info)
            data = fh.read() if fh else b""
            if info.name.endswith("A1.json"):  # a good copy, then a damaged later one
                out.addfile(info, io.BytesIO(data))
                data = data.replace(b"I5023", b"I5024")
            out.addfile(info, io.BytesIO(data))
    problems = verify_backup(damaged)
    assert problems and "A1.json does not match its checksum" in problems[0]


def test_db_check_reads_the_files_while_coders_save_and_finds_nothing_wrong(tmp_path):
    from workbench.store.check import check_store

    with Store.open(tmp_path / "db") as store:
        for i in range(4):
            store.save(make(f"A{i}"), 0)
    mine, other = Store.open(tmp_path / "db"), Store.open(tmp_path / "db")

    def stage(name: str) -> None:
        if name == "listed":  # saved after the journal was read, before the files are
            _in_thread(lambda: other.save(make("A9"), 0))  # a new file the journal read does not name
            got = other.get("A1")
            got.encounter.notes = "query sent"
            _in_thread(lambda: other.save(got.encounter, got.revision))  # no longer the journal's version

    report = check_store(mine, on_stage=stage)
    assert report.ok, report.problems
    assert report.encounters == 5
    mine.close()
    other.close()


def test_db_check_still_names_a_damaged_file_and_an_orphan(tmp_path):
    from workbench.store.check import check_store

    with Store.open(tmp_path / "db") as store:
        store.save(make("A1"), 0)
        store.save(make("A2"), 0)
        damaged = store.file_of("A1")
        damaged.write_bytes(damaged.read_bytes().replace(b"I5023", b"I5024"))
        orphan = store.file_of("A2").with_name("stray.json")
        orphan.write_text("{}")
        report = check_store(store)
    assert not report.ok
    assert any(str(damaged) in p and "does not match the checksum" in p for p in report.problems)
    assert any(str(orphan) in p and "orphan" in p for p in report.problems)
