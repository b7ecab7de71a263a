"""The JSON Lines interchange format: one encounter per line. The one definition every command uses.

Fields (all optional except `account`; unknown fields are ignored, so outputs can be fed back):
  account, mrn, patient_name, age | birth_date, sex (M/F/U), admit_date, discharge_date (YYYY-MM-DD),
  admission_type, admission_source, disposition (UB-04 patient status, 2 digits), payer, attending,
  service, diagnoses [{"code", "poa"}] (principal first), procedures [{"code", "date"}],
  documents [{"type", "author", "date", "text"}], status, coder, notes,
  queries [{"question", "options", "status", "answer", "author", "created", "answered"}],
  dismissed [code] (suggestions the coder dismissed).
Codes are accepted with or without dots, any case; POA is Y/N/U/W or blank (exempt; `1` also
means exempt). Written records also carry `drg`, `weight` and `version` when grouped.

This module reads records (`encounter_from_record`, `read_file`); `writer` writes them, `stays` is the
batch grouper's fast path.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from codesets.codes import looks_like_cm, looks_like_pcs, normalize
from workbench.model.encounter import (
    MAX_DIAGNOSES,
    MAX_PROCEDURES,
    QUERY_STATUSES,
    SEXES,
    STATUSES,
    Diagnosis,
    Document,
    Encounter,
    Procedure,
    Query,
)

TEXT_FIELDS = (
    "mrn", "patient_name", "admission_type", "admission_source", "payer", "attending",
    "service", "coder", "notes",
)


class RecordError(ValueError):
    """A field of one record is wrong. `str()` gives `field must be ... (got ...)`."""

    def __init__(self, field: str, expected: str, got: Any = None, *, show_got: bool = True):
        self.field = field
        self.expected = expected
        self.got = got
        msg = f"{field} must be {expected}"
        if show_got:
            msg += f" (got {shown(got)})"
        super().__init__(msg)


def shown(value: Any, limit: int = 80) -> str:
    """A value as an error message quotes it: JSON (text in quotes), cut short, never failing on odd
    values (nesting, lone surrogates)."""
    try:
        text = repr(value) if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    except (ValueError, TypeError, RecursionError):
        text = f"a nested {type(value).__name__}"
    return text if len(text) <= limit else text[:limit - 3] + "..."


MAX_DEPTH = 1024  # orjson's limit; a record needs 3 levels (record, list, object)


def decode_json(text: str | bytes) -> Any:
    """One JSON value. Raises ValueError with the problem worded for the coder: where the JSON is
    wrong, text that is not UTF-8 (a lone surrogate escape), or nesting deeper than any record has."""
    try:
        return orjson.loads(text)
    except orjson.JSONDecodeError as e:
        fast_msg = str(e).split(":", 1)[0]
    if "depth" in fast_msg or "recursion" in fast_msg.lower():
        raise ValueError(f"not valid JSON (nested more than {MAX_DEPTH} levels deep)") from None
    try:  # orjson is fast but its messages are terse: ask json where the problem is
        json.loads(text)
    except json.JSONDecodeError as e:
        raise ValueError(f"not valid JSON ({e.msg} at column {e.colno})") from None
    except RecursionError:
        raise ValueError(f"not valid JSON (nested more than {MAX_DEPTH} levels deep)") from None
    raise ValueError(f"not valid JSON ({fast_msg})")


@dataclass(slots=True)
class ParsedLine:
    """One line of an interchange file: the encounter, or the error that stopped it."""

    line: int
    encounter: Encounter | None = None
    account: str | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.encounter is not None


def _date(obj: dict[str, Any], key: str) -> dt.date | None:
    v = obj.get(key)
    if v in (None, ""):
        return None
    if not isinstance(v, str):
        raise RecordError(key, "a date as YYYY-MM-DD", v)
    try:
        if _DAY.fullmatch(v):
            return dt.date.fromisoformat(v)
        if len(v) > 10 and v[10] in "T " and _DAY.fullmatch(v[:10]):  # a date and time: its date
            return dt.datetime.fromisoformat(v).date()
    except ValueError:
        pass
    raise RecordError(key, "a date as YYYY-MM-DD", v)


_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _text(obj: dict[str, Any], key: str, where: str | None = None) -> str:
    v = obj.get(key)
    if v is None:
        return ""
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    if not isinstance(v, str):
        raise RecordError(where or key, "text", v)
    return v


def _texts(obj: dict[str, Any], where: str, *keys: str) -> list[str]:
    """The text fields `keys` of one list entry, in order (an error names `where.key`)."""
    return [_text(obj, k, f"{where}.{k}") for k in keys]


# Fast paths for the common spellings; anything else goes through the full checks.
POA_FAST = {None: "", "": "", "Y": "Y", "N": "N", "U": "U", "W": "W", "1": "",
             "y": "Y", "n": "N", "u": "U", "w": "W"}
CM_FAST = re.compile(r"[A-Z][0-9][0-9A-Z](?:\.?[0-9A-Z]{1,4})?")
PCS_FAST = re.compile(r"[0-9BCDFGHX][0-9A-HJ-NP-Z]{6}")  # as looks_like_pcs, upper case: normalized


def normalize_poa(value: Any, where: str) -> str:
    """POA as the grouper wants it: Y, N, U, W or "" (exempt/blank; `1` is the older exempt)."""
    fast = POA_FAST.get(value) if isinstance(value, str) or value is None else None
    if fast is not None:
        return fast
    v = (value if isinstance(value, str) else str(value)).strip().upper()
    if v == "1":
        return ""
    if v in ("Y", "N", "U", "W", ""):
        return v
    raise RecordError(where, "one of Y, N, U, W or blank", value)


def _list(obj: dict[str, Any], key: str, limit: int | None = None) -> list[Any]:
    v = obj.get(key)
    if v is None:
        return []
    if not isinstance(v, list):
        raise RecordError(key, "a list", v)
    if limit is not None and len(v) > limit:
        raise RecordError(key, f"at most {limit} entries", f"{len(v)} entries", show_got=True)
    return v


def _code_entry(entry: Any, where: str, shape: str, looks_right: Callable[[str], bool], what: str,
                ) -> tuple[dict[str, Any], str]:
    """One entry of a code list as an object (a bare code is shorthand for {"code": ...}) and its code."""
    if isinstance(entry, str):
        entry = {"code": entry}
    if not isinstance(entry, dict):
        raise RecordError(where, f"an object like {shape}", entry)
    code = entry.get("code")
    if not isinstance(code, str) or not looks_right(code):
        raise RecordError(f"{where}.code", what, code)
    return entry, code


def _diagnosis(d: Any, where: str) -> Diagnosis:
    # a bare code has POA blank
    d, code = _code_entry(d, where, '{"code": "I50.23", "poa": "Y"}', looks_like_cm,
                          "an ICD-10-CM code such as I50.23")
    return Diagnosis(normalize(code), normalize_poa(d.get("poa"), f"{where}.poa"))


def parse_diagnoses(items: list[Any], key: str = "diagnoses") -> list[Diagnosis]:
    out = []
    fast_code, fast_poa = CM_FAST.fullmatch, POA_FAST.get
    for i, d in enumerate(items):
        # Fast path for the usual {"code": "I50.23", "poa": "Y"}; batch grouping reads 10,000 lines/s.
        if type(d) is dict:
            code, poa = d.get("code"), d.get("poa")
            if type(code) is str and fast_code(code) and (poa is None or type(poa) is str):
                p = fast_poa(poa)
                if p is not None:
                    out.append(Diagnosis(code.replace(".", ""), p))
                    continue
        out.append(_diagnosis(d, f"{key}[{i}]"))
    return out


def parse_procedures(items: list[Any], key: str = "procedures") -> list[Procedure]:
    out = []
    fast_code, from_iso = PCS_FAST.fullmatch, dt.date.fromisoformat
    for i, p in enumerate(items):
        # Fast path for the usual {"code": "0DTJ4ZZ", "date": "2026-05-02"} (or no date).
        if type(p) is dict:
            code, day = p.get("code"), p.get("date")
            if type(code) is str and fast_code(code):
                if day is None:
                    out.append(Procedure(code))
                    continue
                if type(day) is str and len(day) == 10:
                    try:
                        out.append(Procedure(code, from_iso(day)))
                        continue
                    except ValueError:
                        pass  # the full checks below name the field
        where = f"{key}[{i}]"
        p, code = _code_entry(p, where, '{"code": "0DTJ4ZZ", "date": "2026-05-02"}', looks_like_pcs,
                              "a 7-character ICD-10-PCS code such as 0DTJ4ZZ")
        try:
            day = _date(p, "date")
        except RecordError as e:
            raise RecordError(f"{where}.date", e.expected, e.got) from None
        out.append(Procedure(normalize(code), day))
    return out


def _documents(obj: dict[str, Any]) -> list[Document]:
    out = []
    for i, d in enumerate(_list(obj, "documents")):
        where = f"documents[{i}]"
        if not isinstance(d, dict):
            raise RecordError(where, 'an object like {"type", "author", "date", "text"}', d)
        text = d.get("text")
        if not isinstance(text, str):
            raise RecordError(f"{where}.text", "text", text)
        kind, author, date = _texts(d, where, "type", "author", "date")
        out.append(Document(type=kind or "Note", text=text, author=author, date=date))
    return out


def _queries(obj: dict[str, Any]) -> list[Query]:
    out = []
    for i, q in enumerate(_list(obj, "queries")):
        where = f"queries[{i}]"
        if not isinstance(q, dict) or not isinstance(q.get("question"), str):
            raise RecordError(f"{where}.question", "text", q.get("question") if isinstance(q, dict) else q)
        opts = q.get("options") or []
        if not isinstance(opts, list) or not all(isinstance(o, str) for o in opts):
            raise RecordError(f"{where}.options", "a list of texts", opts)
        status = q.get("status") or "open"
        if status not in QUERY_STATUSES:
            raise RecordError(f"{where}.status", "one of " + ", ".join(QUERY_STATUSES), status)
        answer, author, created, answered = _texts(q, where, "answer", "author", "created", "answered")
        out.append(Query(question=q["question"], options=list(opts), status=status, answer=answer,
                         author=author, created=created, answered=answered))
    return out


def _dismissed(obj: dict[str, Any]) -> list[str]:
    out = []
    for i, c in enumerate(_list(obj, "dismissed")):
        if not isinstance(c, str) or not (looks_like_cm(c) or looks_like_pcs(c)):
            raise RecordError(f"dismissed[{i}]", "an ICD-10-CM or ICD-10-PCS code", c)
        out.append(normalize(c))
    return list(dict.fromkeys(out))


def encounter_from_record(obj: Any) -> Encounter:
    """Validate one decoded JSON object and build the encounter. Raises RecordError."""
    if not isinstance(obj, dict):
        raise RecordError("the line", "a JSON object", obj)
    account = obj.get("account")
    if isinstance(account, int) and not isinstance(account, bool):
        account = str(account)
    if not isinstance(account, str) or not account.strip():
        raise RecordError("account", "a non-empty account number", account)
    age = obj.get("age")
    if age is not None and (not isinstance(age, int) or isinstance(age, bool) or not 0 <= age <= 124):
        raise RecordError("age", "a whole number of years from 0 to 124", age)
    sex = obj.get("sex", "U")
    sex = sex.strip().upper() if isinstance(sex, str) else sex
    if sex in ("", None):
        sex = "U"
    if sex not in SEXES:
        raise RecordError("sex", "one of M, F or U", obj.get("sex"))
    disposition = obj.get("disposition", "01")
    if isinstance(disposition, int) and not isinstance(disposition, bool):
        disposition = f"{disposition:02d}"
    if not isinstance(disposition, str) or not disposition.strip().isdigit() or len(disposition.strip()) > 2:
        raise RecordError("disposition", "a UB-04 patient status code such as 01, 03 or 20", disposition)
    status = obj.get("status") or "new"
    if status not in STATUSES:
        raise RecordError("status", "one of " + ", ".join(STATUSES), status)
    enc = Encounter(
        account=account.strip(),
        birth_date=_date(obj, "birth_date"),
        age=age,
        sex=sex,
        admit_date=_date(obj, "admit_date"),
        discharge_date=_date(obj, "discharge_date"),
        disposition=disposition.strip().zfill(2),
        diagnoses=parse_diagnoses(_list(obj, "diagnoses", MAX_DIAGNOSES)),
        procedures=parse_procedures(_list(obj, "procedures", MAX_PROCEDURES)),
        documents=_documents(obj) if "documents" in obj else [],
        queries=_queries(obj) if "queries" in obj else [],
        status=status,
        dismissed=_dismissed(obj) if "dismissed" in obj else [],
    )
    for key in TEXT_FIELDS:
        if obj.get(key) is not None:
            setattr(enc, key, _text(obj, key))
    if enc.admit_date and enc.discharge_date and enc.discharge_date < enc.admit_date:
        raise RecordError("discharge_date", f"on or after admit_date {enc.admit_date}", obj["discharge_date"])
    return enc


def parse_line(text: str, line: int) -> ParsedLine:
    """Parse one line; errors are reported as `line N: field must be ... (got ...)`."""
    try:
        obj = decode_json(text)
    except ValueError as e:
        return ParsedLine(line, error=f"line {line}: {e}")
    return parsed_record(obj, line)


def parsed_record(obj: Any, line: int) -> ParsedLine:
    account = obj.get("account") if isinstance(obj, dict) else None
    account = str(account) if isinstance(account, (str, int)) and not isinstance(account, bool) else None
    try:
        return ParsedLine(line, encounter_from_record(obj), account)
    except RecordError as e:
        return ParsedLine(line, account=account, error=f"line {line}: {e}")


def numbered_lines(lines: Iterable[str]) -> Iterator[tuple[int, str]]:
    """Lines numbered from 1, stripped, blank lines skipped."""
    for n, text in enumerate(lines, 1):
        text = text.strip().lstrip("\ufeff")
        if text:
            yield n, text


def numbered_file(path: str | Path) -> Iterator[tuple[int, str]]:
    """Numbered lines of a file (`-`: standard input)."""
    if str(path) == "-":
        yield from numbered_lines(sys.stdin)
        return
    with open(path, encoding="utf-8") as fh:
        yield from numbered_lines(fh)


def read_lines(lines: Iterable[str]) -> Iterator[ParsedLine]:
    """Parse interchange lines, numbering from 1 and skipping blank lines."""
    for n, text in numbered_lines(lines):
        yield parse_line(text, n)


def read_file(path: str | Path) -> Iterator[ParsedLine]:
    """Parse an interchange file (`-` reads standard input)."""
    for n, text in numbered_file(path):
        yield parse_line(text, n)
