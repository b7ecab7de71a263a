"""Crashes and concurrent writers, with real processes on a real database folder."""

from __future__ import annotations

import datetime as dt
import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from workbench.model.encounter import Diagnosis, Encounter
from workbench.store.core import Store
from workbench.store.journal import encode_line

ACCOUNTS = [f"K{i:03d}" for i in range(12)]

# Saves in a loop; prints "account revision n" only after save() returned (= acknowledged).
WRITER = """
import sys
from pathlib import Path
from workbench.store.core import Store
store = Store.open(Path(sys.argv[1]))
accounts = sys.argv[2].split(",")
n = 0
while True:
    account = accounts[n % len(accounts)]
    stored = store.get(account)
    enc = stored.encounter
    enc.notes = f"save {n}"
    rev = store.save(enc, stored.revision, user="writer")
    print(account, rev, n, flush=True)
    n += 1
"""

# Two processes race on one encounter; each counts its own wins and stale refusals.
RACER = """
import json, sys
from pathlib import Path
from workbench.store.core import Store, StaleRevision
store = Store.open(Path(sys.argv[1]))
wins, stale = [], 0
for i in range(int(sys.argv[3])):
    stored = store.get("R1")
    enc = stored.encounter
    enc.notes = f"{sys.argv[2]} {i}"
    try:
        wins.append(store.save(enc, stored.revision, user=sys.argv[2]))
    except StaleRevision as e:
        assert e.draft_path is not None and e.draft_path.exists()
        stale += 1
print(json.dumps({"wins": wins, "stale": stale}))
"""


def seed(path: Path, accounts: list[str]) -> None:
    with Store.open(path) as store:
        store.add_many([Encounter(a, admit_date=dt.date(2026, 5, 1), discharge_date=dt.date(2026, 5, 3),
                                  diagnoses=[Diagnosis("J189", "Y")]) for a in accounts])


def run_and_kill(path: Path, delay: float) -> list[tuple[str, int, int]]:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), ",".join(ACCOUNTS)],
                            stdout=subprocess.PIPE, text=True)
    acked = []
    assert proc.stdout is not None
    first = proc.stdout.readline().split()  # start the clock once the writer is saving
    acked.append((first[0], int(first[1]), int(first[2])))
    deadline = time.monotonic() + delay
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        a, rev, n = line.split()
        acked.append((a, int(rev), int(n)))
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    for line in proc.stdout:  # acknowledgements already in the pipe when the writer died
        if line.endswith("\n"):
            a, rev, n = line.split()
            acked.append((a, int(rev), int(n)))
    return acked


@pytest.mark.slow
@pytest.mark.parametrize("delay", [0.4, 0.9, 1.7])
def test_killed_writer_loses_no_acknowledged_save(tmp_path, delay):
    path = tmp_path / "db"
    seed(path, ACCOUNTS)
    acked = run_and_kill(path, delay)
    assert len(acked) > 10, "the writer should have saved something before the kill"
    with Store.open(path) as store:
        report = store.check()
        assert report.ok, str(report)
        last: dict[str, tuple[int, int]] = {}
        for account, rev, n in acked:
            last[account] = (rev, n)
        for account, (rev, n) in last.items():
            got = store.get(account)
            # the next (unacknowledged) save may have landed too, but never less than the last ack
            assert got.revision >= rev
            if got.revision == rev:
                assert got.encounter.notes == f"save {n}"
            assert {a.revision for a in got.audit} >= set(range(1, rev + 1))
            assert store.list(text=account)[0].revision == got.revision
        # and the database still takes saves after the crash
        stored = store.get(ACCOUNTS[0])
        assert store.save(stored.encounter, stored.revision, reason=None) in (stored.revision,)
        stored.encounter.notes = "after the crash"
        assert store.save(stored.encounter, stored.revision) == stored.revision + 1


def test_torn_journal_tail_is_dropped_and_dangling_row_corrected(tmp_path):
    """The two states a crash can leave: half a journal line, or a row whose file never landed."""
    path = tmp_path / "db"
    seed(path, ["A1", "A2"])
    journal = path / "data" / "queue.jsonl"
    with Store.open(path) as store:
        row = dict(store.journal.rows["A2"])
    # a crash after the journal row of revision 2 was written but before the file replacement
    with open(journal, "ab") as fh:
        # (its checksum is the new file's, which never landed)
        fh.write(encode_line({**row, "revision": 2, "notes": "x", "sha256": "0" * 64}))
        fh.write(encode_line({**row, "revision": 3})[:40])  # and a torn line after it
    with Store.open(path) as store:
        assert store.get("A2").revision == 1
        assert store.list(text="A2")[0].revision == 1  # corrected from the file
        assert store.check().ok
        enc = store.get("A2").encounter
        enc.notes = "new"
        assert store.save(enc, 1) == 2
    with Store.open(path) as store:
        assert store.get("A2").encounter.notes == "new" and store.check().ok


@pytest.mark.slow
def test_two_writer_processes_on_one_encounter_lose_nothing(tmp_path):
    path = tmp_path / "db"
    seed(path, ["R1"])
    rounds = 40
    procs = [subprocess.Popen([sys.executable, "-c", RACER, str(path), who, str(rounds)],
                              stdout=subprocess.PIPE, text=True) for who in ("alice", "bob")]
    results = {}
    for who, proc in zip(("alice", "bob"), procs, strict=True):
        out, _ = proc.communicate(timeout=120)
        assert proc.returncode == 0
        results[who] = json.loads(out)
    wins = results["alice"]["wins"] + results["bob"]["wins"]
    assert len(wins) + results["alice"]["stale"] + results["bob"]["stale"] == 2 * rounds
    assert sorted(wins) == list(range(2, 2 + len(wins)))  # every revision won exactly once
    with Store.open(path) as store:
        got = store.get("R1")
        assert got.revision == 1 + len(wins)
        assert [a.revision for a in got.audit] == list(range(1, got.revision + 1))
        winners = {a.revision: a.user for a in got.audit[1:]}
        assert sorted(r for r, u in winners.items() if u == "alice") == sorted(results["alice"]["wins"])
        assert store.check().ok


def test_writer_waits_for_the_lock_of_another_process(tmp_path):
    """A save blocks while another process holds the store's exclusive lock, then succeeds."""
    import fcntl

    path = tmp_path / "db"
    seed(path, ["A1"])
    fd = os.open(path / "lock", os.O_RDWR)
    fcntl.flock(fd, fcntl.LOCK_EX)
    code = ("import sys; from pathlib import Path; from workbench.store.core import Store\n"
            "s = Store.open(Path(sys.argv[1])); g = s.get('A1'); g.encounter.notes = 'late'\n"
            "print(s.save(g.encounter, g.revision))")
    proc = subprocess.Popen([sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True)
    time.sleep(0.5)
    assert proc.poll() is None  # still waiting
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)
    out, _ = proc.communicate(timeout=60)
    assert out.strip() == "2"
    with Store.open(path) as store:
        assert store.get("A1").encounter.notes == "late"


def test_random_kill_points(tmp_path):
    """Kill at a few random moments, reopening in between: the database always opens and checks ok."""
    path = tmp_path / "db"
    seed(path, ACCOUNTS)
    rng = random.Random(7)
    total = 0
    for _ in range(3):
        acked = run_and_kill(path, rng.uniform(0.3, 0.8))
        total += len(acked)
        with Store.open(path) as store:
            assert store.check().ok
            for account, rev, _n in acked:
                assert store.get(account).revision >= rev
    assert total > 0


def test_an_import_commit_cut_short_by_a_kill_counts_none_of_its_rows(tmp_path):
    """A kill -9 can cut the import's one journal write short (Linux stops a write between pages on a
    fatal signal): the rows of that commit that did land must not count, nor their files, so an import
    is in whole commits or not at all; the next import adds them all."""
    from workbench.store.bulk import MARKER, _pending_name

    path = tmp_path / "db"
    seed(path, ["A1", "A2"])
    journal = path / "data" / "queue.jsonl"
    before = journal.stat().st_size
    new = [f"B{i:02d}" for i in range(25)]  # enough to commit together (bulk.BULK_AT_LEAST)
    seed(path, new)
    with Store.open(path) as store:
        finals = [store.file_of(a) for a in new]
    data = journal.read_bytes()
    lines = data[before:].split(b"\n")
    cut = before + sum(len(x) + 1 for x in lines[:11]) + 7  # the group line, ten rows, part of one more
    journal.write_bytes(data[:cut])
    for final in finals:  # the state the kill left: files not yet moved into place, the marker on
        final.rename(_pending_name(final))
    (path / "data" / MARKER).write_bytes(b"import\n")
    with Store.open(path) as store:
        assert sorted(r.account for r in store.list()) == ["A1", "A2"]
        assert store.check().ok
    assert not [f for f in finals if f.exists() or _pending_name(f).exists()]
    seed(path, new)  # imported again: all of them come in
    with Store.open(path) as store:
        assert len(store) == 27 and store.check().ok
