"""ICD-10-CM Official Guidelines I.C.19.e.5, the three kinds of drug effect (T36-T50, 6th character): an
adverse effect (5) follows the nature of the effect (I.C.19.e.5.a), an underdosing (6) is never the
principal diagnosis (I.C.19.e.5.c), and one drug is not coded both as a poisoning (1-4) and as an adverse
effect (I.C.19.e.5.b: a drug taken not as prescribed, or with alcohol or another drug it interacts with, is a
poisoning); and a condition whose title says a drug caused it (drug-induced, due to drugs, chemotherapy
induced) needs a T36-T65 code naming the drug (I.C.19.e.5.a; I.C.2.c.2 for chemotherapy anemia), read from
each coded code's title (kept in the checker's memo), no list.
"""

from __future__ import annotations

import re

from codesets.codes import with_dot
from workbench.checks import guideline_data as gd
from workbench.checks.base import Context, Finding

ADVERSE_RULE = ("ICD-10-CM Official Guidelines I.C.19.e.5.a: adverse effect, the nature of the effect first, "
                "then the T36-T50 code (6th character 5)")
UNDERDOSING_RULE = ("ICD-10-CM Official Guidelines I.C.19.e.5.c: underdosing (6th character 6) is never the "
                    "principal or first-listed code")
BOTH_RULE = ("ICD-10-CM Official Guidelines I.C.19.e.5.a-b: one drug is an adverse effect (taken as "
             "prescribed) or a poisoning (not as prescribed, or interacting with alcohol or another drug), "
             "not both")
DRUG_NAMED_RULE = ("ICD-10-CM Official Guidelines I.C.19.e.5.a (and I.C.2.c.2): a condition caused by a "
                   "drug is coded with the T36-T50 code that names the drug (adverse effect, 6th character "
                   "5; or the poisoning)")
# Titles that say a drug caused the condition (D64.81 "Anemia due to antineoplastic chemotherapy", G62.0
# "Drug-induced polyneuropathy", L27.0 "... due to drugs and medicaments taken internally", G21.11
# "Neuroleptic induced parkinsonism"); chapters whose codes name the substance themselves (F1x, T, Z, external
# causes, obstetric and perinatal) and the laboratory findings of drug levels (R82-R89) are not read.
_DRUG_CAUSED = re.compile(
    r"\b(?:drugs? induced|drug-induced|due to (?:other |unspecified )?(?:drugs?|medicaments?)|"
    r"chemotherapy[- ]induced|due to (?:antineoplastic |cancer )?chemotherapy|"
    r"secondary to (?:cancer )?chemotherapy|induced by (?:other |unspecified )?drugs?|"
    r"neuroleptic[- ]induced|due to drug therapy|induced by drug|contrast[- ]induced)")
_NOT_READ = ("F1", "T", "Z", "V", "W", "X", "Y", "O", "P", "R82", "R83", "R84", "R85", "R86", "R87", "R88",
             "R89")


def _drug(code: str) -> str:
    """The 6th character (effect kind) of a T36-T50 drug code, "" for any other code."""
    if len(code) < 6 or code[0] != "T" or not code[1:3].isdigit() or not 36 <= int(code[1:3]) <= 50:
        return ""
    return code[5]


def _drug_caused(ctx: Context, code: str, memo: dict[str, bool]) -> bool:
    """Whether the code's title says a drug caused it; `memo` is the release's answers by code."""
    from workbench.checks.guideline_pairs import _title

    hit = memo.get(code)
    if hit is None:
        hit = memo[code] = (not code.startswith(_NOT_READ)
                            and _DRUG_CAUSED.search(_title(ctx, code)) is not None)
    return hit


def drug_not_named(ctx: Context) -> list[Finding]:
    """G62.0 (drug-induced polyneuropathy) with no T36-T65 code: the drug is not identified. A poisoning or
    toxic-effect code names it as well as an adverse-effect code does."""
    dxs = ctx.dx_codes
    if any(c.startswith(gd.POISONINGS) for c in dxs):
        return []
    rid = ctx.release.id if ctx.release is not None else None
    memo: dict[str, bool] = ctx.cached(("drug-caused", rid), dict)
    return [Finding("warning", (c,), f"{with_dot(c)} says a drug caused it, but no code names the drug: add "
                    "the adverse-effect code (T36-T50, 6th character 5, sequenced after it; T45.1X5- for "
                    "antineoplastic chemotherapy), or the poisoning code first if the drug was not taken as "
                    "prescribed", DRUG_NAMED_RULE) for c in dxs if _drug_caused(ctx, c, memo)]


def run(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    if not dxs:
        return []
    out = drug_not_named(ctx)
    if not any(c[0] == "T" for c in dxs) or not any(_drug(c) for c in dxs):
        return out
    pdx = dxs[0]
    kind = _drug(pdx)
    if kind == "6":  # the claim states a principal the guideline forbids
        ctx.explain("UNACCEPTABLE_PDX", pdx)  # this finding says why; the MCE's generic one gives way
        out.append(Finding("blocking", (pdx,), f"{with_dot(pdx)} (underdosing) is the principal diagnosis: "
                           "underdosing codes are never principal; sequence the condition the missed doses "
                           "brought on (its relapse or exacerbation) first, the underdosing code and the "
                           "noncompliance code (Z91.12-, Z91.13-, Z91.14-) after", UNDERDOSING_RULE))
    elif kind == "5":
        nature = next((c for c in dxs[1:] if not _drug(c) and not c.startswith(("V", "W", "X", "Y", "Z"))),
                      None)
        # One finding says it: where the MCE rejects the code as principal (most T36-T50 adverse effects),
        # this one takes its severity and the MCE's generic "unacceptable principal" gives way; a "Sequence
        # ... before" message also stands in for the T36-T50 "code first the nature" note (checker.dedupe).
        rejected = "UNACCEPTABLE_PDX" in ctx.mce_edits_of(pdx)
        if rejected:
            ctx.explain("UNACCEPTABLE_PDX", pdx)
        lead = f"Sequence {with_dot(nature)} before {with_dot(pdx)}: " if nature is not None else ""
        extra = ("" if nature is not None else
                 "; code the effect (rash, vomiting, bleeding ...) and sequence it first")
        claim = (" (the Medicare Code Editor rejects it as principal: Unacceptable principal diagnosis)"
                 if rejected else "")
        out.append(Finding("blocking" if rejected else "warning", (pdx, *((nature,) if nature else ())),
                           f"{lead}{with_dot(pdx)} (adverse effect of a drug properly taken) is the "
                           f"principal diagnosis{claim}: the nature of the adverse effect is sequenced "
                           f"first, the T36-T50 code after{extra}", ADVERSE_RULE))
    poisoned = {c[:5]: c for c in dxs if _drug(c) in ("1", "2", "3", "4")}
    for c in dxs:
        twin = poisoned.get(c[:5]) if _drug(c) == "5" else None
        if twin is not None:
            out.append(Finding("warning", (c, twin), f"{with_dot(c)} (adverse effect) and {with_dot(twin)} "
                               "(poisoning) name the same drug: a drug taken not as prescribed, or with "
                               "alcohol or another drug it interacts with, is a poisoning; keep "
                               f"{with_dot(twin)} and remove {with_dot(c)}", BOTH_RULE))
    return out
