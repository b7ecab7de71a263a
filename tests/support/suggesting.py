"""One record in, the codes the suggester offers out: the helper the suggestion tests share."""

from __future__ import annotations

import datetime as dt
from typing import Any

from workbench.model.encounter import Diagnosis, Document, Encounter
from workbench.record.suggest import suggest


def codes(index: Any, text: str, *, dx: tuple[str, ...] = ("J189",), age: int = 70, kind: str = "code",
          notes: tuple[tuple[str, str, str], ...] = (), account: str = "TEST",
          admit: dt.date = dt.date(2026, 12, 1), discharge: dt.date = dt.date(2026, 12, 5)) -> list[str]:
    """The codes of `kind` ("code" or "query") suggested for a stay whose discharge summary is `text`,
    coded `dx`; `notes` adds (type, text, date) documents."""
    docs = [Document("Discharge Summary", text, "Dr. A", discharge.isoformat()),
            *(Document(t, x, "Dr. B", d) for t, x, d in notes)]
    enc = Encounter(account=account, age=age, sex="F", admit_date=admit, discharge_date=discharge,
                    diagnoses=[Diagnosis(c, "Y") for c in dx], procedures=[], documents=docs)
    return [s.code for s in suggest(enc, index=index) if s.kind == kind]
