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
    "QUESTIONABLE_ADMISSION": "{code} is rarely a sufficient reason for an inpatient admission "
                              "as principal diagnosis",
    "QUESTIONABLE_OBSTETRIC_ADMISSION": "{code}: a delivery is coded but the principal diagnosis is not an "
                                        "obstetric condition that explains the admission",
    "DUPLICATE_OF_PDX": "{code} repeats the principal diagnosis as a secondary diagnosis: "
                        "remove the duplicate",
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
# Edits that by definition concern the principal diagnosis (CMS MCE definitions): no re-run needed.
PDX_EDITS = frozenset({"E_CODE_AS_PDX", "MANIFESTATION_AS_PDX", "UNACCEPTABLE_PDX", "NONSPECIFIC_PDX",
                       "QUESTIONABLE_ADMISSION"})
# Edits about one code alone, whatever its position (MCE definitions: code validity, age, sex, laterality).
PER_CODE_DX = frozenset({"INVALID_CODE", "AGE_CONFLICT", "SEX_CONFLICT", "UNSPECIFIED"})


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
    """The claim's MCE edits, one entry per triggering code where one can be named.

    Per-code edits add up (the count is the number of codes that trip them), so the culprits are found
    by halving the secondaries (then the procedures) and re-editing each half: about 2 k log2 n small
    edits for k culprits among n codes instead of one per code.
    """
    edits = result.get("edits") or []
    if not edits:
        return []
    wanted = {e["name"]: e for e in edits}
    found: dict[str, list[tuple[str | None, bool]]] = {n: [] for n in wanted}
    pdx_code = claim["pdx"]["code"]
    for n in wanted:
        if n in PDX_EDITS:
            found[n].append((pdx_code, False))
        elif n in CLAIM_EDITS:
            found[n].append((None, False))
    if all(found[n] for n in wanted):
        return _edits(wanted, found, claim)

    def run(sub: dict[str, Any]) -> dict[str, int]:
        return _names(service.run_mce(orjson.dumps(sub)))

    def search(items: list[dict], make: Any, excess: dict[str, int], baseline: dict[str, int],
               pcs: bool) -> None:
        """Binary search for the items behind `excess` (edit name -> count above the baseline): edit the
        left half; the right half holds the rest, so it needs no run of its own."""
        excess = {n: c for n, c in excess.items() if c > 0}
        if not excess:
            return
        if len(items) == 1:
            for n in excess:
                found[n].append((items[0]["code"], pcs))
            return
        mid = len(items) // 2
        got = run(make(items[:mid]))
        left = {n: max(got.get(n, 0) - baseline.get(n, 0), 0) for n in excess}
        search(items[:mid], make, left, baseline, pcs)
        search(items[mid:], make, {n: c - left[n] for n, c in excess.items()}, baseline, pcs)

    total = _names(result)
    if "DUPLICATE_OF_PDX" in wanted:  # by definition: a secondary equal to the principal
        found["DUPLICATE_OF_PDX"] += [(d["code"], False) for d in claim["sdx"] if d["code"] == pdx_code]
    dx_names = {n for n, e in wanted.items() if e.get("code_type") in ("DIAGNOSIS", "BOTH")
                and n not in CLAIM_EDITS and n not in PDX_EDITS and not found[n]}
    # Edits about one code wherever it stands: search all diagnoses, each half led by its first code.
    per_code = dx_names & PER_CODE_DX
    pdx_hits: dict[str, int] = {}
    if per_code:
        items = [claim["pdx"], *claim["sdx"]]
        make_any = lambda sub: {**claim, "pdx": sub[0], "sdx": sub[1:], "procedures": []}  # noqa: E731
        top = total if not claim["procedures"] else run(make_any(items))
        search(items, make_any, {n: top.get(n, 0) for n in per_code}, {}, False)
        pdx_hits = {n: sum(1 for c, pcs in found[n] if c == pdx_code and not pcs) for n in per_code}
    rest = dx_names - per_code
    solo: dict[str, int] | None = None
    if rest:
        solo = run({**claim, "sdx": [], "procedures": []})
        for n in rest & solo.keys():
            found[n].append((pdx_code, False))
        if claim["sdx"]:
            make_dx = lambda sub: {**claim, "sdx": sub, "procedures": []}  # noqa: E731
            top = total if not claim["procedures"] else run(make_dx(claim["sdx"]))
            search(claim["sdx"], make_dx, {n: top.get(n, 0) - solo.get(n, 0) for n in rest}, solo, False)
    pr_names = {n for n, e in wanted.items() if e.get("code_type") in ("PROCEDURE", "BOTH")
                and n not in CLAIM_EDITS and n not in PDX_EDITS and len(found[n]) < total[n]}
    if pr_names and claim["procedures"]:
        # Most procedure edits are about the code alone: search with the principal only; edits still
        # unexplained (non-covered unless a diagnosis, bilateral...) are searched with all diagnoses.
        make_pr = lambda sub: {**claim, "sdx": [], "procedures": sub}  # noqa: E731
        if solo is None:
            solo = pdx_hits if not (pr_names - PER_CODE_DX) else run({**claim, "sdx": [], "procedures": []})
        top = run(make_pr(claim["procedures"]))
        excess = {n: top.get(n, 0) - solo.get(n, 0) for n in pr_names}
        search(claim["procedures"], make_pr, excess, solo, True)
        left = {n for n in pr_names if not any(pcs for _, pcs in found[n])}
        if left:
            no_pr = run({**claim, "procedures": []})
            make_all = lambda sub: {**claim, "procedures": sub}  # noqa: E731
            excess = {n: total.get(n, 0) - no_pr.get(n, 0) for n in left}
            search(claim["procedures"], make_all, excess, no_pr, True)
    return _edits(wanted, found, claim)


def _edits(wanted: dict[str, dict], found: dict[str, list[tuple[str | None, bool]]],
           claim: dict[str, Any]) -> list[Edit]:
    out: list[Edit] = []
    for name, e in wanted.items():
        codes = list(dict.fromkeys(found[name])) or [(None, False)]
        for code, pcs in codes:
            out.append(Edit(name, message_for(name, code, claim, pcs=pcs), code,
                            e.get("edit_type", ""), e.get("code_type", "")))
    return out
