"""CSV form of the interchange format: the same fields as the JSON Lines records, one row each.

Columns (header row required, any order, unknown columns ignored; only `account` is required):
  account, mrn, patient_name, birth_date, age, sex, admit_date, discharge_date, admission_type,
  admission_source, disposition, payer, attending, service, status, coder, notes,
  diagnoses   codes separated by `;`, each `CODE:POA` or `CODE` (principal first): `I50.23:Y;E11.9:N`
  procedures  codes separated by `;`, each `CODE@YYYY-MM-DD` or `CODE`: `0DTJ4ZZ@2026-05-02`
  documents   JSON list of {"type", "author", "date", "text"} (as in the JSON Lines format)
  queries     JSON list of physician queries (as in the JSON Lines format)
  drg, weight, version   written on export when grouped; read back as the last grouping summary
  dismissed   suggestions the coder dismissed, codes separated by `;`
Cells a spreadsheet would run as a formula are written with a leading quote and read back without it
(`csv_cells`); cells may be up to 64 MB (long documents).
Records are validated by `workbench.interchange.reader.encounter_from_record`: one definition of the fields.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from workbench.interchange.csv_cells import allow_long_cells, escape, unescape
from workbench.interchange.reader import ParsedLine, RecordError, decode_json, encounter_from_record
from workbench.interchange.writer import encounter_to_record
from workbench.model.encounter import Encounter

COLUMNS = ("account", "mrn", "patient_name", "birth_date", "age", "sex", "admit_date", "discharge_date",
           "admission_type", "admission_source", "disposition", "payer", "attending", "service", "status",
           "coder", "notes", "diagnoses", "procedures", "drg", "weight", "version", "documents", "queries",
           "dismissed")
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
        value = unescape(value.strip())
        if key == "diagnoses":
            rec[key] = _split(value, ":", "poa")
        elif key == "procedures":
            rec[key] = _split(value, "@", "date")
        elif key in _JSON_COLUMNS:
            try:
                rec[key] = decode_json(value)
            except ValueError as e:
                raise RecordError(key, f"a JSON list ({e})", value) from None
        elif key == "dismissed":
            rec[key] = [c.strip() for c in value.split(";") if c.strip()]
        elif key == "age":
            # isdigit() accepts "²", which int() refuses: only ASCII digits are a number here
            rec[key] = int(value) if value.isascii() and value.isdigit() else value
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
    allow_long_cells()
    with open(path, encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        try:
            fields = reader.fieldnames
        except csv.Error as e:
            yield ParsedLine(1, error=f"line 1: not a CSV header row ({e})"), {}
            return
        if not fields or "account" not in fields:
            yield ParsedLine(1, error="line 1: the header must name the columns, including account"), {}
            return
        start = reader.line_num + 1
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as e:  # a cell past FIELD_LIMIT, a NUL byte: the rest cannot be trusted
                yield ParsedLine(start, error=f"line {start}: not readable as CSV ({e})"), {}
                return
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
        elif key == "dismissed":
            row[key] = ";".join(v)
        else:
            row[key] = escape(str(v))
    return row


def write_csv(encounters: Iterable[Encounter], out: IO[str]) -> int:
    # CRLF (RFC 4180): the writer then quotes every cell holding a \r or \n, so a note keeps its line breaks
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    n = 0
    for enc in encounters:
        writer.writerow(encounter_to_row(enc))
        n += 1
    return n
