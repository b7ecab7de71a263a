"""Guideline rules about a code that does not fit the record it is on: supervision of a high-risk pregnancy
(O09) on a delivery stay (I.C.15.b.2), an A40-A41 sepsis on a birth record (I.C.16.f: P36), a BMI code with no
weight diagnosis (I.C.21.c.3), weeks of gestation (Z3A) with an abortive outcome (I.C.21.c.3) and an adult or
pediatric BMI code for the other age group (the Z68 note).
"""

from __future__ import annotations

from codesets.codes import with_dot
from workbench.checks.base import Context, Finding

O09_RULE = ("ICD-10-CM Official Guidelines I.C.15.b.2: O09 (supervision of high-risk pregnancy) is for the "
            "prenatal period only")
NEWBORN_SEPSIS_RULE = "ICD-10-CM Official Guidelines I.C.16.f: sepsis of a newborn is P36.-"
BMI_DX_RULE = ("ICD-10-CM Official Guidelines I.C.21.c.3: BMI codes only with an associated reportable "
               "diagnosis (obesity, underweight)")
Z3A_ABORTIVE_RULE = ("ICD-10-CM Official Guidelines I.C.21.c.3: Z3A (weeks of gestation) is not assigned for "
                     "pregnancies with abortive outcomes (O00-O08) or elective termination (Z33.2)")
BMI_AGE_RULE = ("ICD-10-CM Official Guidelines I.C.21.c.3 and the Z68 note: adult BMI codes from 20 years, "
                "pediatric ones for 2-19 years")

DELIVERY_PCS = ("10D0", "10E0")  # extraction or delivery of products of conception
# Weight diagnoses a BMI code goes with: malnutrition, obesity, wasting and metabolic syndrome, eating
# disorders, failure to thrive, weight loss or gain, underweight, cachexia, obesity in pregnancy.
WEIGHT_DIAGNOSES = ("E40", "E41", "E42", "E43", "E44", "E45", "E46", "E66", "E8881", "E88A", "F50",
                    "R627", "R634", "R635", "R636", "R64", "O9921")
ADULT_BMI = ("Z681", "Z682", "Z683", "Z684")  # Z68.1-Z68.45: ages 20 and over
PEDIATRIC_BMI = ("Z685",)  # Z68.51-Z68.56: ages 2-19


def run(ctx: Context) -> list[Finding]:
    if not ctx.enc.diagnoses:
        return []
    return (high_risk_supervision_at_delivery(ctx) + sepsis_on_birth_record(ctx) + bmi_alone(ctx)
            + bmi_age(ctx) + weeks_with_abortive_outcome(ctx))


def _delivered(ctx: Context) -> bool:
    return (any(c.startswith("Z37") or c == "O80" for c in ctx.dx_codes)
            or any(p.code.startswith(DELIVERY_PCS) for p in ctx.enc.procedures))


def high_risk_supervision_at_delivery(ctx: Context) -> list[Finding]:
    """O09.523 on a repeat cesarean: the stay codes its complications (O34.211), or O80 if none."""
    o09 = [c for c in ctx.dx_codes if c.startswith("O09")]
    if not o09 or not _delivered(ctx):
        return []
    return [Finding("warning", (c,), f"{with_dot(c)} (supervision of high-risk pregnancy) on a delivery "
                    "stay: O09 is for prenatal visits; code this delivery's complication (or O80 if none)",
                    O09_RULE) for c in o09]


def sepsis_on_birth_record(ctx: Context) -> list[Finding]:
    """A41.51 beside Z38.00: a perinate's sepsis is P36.- (E. coli: P36.4), congenital by default."""
    dxs = ctx.dx_codes
    if not any(c.startswith("Z38") for c in dxs):
        return []
    return [Finding("warning", (c,), f"{with_dot(c)} on a birth record: sepsis of a newborn is coded to "
                    "P36.- (the organism's P36 code, or P36.8/P36.9 with its B96 code)", NEWBORN_SEPSIS_RULE)
            for c in dxs if c.startswith(("A40", "A41"))]


ABORTIVE_OUTCOME = ("O00", "O01", "O02", "O03", "O04", "O05", "O06", "O07", "O08", "Z332")


def weeks_with_abortive_outcome(ctx: Context) -> list[Finding]:
    """Z3A.08 beside a right tubal pregnancy (O00.101): the category does not apply to abortive outcomes."""
    dxs = ctx.dx_codes
    ended = next((c for c in dxs if c.startswith(ABORTIVE_OUTCOME)), None)
    if ended is None:
        return []
    return [Finding("warning", (c, ended), f"{with_dot(c)} (weeks of gestation) beside {with_dot(ended)}: "
                    "Z3A is not assigned for a pregnancy with an abortive outcome or an elective termination",
                    Z3A_ABORTIVE_RULE) for c in dxs if c.startswith("Z3A")]


def bmi_alone(ctx: Context) -> list[Finding]:
    """Z68.42 beside pneumonia and hypertension only: the BMI is reported with the provider's weight
    diagnosis (E66.01 and the like), never alone."""
    dxs = ctx.dx_codes
    bmi = [c for c in dxs if c.startswith("Z68")]
    if not bmi or any(c.startswith(WEIGHT_DIAGNOSES) for c in dxs) or any(c.startswith("O") for c in dxs):
        return []  # in pregnancy guideline_pairs.bmi_in_pregnancy says more
    return [Finding("warning", (c,), f"{with_dot(c)} (body mass index) with no weight diagnosis coded: a BMI "
                    "code goes with an associated reportable diagnosis (obesity E66.-, malnutrition, "
                    "underweight); query the provider or leave it out", BMI_DX_RULE) for c in bmi]


def bmi_age(ctx: Context) -> list[Finding]:
    age = ctx.enc.age_years()
    if age is None:
        return []
    out = []
    for c in ctx.dx_codes:
        if c.startswith(ADULT_BMI) and age < 20:
            out.append(Finding("warning", (c,), f"{with_dot(c)} is an adult BMI code (20 years and over); "
                               f"the patient is {age}: use the pediatric percentile code Z68.5-",
                               BMI_AGE_RULE))
        elif c.startswith(PEDIATRIC_BMI) and not 2 <= age <= 19:
            out.append(Finding("warning", (c,), f"{with_dot(c)} is a pediatric BMI code (2-19 years); the "
                               f"patient is {age}: use the adult code Z68.1-Z68.45", BMI_AGE_RULE))
    return out
