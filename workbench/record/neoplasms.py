"""Neoplasms (ICD-10-CM Official Guidelines I.C.2): a metastasis stated with its site is coded to the
secondary site (C77-C79), "metastatic X to the liver" being the primary X and the secondary liver
neoplasm (I.C.2.l: "metastatic to" names the secondary site); C80.1 "Malignant (primary) neoplasm,
unspecified" is for a primary site the record does not know, so it gives way to a stated primary.
"""

from __future__ import annotations

import re
from typing import Any

from workbench.record.sections import LISTS_AND_RELATIVES

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
            if s.section_kind in LISTS_AND_RELATIVES or _NOT.search(s.text):
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


_BEFORE = re.compile(r"((?:[a-z]+\s+){1,4})$", _I)
_SITE_STOP = frozenset("with and or of the a an known new newly diagnosed metastatic advanced stage "
                       "recurrent history h/o hx prior".split())


def primary_site(release: Any, index: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """I.C.2 / Neoplasm Table: "pancreatic head cancer", read as C80.1 from "cancer" alone, is the primary
    site the words before it name (C25.0), when the search reads them as one primary-site code."""
    from workbench.record.combinations import make

    if index is None or not any(s.code == "C801" for s in sugs):
        return sugs
    have = coded | {s.code for s in sugs}
    out = []
    for s in sugs:
        if s.code != "C801":
            out.append(s)
            continue
        ev = s.evidence
        m = _BEFORE.search(ev.text[: ev.phrase_start - ev.start])
        words = [w for w in (m.group(1).split() if m else []) if w.lower() not in _SITE_STOP]
        hit = None
        if words:
            found = index.search(" ".join(words) + " " + ev.phrase, system="CM", billable_only=True, limit=1,
                                 min_score=0.85)
            hit = next((r for r in found if r.code[:1] == "C" and r.code[1:3].isdigit()
                        and int(r.code[1:3]) <= 76), None)
        if hit is not None and hit.code not in have and (new := make(release, s, hit.code)) is not None:
            out.append(new)
            have.add(hit.code)
        else:
            out.append(s)
    return out


# The secondary site of an organ (C77-C79, by code prefix) and the primary categories of that organ.
_ORGAN_PRIMARIES = (("C780", ("C34",)), ("C781", ("C37", "C38")), ("C782", ("C384", "C450")),
                    ("C785", ("C18", "C19", "C20")), ("C787", ("C22",)), ("C790", ("C64", "C65")),
                    ("C791", ("C67",)), ("C793", ("C71",)), ("C795", ("C40", "C41")), ("C796", ("C56",)),
                    ("C7981", ("C50",)), ("C797", ("C74",)))


def primary_not_secondary(sugs: list[Any], coded: set[str]) -> list[Any]:
    """"Metastatic lung adenocarcinoma" is a lung primary that has spread (I.C.2: "metastatic" before the
    site's cancer names the primary; "metastatic to" names the secondary site): a secondary code of the
    same organ as a primary coded or suggested, read from such words, gives way to the primary."""
    codes = coded | {s.code for s in sugs if s.system == "CM"}
    out = []
    for s in sugs:
        organ = next((p for sec, p in _ORGAN_PRIMARIES if s.code.startswith(sec)), None) \
            if s.system == "CM" else None
        if organ and any(c.startswith(organ) for c in codes) and not re.search(
                r"\b(?:to|in|involving)\b", s.evidence.phrase, _I):
            continue
        out.append(s)
    return out
