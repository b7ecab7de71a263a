"""Words in square brackets in code titles and notes ("Foodborne Clostridium perfringens [Clostridium
welchii] intoxication") show on screen: Textual's markup read them as style tags and dropped them.
Real app, real release."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from tests.functional.test_app import app_on, open_account, settle


@pytest.mark.asyncio
async def test_search_notes_keep_the_bracketed_words_of_a_title(tmp_path: Path) -> None:
    pytest.importorskip("codesets.release.core")
    app = app_on(tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_account(app, pilot, "A1004")
        await pilot.press("slash", *"a05.2")
        await settle(app, pilot)
        notes = str(screen.query_one("#search-notes", Static).render())
        assert "Foodborne Clostridium perfringens [Clostridium welchii] intoxication" in notes
