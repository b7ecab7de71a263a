"""Which suggestions could be the principal diagnosis, and the list with those first while the chart has no
principal yet: the coder's first pick on an uncoded chart is its principal, so a code that may never be
principal (Z66 do-not-resuscitate, a manifestation, an external cause, a procedure) does not lead the list.
The order is otherwise kept (record order, never payment: suggest.py).

A diagnosis is acceptable as principal when the Medicare Code Editor raises none of its principal-diagnosis
edits for it alone ("Unacceptable principal diagnosis", "Manifestation code as principal diagnosis",
"External causes of morbidity codes as principal diagnosis": workbench.drg.code_flags) and it is not one of
the Z codes the Official Guidelines name as secondary only (kept here so the order holds without the MCE).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

# Z codes the classification itself places beside another code (FY2026 tabular notes and guidelines): Z37
# outcome of delivery ("an additional code ... on the mother's record"), Z3A weeks of gestation ("Code first
# obstetric condition"), Z68 body mass index (I.B.14: with its associated reportable diagnosis) and Z66
# do-not-resuscitate (a status, I.C.21.c.3). The MCE's unacceptable list holds them too.
SECONDARY_ONLY = ("Z37", "Z3A", "Z68", "Z66")
_EXTERNAL_CAUSES = frozenset("VWXY")  # V00-Y99, never principal (I.C.20)


class _Suggested(Protocol):
    @property
    def code(self) -> str: ...

    @property
    def system(self) -> str: ...


S = TypeVar("S", bound=_Suggested)


def principal_first(suggestions: Sequence[S], acceptable: Callable[[str], bool]) -> list[S]:
    """`suggestions` with the diagnoses `acceptable(code)` says may be principal first, each part in its
    given order (a stable partition); procedures and the rest after."""
    first = [s for s in suggestions if s.system == "CM" and acceptable(s.code)]
    if not first:
        return list(suggestions)
    firsts = {id(s) for s in first}
    return first + [s for s in suggestions if id(s) not in firsts]


def principal_acceptable(status: Callable[[str], str] | None) -> Callable[[str], bool]:
    """A test of a normalised ICD-10-CM code: not a secondary-only Z code, and `status(code)` (the MCE's
    answer, "acceptable" or why not: code_flags.principal_status) says acceptable; without an MCE
    (`status` None, or it fails) the Z codes alone decide."""

    def acceptable(code: str) -> bool:
        if code.startswith(SECONDARY_ONLY) or code[:1] in _EXTERNAL_CAUSES:
            return False
        if status is None:
            return True
        try:
            return status(code) == "acceptable"
        except (ValueError, RuntimeError):  # the MCE refused the claim: the order is kept
            return True

    return acceptable


def mce_status(drg_service: Any, enc: Any) -> Callable[[str], str] | None:
    """The MCE's principal-diagnosis answer for one code in the encounter's period, or None when the
    service cannot say (no service, no release for the discharge date)."""
    if drg_service is None:
        return None
    from workbench.drg.code_flags import principal_status

    try:
        per, _notes = drg_service.period_for(enc)
    except (ValueError, RuntimeError):  # DrgInputError: no release for the discharge date
        return None
    return lambda code: principal_status(code, per, drg_service)
