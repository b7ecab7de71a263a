"""Diabetic foot ulcers (Index "Diabetes, with, foot ulcer E1x.621"; I.A.15 "with"): the combination code
and, as its "use additional code to identify site of ulcer (L97.4-, L97.5-)" note asks, the ulcer's site,
side and depth read from the same sentence ("Diabetic foot ulcer, right heel, with fat layer exposed":
E11.621 + L97.412). The site, side and depth words build the L97 code (site_code); the search reads the
sentence only when they name no part of the foot, and an L97.4-/L97.5- code read elsewhere of the same
ulcer gives way to the built one (guided.py).
"""

from __future__ import annotations

import re
from typing import Any

from workbench.record.sections import NOT_THIS_STAY_NOR_HPI

_I = re.IGNORECASE
_DIABETIC_ULCER = re.compile(r"\bdiabetic (?:foot |heel |toe |plantar )?ulcer\w*\b|"
                             r"\bdiabet\w*[^.;]{0,40}\bwith\b[^.;]{0,20}\b(?:foot|heel|toe) ulcer\w*\b", _I)
_TYPE_1 = re.compile(r"\b(type 1|type i|t1dm|iddm)\b", _I)
_SITE = re.compile(r"\b(heel|midfoot|toe|great toe|forefoot|plantar|ankle|metatarsal\w*|foot)\b", _I)
_NOT = re.compile(r"\b(no|without|denies|negative|resolved|healed|history of|h/o)\b[^.;]{0,20}\bulcer", _I)


_HEEL = re.compile(r"\b(heel|midfoot|mid-foot|calcane\w*)\b", _I)
_OTHER_FOOT = re.compile(r"\b(toes?|great toe|hallux|forefoot|metatarsal\w*|plantar|ball of (?:the )?foot|"
                         r"dorsum|dorsal|foot)\b", _I)
# The depth words of L97's sixth character, the deepest said first.
_DEPTHS = ((re.compile(r"\bnecrosis of bone\b|\bbone necrosis\b", _I), "4"),
           (re.compile(r"\bbone (?:involvement|exposed)\b|\bexposed bone\b|\bto (?:the )?bone\b", _I), "6"),
           (re.compile(r"\bnecrosis of muscle\b|\bmuscle necrosis\b", _I), "3"),
           (re.compile(r"\bmuscle (?:involvement|exposed)\b|\bexposed muscle\b", _I), "5"),
           (re.compile(r"\bfat (?:layer )?exposed\b|\bexposed fat\b|\bfat layer\b|\bsubcutaneous\b", _I),
            "2"),
           (re.compile(r"\b(?:limited to )?(?:breakdown of (?:the )?skin|skin breakdown)\b|\bpartial[- ]"
                       r"thickness\b", _I), "1"))
_SIDE = re.compile(r"\b(right|left|rt|lt)\b", _I)


def site_code(text: str) -> str | None:
    """The L97.4-/L97.5- code the ulcer's own words give ("right foot, plantar surface of first metatarsal
    head, with fat layer exposed": L97.512): the heel and midfoot are L97.4-, any other part of the foot
    L97.5-; the side said first (none: unspecified); the depth said (none: unspecified severity)."""
    part = "4" if _HEEL.search(text) else "5" if _OTHER_FOOT.search(text) else None
    if part is None:
        return None
    side = _SIDE.search(text)
    lat = "0" if side is None else "1" if side.group(1).lower() in ("right", "rt") else "2"
    depth = next((v for p, v in _DEPTHS if p.search(text)), "9")
    return f"L97{part}{lat}{depth}"


def diabetic_ulcers(release: Any, index: Any, enc: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """E1x.621 and the L97 site code for each diabetic foot ulcer the record asserts (module docstring)."""
    from workbench.record.suggest import stated_suggestion
    from workbench.record.text import sentences

    if index is None:
        return []
    have = coded | {s.code for s in sugs}
    out: list[Any] = []

    def add(code: str, doc: Any, d: int, s: Any, m: re.Match[str]) -> None:
        if code not in have and (new := stated_suggestion(release, code, doc, d, s, m)) is not None:
            out.append(new)
            have.add(code)

    for d, doc in enumerate(enc.documents):
        if not _DIABETIC_ULCER.search(doc.text):
            continue
        for s in sentences(doc.text, d):
            if s.section_kind in NOT_THIS_STAY_NOR_HPI:
                continue
            m = _DIABETIC_ULCER.search(s.text)
            if m is None or _NOT.search(s.text):
                continue
            add(("E10" if _TYPE_1.search(s.text) else "E11") + "621", doc, d, s, m)
            rest = s.text[m.end():] if _SITE.search(s.text[m.end():]) else s.text
            built = site_code(rest if _SIDE.search(rest) else s.text)
            # (only a code the words fully state: with the side or the depth unsaid, the search reads the
            # sentence as before, and another line that states them gives its code)
            if built is not None and built[4] != "0" and built[5] != "9" \
                    and (item := release.cm(built)) is not None and item.billable:
                add(built, doc, d, s, m)
                continue
            words = re.sub(r"\bdiabetic\b|\bulcer\w*\b|[,;()]", " ", rest, flags=_I)
            query = " ".join(("non-pressure chronic ulcer of " + words).split())
            found = index.search(query, system="CM", billable_only=True, limit=2, min_score=0.8)
            hit = next((r for r in found if r.code.startswith(("L974", "L975"))), None)
            if hit is not None:
                add(hit.code, doc, d, s, m)
    return out
