"""ICD-10-CM Official Guidelines on status and history codes beside the current condition: a device status
code beside the procedure that placed it this stay and a transplant status code beside a complication of that
transplant (I.C.21.c.3), a personal history of a malignancy still
present (I.C.2.d), contact with or exposure to an infection beside the confirmed infection (I.C.1.g.1).
"""

from __future__ import annotations

import re

from codesets.codes import with_dot
from workbench.checks import guideline_data as gd
from workbench.checks.base import Context, Finding

STATUS_RULE = "ICD-10-CM Official Guidelines I.C.21.c.3: status codes are not for a device placed this stay"
TRANSPLANT_RULE = ("ICD-10-CM Official Guidelines I.C.21.c.3: a transplant status code is not used with a "
                   "complication of that transplant (T86.-)")
HISTORY_RULE = "ICD-10-CM Official Guidelines I.C.2.d: personal history of a malignancy still present"
COVID_RULE = "ICD-10-CM Official Guidelines I.C.1.g.1: COVID-19 confirmed (U07.1)"


def _is(code: str, prefixes: tuple[str, ...]) -> bool:
    return code.startswith(prefixes)


# ------------------------------------------------------------------ device status (I.C.21.c.3)

def device_status(ctx: Context) -> list[Finding]:
    """A Z95-Z97 status code beside the procedure that inserted the same device this stay."""
    procs = [p.code for p in ctx.enc.procedures]
    if not procs or any(c.startswith(gd.DEVICE_REMOVALS) for c in procs) or any(
            _is(d, gd.DEVICE_TROUBLE) for d in ctx.dx_codes):
        return []  # a revision or replacement: the earlier device was there on admission
    out = []
    for d in ctx.dx_codes:
        if (p := gd.placing_procedure(d, procs)) is not None:
            # A stent placed this stay often sits beside earlier ones (Z95.5 then stays right): info.
            severity = "info" if d.startswith(gd.DEVICE_STATUS_OFTEN_BEFORE) else "warning"
            out.append(Finding(severity, (d, p), f"{with_dot(d)} (status: the device was in place "
                               f"before) is coded beside {p}, which placed that device this stay: the "
                               f"procedure code says it; remove {with_dot(d)} unless an earlier device "
                               "remains",
                               STATUS_RULE))
    return out


# ------------------------------------------------------------------ transplant status (I.C.21.c.3)

def _transplant_organ(ctx: Context, code: str) -> str:
    """The organ a Z94 code's title names ("Kidney transplant status" -> "kidney transplant")."""
    item = ctx.release.cm(code) if ctx.release is not None else None
    title = (item.title or "").lower() if item is not None else ""
    return title.removesuffix(" status") if title.endswith(" transplant status") else ""


def _complication_of(ctx: Context, code: str) -> str:
    """The titles of the T86 subcategories above a code ("complications of kidney transplant"; T86.818 has
    T86.81 "Complications of lung transplant" under T86.8 "... other transplanted tissue")."""
    rel = ctx.release
    if rel is None:
        return ""
    return " | ".join((a.title or "").lower() for a in rel.ancestors(code) if len(a.code) > 3)


def transplant_status(ctx: Context) -> list[Finding]:
    """Z94.- beside a T86.- complication of the same transplant, read from the titles: the guideline's own
    example is Z94.1 with T86.2- (T86.2 already says the heart transplant). Another organ's status stays."""
    dxs = ctx.dx_codes
    complications = [c for c in dxs if c.startswith("T86")]
    if not complications:
        return []
    out = []
    for z in (c for c in dxs if c.startswith("Z94")):
        organ = _transplant_organ(ctx, z)
        t = next((c for c in complications if organ and re.search(
            rf"(^|\s){re.escape(organ)}\b", _complication_of(ctx, c))), None)
        if t is not None:
            out.append(Finding("warning", (z, t), f"{with_dot(z)} (transplant status) is coded with "
                               f"{with_dot(t)}, a complication of that transplant, which already says the "
                               f"patient has it: remove {with_dot(z)}", TRANSPLANT_RULE))
    return out


def history_of_current(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    out = []
    for hist, current in gd.HISTORY_OF_CURRENT:
        h = next((c for c in dxs if c.startswith(hist)), None)
        now = next((c for c in dxs if _is(c, current)), None) if h else None
        if h and now:
            out.append(Finding("warning", (h, now), f"{with_dot(h)} (personal history of the malignancy) is "
                               f"coded with {with_dot(now)}, a current malignancy of the same site: history "
                               "codes are for a cancer excised or eradicated with no treatment and no "
                               "evidence of it remaining; keep one, or query for a new primary",
                               HISTORY_RULE))
    return out


def exposure_with_confirmed(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    return [Finding("warning", (z, c), f"{with_dot(z)} (contact with or exposure to) is coded with "
                    f"{with_dot(c)}, the confirmed infection: remove {with_dot(z)}", COVID_RULE)
            for z, c in gd.EXPOSURE_WITH_CONFIRMED if z in dxs and c in dxs]
