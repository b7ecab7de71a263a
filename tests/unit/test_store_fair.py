"""Coders saving at once (issue #20): a reader building a large answer does not hold writers up, and
writers take the store lock in the order they asked for it, whatever happens to one of them (killed,
stopped). Real processes on a real database folder; outcomes and order are asserted, never durations
(the timeouts only keep a broken build from hanging)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from tinydb import Query

from workbench.model.encounter import Diagnosis, Encounter
from workbench.store import queue_index
from workbench.store.core import Store, StoreError
from workbench.store.journal import decode_line
from workbench.store.queue_index import QueueQuery

# Opens the database and saves one encounter; prints "saved ACCOUNT REVISION" once it is on disk.
SAVE_ONE = """
import sys
from pathlib import Path
from workbench.store.core import Store
store = Store.open(Path(sys.argv[1]))
stored = store.get(sys.argv[2])
stored.encounter.notes = sys.argv[3]
print("saved", sys.argv[2], store.save(stored.encounter, stored.revision), flush=True)
store.close()
"""

# Opens and closes its account for editing back to back (each a write under the exclusive lock, asked
# for again at once) until the file `stop` exists.
GREEDY = """
import sys
from pathlib import Path
from workbench.store.core import Store
store = Store.open(Path(sys.argv[1]))
stop = Path(sys.argv[3])
print("ready", flush=True)
while not stop.exists():
    store.lock(sys.argv[2])
    store.unlock(sys.argv[2])
store.close()
"""

# Saves its account `n` times; for each save, notes the journal's size when its ticket was taken (its
# place in the queue) and prints them with the revisions.
WAITER = """
import json, sys, time
from pathlib import Path
from workbench.store.core import Store
store = Store.open(Path(sys.argv[1]))
journal = Path(sys.argv[1]) / "data" / "queue.jsonl"
marks, revs = [], []
take = store._turns._take
def noted():
    ticket = take()
    marks.append(journal.stat().st_size)
    return ticket
store._turns._take = noted
for n in range(int(sys.argv[3])):
    time.sleep(0.02)
    stored = store.get(sys.argv[2])
    stored.encounter.notes = f"waiter {n}"
    marks.clear()
    revs.append((store.save(stored.encounter, stored.revision), marks[-1]))
print(json.dumps(revs), flush=True)  # and no close: a close may compact the journal the marks point into
"""


def seed(path: Path, accounts: list[str]) -> None:
    with Store.open(path) as store:
        store.add_many([Encounter(a, admit_date=dt.date(2026, 5, 1), discharge_date=dt.date(2026, 5, 3),
                                  diagnoses=[Diagnosis("J189", "Y")]) for a in accounts])


def until(check, what: str, timeout: float = 60.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        got = check()
        if got:
            return got
        time.sleep(0.01)
    raise AssertionError(f"timed out waiting for {what}")


def queued(path: Path, pid: int) -> bool:
    """Whether process `pid` holds the newest ticket of the database's turns."""
    try:
        last = (path / "turns" / "next").read_bytes().split()
    except FileNotFoundError:
        return False
    return len(last) == 2 and int(last[1]) == pid


def save_one(path: Path, account: str, note: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", SAVE_ONE, str(path), account, note],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def acknowledged(proc: subprocess.Popen[str], timeout: float = 60.0) -> str:
    out, err = proc.communicate(timeout=timeout)
    assert proc.returncode == 0, err
    return out.strip()


@pytest.mark.parametrize("how", ["search", "queue"])
def test_a_writer_is_not_held_up_while_a_reader_builds_its_answer(tmp_path, monkeypatch, how):
    """A queue of 100,000 rows takes a while to sort or search: another process's save goes through
    meanwhile (before, the reader held the shared lock until its answer was built)."""
    path = tmp_path / "db"
    seed(path, ["A1", "A2", "A3"])
    building, finish = threading.Event(), threading.Event()

    def slow(value: object) -> bool:
        building.set()
        finish.wait(120)
        return True

    if how == "queue":
        real = queue_index.row_test

        def slow_test(q: QueueQuery):
            inner = real(q)
            return lambda r: slow(r) and (inner is None or inner(r))

        monkeypatch.setattr(queue_index, "row_test", slow_test)
    answer: list[object] = []
    with Store.open(path) as store:
        def read() -> None:
            if how == "search":
                answer.extend(r.account for r in store.search(Query().account.test(slow)))
            else:
                answer.extend(r.account for r in store.queue(QueueQuery(text="A")).rows())

        reader = threading.Thread(target=read)
        reader.start()
        try:
            assert building.wait(60)
            writer = save_one(path, "A2", "saved while the queue was being built")
            assert acknowledged(writer) == "saved A2 2"
            assert reader.is_alive()  # the answer was still being built all along
        finally:
            finish.set()
            reader.join(60)
        assert sorted(answer) == ["A1", "A2", "A3"]
        # the next question sees the other process's save
        assert store.get("A2").encounter.notes == "saved while the queue was being built"
        assert [r.revision for r in store.search(Query().account == "A2")] == [2]
        assert store.check().ok


def test_a_reader_in_a_locked_block_still_answers(tmp_path):
    """Inside `reading()` (the shared lock held by the caller) a queue question answers as before."""
    path = tmp_path / "db"
    seed(path, ["A1", "A2"])
    with Store.open(path) as store, store.reading():
        assert [r.account for r in store.queue(QueueQuery()).rows()] == ["A1", "A2"]
        with pytest.raises(StoreError):
            store.queue(QueueQuery(sort="nonsense"))


def rows_between(journal: bytes, account: str, marks: list[tuple[int, int]]) -> list[int]:
    """For each (revision, size) of `account`'s saves: how many rows other writers committed after the
    journal had `size` bytes and before that revision's row."""
    out = []
    for rev, size in marks:
        others = 0
        # The size was read while another writer may have been appending: a row cut by it was written by
        # the writer holding the lock when the ticket was taken, not one that came after.
        start = size if size == 0 or journal[size - 1 : size] == b"\n" else journal.index(b"\n", size) + 1
        for line in journal[start:].splitlines():
            obj = decode_line(line)
            assert obj is not None
            if obj["account"] == account and obj["revision"] == rev:
                break
            others += 1
        else:
            raise AssertionError(f"no row of {account} revision {rev}")
        out.append(others)
    return out


@pytest.mark.slow
def test_writers_take_turns_in_the_order_they_asked(tmp_path):
    """Three writers asking for the lock again as soon as they let go of it, and one saving now and then:
    each of its saves waits for at most one write of each writer already in the queue. (flock alone lets a
    writer that just let go take the lock again before the woken waiters run: 5-8 writes ahead of it
    were seen.)"""
    path = tmp_path / "db"
    greedy_accounts = ["G1", "G2", "G3"]
    seed(path, [*greedy_accounts, "W1"])
    stop = tmp_path / "stop"
    greedy = [subprocess.Popen([sys.executable, "-c", GREEDY, str(path), a, str(stop)],
                               stdout=subprocess.PIPE, text=True) for a in greedy_accounts]
    try:
        for g in greedy:
            assert g.stdout is not None and g.stdout.readline().strip() == "ready"
        waiter = subprocess.Popen([sys.executable, "-c", WAITER, str(path), "W1", "25"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        marks = json.loads(acknowledged(waiter, timeout=300))
        # read before the others stop: a close compacts the journal once it has grown
        journal = (path / "data" / "queue.jsonl").read_bytes()
    finally:
        stop.touch()
        for g in greedy:
            g.communicate(timeout=120)
    assert [rev for rev, _ in marks] == list(range(2, 27))
    between = rows_between(journal, "W1", marks)
    # A waiter the machine leaves unscheduled past the turns' patience loses its place once (that bounds
    # any wait); on a loaded machine a few such saves may happen, flock alone loses it on most of them.
    late = [b for b in between if b > len(greedy)]
    assert len(late) <= 3, between
    with Store.open(path) as store:
        assert store.check().ok
        assert store.get("W1").encounter.notes == "waiter 24"


def test_a_writer_killed_while_waiting_for_its_turn_holds_no_one_up(tmp_path):
    path = tmp_path / "db"
    seed(path, ["A1", "A2"])
    with Store.open(path) as store:
        with store._exclusive():  # another writer holds the lock
            doomed = save_one(path, "A1", "never")
            until(lambda: queued(path, doomed.pid), "the first writer's ticket")
            ticket = path / "turns" / (path / "turns" / "next").read_bytes().split()[0].decode()
            assert ticket.exists()
            os.kill(doomed.pid, signal.SIGKILL)
            doomed.wait(60)
            writer = save_one(path, "A2", "after the killed one")
            until(lambda: queued(path, writer.pid), "the second writer's ticket")
        assert acknowledged(writer) == "saved A2 2"
        assert store.get("A2").encounter.notes == "after the killed one"
        assert store.get("A1").revision == 1
        # the killed writer's ticket is gone with it (removed by the writer after it)
        assert not ticket.exists()
        assert store.check().ok


def test_a_stopped_writer_does_not_keep_the_others_waiting(tmp_path):
    """A coder's process stopped (Ctrl-Z, a debugger) while queued for the lock: the writers behind it
    go ahead, and it saves when it is resumed."""
    path = tmp_path / "db"
    seed(path, ["A1", "A2"])
    with Store.open(path) as store:
        with store._exclusive():
            stopped = save_one(path, "A1", "saved after resuming")
            until(lambda: queued(path, stopped.pid), "the stopped writer's ticket")
            os.kill(stopped.pid, signal.SIGSTOP)
            writer = save_one(path, "A2", "went ahead")
            until(lambda: queued(path, writer.pid), "the second writer's ticket")
        try:
            assert acknowledged(writer) == "saved A2 2"
            assert stopped.poll() is None
        finally:
            os.kill(stopped.pid, signal.SIGCONT)
        assert acknowledged(stopped) == "saved A1 2"
        assert store.get("A1").encounter.notes == "saved after resuming"
        assert store.get("A2").encounter.notes == "went ahead"
        assert store.check().ok


def test_saves_go_on_where_the_turns_cannot_be_kept(tmp_path):
    """The turns only order writers: a counter cut short by a crash, or a folder where they cannot be
    kept, costs the order, never a save."""
    path = tmp_path / "db"
    seed(path, ["A1"])
    (path / "turns" / "next").write_bytes(b"12")  # half a counter line
    with Store.open(path) as store:
        stored = store.get("A1")
        stored.encounter.notes = "after a torn counter"
        assert store.save(stored.encounter, stored.revision) == 2
    assert acknowledged(save_one(path, "A1", "another process")) == "saved A1 3"
    other = tmp_path / "db2"
    seed(other, ["B1"])
    shutil.rmtree(other / "turns")
    (other / "turns").write_bytes(b"not a folder")
    (other / "turns").chmod(0o600)
    assert acknowledged(save_one(other, "B1", "no turns here")) == "saved B1 2"
    with Store.open(other) as store:
        assert store.get("B1").encounter.notes == "no turns here" and store.check().ok
