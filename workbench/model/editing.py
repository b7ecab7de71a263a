"""Edits of an encounter's coding, as pure functions: each returns a new Encounter, never mutates.

Plain Python (no Textual): the coding pane calls these and the tests check them directly.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import TYPE_CHECKING

from codesets.codes import with_dot
from workbench.model.encounter import (
    MAX_DIAGNOSES,
    MAX_PROCEDURES,
    POA_VALUES,
    Diagnosis,
    Encounter,
    Procedure,
)

if TYPE_CHECKING:
    from codesets.release.core import Release


class EditError(ValueError):
    """An edit that cannot be made; the message says why."""


def _with(enc: Encounter, **changes: object) -> Encounter:
    return dataclasses.replace(enc, **changes)  # type: ignore[arg-type]


def add_diagnosis(enc: Encounter, code: str, poa: str = "") -> tuple[Encounter, int]:
    """Append a diagnosis (the first one becomes principal); returns the encounter and its index."""
    code = code.replace(".", "").upper()
    if any(d.code == code for d in enc.diagnoses):
        raise EditError(f"{with_dot(code)} is already coded")
    if len(enc.diagnoses) >= MAX_DIAGNOSES:
        raise EditError(f"at most {MAX_DIAGNOSES} diagnoses (principal + 24 secondary) fit on a claim")
    if poa not in POA_VALUES:
        raise EditError(f"POA must be one of Y, N, U, W or blank (got {poa!r})")
    return _with(enc, diagnoses=[*enc.diagnoses, Diagnosis(code, poa)]), len(enc.diagnoses)


def add_procedure(enc: Encounter, code: str, date: dt.date | None = None) -> tuple[Encounter, int]:
    code = code.replace(".", "").upper()
    if any(p.code == code and p.date == date for p in enc.procedures):
        raise EditError(f"{code} on {date or 'the same date'} is already coded")
    if len(enc.procedures) >= MAX_PROCEDURES:
        raise EditError(f"at most {MAX_PROCEDURES} procedures fit on a claim")
    return _with(enc, procedures=[*enc.procedures, Procedure(code, date)]), len(enc.procedures)


def _check(items: list[object], index: int, what: str) -> None:
    if not 0 <= index < len(items):
        raise EditError(f"no {what} at position {index + 1}")


def make_principal(enc: Encounter, index: int) -> Encounter:
    """Move diagnosis `index` to the top; the old principal becomes the first secondary."""
    _check(enc.diagnoses, index, "diagnosis")  # type: ignore[arg-type]
    dx = list(enc.diagnoses)
    dx.insert(0, dx.pop(index))
    return _with(enc, diagnoses=dx)


def _moved(items: list, index: int, delta: int) -> tuple[list, int]:
    """`items` with item `index` moved by `delta` places (kept within the list), and where it went."""
    target = max(0, min(len(items) - 1, index + delta))
    out = list(items)
    out.insert(target, out.pop(index))
    return out, target


def move_diagnosis(enc: Encounter, index: int, delta: int) -> tuple[Encounter, int]:
    _check(enc.diagnoses, index, "diagnosis")  # type: ignore[arg-type]
    dx, target = _moved(enc.diagnoses, index, delta)
    return _with(enc, diagnoses=dx), target


def move_procedure(enc: Encounter, index: int, delta: int) -> tuple[Encounter, int]:
    _check(enc.procedures, index, "procedure")  # type: ignore[arg-type]
    px, target = _moved(enc.procedures, index, delta)
    return _with(enc, procedures=px), target


def remove_diagnosis(enc: Encounter, index: int) -> Encounter:
    _check(enc.diagnoses, index, "diagnosis")  # type: ignore[arg-type]
    return _with(enc, diagnoses=[d for i, d in enumerate(enc.diagnoses) if i != index])


def remove_procedure(enc: Encounter, index: int) -> Encounter:
    _check(enc.procedures, index, "procedure")  # type: ignore[arg-type]
    return _with(enc, procedures=[p for i, p in enumerate(enc.procedures) if i != index])


def set_poa(enc: Encounter, index: int, poa: str) -> Encounter:
    _check(enc.diagnoses, index, "diagnosis")  # type: ignore[arg-type]
    if poa not in POA_VALUES:
        raise EditError(f"POA must be one of Y, N, U, W or blank (got {poa!r})")
    dx = list(enc.diagnoses)
    dx[index] = Diagnosis(dx[index].code, poa)
    return _with(enc, diagnoses=dx)


def seventh_character_code(code: str, seventh: str) -> str:
    """The code with its 7th character. A code shorter than six characters is filled with the
    placeholder X first (ICD-10-CM Official Guidelines I.A.4-I.A.5: "X" holds the empty places
    so that the 7th character stays in the 7th position)."""
    return code.replace(".", "").upper().ljust(6, "X") + seventh


def seventh_options(release: Release, code: str) -> list[tuple[str, str]]:
    """The 7th characters `code` takes in `release` as (character, meaning); [] when none apply
    or the release does not know the code."""
    try:
        return list(release.seven_chr(code).items())
    except (KeyError, ValueError):
        return []
