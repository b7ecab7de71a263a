"""Charts written as code lists, and the findings the checker gives them: the helpers the guideline tests
share (tests/unit/test_guidelines_round12/13/14)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from workbench.model.encounter import Diagnosis, Encounter, Procedure


def chart(*dx: str, discharge: dt.date, days: int = 5, account: str = "TEST", sex: str = "F", age: int = 67,
          procs: tuple[tuple[str, dt.date], ...] = ()) -> Encounter:
    """A stay of `days` ending on `discharge`, coded `dx` in order. A code is written dotted with its POA
    after a colon ("Y92.009:" is POA blank); a code with no colon is POA Y."""
    dxs = [Diagnosis(c.replace(".", ""), p if sep else "Y") for c, sep, p in (d.partition(":") for d in dx)]
    return Encounter(account, age=age, sex=sex, admit_date=discharge - dt.timedelta(days=days),
                     discharge_date=discharge, diagnoses=dxs, procedures=[Procedure(c, d) for c, d in procs])


def hits(checker: Any, e: Encounter, section: str) -> set[tuple[str, tuple[str, ...]]]:
    """(severity, codes) of the warning or blocking findings whose rule cites `section`."""
    return {(f.severity, f.codes) for f in checker.check(e) if section in f.rule and f.severity != "info"}


def serious(checker: Any, e: Encounter) -> list[str]:
    """The warning and blocking findings, one line each (an empty list: the chart passes)."""
    return [f"{f.severity} {f.codes} {f.message}" for f in checker.check(e) if f.severity != "info"]
