"""What the grouper and the Medicare Code Editor know about one diagnosis code, for the code card.

- HAC category: the grouper's HAC list, asked with the code as a secondary reported POA N (CMS HAC
  payment provision); categories whose criteria also need a procedure (HAC 08, 10-14) are named with
  that condition.
- Principal diagnosis: the MCE's "Unacceptable principal diagnosis", "Manifestation code as principal
  diagnosis" and "External causes of morbidity codes as principal diagnosis" edits, asked with the code
  as the principal of a one-code claim edited for the period's first day.
- POA exemption: the CMS list when imported, else inferred from Appendix I (codesets.release.poa_categories).
"""

from __future__ import annotations

from typing import Any

import orjson

from codesets.release.calendar import Period
from codesets.release.poa_categories import exemption
from workbench.drg.service import DrgService

_PROBE_PDX = "R0789"  # other chest pain: a plain, acceptable principal that is no CC and no HAC
_PRINCIPAL_EDITS = {"UNACCEPTABLE_PDX": "unacceptable", "MANIFESTATION_AS_PDX": "manifestation",
                    "E_CODE_AS_PDX": "external cause"}


def _claim(per: Period, pdx: dict[str, str], sdx: list[dict[str, str]]) -> dict[str, Any]:
    day = per.start
    return {"version": per.grouper_version, "age": 65, "sex": 2, "discharge_status": 1,
            "hospital_status": "NOT_EXEMPT", "pdx": pdx, "sdx": sdx, "procedures": [],
            "discharge_date": day.year * 10000 + day.month * 100 + day.day}


def hac_category(code: str, per: Period, svc: DrgService) -> dict[str, Any] | None:
    """{"category": "HAC05", "title": ..., "needs_procedure": bool} or None when not on the HAC list."""
    claim = _claim(per, {"code": _PROBE_PDX, "poa": "Y"}, [{"code": code, "poa": "N"}])
    claim.pop("discharge_date")
    raw = svc.run_grouper(orjson.dumps(claim))
    for out in raw.get("sdx_output") or ():
        for h in out.get("hacs") or ():
            if h.get("hac_list"):
                return {"category": h["hac_list"], "title": h.get("description", ""),
                        "needs_procedure": h.get("hac_status") != "HAC_CRITERIA_MET"}
    return None


def principal_status(code: str, per: Period, svc: DrgService) -> str:
    """"acceptable", or the MCE's reason it cannot be the principal diagnosis."""
    raw = svc.run_mce(orjson.dumps(_claim(per, {"code": code, "poa": "Y"}, [])))
    for e in raw.get("edits") or ():
        name = e.get("name") if isinstance(e, dict) else str(e)
        if name in _PRINCIPAL_EDITS:
            return _PRINCIPAL_EDITS[name]
    return "acceptable"


def code_flags(code: str, per: Period, svc: DrgService) -> dict[str, Any]:
    """The card's flags for a normalised ICD-10-CM code in a period."""
    ex = exemption(code, per.release)
    principal = principal_status(code, per, svc)
    return {
        "hac": hac_category(code, per, svc),
        "poa_exempt": ex.exempt,
        "poa_exempt_inferred": ex.inferred,
        "poa_exempt_text": ex.describe(per.release),
        "principal": principal,
        "manifestation": principal == "manifestation",
    }
