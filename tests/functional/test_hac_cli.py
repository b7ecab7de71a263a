"""`workbench group` rows (JSON and CSV) carry the HAC category and effect; `workbench code` cards carry the
HAC, POA-exempt, principal-acceptability and manifestation flags, in text and in --json."""

from __future__ import annotations

import csv
import io
import json

from workbench.cli import main

FALL = {"account": "H1", "age": 80, "sex": "F", "disposition": "01", "admit_date": "2025-11-10",
        "discharge_date": "2025-11-14", "diagnoses": [{"code": "I50.23", "poa": "Y"},
                                                      {"code": "S72.001A", "poa": "N"},
                                                      {"code": "W01.0XXA", "poa": "N"}], "procedures": []}


def _write(tmp_path, rows):
    p = tmp_path / "in.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return p


def test_group_json_row_has_the_hac_and_fy2026_weights(tmp_path, capsysbinary):
    src = _write(tmp_path, [FALL, {**FALL, "account": "H2",
                                   "diagnoses": [{**d, "poa": "Y"} for d in FALL["diagnoses"]]}])
    assert main(["group", str(src), "--base-rate", "6000"]) == 0
    hac, clean = [json.loads(x) for x in capsysbinary.readouterr().out.splitlines()]
    assert (hac["version"], hac["drg"]) == ("43.0", "293")
    assert hac["weight"] is not None and hac["gmlos"] and hac["payment"] == round(hac["weight"] * 6000, 2)
    assert hac["hacs"] == [{"code": "S72001A", "category": "HAC05", "title": "Falls and Trauma", "poa": "N",
                            "level": "MCC", "drg_without_hac": "291",
                            "effect": "not counted as MCC (DRG 291 if it had been present on admission)"}]
    assert clean["drg"] == "291" and clean["hacs"] == []


def test_group_csv_has_a_hacs_column(tmp_path, capsysbinary):
    assert main(["group", str(_write(tmp_path, [FALL])), "--format", "csv"]) == 0
    [row] = list(csv.DictReader(io.StringIO(capsysbinary.readouterr().out.decode())))
    assert row["hacs"] == "S72001A:HAC05:not counted as MCC (DRG 291 if it had been present on admission)"


def test_code_card_flags_in_text_and_json(capsys):
    assert main(["code", "S72.001A", "F02.80", "R65.20", "Z79.4", "--release", "2026.1", "--json"]) == 0
    cards = {c["code"]: c for c in map(json.loads, capsys.readouterr().out.splitlines())}
    fall, dementia, severe, insulin = (cards[c] for c in ("S72.001A", "F02.80", "R65.20", "Z79.4"))
    assert fall["hac"] == {"category": "HAC05", "title": "Falls and Trauma", "needs_procedure": False}
    assert (fall["principal"], fall["poa_exempt"]) == ("acceptable", False)
    assert dementia["manifestation"] is True and dementia["principal"] == "manifestation"
    assert severe["principal"] == "unacceptable" and severe["hac"] is None
    assert insulin["poa_exempt"] is True and insulin["poa_exempt_inferred"] is True
    assert main(["code", "R65.20", "Z79.4", "--release", "2026.1"]) == 0
    text = capsys.readouterr().out
    assert "UNACCEPTABLE as principal diagnosis (Medicare Code Editor)" in text
    assert "POA-exempt category (ICD-10-CM Guidelines, Appendix I; inferred" in text
