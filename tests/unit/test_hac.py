"""Hospital-acquired conditions: a fall fracture with POA N loses its MCC (CMS HAC 05), and every view
says so on the code: the grouping, the check findings, the batch rows (JSON and CSV)."""

from __future__ import annotations

import datetime as dt

import pytest

from workbench.checks.checker import Checker
from workbench.drg.service import DrgService
from workbench.model.encounter import Diagnosis, Encounter

DAY = dt.date(2025, 11, 14)


def _fall(poa: str, pdx: str = "I5023") -> Encounter:
    return Encounter("H1", age=80, sex="F", admit_date=DAY - dt.timedelta(days=4), discharge_date=DAY,
                     disposition="01", diagnoses=[Diagnosis(pdx, "Y"), Diagnosis("S72001A", poa),
                                                  Diagnosis("W010XXA", poa)])


@pytest.fixture(scope="module")
def svc():
    with DrgService() as s:
        yield s


def test_grouping_names_the_hac_and_the_drg_it_cost(svc):
    g = svc.group(_fall("N"))
    assert g.drg == "293"
    [h] = g.hacs
    assert (h.code, h.category, h.title) == ("S72001A", "HAC05", "Falls and Trauma")
    assert (h.level, h.drg_without_hac) == ("MCC", "291")
    assert h.line() == ("S72.001A: HAC 05 Falls and Trauma, POA N: not counted as MCC "
                        "(DRG 291 if it had been present on admission)")


def test_present_on_admission_is_no_hac(svc):
    g = svc.group(_fall("Y"))
    assert g.drg == "291" and g.hacs == []


def test_exempt_hospital_counts_it(svc):
    with DrgService(hospital_status="EXEMPT") as ex:
        g = ex.group(_fall("N"))
    assert g.drg == "291"
    assert g.hacs == []  # the grouper applies no HAC logic for an exempt hospital


def test_check_reports_the_hac_on_its_code(svc):
    with Checker(None, svc) as checker:
        hac = [f for f in checker.check(_fall("N")) if f.rule.startswith("CMS HAC")]
        assert [(f.severity, f.codes) for f in hac] == [("info", ("S72001A",))]
        assert "HAC 05" in hac[0].message and "not counted as MCC" in hac[0].message
        unknown = [f for f in checker.check(_fall("U")) if f.rule.startswith("CMS HAC")]
        assert [f.severity for f in unknown] == ["warning"] and "query" in unknown[0].message
        assert not [f for f in checker.check(_fall("Y")) if f.rule.startswith("CMS HAC")]
