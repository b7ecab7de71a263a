"""ICD-10-CM Official Guidelines (FY2026) the coding must follow, run in one pass: combination codes
(guideline_combinations), integral symptoms and a symptom beside the "without" sibling of the combination
its Excludes1 names (guideline_symptoms), etiology/manifestation
(guideline_manifestations), sepsis (guideline_sepsis), POA of chronic conditions and procedure dates
(guideline_poa_dates), sequencing priorities and one condition's initial and subsequent
7th characters together (guideline_sequencing) and status or history codes beside the
current condition (guideline_status). Each finding cites its section. Severity: blocking where the claim
would be wrong as coded, warning where a coder must decide (the guideline allows a documented exception),
info otherwise. The order of the rules below is the order of their findings before the checker sorts them.
"""

from __future__ import annotations

from workbench.checks.base import Context, Finding
from workbench.checks.guideline_combinations import copd, diabetes, hypertension, osteoporosis
from workbench.checks.guideline_manifestations import manifestations
from workbench.checks.guideline_poa_dates import chronic_poa, procedure_dates
from workbench.checks.guideline_sepsis import sepsis
from workbench.checks.guideline_sequencing import (
    burns,
    delivery_outcome,
    encounter_twice,
    hiv_first,
    injury_encounter,
    newborn_first,
    obstetric_first,
    poisoning_first,
)
from workbench.checks.guideline_status import (
    device_status,
    exposure_with_confirmed,
    history_of_current,
    transplant_status,
)
from workbench.checks.guideline_symptoms import (
    integral_symptoms,
    symptom_named_by_title,
    symptom_with_its_combination,
)


def run(ctx: Context) -> list[Finding]:
    out = procedure_dates(ctx)
    if not ctx.enc.diagnoses:
        return out
    return (out + hypertension(ctx) + diabetes(ctx) + integral_symptoms(ctx) + symptom_named_by_title(ctx)
            + symptom_with_its_combination(ctx) + manifestations(ctx)
            + sepsis(ctx) + chronic_poa(ctx) + osteoporosis(ctx) + delivery_outcome(ctx) + copd(ctx)
            + device_status(ctx) + poisoning_first(ctx) + obstetric_first(ctx) + newborn_first(ctx)
            + hiv_first(ctx) + burns(ctx) + history_of_current(ctx) + exposure_with_confirmed(ctx)
            + transplant_status(ctx)
            + injury_encounter(ctx) + encounter_twice(ctx))
