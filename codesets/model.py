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
