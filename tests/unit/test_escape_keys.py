"""Escape typed just before a character keeps both keys (workbench/tui/escape_keys.py)."""

from __future__ import annotations

from textual._xterm_parser import XTermParser

from workbench.tui.escape_keys import EscapeKeepingParser


def keys(parser: XTermParser, data: str) -> list[str]:
    out = [e.key for e in parser.feed(data) if hasattr(e, "key")]
    if parser._timeout_time is not None:
        parser._timeout_time = 0.0  # ESCDELAY has run out (what the next tick of the driver finds)
    out += [e.key for e in parser.tick() if hasattr(e, "key")]
    return out


def test_escape_then_slash_and_name_in_one_read_keeps_the_escape() -> None:
    assert keys(EscapeKeepingParser(), "\x1b/moe\r") == ["escape", "slash", "m", "o", "e", "enter"]
    assert keys(EscapeKeepingParser(), "\x1bk") == ["escape", "k"]


def test_textual_alone_loses_that_escape() -> None:
    # What the subclass exists for: if Textual changes this, the subclass may no longer be needed.
    assert "escape" not in keys(XTermParser(), "\x1b/moe\r")


def test_real_sequences_and_a_lone_escape_are_unchanged() -> None:
    assert keys(EscapeKeepingParser(), "\x1b[A") == ["up"]
    assert keys(EscapeKeepingParser(), "\x1b") == ["escape"]


def test_escape_then_a_pane_digit_keeps_the_escape() -> None:
    """`Escape 2` typed fast in the search box (leave it, then the coding list) gave "™" (Textual reads
    ESC 2 as WezTerm's Option+2) and typed it into the search (tmux)."""
    assert keys(EscapeKeepingParser(), "\x1b2") == ["escape", "2"]
    assert keys(EscapeKeepingParser(), "\x1b3]") == ["escape", "3", "right_square_bracket"]
    assert keys(EscapeKeepingParser(), "\x1b-") == ["escape", "minus"]
    assert keys(XTermParser(), "\x1b2") == ["trade_mark_sign"]  # what Textual alone does
