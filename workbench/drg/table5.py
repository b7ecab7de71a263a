"""Table 5 rows (weight, GMLOS, AMLOS, type, transfer flags) for a release, from the code-set releases.

The DRG number and title always come from the grouper; this module only answers "what does the
release's Table 5 say about DRG n". A release without Table 5 answers None, and the caller says
"no weights installed for FY...": a weight is never borrowed from another year.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Table5Row:
    drg: str
    mdc: str
    type: str  # MED / SURG
    title: str
    weight: float
    gmlos: float
    amlos: float
    post_acute: bool
    special_pay: bool


_lock = threading.Lock()
_releases: dict[str, Any] = {}
_rows: dict[tuple[str, str], Table5Row | None] = {}


def _load_release(release_id: str) -> Any:
    """The codesets release object, or None when that release is not installed."""
    with _lock:
        if release_id in _releases:
            return _releases[release_id]
        rel = None
        try:
            from codesets.release.core import load_release  # built by the code-set helper (issue 2)

            rel = load_release(release_id)
        except Exception:  # not installed, not built yet, or the module is absent
            rel = None
        _releases[release_id] = rel
        return rel


def _field(obj: Any, *names: str, default: Any = None) -> Any:
    for n in names:
        if isinstance(obj, dict) and n in obj:
            return obj[n]
        if hasattr(obj, n):
            return getattr(obj, n)
    return default


def _row_from(obj: Any, drg: str) -> Table5Row | None:
    weight = _field(obj, "weight", "relative_weight")
    if weight is None:
        return None
    return Table5Row(
        drg=drg,
        mdc=str(_field(obj, "mdc", default="") or ""),
        type=str(_field(obj, "type", "drg_type", default="") or "").upper(),
        title=str(_field(obj, "title", default="") or ""),
        weight=float(weight),
        gmlos=float(_field(obj, "gmlos", default=0.0) or 0.0),
        amlos=float(_field(obj, "amlos", default=0.0) or 0.0),
        post_acute=bool(_field(obj, "post_acute", "post_acute_transfer", default=False)),
        special_pay=bool(_field(obj, "special_pay", default=False)),
    )


def has_weights(release_id: str) -> bool:
    """Whether the installed release carries Table 5."""
    rel = _load_release(release_id)
    if rel is None:
        return False
    flag = _field(rel, "has_weights", "has_drg_weights")
    if callable(flag):
        flag = flag()
    if flag is not None:
        return bool(flag)
    return row(release_id, "291") is not None


def row(release_id: str, drg: str) -> Table5Row | None:
    """Table 5 row of a DRG ("291") in a release, or None (release or row missing)."""
    key = (release_id, drg)
    if key in _rows:
        return _rows[key]
    rel = _load_release(release_id)
    found = None
    if rel is not None:
        try:
            obj = rel.drg(drg)
        except Exception:  # KeyError / LookupError from the release: the DRG is not in its Table 5
            obj = None
        if obj is not None:
            found = _row_from(obj, drg)
    _rows[key] = found
    return found


_installed: list[str] | None = None
_types: dict[tuple[str, str], str] = {}


def installed_release_ids() -> list[str]:
    """Releases that are installed (for the cross-release what-if and DRG types)."""
    global _installed
    if _installed is None:
        _installed = _find_installed()
    return _installed


def _find_installed() -> list[str]:
    try:
        from codesets.release.core import installed_releases

        out = []
        for r in installed_releases():
            rid = r if isinstance(r, str) else _field(r, "id", "release", "name")
            if rid:
                out.append(str(rid))
        return out
    except Exception:
        return []


def drg_type(release_id: str, drg: str, title: str = "") -> str:
    """MED or SURG: the release's Table 5, else any installed Table 5 (types are structural),
    else a reading of the grouper's title."""
    key = (release_id, drg)
    hit = _types.get(key)
    if hit is None:
        hit = _types[key] = _drg_type(release_id, drg, title)
    return hit


def _drg_type(release_id: str, drg: str, title: str) -> str:
    r = row(release_id, drg)
    if r is not None and r.type:
        return r.type
    for rid in installed_release_ids():
        r = row(rid, drg)
        if r is not None and r.type:
            return r.type
    return "SURG" if _looks_surgical(title) else "MED"


_SURGICAL_WORDS = (
    "O.R.", "PROCEDURE", "TRANSPLANT", "IMPLANT", "REPLACEMENT", "BYPASS", "AMPUTATION", "CRANIOTOMY",
    "FUSION", "MASTECTOMY", "HYSTERECTOMY", "CESAREAN", "TRACHEOSTOMY", "ECMO", "GRAFT", "EXCISION",
    "RESECTION", "DEBRIDEMENT", "SHUNT", "PACEMAKER", "DEFIBRILLATOR", "REVISION", "FIXATION",
)


def _looks_surgical(title: str) -> bool:
    t = title.upper()
    if "WITHOUT O.R." in t or "EXCEPT O.R." in t:
        return False
    return any(w in t for w in _SURGICAL_WORDS)


def clear_cache() -> None:
    """Forget loaded releases (after `workbench codesets import`)."""
    global _installed
    with _lock:
        _releases.clear()
        _rows.clear()
        _types.clear()
        _installed = None
