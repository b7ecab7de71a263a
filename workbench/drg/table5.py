"""Table 5 rows (weight, GMLOS, AMLOS, type, transfer flags) by fiscal year, from the code-set releases.

CMS publishes Table 5 once per fiscal year (IPPS final rule); the April grouper update (v43.1) keeps the
October weights, so FY2026 weights apply to every discharge from 1 Oct 2025 to 30 Sep 2026 whichever
grouper version groups it (DOMAIN.md, "Table 5 and payment"). A release id is therefore read as its
fiscal year: the row comes from the period's own release when it carries Table 5, else from any other
installed release of the same fiscal year that does. A fiscal year without Table 5 answers None, and the
caller says "no weights installed for FY...": a weight is never borrowed from another year.

A release that is not installed is skipped; a release that is installed but cannot be read (a broken
cache) raises: it must not read as "no weights installed".
"""

from __future__ import annotations

import threading

from codesets.model import DrgRow
from codesets.release.calendar import PERIODS, period

_lock = threading.Lock()
_tables: dict[int, tuple[str, dict[str, DrgRow]] | None] = {}  # fiscal year -> (release id, rows)
_installed: list[str] | None = None
_types: dict[tuple[str, str], str] = {}


def fiscal_year(release_id: str) -> int:
    """The fiscal year a release id belongs to ("2026.0" and "2026.1" -> 2026)."""
    return period(release_id).fiscal_year


def _candidates(fy: int, release_id: str | None) -> list[str]:
    """Installed releases of the fiscal year, the period's own release first."""
    installed = set(installed_release_ids())
    same = [p.release for p in PERIODS if p.fiscal_year == fy and p.release in installed]
    if release_id in same:
        same.remove(release_id)
        same.insert(0, release_id)
    return same


def _table(release_id: str) -> tuple[str, dict[str, DrgRow]] | None:
    """(release the weights come from, its Table 5 by DRG) for the release's fiscal year, or None."""
    fy = fiscal_year(release_id)
    with _lock:
        if fy in _tables:
            return _tables[fy]
    from codesets.release.core import ReleaseNotInstalled, load_release

    found = None
    for rid in _candidates(fy, release_id):
        try:
            rel = load_release(rid)
        except ReleaseNotInstalled:  # removed since it was listed: the year may still have another
            continue
        if rel.has_weights:
            found = (rid, {r.drg: r for r in rel.drgs()})
            break
    with _lock:
        _tables[fy] = found
    return found


def has_weights(release_id: str) -> bool:
    """Whether Table 5 of the release's fiscal year is installed (in any release of that year)."""
    return _table(release_id) is not None


def source_release(release_id: str) -> str | None:
    """The installed release whose Table 5 serves the release's fiscal year, or None."""
    t = _table(release_id)
    return t[0] if t else None


def row(release_id: str, drg: str) -> DrgRow | None:
    """Table 5 row of a DRG ("291") for the release's fiscal year, or None (year or row missing)."""
    t = _table(release_id)
    if t is None or not drg:
        return None
    key = drg.strip()
    return t[1].get(key.zfill(3) if key.isdigit() else key)


def installed_release_ids() -> list[str]:
    """Releases that are installed (for the cross-release what-if and DRG types)."""
    global _installed
    if _installed is None:
        from codesets.release.core import installed_releases

        _installed = installed_releases()
    return _installed


def drg_type(release_id: str, drg: str, title: str = "") -> str:
    """MED or SURG: the fiscal year's Table 5, else any installed Table 5 (types are structural),
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
    """Forget loaded tables (after `workbench codesets import`)."""
    global _installed
    with _lock:
        _tables.clear()
        _types.clear()
        _installed = None
