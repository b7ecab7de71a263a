"""ICD-10-CM Official Guidelines, combination codes: the "with" presumption (I.A.15) for hypertension with
heart disease or CKD (I.C.9.a) and diabetes with its complications (I.C.4.a), the I11/I12/I13 subcode
against what else is coded, COPD with a lower respiratory infection (J44.0, I.C.10.a), and osteoporosis with
a current fracture (M80.-, I.C.13.d.2). The diabetes companions the tabular list writes ("use additional
code to identify stage of chronic kidney disease" at E11.22) are read from the release; the rest are tables
in guideline_data.py.
"""

from __future__ import annotations

import functools
from typing import Any

from codesets.codes import with_dot
from workbench.checks import guideline_data as gd
from workbench.checks.base import Context, Finding

HTN_RULE = "ICD-10-CM Official Guidelines I.C.9.a (I.A.15 \"with\"): hypertension with heart disease or CKD"
DM_RULE = "ICD-10-CM Official Guidelines I.C.4.a (I.A.15 \"with\"): diabetes with its complications"
COPD_RULE = ("ICD-10-CM Official Guidelines I.A.15 (\"with\"), I.C.10.a: COPD with a lower respiratory "
             "infection")
OSTEO_RULE = "ICD-10-CM Official Guidelines I.C.13.d.2: osteoporosis with a current fracture (M80.-)"


def _is(code: str, prefixes: tuple[str, ...]) -> bool:
    return code.startswith(prefixes)


# ------------------------------------------------------------------ combinations (I.A.15)

def hypertension(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    if "I10" not in dxs:
        return hypertensive_combination(ctx)
    combo = [c for c in dxs if _is(c, gd.HYPERTENSION_COMBINATIONS)]
    if combo:
        return [Finding("blocking", ("I10", combo[0]), f"I10 is coded beside {with_dot(combo[0])}: the "
                        "hypertensive combination code already says hypertension; remove I10", HTN_RULE)]
    heart = [c for c in dxs if _is(c, gd.HYPERTENSIVE_HEART)]
    ckd = [c for c in dxs if _is(c, gd.HYPERTENSIVE_CKD)]
    if not ckd:  # E11.22 says CKD even when its N18 stage is missing (that is its own finding)
        ckd = [c for c in dxs if _is(c, gd.DIABETIC_CKD)]
    if not heart and not ckd:
        return []
    if heart and ckd:
        target, what = "I13.-", "heart disease and chronic kidney disease (I13.0 with heart failure)"
    elif heart:
        target, what = "I11.0" if heart[0].startswith("I50") else "I11.9", "heart disease"
    else:
        target, what = "I12.9" if not any(c in ("N185", "N186") for c in ckd) else "I12.0", \
            "chronic kidney disease"
    others = ", ".join(with_dot(c) for c in heart + ckd)
    return [Finding("warning", ("I10", *heart, *ckd), f"I10 with {others}: the Index presumes hypertension "
                    f"with {what} is hypertensive ({target} first, then {others}) unless the provider "
                    "documents another cause", HTN_RULE)]


def hypertensive_combination(ctx: Context) -> list[Finding]:
    """I11/I12/I13 that do not match what else is coded (I.C.9.a.1-3): I11 beside CKD or I12 beside heart
    failure is I13; the fourth and fifth characters follow the heart failure and the CKD stage."""
    dxs = ctx.dx_codes
    combo = next((c for c in dxs if _is(c, ("I11", "I12", "I13"))), None)
    if combo is None:
        return []
    heart = [c for c in dxs if _is(c, gd.HYPERTENSIVE_HEART)]
    failure = any(c.startswith("I50") for c in dxs)
    ckd = [c for c in dxs if _is(c, gd.HYPERTENSIVE_CKD)]
    late = any(c in ("N185", "N186") for c in ckd)
    other = (ckd or heart)[:1]
    if combo.startswith("I11") and ckd:
        right = ("I13.2" if late else "I13.0") if failure else ("I13.11" if late else "I13.10")
        why = f"hypertension with heart disease and chronic kidney disease ({with_dot(ckd[0])})"
    elif combo.startswith("I12") and heart:
        other = heart[:1]
        right = ("I13.2" if late else "I13.0") if failure else ("I13.11" if late else "I13.10")
        why = f"hypertension with chronic kidney disease and heart disease ({with_dot(heart[0])})"
    elif combo.startswith("I12") and ckd:
        right = "I12.0" if late else "I12.9"
        why = f"hypertensive chronic kidney disease with {with_dot(ckd[0])}"
    elif combo.startswith("I13") and ckd:
        right = ("I13.2" if late else "I13.0") if failure else ("I13.11" if late else "I13.10")
        why = f"hypertensive heart and chronic kidney disease with {with_dot(ckd[0])}" + (
            " and heart failure" if failure else " without heart failure")
    elif combo.startswith("I11") and failure:
        right, why = "I11.0", "hypertensive heart disease with heart failure"
    else:
        return []
    if right.replace(".", "") == combo:
        return []
    return [Finding("warning", (combo, *other), f"{with_dot(combo)} does not match the codes "
                    f"beside it: {why} is {right}", HTN_RULE)]


def _diabetes_companions(ctx: Context, cat: str) -> list[tuple[tuple[str, ...], str, str]]:
    """(companion prefixes, combination code, what) for a diabetes category: the Index table, with the
    combination codes the release holds."""

    def make() -> list[tuple[tuple[str, ...], str, str]]:
        hit = []
        for prefixes, suffix, what in gd.DIABETES_WITH_CHECKED:
            code = cat + suffix
            if ctx.release is None or ((it := ctx.release.cm(code)) is not None and it.billable):
                hit.append((prefixes, code, what))
        return hit

    return ctx.cached(("dm_pairs", ctx.release.id if ctx.release is not None else None, cat), make)


def diabetes(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    out = []
    for cat in {c[:3] for c in dxs if _is(c, gd.DIABETES_CATEGORIES)}:
        coded = [c for c in dxs if c.startswith(cat)]
        for prefixes, combo, what in _diabetes_companions(ctx, cat):
            comp = [c for c in dxs if _is(c, prefixes)]
            if not comp or combo in coded or any(c.startswith(combo) for c in coded):
                continue
            if any(c.startswith(cat + wider) for wider in gd.DIABETES_COVERED_BY.get(combo[3:], ())
                   for c in coded):
                continue  # CKD coded with E1x.22 covers the kidney disease; E1x.52 the angiopathy
            plain = [c for c in coded if c in (cat + "9", cat + "8")]
            codes = (*(plain or coded[:1]), comp[0])
            msg = (f"{with_dot(comp[0])} with {', '.join(with_dot(c) for c in coded)}: the Index presumes "
                   f"diabetes with {what} is linked: code {with_dot(combo)}")
            if plain:
                msg += f" instead of {with_dot(plain[0])}"
            msg += " unless the provider documents another cause"
            out.append(Finding("warning", codes, msg, DM_RULE))
        out += _diabetes_parts(ctx, cat, coded)
        vague = cat + "8"  # "... with unspecified complications" beside a code that names the complication
        named = [c for c in coded if c not in (cat + "8", cat + "9")]
        if vague in coded and named and not out_has(out, vague):
            out.append(Finding("warning", (vague, named[0]), f"{with_dot(vague)} (with unspecified "
                               f"complications) is coded beside {with_dot(named[0])}, which names the "
                               f"complication: remove {with_dot(vague)} (I.B.9)", DM_RULE))
        bare = cat + "9"  # "... without complications": contradicted by any other code of the category
        others = [c for c in coded if c != bare]
        if bare in coded and others and not out_has(out, bare):
            out.append(Finding("warning", (bare, others[0]), f"{with_dot(bare)} (without complications) "
                               f"is coded beside {with_dot(others[0])}, a complication of the same diabetes: "
                               f"remove {with_dot(bare)} (I.A.15, I.B.9)", DM_RULE))
    return out


def out_has(findings: list[Finding], code: str) -> bool:
    return any(code in f.codes for f in findings)


def _asked_by(ctx: Context, combo: str) -> list[Any]:
    """The code ranges of the combination code's "use additional code" notes."""
    from codesets.coderefs import parse_refs

    return [parse_refs(n.text) for n in ctx.release.notes(combo)
            if n.kind == "use_additional_code"] if ctx.release is not None else []


def _diabetes_parts(ctx: Context, cat: str, coded: list[str]) -> list[Finding]:
    """I.B.9: a diabetic combination code coded with the separate code of the complication it names
    (E11.42 with G62.9, E11.21 with N28.9), unless its "use additional code" note asks for that code
    (N18.- with E11.22, L97.- with E11.621)."""
    out = []
    dxs = ctx.dx_codes
    for prefixes, combo, what in _diabetes_companions(ctx, cat):
        if combo not in coded:
            continue
        asked = ctx.cached(("dm_asked", ctx.release.id if ctx.release is not None else None, combo),
                           functools.partial(_asked_by, ctx, combo))
        parts = tuple(p for p in prefixes + gd.DIABETES_PART_EXTRA.get(combo[3:], ())
                      if p not in gd.DIABETES_CODED_TOGETHER)
        for c in dxs:
            if _is(c, parts) and not any(c in r for r in asked) \
                    and not any(c.startswith(m) for k, m in gd.INDEX_MANIFESTATIONS if combo.startswith(k)):
                out.append(Finding("warning", (c, combo), f"{with_dot(c)} is coded beside {with_dot(combo)}, "
                                   f"which already names the {what}: the combination code alone (I.B.9)",
                                   DM_RULE))
    return out



# ------------------------------------------------------------------ COPD with infection (I.A.15)

# What may be the infection of J44.0: the lower respiratory infections, influenza, aspiration pneumonia,
# lung abscess and empyema, ventilator pneumonia, COVID-19 and any infectious disease of chapter 1.
_ANY_INFECTION = gd.LOWER_RESPIRATORY_INFECTIONS + ("J09", "J10", "J11", "J69", "J85", "J86", "J95851", "U07",
                                                    "A", "B")


def copd(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    out = []
    bare = next((c for c in dxs if _is(c, gd.COPD_UNSPECIFIED)), None)
    emphysema = next((c for c in dxs if c.startswith("J43")), None)
    if bare is not None and emphysema is not None:
        # emphysema is the specified form of COPD (Coding Clinic 1Q 2019: J43.9 alone)
        out.append(Finding("warning", (bare, emphysema), f"{with_dot(bare)} (COPD, unspecified) is coded "
                           f"beside {with_dot(emphysema)}: emphysema is the COPD, specified; code "
                           f"{with_dot(emphysema)} alone", COPD_RULE))
    infection = next((c for c in dxs if _is(c, gd.LOWER_RESPIRATORY_INFECTIONS)), None)
    if "J440" in dxs and not any(_is(c, _ANY_INFECTION) for c in dxs):
        # J44.0's official tabular note "Code also to identify the infection" (the release lists only its
        # tobacco note): COPD "with lower respiratory infection" and no infection coded says neither which
        # infection nor, perhaps, that there was one (J44.1 or J44.9 then).
        out.append(Finding("warning", ("J440",), "J44.0 (COPD with acute lower respiratory infection) is "
                           "coded without the infection: code also the infection (J44.0's tabular note), or "
                           "J44.9 / J44.1 when there was none", COPD_RULE))
    if infection is None or "J440" in dxs:
        return out
    if bare is not None:
        out.append(Finding("warning", (bare, infection), f"{with_dot(bare)} with {with_dot(infection)}: the "
                           "Index presumes COPD with a lower respiratory infection is J44.0 (code also the "
                           f"infection); code J44.0 instead of {with_dot(bare)}", COPD_RULE))
    elif (other := next((c for c in dxs if _is(c, gd.COPD_OTHER)), None)) is not None:
        out.append(Finding("warning", (other, infection), f"{with_dot(other)} with {with_dot(infection)}: "
                           "the Index presumes COPD with a lower respiratory infection is J44.0; add J44.0 "
                           f"(with {with_dot(other)} for the exacerbation and {with_dot(infection)} for the "
                           "infection)", COPD_RULE))
    return out



# ------------------------------------------------------------------ osteoporosis (I.C.13.d.2)

def osteoporosis(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    osteo = [c for c in dxs if _is(c, gd.OSTEOPOROSIS_WITHOUT_FRACTURE)]
    fx = [c for c in dxs if _is(c, gd.FRACTURES)]
    twice = _osteoporotic_and_traumatic(dxs)
    if not osteo or not fx:
        return twice
    if fx[0].startswith("M80"):
        msg = (f"{with_dot(osteo[0])} (osteoporosis without current pathological fracture) is coded with "
               f"{with_dot(fx[0])} (osteoporosis with current fracture): code M80.- alone")
        return [Finding("blocking", (osteo[0], fx[0]), msg, OSTEO_RULE)]
    if twice:
        return twice
    force = next((c for c in dxs if _is(c, gd.HIGH_ENERGY_CAUSES)), None)
    severity = "info" if force else "warning"  # trauma that breaks healthy bone: the injury code is right
    return [Finding(severity, (osteo[0], fx[0]), f"{with_dot(fx[0])} in a patient with osteoporosis "
                    f"({with_dot(osteo[0])}): unless the trauma would break a healthy bone, the fracture is "
                    "M80.- (osteoporosis with current pathological fracture), not M81 plus an injury code; "
                    "query the provider if unclear", OSTEO_RULE)]


def _osteoporotic_and_traumatic(dxs: list[str]) -> list[Finding]:
    out = []
    for m in (c for c in dxs if c.startswith(("M800", "M808")) and len(c) > 4):
        s = next((c for c in dxs if _is(c, gd.M80_SITE_FRACTURES.get(m[4], ()))), None)
        if s is not None:
            out.append(Finding("warning", (s, m), f"{with_dot(s)} (traumatic fracture) and {with_dot(m)} "
                               "(osteoporosis with current pathological fracture) name one fracture of the "
                               f"same bone: in known osteoporosis it is {with_dot(m)} alone, unless the "
                               "trauma would break a healthy bone (then the injury code, without M80)",
                               OSTEO_RULE))
    return out
