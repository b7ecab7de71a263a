"""What the encounter screen's mixins (adding codes, the workflow keys, the chart flow) use of the
screen, declared once for the type checker; `EncounterScreen` defines it all."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.screen import Screen

    from workbench.model.encounter import Encounter
    from workbench.session import EncounterSession, Services

    _Base = Screen[None]
else:
    _Base = object


class EncounterParts(_Base):
    """The base of the encounter screen's mixins (nothing at run time)."""

    if TYPE_CHECKING:
        session: EncounterSession | None
        services: Services

        def apply(self, enc: Encounter, what: str, focus: tuple[str, int] | None = None,
                  reason: str | None = None, then: Encounter | None = None,
                  undoable: bool = True) -> None: ...
