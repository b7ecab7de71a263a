"""`workbench group`: JSON Lines and CSV output, bad lines, exit status, progress only on a terminal."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest

from workbench.cli import main

GOOD = {"account": "A1", "age": 70, "sex": "M", "admit_date": "2026-05-01", "discharge_date": "2026-05-05",
        "disposition": "01", "diagnoses": [{"code": "I50.23", "poa": "Y"}, {"code": "N179", "poa": "Y"}],
        "procedures": []}


def write(tmp_path, lines):
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n")
    return p


def test_groups_each_line_and_reports_bad_ones(tmp_path, capsys):
    src = write(tmp_path, [
        GOOD,
        {**GOOD, "account": "A2",
         "diagnoses": [{"code": "i5023", "poa": "1"}, {"code": "I50.23", "poa": "Y"}]},
        '{"account": "A3", "age": 70, "diagnoses": [{"code": "XYZ"}]}',
        "{not json",
        {**GOOD, "account": "A5", "discharge_date": "2031-01-01", "admit_date": "2030-12-30"},
        {**GOOD, "account": "A6", "discharge_date": "2026-11-03", "admit_date": "2026-11-01"},
    ])
    out = tmp_path / "out.jsonl"
    rc = main(["group", str(src), "--out", str(out)])
    rows = [json.loads(x) for x in out.read_text().splitlines()]
    assert rc == 2 and len(rows) == 6
    a1, a2, a3, bad_json, a5, a6 = rows
    assert {k: a1[k] for k in ("account", "version", "drg", "mdc", "type", "severity", "return_code")} == {
        "account": "A1", "version": "43.1", "drg": "292", "mdc": "05", "type": "MED", "severity": "CC",
        "return_code": "OK"}
    assert a1["title"] == "Heart Failure and Shock with CC" and a1["edits"] == []
    assert {"weight", "gmlos", "amlos"} <= a1.keys()
    assert a2["drg"] == "293"
    assert [(e["name"], e["code"]) for e in a2["edits"]] == [("DUPLICATE_OF_PDX", "I5023")]
    assert a3["account"] == "A3" and a3["error"].startswith("line 3: diagnoses[0].code")
    assert bad_json["account"] is None and bad_json["error"].startswith("line 4: not valid JSON")
    assert a5["account"] == "A5" and "line 5" in a5["error"] and "2031-01-01" in a5["error"]
    assert a6["version"] == "44.0" and a6["drg"] == "292" and a6["weight"] is None
    assert a6["note"] == "no weights installed for FY2027"
    assert "3 of 6 lines could not be grouped" in capsys.readouterr().err


def test_csv_output(tmp_path, capsysbinary):
    src = write(tmp_path, [GOOD, {**GOOD, "account": "B2", "diagnoses": [{"code": "I5023", "poa": "Y"},
                                                                          {"code": "I5023", "poa": "Y"}]}])
    assert main(["group", str(src), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsysbinary.readouterr().out.decode())))
    assert [r["drg"] for r in rows] == ["292", "293"]
    assert rows[1]["edits"] == "DUPLICATE_OF_PDX:I5023" and rows[0]["version"] == "43.1"


def test_missing_file_is_exit_2(tmp_path, capsys):
    assert main(["group", str(tmp_path / "nope.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err


def test_piped_run_prints_no_progress_and_output_is_private(tmp_path):
    src = write(tmp_path, [GOOD] * 50)
    out = tmp_path / "o.jsonl"
    r = subprocess.run([sys.executable, "-m", "workbench.cli", "group", str(src), "--out", str(out)],
                       capture_output=True, text=True)
    assert r.returncode == 0 and r.stderr == ""
    assert len(out.read_text().splitlines()) == 50
    assert out.stat().st_mode & 0o777 == 0o600


def test_progress_bar_on_a_terminal():
    from workbench.drg.batch import Progress

    class Tty(io.StringIO):
        def isatty(self):
            return True

    tty, pipe = Tty(), io.StringIO()
    for stream in (tty, pipe):
        list(Progress(4000, stream).wrap(iter([{}] * 4000)))
    assert "4,000/4,000" in tty.getvalue() and pipe.getvalue() == ""


@pytest.mark.parametrize("base_rate", [6000.0])
def test_base_rate_gives_payment_when_weights_are_installed(tmp_path, capsysbinary, base_rate):
    from workbench.drg.table5 import has_weights

    src = write(tmp_path, [{**GOOD, "disposition": "03", "admit_date": "2026-05-04"}])
    assert main(["group", str(src), "--base-rate", str(base_rate)]) == 0
    row = json.loads(capsysbinary.readouterr().out)
    if has_weights("2026.1"):
        assert row["payment"] < row["weight"] * base_rate and "412.4" in row["payment_note"]
    else:
        assert row["weight"] is None and "payment" not in row


def test_batch_claim_text_is_the_service_claim():
    """The batch writes claims as text for speed; they must be the claims the service groups."""
    import orjson

    from tests.support.drg_sample import records
    from workbench.drg.batch import BatchGrouper
    from workbench.drg.service import DrgService
    from workbench.interchange.reader import encounter_from_record
    from workbench.interchange.stays import Stay

    with DrgService() as svc:
        bg = BatchGrouper(svc)
        for rec in records(500, seed=9):
            enc = encounter_from_record(rec)
            p = svc.period_for(enc)[0]
            assert orjson.loads(bg._claim_json(Stay.of(enc), p)) == svc.claim(enc, p.grouper_version)


def test_jobs_give_the_same_output_in_input_order(tmp_path):
    """Several worker processes: the same rows, in input order, bad lines and line numbers included."""
    import orjson

    from tests.support.drg_sample import records
    from workbench.drg.batch import BatchGrouper, parallel_rows
    from workbench.drg.service import DrgService
    from workbench.interchange.reader import read_lines

    lines = [json.dumps(r) for r in records(400, seed=17, max_dx=12, max_px=6)]
    lines[5] = "{not json"
    lines[77] = ""  # blank lines are skipped but counted
    lines[150] = json.dumps({"account": "X", "age": 70, "diagnoses": [{"code": "12"}]})
    with DrgService() as svc:
        one = list(BatchGrouper(svc).rows(read_lines(lines)))
    many = list(parallel_rows(lines, 2, None, "NOT_EXEMPT", chunk=37))
    assert [orjson.dumps(r) for r in many] == [orjson.dumps(r) for r in one]
    assert many[5]["error"].startswith("line 6: not valid JSON")
    assert many[149]["error"].startswith("line 151: diagnoses[0].code")

    src = write(tmp_path, lines[:60])
    outs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"o{jobs}.jsonl"
        r = subprocess.run([sys.executable, "-m", "workbench.cli", "group", str(src), "--out", str(out),
                            "--jobs", jobs], capture_output=True, text=True)
        assert r.returncode == 2 and "1 of 60 lines could not be grouped" in r.stderr
        outs.append(out.read_bytes())
    assert outs[0] == outs[1]


def test_grouper_answers_the_same_without_the_discharge_date():
    """The batch leaves the discharge date out of the grouper's claim (the editor still gets it): the
    grouper's whole answer must not change."""
    import ctypes

    from tests.support.drg_sample import records
    from workbench.drg.batch import BatchGrouper
    from workbench.drg.service import DrgService
    from workbench.interchange.reader import ParsedLine, encounter_from_record

    with DrgService() as svc:
        bg = BatchGrouper(svc)
        compared = 0
        for rec in records(600, seed=23):
            item = bg._prepare(ParsedLine(1, encounter_from_record(rec)))
            if isinstance(item, dict):  # an error row
                continue
            _, _, full, short = item
            assert b"discharge_date" in full and b"discharge_date" not in short
            answers = []
            for claim in (full, short):
                ptr = svc._gfn(svc.grouper.ctx, claim)
                answers.append(ctypes.string_at(ptr))
                svc._free(ptr)
            assert answers[0] == answers[1], rec["account"]
            compared += 1
        assert compared > 500


def test_severity_source_read_off_the_text_equals_the_decoded_one():
    import ctypes

    import orjson

    from tests.support.drg_sample import records, typical_records
    from workbench.drg.batch import BatchGrouper, marked_first, severity_source, severity_source_text
    from workbench.drg.service import DrgService
    from workbench.interchange.reader import ParsedLine, encounter_from_record

    with DrgService() as svc:
        bg = BatchGrouper(svc)
        named = shortcut = 0
        for rec in [*records(700, seed=29), *typical_records(500, seed=30)]:
            item = bg._prepare(ParsedLine(1, encounter_from_record(rec)))
            if isinstance(item, dict):
                continue
            ptr = svc._gfn(svc.grouper.ctx, item[3])
            graw = ctypes.string_at(ptr)
            svc._free(ptr)
            raw = orjson.loads(graw)
            i, j = graw.index(b'"sdx_output":') + 13, graw.index(b',"proc_output":')
            for sev in ("MCC", "CC"):
                for hac in (True, False):
                    want = severity_source(raw, sev, hac)
                    assert severity_source_text(graw[i:j], sev, hac) == want, rec["account"]
                    assert severity_source_text(graw, sev, hac, i, j) == want, rec["account"]
                    first = marked_first(graw, sev)  # the shortcut decides only when it agrees
                    assert first is None or first == want, rec["account"]
                    shortcut += first is not None
                    named += want is not None
        assert named > 500 and shortcut > 300


def test_batch_rows_equal_the_decoded_answers_hacs_and_edits_included():
    """The batch reads the grouper's text without decoding it (HACs from their own entries, the final
    fields through a memo) and names MCE edits from the codes' remembered answers: each row's HACs and
    edits equal `hac_effects` on the decoded answer and `explain_edits` on the decoded claim, on a second
    pass too (the memos full), for a hospital under the HAC provision and one exempt from it."""
    import ctypes

    import orjson

    from tests.support.drg_sample import records
    from workbench.drg.batch import BatchGrouper
    from workbench.drg.edits import explain_edits
    from workbench.drg.hac import hac_effects
    from workbench.drg.service import DrgService
    from workbench.interchange.stays import Stay, parse_stay

    recs = [orjson.dumps(r).decode() for r in records(800, seed=41, max_dx=24, max_px=6)]
    stays = [s for s in (parse_stay(t, n) for n, t in enumerate(recs, 1)) if isinstance(s, Stay)]
    for status in ("NOT_EXEMPT", "EXEMPT"):
        with DrgService(hospital_status=status) as svc:
            hacs = edits = 0
            for _ in range(2):
                bg = BatchGrouper(svc)
                for stay, row in zip(stays, bg.rows(stays), strict=True):
                    item = bg._prepare(stay)
                    if isinstance(item, dict):
                        assert row == item
                        continue
                    ptr = svc._gfn(svc.grouper.ctx, item[3])
                    raw = orjson.loads(ctypes.string_at(ptr))
                    svc._free(ptr)
                    want = [h.as_dict() for h in hac_effects(raw, dict(stay.diagnoses), status != "EXEMPT")]
                    assert row["hacs"] == want, stay.account
                    assert (row["drg"], row["severity"]) == (f"{raw['final_drg']:03d}", raw["final_severity"])
                    hacs += bool(want)
                    if stay.discharge_date is not None:
                        claim = orjson.loads(item[2])
                        got = [e.as_dict() for e in explain_edits(svc, claim, svc.run_mce(item[2]))]
                        assert row["edits"] == got, stay.account
                        edits += bool(got)
            assert (hacs > 100 if status == "NOT_EXEMPT" else hacs == 0) and edits > 500  # exempt: no HAC met


def test_a_chunk_mixing_releases_gives_each_stay_its_own_rows_in_input_order():
    """The native calls of a chunk go release by release; each row is still the one its own stay gets
    grouped alone, in input order, with the release and weights of its discharge date."""
    from workbench.drg.batch import BatchGrouper
    from workbench.drg.service import DrgService
    from workbench.interchange.stays import Stay, parse_stay

    days = ["2024-03-10", "2025-11-14", "2024-12-01", "2026-05-05", "2025-02-20", "2024-03-11"]
    lines = [json.dumps({**GOOD, "account": f"M{n}", "admit_date": day, "discharge_date": day})
             for n, day in enumerate(days * 5)]
    stays = [s for s in (parse_stay(t, n) for n, t in enumerate(lines, 1)) if isinstance(s, Stay)]
    with DrgService() as svc:
        together = list(BatchGrouper(svc).rows(stays))
        alone = [BatchGrouper(svc).row(s) for s in stays]
    assert together == alone
    assert [r["account"] for r in together] == [f"M{n}" for n in range(len(stays))]
    assert len({r["release"] for r in together}) >= 3  # the chunk did mix releases


@pytest.mark.parametrize("enabled", [True, False])
def test_grouping_leaves_the_garbage_collector_as_it_found_it(enabled):
    """A chunk is grouped with the cyclic collector paused; afterwards it runs again (or stays off when
    the caller had switched it off), also when a row fails, and the rows are those of each stay alone."""
    import gc

    from workbench.drg.batch import BatchGrouper
    from workbench.drg.service import DrgService
    from workbench.interchange.stays import Stay, parse_stay

    lines = [json.dumps({**GOOD, "account": f"G{n}"}) for n in range(5)] + ['{"account": "G5", "age": 70}']
    parsed = [parse_stay(t, n) for n, t in enumerate(lines, 1)]
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with DrgService() as svc:
            rows = list(BatchGrouper(svc).rows(parsed, chunk=2))
            assert gc.isenabled() is enabled
            with pytest.raises(AttributeError):
                list(BatchGrouper(svc).rows([object()]))  # type: ignore[list-item]
            assert gc.isenabled() is enabled
            alone = [BatchGrouper(svc).row(p) for p in parsed]
    finally:
        (gc.enable if was else gc.disable)()
    assert rows == alone and [r["drg"] for r in rows[:5]] == [rows[0]["drg"]] * 5 and rows[0]["drg"]
    assert "error" in rows[5]
    assert all(isinstance(p, Stay) for p in parsed[:5])


def test_edit_plan_reads_only_what_memory_can_answer():
    """The batch reads each distinct editor answer once (`edit_plan`); an answer that names a combination,
    a duplicate of the principal or one edit twice has no plan (the full attribution runs instead)."""
    from workbench.drg.edit_rows import edit_plan

    def e(name, count=1, kind="DIAGNOSIS"):
        return {"name": name, "count": count, "code_type": kind, "edit_type": "PREPAYMENT"}

    plan = edit_plan([e("E_CODE_AS_PDX"), e("INVALID_SEX", kind="NONE"), e("UNSPECIFIED", 2, "BOTH")])
    assert plan == (("E_CODE_AS_PDX", 0, 1, True, False, "PREPAYMENT"),
                    ("INVALID_SEX", 1, 1, False, False, "PREPAYMENT"),
                    ("UNSPECIFIED", 2, 2, True, True, "PREPAYMENT"))
    assert edit_plan([e("UNSPECIFIED"), e("UNSPECIFIED")]) is None
    assert edit_plan([e("DUPLICATE_OF_PDX")]) is None
    assert edit_plan([e("UNSPECIFIED"), e("NON_COVERED", kind="PROCEDURE")]) is None


def test_hac_rows_shared_by_codes_keep_their_own_code_and_poa():
    """A HAC's row is remembered without its code (codes of one category share it): each row still names
    its own code and POA, equal to `hac_effects` on the decoded answer."""
    import ctypes

    import orjson

    from tests.support.drg_sample import records
    from workbench.drg.batch import BatchGrouper
    from workbench.drg.hac import hac_effects
    from workbench.drg.service import DrgService
    from workbench.interchange.stays import Stay, parse_stay

    recs = [orjson.dumps(r).decode() for r in records(1500, seed=43, max_dx=24, max_px=6)]
    stays = [s for s in (parse_stay(t, n) for n, t in enumerate(recs, 1)) if isinstance(s, Stay)]
    with DrgService() as svc:
        bg = BatchGrouper(svc, edits=False)
        entries = 0
        for stay, row in zip(stays, bg.rows(stays), strict=True):
            item = bg._prepare(stay)
            if isinstance(item, dict):
                continue
            ptr = svc._gfn(svc.grouper.ctx, item[3])
            raw = orjson.loads(ctypes.string_at(ptr))
            svc._free(ptr)
            assert row["hacs"] == [h.as_dict() for h in hac_effects(raw, dict(stay.diagnoses), True)]
            entries += len(row["hacs"])
        assert entries > 200 and len(bg._hac_rows) < entries / 2


@pytest.mark.parametrize(("poa", "listed"),
                         [("N", True), ("U", True), ("", True), ("Y", False), ("W", False)])
def test_a_hac_code_is_listed_with_poa_n_u_or_blank_and_not_with_y_or_w(poa, listed):
    """A hip fracture (S72.001A, HAC 05 Falls and Trauma, an MCC) coded after pneumonia: the grouper
    applies the HAC criteria to a blank POA as to N and U, so the row's HAC list (and any shortcut that
    skips looking for HACs) must not rely on N or U alone; with Y or W the fracture is the MCC (DRG 193)."""
    import datetime as dt

    from workbench.drg.batch import BatchGrouper
    from workbench.drg.service import DrgService
    from workbench.interchange.stays import Stay

    stay = Stay(1, "HAC1", 70, "F", "01", dt.date(2025, 11, 3), 4, [("J189", "Y"), ("S72001A", poa)], [])
    with DrgService() as svc:
        row = BatchGrouper(svc).row(stay)
    assert [(h["code"], h["category"], h["poa"]) for h in row["hacs"]] == ([("S72001A", "HAC05", poa)]
                                                                          if listed else [])
    if not listed:
        assert (row["drg"], row["severity_source"]) == ("193", "S72001A")
