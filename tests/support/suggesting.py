"""One record in, the codes the suggester offers out: the helper the suggestion tests share."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from workbench.model.encounter import Diagnosis, Document, Encounter
from workbench.record.suggest import suggest
from workbench.store.core import Store


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


def one_chart_db(path: Path, note: str) -> Path:
    """A database at `path` holding one stay (S1, coded I50.9 POA Y) whose discharge summary is `note`: the
    suggestion pane's Pilot tests open it."""
    enc = Encounter(account="S1", patient_name="TEST, Pat", age=70, sex="F",
                    admit_date=dt.date(2026, 5, 10),
                    discharge_date=dt.date(2026, 5, 14), diagnoses=[Diagnosis("I509", "Y")],
                    documents=[Document("Discharge summary", note, "Dr. Heart", "2026-05-14")])
    with Store.open(path) as store:
        store.add_many([enc])
    return path
