"""Medicare Code Editor edits in plain language, each attributed to the code that triggered it.

The MCE reports per claim (edit name and count). To name the code, the editor is re-run on
sub-claims: the principal alone, the principal with one secondary, the diagnoses with one procedure.
An edit that appears only for the whole combination is reported without a single code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from codesets.codes import with_dot

if TYPE_CHECKING:
    from workbench.drg import DrgService

# Plain-language explanations, after the CMS Definitions of Medicare Code Edits.
MESSAGES: dict[str, str] = {
    "INVALID_CODE": "{code} is not a valid code for a discharge on this date: deleted, not yet in effect, "
                    "or a category that needs more characters",
    "INVALID_AGE": "the age ({age}) is outside 0-124 years",
    "INVALID_SEX": "the sex is missing or not M/F",
    "INVALID_DISCHARGE_STATUS": "discharge status {disposition} is not a valid UB-04 patient status",
    "INVALID_POA": "the POA indicator of {code} is not Y, N, U, W or blank",
    "INVALID_ADMIT_DX": "the admitting diagnosis is not valid",
    "AGE_CONFLICT": "{code} does not fit the patient's age ({age}): it is limited to newborn, pediatric, "
                    "maternity or adult ages",
    "SEX_CONFLICT": "{code} does not fit the patient's sex ({sex})",
    "E_CODE_AS_PDX": "{code} is an external-cause code: it says how an injury happened and cannot be "
                     "the principal diagnosis; sequence the injury first",
    "MANIFESTATION_AS_PDX": "{code} is a manifestation code: the underlying condition is coded first, "
                            "so it cannot be the principal diagnosis",
    "UNACCEPTABLE_PDX": "{code} is not acceptable as a principal diagnosis for an inpatient stay "
                        "(a status, history or encounter code that does not explain the admission)",
    "NONSPECIFIC_PDX": "{code} is a nonspecific principal diagnosis",
    "QUESTIONABLE_ADMISSION": "{code} is rarely a sufficient reason for an inpatient admission as principal diagnosis",
    "QUESTIONABLE_OBSTETRIC_ADMISSION": "{code} is an obstetric code that questions the need for admission",
    "DUPLICATE_OF_PDX": "{code} repeats the principal diagnosis as a secondary diagnosis: remove the duplicate",
    "REQUIRES_SDX": "{code} needs a secondary diagnosis to describe the case",
    "UNSPECIFIED": "{code} is unspecified where a more specific code is expected",
    "NON_COVERED": "{code} is a procedure Medicare does not cover (or not for these diagnoses)",
    "LIMITED_COVERAGE": "{code} is covered by Medicare only under limited circumstances",
    "OPEN_BIOPSY": "{code} is an open biopsy: check that an open (not closed) biopsy was performed",
    "BILATERAL": "{code} with the other procedures describes a bilateral procedure of multiple joints",
    "MEDICARE_IS_SECONDARY_PAYER": "{code} suggests another payer (e.g. liability insurance) may be primary",
    "WRONG_PROCEDURE_PERFORMED": "{code} reports a wrong procedure, wrong site or wrong patient: not covered",
    "INCONSISTENT_WITH_LENGTH_OF_STAY": "{code} is inconsistent with the length of stay",
    "NONSPECIFIC_OR": "{code} is a nonspecific O.R. procedure",
}

# Edits about the whole claim rather than one code.
CLAIM_EDITS = frozenset({"INVALID_AGE", "INVALID_SEX", "INVALID_DISCHARGE_STATUS", "INVALID_ADMIT_DX"})


@dataclass(frozen=True, slots=True)
class Edit:
    """One MCE edit: its CMS name, a plain message and the code that triggered it (None: the claim)."""

    name: str
    message: str
    code: str | None
    edit_type: str  # PREPAYMENT / POSTPAYMENT
    code_type: str = ""  # DIAGNOSIS / PROCEDURE / BOTH / NONE

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "code": self.code, "message": self.message, "edit_type": self.edit_type}


def message_for(name: str, code: str | None, claim: dict[str, Any], *, pcs: bool = False) -> str:
    base = name
    if base.startswith("LIMITED_COVERAGE") and base not in MESSAGES:
        base = "LIMITED_COVERAGE"
    text = MESSAGES.get(base)
    shown = (with_dot(code, "PCS" if pcs else "CM") if code else "the claim")
    if text is None:
        text = "{code}: Medicare Code Editor edit " + name.replace("_", " ").lower()
    sex = {0: "M", 1: "F"}.get(claim.get("sex", 2), "U")
    disp = f"{claim.get('discharge_status', 0):02d}"
    msg = text.format(code=shown, age=claim.get("age", "?"), sex=sex, disposition=disp)
    if name.startswith("LIMITED_COVERAGE_"):
        msg += " (" + name.removeprefix("LIMITED_COVERAGE_").replace("_", " ").lower() + ")"
    return msg[0].upper() + msg[1:]


def _names(result: dict[str, Any]) -> dict[str, int]:
    return {e["name"]: int(e.get("count", 1)) for e in result.get("edits") or ()}


def explain_edits(service: DrgService, claim: dict[str, Any], result: dict[str, Any]) -> list[Edit]:
    """The claim's MCE edits, one entry per triggering code where one can be named."""
    edits = result.get("edits") or []
    if not edits:
        return []
    wanted = {e["name"]: e for e in edits}
    found: dict[str, list[tuple[str | None, bool]]] = {n: [] for n in wanted}

    def run(sub: dict[str, Any]) -> dict[str, int]:
        return _names(service.run_mce(orjson.dumps(sub)))

    solo = run({**claim, "sdx": [], "procedures": []})
    for n in solo:
        if n in found:
            found[n].append((None if n in CLAIM_EDITS else claim["pdx"]["code"], False))
    dx_names = {n for n, e in wanted.items() if e.get("code_type") in ("DIAGNOSIS", "BOTH") and n not in CLAIM_EDITS}
    if dx_names:
        for s in claim["sdx"]:
            got = run({**claim, "sdx": [s], "procedures": []})
            for n in dx_names & got.keys():
                if got[n] > solo.get(n, 0):
                    found[n].append((s["code"], False))
    pr_names = {n for n, e in wanted.items() if e.get("code_type") in ("PROCEDURE", "BOTH")}
    if pr_names and claim["procedures"]:
        # Most procedure edits are about the code alone: try it with the principal only, and add the
        # secondaries only for edits still unexplained (non-covered unless a diagnosis, bilateral...).
        bare = run({**claim, "sdx": [], "procedures": []})
        for p in claim["procedures"]:
            got = run({**claim, "sdx": [], "procedures": [p]})
            for n in pr_names & got.keys():
                if got[n] > bare.get(n, 0):
                    found[n].append((p["code"], True))
        left = {n for n in pr_names if sum(1 for _, pcs in found[n] if pcs) < int(wanted[n].get("count", 1))
                and not found[n]}
        if left:
            no_pr = run({**claim, "procedures": []})
            for p in claim["procedures"]:
                got = run({**claim, "procedures": [p]})
                for n in left & got.keys():
                    if got[n] > no_pr.get(n, 0):
                        found[n].append((p["code"], True))
    out: list[Edit] = []
    for name, e in wanted.items():
        codes = list(dict.fromkeys(found[name])) or [(None, False)]
        for code, pcs in codes:
            out.append(Edit(name, message_for(name, code, claim, pcs=pcs), code,
                            e.get("edit_type", ""), e.get("code_type", "")))
    return out
