"""I.B.13 laterality: the side a suggestion's code names is the side its sentence says.

A reading can name a side the sentence does not say: "left calf DVT" read through the Index's "Thrombosis,
vein, deep (DVT) NOS" as I82.401 (right lower extremity). The code of the same category whose title says
the sentence's side instead ("... left lower extremity", I82.402) replaces it; with no side in the sentence,
the one whose title says "unspecified" there (I82.409). A sentence naming both sides is left alone.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING, Any

from workbench.record.specific import _leaves, _title_list

if TYPE_CHECKING:
    from workbench.record.suggest import Suggestion

_SIDES = {"right": "right", "rt": "right", "r": "right", "left": "left", "lt": "left", "l": "left"}
_SIDE_RE = re.compile(r"\b(right|left|rt|lt|bilateral|both|r|l)\b", re.IGNORECASE)
_OPPOSITE = {"right": "left", "left": "right"}


# Side abbreviations: lobes (RUL, LLL), limbs (RLE, LUE), quadrants (RLQ), joints, amputations (LTKA).
_SIDE_ABBREVIATION = re.compile(r"\b([RL])(?:UL|ML|LL|LE|UE|LQ|UQ|IJ|TKA|THA|BKA|AKA|KA|HA)\b")
# Any other short capitalised R/L word may be a side too (an unknown one): then no side is "unspecified".
_MAYBE_SIDE = re.compile(r"\b[RL][A-Z]{1,3}\b")


def _said(text: str) -> set[str]:
    """The sides the sentence names ("bilateral"/"both" count as both; "?" for an abbreviation that may
    name one)."""
    out: set[str] = {"right" if m.group(1) == "R" else "left" for m in _SIDE_ABBREVIATION.finditer(text)}
    if not out and _MAYBE_SIDE.search(text):
        out.add("?")
    for m in _SIDE_RE.finditer(text):
        w = m.group(1).lower()
        if w in ("bilateral", "both"):
            out |= {"right", "left"}
        elif w in ("r", "l") and m.group(1).islower():
            continue  # a lone lower-case "r"/"l" is no side ("l" for litre)
        else:
            out.add(_SIDES[w])
    return out


def _sibling(release: Any, code: str, title: str, wanted: str) -> str | None:
    """The code of the category whose title is this one's with its side word replaced by `wanted`."""
    mine = _title_list(title)
    side = next((w for w in mine if w in _OPPOSITE), None)
    if side is None or mine.count(side) != 1:
        return None
    target = [wanted if w == side else w for w in mine]
    for cand, ctitle, *_rest in _leaves(release, code[:3]):
        if cand != code and len(cand) == len(code) and cand[6:] == code[6:] and _title_list(ctitle) == target:
            return cand
    return None


def side_said(release: Any, sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """Each CM suggestion with the side its sentence says (module docstring)."""
    from workbench.record.combinations import make

    out = []
    for s in sugs:
        words = _title_list(s.title) if s.system == "CM" else []
        side = next((w for w in words if w in _OPPOSITE), None)
        if side is None:
            out.append(s)
            continue
        said = _said(s.evidence.text)
        wanted = _OPPOSITE[side] if said == {_OPPOSITE[side]} else "unspecified" if not said else None
        cand = _sibling(release, s.code, s.title, wanted) if wanted else None
        if cand is not None and cand not in coded and (new := make(release, s, cand)) is not None:
            s = dataclasses.replace(new, kind=s.kind, query=s.query)
        out.append(s)
    return out
