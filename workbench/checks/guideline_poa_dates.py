"""POA of long-standing chronic conditions (Appendix I: POA Y even when first diagnosed during the stay) and
procedure dates against the stay and the CMS 3-day payment window (42 CFR 412.2(c)(5)).
"""

from __future__ import annotations

import datetime as dt

from codesets.codes import with_dot
from workbench.checks import guideline_data as gd
from workbench.checks.base import Context, Finding

CHRONIC_POA_RULE = "ICD-10-CM Official Guidelines, Appendix I: chronic conditions are POA Y"
PRINCIPAL_POA_RULE = ("ICD-10-CM Official Guidelines, Appendix I and Section II (UHDDS principal diagnosis): "
                      "the condition that occasioned the admission was present at the inpatient order")
DATE_RULE = ("UB-04 FL 74: procedure dates within the stay; CMS 3-day payment window "
             "(42 CFR 412.2(c)(5))")


def _is(code: str, prefixes: tuple[str, ...]) -> bool:
    return code.startswith(prefixes)


# ------------------------------------------------------------------ POA, dates

def _chronic_by_title(ctx: Context, code: str) -> bool:
    """Whether the code's title calls the condition itself chronic ("Chronic pain syndrome", "Chronic
    respiratory failure with hypoxia"), not an acute phase of it ("acute on chronic", "with exacerbation")
    nor another condition in a chronic disease ("Anemia in chronic kidney disease")."""
    if ctx.release is None or code.startswith(gd.CHRONIC_TITLE_NOT):
        return False

    def make() -> bool:
        item = ctx.release.cm(code)
        title = " ".join((item.title or "").lower().replace(",", " ").replace("(", " ").replace(")", " ")
                         .split()) if item is not None else ""
        own = title.split(" in ")[0].split(" due to ")[0]  # the condition named, not the one it is in
        return "chronic" in own.split() and "chronic or" not in title \
            and not gd.CHRONIC_TITLE_ACUTE & set(title.split())

    return ctx.cached(("chronic-title", ctx.release.id, code), make)


def principal_poa(ctx: Context) -> list[Finding]:
    """POA N on the principal diagnosis: the condition "chiefly responsible for occasioning the admission"
    was there when the inpatient order was written (Appendix I counts the ED and outpatient surgery as before
    it). Obstetric principals are left out: the principal of a delivery stay is the main complication of the
    delivery (I.C.15.b.4), which can arise in labor. Sepsis POA N first is guideline_sepsis's finding."""
    first = ctx.enc.diagnoses[0]
    if first.poa != "N" or first.code.startswith(("O", "Z3", "Z38")) or first.code.startswith(gd.SEPSIS):
        return []
    msg = (f"{with_dot(first.code)} is the principal diagnosis with POA N: the condition that occasioned the "
           "admission was present when the inpatient order was written; correct the POA (Y, or W/U when the "
           "record cannot say), or the principal diagnosis")
    return [Finding("warning", (first.code,), msg, PRINCIPAL_POA_RULE)]


def chronic_poa(ctx: Context) -> list[Finding]:
    out = principal_poa(ctx)
    for d in ctx.enc.diagnoses:
        if d.poa == "N" and (_is(d.code, gd.CHRONIC) and not _is(d.code, gd.CHRONIC_NOT)
                             or _chronic_by_title(ctx, d.code)):
            out.append(Finding("warning", (d.code,), f"{with_dot(d.code)} is a long-standing chronic "
                               "condition reported POA N: a chronic condition diagnosed during the stay was "
                               "present before it (POA Y) unless the record says it arose after admission",
                               CHRONIC_POA_RULE))
    return out


def procedure_dates(ctx: Context) -> list[Finding]:
    enc = ctx.enc
    out: list[Finding] = []
    if enc.admit_date is None or enc.discharge_date is None:
        return out
    earliest = enc.admit_date - dt.timedelta(days=gd.PAYMENT_WINDOW_DAYS)
    for p in enc.procedures:
        if p.date is None:
            continue
        if p.date > enc.discharge_date:
            out.append(Finding("blocking", (p.code,), f"{p.code} is dated {p.date.isoformat()}, after the "
                               f"discharge on {enc.discharge_date.isoformat()}: correct the date", DATE_RULE))
        elif p.date < earliest:
            out.append(Finding("warning", (p.code,), f"{p.code} is dated {p.date.isoformat()}, before the "
                               f"admission on {enc.admit_date.isoformat()} and outside the 3-day payment "
                               "window: correct the date or remove it from this claim", DATE_RULE))
        elif p.date < enc.admit_date:
            # a coder must decide: an outpatient service of the window is reported here only when related
            out.append(Finding("warning", (p.code,), f"{p.code} is dated {p.date.isoformat()}, before the "
                               f"admission on {enc.admit_date.isoformat()}: check the date; reportable on "
                               "this claim only as a related outpatient service of the 3-day payment window",
                               DATE_RULE))
    return out
