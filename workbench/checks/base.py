"""What every check module shares: a finding, and the context a rule reads."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from codesets.release.calendar import Period
from workbench.model.encounter import Encounter

if TYPE_CHECKING:
    from workbench.drg.service import DrgService

SEVERITIES = ("blocking", "warning", "info")

T = TypeVar("T")
_MISSING: Any = object()


def others_matching(codes: list[str], code: str, test: Callable[[str], bool]) -> list[int]:
    """The positions of the codes other than `code` that pass `test` (what a note about `code` names)."""
    return [i for i, c in enumerate(codes) if c != code and test(c)]


@dataclass(frozen=True, slots=True)
class Finding:
    """One check result. `codes` are normalised codes (no dot); () when it concerns the whole claim."""

    severity: str  # "blocking" | "warning" | "info"
    codes: tuple[str, ...]
    message: str
    rule: str

    def as_dict(self) -> dict[str, Any]:
        return {"severity": self.severity, "codes": list(self.codes), "message": self.message,
                "rule": self.rule}


@dataclass(slots=True)
class Context:
    """What every rule module reads: the encounter, its code-set period and release, the grouper."""

    enc: Encounter
    period: Period
    release: Any  # codesets Release, or None when none could be loaded
    service: DrgService
    mce_day: dt.date  # the date the Medicare Code Editor edits for (the discharge date when known)
    cache: dict[Any, Any] = field(default_factory=dict)  # shared per-checker memo (thread-safe dict ops)
    mce: list[Any] = field(default_factory=list)  # drg_edits.Edit of this encounter, set by checks_mce.run
    mce_ran: bool = False
    mce_findings: list[tuple[Finding, str, str | None]] = field(default_factory=list)  # (finding, edit, code)
    explained: set[tuple[str, str]] = field(default_factory=set)
    """(MCE edit name, code) pairs a more specific finding already explains: the MCE one is dropped."""

    @property
    def dx_codes(self) -> list[str]:
        return [d.code for d in self.enc.diagnoses]

    def mce_edits_of(self, code: str) -> set[str]:
        """Names of the MCE edits attributed to `code` in this encounter."""
        return {e.name for e in self.mce if e.code == code}

    def explain(self, edit: str, code: str) -> None:
        self.explained.add((edit, code))

    def cached(self, key: Any, make: Callable[[], T]) -> T:
        """The checker's shared memo: the value kept under `key`, made by `make()` the first time. Keys name
        what they hold and the release they were read from; values are shared, so callers only read them.
        (Two threads may both make a missing value; each dict operation is atomic, so either one is kept.)"""
        hit = self.cache.get(key, _MISSING)
        if hit is _MISSING:
            hit = self.cache[key] = make()
        return hit  # type: ignore[no-any-return]
