"""The encounter screen as a coder reads it (#16): whole titles (wrapped, never cut at the deciding
word), a record wide enough to read at 120x40, a header that keeps LOS, disposition, payer and service
at 80x24, no stale what-if in the suggestions, and no internal identifiers on screen."""

from __future__ import annotations

import asyncio
import dataclasses
import functools
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList, Static, TextArea

from tests.support.app_samples import TODAY, make_long_titles_db
from tests.support.screen import region_text, screen_text, words
from workbench.settings import Settings
from workbench.tui.app import WorkbenchApp, make_app
from workbench.tui.screens.encounter import EncounterScreen
from workbench.tui.widgets.coding.coding_pane import CodingPane
from workbench.tui.widgets.drg.drg_pane import DrgPane
from workbench.tui.widgets.search.search_pane import SearchPane
from workbench.tui.widgets.suggestions.suggestions_pane import SuggestionsPane

K8001 = "Calculus of gallbladder with acute cholecystitis with obstruction"
I442 = "Atrioventricular block, complete"
PACEMAKER = "Insertion of Pacemaker, Dual Chamber into Chest Subcutaneous Tissue and Fascia, Open Approach"
INTERNAL = re.compile(r"\b[a-z]+_[a-z_]+\b|\(at [A-Z]\d\w+\)|\bno_cc\b|\b[A-Z]{3,}_[A-Z_]+\b")
"""snake_case tokens, enum names and undotted note sources: words a coder must never see."""


def run(test):
    """Run an async test body in its own event loop (as the other app tests do)."""

    @functools.wraps(test)
    def wrapper(*args, **kwargs):
        asyncio.run(test(*args, **kwargs))

    return wrapper


async def settle(app, pilot) -> None:
    for _ in range(200):
        await app.workers.wait_for_complete()
        await pilot.pause(0.02)
        if not any(w.is_running for w in app.workers):
            return


async def open_chart(pilot) -> EncounterScreen:
    app = pilot.app
    await settle(app, pilot)
    await pilot.press("enter")
    await settle(app, pilot)
    screen = app.screen
    assert isinstance(screen, EncounterScreen) and screen.session is not None
    await settle(app, pilot)
    return screen


def app_for(tmp_path: Path) -> WorkbenchApp:
    return make_app(make_long_titles_db(tmp_path / "db"), Settings(), today=TODAY, preload=False)


@asynccontextmanager
async def chart_at(tmp_path: Path, size: tuple[int, int] = (120, 40),
                   ) -> AsyncIterator[tuple[WorkbenchApp, Pilot[None], EncounterScreen]]:
    """The long-titles chart open in the app at `size`."""
    app = app_for(tmp_path)
    async with app.run_test(size=size) as pilot:
        yield app, pilot, await open_chart(pilot)


async def press(pilot: Pilot[None], *keys: str) -> None:
    await pilot.press(*keys)
    await settle(pilot.app, pilot)


async def suggestions_with_what_if(pilot: Pilot[None], screen: EncounterScreen,
                                   ) -> tuple[SuggestionsPane, Static]:
    """The suggestions pane, shown, and its detail, which has the highlighted suggestion's what-if."""
    await press(pilot, "3")
    pane = screen.query_one(SuggestionsPane)
    detail = pane.query_one("#sugg-detail", Static)
    assert "if added: DRG" in str(detail.render())
    return pane, detail


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@run
async def test_coding_list_shows_whole_titles(tmp_path: Path, size: tuple[int, int]) -> None:
    async with chart_at(tmp_path, size) as (app, pilot, screen):
        shown = words(region_text(app, screen.query_one(CodingPane)))
        for title in (K8001, I442, PACEMAKER):
            assert title in shown, f"{title!r} not whole in the coding list at {size}: {shown}"
        assert "…" not in shown


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@run
async def test_search_results_show_whole_titles(tmp_path: Path, size: tuple[int, int]) -> None:
    async with chart_at(tmp_path, size) as (app, pilot, screen):
        await press(pilot, "/", *"cholecystitis obstruction")
        results = screen.query_one("#search-results", OptionList)
        shown = words(region_text(app, results))
        assert f"K80.01 CC {K8001}" in shown, shown


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@run
async def test_suggestions_show_whole_titles(tmp_path: Path, size: tuple[int, int]) -> None:
    async with chart_at(tmp_path, size) as (app, pilot, screen):
        await press(pilot, "3")
        pane = screen.query_one(SuggestionsPane)
        assert any(s.code == "02H63JZ" for s in pane.suggestions)
        shown = words(region_text(app, pane.query_one("#sugg-list")))
        assert "02H63JZ Insertion of Pacemaker Lead into Right Atrium, Percutaneous Approach" in shown, shown


@run
async def test_record_is_readable_at_120_columns(tmp_path: Path) -> None:
    """The record reads at half the screen (the issue saw it wrapped at about 28 columns), and the
    DRG preview does not spend its room on disclaimers."""
    async with chart_at(tmp_path) as (app, pilot, screen):
        await press(pilot, "1")
        reader = screen.query_one("#reader", TextArea)
        assert reader.content_region.width >= 50
        assert "78-year-old woman admitted with syncope. Telemetry: complete heart block." in \
            words(region_text(app, reader))
        drg = words(region_text(app, screen.query_one(DrgPane)))
        assert "principal diagnosis is the condition established" not in drg  # in the help (F1)
        assert "base_rate" not in drg


@run
async def test_header_keeps_los_disposition_payer_service_at_80(tmp_path: Path) -> None:
    async with chart_at(tmp_path, (80, 24)) as (app, pilot, screen):
        header = region_text(app, screen.query_one("#enc-header", Static))
        for part in ("A1005", "New", "Loe, Ada", "LOS 4", "disp 01", "Medicare Advantage", "Cardiology"):
            assert part in header, header


@run
async def test_no_stale_what_if_under_an_emptied_list(tmp_path: Path) -> None:
    """Dismissing the suggestions one by one: when the list is empty, no "if added" of the last one
    stays under "no suggestions"."""
    async with chart_at(tmp_path) as (app, pilot, screen):
        pane, detail = await suggestions_with_what_if(pilot, screen)
        for _ in range(len(pane.suggestions)):
            await press(pilot, "x")
        assert pane.suggestions == []
        shown = region_text(app, pane)
        assert "no suggestions" in shown and "if added" not in shown, shown


@run
async def test_what_if_goes_as_soon_as_the_coding_changes(tmp_path: Path) -> None:
    """The DRG effects were computed for the coding before the change: they go before the rescan, and
    come back (recomputed) when it is in."""
    async with chart_at(tmp_path) as (app, pilot, screen):
        pane, detail = await suggestions_with_what_if(pilot, screen)
        enc = screen.session.encounter
        changed = dataclasses.replace(enc, diagnoses=enc.diagnoses[:1])
        screen.session.encounter = changed
        screen._show_encounter(changed)  # what an edit does before its regrouping and rescan run
        assert "if added" not in str(detail.render())
        assert "coding changed" in str(pane.query_one("#sugg-status", Static).render())
        screen.commit(changed, screen.session.next_seq(), "test edit")
        await settle(app, pilot)
        assert "if added: DRG" in str(detail.render())


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@run
async def test_no_internal_words_on_screen(tmp_path: Path, size: tuple[int, int]) -> None:
    """Coding list, DRG preview, suggestions with their DRG effect, and search notes: every screen in
    coder words ("not a CC/MCC", "counts as MCC", "at K80.0-"), never `no_cc`, `counted` or `K800`, and no
    parenthesis stacked on another ("weight 1.2838 (not a CC/MCC) (now 291)" said one thing twice over)."""
    async with chart_at(tmp_path, size) as (app, pilot, _screen):
        seen = [screen_text(app)]
        for keys in (("4",), ("3",), ("down",), ("down",), ("/", *"k8001")):
            await press(pilot, *keys)
            seen.append(screen_text(app))
        everything = "\n".join(seen)
        assert not INTERNAL.findall(everything), INTERNAL.findall(everything)
        assert "; counts as MCC" in words(everything)  # the heart failure suggestion's DRG effect
        assert "— at K80.0-" in words(everything)  # a note written at the subcategory
        assert not re.search(r"\)\s*\(", words(everything)), "parentheses stacked"


@run
async def test_search_notes_name_the_code_the_note_is_written_at(tmp_path: Path) -> None:
    async with chart_at(tmp_path) as (app, pilot, screen):
        await press(pilot, "/", *"k8001")
        notes = str(screen.query_one(SearchPane).query_one("#search-notes", Static).render())
        assert "— at K80.0-" in notes and "— at K80.-" in notes and "K800" not in notes


@run
async def test_keys_line_follows_the_focused_pane(tmp_path: Path) -> None:
    """The bottom line names the keys of the pane in focus (it replaced Textual's Footer, which
    rebuilt a widget per key on every focus move)."""
    async with chart_at(tmp_path) as (app, pilot, _screen):
        bottom = lambda: screen_text(app).split("\n")[-1]  # noqa: E731
        assert "p Principal" in bottom() and "^p Commands" in bottom()
        await press(pilot, "3")
        assert "a Accept" in bottom() and "p Principal" not in bottom()
        await press(pilot, "/")
        assert "⏎ Add" in bottom()
    async with chart_at(tmp_path / "small", (80, 24)) as (small, _pilot, _screen):
        assert "y/n/u/w POA" in screen_text(small).split("\n")[-1]
        assert "^p" not in screen_text(small).split("\n")[-1]  # no room: the help names ctrl+p


@run
async def test_first_scan_of_a_chart_does_not_say_the_coding_changed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening a chart reads its record once: nothing was coded in between, so the suggestions pane
    says it is scanning, never that the coding changed (it did before the first scan)."""
    shown: list[str] = []
    update = Static.update

    def recording(self: Static, *args: object, **kwargs: object) -> None:
        if self.id == "sugg-status" and args:
            shown.append(str(args[0]))
        update(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Static, "update", recording)
    async with chart_at(tmp_path) as (app, pilot, screen):
        await press(pilot, "3")
        pane = screen.query_one(SuggestionsPane)
        assert pane.suggestions, "the chart's record has suggestions"
    assert shown and not any("coding changed" in text for text in shown), shown
