"""The coding list after edits: each edit changes the rows where the coding changed (in place), so
the list must still show exactly the chart's coding, numbered, with the grouping's badges, and the
cursor stays on the row the coder edited. Real app, real store, real grouper."""

from __future__ import annotations

from pathlib import Path

import pytest

from codesets.codes import with_dot
from tests.support.app_samples import TODAY, make_db
from tests.support.pilot import started, typed
from workbench.settings import Settings
from workbench.tui.app import make_app
from workbench.tui.screens.encounter import EncounterScreen
from workbench.tui.widgets.table import WorkTable


def shown(screen: EncounterScreen) -> list[tuple[str, str, str, str, str]]:
    """The diagnoses list as the coder reads it: mark, code, POA, severity, counted."""
    table = screen.query_one("#dx", WorkTable)
    return [tuple(str(cell) for cell in table.get_row_at(i)[:5]) for i in range(table.row_count)]  # type: ignore[misc]


def expected(screen: EncounterScreen) -> list[tuple[str, str, str, str, str]]:
    """What the list must show for the chart's coding and its latest grouping."""
    assert screen.session is not None and screen.last is not None and screen.last.preview is not None
    grouping = screen.last.preview.grouping
    rows = []
    for i, d in enumerate(screen.session.encounter.diagnoses):
        res = grouping.diagnoses[i]
        assert res.code == d.code
        sev = res.level if res.level in ("CC", "MCC") else ""
        counted = {"counted": "yes", "excluded": "excl", "hac": "HAC"}.get(res.status, "")
        counted = "PDX" if i == 0 else ("yes*" if res.drove and sev else counted)
        rows.append(("PDX" if i == 0 else f"{i:>3}", with_dot(d.code), d.poa or "-", sev, counted))
    return rows


@pytest.mark.asyncio
async def test_rows_follow_adds_poa_removal_and_undo_and_the_cursor_stays_on_the_edited_row(
        tmp_path: Path) -> None:
    db = make_db(tmp_path / "db")
    app = make_app(db, Settings(), today=TODAY, preload=False)
    async with started(app) as pilot:
        await typed(app, pilot, "/a1004", "enter", "/j189", "enter", "y", "/e871", "enter", "y",
                    "/n179", "enter", "y")
        screen = app.screen
        assert isinstance(screen, EncounterScreen) and screen.session is not None
        table = screen.query_one("#dx", WorkTable)
        assert [r[1] for r in shown(screen)] == ["J18.9", "E87.1", "N17.9"]
        assert shown(screen) == expected(screen)
        assert any(r[3] == "CC" for r in shown(screen)), "the regrouping's badges reach the rows"
        assert table.has_focus and table.cursor_row == 2, "on the code just added"

        await typed(app, pilot, "up", "u")  # POA of E87.1: U
        assert shown(screen)[1][2] == "U" and shown(screen) == expected(screen)
        assert table.cursor_row == 1

        await typed(app, pilot, "delete")  # E87.1 goes: N17.9 moves up and is numbered 1
        assert [r[:3] for r in shown(screen)] == [("PDX", "J18.9", "Y"), ("  1", "N17.9", "Y")]
        assert shown(screen) == expected(screen)
        assert table.cursor_row == 1

        await typed(app, pilot, "ctrl+z")  # back, with its POA
        assert [r[1:3] for r in shown(screen)] == [("J18.9", "Y"), ("E87.1", "U"), ("N17.9", "Y")]
        assert shown(screen) == expected(screen)

        await typed(app, pilot, "down", "down", "p")  # N17.9 principal: every row's number and badge
        assert [r[:2] for r in shown(screen)] == [("PDX", "N17.9"), ("  1", "J18.9"), ("  2", "E87.1")]
        assert shown(screen) == expected(screen)
        assert table.cursor_row == 0

        # A procedure added: the diagnoses list keeps its cursor where the coder left it (a refill of
        # both lists put it back on the principal).
        await typed(app, pilot, "down", "down", "/5a1945z", "enter", "enter")
        px = screen.query_one("#px", WorkTable)
        assert [p.code for p in screen.session.encounter.procedures] == ["5A1945Z"] and px.row_count == 1
        assert table.cursor_row == 2 and shown(screen) == expected(screen)


@pytest.mark.asyncio
async def test_down_from_the_last_diagnosis_moves_into_the_procedures_and_up_comes_back(
        tmp_path: Path) -> None:
    """The diagnoses and procedures read as one list: Down on the last diagnosis lands on the first
    procedure (Tab was the only way), Up on the first procedure on the last diagnosis; a key typed
    right after the move acts on the row moved to (`down delete` removes the procedure)."""
    db = make_db(tmp_path / "db")
    app = make_app(db, Settings(), today=TODAY, preload=False)
    async with started(app) as pilot:
        await typed(app, pilot, "/a1004", "enter", "/j189", "enter", "y", "/e871", "enter", "y",
                    "/5a1945z", "enter", "enter", "/0bh17ez", "enter", "enter")
        screen = app.screen
        assert isinstance(screen, EncounterScreen) and screen.session is not None
        dx, px = screen.query_one("#dx", WorkTable), screen.query_one("#px", WorkTable)
        assert [p.code for p in screen.session.encounter.procedures] == ["5A1945Z", "0BH17EZ"]

        await typed(app, pilot, "2", "home", "down")  # the principal J18.9, then E87.1 (the last)
        assert dx.has_focus and dx.cursor_row == 1
        await typed(app, pilot, "down")
        assert px.has_focus and px.cursor_row == 0 and dx.cursor_row == 1
        await typed(app, pilot, "down")
        assert px.has_focus and px.cursor_row == 1
        await typed(app, pilot, "down")  # past the last procedure: nowhere to go, stays
        assert px.has_focus and px.cursor_row == 1

        await typed(app, pilot, "up", "up")  # back onto the first procedure, then past it
        assert dx.has_focus and dx.cursor_row == 1, "on the last diagnosis"
        await typed(app, pilot, "up", "up")  # the principal, then nowhere above it
        assert dx.has_focus and dx.cursor_row == 0

        await typed(app, pilot, "j", "down", "delete")  # in one burst: the first procedure goes
        assert [p.code for p in screen.session.encounter.procedures] == ["0BH17EZ"]
        assert [d.code for d in screen.session.encounter.diagnoses] == ["J189", "E871"]
