"""What a coder reads on the demo charts, as exact strings (#16, flow20's sweep): the suggestion detail
and the search what-if say the DRG and the code's role once, with no parenthesis stacked on another
("weight 1.2838 (not a CC/MCC) (now 291)" before), no internal status ("(counted)"), and counts in
words ("4 suggestions", not "4 suggestion(s)"). Real app, demo data, release and grouper.
FY2026 Table 5 weights: DRG 291 1.2838, 292 0.8490, 293 0.5660."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.widgets import Static

from tests.functional.test_coder_flow import demo_db, on_chf, on_demo
from tests.support.pilot import pressed, typed
from tests.support.screen import region_text, screen_text, words
from workbench.tui.app import WorkbenchApp
from workbench.tui.screens.encounter import EncounterScreen
from workbench.tui.widgets.search.search_pane import SearchPane
from workbench.tui.widgets.suggestions.suggestions_pane import SuggestionsPane


@asynccontextmanager
async def on_demo_chart(db: Path, account: str, *keys: str, size: tuple[int, int] = (120, 40),
                        ) -> AsyncIterator[tuple[WorkbenchApp, EncounterScreen]]:
    async with on_demo(db, f"/{account}", "enter", *keys, size=size) as (app, _pilot):
        assert isinstance(app.screen, EncounterScreen)
        yield app, app.screen


@pytest.mark.asyncio
@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_suggestion_detail_says_the_drg_and_the_role_once(tmp_path: Path,
                                                               size: tuple[int, int]) -> None:
    # The principal accepted (a y): the heart-failure chart groups to 293; I50.23 would make it 291.
    async with on_chf(demo_db(tmp_path / "db"), "3", size=size) as (app, pilot, screen):
        await pressed(app, pilot, "a", "y")  # after the scan has listed them (settled), then the accept
        pane = screen.query_one(SuggestionsPane)
        shown = words(region_text(app, pane))
        assert "4 suggestions from the record" in shown and "suggestion(s)" not in shown
        assert ("I50.23 Acute on chronic systolic (congestive) heart failure" in shown)
        assert ("if added: DRG 291 Heart Failure and Shock with MCC, weight 1.2838 (now DRG 293); "
                "counts as MCC") in shown
        assert "MCC as a secondary diagnosis" not in shown  # the what-if line says how it counts
        await typed(app, pilot, "down")  # E11.9: no change to the DRG
        shown = words(region_text(app, pane))
        assert ("if added: DRG 293 Heart Failure and Shock without CC/MCC, weight 0.5660, no change; "
                "not a CC/MCC") in shown
        assert ") (" not in shown.replace("(congestive)", "")


@pytest.mark.asyncio
async def test_suggestion_severity_before_the_chart_groups(tmp_path: Path) -> None:
    """No principal yet, so no what-if: the level is said in words, not a bare "MCC" line."""
    async with on_chf(demo_db(tmp_path / "db"), "3") as (app, pilot, screen):
        await pressed(app, pilot, "down")  # I50.23, an MCC
        detail = str(screen.query_one(SuggestionsPane).query_one("#sugg-detail", Static).render())
        assert detail.splitlines()[-1] == "MCC as a secondary diagnosis"
        assert "if added" not in detail


@pytest.mark.asyncio
async def test_search_what_if_names_the_role_in_coder_words(tmp_path: Path) -> None:
    async with on_chf(demo_db(tmp_path / "db"), "3", "a", "y", "/", *"n17.9") as (app, pilot, screen):
        await typed(app, pilot, "ctrl+o")
        notes = words(str(screen.query_one(SearchPane).query_one("#search-notes", Static).render()))
        assert notes.startswith("if N17.9 were added: DRG 292 Heart Failure and Shock with CC, "
                                "weight 0.8490; counts as CC; now DRG 293 Heart Failure and Shock "
                                "without CC/MCC, weight 0.5660"), notes
        assert "(counted)" not in notes


@pytest.mark.asyncio
async def test_drg_pane_finding_states_its_rule_on_a_line_of_its_own(tmp_path: Path) -> None:
    """The burn chart coded as its answer key, T31.0's POA blank and no CMS POA-exempt list imported: the
    finding says what to do once, its rule stands on its own line (it was "(... `workbench codesets
    import POAexemptCodes...txt`) (ICD-10-CM ... (no CMS ... Appendix I))")."""
    from workbench.demo.coded import coded_encounters
    from workbench.store.core import Store
    from workbench.tui.widgets.drg.drg_pane import DrgPane

    db = tmp_path / "db"
    with Store.open(db) as store:
        store.add_many(coded_encounters())
    async with on_demo_chart(db, "48363854", "4") as (app, screen):
        lines = str(screen.query_one(DrgPane).query_one("#drg-text", Static).render()).split("\n")
        at = lines.index("Findings (1)")
        assert lines[at + 1:at + 3] == [
            "  warning T31.0: POA is blank for T31.0 (secondary 1): report Y, N, U or W; it is in no "
            "POA-exempt category of Appendix I, as inferred: no CMS POA-exempt list is imported for 2026.1 "
            "(workbench codesets import loads it)",
            "    rule: ICD-10-CM Official Guidelines, Appendix I: POA reporting and the POA-exempt "
            "categories"], lines
        assert not any("`" in line or ") (" in line for line in lines)


@pytest.mark.asyncio
async def test_lock_question_names_the_coder_and_host_not_the_process(tmp_path: Path) -> None:
    """Another coder's session holds the chart: the question says who, where and since when in local
    minutes; it showed "(ws12:4242:873311, since 2026-...T04:37:45+00:00)" before."""
    import re

    from workbench.store.core import Store

    db = demo_db(tmp_path / "db")
    with Store.open(db) as other:  # held open: closing a store releases its locks
        other.session = "ws12:4242:873311"  # a process on another workstation
        other.lock("48827979", user="dana")
        async with on_demo(db, "/48827979", "enter") as (app, _pilot):
            shown = words(screen_text(app))
            assert re.search(r"48827979 is open for editing by dana on ws12, "
                             r"since \d{4}-\d\d-\d\d \d\d:\d\d\. R open read-only T take over the lock",
                             shown), shown
            assert "4242" not in shown and "873311" not in shown


@pytest.mark.asyncio
async def test_help_at_80x24_wraps_ids_under_their_keys_and_names_the_keymap_section(tmp_path: Path) -> None:
    """The help's key lines wrap beside their key (an id started a line of its own at 80 columns), the
    closing line names config.toml's [keymap] section (the markup ate "[keymap]"), and the coding list
    does not offer Enter "Select", which selects nothing there."""
    async with on_chf(demo_db(tmp_path / "db"), "2", size=(80, 24)) as (app, pilot, _s):
        await pressed(app, pilot, "f1")
        text = str(app.screen.query_one("#help-text", Static).render())
        lines = text.split("\n")
        at = lines.index("          3  Show and focus the record-driven suggestions")
        assert lines[at + 1] == "             encounter.suggestions"
        assert "          c  Mark coded  encounter.coded" in lines
        assert ("the [keymap] section of config.toml (workbench config keys lists them)"
                in words(text))
        assert "Select" not in text and "Page left" in text and "Page Left" not in text
        assert not [line for line in lines if line.startswith(("encounter.", "coding.", "app."))]


@pytest.mark.asyncio
async def test_palette_names_areas_in_words(tmp_path: Path) -> None:
    from textual.command import CommandList

    async with on_chf(demo_db(tmp_path / "db")) as (app, pilot, _s):
        await pressed(app, pilot, "ctrl+p")
        await typed(app, pilot, *"mark coded")
        for _ in range(100):
            hits = app.screen.query_one(CommandList)
            if hits.option_count:
                break
            await pilot.pause(0.05)
        prompts = [str(hits.get_option_at_index(i).prompt) for i in range(hits.option_count)]
        assert any(p.startswith("Encounter: Mark coded") and p.endswith("key c") for p in prompts), prompts
        assert not any(p.startswith(("encounter:", "app:", "queue:")) for p in prompts)


@pytest.mark.asyncio
async def test_queue_summary_says_none_grouped_in_words(tmp_path: Path) -> None:
    """The demo as shipped, nothing coded: "CMI - over 0 grouped" read as a formula."""
    async with on_demo(demo_db(tmp_path / "db"), size=(80, 24)) as (app, _pilot):
        summary = str(app.screen.query_one("#queue-summary", Static).render())
        assert summary == "68 encounters (all)  none grouped yet  sorted by discharge date"
