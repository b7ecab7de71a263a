"""Suggestions a coded (or suggested) code already says, read from the classification's own titles:
- I.B.5: melena, hematemesis, GI or rectal bleeding and hemorrhage NEC (K92.0-K92.2, K62.5, R58) beside a
  code whose title says the bleeding ("Diverticulosis of large intestine ... with bleeding", K57.31);
- I.C.13.d.1: a traumatic fracture code (S) beside a coded pathological fracture (M80.-, M84.4-M84.6): the
  coder read the record's "fracture after a fall from standing" in known osteoporosis as M80, and the S code
  of the same site's fracture contradicts it (another site's is another fracture).
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


# The site of a pathological fracture is its 5th character (M80.05- femur, M84.45- femur or pelvis); the S
# categories a fracture of that site is coded in. Another site's traumatic fracture is another fracture
# (a hip fracture in osteoporosis and a wrist broken in the same fall), so only the same site's S code goes.
_S_BY_SITE = {"1": ("S42",), "2": ("S42",), "3": ("S52",), "4": ("S62",), "5": ("S72", "S32"),
              "6": ("S82",), "7": ("S82", "S92"), "8": ("S12", "S22", "S32")}
_ANY_SITE = ("S",)


def traumatic_beside_pathological(release: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """No traumatic fracture code (S, "fracture" in its title) of the site of a coded pathological fracture
    (any site's when the pathological fracture's site is unspecified or other)."""
    sites = tuple({s for c in coded if c.startswith(_PATHOLOGICAL)
                   for s in _S_BY_SITE.get(c[4:5], _ANY_SITE)})
    if not sites:
        return sugs
    out = []
    for s in sugs:
        item = release.cm(s.code) if s.system == "CM" and s.code.startswith(sites) else None
        if item is not None and "fracture" in (item.title or "").lower():
            continue
        out.append(s)
    return out
