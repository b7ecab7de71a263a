"""The queue snapshot (a cache of the journal's rows, `journal.py`): an open reads it and only the
journal lines after it, and ignores it whenever it does not belong to the journal file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbench.model.encounter import Diagnosis, Encounter
from workbench.store import journal
from workbench.store.core import Store
from workbench.store.queue_index import QueueQuery


@pytest.fixture(autouse=True)
def small_snapshots(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(journal, "SNAPSHOT_AT_LEAST", 5)
    monkeypatch.setattr(journal, "SNAPSHOT_EVERY", 1)


def seeded(path: Path, n: int = 30) -> None:
    with Store.open(path) as store:
        store.add_many([Encounter(f"A{i:02d}", admit_date=dt.date(2026, 5, 1),
                                  discharge_date=dt.date(2026, 5, 3), payer="Medicare",
                                  diagnoses=[Diagnosis("J189", "Y")]) for i in range(n)])


def aetna(store: Store) -> str:
    return store.queue(QueueQuery(payer="aetna")).rows()[0].account


def rows_of(store: Store) -> dict[str, dict[str, object]]:
    return {a: dict(r.items()) for a, r in store.journal.rows.items()}


def fresh_rows(path: Path) -> dict[str, dict[str, object]]:
    """The rows as read from the whole journal, no snapshot."""
    j = journal.QueueJournal(path / "data" / "queue.jsonl", Store.open(path).modes)
    j.snapshot_path.rename(j.snapshot_path.with_suffix(".off"))
    try:
        j.reload()
        assert j.snapshot_offset == 0
        return {a: dict(r.items()) for a, r in j.rows.items()}
    finally:
        j.snapshot_path.with_suffix(".off").rename(j.snapshot_path)


def test_open_reads_the_snapshot_and_the_lines_after_it(tmp_path: Path) -> None:
    path = tmp_path / "db"
    seeded(path)
    assert (path / "data" / journal.SNAPSHOT).exists()
    with Store.open(path) as store, Store.open(path) as other:
        assert store.journal.snapshot_offset > 0  # loaded from the snapshot
        got = other.get("A03")
        got.encounter.payer = "Aetna"
        other.save(got.encounter, got.revision)  # a line after the snapshot
        other.save(Encounter("B1", discharge_date=dt.date(2026, 5, 4)), 0)
    with Store.open(path) as store:
        assert rows_of(store) == fresh_rows(path)
        assert aetna(store) == "A03" and "B1" in store
        new = store.save(Encounter("B2", discharge_date=dt.date(2026, 5, 4)), 0)
        assert new == 1 and store.journal.rows["B2"]["id"] > store.journal.rows["B1"]["id"]  # ids go on
        assert store.check().ok


def test_a_snapshot_that_does_not_belong_to_the_journal_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "db"
    seeded(path)
    snap = path / "data" / journal.SNAPSHOT
    old = snap.read_bytes()
    with Store.open(path) as store:
        store.journal.compact()  # a new generation: the old snapshot describes another file
        got = store.get("A05")
        got.encounter.payer = "Aetna"
        store.save(got.encounter, got.revision)
    snap.write_bytes(old)
    with Store.open(path) as store:
        assert store.journal.snapshot_offset == 0
        assert store.get("A05").encounter.payer == "Aetna" and aetna(store) == "A05"
    for damaged in (old[:len(old) // 2], b"not a snapshot", old[:-3] + b"xyz"):
        snap.write_bytes(damaged)
        with Store.open(path) as store:
            assert len(store) == 30 and aetna(store) == "A05"
            assert rows_of(store) == fresh_rows(path)


def test_a_rewritten_journal_of_the_same_generation_is_read_whole(tmp_path: Path) -> None:
    """A restore brings back an older journal of the same generation, which then grows past the
    snapshot's offset with other lines: the checksum of the bytes before the offset says so."""
    path = tmp_path / "db"
    seeded(path)
    jpath = path / "data" / "queue.jsonl"
    before = jpath.read_bytes()
    with Store.open(path) as store:
        for i in range(3):
            got = store.get(f"A0{i}")
            got.encounter.payer = "Aetna"
            store.save(got.encounter, got.revision)
        covered = store.journal.offset
        row = dict(store.journal.rows["A09"].items())
    with Store.open(path) as store:
        assert store.journal.snapshot_offset == covered
    grown = before
    while len(grown) <= covered:  # other lines of the same generation (files left as they are)
        grown += journal.encode_line({**row, "saved_by": "restored"})
    jpath.write_bytes(grown)
    with Store.open(path) as store:
        assert store.journal.snapshot_offset == 0
        assert rows_of(store) == fresh_rows(path)
        assert store.journal.rows["A09"]["saved_by"] == "restored"
        assert store.journal.rows["A01"]["payer"] == "Medicare"
