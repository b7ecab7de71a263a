"""A chart screen composed ahead: opening a chart gives it its account instead of composing one.

Composing and mounting the encounter screen (~45 widgets, their styles) was a third of the main
thread's work of opening a chart. The app keeps one spare screen, mounted (not on the screen stack)
while the coder has not typed for `SPARE_IDLE_SECONDS` and nothing a key set off still runs (reading a
chart, looking at the queue: `TypeAheadApp.quiet_for`), so building it never delays a key; it is laid
out there too (`EncounterScreen._lay_out_ahead`). Each chart still gets a screen of its own, used
once: nothing of a previous chart can show in the next (no pane to reset). When no spare is ready (the
first chart, charts opened in quick succession) a screen is composed as before.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from workbench.tui.screens.styled import breakpoint_classes

if TYPE_CHECKING:
    from textual.timer import Timer

    from workbench.session import Services
    from workbench.tui.screens.encounter import EncounterScreen
    from workbench.tui.typeahead import TypeAheadApp

    _Base = TypeAheadApp
else:
    _Base = object

SPARE_IDLE_SECONDS = 0.5
"""Keyboard idle time after which the spare is built (~0.1 s of the main thread)."""


class SpareChart(_Base):
    """Mixed into the app (a TypeAheadApp with `services`)."""

    if TYPE_CHECKING:
        services: Services

    _spare: EncounterScreen | None = None
    _spare_timer: Timer | None = None
    _spare_theme = ""

    def chart_screen(self, account: str) -> EncounterScreen:
        """The screen to push for `account`'s chart: the spare when one is ready, else a new one."""
        from workbench.tui.screens.encounter import EncounterScreen  # not needed for the queue to show

        spare, self._spare = self._spare, None
        if spare is not None and not spare.is_mounted:
            # Registered but still composing or mounting (its on_mount would open the chart a second
            # time; removed before its mount ran, that mount fails): it stays the spare, ready next time.
            self._spare = spare
            spare = None
        width_class = breakpoint_classes(EncounterScreen, self.size.width)
        # Not when the terminal's width class or the theme changed since it was styled.
        if (spare is not None and spare.is_running and spare.has_class(width_class)
                and self._spare_theme == self.theme):
            spare.open_chart(account)
            screen = spare
        else:
            if spare is not None:
                spare.remove()
            screen = EncounterScreen(self.services, account)
        self.prepare_spare_chart()
        return screen

    def prepare_spare_chart(self, delay: float = SPARE_IDLE_SECONDS) -> None:
        """Build a spare once the keyboard has been idle for `delay` seconds."""
        if self._spare_timer is not None:
            self._spare_timer.stop()
        self._spare_timer = self.set_timer(delay, self._build_spare, name="spare chart screen")

    def _build_spare(self) -> None:
        self._spare_timer = None
        if self._spare is not None or not self.is_running:
            return
        if not self.quiet_for(SPARE_IDLE_SECONDS):
            idle = time.monotonic() - self.last_key_at
            self.prepare_spare_chart(max(0.1, SPARE_IDLE_SECONDS - idle))
            return
        from workbench.tui.screens.encounter import EncounterScreen

        spare = EncounterScreen(self.services)
        # What push_screen does for a new screen, without pushing it (Textual's own calls).
        app: Any = self
        app._load_screen_css(spare)
        app._register(app, spare)
        self._spare, self._spare_theme = spare, self.theme
