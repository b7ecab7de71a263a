"""What-if with a code not added yet: the DRG, weight and expected payment if `code` were added to the
encounter as it stands, without adding it (the search pane's what-if key, `workbench.drg` callers).

Information for the coder, never a reason to code: a code is added only when the record supports it.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from codesets.codes import normalize, with_dot
from workbench.model.encounter import Diagnosis, Encounter, Procedure
from workbench.presentation import counts_as_words

if TYPE_CHECKING:
    from workbench.drg.base import Grouping
    from workbench.drg.service import DrgService


@dataclass(frozen=True, slots=True)
class CodeEffect:
    """The grouping now and with the code added."""

    code: str
    system: str
    now: Grouping | None
    """None when the encounter cannot be grouped as it is (no principal diagnosis yet)."""
    added: Grouping
    counts_as: str = ""
    """How the grouper treats the added diagnosis in words ("counts as CC", "not a CC/MCC"); "" for a
    procedure or a diagnosis that would be the principal."""

    @property
    def changes(self) -> bool:
        return self.now is None or (self.now.drg, self.now.weight) != (self.added.drg, self.added.weight)

    def describe(self) -> str:
        """One line in coder words, no parenthesis stacked on another: `if I50.23 were added: DRG 291
        Heart Failure and Shock with MCC, weight 1.2838, $8,580.00; counts as MCC; now DRG 293 ...`,
        or `...; no change` when the DRG and weight stay."""
        code = with_dot(self.code, self.system)
        counts = f"; {self.counts_as}" if self.counts_as else ""
        now = f"; now {_drg_text(self.now)}" if self.now else "; not grouped now"
        return f"if {code} were added: {_drg_text(self.added)}{counts}" + (
            now if self.changes else "; no change")


def _drg_text(g: Grouping) -> str:
    parts = [f"DRG {g.drg or '-'} {g.title}".rstrip()]
    if g.weight is not None:
        parts.append(f"weight {g.weight:.4f}")
    if g.payment is not None:
        parts.append(f"${g.payment.amount:,.2f}")
    return ", ".join(parts)


def effect_of_adding(service: DrgService, enc: Encounter, system: str, code: str, poa: str = "Y",
                     date: object = None) -> CodeEffect:
    """Group `enc` now and with `code` added (a diagnosis with `poa`, Y unless given: the what-if of a
    condition present on admission; a procedure on `date`). Raises ValueError when the encounter cannot
    be grouped even with the code (no age ...) with the grouper's message; on a chart with no
    diagnosis yet, a diagnosis is grouped as the principal."""
    code = normalize(code)
    try:
        now: Grouping | None = service.group(enc)
    except ValueError:  # DrgInputError: nothing to group yet
        now = None
    if system == "CM":
        added = service.group_with(enc, add=[Diagnosis(code, poa)])
        counts = next((counts_as_words(d.status, d.level) for d in added.diagnoses
                       if d.code == code and not d.principal), "")
    else:
        procedure = Procedure(code, date)  # type: ignore[arg-type]
        added = service.group(dataclasses.replace(enc, procedures=[*enc.procedures, procedure]))
        counts = ""
    return CodeEffect(code, system, now, added, counts)
