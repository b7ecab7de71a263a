"""The records a release holds. Plain frozen dataclasses shared by every module that reads a release.

Codes are stored normalised (no dot, upper case); `display` gives the dotted ICD-10-CM form.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from codesets.codes import with_dot

# Kinds of ICD-10-CM tabular items, top to bottom.
CM_KINDS = ("chapter", "block", "category", "subcategory", "code")

# Kinds of instructional notes, as the tabular XML names them (snake_case).
NOTE_KINDS = (
    "includes",
    "inclusion_term",
    "excludes1",
    "excludes2",
    "code_first",
    "use_additional_code",
    "code_also",
    "seven_chr_note",
    "note",
)
NOTE_LABELS = {"excludes1": "Excludes1", "excludes2": "Excludes2", "code_first": "Code first",
               "use_additional_code": "Use additional code", "code_also": "Code also",
               "seven_chr_note": "7th character", "includes": "Includes", "inclusion_term": "Inclusion term",
               "note": "Note"}
_INSTRUCTIONS = {"code_first": "Code first", "code_also": "Code also",
                 "use_additional_code": "Use additional"}


def note_parts(kind: str, text: str) -> tuple[str, str]:
    """A note as the tabular list prints it, split into its label and the rest (for bold labels).

    The XML keeps "code first", "code also" and "use additional" notes as the words after the
    instruction ("<codeFirst><note>, if applicable, postprocedural sepsis (T81.44-)"); printed, they
    read "Code first, if applicable, postprocedural sepsis (T81.44-)". Other notes read "Excludes1: ...".
    """
    verb = _INSTRUCTIONS.get(kind)
    if verb is None:
        return NOTE_LABELS.get(kind, kind), ": " + text
    if kind == "use_additional_code" and not text.lower().startswith("code"):
        verb += " code"
    return verb, ("" if text.startswith((",", ";")) else " ") + text


def note_line(kind: str, text: str) -> str:
    """`note_parts` joined: "Use additional code to identify stage of chronic kidney disease"."""
    label, rest = note_parts(kind, text)
    return label + rest


@dataclass(frozen=True, slots=True)
class CmItem:
    """One item of the ICD-10-CM tabular list (chapter, block, category, subcategory or code).

    `code` is the normalised code; chapters use their number ("9"), blocks their range ("I30-I5A").
    `billable` is True only for leaf codes valid on a claim.
    """

    code: str
    title: str
    kind: str
    billable: bool
    parent: str | None

    @property
    def display(self) -> str:
        return self.code if self.kind in ("chapter", "block") else with_dot(self.code)


@dataclass(frozen=True, slots=True)
class PcsCode:
    """One valid ICD-10-PCS code with its official long title."""

    code: str
    title: str

    @property
    def table(self) -> str:
        return self.code[:3]


@dataclass(frozen=True, slots=True)
class Note:
    """An instructional note. `source` is the item it is written at; `inherited_from` is set
    (to that same item) when the note is listed for one of its descendants."""

    kind: str
    text: str
    source: str
    inherited_from: str | None = None


@dataclass(frozen=True, slots=True)
class DrgRow:
    """One MS-DRG of CMS Table 5. `weight` is the payment weight (10% cap applied where published)."""

    drg: str
    title: str
    mdc: str
    type: str  # "MED" or "SURG" (Table 5 TYPE)
    weight: float
    gmlos: float | None
    amlos: float | None
    post_acute: bool = False
    special_pay: bool = False


@dataclass(frozen=True, slots=True)
class PcsAxisValue:
    value: str
    meaning: str


@dataclass(frozen=True, slots=True)
class PcsRow:
    """One row of a PCS table: the values allowed for characters 4 to 7 together."""

    body_parts: tuple[PcsAxisValue, ...]
    approaches: tuple[PcsAxisValue, ...]
    devices: tuple[PcsAxisValue, ...]
    qualifiers: tuple[PcsAxisValue, ...]


@dataclass(frozen=True, slots=True)
class PcsTable:
    """A 3-character ICD-10-PCS table: section, body system, operation and its rows."""

    table: str
    section: PcsAxisValue
    body_system: PcsAxisValue
    operation: PcsAxisValue
    operation_definition: str = ""
    rows: tuple[PcsRow, ...] = field(default_factory=tuple)
