"""ctrl+f looks through the whole record: a word the document read does not hold is found in the next
document that does (the stroke chart's H&P says "Sacrum intact"; the progress note stages the pressure
ulcer). In tmux it said "not found: pressure" on the H&P. Real app, demo TinyDB file."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static, TextArea

from tests.functional.test_coder_flow import demo_db, on_demo
from tests.functional.test_flow import open_chart
from tests.support.pilot import typed
from workbench.demo import demo_encounters
from workbench.record.find import find_next
from workbench.tui.widgets.record.record_pane import RecordPane

STROKE = "43701075"


def test_find_next_goes_on_to_the_next_document_and_comes_round() -> None:
    texts = ["BP 168/90. Sacrum intact.", "Stage 3 pressure ulcer.", "sacral Pressure ulcer on day 7"]
    first = find_next(texts, "pressure", 0, -1)
    assert first is not None
    assert (first.document, first.start, first.index, first.in_document, first.in_record) == (1, 8, 1, 1, 2)
    second = find_next(texts, "pressure", 1, first.start)
    assert second is not None and (second.document, second.start, second.index) == (2, 7, 1)
    again = find_next(texts, "pressure", 2, second.start)
    assert again is not None and (again.document, again.start) == (1, 8)  # round to the first
    assert find_next(texts, "sacrum", 2, -1) == find_next(texts, "SACRUM", 0, -1)
    assert find_next(texts, "warfarin", 0, -1) is None


@pytest.mark.asyncio
async def test_ctrl_f_finds_a_word_in_the_next_document_and_enter_goes_on(tmp_path: Path) -> None:
    docs = next(e for e in demo_encounters() if e.account == STROKE).documents
    assert "pressure" not in docs[0].text.lower() and "pressure ulcer" in docs[1].text.lower()
    db = demo_db(tmp_path / "db")
    async with on_demo(db, f"/{STROKE}", "enter", "1", "ctrl+f", "pressure") as (app, pilot):
        pane = open_chart(app).query_one(RecordPane)
        reader = pane.query_one("#reader", TextArea)
        status = str(pane.query_one("#find-status", Static).render())
        assert reader.text == docs[1].text, "the progress note is shown"
        assert reader.selected_text.lower() == "pressure"
        assert status == "match 1 of 1 in Progress Note (2 in the record)"
        await typed(app, pilot, "enter")
        assert reader.text == docs[2].text and reader.selected_text.lower() == "pressure"
        await typed(app, pilot, *["backspace"] * len("pressure"), "warfarin")
        assert str(pane.query_one("#find-status", Static).render()) == "not found in the record: warfarin"
