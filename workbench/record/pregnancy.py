"""Pregnancy on the maternal record (ICD-10-CM Official Guidelines I.C.15): chapter 15 codes take
precedence over other chapters' codes for the same condition.

- Gestational diabetes (I.C.15.g; E08-E13 Excludes1 "gestational diabetes (O24.4-)") is O24.4-, never
  E11: "in pregnancy" (O24.41-) or, on a delivery record, "in childbirth" (O24.42-), with its control
  (diet 0, insulin 4, oral hypoglycemic drugs 5, unspecified 9; I.C.15.g: insulin and oral drugs both
  used: insulin controlled).
- Z33.1 "Pregnant state, incidental" (I.C.15.a.1) is for a pregnancy incidental to the stay: never on a
  record that codes the pregnancy with chapter 15 codes or a delivery.
"""

from __future__ import annotations

import re
from typing import Any

_I = re.IGNORECASE
_GESTATIONAL = re.compile(r"\b(gestational diabet\w*|gdm|diabetes[^.;]{0,20}\bof pregnancy)\b", _I)
_DELIVERED = re.compile(r"\b(deliver\w*|cesarean|c-section|svd|nsvd|liveborn|postpartum|born)\b", _I)
_CONTROL = ((re.compile(r"\binsulin\b", _I), "4"),
            (re.compile(r"\b(metformin|glyburide|oral (?:hypoglycemic|agent|medication)\w*)\b", _I), "5"),
            (re.compile(r"\bdiet\b", _I), "0"))


def pregnancy(release: Any, enc: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """The suggestions held to I.C.15 (module docstring)."""
    from workbench.record.combinations import make

    texts = " ".join(d.text for d in enc.documents)
    delivered = bool(_DELIVERED.search(texts)) or any(c.startswith(("O80", "O82", "Z37", "10D", "10E"))
                                                      for c in coded)
    obstetric = delivered or any(c.startswith("O") for c in coded) or any(
        s.system == "CM" and s.code.startswith("O") for s in sugs)
    out = []
    for s in sugs:
        if s.system != "CM":
            out.append(s)
            continue
        if s.code == "Z331" and obstetric:
            continue
        if s.code[:3] in ("E08", "E09", "E10", "E11", "E13") and _GESTATIONAL.search(s.evidence.text):
            control = next((v for p, v in _CONTROL if p.search(s.evidence.text)), "9")
            new = make(release, s, f"O24.4{'2' if delivered else '1'}{control}".replace(".", ""))
            if new is not None and new.code not in coded:
                out.append(new)
            continue
        out.append(s)
    return out
