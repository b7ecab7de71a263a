"""A Resize reaching a Tabs before its Underline bar is mounted (a chart screen laid out ahead of use) used
to raise NoMatches in Textual's Tabs._on_resize and end the app. With the workbench's guard the app stays
up and the bar still lands under the active tab once mounted."""

from __future__ import annotations

import pytest
from textual.app import App, ComposeResult
from textual.widgets import Tab, Tabs
from textual.widgets._tabs import Underline

import workbench.tui.app  # noqa: F401 - installs the guard, as running the workbench does


class _TwoTabs(App[None]):
    def compose(self) -> ComposeResult:
        yield Tabs(Tab("Record", id="a"), Tab("Suggestions", id="b"))


@pytest.mark.asyncio
async def test_a_resize_before_the_tabs_bar_is_mounted_does_not_end_the_app() -> None:
    app = _TwoTabs()
    async with app.run_test(size=(60, 10)) as pilot:
        early = Tabs(Tab("One", id="one"))
        early._on_resize()  # as a Resize dispatched before compose mounted its children
        tabs = app.query_one(Tabs)
        tabs.active = "b"
        await pilot.pause()
        assert app.is_running and app._exception is None
        bar = tabs.query_one(Underline)
        assert bar.show_highlight and bar.highlight_end > bar.highlight_start
