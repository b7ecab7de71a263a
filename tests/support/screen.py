"""What the terminal shows, as text: the app's screenshot (SVG) laid back onto its cell grid, so a test
can assert on the words a coder sees, wrapped as they are on screen."""

from __future__ import annotations

import html
import re
from typing import Any

_TEXT = re.compile(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)" textLength="[\d.]+"[^>]*>(.*?)</text>')
_CELL_W, _CELL_H, _TOP = 12.2, 24.4, 20.0  # Textual's export_screenshot geometry


def screen_text(app: Any) -> str:
    """The screen's characters, one line per terminal row (trailing spaces dropped)."""
    rows: dict[int, dict[int, str]] = {}
    for m in _TEXT.finditer(app.export_screenshot()):
        col, row = round(float(m[1]) / _CELL_W), round((float(m[2]) - _TOP) / _CELL_H)
        line = rows.setdefault(row, {})
        for i, ch in enumerate(html.unescape(m[3]).replace("\xa0", " ")):
            line[col + i] = ch
    height = max(rows) + 1 if rows else 0
    return "\n".join("".join(rows.get(r, {}).get(c, " ") for c in range(max(rows.get(r, {0: ""})) + 1))
                     .rstrip() for r in range(height))


def region_text(app: Any, widget: Any) -> str:
    """The characters inside `widget`'s region on screen (what that pane shows)."""
    r = widget.region
    lines = screen_text(app).split("\n")[r.y:r.y + r.height]
    return "\n".join(line[r.x:r.x + r.width].rstrip() for line in lines)


def words(text: str) -> str:
    """The text with box drawing, scrollbars and line breaks folded to single spaces, so a wrapped
    title reads as one phrase."""
    return " ".join(re.sub(r"[\u2500-\u259f\u2800-\u28ff]", " ", text).split())
