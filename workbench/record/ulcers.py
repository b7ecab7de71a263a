"""Diabetic foot ulcers (Index "Diabetes, with, foot ulcer E1x.621"; I.A.15 "with"): the combination code
and, as its "use additional code to identify site of ulcer (L97.4-, L97.5-)" note asks, the ulcer's site,
side and depth read from the same sentence ("Diabetic foot ulcer, right heel, with fat layer exposed":
E11.621 + L97.412).
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
            words = re.sub(r"\bdiabetic\b|\bulcer\w*\b|[,;()]", " ", rest, flags=_I)
            query = " ".join(("non-pressure chronic ulcer of " + words).split())
            found = index.search(query, system="CM", billable_only=True, limit=2, min_score=0.8)
            hit = next((r for r in found if r.code.startswith(("L974", "L975"))), None)
            if hit is not None:
                add(hit.code, doc, d, s, m)
    return out
