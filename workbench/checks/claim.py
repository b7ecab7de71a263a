"""Claim rules that need no tabular list: principal diagnosis present, duplicates, POA, external cause first.

POA (ICD-10-CM Official Guidelines, Appendix I): every diagnosis gets Y, N, U or W unless its code is on
the CMS POA-exempt list, which is reported blank. No installed package carries that list; it is
imported per release (`workbench codesets import POAexemptCodesYYYY.txt`, see codesets/poa_exempt.py).
With the list for the encounter's period: a blank POA on a code not on it is blocking (CMS returns
such claims), and a POA given on an exempt code is a warning. Without it, a blank POA is a warning that
says the list is missing, and exempt codes are inferred from the categories of Appendix I
(codesets/release/poa_categories.py): a blank POA there is accepted, a POA given there is info.
Either way a blank POA on a hospital-acquired-condition code is blocking: msdrg's HAC logic cannot
group the claim (`poa_error` POA_NOT_RECOGNIZED, return code HAC_MISSING_ONE_POA).
"""

from __future__ import annotations

import datetime as dt

import orjson

from codesets.codes import with_dot
from codesets.release import poa_exempt
from codesets.release.poa_categories import inferred_exempt
from workbench.checks.base import Context, Finding
from workbench.drg.base import DrgInputError
from workbench.drg.service import dx_outputs_by_input

POA_RULE = "ICD-10-CM Official Guidelines, Appendix I: POA reporting and the CMS POA-exempt list"
# The messages say which list is missing and how it is inferred; the rules cite (said once each).
POA_NO_LIST_RULE = "ICD-10-CM Official Guidelines, Appendix I: POA reporting and the POA-exempt categories"
POA_INFERRED_RULE = "ICD-10-CM Official Guidelines, Appendix I: POA-exempt categories"
HAC_POA_RULE = "MS-DRG grouper (HAC logic): HAC code with missing POA, claim ungroupable"
EXTERNAL_CAUSE_RULE = ("ICD-10-CM Official Guidelines I.C.20: external cause codes (V00-Y99) are never "
                       "the principal diagnosis")


def run(ctx: Context) -> list[Finding]:

    enc = ctx.enc
    if not enc.diagnoses:
        if enc.procedures:
            return [Finding("blocking", (), "No principal diagnosis: code the condition chiefly responsible "
                            "for the admission first", "UB-04: principal diagnosis required")]
        return []
    out = duplicates(ctx) + poa(ctx)
    pdx = enc.diagnoses[0].code
    if pdx[0] in "VWXY" and "E_CODE_AS_PDX" not in ctx.mce_edits_of(pdx):
        out.append(Finding("blocking", (pdx,), f"{with_dot(pdx)} is an external-cause code: it says how an "
                           "injury happened and cannot be the principal diagnosis; sequence the injury "
                           "or condition first", EXTERNAL_CAUSE_RULE))
    return out


def duplicates(ctx: Context) -> list[Finding]:

    out = []
    where: dict[str, list[int]] = {}
    for i, d in enumerate(ctx.enc.diagnoses):
        where.setdefault(d.code, []).append(i)
    for code, idx in where.items():
        if len(idx) < 2:
            continue
        places = ", ".join("principal" if i == 0 else f"secondary {i}" for i in idx)
        if idx[0] == 0:
            ctx.explain("DUPLICATE_OF_PDX", code)
            out.append(Finding("blocking", (code,), f"{with_dot(code)} is the principal diagnosis and is "
                               f"listed again as a secondary ({places}): remove the secondary copy",
                               "Medicare Code Editor: Duplicate of PDX; UB-04: each code reported once"))
        else:
            out.append(Finding("warning", (code,), f"{with_dot(code)} is listed {len(idx)} times ({places}): "
                               "report each diagnosis code once", "UB-04: each diagnosis code reported once"))
    seen: dict[tuple[str, dt.date | None], int] = {}
    for p in ctx.enc.procedures:
        key = (p.code, p.date)
        seen[key] = seen.get(key, 0) + 1
    for (code, day), n in seen.items():
        if n > 1:
            when = f" on {day.isoformat()}" if day else " with no date"
            out.append(Finding("warning", (code,), f"{code} is coded {n} times{when}: code a procedure once "
                               "unless it was performed again (a separate session or site)",
                               "ICD-10-PCS Official Guidelines B3.2: multiple procedures"))
    return out


def hac_codes_missing_poa(ctx: Context) -> set[str]:
    """Codes with a blank POA that the grouper's HAC logic needs (poa_error POA_NOT_RECOGNIZED)."""
    enc = ctx.enc
    if not any(not d.poa for d in enc.diagnoses):
        return set()
    try:
        claim = ctx.service.claim(enc, ctx.period.grouper_version)
    except DrgInputError:
        return set()
    raw = ctx.service.run_grouper(orjson.dumps(claim))
    outs = dx_outputs_by_input(enc.diagnoses[0], enc.diagnoses[1:], raw)
    return {d.code for d, o in zip(enc.diagnoses, outs, strict=True)
            if not d.poa and o and o.get("poa_error") == "POA_NOT_RECOGNIZED"}


def poa(ctx: Context) -> list[Finding]:

    if getattr(ctx.service, "hospital_status", "") == "EXEMPT":
        return []  # the hospital is exempt from POA reporting (settings: HAC status)
    exempt = poa_exempt.load(ctx.period.release)
    hac = hac_codes_missing_poa(ctx)
    out = []
    for i, d in enumerate(ctx.enc.diagnoses):
        code = with_dot(d.code)
        role = "the principal diagnosis" if i == 0 else "secondary " + str(i)
        if d.poa:
            if exempt is not None and d.code in exempt:
                out.append(Finding("warning", (d.code,), f"{code} is on the CMS POA-exempt list for "
                                   f"{ctx.period.release}: leave its POA blank (not {d.poa})", POA_RULE))
            elif exempt is None and inferred_exempt(d.code):
                out.append(Finding("info", (d.code,), f"{code} is in a POA-exempt category of Appendix I: "
                                   f"its POA is normally left blank (not {d.poa}); inferred, no CMS "
                                   f"POA-exempt list is imported for {ctx.period.release}",
                                   POA_INFERRED_RULE))
            continue
        if d.code in hac:
            out.append(Finding("blocking", (d.code,), f"POA is blank for {code}, a "
                               "hospital-acquired condition code: report Y, N, U or W; without it the claim "
                               "cannot be grouped", HAC_POA_RULE))
        elif exempt is None:
            if inferred_exempt(d.code):
                continue  # an exempt category (Appendix I): blank is right
            out.append(Finding("warning", (d.code,), f"POA is blank for {code} ({role}): report Y, N, U "
                               "or W; it is in no POA-exempt category of Appendix I, as inferred: no CMS "
                               f"POA-exempt list is imported for {ctx.period.release} (workbench codesets "
                               "import loads it)", POA_NO_LIST_RULE))
        elif d.code not in exempt:
            out.append(Finding("blocking", (d.code,), f"POA is blank for {code} ({role}), which is not "
                               "POA-exempt: report Y, N, U or W", POA_RULE))
    return out
