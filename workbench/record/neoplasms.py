"""Neoplasms (ICD-10-CM Official Guidelines I.C.2): a metastasis stated with its site is coded to the
secondary site (C77-C79), "metastatic X to the liver" being the primary X and the secondary liver
neoplasm (I.C.2.l: "metastatic to" names the secondary site); C80.1 "Malignant (primary) neoplasm,
unspecified" is for a primary site the record does not know, so it gives way to a stated primary.
"""

from __future__ import annotations

import re
from typing import Any

_I = re.IGNORECASE
_TO_SITE = re.compile(r"\bmetasta\w*\b[^.;]*?\b(?:to|in|involving)\s+(?:the\s+)?((?:[a-z]+\s?){1,3}?)"
                      r"(?=\s*(?:and\b|with\b|,|\.|;|$))", _I)
_SITE_METS = re.compile(r"\b((?:[a-z]+\s)?(?:liver|hepatic|bone|osseous|brain|lung|pulmonary|adrenal|"
                        r"peritoneal|lymph node|nodal|pleural))\s+"
                        r"(?:metastas[ie]s|mets|metastatic disease)\b", _I)
_ADJECTIVE = {"hepatic": "liver", "osseous": "bone", "pulmonary": "lung", "nodal": "lymph node",
              "peritoneal": "peritoneum", "pleural": "pleura"}
_NOT = re.compile(r"\b(no|without|negative for|free of|ruled out|no evidence of)\b[^.;]{0,30}\bmetasta", _I)


def metastases(release: Any, index: Any, enc: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """The secondary-site codes the record states, each with its sentence (module docstring)."""
    from workbench.record.suggest import stated_suggestion
    from workbench.record.text import sentences

    if index is None:
        return []
    have = coded | {s.code for s in sugs}
    out: list[Any] = []
    for d, doc in enumerate(enc.documents):
        if "metasta" not in doc.text.lower() and " mets" not in doc.text.lower():
            continue
        for s in sentences(doc.text, d):
            if s.section_kind in ("family", "medications", "allergies", "ros") or _NOT.search(s.text):
                continue
            for m in [*_TO_SITE.finditer(s.text), *_SITE_METS.finditer(s.text)]:
                site = m.group(1).strip().lower()
                site = _ADJECTIVE.get(site, site)
                found = index.search("secondary malignant neoplasm of " + site, system="CM",
                                     billable_only=True, limit=2, min_score=0.8)
                hit = next((r for r in found if r.code[:3] in ("C77", "C78", "C79")), None)
                if hit is None or hit.code in have:
                    continue
                if (new := stated_suggestion(release, hit.code, doc, d, s, m)) is not None:
                    out.append(new)
                    have.add(hit.code)
    return out


def primary_known(sugs: list[Any], coded: set[str]) -> list[Any]:
    """C80.1 gives way to a stated primary site (C00-C76, C7A) coded or suggested."""
    codes = coded | {s.code for s in sugs if s.system == "CM"}
    known = any(c[:1] == "C" and (c[1:3].isdigit() and int(c[1:3]) <= 76 or c.startswith("C7A"))
                for c in codes)
    return [s for s in sugs if not (known and s.code == "C801")]
