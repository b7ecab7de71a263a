"""The batch grouper's fast path: the `Stay` of a record (what grouping reads of it) without building an
encounter, for 10,000 lines a second. Records in any other shape go through the full reader, which
accepts and reports them alike.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from workbench.interchange.reader import (
    CM_FAST,
    PCS_FAST,
    POA_FAST,
    TEXT_FIELDS,
    ParsedLine,
    numbered_file,
    parse_line,
    parsed_record,
)
from workbench.model.encounter import (
    MAX_DIAGNOSES,
    MAX_PROCEDURES,
    SEXES,
    STATUSES,
    Encounter,
    age_at_admission,
    stay_days,
)

_CM_LIST = re.compile(rf"{CM_FAST.pattern}(?:\|{CM_FAST.pattern})*")  # codes joined by |
_PCS_LIST = re.compile(rf"{PCS_FAST.pattern}(?:\|{PCS_FAST.pattern})*")

@dataclass(slots=True)
class Stay:
    """What grouping reads of one valid record: no documents, no workflow state."""

    line: int
    account: str
    age: int | None  # at admission, given or computed
    sex: str
    disposition: str
    discharge_date: dt.date | None
    los: int | None
    diagnoses: list[tuple[str, str]]  # (code, POA), principal first
    procedures: list[str]

    @classmethod
    def of(cls, enc: Encounter, line: int = 0) -> Stay:
        return cls(line, enc.account, enc.age_years(), enc.sex, enc.disposition, enc.discharge_date,
                   enc.length_of_stay(), [(d.code, d.poa) for d in enc.diagnoses],
                   [p.code for p in enc.procedures])


# Keys `plain_stay` leaves to the full reader, which checks them at length.
_FULL_ONLY = frozenset({"documents", "queries", "dismissed"})
_GROUPING_KEYS = frozenset({"account", "age", "birth_date", "sex", "admit_date", "discharge_date",
                            "disposition", "diagnoses", "procedures"})


def _plain_day(v: Any) -> dt.date | None | bool:
    """A YYYY-MM-DD date, None when absent, False when the full reader must judge it."""
    if v is None:
        return None
    if type(v) is not str or len(v) != 10:
        return False
    try:
        return dt.date.fromisoformat(v)
    except ValueError:
        return False


def plain_stay(obj: Any, line: int) -> Stay | None:
    """The stay of a record in the plain shape (exact spellings, codes without spaces, YYYY-MM-DD dates), read
    without building an encounter, for batch grouping's 10,000 lines a second. None for anything else:
    `encounter_from_record` reads (and reports) those. Whatever this accepts, that accepts alike (a test
    holds the two equal)."""
    if type(obj) is not dict:
        return None
    g = obj.get
    if not obj.keys() <= _GROUPING_KEYS:  # more than grouping reads: check the rest as the full reader does
        if not _FULL_ONLY.isdisjoint(obj) or (g("status") or "new") not in STATUSES:
            return None
        for key in TEXT_FIELDS:
            v = g(key)
            if v is not None and type(v) is not str:
                return None
    account, age, sex, disposition = g("account"), g("age"), g("sex", "U"), g("disposition", "01")
    if (type(account) is not str or not account or account.strip() != account
            or not (age is None or type(age) is int and 0 <= age <= 124)
            or type(sex) is not str or sex not in SEXES
            or type(disposition) is not str or len(disposition) != 2 or not disposition.isascii()
            or not disposition.isdigit()):
        return None
    birth, admit, discharge = _plain_day(g("birth_date")), _plain_day(g("admit_date")), \
        _plain_day(g("discharge_date"))
    if birth is False or admit is False or discharge is False:
        return None
    if admit and discharge and discharge < admit:
        return None
    dxs, pxs = g("diagnoses"), g("procedures")
    dxs = [] if dxs is None else dxs
    pxs = [] if pxs is None else pxs
    if (type(dxs) is not list or type(pxs) is not list or len(dxs) > MAX_DIAGNOSES
            or len(pxs) > MAX_PROCEDURES):
        return None
    # All codes of a list checked at once, upper-cased as `normalize` does: a non-dict entry, a missing
    # or non-text code, or an odd POA raises or fails the match.
    try:
        codes = "|".join([d["code"] for d in dxs]).upper()
        poas = [POA_FAST.get(d.get("poa")) for d in dxs]
        pcs = "|".join([x["code"] for x in pxs]).upper()
        days = [x.get("date") for x in pxs]
    except (TypeError, KeyError, AttributeError):
        return None
    if None in poas or (dxs and not _CM_LIST.fullmatch(codes)) or (pxs and not _PCS_LIST.fullmatch(pcs)):
        return None
    if any(day is not None and _plain_day(day) is False for day in days):
        return None
    dx_codes = codes.replace(".", "").split("|") if dxs else []
    procedures = pcs.split("|") if pxs else []
    if len(dx_codes) != len(dxs) or len(procedures) != len(pxs):
        return None  # a "|" inside a code
    diagnoses = list(zip(dx_codes, poas, strict=True))
    return Stay(line, account, age_at_admission(age, birth, admit, discharge), sex, disposition, discharge,
                stay_days(admit, discharge), diagnoses, procedures)


def parse_stay(text: str, line: int) -> Stay | ParsedLine:
    """What grouping needs of one line: the stay, or the ParsedLine that says why there is none."""
    try:
        obj = orjson.loads(text)
    except orjson.JSONDecodeError:
        return parse_line(text, line)  # words the error
    stay = plain_stay(obj, line)
    if stay is not None:
        return stay
    parsed = parsed_record(obj, line)
    return Stay.of(parsed.encounter, line) if parsed.encounter is not None else parsed


def read_stays(path: str | Path) -> Iterator[Stay | ParsedLine]:
    """`parse_stay` over an interchange file (`-` reads standard input), numbered as `read_file`."""
    for n, text in numbered_file(path):
        yield parse_stay(text, n)
