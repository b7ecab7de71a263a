"""Guideline rules about a code and the companion the guideline pairs it with: the sepsis a "sepsis
following a procedure" code asks for (I.C.1.d.5.b), the pneumonia of COVID-19 (I.C.1.g.1.c), the outcome and
the gestation beside O80 (I.C.15.b.4), and a pressure ulcer of unspecified stage beside the staged ulcer of
the same site (I.C.12.a).

The first is read from the release: T81.44 and O86.04 say "use additional code to identify the sepsis", and
a chart with only the complication code does not say which systemic infection it was.
"""

from __future__ import annotations

import re

from codesets.codes import normalize, with_dot
from workbench.checks import guideline_data as gd
from workbench.checks.base import Context, Finding

SEPSIS_COMPANION_RULE = ("ICD-10-CM Official Guidelines I.C.1.d.5.b: postprocedural sepsis, the complication "
                         "code first, then the systemic infection")
COVID_PNEUMONIA_RULE = ("ICD-10-CM Official Guidelines I.C.1.g.1.c: pneumonia confirmed as due to "
                        "COVID-19 is U07.1 with J12.82")
O80_OUTCOME_RULE = ("ICD-10-CM Official Guidelines I.C.15.b.4: O80 for a full-term delivery of a single "
                    "liveborn (Z37.0 its only outcome code)")
ULCER_STAGE_RULE = ("ICD-10-CM Official Guidelines I.C.12.a and I.B.9: one pressure ulcer, coded to its "
                    "documented stage")

_ASKS_SEPSIS = re.compile(r"\bto identify the sepsis\b")
# Viral pneumonia codes that a confirmed COVID-19 turns into J12.82 (not a named other virus: RSV J12.1,
# influenza J09-J11 and metapneumovirus J12.3 stay codes of their own).
_VIRAL_NOS = ("J1289", "J129")


def run(ctx: Context) -> list[Finding]:
    if not ctx.enc.diagnoses:
        return []
    return sepsis_companion(ctx) + covid_pneumonia(ctx) + o80_outcome(ctx) + ulcer_stage_twice(ctx)


def _asks_for_sepsis(ctx: Context, code: str) -> bool:
    """Whether the code's notes say "use additional code to identify the sepsis" (T81.44-, O86.04)."""
    if ctx.release is None:
        return False
    return ctx.cached(("asks-sepsis", ctx.release.id, code),
                      lambda: any(n.kind == "use_additional_code" and _ASKS_SEPSIS.search(n.text or "")
                                  for n in ctx.release.notes(code)))


def sepsis_companion(ctx: Context) -> list[Finding]:
    """T81.44XA (sepsis following a procedure) or O86.04 with no code for the sepsis itself: the complication
    code is followed by the systemic infection (A40-A41, or the organism's sepsis code)."""
    dxs = ctx.dx_codes
    asking = [c for c in dxs if c.startswith(gd.SEPSIS) and _asks_for_sepsis(ctx, c)]
    if not asking or any(c.startswith(gd.SEPSIS) and c not in asking for c in dxs):
        return []
    c = asking[0]
    return [Finding("warning", (c,), f"{with_dot(c)} is coded with no code for the sepsis itself: its note "
                    "asks for one; code the systemic infection after it (A41.9 when the organism is not "
                    "known, A41.- or A40.- for the organism)", SEPSIS_COMPANION_RULE)]


def covid_pneumonia(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    if "U071" not in dxs or "J1282" in dxs:
        return []
    return [Finding("warning", (c, "U071"), f"{with_dot(c)} (viral pneumonia) with COVID-19 (U07.1): "
                    "pneumonia due to COVID-19 is J12.82; code J12.82 instead unless another virus is "
                    "documented",
                    COVID_PNEUMONIA_RULE) for c in dxs if c in _VIRAL_NOS]


def _weeks(code: str) -> int | None:
    """The completed weeks a Z3A code says (Z3A.08-Z3A.49); None for Z3A.00 and Z3A.01 (not stated, < 8)."""
    digits = code[3:5]
    return int(digits) if code.startswith("Z3A") and digits.isdigit() and int(digits) >= 8 else None


def o80_outcome(ctx: Context) -> list[Finding]:
    """O80 is a full-term delivery of a single liveborn: another outcome (stillbirth, twins) is blocking; a
    gestation of the record that is not full term (Z3A.08-Z3A.36 preterm, Z3A.42- prolonged) is a warning
    (the weeks or the O80 is wrong)."""
    dxs = ctx.dx_codes
    if "O80" not in dxs:
        return []
    out = []
    outcome = next((c for c in dxs if c.startswith("Z37") and c != "Z370"), None)
    if outcome is not None:
        out.append(Finding("blocking", ("O80", outcome), f"O80 (full-term uncomplicated delivery) with "
                           f"{with_dot(outcome)}: Z37.0 (single live birth) is the only outcome code used "
                           "with O80; code the complication of the delivery instead of O80",
                           O80_OUTCOME_RULE))
    weeks = next(((c, w) for c in dxs if (w := _weeks(c)) is not None), None)
    if weeks is not None and not 37 <= weeks[1] <= 41:
        what = "preterm labor with delivery (O60.1-)" if weeks[1] < 37 else "prolonged pregnancy (O48.1)"
        out.append(Finding("warning", ("O80", weeks[0]), f"O80 (full-term uncomplicated delivery) at "
                           f"{weeks[1]} weeks ({with_dot(weeks[0])}): the delivery is not full term; code "
                           f"{what} instead of O80, or correct the weeks", O80_OUTCOME_RULE))
    return out


def ulcer_stage_twice(ctx: Context) -> list[Finding]:
    """L89.xx9 (unspecified stage) beside a staged code of the same site: one ulcer coded twice. Two staged
    codes of one site stay right (an ulcer that progressed during the stay, I.C.12.a.6)."""
    dxs = ctx.dx_codes
    out = []
    for c in dxs:
        if not (c.startswith("L89") and len(c) == 6 and c.endswith("9")):
            continue
        staged = next((o for o in dxs if o != c and o.startswith(c[:5]) and len(o) == 6), None)
        if staged is not None:
            out.append(Finding("warning", (c, staged), f"{with_dot(c)} (pressure ulcer, unspecified stage) "
                               f"is coded beside {with_dot(staged)}, the staged ulcer of the same site: code "
                               f"the documented stage alone; remove {with_dot(c)}", ULCER_STAGE_RULE))
    return out + ulcer_two_stages_on_admission(ctx)


PROGRESSED_RULE = ("ICD-10-CM Official Guidelines I.C.12.a.6: an ulcer that progresses during the stay is "
                   "coded at its admission stage and its highest stage; otherwise one pressure ulcer, its "
                   "highest stage")


def ulcer_two_stages_on_admission(ctx: Context) -> list[Finding]:
    """Two stages (1-4) of the pressure ulcer of one site, the higher one present on admission: I.C.12.a.6
    allows two codes only for an ulcer that progressed after admission (higher stage POA N or U); both on
    admission is one ulcer coded twice, or two ulcers of one site the record must say (a coder decides)."""
    poa = {normalize(d.code): (d.poa or "").upper() for d in ctx.enc.diagnoses}
    staged = [c for c in ctx.dx_codes if c.startswith("L89") and len(c) == 6 and c[5] in "1234"]
    out = []
    for low in staged:
        high = max((o for o in staged if o[:5] == low[:5] and o[5] > low[5]), default=None)
        if high is not None and poa.get(high) not in ("N", "U"):
            msg = (f"{with_dot(low)} and {with_dot(high)} are two stages of the pressure ulcer of one site, "
                   "the higher present on admission: code the highest stage alone (two codes only when the "
                   f"ulcer progressed during the stay, {with_dot(high)} POA N), unless the record documents "
                   "two ulcers there")
            out.append(Finding("warning", (low, high), msg, PROGRESSED_RULE))
    return out
