"""Cells of the CSV files the workbench writes and reads: safe to open in a spreadsheet, read back whole.

A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` (and, in some, a tab or carriage return)
as a formula: `=cmd|' /C calc'!A0` in a patient name would run a program on the coder's machine. Every
such cell is written with a leading single quote, as OWASP advises ("CSV Injection"); a cell that already
begins with a quote before one of those characters (or another quote) gets one more, so that reading
takes exactly one off and the CSV round trip gives back the text as it was.
"""

from __future__ import annotations

import csv

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# The csv module refuses a cell over 128 KB by default; a discharge summary in the documents column can
# be longer. Past this a file is refused with its line named rather than read into memory.
FIELD_LIMIT = 64 * 2**20


def escape(cell: str) -> str:
    """The cell as written: a quote before text a spreadsheet would run as a formula."""
    if cell.startswith(FORMULA_START) or (cell.startswith("'") and cell[1:2] in (*FORMULA_START, "'")):
        return "'" + cell
    return cell


def unescape(cell: str) -> str:
    """The text of a cell `escape` wrote (a cell without the quote prefix is read as it is)."""
    if cell.startswith("'") and cell[1:2] in (*FORMULA_START, "'"):
        return cell[1:]
    return cell


def allow_long_cells() -> None:
    """Let the csv module read cells up to FIELD_LIMIT (the setting is per process)."""
    if csv.field_size_limit() < FIELD_LIMIT:
        csv.field_size_limit(FIELD_LIMIT)
