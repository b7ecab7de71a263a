"""CSV form of the interchange format: the same fields as the JSON Lines records, one row each.

Columns (header row required, any order, unknown columns ignored; only `account` is required):
  account, mrn, patient_name, birth_date, age, sex, admit_date, discharge_date, admission_type,
  admission_source, disposition, payer, attending, service, status, coder, notes,
  diagnoses   codes separated by `;`, each `CODE:POA` or `CODE` (principal first): `I50.23:Y;E11.9:N`
  procedures  codes separated by `;`, each `CODE@YYYY-MM-DD` or `CODE`: `0DTJ4ZZ@2026-05-02`
  documents   JSON list of {"type", "author", "date", "text"} (as in the JSON Lines format)
  queries     JSON list of physician queries (as in the JSON Lines format)
  drg, weight, version   written on export when grouped; read back as the last grouping summary
Records are validated by `workbench.interchange.reader.encounter_from_record`: one definition of the fields.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from workbench.interchange.reader import ParsedLine, RecordError, encounter_from_record
from workbench.interchange.writer import encounter_to_record
from workbench.model.encounter import Encounter

COLUMNS = ("account", "mrn", "patient_name", "birth_date", "age", "sex", "admit_date", "discharge_date",
           "admission_type", "admission_source", "disposition", "payer", "attending", "service", "status",
           "coder", "notes", "diagnoses", "procedures", "drg", "weight", "version", "documents", "queries")
_JSON_COLUMNS = ("documents", "queries")


def _split(cell: str, sep: str, key: str) -> list[dict[str, str]]:
    out = []
    for part in (p.strip() for p in cell.split(";")):
        if part:
            code, _, extra = part.partition(sep)
            out.append({"code": code.strip(), key: extra.strip()})
    return out


def row_to_record(row: dict[str, str | None]) -> dict[str, Any]:
    """A CSV row as an interchange record (before validation). Raises RecordError for bad JSON cells."""
    rec: dict[str, Any] = {}
    for key, value in row.items():
        if key is None or value is None or value.strip() == "":
            continue
        value = value.strip()
        if key == "diagnoses":
            rec[key] = _split(value, ":", "poa")
        elif key == "procedures":
            rec[key] = _split(value, "@", "date")
        elif key in _JSON_COLUMNS:
            try:
                rec[key] = json.loads(value)
            except json.JSONDecodeError as e:
                raise RecordError(key, f"a JSON list ({e.msg} at column {e.colno})", value[:40]) from None
        elif key == "age":
            rec[key] = int(value) if value.isdigit() else value
        elif key == "weight":
            try:
                rec[key] = float(value)
            except ValueError:
                raise RecordError("weight", "a number such as 1.2345", value) from None
        else:
            rec[key] = value
    return rec


def read_csv(path: str | Path) -> Iterator[tuple[ParsedLine, dict[str, Any]]]:
    """Parse a CSV file: each row's result (numbered by its first line in the file) and its raw record."""
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        if not reader.fieldnames or "account" not in reader.fieldnames:
            yield ParsedLine(1, error="line 1: the header must name the columns, including account"), {}
            return
        start = reader.line_num + 1
        for row in reader:
            line = start
            start = reader.line_num + 1
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            account = (row.get("account") or "").strip() or None
            try:
                rec = row_to_record(row)
                yield ParsedLine(line, encounter_from_record(rec), account), rec
            except RecordError as e:
                yield ParsedLine(line, account=account, error=f"line {line}: {e}"), {}


def encounter_to_row(enc: Encounter) -> dict[str, str]:
    rec = encounter_to_record(enc)
    row: dict[str, str] = {}
    for key in COLUMNS:
        v = rec.get(key)
        if v is None:
            row[key] = ""
        elif key == "diagnoses":
            row[key] = ";".join(f"{d['code']}:{d['poa']}" if d["poa"] else d["code"] for d in v)
        elif key == "procedures":
            row[key] = ";".join(f"{p['code']}@{p['date']}" if p["date"] else p["code"] for p in v)
        elif key in _JSON_COLUMNS:
            row[key] = json.dumps(v, ensure_ascii=False)
        else:
            row[key] = str(v)
    return row


def write_csv(encounters: Iterable[Encounter], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for enc in encounters:
        writer.writerow(encounter_to_row(enc))
        n += 1
    return n
