"""The DRG and weight of each stay for the reports: the kept grouping when it is current, else a regrouping.

A kept grouping (the summary the store keeps on save) is *current* when it names a DRG, its MS-DRG
version is the one the discharge date takes (DOMAIN.md, "Fiscal years and versions"), and its weight
is the one that release's Table 5 gives for that DRG now (a Table 5 installed or re-keyed since the
save makes it stale). Anything else is regrouped with the batch grouper `workbench group` uses
(`workbench.drg.batch`), so a report's CMI is the mean weight `workbench group` gives for the same stays.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from codesets.release.calendar import BUILTIN_RELEASE, NoReleaseForDate, Period, period, period_for_date
from workbench.drg import table5
from workbench.drg.batch import BatchGrouper
from workbench.drg.service import DrgService
from workbench.interchange.reader import RecordError, encounter_from_record
from workbench.interchange.stays import Stay, plain_stay
from workbench.reports.group_cache import Answer, GroupCache, stay_key
from workbench.reports.stays import ReportStay


@dataclass(frozen=True, slots=True)
class StayGrouping:
    account: str
    version: str  # MS-DRG version, "43.1"
    release: str
    drg: str | None
    title: str
    mdc: str | None
    type: str  # MED / SURG
    weight: float | None
    source: str  # "kept" or "regrouped"


_PERIODS: dict[dt.date | None, Period] = {}
_TABLE5: dict[tuple[str, str | None, str | None, str, str], tuple[str, float | None]] = {}


def period_of(stay: ReportStay) -> Period:
    """The period the stay's discharge date takes (memoized by date: 10,000 stays share a few hundred)."""
    day = stay.discharge_date
    p = _PERIODS.get(day)
    if p is None:
        p = period(BUILTIN_RELEASE) if day is None else period_for_date(day)
        if len(_PERIODS) < 20_000:
            _PERIODS[day] = p
    return p


def _same_weight(a: Any, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    try:
        return abs(float(a) - b) < 1e-9
    except (TypeError, ValueError):
        return False


def kept_if_current(stay: ReportStay) -> StayGrouping | None:
    """The kept grouping as a StayGrouping, or None when absent or not current (see the module doc)."""
    g = stay.kept
    if not g or not g.get("drg") or not g.get("version"):
        return None
    try:
        p = period_of(stay)
    except NoReleaseForDate:
        return None
    drg = str(g["drg"]).zfill(3)
    if str(g["version"]) != p.drg_version:
        return None
    row = table5.row(p.release, drg)
    if not _same_weight(g.get("weight"), row.weight if row else None):
        return None
    title = str(g.get("title") or (row.title if row else ""))
    mdc = g.get("mdc") or (row.mdc if row else None)
    kind = str(g.get("type") or table5.drg_type(p.release, drg, title))
    return StayGrouping(stay.account, p.drg_version, p.release, drg, title,
                        str(mdc).zfill(2) if mdc else None, kind, row.weight if row else None, "kept")


def batch_stay(stay: ReportStay) -> Stay | None:
    """What the batch grouper reads of a stored stay (None when the record does not read back)."""
    s = plain_stay({k: v for k, v in stay.record.items() if k in _GROUPING_KEYS}, 0)
    if s is not None:
        return s
    try:
        return Stay.of(encounter_from_record(stay.record))
    except RecordError:
        return None


_GROUPING_KEYS = frozenset({"account", "age", "birth_date", "sex", "admit_date", "discharge_date",
                            "disposition", "diagnoses", "procedures"})


def from_row(row: dict[str, Any]) -> StayGrouping:
    return StayGrouping(row["account"], row["version"], row["release"], row.get("drg"),
                        row.get("title") or "", row.get("mdc"), row.get("type") or "MED",
                        row.get("weight"), "regrouped")


def from_answer(account: str, p: Period, answer: Answer, source: str = "regrouped") -> StayGrouping:
    """A cached grouper answer as the row the batch grouper gives (`from_row`): weight and type from
    the fiscal year's Table 5 now (memoized for this report run: `table5` is read once per DRG)."""
    drg, mdc, title = answer
    key = (p.release, drg, mdc, title, source)
    hit = _TABLE5.get(key)
    if hit is None:
        row = table5.row(p.release, drg) if drg else None
        kind = table5.drg_type(p.release, drg, title) if drg else None
        hit = _TABLE5[key] = (kind or "MED", row.weight if row else None)
    return StayGrouping(account, p.drg_version, p.release, drg, title, mdc, hit[0], hit[1], source)


class Regrouper:
    """Regroups stays with the batch grouper of `workbench group` (no code-editor pass: reports read
    only the DRG), asking the grouping cache first. `fixed` groups every stay under one period (the
    DRG shift); else each stay's discharge date picks it."""

    def __init__(self, svc: DrgService, cache: GroupCache | None = None, fixed: Period | None = None):
        self.svc = svc
        self.cache = cache if cache is not None else GroupCache()
        self.fixed = fixed
        self._grouper: BatchGrouper | None = None

    def _batch(self) -> BatchGrouper:
        if self._grouper is None:
            self._grouper = (_AtPeriod(self.svc, self.fixed) if self.fixed
                             else BatchGrouper(self.svc, edits=False))
        return self._grouper

    def group(self, stays: Iterable[ReportStay], notes: list[str]) -> dict[str, StayGrouping]:
        out: dict[str, StayGrouping] = {}
        todo: list[tuple[Stay, Period, str]] = []
        status = self.svc.hospital_status
        for stay in stays:
            try:
                p = self.fixed or period_of(stay)
            except NoReleaseForDate as e:
                notes.append(f"{stay.account}: {e}")
                continue
            key = stay_key(stay.record, p.drg_version, status)
            hit = self.cache.get(key)
            if hit is not None:
                out[stay.account] = from_answer(stay.account, p, hit)
                continue
            s = batch_stay(stay)
            if s is None:
                notes.append(f"{stay.account}: the stored record does not read back; not grouped")
                continue
            if self.fixed is not None:
                # No discharge date on the claim: the grouper does not read it (workbench.drg.batch), and
                # the Medicare Code Editor, which does, has no say in a what-if.
                s = dataclasses.replace(s, discharge_date=None)
            todo.append((s, p, key))
        if todo:
            for (_, _, key), row in zip(todo, self._batch().rows(s for s, _, _ in todo), strict=True):
                if "error" in row:
                    where = f" (under {self.fixed.release})" if self.fixed else ""
                    notes.append(f"{row.get('account')}: {row['error'].removeprefix('line 0: ')}{where}")
                    continue
                self.cache.put(key, (row.get("drg"), row.get("mdc"), row.get("title") or ""))
                out[row["account"]] = from_row(row)
        _TABLE5.clear()  # Table 5 may be imported before the next report
        return out


class _AtPeriod(BatchGrouper):
    """The batch grouper with one period for every stay (the release asked for)."""

    def __init__(self, svc: DrgService, fixed: Period) -> None:
        super().__init__(svc, edits=False)
        self._fixed = fixed

    def _period(self, day: dt.date | None) -> Period:
        return self._fixed


def groupings(stays: Iterable[ReportStay], svc: DrgService,
              cache: GroupCache | None = None) -> tuple[dict[str, StayGrouping], list[str]]:
    """The grouping of each stay with a principal diagnosis (the kept one when current, else a
    regrouping), and notes on the stays that have none (the error the grouper gave)."""
    out: dict[str, StayGrouping] = {}
    notes: list[str] = []
    stale: list[ReportStay] = []
    for stay in stays:
        if not stay.has_principal:
            continue
        kept = kept_if_current(stay)
        if kept is not None:
            out[stay.account] = kept
        else:
            stale.append(stay)
    if stale:
        out.update(Regrouper(svc, cache).group(stale, notes))
    if cache is not None:
        for stay in stays:
            g = out.get(stay.account)
            if g is not None and stay.stamp:
                cache.put_stay(stay.account, stay.stamp, g.version, svc.hospital_status,
                               (g.drg, g.mdc, g.title, g.source))
    return out, notes


def known_groupings(stays: Iterable[ReportStay], svc: DrgService,
                    cache: GroupCache) -> dict[str, StayGrouping] | None:
    """The groupings an earlier report gave these very revisions of the stays (weights from Table 5
    now), or None when one is not known: then only `groupings` can tell."""
    out: dict[str, StayGrouping] = {}
    status = svc.hospital_status
    for stay in stays:
        if not stay.has_principal:
            continue
        try:
            p = period_of(stay)
        except NoReleaseForDate:
            return None
        answer = cache.stay_answer(stay.account, stay.stamp, p.drg_version, status)
        if answer is None:
            return None
        g = from_answer(stay.account, p, answer[:3], answer[3])
        if g.source == "kept" and not _same_weight((stay.kept or {}).get("weight"), g.weight):
            # Table 5 changed since: the full read would regroup it (to the same DRG), and say so.
            g = dataclasses.replace(g, source="regrouped")
        out[stay.account] = g
    _TABLE5.clear()  # Table 5 may be imported before the next report
    return out


# -- CC/MCC families ----------------------------------------------------------------------------
# An MS-DRG family splits on severity when its titles say so: "with MCC", "with CC", "with CC/MCC",
# "without CC/MCC", "without MCC" (CMS MS-DRG Definitions Manual, severity splits). A title with
# "without ..." always has a "with ..." sibling, so the DRG's own title tells whether its family has a
# with-CC or with-MCC member and whether the stay is in one: no list of families is needed.
_WITH = re.compile(r"\b(?:with|w)\s+(?:mcc|cc)\b", re.IGNORECASE)
_WITHOUT = re.compile(r"\b(?:without|w/o)\s+(?:cc/mcc|mcc|cc)\b", re.IGNORECASE)


@functools.lru_cache(maxsize=4096)
def severity_split(title: str) -> str | None:
    """"with" when the DRG is the with-CC or with-MCC member of a split family, "without" when it is
    the member without, None when its family does not split on CC/MCC."""
    if _WITH.search(title):
        return "with"
    if _WITHOUT.search(title):
        return "without"
    return None
