"""Guideline rules about the supplementary external cause codes: place of occurrence (Y92), activity (Y93)
and external cause status (Y99) are reported once, at the initial encounter for treatment, after the code of
the cause they describe (I.C.20.b, I.C.20.c, I.C.20.k; the release's Y92 note: "Place of occurrence should
be recorded only at the initial encounter for treatment").
"""

from __future__ import annotations

from codesets.codes import with_dot
from workbench.checks.base import Context, Finding

INITIAL_ENCOUNTER_RULE = ("ICD-10-CM Official Guidelines I.C.20.b (and I.C.20.c, I.C.20.k): place of "
                          "occurrence, activity and external cause status are reported once, at the initial "
                          "encounter for treatment, after the external cause code")

_SUPPLEMENTARY = {"Y92": "place of occurrence", "Y93": "activity", "Y99": "external cause status"}


def _is_cause(code: str) -> bool:
    """A code that says how the condition came about: a chapter-20 cause (V00-Y38), a complication of care
    (Y62-Y84), or a chapter-19 code whose title holds the cause (poisoning, toxic effect T36-T65;
    complications of care T80-T88)."""
    head = code[:3]
    return (code[0] in "VWX" or "Y00" <= head <= "Y38" or "Y62" <= head <= "Y84"
            or "T36" <= head <= "T65" or "T80" <= head <= "T88")


def run(ctx: Context) -> list[Finding]:
    """Y92.009 beside W19.XXXD (a healing hip fracture's fall, subsequent encounter): the place was reported
    at the fall's initial encounter, not again. Y92.009 beside S42.201A with no cause code: the place follows
    the cause (W01.0XXA), never stands for it. Y92.009 beside T39.1X2A (the poisoning names its cause, initial
    encounter): no finding."""
    dxs = ctx.dx_codes
    extra = [c for c in dxs if c[:3] in _SUPPLEMENTARY]
    if not extra:
        return []
    causes = [c for c in dxs if _is_cause(c)]
    # a cause code without a 7th character (Y07 perpetrator, Y83 misadventure) leaves the encounter unknown
    if any(len(c) < 7 or c[6] == "A" for c in causes):
        return []
    out = []
    for y in extra:
        what = _SUPPLEMENTARY[y[:3]]
        if not causes:
            out.append(Finding("warning", (y,), f"{with_dot(y)} ({what}) is coded with no external cause "
                               f"code: it follows the code of the cause (a V00-Y38 code, or the poisoning's "
                               f"T-code) at the initial encounter; code the cause or leave {with_dot(y)} out",
                               INITIAL_ENCOUNTER_RULE))
        else:
            later = causes[0]
            kind = "sequela" if later[6] == "S" else "subsequent encounter"
            out.append(Finding("warning", (y, later), f"{with_dot(y)} ({what}) is coded beside "
                               f"{with_dot(later)} ({kind}): {what} is reported only at the initial "
                               f"encounter for treatment; leave {with_dot(y)} out", INITIAL_ENCOUNTER_RULE))
    return out
