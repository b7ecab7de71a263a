"""Table 5 belongs to the fiscal year: a v43.0 discharge is priced with the FY2026 table the installed
2026.1 release carries; a year with no Table 5 stays without weights; a broken release is an error."""

from __future__ import annotations

import datetime as dt

import pytest

from codesets.release.calendar import period_for_date
from workbench.drg import table5
from workbench.drg.service import DrgService
from workbench.model.encounter import Diagnosis, Encounter


def _hf(discharge: dt.date) -> Encounter:
    return Encounter("T5", age=70, sex="M", admit_date=discharge - dt.timedelta(days=4),
                     discharge_date=discharge, disposition="01",
                     diagnoses=[Diagnosis("I5023", "Y"), Diagnosis("N179", "Y")])


@pytest.fixture(scope="module")
def svc():
    with DrgService(base_rate=6000.0) as s:
        yield s


def test_v43_0_discharge_gets_the_fy2026_weight_los_and_payment(svc):
    assert table5.has_weights("2026.1"), "the built-in release carries the FY2026 Table 5"
    oct_ = svc.group(_hf(dt.date(2025, 11, 14)))
    apr = svc.group(_hf(dt.date(2026, 5, 14)))
    assert (oct_.version, oct_.release, apr.version) == ("43.0", "2026.0", "43.1")
    assert oct_.drg == apr.drg == "292"
    # the published FY2026 Table 5 line for DRG 292 (drg package, CMS final rule)
    fy26 = table5.row("2026.1", "292")
    assert fy26 is not None and fy26.weight > 0 and fy26.gmlos and fy26.amlos
    assert (oct_.weight, oct_.gmlos, oct_.amlos) == (fy26.weight, fy26.gmlos, fy26.amlos)
    assert oct_.weight_note == ""
    assert oct_.payment is not None and oct_.payment.amount == round(fy26.weight * 6000.0, 2)


def test_the_october_release_reads_its_year_from_the_installed_april_one():
    assert table5.source_release("2026.0") == "2026.1"
    assert table5.row("2026.0", "291") == table5.row("2026.1", "291")


def test_a_year_without_table5_has_no_weights_and_borrows_none():
    assert period_for_date(dt.date(2026, 11, 3)).release == "2027.0"
    assert not table5.has_weights("2027.0")
    assert table5.row("2027.0", "291") is None
    assert table5.row("2025.1", "291") is None  # FY2025 is not FY2026 either


def test_a_broken_release_is_an_error_not_missing_weights(monkeypatch):
    from codesets.release import core

    def broken(release_id: str):
        raise core.sqlite3.DatabaseError("file is not a database")

    table5.clear_cache()
    monkeypatch.setattr(core, "load_release", broken)
    try:
        with pytest.raises(core.sqlite3.DatabaseError):
            table5.has_weights("2026.0")
    finally:
        monkeypatch.undo()
        table5.clear_cache()
    assert table5.has_weights("2026.0")
