"""Suggestions a coded (or suggested) code already says, read from the classification's own titles:
- I.B.5: melena, hematemesis, GI or rectal bleeding and hemorrhage NEC (K92.0-K92.2, K62.5, R58) beside a
  code whose title says the bleeding ("Diverticulosis of large intestine ... with bleeding", K57.31);
- I.C.13.d.1: a traumatic fracture code (S) beside a coded pathological fracture (M80.-, M84.4-M84.6): the
  coder read the record's "fracture after a fall from standing" in known osteoporosis as M80, and the S code
  of the same fracture contradicts it.
"""

from __future__ import annotations

import re
from typing import Any

_BLEEDING_SIGNS = ("K920", "K921", "K922", "K625", "R58")
_SAYS_BLEEDING = re.compile(r"\bwith\b[^,;]*?\b(?:hemorrhage|bleeding)\b", re.IGNORECASE)
_PATHOLOGICAL = ("M80", "M844", "M845", "M846")


def bleeding_said(release: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """No bleeding sign beside a code whose title says "with hemorrhage" / "with bleeding"."""
    if not any(s.system == "CM" and s.code.startswith(_BLEEDING_SIGNS) for s in sugs):
        return sugs
    have = coded | {s.code for s in sugs if s.system == "CM"}
    bleeding = set()
    for c in have:
        item = release.cm(c) if not c.startswith(_BLEEDING_SIGNS) else None
        title = (item.title or "") if item is not None else ""
        if _SAYS_BLEEDING.search(title) and "without hemorrhage" not in title.lower() \
                and "without bleeding" not in title.lower():
            bleeding.add(c)
    if not bleeding:
        return sugs
    return [s for s in sugs if not (s.system == "CM" and s.code.startswith(_BLEEDING_SIGNS))]


def traumatic_beside_pathological(release: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """No traumatic fracture code (S, "fracture" in its title) beside a coded pathological fracture."""
    if not any(c.startswith(_PATHOLOGICAL) for c in coded):
        return sugs
    out = []
    for s in sugs:
        item = release.cm(s.code) if s.system == "CM" and s.code.startswith("S") else None
        if item is not None and "fracture" in (item.title or "").lower():
            continue
        out.append(s)
    return out
