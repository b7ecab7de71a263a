"""Department-scale benchmark: the queue, chart open, filter keys, memory and import at 1k, 10k and
100k encounters, and N coders saving at once. Prints figures; not a pass/fail test.

    .venv/bin/python -m tests.bench.bench_scale app --sizes 1000,10000 [--runs 3]
    .venv/bin/python -m tests.bench.bench_scale app --sizes 100000 --runs 3
    .venv/bin/python -m tests.bench.bench_scale writers --size 10000 --writers 20 --tui 4 --saves 50

Generated encounters (300-800 words of documents, valid codes, a tenth of them coded without a stored
DRG) are written once as JSON Lines to `--dir` (default /tmp/bench-scale) and imported with
`workbench import`; the import time is the first figure. Each app figure is taken in a fresh process
driven by Pilot (120x40):
  queue     process start -> the first queue rows on screen
  rss       resident memory with the queue shown, then after the warm-up and one chart opened
  filter    per key typed into the queue filter (`/heart`): in the app, from the key event's arrival to
            the first frame written after the rows for that filter reached the table (the honest
            figure), and through Pilot (which adds its own cost, shown by a key that reloads nothing)
  open      in the app, from the Enter key's arrival to the first frame written after the encounter
            screen showed the record (and the coding list), then after it showed the DRG; and through
            Pilot until every pane is filled and the app is idle (suggestions included)
Writers: `--writers` processes saving at once, `--tui` of them app sessions driven by Pilot (open an
encounter, change a POA: regroup + save), the others `workbench apply -` streams, each on its own
accounts. Reports save latency p50/p95/p99, refusals, and anything acknowledged but not on disk, then
runs `workbench db check`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

from workbench.store.turns import copy_ignore as without_turns

ROOT = Path(__file__).resolve().parents[2]
PY = sys.executable
WB = [PY, "-m", "workbench.cli"]

DX = ["I5023", "N1831", "E119", "J189", "A419", "I10", "E785", "N390", "K5730", "I214", "J441", "E871",
      "D62", "R6520", "Z794", "F17210", "I480", "N179", "E1122", "K219", "I442", "I2510", "J9601", "M1612"]
PCS = ["0DTJ4ZZ", "02703ZZ", "0SR9019", "5A1955Z", "0FT44ZZ", "30233N1"]
WORDS = ("patient admitted with shortness of breath chest pain fever cough edema bilateral lower extremity "
         "history of hypertension diabetes mellitus chronic kidney disease stage three congestive heart "
         "failure ejection fraction reduced started on intravenous diuretics antibiotics blood cultures "
         "pending creatinine elevated improved tolerated diet ambulating plan continue monitor telemetry "
         "discharge home follow up with cardiology in two weeks pneumonia sepsis lactate atrial "
         "fibrillation anticoagulation").split()
DOC_TYPES = ["History and Physical", "Progress Note", "Consult", "Discharge Summary"]
PAYERS = ["Medicare", "Medicaid", "Blue Cross", "Aetna", "Self pay"]
SERVICES = ["Medicine", "Cardiology", "Surgery", "Orthopedics", "Pulmonology"]
STATUS = ["new"] * 6 + ["in_progress"] * 2 + ["on_hold", "coded"]
CHILD_APP = Path(__file__).with_name("_scale_app_child.py")
CHILD_TUI = Path(__file__).with_name("_scale_tui_writer.py")


def record(i: int, rng: random.Random) -> dict[str, object]:
    admit = dt.date(2025, 10, 1) + dt.timedelta(days=rng.randrange(230))
    disch = admit + dt.timedelta(days=rng.randrange(1, 15))
    words = rng.randrange(300, 801)
    docs, left = [], words
    for k, kind in enumerate(DOC_TYPES):
        n = left if k == len(DOC_TYPES) - 1 else rng.randrange(0, left // 2 + 1)
        left -= n
        docs.append({"type": kind, "author": f"Dr {rng.choice('ABCDEFG')}", "date": admit.isoformat(),
                     "text": " ".join(rng.choices(WORDS, k=n))})
    status = rng.choice(STATUS)
    dx = [{"code": c, "poa": rng.choice("YN")} for c in rng.sample(DX, rng.randrange(1, 9))]
    rec: dict[str, object] = {
        "account": f"ACC{i:07d}", "mrn": f"MRN{rng.randrange(10**7):07d}",
        "patient_name": f"Patient{i}, Test", "sex": rng.choice("MF"),
        "birth_date": dt.date(1930 + rng.randrange(70), 1 + rng.randrange(12),
                              1 + rng.randrange(28)).isoformat(),
        "admit_date": admit.isoformat(), "discharge_date": disch.isoformat(), "disposition": "01",
        "payer": rng.choice(PAYERS), "service": rng.choice(SERVICES), "attending": "Dr A",
        "status": status, "documents": docs,
        "diagnoses": dx if status != "new" or rng.random() < 0.3 else [],
        "procedures": [{"code": c, "date": disch.isoformat()} for c in rng.sample(PCS, rng.randrange(0, 3))],
    }
    if status != "new":
        rec["coder"] = rng.choice(["alice", "bob", "carol", "dave"])
    return rec


def dataset(base: Path, size: int) -> Path:
    path = base / f"enc-{size}.jsonl"
    if not path.exists():
        rng = random.Random(size)
        tmp = path.with_suffix(".part")
        with open(tmp, "w", encoding="utf-8") as fh:
            for i in range(size):
                fh.write(json.dumps(record(i, rng)) + "\n")
        tmp.rename(path)
    return path


def imported(base: Path, size: int, fresh: bool = False) -> tuple[Path, float | None]:
    """The database of `size` encounters (imported now when missing or `fresh`) and the import time."""
    db = base / f"db-{size}"
    if db.exists() and not fresh:
        return db, None
    shutil.rmtree(db, ignore_errors=True)
    src = dataset(base, size)
    t = time.perf_counter()
    proc = subprocess.run([*WB, "--db", str(db), "import", str(src)], capture_output=True, text=True,
                          cwd=ROOT)
    took = time.perf_counter() - t
    if proc.returncode != 0:
        sys.exit(f"import failed: {proc.stderr[-2000:]}")
    return db, took


def editable(base: Path, size: int, n: int) -> list[str]:
    """`n` accounts that are open for coding and have diagnoses (an app session changes their POA)."""
    out = []
    with open(dataset(base, size), encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["diagnoses"] and rec["status"] in ("new", "in_progress"):
                out.append(rec["account"])
                if len(out) == n:
                    break
    return out


def child_app(db: Path) -> dict[str, float]:
    t0 = time.time()
    proc = subprocess.run([PY, str(CHILD_APP), repr(t0), str(db)], capture_output=True, text=True, cwd=ROOT)
    if proc.returncode != 0:
        sys.exit(proc.stderr[-3000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def med(xs: list[float]) -> float:
    return statistics.median(xs) if xs else float("nan")


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p * (len(xs) - 1))))] if xs else float("nan")


def cmd_app(args: argparse.Namespace) -> None:
    base = Path(args.dir)
    base.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} CPUs shared; load average {os.getloadavg()[0]:.2f} at start")
    for size in [int(s) for s in args.sizes.split(",")]:
        db, took = imported(base, size, args.fresh)
        runs = [child_app(db) for _ in range(args.runs)]
        key_ms = [k for r in runs for k in r["filter_ms"]]
        print(f"\n== {size:,} encounters" + (f"  import {took:.1f} s" if took is not None else "")
              + f"  ({args.runs} runs, load {os.getloadavg()[0]:.2f})")
        print(f"queue on screen   median {med([r['queue_s'] for r in runs]):.3f} s   "
              f"(runs: {', '.join(format(r['queue_s'], '.3f') for r in runs)})")
        print(f"rss at queue      median {med([r['rss_queue_mb'] for r in runs]):.0f} MB;  "
              f"warmed up + chart open {med([r['rss_loaded_mb'] for r in runs]):.0f} MB")
        inner = [k for r in runs for k in r["filter_inner_ms"]]
        app_ms = [k for r in runs for k in r["filter_app_ms"]]
        noop = [k for r in runs for k in r["noop_key_ms"]]
        print(f"filter per key    median {med(app_ms):.1f} ms  p95 {pct(app_ms, 0.95):.1f} ms  in the app: "
              f"key received -> first frame out after its rows reached the table")
        print(f"                  median {med(key_ms):.1f} ms  p95 {pct(key_ms, 0.95):.1f} ms  "
              f"through Pilot (+50 ms pause) key -> rows shown (final filter {runs[-1]['filter_value']!r}: "
              f"{runs[-1]['filter_rows']} rows)")
        print(f"                  median {med(inner):.1f} ms  p95 {pct(inner, 0.95):.1f} ms  "
              f"filter changed -> answer; a key that reloads nothing costs Pilot {med(noop):.1f} ms")
        opened, drg, still = (med([r[k] for r in runs]) for k in ("open_s", "drg_s", "still_s"))
        print(f"chart open        median {opened:.3f} s to the frame with the record, {drg:.3f} s with the "
              f"DRG (in the app: Enter received -> frame out); {still:.3f} s until every pane is filled and "
              "Pilot returns")
        if "typeahead" in runs[-1]:
            print(f"keys during load  filter ends as {runs[-1]['typeahead']!r} (typed '/heart')")


def apply_writer(db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([*WB, "--db", str(db), "apply", "-"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, bufsize=1)


def run_apply(proc: subprocess.Popen[str], accounts: list[str], saves: int, seed: int,
              ready: threading.Barrier, think: float) -> dict[str, object]:
    rng = random.Random(seed)
    lat, acked, errors = [], {}, 0
    assert proc.stdin and proc.stdout
    for n in range(-1, saves):  # save -1 warms the process up (imports, store open): not timed
        if n == 0:
            ready.wait()  # every stream starts timing together
        elif n > 0 and think:
            time.sleep(rng.expovariate(1 / think))  # a coder's pause between saves
        account = accounts[max(n, 0) % len(accounts)]
        dx = [{"code": c, "poa": "Y"} for c in rng.sample(DX, rng.randrange(1, 6))]
        t = time.perf_counter()
        proc.stdin.write(json.dumps({"account": account, "diagnoses": dx}) + "\n")
        proc.stdin.flush()
        line = proc.stdout.readline()
        if n < 0:
            continue
        lat.append(time.perf_counter() - t)
        try:
            ack = json.loads(line)
            acked[account] = (ack["revision"], [[d["code"], "Y"] for d in dx])
        except (ValueError, KeyError):
            errors += 1
    proc.stdin.close()
    err = proc.stderr.read() if proc.stderr else ""
    proc.wait()
    return {"lat": lat, "acked": acked, "errors": errors + err.count("line "), "stderr": err[-500:]}


def cmd_writers(args: argparse.Namespace) -> None:
    base = Path(args.dir)
    base.mkdir(parents=True, exist_ok=True)
    src, _ = imported(base, args.size)
    db = base / f"writers-{args.size}"
    shutil.rmtree(db, ignore_errors=True)
    shutil.copytree(src, db, symlinks=True, ignore=without_turns(src))
    n_apply = args.writers - args.tui
    per = 5
    accounts = editable(base, args.size, args.writers * per)
    print(f"machine: {os.cpu_count()} CPUs shared; load {os.getloadavg()[0]:.2f}; {args.size:,} encounters; "
          f"{n_apply} apply streams + {args.tui} app sessions, {args.saves} saves each, "
          f"think time {args.think:.0f} ms (mean; 0 = back to back)")
    tuis = [subprocess.Popen([PY, str(CHILD_TUI), str(db), ",".join(accounts[(n_apply + k) * per:
                                                                         (n_apply + k + 1) * per]),
                              str(args.saves)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                             cwd=ROOT) for k in range(args.tui)]
    time.sleep(args.tui * 1.5)  # let the app sessions start before the streams begin
    procs = [apply_writer(db) for _ in range(n_apply)]
    results: list[dict[str, object]] = [{} for _ in procs]
    ready = threading.Barrier(n_apply + 1)

    def go(k: int) -> None:
        results[k] = run_apply(procs[k], accounts[k * per:(k + 1) * per], args.saves, k, ready,
                               args.think / 1000)

    threads = [threading.Thread(target=go, args=(k,)) for k in range(n_apply)]
    for th in threads:
        th.start()
    ready.wait()
    t0 = time.perf_counter()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    tui_out = []
    for p in tuis:
        out, err = p.communicate()
        if p.returncode != 0:
            print(f"app session failed: {err[-1500:]}")
            continue
        tui_out.append(json.loads(out.strip().splitlines()[-1]))
    sys.path.insert(0, str(ROOT))
    from workbench.store.core import Store

    lost = []
    with Store.open(db, create=False) as store:
        for r in results:
            for account, (rev, codes) in r["acked"].items():  # type: ignore[union-attr]
                got = store.get(account)
                if got.revision < rev or [[d.code, d.poa] for d in got.encounter.diagnoses] != codes:
                    lost.append(account)
        for t in tui_out:
            for account, (rev, codes) in t["acked"].items():
                got = store.get(account)
                if got.revision < rev or [[d.code, d.poa] for d in got.encounter.diagnoses] != codes:
                    lost.append(account)
    lat = [x for r in results for x in r["lat"]]  # type: ignore[union-attr]
    tlat = [x for t in tui_out for x in t["lat"]]
    acks = sum(len(r["lat"]) - r["errors"] for r in results)  # type: ignore[arg-type, operator]
    errors = sum(r["errors"] for r in results) + sum(t["errors"] for t in tui_out)  # type: ignore[misc]
    print(f"apply saves: {acks}/{len(lat)} acknowledged in {wall:.1f} s (load {os.getloadavg()[0]:.2f}); "
          f"latency p50 {pct(lat, .5) * 1e3:.1f} p95 {pct(lat, .95) * 1e3:.1f} "
          f"p99 {pct(lat, .99) * 1e3:.1f} ms")
    if tlat:
        tacks = sum(t["saved"] for t in tui_out)
        print(f"app sessions: {tacks} saves acknowledged; key -> saved p50 {pct(tlat, .5) * 1e3:.1f} "
              f"p95 {pct(tlat, .95) * 1e3:.1f} p99 {pct(tlat, .99) * 1e3:.1f} ms; store.save alone p95 "
              f"{pct([x for t in tui_out for x in t['save_lat']], .95) * 1e3:.1f} ms")
    unmatched = [a for t in tui_out for a in t.get("unmatched", [])]
    if unmatched:  # the app session's own revision is past the last save its script counted
        print(f"app sessions' bookkeeping out of step on {unmatched[:5]}")
    print(f"refused or failed: {errors}; acknowledged but lost: {len(lost)} {lost[:5]}")
    chk = subprocess.run([*WB, "--db", str(db), "db", "check"], capture_output=True, text=True, cwd=ROOT)
    print(f"db check: {chk.stdout.strip().splitlines()[-1] if chk.stdout.strip() else chk.stderr.strip()}")
    for r in results:
        if r.get("stderr"):
            print(f"  stderr: {r['stderr']}")
    shutil.rmtree(db, ignore_errors=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default="/tmp/bench-scale", help="where datasets and databases are kept")
    sub = ap.add_subparsers(dest="cmd", required=True)
    a = sub.add_parser("app", help="queue, filter, chart open, memory, import at each size")
    a.add_argument("--sizes", default="1000,10000")
    a.add_argument("--runs", type=int, default=3)
    a.add_argument("--fresh", action="store_true", help="import again (measures the import time)")
    w = sub.add_parser("writers", help="N coders saving at once")
    w.add_argument("--size", type=int, default=10000)
    w.add_argument("--writers", type=int, default=20)
    w.add_argument("--tui", type=int, default=4, help="how many of the writers are app sessions")
    w.add_argument("--saves", type=int, default=50)
    w.add_argument("--think", type=float, default=0.0,
                   help="mean pause of a stream between its saves, in ms (0: back to back)")
    args = ap.parse_args()
    cmd_app(args) if args.cmd == "app" else cmd_writers(args)


if __name__ == "__main__":
    main()
