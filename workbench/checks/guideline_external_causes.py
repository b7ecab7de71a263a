"""Guideline rules about external cause codes: place of occurrence (Y92), activity (Y93) and external cause
status (Y99) are reported once, at the initial encounter for treatment, after the code of the cause they
describe (I.C.20.b, I.C.20.c, I.C.20.k; the release's Y92 note: "Place of occurrence should be recorded only
at the initial encounter for treatment"), one code of each category on a record, never the "unspecified"
one, activity and status not with a poisoning, adverse effect or complication of care; and the cause takes
the 7th character of the encounter of the injury it caused (I.C.20.a.2).
"""

from __future__ import annotations

from codesets.codes import with_dot
from workbench.checks import guideline_data as gd
from workbench.checks.base import Context, Finding

INITIAL_ENCOUNTER_RULE = ("ICD-10-CM Official Guidelines I.C.20.b (and I.C.20.c, I.C.20.k): place of "
                          "occurrence, activity and external cause status are reported once, at the initial "
                          "encounter for treatment, after the external cause code")

UNSPECIFIED_RULE = ("ICD-10-CM Official Guidelines I.C.20.b, I.C.20.c, I.C.20.k: Y92.9, Y93.9 and Y99.9 are "
                    "not assigned when the place, activity or status is not stated")
ONE_CODE_RULE = ("ICD-10-CM Official Guidelines I.C.20.b, I.C.20.c, I.C.20.k: one code from each of Y92, Y93 "
                 "and Y99 on a record")
NOT_APPLICABLE_RULE = ("ICD-10-CM Official Guidelines I.C.20.c and I.C.20.k: activity and external cause "
                       "status codes are not applicable to poisonings, adverse effects, misadventures or "
                       "complications of care")
CAUSE_ENCOUNTER_RULE = ("ICD-10-CM Official Guidelines I.C.20.a.2: the external cause code takes the 7th "
                        "character of the encounter for the injury it caused")

_SUPPLEMENTARY = {"Y92": "place of occurrence", "Y93": "activity", "Y99": "external cause status"}
_UNSPECIFIED = ("Y929", "Y939", "Y999")


def _is_cause(code: str) -> bool:
    """A code that says how the condition came about: a chapter-20 cause (V00-Y38), a complication of care
    (Y62-Y84), or a chapter-19 code whose title holds the cause (poisoning, toxic effect T36-T65;
    complications of care T80-T88)."""
    head = code[:3]
    return (code[0] in "VWX" or "Y00" <= head <= "Y38" or "Y62" <= head <= "Y84"
            or "T36" <= head <= "T65" or "T80" <= head <= "T88")


def run(ctx: Context) -> list[Finding]:
    return (initial_encounter(ctx) + unspecified(ctx) + one_per_category(ctx) + not_applicable(ctx)
            + cause_encounter(ctx))


def initial_encounter(ctx: Context) -> list[Finding]:
    """Y92.009 beside W19.XXXD (a healing hip fracture's fall, subsequent encounter): the place was reported
    at the fall's initial encounter, not again. Y92.009 beside S42.201A with no cause code: the place follows
    the cause (W01.0XXA), never stands for it. Y93.H1 and Y92.009 beside I21.4 (a heart attack while
    shoveling snow) with no cause code: the activity is the external cause. Y92.009 beside T39.1X2A (the
    poisoning names its cause, initial encounter): no finding."""
    dxs = ctx.dx_codes
    extra = [c for c in dxs if c[:3] in _SUPPLEMENTARY]
    if not extra:
        return []
    causes = [c for c in dxs if _is_cause(c)]
    # a cause code without a 7th character (Y07 perpetrator, Y83 misadventure) leaves the encounter unknown
    if any(len(c) < 7 or c[6] == "A" for c in causes):
        return []
    # With no cause code, an activity code may stand for the condition's circumstance (Y93's note: "a heart
    # attack while shoveling snow"), and place and status may go with it (I.C.20.k: "cause, activity").
    activity = any(c.startswith("Y93") for c in dxs)
    out = []
    for y in extra:
        what = _SUPPLEMENTARY[y[:3]]
        if not causes and (activity or y.startswith("Y93")):
            continue
        if not causes:
            out.append(Finding("warning", (y,), f"{with_dot(y)} ({what}) is coded with no cause or activity "
                               f"code: it follows an external cause code (V00-Y38, a poisoning's T-code, or "
                               f"Y93); code the cause or leave {with_dot(y)} out",
                               INITIAL_ENCOUNTER_RULE))
        else:
            later = causes[0]
            kind = "sequela" if later[6] == "S" else "subsequent encounter"
            out.append(Finding("warning", (y, later), f"{with_dot(y)} ({what}) is coded beside "
                               f"{with_dot(later)} ({kind}): {what} is reported only at the initial "
                               f"encounter for treatment; leave {with_dot(y)} out", INITIAL_ENCOUNTER_RULE))
    return out


def unspecified(ctx: Context) -> list[Finding]:
    """Y92.9 (unspecified place or not applicable): "do not use ... if the place is not stated"; the same of
    Y93.9 and Y99.9."""
    return [Finding("warning", (y,), f"{with_dot(y)} ({_SUPPLEMENTARY[y[:3]]}, unspecified) is not assigned "
                    f"when the record does not state it: leave {with_dot(y)} out", UNSPECIFIED_RULE)
            for y in ctx.dx_codes if y in _UNSPECIFIED]


def one_per_category(ctx: Context) -> list[Finding]:
    """Y92.410 with Y92.411: one place of occurrence on a record (one activity, one status). A pair the
    category's own Excludes1 already reports (Y92.009 with Y92.129, Y99.8 with Y99.0) is left to it."""
    from workbench.checks.classification import _excluded_by, _excludes1_ranges

    out = []
    for head in _SUPPLEMENTARY:
        codes = [c for c in ctx.dx_codes if c.startswith(head)]
        if len(codes) < 2 or any(_excluded_by(_excludes1_ranges(ctx, a), b) or _excluded_by(
                _excludes1_ranges(ctx, b), a) for a in codes for b in codes if a != b):
            continue
        out.append(Finding("warning", tuple(codes), f"{', '.join(with_dot(c) for c in codes)}: one "
                           f"{_SUPPLEMENTARY[head]} code is recorded on a record; keep the one the record "
                           "states", ONE_CODE_RULE))
    return out


def _drug_or_care(code: str) -> bool:
    """A poisoning, adverse effect or underdosing of a drug (T36-T50), a complication of care (T80-T88) or a
    misadventure (Y62-Y84): no activity or status applies."""
    head = code[:3]
    return "T36" <= head <= "T50" or "T80" <= head <= "T88" or "Y62" <= head <= "Y84"


def not_applicable(ctx: Context) -> list[Finding]:
    """Y99.8 beside T40.1X1A (a heroin overdose) and no other cause: status and activity describe an
    accident or act, not a poisoning, adverse effect or complication of care."""
    dxs = ctx.dx_codes
    causes = [c for c in dxs if _is_cause(c)]
    if not causes or not all(_drug_or_care(c) for c in causes):
        return []
    return [Finding("warning", (y, causes[0]), f"{with_dot(y)} ({_SUPPLEMENTARY[y[:3]]}) is coded with "
                    f"{with_dot(causes[0])}: activity and status codes are not applicable to poisonings, "
                    f"adverse effects or complications of care; leave {with_dot(y)} out", NOT_APPLICABLE_RULE)
            for y in dxs if y[:3] in ("Y93", "Y99")]


_ENCOUNTERS = gd.INITIAL_ENCOUNTER + gd.SUBSEQUENT_ENCOUNTER + gd.SEQUELA


def _encounter(code: str) -> str:
    """A (initial: A, B, C), D (subsequent: D-R) or S (sequela) of a 7-character code."""
    ch = code[6]
    return "A" if ch in gd.INITIAL_ENCOUNTER else "S" if ch == gd.SEQUELA else "D"


def cause_encounter(ctx: Context) -> list[Finding]:
    """S72.001A (fixed this stay) with W19.XXXD: the fall is the injury's, initial encounter, W19.XXXA.
    Silent when any cause is coded A, or any injury is not (a new fall beside an old fracture healing)."""
    # (a 7th character the category does not define, S72.001Z, has its own blocking finding)
    dxs = [c for c in ctx.dx_codes if len(c) == 7 and c[6] in _ENCOUNTERS]
    injuries = [c for c in dxs
                if c[0] == "S" or c[0] == "T" and ("T00" <= c[:3] <= "T34" or "T66" <= c[:3] <= "T79")]
    causes = [c for c in dxs if c[0] in "VWX" or c[0] == "Y" and c[:3] <= "Y38"]
    # Only injuries treated now (A) beside causes coded D or S: a healing (D) or sequela (S) injury beside a
    # cause coded A may be right, the cause of a new event with no injury (a fall in the hospital, W06.XXXA)
    if not injuries or not causes or any(_encounter(c) != "A" for c in injuries) \
            or any(_encounter(c) == "A" for c in causes):
        return []
    want = "A"
    return [Finding("warning", (c, injuries[0]), f"{with_dot(c)} ({_KIND[_encounter(c)]}) is coded as the "
                    f"cause of {with_dot(injuries[0])} ({_KIND[want]}): a cause and its injury take one "
                    f"encounter's 7th character ({with_dot(c[:6] + want)} if the injury's is right)",
                    CAUSE_ENCOUNTER_RULE) for c in causes]


_KIND = {"A": "initial encounter", "D": "subsequent encounter", "S": "sequela"}
