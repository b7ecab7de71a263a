"""A chart screen composed ahead: opening a chart gives it its account instead of composing one.

Composing and mounting the encounter screen (~45 widgets, their styles) was a third of the main
thread's work of opening a chart. The app keeps spare screens, mounted (not on the screen stack)
while the coder has not typed for `SPARE_IDLE_SECONDS` and nothing a key set off still runs (reading a
chart, looking at the queue: `TypeAheadApp.quiet_for`), so building it never delays a key; it is laid
out there too (`EncounterScreen._lay_out_ahead`). Each chart still gets a screen of its own, used
once: nothing of a previous chart can show in the next (no pane to reset). Two are kept (`_spare`,
the next chart opens on it, then `_reserve`): a coder who opens a chart and leaves it at once (the
wrong patient, a glance at the header) opens the next one on the second, without the pause that builds
another. When none is ready (a third chart in quick succession) a screen is composed as before.
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
"""Keyboard idle time after which a spare is built (~0.1 s of the main thread)."""
RESERVE_DELAY = 0.1
"""After the spare, the reserve is built this soon (the keyboard still idle for `SPARE_IDLE_SECONDS`):
a coder who waited on the queue at start-up finds both ready."""


class SpareChart(_Base):
    """Mixed into the app (a TypeAheadApp with `services`)."""

    if TYPE_CHECKING:
        services: Services

    _spare: EncounterScreen | None = None
    _spare_theme = ""
    _reserve: EncounterScreen | None = None
    _reserve_theme = ""
    _spare_timer: Timer | None = None

    def chart_screen(self, account: str) -> EncounterScreen:
        """The screen to push for `account`'s chart: a spare when one is ready, else a new one."""
        from workbench.tui.screens.encounter import EncounterScreen  # not needed for the queue to show

        spare, theme = self._take_spare()
        width_class = breakpoint_classes(EncounterScreen, self.size.width)
        # Not when the terminal's width class or the theme changed since it was styled.
        if (spare is not None and spare.is_running and spare.has_class(width_class)
                and theme == self.theme):
            spare.open_chart(account)
            screen = spare
        else:
            if spare is not None:
                spare.remove()
            screen = EncounterScreen(self.services, account)
        self.prepare_spare_chart()
        return screen

    def _take_spare(self) -> tuple[EncounterScreen | None, str]:
        """The first mounted spare (taken, the reserve moving up) and the theme it was styled in. One
        registered but still composing or mounting stays (its on_mount would open the chart a second
        time; removed before its mount ran, that mount fails): it is ready next time."""
        if self._spare is not None and self._spare.is_mounted:
            taken = self._spare, self._spare_theme
            self._spare, self._spare_theme = self._reserve, self._reserve_theme
            self._reserve, self._reserve_theme = None, ""
            return taken
        if self._reserve is not None and self._reserve.is_mounted:
            taken = self._reserve, self._reserve_theme
            self._reserve, self._reserve_theme = None, ""
            return taken
        return None, ""

    def prepare_spare_chart(self, delay: float = SPARE_IDLE_SECONDS) -> None:
        """Build a spare once the keyboard has been idle for `delay` seconds."""
        if self._spare_timer is not None:
            self._spare_timer.stop()
        self._spare_timer = self.set_timer(delay, self._build_spare, name="spare chart screen")

    def _build_spare(self) -> None:
        self._spare_timer = None
        if (self._spare is not None and self._reserve is not None) or not self.is_running:
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
        if self._spare is None:
            self._spare, self._spare_theme = spare, self.theme
            self.prepare_spare_chart(RESERVE_DELAY)
        else:
            self._reserve, self._reserve_theme = spare, self.theme
