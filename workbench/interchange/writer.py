"""Writing the JSON Lines interchange format (see `reader` for the fields): one encounter per line."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from typing import IO, Any

from workbench.model.encounter import Encounter


def _iso(d: dt.date | None) -> str | None:
    return d.isoformat() if d else None


def encounter_to_record(enc: Encounter, *, documents: bool = True) -> dict[str, Any]:
    """The interchange record of an encounter (round-trips through `encounter_from_record`)."""
    rec: dict[str, Any] = {"account": enc.account}
    for key in ("mrn", "patient_name"):
        if getattr(enc, key):
            rec[key] = getattr(enc, key)
    if enc.birth_date:
        rec["birth_date"] = enc.birth_date.isoformat()
    if enc.age is not None:
        rec["age"] = enc.age
    rec["sex"] = enc.sex
    rec["admit_date"] = _iso(enc.admit_date)
    rec["discharge_date"] = _iso(enc.discharge_date)
    rec["disposition"] = enc.disposition
    for key in ("admission_type", "admission_source", "payer", "attending", "service"):
        if getattr(enc, key):
            rec[key] = getattr(enc, key)
    rec["diagnoses"] = [{"code": d.code, "poa": d.poa} for d in enc.diagnoses]
    rec["procedures"] = [{"code": p.code, "date": _iso(p.date)} for p in enc.procedures]
    rec["status"] = enc.status
    if enc.coder:
        rec["coder"] = enc.coder
    if enc.notes:
        rec["notes"] = enc.notes
    if enc.queries:
        keys = ("question", "options", "status", "answer", "author", "created", "answered")
        rec["queries"] = [{k: getattr(q, k) for k in keys} for q in enc.queries]
    if enc.dismissed:
        rec["dismissed"] = list(enc.dismissed)
    if enc.grouping:
        for key in ("version", "drg", "weight"):
            if key in enc.grouping:
                rec[key] = enc.grouping[key]
    if documents and enc.documents:
        rec["documents"] = [
            {"type": d.type, "author": d.author, "date": d.date, "text": d.text} for d in enc.documents
        ]
    return rec


def dumps(enc: Encounter, *, documents: bool = True) -> str:
    """One interchange line (no trailing newline)."""
    return json.dumps(encounter_to_record(enc, documents=documents), ensure_ascii=False)


def write_file(encounters: Iterable[Encounter], out: IO[str], *, documents: bool = True) -> int:
    n = 0
    for enc in encounters:
        out.write(dumps(enc, documents=documents) + "\n")
        n += 1
    return n
