"""The suggestions list on a chart with no principal diagnosis: the codes that may be principal come first
(Z66 do-not-resuscitate, unacceptable as principal, no longer leads the sepsis chart), and once a principal
is coded the list is in record order again. Real app, demo TinyDB file, release, grouper and MCE."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import OptionList

from tests.functional.test_coder_flow import demo_db, on_demo
from tests.functional.test_flow import open_chart
from tests.support.pilot import typed
from workbench.tui.widgets.suggestions.suggestions_pane import SuggestionsPane

SEPSIS = "40720680"  # the demo sepsis chart: its record states DNR before sepsis and pneumonia


@pytest.mark.asyncio
async def test_no_principal_yet_the_list_leads_with_a_code_that_may_be_principal(tmp_path: Path) -> None:
    db = demo_db(tmp_path / "db")
    async with on_demo(db, f"/{SEPSIS}", "enter", "3") as (app, pilot):
        screen = open_chart(app)
        assert screen.session.encounter.diagnoses == []
        pane = screen.query_one(SuggestionsPane)
        codes = [s.code for s in pane.suggestions]
        assert codes[0] == "A419" and "Z66" in codes and "J189" in codes
        # every code after Z66 is one that may not be principal either (the order is otherwise kept)
        assert codes.index("Z66") > codes.index("J189") > codes.index("A419")
        lst = pane.query_one("#sugg-list", OptionList)
        assert lst.highlighted == 0 and str(lst.get_option_at_index(0).prompt).startswith("A41.9")
        # `a y` on the first line: sepsis is the principal, POA Y; the rest is in record order again
        await typed(app, pilot, "a", "y")
        assert [(d.code, d.poa) for d in screen.session.encounter.diagnoses] == [("A419", "Y")]
        codes = [s.code for s in pane.suggestions]
        assert codes.index("Z66") < codes.index("J189")
