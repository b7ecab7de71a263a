"""At 80x24 the chart's DRG line wraps rather than cutting the DRG title at its deciding words ("without
MCC") and the weight after it. Real app, demo TinyDB file, release and grouper."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.geometry import Region
from textual.widgets import Static

from tests.functional.test_coder_flow import demo_db, on_demo
from tests.functional.test_flow import open_chart
from tests.support.pilot import typed

MEDICAL = "40562544"  # the demo pneumonia / hyponatremia chart


def shown(line: Static) -> str:
    strips = line.render_lines(Region(0, 0, line.size.width, line.size.height))
    return " ".join(" ".join(s.text.split()) for s in strips)


@pytest.mark.asyncio
async def test_the_drg_line_wraps_at_80_columns(tmp_path: Path) -> None:
    async with on_demo(demo_db(tmp_path / "db"), f"/{MEDICAL}", "enter", size=(80, 24)) as (app, pilot):
        screen = open_chart(app)
        await typed(app, pilot, "/", "e871", "enter", "y")
        grouping = screen.last.preview.grouping
        assert grouping.drg == "641" and grouping.title.endswith("Electrolytes without MCC")
        text = shown(screen.query_one("#enc-drg-line", Static))
        assert "Electrolytes without MCC" in text and f"wt {grouping.weight:.4f}" in text
