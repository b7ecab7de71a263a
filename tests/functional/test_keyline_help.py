"""The help key on the key line (#16): help is one key away on every screen, so `? F1 Help` shows
whole on the last row at 80x24 and 120x40, whichever pane has focus (the suggestions pane's keys
filled the 80-column line and clipped it to "? F1"). Real app on the demo's TinyDB file."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.functional.test_coder_flow import CHF, demo_db, on_demo
from tests.support.pilot import pressed
from workbench.tui.screens.help import HelpScreen
from workbench.tui.widgets.keyline import KeyLine

SIZES = [(80, 24), (120, 40)]


def last_row(app: object, width: int) -> str:
    """The key line as the terminal shows it: its first `width` columns."""
    line = app.screen.query_one(KeyLine)  # type: ignore[attr-defined]
    return str(line.render())[:width]


@pytest.mark.asyncio
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("pane", ["1", "2", "3", "4", "/"])
async def test_help_shows_whole_on_the_charts_key_line(tmp_path: Path, size: tuple[int, int],
                                                       pane: str) -> None:
    db = demo_db(tmp_path / "db")
    async with on_demo(db, f"/{CHF}", "enter", pane, size=size) as (app, pilot):
        await pilot.pause()
        shown = last_row(app, size[0])
        assert "? F1 Help" in shown, shown
        assert "esc" in shown  # the way back is on the line too
        # and the key it names opens the help
        await pressed(app, pilot, "f1")
        assert isinstance(app.screen, HelpScreen)


@pytest.mark.asyncio
async def test_a_crowded_line_leaves_quit_out_first_and_keeps_accept_and_help(tmp_path: Path) -> None:
    """At 80 columns the suggestions pane's keys and the app's do not all fit: ctrl+q (a priority key
    that always works, listed on the help screen) goes; the pane's own keys and Help stay."""
    db = demo_db(tmp_path / "db")
    async with on_demo(db, f"/{CHF}", "enter", "3", size=(80, 24)) as (app, pilot):
        await pilot.pause()
        shown = last_row(app, 80)
        assert "a Accept" in shown and "c Coded" in shown and "? F1 Help" in shown
        assert "^q Quit" not in shown
        assert len(shown.rstrip()) <= 80
    async with on_demo(db, f"/{CHF}", "enter", "3", size=(120, 40)) as (app, pilot):
        await pilot.pause()
        assert "^q Quit" in last_row(app, 120)  # room for it at 120 columns


@pytest.mark.asyncio
@pytest.mark.parametrize("size", SIZES)
async def test_help_shows_on_the_queues_key_line(tmp_path: Path, size: tuple[int, int]) -> None:
    db = demo_db(tmp_path / "db")
    async with on_demo(db, size=size) as (app, pilot):
        await pilot.pause()
        assert "? F1 Help" in last_row(app, size[0])


@pytest.mark.asyncio
async def test_the_help_lists_bracket_keys_in_the_key_column(tmp_path: Path) -> None:
    """`[` (previous chart) sat one column left of every other key in the help (tmux): its width was
    taken with the markup escape in it."""
    from textual.widgets import Static

    db = demo_db(tmp_path / "db")
    async with on_demo(db, f"/{CHF}", "enter", "2") as (app, pilot):
        await pressed(app, pilot, "f1")
        assert isinstance(app.screen, HelpScreen)
        text = "\n".join(str(s.render()) for s in app.screen.query(Static))
        nxt = next(line for line in text.splitlines() if "Next chart" in line)
        prev = next(line for line in text.splitlines() if "Previous chart" in line)
        assert prev.index("[  Previous") == nxt.index("]  Next"), f"{nxt}\n{prev}"
