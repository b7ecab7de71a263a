"""principal_first: on a chart with no principal, the suggestions that may be principal (by the real MCE of
the period, and the Z codes placed beside another code) come first, each part in its given order."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from workbench.drg.service import DrgService
from workbench.model.encounter import Encounter
from workbench.record.principal_first import mce_status, principal_acceptable, principal_first


@dataclass(frozen=True)
class Sugg:
    code: str
    system: str = "CM"


def order(status: object, codes: list[tuple[str, str]]) -> list[str]:
    sugs = [Sugg(c, s) for c, s in codes]
    return [s.code for s in principal_first(sugs, principal_acceptable(status))]  # type: ignore[arg-type]


LISTED = [("Z66", "CM"), ("0BH17EZ", "PCS"), ("G63", "CM"), ("A419", "CM"), ("W1830XA", "CM"),
          ("Z7901", "CM"), ("J189", "CM"), ("R6521", "CM")]


def test_the_mce_and_the_secondary_z_codes_decide_with_the_order_kept() -> None:
    enc = Encounter(account="1", discharge_date=dt.date(2026, 3, 2))
    with DrgService() as svc:
        got = order(mce_status(svc, enc), LISTED)
    # Z66 and R65.21 (MCE: unacceptable), G63 (manifestation), W18.30XA (external cause) and the
    # procedure follow, in their order
    assert got == ["A419", "Z7901", "J189", "Z66", "0BH17EZ", "G63", "W1830XA", "R6521"]


def test_without_an_mce_the_z_codes_and_external_causes_still_follow() -> None:
    assert order(None, LISTED) == ["G63", "A419", "Z7901", "J189", "R6521", "Z66", "0BH17EZ", "W1830XA"]


def test_nothing_acceptable_keeps_the_list_as_it_was() -> None:
    assert order(None, [("Z66", "CM"), ("0BH17EZ", "PCS")]) == ["Z66", "0BH17EZ"]
