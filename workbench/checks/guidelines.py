"""ICD-10-CM Official Guidelines (FY2026) the coding must follow: combination codes, sequencing (sepsis,
poisoning, chapter 15, the birth record, HIV, burns, injury 7th characters), integral symptoms,
etiology/manifestation, history beside the current malignancy, POA of chronic conditions, osteoporosis with
a fracture and procedure dates. Each finding cites its
section. Severity: blocking where the claim would be wrong as coded, warning where a coder must decide
(the guideline allows a documented exception), info otherwise.

The "with" presumption (I.A.15) for hypertension and diabetes, the integral-symptom pairs (I.B.5) and the
sepsis code sets (I.C.1.d) are tables in guideline_data.py; the diabetes companions written in the tabular
list ("use additional code to identify stage of chronic kidney disease (N18.1-N18.6)" at E11.22) and the
manifestation notes are read from the release.
"""

from __future__ import annotations

import datetime as dt
import re

from codesets.coderefs import CodeRanges
from codesets.codes import with_dot
from workbench.checks import guideline_data as gd
from workbench.checks.base import Context, Finding, others_matching

HTN_RULE = "ICD-10-CM Official Guidelines I.C.9.a (I.A.15 \"with\"): hypertension with heart disease or CKD"
DM_RULE = "ICD-10-CM Official Guidelines I.C.4.a (I.A.15 \"with\"): diabetes with its complications"
INTEGRAL_RULE = "ICD-10-CM Official Guidelines I.B.5: signs and symptoms integral to a definitive diagnosis"
MANIFEST_RULE = "ICD-10-CM Official Guidelines I.A.13: etiology/manifestation convention"
SEPSIS_RULE = "ICD-10-CM Official Guidelines I.C.1.d: sepsis, severe sepsis and septic shock"
CHRONIC_POA_RULE = "ICD-10-CM Official Guidelines, Appendix I: chronic conditions are POA Y"
DATE_RULE = ("UB-04 FL 74: procedure dates within the stay; CMS 3-day payment window "
             "(42 CFR 412.2(c)(5))")
DELIVERY_RULE = "ICD-10-CM Official Guidelines I.C.15.b.5: outcome of delivery (Z37.-) on delivery records"
COPD_RULE = ("ICD-10-CM Official Guidelines I.A.15 (\"with\"), I.C.10.a: COPD with a lower respiratory "
             "infection")
STATUS_RULE = "ICD-10-CM Official Guidelines I.C.21.c.3: status codes are not for a device placed this stay"
OSTEO_RULE = "ICD-10-CM Official Guidelines I.C.13.d.2: osteoporosis with a current fracture (M80.-)"
POISONING_RULE = "ICD-10-CM Official Guidelines I.C.19.e.5.b: poisoning first, then its manifestations"
OBSTETRIC_RULE = "ICD-10-CM Official Guidelines I.C.15.a.1: chapter 15 codes have sequencing priority"
NEWBORN_RULE = "ICD-10-CM Official Guidelines I.C.16.a.2 and I.C.21.c.12: Z38.- first on the birth record"
HIV_RULE = "ICD-10-CM Official Guidelines I.C.1.a.2.a: B20 first for an HIV-related condition"
BURN_RULE = ("ICD-10-CM Official Guidelines I.C.19.d.1 and d.6: burns by highest degree first; T31-T32 after "
             "the sites")
HISTORY_RULE = "ICD-10-CM Official Guidelines I.C.2.d: personal history of a malignancy still present"
COVID_RULE = "ICD-10-CM Official Guidelines I.C.1.g.1: COVID-19 confirmed (U07.1)"
SEVENTH_CHAR_RULE = ("ICD-10-CM Official Guidelines I.C.19.a and I.B.10: 7th character A for active "
                     "treatment; the sequela (S) after its residual")


def _is(code: str, prefixes: tuple[str, ...]) -> bool:
    return code.startswith(prefixes)


def run(ctx: Context) -> list[Finding]:
    out = procedure_dates(ctx)
    if not ctx.enc.diagnoses:
        return out
    return (out + hypertension(ctx) + diabetes(ctx) + integral_symptoms(ctx) + symptom_named_by_title(ctx)
            + manifestations(ctx)
            + sepsis(ctx) + chronic_poa(ctx) + osteoporosis(ctx) + delivery_outcome(ctx) + copd(ctx)
            + device_status(ctx) + poisoning_first(ctx) + obstetric_first(ctx) + newborn_first(ctx)
            + hiv_first(ctx) + burns(ctx) + history_of_current(ctx) + exposure_with_confirmed(ctx)
            + injury_encounter(ctx))


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
    key = ("dm_pairs", ctx.release.id if ctx.release is not None else None, cat)
    hit = ctx.cache.get(key)
    if hit is None:
        hit = []
        for prefixes, suffix, what in gd.DIABETES_WITH_CHECKED:
            code = cat + suffix
            if ctx.release is None or ((it := ctx.release.cm(code)) is not None and it.billable):
                hit.append((prefixes, code, what))
        ctx.cache[key] = hit
    return hit


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


def _diabetes_parts(ctx: Context, cat: str, coded: list[str]) -> list[Finding]:
    """I.B.9: a diabetic combination code coded with the separate code of the complication it names
    (E11.42 with G62.9, E11.21 with N28.9), unless its "use additional code" note asks for that code
    (N18.- with E11.22, L97.- with E11.621)."""
    from codesets.coderefs import parse_refs

    out = []
    dxs = ctx.dx_codes
    for prefixes, combo, what in _diabetes_companions(ctx, cat):
        if combo not in coded:
            continue
        key = ("dm_asked", ctx.release.id if ctx.release is not None else None, combo)
        asked = ctx.cache.get(key)
        if asked is None:
            asked = ctx.cache[key] = [parse_refs(n.text) for n in ctx.release.notes(combo)
                                      if n.kind == "use_additional_code"] if ctx.release is not None else []
        parts = tuple(p for p in prefixes + gd.DIABETES_PART_EXTRA.get(combo[3:], ())
                      if p not in gd.DIABETES_CODED_TOGETHER)
        for c in dxs:
            if _is(c, parts) and not any(c in r for r in asked) \
                    and not any(c.startswith(m) for k, m in gd.INDEX_MANIFESTATIONS if combo.startswith(k)):
                out.append(Finding("warning", (c, combo), f"{with_dot(c)} is coded beside {with_dot(combo)}, "
                                   f"which already names the {what}: the combination code alone (I.B.9)",
                                   DM_RULE))
    return out


# ------------------------------------------------------------------ integral symptoms (I.B.5)

def integral_symptoms(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    out = []
    for sym in dxs:
        if not sym.startswith(("R", "E87")):  # chapter 18, and acidosis (E87.2) with ketoacidosis
            continue
        for prefix, definitive, what in gd.INTEGRAL_SYMPTOMS:
            if not sym.startswith(prefix):
                continue
            hit = next((c for c in dxs if c != sym and _is(c, definitive)), None)
            if hit is not None:
                out.append(Finding("warning", (sym, hit), f"{with_dot(sym)} is a symptom routinely part of "
                                   f"{what} ({with_dot(hit)}): do not code it separately", INTEGRAL_RULE))
                break
    return out


def _says_with(ctx: Context, code: str, words: tuple[str, ...]) -> bool:
    """Whether the code's title says "with" one of `words` (K25.4 "... with hemorrhage", K57.31 "... without
    perforation or abscess with bleeding"; not "without bleeding")."""
    key = ("says-with", ctx.release.id if ctx.release is not None else None, code, words)
    hit = ctx.cache.get(key)
    if hit is None:
        item = ctx.release.cm(code) if ctx.release is not None else None
        title = (item.title or "").lower() if item is not None else ""
        hit = ctx.cache[key] = any(re.search(rf"\bwith\b[^,;]*?\b{w}", title) is not None
                                   and f"without {w}" not in title for w in words)
    return bool(hit)


def symptom_named_by_title(ctx: Context) -> list[Finding]:
    """I.B.5, read from the classification: a symptom code beside a code whose title says the symptom
    ("with hemorrhage", "with bleeding"): melena with a bleeding duodenal ulcer (K26.4), hematemesis with
    bleeding varices (I85.11), rectal bleeding with diverticulosis with bleeding (K57.31)."""
    dxs = ctx.dx_codes
    out = []
    for sym in dxs:
        entry = next(((p, w, d) for p, w, d in gd.SYMPTOMS_NAMED if sym.startswith(p)), None)
        if entry is None:
            continue
        _, words, definitive = entry
        hit = next((c for c in dxs if c != sym and _is(c, definitive) and not c.startswith(entry[0][:3])
                    and _says_with(ctx, c, words)), None)
        if hit is not None:
            out.append(Finding("warning", (sym, hit), f"{with_dot(sym)} is a symptom routinely part of "
                               f"{with_dot(hit)}, whose title says it (with {words[0]}): do not code it "
                               "separately", INTEGRAL_RULE))
    return out


# ------------------------------------------------------------------ etiology / manifestation (I.A.13)

def _manifestation_refs(ctx: Context, code: str) -> CodeRanges | None:
    """The code-first references of a manifestation code ("in diseases classified elsewhere"), or None."""
    if ctx.release is None:
        return None
    key = ("manif", ctx.release.id, code)
    if key in ctx.cache:
        cached: CodeRanges | None = ctx.cache[key]
        return cached
    item = ctx.release.cm(code)
    refs = None
    if item is not None and "classified elsewhere" in item.title.lower() \
            or "MANIFESTATION_AS_PDX" in ctx.mce_edits_of(code):
        from codesets.coderefs import parse_refs

        texts = [n.text for n in ctx.release.notes(code) if n.kind == "code_first"]
        refs = parse_refs(" ".join(texts)) if texts else parse_refs("")
    ctx.cache[key] = refs
    return refs


_NOT_ETIOLOGY = ("Z", "V", "W", "X", "Y")


def manifestations(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    refs_of = {code: _manifestation_refs(ctx, code) for code in dxs}
    out = []
    for pos, code in enumerate(dxs):
        refs = refs_of[code]
        if refs is None:
            continue
        # the etiology candidates: codes that are not manifestations themselves, Z codes or external causes
        others = [c for c in dxs if c != code and refs_of[c] is None and not c.startswith(_NOT_ETIOLOGY)]
        named = others_matching(dxs, code, refs.__contains__)
        if not others:
            out.append(Finding("warning", (code,), f"{with_dot(code)} is a manifestation code and is coded "
                               "alone: code the underlying condition (etiology) first", MANIFEST_RULE))
        elif refs and not named and pos > 0 and not any(_is(c, gd.SYSTEMIC_ETIOLOGIES)
                                                        and not _is(c, gd.NOT_AN_ETIOLOGY) for c in others):
            # "Code first underlying disease, such as: ..." lists examples: a systemic disease coded beside
            # it may be the etiology (anemia in rheumatoid arthritis D63.8 with M06.9); a chart with only
            # local or acute conditions (pneumonia, a UTI) has none.
            out.append(Finding("warning", (code,), f"{with_dot(code)} is a manifestation code and no "
                               "condition its \"code first\" note names is coded: code the underlying "
                               "condition (etiology) first, or query the provider for it", MANIFEST_RULE))
        elif named and all(i > pos for i in named):
            first = dxs[named[0]]
            msg = f"Sequence the etiology {with_dot(first)} before the manifestation {with_dot(code)}"
            out.append(Finding("warning", (code, first), msg, MANIFEST_RULE))
    return out


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


# ------------------------------------------------------------------ POA, dates, osteoporosis

def _chronic_by_title(ctx: Context, code: str) -> bool:
    """Whether the code's title calls the condition itself chronic ("Chronic pain syndrome", "Chronic
    respiratory failure with hypoxia"), not an acute phase of it ("acute on chronic", "with exacerbation")
    nor another condition in a chronic disease ("Anemia in chronic kidney disease")."""
    if ctx.release is None or code.startswith(gd.CHRONIC_TITLE_NOT):
        return False
    key = ("chronic-title", ctx.release.id, code)
    hit = ctx.cache.get(key)
    if hit is None:
        item = ctx.release.cm(code)
        title = " ".join((item.title or "").lower().replace(",", " ").replace("(", " ").replace(")", " ")
                         .split()) if item is not None else ""
        own = title.split(" in ")[0].split(" due to ")[0]  # the condition named, not the one it is in
        hit = ctx.cache[key] = ("chronic" in own.split() and "chronic or" not in title
                                and not gd.CHRONIC_TITLE_ACUTE & set(title.split()))
    return bool(hit)


def chronic_poa(ctx: Context) -> list[Finding]:
    out = []
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


def delivery_outcome(ctx: Context) -> list[Finding]:
    """An obstetric principal with a delivery and no Z37: the MCE then calls the admission a questionable
    obstetric admission, which misleads (the principal is obstetric); say what is missing instead."""
    dxs = ctx.dx_codes
    if not dxs[0].startswith("O") or any(c.startswith("Z37") for c in dxs):
        return []
    edits = [e.code for e in ctx.mce if e.name == "QUESTIONABLE_OBSTETRIC_ADMISSION" and e.code]
    for code in edits:
        ctx.explain("QUESTIONABLE_OBSTETRIC_ADMISSION", code)
    if not edits:
        return []
    return [Finding("warning", (dxs[0], *edits), f"A delivery ({', '.join(edits)}) is coded without the "
                    "outcome of delivery: add Z37.- (Z37.0 single live birth) after the obstetric codes",
                    DELIVERY_RULE)]


# ------------------------------------------------------------------ COPD with infection (I.A.15)

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


# ------------------------------------------------------------------ sequencing priorities

def _poisoning(code: str) -> bool:
    """T36-T50 with 6th character 1-4 (poisoning), or a toxic effect T51-T65."""
    if not code.startswith(gd.POISONINGS):
        return False
    return int(code[1:3]) > 50 or (len(code) >= 6 and code[5] in "1234")


def poisoning_first(ctx: Context) -> list[Finding]:
    """I.C.19.e.5.b: a poisoning present on admission comes before the conditions it caused. A principal
    injury (S/T) or another poisoning is left alone: which injury is first is the coder's call."""
    enc = ctx.enc
    pdx = enc.diagnoses[0].code
    if pdx.startswith(("S", "T", "O", "P")):
        return []
    hit = next((d.code for d in enc.diagnoses[1:] if _poisoning(d.code) and d.poa in ("Y", "W", "")), None)
    if hit is None:
        return []
    return [Finding("warning", (pdx, hit), f"{with_dot(hit)} (poisoning or toxic effect) is present on "
                    f"admission but sequenced after {with_dot(pdx)}: the poisoning code is first, then its "
                    "manifestations", POISONING_RULE)]


def obstetric_first(ctx: Context) -> list[Finding]:
    """I.C.15.a.1: a chapter-15 code beside a principal from another chapter (pneumonia in pregnancy is
    O99.51- first, then J18.9); Z33.1 (incidental pregnancy) would have no chapter-15 code at all."""
    dxs = ctx.dx_codes
    pdx = dxs[0]
    if pdx.startswith(("O", "Z")):  # an encounter code (Z51.11 chemotherapy, I.C.2.e) keeps its place
        return []
    ob = next((c for c in dxs[1:] if c.startswith("O")), None)
    if ob is None:
        return []
    return [Finding("warning", (pdx, ob), f"{with_dot(ob)} (pregnancy, childbirth or the puerperium) is "
                    f"coded after {with_dot(pdx)}: chapter 15 codes are sequenced first; the other "
                    "chapter's code follows to name the condition", OBSTETRIC_RULE)]


def newborn_first(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    born = next((c for c in dxs[1:] if c.startswith("Z38")), None)
    age = ctx.enc.age_years()
    if born is None or age is not None and age >= 1:  # Z38 on an older patient is the age edit's
        return []
    return [Finding("warning", (dxs[0], born), f"{with_dot(born)} (liveborn infant) is the principal "
                    f"diagnosis of the birth record: sequence it before {with_dot(dxs[0])}", NEWBORN_RULE)]


def hiv_first(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    if not _is(dxs[0], gd.HIV_RELATED) or "B20" not in dxs:
        return []
    return [Finding("warning", (dxs[0], "B20"), f"{with_dot(dxs[0])} is an HIV-related condition admitted "
                    "with HIV disease: B20 is the principal diagnosis, the related condition after it",
                    HIV_RULE)]


def _burn_degree(code: str) -> int:
    """The degree (1-3) of a T20-T25 burn or corrosion code (4th character 1-3, 5-7), 0 if unstated."""
    d = int(code[3]) if len(code) > 3 and code[3].isdigit() else 0
    return d - 4 if d > 4 else (d if d < 4 else 0)


def burns(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    pdx = dxs[0]
    sites = [c for c in dxs if c.startswith(("T20", "T21", "T22", "T23", "T24", "T25"))]
    if not sites:
        return []
    if pdx.startswith(("T31", "T32")):
        return [Finding("warning", (pdx, sites[0]), f"{with_dot(pdx)} (extent of body surface burned) is "
                        f"principal although the burn sites are coded ({with_dot(sites[0])}): sequence the "
                        "site of the highest degree first, T31-T32 after", BURN_RULE)]
    if pdx in sites:
        worse = next((c for c in sites if _burn_degree(c) > _burn_degree(pdx)), None)
        if worse is not None:
            return [Finding("warning", (pdx, worse), f"{with_dot(pdx)} (degree {_burn_degree(pdx)}) is "
                            f"sequenced before {with_dot(worse)} (degree {_burn_degree(worse)}): the burn of "
                            "the highest degree is first", BURN_RULE)]
    return []


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


# ------------------------------------------------------------------ injury 7th character (I.C.19.a)

_FRACTURE_CATEGORIES = ("S02", "S12", "S22", "S32", "S42", "S52", "S62", "S72", "S82", "S92")


def injury_encounter(ctx: Context) -> list[Finding]:
    """A principal injury whose 7th character contradicts the stay: D (subsequent encounter, routine
    healing) for a fracture repaired or replaced this stay, which is active treatment (A); S (sequela)
    first, where the residual condition is sequenced first and the sequela code after it."""
    dxs = ctx.dx_codes
    pdx = dxs[0]
    if len(pdx) != 7 or not pdx.startswith(("S", "T")):
        return []
    if pdx[6] == "S":
        return [Finding("warning", (pdx,), f"{with_dot(pdx)} is a sequela code (7th character S) sequenced "
                        "first: code the residual condition (the late effect being treated) first and the "
                        "sequela code after it", SEVENTH_CHAR_RULE)]
    if pdx[6] == "D" and pdx.startswith(_FRACTURE_CATEGORIES):
        fix = next((p.code for p in ctx.enc.procedures
                    if p.code[:2] in ("0Q", "0P", "0S", "0R") and p.code[2:3] in "SRUHQT"), None)
        if fix is not None:
            right = with_dot(pdx[:6] + "A")
            return [Finding("warning", (pdx, fix), f"{with_dot(pdx)} (subsequent encounter, routine healing) "
                            f"with {fix}, surgical treatment of the fracture this stay: active treatment is "
                            f"the initial encounter, 7th character A ({right})", SEVENTH_CHAR_RULE)]
    return []
