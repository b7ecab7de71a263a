"""A large JSON Lines import runs on a worker a core (interchange/import_pool.py): the database it makes
is the one the one-process import makes, bad input is reported line by line with nothing imported, and
a kill -9 in the middle leaves whole committed spans, a clean `db check` and no worker behind."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from workbench.interchange.import_pool import POOL_FROM, SPAN_LINES
from workbench.store.core import Store

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / ".test-data"
N = POOL_FROM + 1000  # past the size that takes the worker pool
DX = ["I5023", "N179", "E119", "J189", "A419", "I10", "E785", "N390", "K5730", "I214", "J441", "E871"]


def _wb(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"WORKBENCH_DATA_DIR": str(DATA), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "workbench.cli", *args], capture_output=True, text=True,
                          env=env, cwd=ROOT, check=False)


def _records(n: int, seed: int = 7) -> list[dict[str, object]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        day = 1 + rng.randrange(27)
        rec: dict[str, object] = {
            "account": f"P{i:06d}", "mrn": f"M{i:06d}", "patient_name": f"Pool{i}, Test",
            "sex": rng.choice("MF"),
            "birth_date": f"19{40 + rng.randrange(50)}-0{1 + rng.randrange(9)}-1{rng.randrange(10)}",
            "admit_date": f"2026-03-{day:02d}", "discharge_date": f"2026-04-{day:02d}", "disposition": "01",
            "payer": "Medicare", "status": "new",
            "documents": [{"type": "Progress Note", "author": "Dr A", "date": f"2026-03-{day:02d}",
                           "text": "admitted with chest pain, café au lait spots " * rng.randrange(1, 4)}],
        }
        if i % 3:
            rec["diagnoses"] = [{"code": c, "poa": "Y"} for c in rng.sample(DX, rng.randrange(1, 6))]
        if i % 11 == 0:
            rec.update(drg="999", weight=1.5, version="40")  # a grouping the file gives
        out.append(rec)
    return out


def _write(path: Path, recs: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in recs), encoding="utf-8")
    return path


def _content(db: Path) -> tuple[str, list[tuple[object, ...]]]:
    """The export and the queue (DRG, weight, grouper version, codes) of a database."""
    export = _wb("--db", str(db), "export")
    assert export.returncode == 0, export.stderr
    with Store.open(db, create=False) as store:
        rows = [(r.account, r.drg, r.weight, r.version, r.principal, r.status, r.revision)
                for r in store.list(sort="account")]
    return export.stdout, rows


def test_a_large_file_imports_on_the_pool_as_the_one_process_import_does(tmp_path: Path) -> None:
    recs = _records(N)
    big = _write(tmp_path / "big.jsonl", recs)
    done = _wb("--db", str(tmp_path / "pool"), "import", str(big))
    assert done.returncode == 0, done.stderr
    assert f"{N} added, 0 replaced, 0 duplicate(s) skipped" in done.stdout
    # the same encounters in files small enough for one process
    parts = [_write(tmp_path / f"part{k}.jsonl", recs[k:k + POOL_FROM - 1])
             for k in range(0, N, POOL_FROM - 1)]
    assert _wb("--db", str(tmp_path / "one"), "import", *map(str, parts)).returncode == 0
    pool_export, pool_rows = _content(tmp_path / "pool")
    one_export, one_rows = _content(tmp_path / "one")
    assert pool_export == one_export
    assert pool_rows == one_rows
    assert sum(1 for r in pool_rows if r[1]) > N // 2  # grouped at import: the queue shows DRGs
    assert ("P000011", "999", 1.5, "40") == pool_rows[11][:4]  # the file's own grouping kept
    assert _wb("--db", str(tmp_path / "pool"), "db", "check").returncode == 0
    again = _wb("--db", str(tmp_path / "pool"), "import", str(big))
    assert again.returncode == 0 and f"0 added, 0 replaced, {N} duplicate(s) skipped" in again.stdout
    assert "account P000017 is already in the database; skipped" in again.stderr


def test_bad_lines_of_a_large_file_are_named_and_nothing_is_imported(tmp_path: Path) -> None:
    recs = _records(N)
    recs[5499]["diagnoses"] = [{"code": "I50.23", "poa": "Q"}]
    recs[N - 1]["account"] = recs[2]["account"]
    big = _write(tmp_path / "big.jsonl", recs)
    with big.open("a", encoding="utf-8") as fh:
        fh.write("\n{not json\n")
    done = _wb("--db", str(tmp_path / "db"), "import", str(big))
    assert done.returncode != 0
    lines = done.stderr.splitlines()
    assert lines[0] == (f"workbench: {big} line 5500: diagnoses[0].poa must be one of Y, N, U, W or blank "
                        "(got 'Q')")
    assert lines[1] == f"workbench: {big} line {N}: account P000002 repeats line 3"
    assert lines[2].startswith(f"workbench: {big} line {N + 2}: not valid JSON")
    assert f"{big}: 3 bad line(s); nothing imported from this file" in done.stderr
    assert not (tmp_path / "db").exists()


def test_a_large_file_with_bytes_that_are_not_utf8_is_refused_whole(tmp_path: Path) -> None:
    big = _write(tmp_path / "big.jsonl", _records(N))
    raw = big.read_bytes()
    cut = raw.index(b"caf\xc3\xa9", len(raw) // 2)
    big.write_bytes(raw[:cut] + b"caf\xe9" + raw[cut + 5:])  # Latin-1 e-acute in the middle
    done = _wb("--db", str(tmp_path / "db"), "import", str(big))
    assert done.returncode != 0
    assert f"workbench: {big}: cannot be read ('utf-8' codec can't decode byte 0xe9" in done.stderr
    assert not (tmp_path / "db").exists()


def _children(pid: int) -> list[int]:
    out = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out += [int(c) for c in (task / "children").read_text().split()]
    return out


def test_kill_9_during_a_pool_import_keeps_whole_spans_and_leaves_no_worker(tmp_path: Path) -> None:
    big = _write(tmp_path / "big.jsonl", _records(6 * SPAN_LINES, seed=9))
    db = tmp_path / "db"
    env = {"WORKBENCH_DATA_DIR": str(DATA), "PATH": "/usr/bin:/bin"}
    proc = subprocess.Popen([sys.executable, "-m", "workbench.cli", "--db", str(db), "import", str(big)],
                            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    journal = db / "data" / "queue.jsonl"
    workers: list[int] = []
    while proc.poll() is None:  # until the first span has committed (all its rows are in the journal)
        workers = workers or _children(proc.pid)
        if _lines_ended(journal) >= 2 + SPAN_LINES:  # the header, the span's group line, its rows
            break
        time.sleep(0.01)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert workers, "the import ran no worker"
    for _ in range(500):  # the kernel kills the workers with their parent
        if not any(Path(f"/proc/{w}").exists() and "Z" not in _state(w) for w in workers):
            break
        time.sleep(0.01)
    assert not [w for w in workers if Path(f"/proc/{w}").exists() and "Z" not in _state(w)]
    with Store.open(db, create=False) as store:
        n = len(store)
        assert n % SPAN_LINES == 0 and n > 0  # whole spans, nothing of a span cut short
        assert store.check().ok, store.check()
        assert store.get(f"P{n - 1:06d}").encounter.documents
    assert not list((db / "data" / "encounters").glob("*/.*.import"))
    rest = _wb("--db", str(db), "import", str(big))  # the rest comes in, the committed ones are skipped
    assert rest.returncode == 0 and f"{6 * SPAN_LINES - n} added" in rest.stdout
    assert _wb("--db", str(db), "db", "check").returncode == 0


def _lines_ended(journal: Path) -> int:
    """Whole lines in the journal. Its size alone is no sign of a commit: a span is one large write, seen
    growing page by page, and a kill before its last page leaves a group the store rightly drops."""
    try:
        return journal.read_bytes().count(b"\n")
    except FileNotFoundError:
        return 0


def _state(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, IndexError):
        return "Z"


def test_update_of_a_large_file_replaces_as_the_one_process_import_does(tmp_path: Path) -> None:
    recs = _records(N, seed=11)
    first = _write(tmp_path / "first.jsonl", recs[:POOL_FROM - 1])
    for db in ("pool", "one"):
        assert _wb("--db", str(tmp_path / db), "import", str(first)).returncode == 0
    for k in range(0, N, 7):  # some changed, the rest as they were, the last thousand new
        recs[k]["diagnoses"] = [{"code": "J189", "poa": "Y"}, {"code": "N179", "poa": "N"}]
        recs[k]["status"] = "in_progress"
    big = _write(tmp_path / "big.jsonl", recs)
    pool = _wb("--db", str(tmp_path / "pool"), "import", "--update", str(big))
    assert pool.returncode == 0, pool.stderr
    assert f"{N - POOL_FROM + 1} added, {POOL_FROM - 1} replaced, 0 duplicate(s) skipped" in pool.stdout
    parts = [_write(tmp_path / f"part{k}.jsonl", recs[k:k + POOL_FROM - 1])
             for k in range(0, N, POOL_FROM - 1)]
    assert _wb("--db", str(tmp_path / "one"), "import", "--update", *map(str, parts)).returncode == 0
    assert _content(tmp_path / "pool") == _content(tmp_path / "one")
    with Store.open(tmp_path / "pool", create=False) as store:
        changed = store.get("P000007")
        assert changed.revision == 2 and [d.code for d in changed.encounter.diagnoses] == ["J189", "N179"]
        assert changed.audit[-1].action == "import" and changed.encounter.grouping
        assert store.get("P000008").revision == 1  # the same content: no new revision
