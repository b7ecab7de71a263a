"""The Reports screen driven by keys (Pilot), and snapshots at 80x24 and 120x40, on the small
department database of tests/support/reports_db.py (figures computed by hand there)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from textual.widgets import DataTable, Static

from tests.support import reports_db
from tests.support.pilot import pressed, settle, started
from workbench.settings import Settings
from workbench.tui.app import make_app
from workbench.tui.screens.reports import ReportsScreen
from workbench.tui.widgets.reports.report_chart import ReportChart

TODAY = dt.date(2026, 7, 1)
SIZES = {"small": (80, 24), "wide": (120, 40)}


@pytest.fixture()
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = reports_db.build(tmp_path / "db", monkeypatch)
    monkeypatch.undo()  # the app's own saves use the real clock
    return path


def _app(db: Path):
    return make_app(db, Settings(base_rate=6000.0), today=TODAY, preload=False)


def _summary(app) -> str:
    return str(app.screen.query_one("#reports-summary", Static).render())


@pytest.mark.asyncio
async def test_reports_key_opens_case_mix_and_number_keys_switch(db: Path) -> None:
    app = _app(db)
    async with started(app, (80, 24)) as pilot:
        await pressed(app, pilot, "R")
        assert isinstance(app.screen, ReportsScreen)
        text = _summary(app)
        assert "encounters 3" in text and "CMI 0.8996" in text  # (1.2838 + 0.849 + 0.566) / 3
        assert "CC/MCC rate" in text and "cc mcc" not in text and "cc_mcc" not in text  # not the field name
        table = app.screen.query_one(DataTable)
        assert table.row_count == 1 + 2 + 1 + 1 + 2 + 2 + 1  # all, months, MDC, service, payers, coders, type
        assert [str(c.label) for c in table.columns.values()] == [
            "dimension", "group", "encounters", "weight total", "CMI", "split stays", "with CC/MCC",
            "CC/MCC rate"]
        await pressed(app, pilot, "2")
        assert "stays 5" in _summary(app) and "expected payment 14,494.80" in _summary(app)
        assert app.screen.query_one(ReportChart).plt is not None
        await pressed(app, pilot, "3")
        assert "coded 4" in _summary(app) and "reopens 1" in _summary(app)
        await pressed(app, pilot, "4")
        assert "queries 3" in _summary(app) and "open 1" in _summary(app)
        await pressed(app, pilot, "5")
        assert "release 2027.0" in _summary(app) and "changed 0" in _summary(app)
        await pilot.press("escape")
        assert not isinstance(app.screen, ReportsScreen)


@pytest.mark.asyncio
async def test_f7_and_the_palette_open_reports(db: Path) -> None:
    app = _app(db)
    async with started(app) as pilot:
        await pressed(app, pilot, "f7")
        assert isinstance(app.screen, ReportsScreen)
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Reports")
        await pilot.pause(0.3)
        await pressed(app, pilot, "enter")
        assert isinstance(app.screen, ReportsScreen)


@pytest.mark.asyncio
async def test_empty_database_shows_empty_reports(tmp_path: Path) -> None:
    app = make_app(tmp_path / "empty", Settings(), today=TODAY, preload=False)
    async with started(app, (80, 24)) as pilot:
        await pressed(app, pilot, "f7")
        assert "encounters 0" in _summary(app) and "CMI -" in _summary(app)
        for key in "2345":
            await pressed(app, pilot, key)
        assert "stays 0" in _summary(app)


def _open(*keys: str):
    async def run_before(pilot) -> None:
        app = pilot.app
        await settle(app, pilot)
        await pressed(app, pilot, "f7")
        for k in keys:
            await pressed(app, pilot, k)
        await pilot.pause(0.05)

    return run_before


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("key", ["1", "2", "3"])
def test_reports_snapshot(snap_compare, db: Path, size: str, key: str) -> None:
    assert snap_compare(_app(db), terminal_size=SIZES[size], run_before=_open(key))


async def _choose(pilot, key: str, label: str) -> None:
    """Open a choice dialog with `key` and move down to the choice `label` by keys, then Enter."""
    from textual.widgets import OptionList

    await pilot.press(key)
    await pilot.pause()
    options = pilot.app.screen.query_one(OptionList)
    labels = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
    target = next(i for i, text in enumerate(labels) if text.startswith(label))
    await pressed(pilot.app, pilot, *["down"] * (target - (options.highlighted or 0)), "enter")


@pytest.mark.asyncio
async def test_filter_keys_change_the_figures(db: Path) -> None:
    """Hand-computed on reports_db: coded or final A1 (292, 0.849, 10 May, alice), A2 (291, 1.2838,
    20 May, bob), A3 (293, 0.566, 3 June, alice)."""
    app = _app(db)
    async with started(app) as pilot:
        await pressed(app, pilot, "f7")
        assert "encounters 3" in _summary(app)
        await pressed(app, pilot, "f", *"2026-06-01", "enter")
        assert "encounters 1" in _summary(app) and "CMI 0.566" in _summary(app)
        filters = str(app.screen.query_one("#reports-filters", Static).render())
        assert "from 2026-06-01" in filters and "to any" in filters
        await pilot.press("f", *["backspace"] * 10, "enter")  # blank: no first day
        await pressed(app, pilot, "t", *"2026-05-15", "enter")
        assert "encounters 1" in _summary(app) and "CMI 0.849" in _summary(app)
        await pressed(app, pilot, "x")
        assert "encounters 3" in _summary(app)
        await _choose(pilot, "c", "alice")
        assert "encounters 2" in _summary(app) and "CMI 0.7075" in _summary(app)  # (0.849 + 0.566) / 2
        await pressed(app, pilot, "3")
        assert "coders 1" in _summary(app) and "coded 2" in _summary(app) and "finalized 1" in _summary(app)
        await _choose(pilot, "c", "dave")  # in progress only: no finished chart
        assert "coded 0" in _summary(app) and "finalized 0" in _summary(app)
        await pressed(app, pilot, "1")
        assert "encounters 0" in _summary(app) and "CMI -" in _summary(app)


@pytest.mark.asyncio
async def test_a_to_day_before_the_from_day_is_refused(db: Path) -> None:
    app = _app(db)
    async with started(app, (80, 24)) as pilot:
        await pressed(app, pilot, "f7")
        await pressed(app, pilot, "f", *"2026-06-01", "enter")
        await pressed(app, pilot, "t", *"2026-05-01", "enter")
        assert "from 2026-06-01" in str(app.screen.query_one("#reports-filters", Static).render())
        assert "to any" in str(app.screen.query_one("#reports-filters", Static).render())
        assert any("is before --from" in n.message for n in app._notifications)


@pytest.mark.asyncio
async def test_release_key_regroups_the_shift_under_the_chosen_version(db: Path) -> None:
    app = _app(db)
    async with started(app) as pilot:
        await pressed(app, pilot, "f7")
        await pressed(app, pilot, "5")
        assert "release 2027.0" in _summary(app) and "stays 3" in _summary(app)
        await _choose(pilot, "v", "2023.0")
        assert "release 2023.0" in _summary(app) and "MS-DRG v40.0" in _summary(app)
        assert "v40.0" in str(app.screen.query_one("#reports-filters", Static).render())
        rows = app.screen.query_one(DataTable)
        assert rows.row_count == 3
