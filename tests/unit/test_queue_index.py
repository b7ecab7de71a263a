"""The queue index (queue journal rows in memory): filters, sorts, counts and pages answered without
opening encounter files, and kept right across a crash between the index write and the encounter write."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from workbench.model.encounter import Diagnosis, Encounter, Procedure
from workbench.store.core import Store
from workbench.store.queue_index import QueueQuery


def enc(account: str, admit: str, disch: str, *, payer: str = "Medicare", service: str = "Medicine",
        age: int | None = 70, codes: tuple[str, ...] = ("J189",), status: str = "new") -> Encounter:
    return Encounter(account, patient_name=f"Pat {account}", age=age, sex="F",
                     admit_date=dt.date.fromisoformat(admit), discharge_date=dt.date.fromisoformat(disch),
                     payer=payer, service=service, status=status,
                     diagnoses=[Diagnosis(c, "Y") for c in codes])


def seeded(tmp_path: Path) -> Store:
    store = Store.open(tmp_path / "db")
    store.add_many([
        enc("A1", "2026-05-01", "2026-05-09", payer="Medicaid", age=40, codes=("I5023", "I442")),
        enc("A2", "2026-05-02", "2026-05-03", payer="Aetna", service="Cardiology", age=85, codes=("I442",)),
        enc("A3", "2026-05-03", "2026-05-03", payer="Medicare", age=None, codes=()),
        enc("A4", "2026-05-01", "2026-05-05", payer="Blue Cross", age=62, codes=("N179", "E119")),
    ])
    return store


def accounts(store: Store, **kw: object) -> list[str]:
    view = store.queue(QueueQuery(**kw))  # type: ignore[arg-type]
    return [r.account for r in view.page(0, len(view))]


def test_dotted_and_plain_codes_find_the_same_encounters(tmp_path: Path) -> None:
    with seeded(tmp_path) as store:
        assert accounts(store, text="I44.2", sort="account") == ["A1", "A2"]  # principal or secondary
        assert accounts(store, text="i442", sort="account") == ["A1", "A2"]
        assert accounts(store, text="E11.9", sort="account") == ["A4"]


def test_a_code_typed_letter_by_letter_finds_what_the_whole_code_finds(tmp_path: Path) -> None:
    """The filter box asks at every key: "i" (names only) must not narrow what "i4" (codes too) finds."""
    with seeded(tmp_path) as store:
        for typed in ("i", "i4", "i44", "i44.", "i44.2"):
            got = accounts(store, text=typed, sort="account")
        assert got == ["A1", "A2"]


def test_sorts_by_length_of_stay_age_and_payer(tmp_path: Path) -> None:
    with seeded(tmp_path) as store:
        # LOS: A1 8 days, A4 4, A2 1, A3 same day counts 1 (UB-04); ties by account
        assert accounts(store, sort="los") == ["A2", "A3", "A4", "A1"]
        assert accounts(store, sort="los", descending=True) == ["A1", "A4", "A3", "A2"]
        # Age: unknown age sorts last either way
        assert accounts(store, sort="age") == ["A1", "A4", "A2", "A3"]
        assert accounts(store, sort="age", descending=True) == ["A2", "A4", "A1", "A3"]
        assert accounts(store, sort="payer") == ["A2", "A4", "A1", "A3"]


def test_payer_and_service_filters_and_counts_without_rows(tmp_path: Path) -> None:
    with seeded(tmp_path) as store:
        assert accounts(store, payer="medic", sort="account") == ["A1", "A3"]
        assert accounts(store, service="cardio") == ["A2"]
        view = store.queue(QueueQuery(status="new"))
        assert len(view) == 4
        assert view.position("A4") is not None and view.page(view.position("A4"), 99)[0].account == "A4"
        row = store.queue(QueueQuery(text="A1")).page(0, 1)[0]
        assert (row.los, row.age, row.payer) == (8, 40, "Medicaid")


def test_a_save_by_another_process_shows_in_the_next_view(tmp_path: Path) -> None:
    with seeded(tmp_path) as store, Store.open(tmp_path / "db") as other:
        assert accounts(store, payer="aetna") == ["A2"]
        got = other.get("A4")
        got.encounter.payer = "Aetna"
        other.save(got.encounter, got.revision)
        assert accounts(store, payer="aetna", sort="account") == ["A2", "A4"]


# The child saves A1 with a new DRG, status and LOS, and dies (kill -9 equivalent) after the queue
# journal row is on disk but before the encounter file is replaced: on the prepared path (the new file
# written beside the old one before the lock, renamed after the row) or on the careful path under the lock.
DIE_BETWEEN = """
import os, sys, datetime as dt
from pathlib import Path
from workbench.store.core import Store
store = Store.open(Path(sys.argv[1]))
got = store.get("A1")
e = got.encounter
e.status = "coded"
e.discharge_date = dt.date(2026, 5, 20)
e.grouping = {"drg": "291", "weight": 1.3, "version": "43.1"}
def die(*a, **k):
    os._exit(9)
if sys.argv[2] == "prepared":
    os.replace = die
else:
    store._prepare = lambda *a: None
    store._tinydb = die
store.save(e, got.revision)
"""


@pytest.mark.parametrize("path", ["prepared", "careful"])
def test_index_stays_right_after_a_crash_between_index_and_encounter_write(tmp_path: Path, path: str) -> None:
    seeded(tmp_path).close()
    proc = subprocess.run([sys.executable, "-c", DIE_BETWEEN, str(tmp_path / "db"), path],
                          capture_output=True)
    assert proc.returncode == 9, proc.stderr.decode()
    with Store.open(tmp_path / "db") as store:
        stored = store.get("A1")
        row = store.queue(QueueQuery(text="A1")).page(0, 1)[0]
        if path == "careful":  # the file never landed: the row is corrected from the file
            assert stored.encounter.status == "new" and stored.revision == 1
            # the queue columns come from the index, and the index agrees with the file
            assert (row.status, row.drg, row.weight, row.los, row.revision) == ("new", "", None, 8, 1)
            assert accounts(store, status="coded") == []
        else:  # the new file was durable beside the old one when its row committed: renamed into place
            assert stored.encounter.status == "coded" and stored.revision == 2
            assert (row.status, row.drg, row.weight, row.los, row.revision) == ("coded", "291", 1.3, 19, 2)
            assert accounts(store, status="coded") == ["A1"]
        assert store.check().ok, store.check()
        assert list((tmp_path / "db" / "data").rglob("*.save")) == []


def test_crash_during_a_batch_import_leaves_no_half_rows(tmp_path: Path) -> None:
    seeded(tmp_path).close()
    script = """
import os, sys, datetime as dt
from pathlib import Path
from workbench.model.encounter import Encounter
from workbench.store.core import Store
store = Store.open(Path(sys.argv[1]))
store.journal.append_many = lambda rows: os._exit(9)  # files written, index rows not
store.add_many([Encounter(f"B{i}", discharge_date=dt.date(2026, 5, 3)) for i in range(50)])
"""
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path / "db")], capture_output=True)
    assert proc.returncode == 9, proc.stderr.decode()
    with Store.open(tmp_path / "db") as store:
        assert len(store) == 4 and accounts(store, text="B1") == []
        result = store.add_many([Encounter(f"B{i}", discharge_date=dt.date(2026, 5, 3),
                                           procedures=[Procedure("0DTJ4ZZ", dt.date(2026, 5, 3))])
                                 for i in range(50)])
        assert len(result.added) == 50 and len(store) == 54
        assert store.get("B7").encounter.procedures[0].code == "0DTJ4ZZ"
        assert store.check().ok, store.check()


def test_crash_after_a_batch_import_commits_finishes_it_at_the_next_open(tmp_path: Path) -> None:
    seeded(tmp_path).close()
    script = """
import os, sys, datetime as dt
from pathlib import Path
from workbench.model.encounter import Encounter, Diagnosis
from workbench.store import bulk
from workbench.store.core import Store
store = Store.open(Path(sys.argv[1]))
bulk._move_into_place = lambda moves, folders: os._exit(9)  # index rows durable, files not in place
store.add_many([Encounter(f"C{i}", discharge_date=dt.date(2026, 5, 3), diagnoses=[Diagnosis("J189", "Y")])
                for i in range(30)])
"""
    proc = subprocess.run([sys.executable, "-c", script, str(tmp_path / "db")], capture_output=True)
    assert proc.returncode == 9, proc.stderr.decode()
    with Store.open(tmp_path / "db") as store:
        assert len(store) == 34
        assert [d.code for d in store.get("C29").encounter.diagnoses] == ["J189"]
        assert accounts(store, text="C1", sort="account")[:2] == ["C1", "C10"]
        assert store.check().ok, store.check()
