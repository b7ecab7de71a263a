"""Case templates: the clinical facts of one demo stay, from which the writer builds the documents.

A template is written once by hand; the seed only varies the patient, the dates and the people.
Text fields may use the placeholders {age}, {sex} (man/woman), {he}, {his}, {him} ({He}, {His} capitalized).
"""

from __future__ import annotations

from dataclasses import dataclass, field

PROBLEM_KINDS = ("missable_cc", "sequencing", "query", "hac", "transfer")


@dataclass(frozen=True, slots=True)
class Dx:
    """One answer-key diagnosis. `text` is its evidence, written as a clinician would.

    `listed`: the writer puts `text` in the discharge diagnoses list. When False, `text` must already
    occur in another part of the template (progress note, H&P, op note): a condition that is easy to miss.
    """

    code: str
    poa: str
    text: str
    listed: bool = True


@dataclass(frozen=True, slots=True)
class Px:
    """One answer-key procedure performed on hospital day `day` (0 = day of admission)."""

    code: str
    day: int
    text: str


@dataclass(frozen=True, slots=True)
class OpNote:
    day: int
    surgeon: str  # key of people.SURGEONS
    pre: str
    post: str
    procedure: str
    anesthesia: str
    findings: str
    description: str
    ebl: str = "Minimal"
    specimens: str = "None"


@dataclass(frozen=True, slots=True)
class Problem:
    """A coder problem the case holds (for the answer key; never shown in the app)."""

    kind: str  # one of PROBLEM_KINDS
    note: str


@dataclass(frozen=True, slots=True)
class Case:
    slug: str
    drg: str  # the MS-DRG v43.1 the key groups to
    service: str  # key of people.ATTENDINGS
    age: tuple[int, int]
    sex: str  # M, F or * (either)
    los: int
    disposition: str  # UB-04 patient status
    complaint: str
    hpi: str
    dx: tuple[Dx, ...]
    course: str
    exam: str
    data: str
    assessment: tuple[str, ...]
    pmh: tuple[str, ...] = ()
    psh: tuple[str, ...] = ()
    meds: tuple[str, ...] = ()
    social: str = "Lives with family. Independent in ADLs. Denies tobacco, alcohol or illicit drug use."
    ros: str = ""
    px: tuple[Px, ...] = ()
    op: OpNote | None = None
    progress: tuple[tuple[int, str], ...] = ()  # (hospital day, note text)
    discharge_meds: tuple[str, ...] = ()
    followup: str = "PCP in 1 week."
    condition: str = "Stable"
    admission_type: str = "Emergency"
    admission_source: str = "Emergency room"
    payer: str = ""  # "" = chosen from the age
    problems: tuple[Problem, ...] = ()
    not_coded: tuple[str, ...] = field(default=())  # negated / ruled-out / history wording in the text
