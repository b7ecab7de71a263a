"""ICD-10-CM Official Guidelines I.C.1.d: sepsis, severe sepsis and septic shock - the systemic infection
before R65.2-, the organ dysfunction R65.20 needs, SIRS or an unspecified sepsis beside the named one, and the
sepsis against its localized infection by POA (I.C.1.d.4). The code sets are tables in guideline_data.py.
"""

from __future__ import annotations

from codesets.codes import with_dot
from workbench.checks import guideline_data as gd
from workbench.checks.base import Context, Finding

SEPSIS_RULE = "ICD-10-CM Official Guidelines I.C.1.d: sepsis, severe sepsis and septic shock"


def _is(code: str, prefixes: tuple[str, ...]) -> bool:
    return code.startswith(prefixes)


# ------------------------------------------------------------------ sepsis (I.C.1.d)

def sepsis(ctx: Context) -> list[Finding]:
    enc = ctx.enc
    dxs = ctx.dx_codes
    out = []
    systemic = [i for i, c in enumerate(dxs) if _is(c, gd.SEPSIS)]
    for i, c in enumerate(dxs):
        if not _is(c, gd.SEVERE_SEPSIS):
            continue
        if not systemic:
            out.append(Finding("warning", (c,), f"{with_dot(c)} (severe sepsis) needs the underlying "
                               "systemic infection coded first (A40-A41 or the organism's sepsis code); "
                               "without an infection, query the provider", SEPSIS_RULE))
        elif all(j > i for j in systemic):
            first = dxs[systemic[0]]
            out.append(Finding("warning", (c, first), f"Sequence {with_dot(first)} (the systemic infection) "
                               f"before {with_dot(c)}", SEPSIS_RULE))
    if "R6520" in dxs and not any(_is(c, gd.ORGAN_DYSFUNCTION) for c in dxs):
        out.append(Finding("warning", ("R6520",), "R65.20 (severe sepsis) is coded without the acute "
                           "organ dysfunction it needs (use additional code, I.C.1.d.1.b): code the "
                           "dysfunction, or query whether it is linked to the sepsis", SEPSIS_RULE))
    shock = next((c for c in dxs if c in gd.SHOCK_UNSPECIFIED), None)
    if shock and systemic and "R6521" not in dxs:
        first = dxs[systemic[0]]
        out.append(Finding("warning", (shock, first), f"{with_dot(shock)} (shock, not specified as septic) "
                           f"is coded with {with_dot(first)} (sepsis): shock in sepsis is septic shock, "
                           "R65.21 after the infection (I.C.1.d.2); code R65.21 instead of "
                           f"{with_dot(shock)}, or query whether the shock has another cause", SEPSIS_RULE))
    sirs = next((c for c in dxs if c.startswith("R651")), None)
    if sirs and systemic:
        first = dxs[systemic[0]]
        out.append(Finding("warning", (sirs, first), f"{with_dot(sirs)} (SIRS of non-infectious origin) is "
                           f"coded with {with_dot(first)} (sepsis): SIRS with an infection is sepsis; remove "
                           f"{with_dot(sirs)} (its Excludes1: sepsis, code to infection)", SEPSIS_RULE))
    unspecified = next((c for c in dxs if c == "A419"), None)
    named = next((c for c in dxs if _is(c, gd.SEPSIS) and c != "A419" and c[:1] == "A"), None)
    if unspecified and named:
        out.append(Finding("warning", (unspecified, named), f"A41.9 (sepsis, unspecified organism) is coded "
                           f"beside {with_dot(named)}, the sepsis of the organism: code the sepsis once",
                           SEPSIS_RULE))
    for vague, group, what in gd.SEPSIS_GROUP_UNSPECIFIED:  # A41.50 beside A41.51: one organism twice
        named = next((c for c in dxs if c != vague and _is(c, group)), None) if vague in dxs else None
        if named is not None:
            out.append(Finding("warning", (vague, named), f"{with_dot(vague)} ({what}, unspecified) is coded "
                               f"beside {with_dot(named)}, which names the organism: code the sepsis once",
                               SEPSIS_RULE))
    pdx = dxs[0]
    severe = next((d for d in enc.diagnoses if _is(d.code, gd.SEVERE_SEPSIS)), None)
    if systemic and _is(pdx, gd.SEPSIS_ORGAN_PRINCIPALS) and severe is not None and severe.poa in ("Y", "W") \
            and enc.diagnoses[systemic[0]].poa in ("Y", "W"):
        first = dxs[systemic[0]]
        sev = with_dot(severe.code)
        out.append(Finding("warning", (pdx, first), f"{with_dot(pdx)} (an acute organ dysfunction) is "
                           f"principal beside severe sepsis ({sev}) present on admission: the systemic "
                           f"infection {with_dot(first)} is first, then {sev}, then the "
                           "dysfunction (I.C.1.d.2), unless the provider documents the dysfunction has "
                           "another cause", SEPSIS_RULE))
    if _is(pdx, gd.SEPSIS) and enc.diagnoses[0].poa == "N" and any(d.poa == "Y" for d in enc.diagnoses[1:]):
        out.append(Finding("warning", (pdx,), f"{with_dot(pdx)} (sepsis) arose after admission (POA N) but "
                           "is the principal diagnosis: the condition that occasioned the admission (the "
                           "localized infection) is principal, the sepsis after it (I.C.1.d.4)", SEPSIS_RULE))
    localized = _is(pdx, gd.LOCALIZED_INFECTIONS) and not _is(pdx, gd.SEPSIS_EXCEPTIONS)
    if systemic and systemic[0] > 0 and localized:
        s = enc.diagnoses[systemic[0]]
        if s.poa in ("Y", "W", ""):
            out.append(Finding("warning", (pdx, s.code), f"{with_dot(s.code)} (sepsis) is present on "
                               f"admission but sequenced after {with_dot(pdx)}: when sepsis and a localized "
                               "infection are both present on admission, the systemic infection is the "
                               "principal diagnosis", SEPSIS_RULE))
    return out
