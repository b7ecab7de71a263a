"""The encounter model: one inpatient stay, its documents, its coding and its workflow state.

Plain dataclasses that know nothing of storage or widgets. `workbench.interchange.reader` turns them
into and out of the JSON Lines interchange format; `workbench.store.core` persists them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

SEXES = ("M", "F", "U")
POA_VALUES = ("Y", "N", "U", "W", "")  # "" = exempt / blank (older files wrote "1")
STATUSES = ("new", "in_progress", "on_hold", "coded", "final")
STATUS_LABELS = {
    "new": "New",
    "in_progress": "In progress",
    "on_hold": "On hold (query)",
    "coded": "Coded",
    "final": "Final",
}
QUERY_STATUSES = ("open", "answered", "withdrawn")
MAX_DIAGNOSES = 25  # principal + 24 secondary (UB-04)
MAX_PROCEDURES = 25


@dataclass(slots=True)
class Diagnosis:
    """A diagnosis code (no dot, upper case) with its present-on-admission indicator."""

    code: str
    poa: str = ""


@dataclass(slots=True)
class Procedure:
    """An ICD-10-PCS code with the date it was performed, when known."""

    code: str
    date: dt.date | None = None


@dataclass(slots=True)
class Document:
    """A clinical document of the record. `date` is ISO date or date-time text as written."""

    type: str
    text: str
    author: str = ""
    date: str = ""


@dataclass(slots=True)
class Query:
    """A physician query: a non-leading question with options, and its answer once given."""

    question: str
    options: list[str] = field(default_factory=list)
    status: str = "open"
    answer: str = ""
    author: str = ""
    created: str = ""
    answered: str = ""


@dataclass(slots=True)
class Encounter:
    """One inpatient stay. `diagnoses[0]` is the principal diagnosis."""

    account: str
    mrn: str = ""
    patient_name: str = ""
    birth_date: dt.date | None = None
    age: int | None = None
    sex: str = "U"
    admit_date: dt.date | None = None
    discharge_date: dt.date | None = None
    admission_type: str = ""
    admission_source: str = ""
    disposition: str = "01"
    payer: str = ""
    attending: str = ""
    service: str = ""
    documents: list[Document] = field(default_factory=list)
    diagnoses: list[Diagnosis] = field(default_factory=list)
    procedures: list[Procedure] = field(default_factory=list)
    status: str = "new"
    coder: str = ""
    notes: str = ""
    queries: list[Query] = field(default_factory=list)
    grouping: dict[str, Any] | None = None
    """Last grouping summary (drg, weight, title, version...) so lists need not regroup."""
    dismissed: list[str] = field(default_factory=list)
    """Codes whose record-driven suggestion the coder dismissed for this encounter (workbench/suggest.py)."""

    @property
    def principal(self) -> Diagnosis | None:
        return self.diagnoses[0] if self.diagnoses else None

    @property
    def secondaries(self) -> list[Diagnosis]:
        return self.diagnoses[1:]

    def age_years(self) -> int | None:
        """Age at admission: given, or computed from birth date and admission (else discharge) date."""
        return age_at_admission(self.age, self.birth_date, self.admit_date, self.discharge_date)

    def length_of_stay(self) -> int | None:
        """Inpatient days: discharge minus admission date (a same-day stay counts as 1, per UB-04)."""
        return stay_days(self.admit_date, self.discharge_date)


def age_at_admission(age: int | None, birth_date: dt.date | None, admit_date: dt.date | None,
                     discharge_date: dt.date | None) -> int | None:
    """The age given, or computed from the birth date and the admission (else discharge) date."""
    if age is not None:
        return age
    ref = admit_date or discharge_date
    if birth_date is None or ref is None:
        return None
    years = ref.year - birth_date.year
    if (ref.month, ref.day) < (birth_date.month, birth_date.day):
        years -= 1
    return max(years, 0)


def stay_days(admit_date: dt.date | None, discharge_date: dt.date | None) -> int | None:
    """Inpatient days: discharge minus admission date (a same-day stay counts as 1, per UB-04)."""
    if admit_date is None or discharge_date is None:
        return None
    return max((discharge_date - admit_date).days, 1)
