"""Escape followed quickly by a character: keep both keys.

A terminal sends Escape as the byte ESC, which also starts every escape sequence, so Textual waits
ESCDELAY (100 ms) for more bytes. When the coder types Escape and then `/` within that time, the
bytes "ESC /" form no known sequence; Textual's parser gives the rest back as keys, but reads the ESC
as an Alt modifier: `/` comes out as a plain slash (the Escape is lost), a letter as alt+letter.
`Escape / kenji Enter` typed at speed then filtered nothing and opened another patient. The
workbench binds no Alt+character key, so the parser used here gives an ESC before a character back
as the Escape key it was.

This subclasses Textual's private `XTermParser` (textual 8.2.8, pinned); tests/unit/test_escape_keys.py
feeds it the bytes and pins the behaviour.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import events
from textual._ansi_sequences import ANSI_SEQUENCES_KEYS
from textual._xterm_parser import XTermParser


class EscapeKeepingParser(XTermParser):
    def _sequence_to_key_events(self, sequence: str, alt: bool = False) -> Iterable[events.Key]:
        if (len(sequence) == 2 and sequence[0] == "\x1b" and sequence[1].isprintable()
                and isinstance(ANSI_SEQUENCES_KEYS.get(sequence), str)):
            # ESC then a digit (or - =) typed fast: Textual reads WezTerm's macOS Option+digit and
            # gives "™" for `Escape 2`, which then typed "™" into the search box instead of leaving it
            # for the coding list. Keep both keys.
            yield events.Key("escape", "\x1b")
            yield from super()._sequence_to_key_events(sequence[1], alt=False)
            return
        if alt and len(sequence) == 1 and sequence.isprintable():
            yield events.Key("escape", "\x1b")
            yield from super()._sequence_to_key_events(sequence, alt=False)
            return
        yield from super()._sequence_to_key_events(sequence, alt)


def install() -> None:
    """Use the parser in the terminal drivers (called once, before the app runs)."""
    from textual.drivers import linux_driver

    # textual imports XTermParser into linux_driver without re-exporting it, so its stubs hide the name
    linux_driver.XTermParser = EscapeKeepingParser  # type: ignore[attr-defined]
