"""A small department database for the report tests, built with the real store and a fixed clock.

Six stays, three coders and a supervisor, one day of work (1 July 2026, times at -05:00):

  A1 I50.23 + N17.9   -> DRG 292  disch 2026-05-10  final   alice  Medicare  Dr Young  answered query
  A2 I50.23 + J96.01  -> DRG 291  disch 2026-05-20  coded   bob    Medicaid  (reopened by carol, recoded)
  A3 I50.23           -> DRG 293  disch 2026-06-03  coded   alice  Medicare  Dr Adams  withdrawn query
  A4 no codes                     disch 2026-06-25  new
  A5 I50.23           -> DRG 293  disch 2026-06-28  in progress (dave)
  A6 no codes                     disch 2026-06-01  on hold, open query to Dr Young (asked 2026-06-20)

The audit trail (after the import at 08:00 by "admin"):
  alice 09:00 A1 start, 09:20 A1 codes + coded, 09:40 A3 codes + coded, 10:30 A1 final
  bob   11:00 A2 start, 11:25 A2 codes + coded
  carol 13:00 A2 reopened ("wrong PDX"), bob 13:10 A2 coded again
  dave  14:00 A5 start, 14:10 A5 codes
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from workbench.model.encounter import Diagnosis, Encounter, Query
from workbench.store.core import Store

TZ = "-05:00"
HF = Diagnosis("I5023", "Y")


def _stay(account: str, disch: str, **kw: object) -> Encounter:
    d = dt.date.fromisoformat(disch)
    base: dict[str, object] = dict(account=account, mrn=f"M{account}", patient_name=f"Patient {account}",
                                   age=70, sex="M", admit_date=d - dt.timedelta(days=5), discharge_date=d,
                                   payer="Medicare", service="Cardiology", attending="Dr Young")
    base.update(kw)
    return Encounter(**base)  # type: ignore[arg-type]


def build(path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    clock = {"t": "2026-07-01T08:00:00"}
    monkeypatch.setattr("workbench.store.core.now_iso", lambda: clock["t"] + TZ)
    store = Store.open(path)
    stays = [
        _stay("A1", "2026-05-10", queries=[Query("Acuity of the heart failure?",
                                                 ["acute on chronic", "other"], "answered",
                                                 "acute on chronic", "alice", "2026-05-12",
                                                 "2026-05-15")]),
        _stay("A2", "2026-05-20", payer="Medicaid", attending="Dr Adams"),
        _stay("A3", "2026-06-03", attending="Dr Adams",
              queries=[Query("Type of heart failure?", ["systolic", "other"], "withdrawn", "", "alice",
                             "2026-06-05")]),
        _stay("A4", "2026-06-25", service="Medicine"),
        _stay("A5", "2026-06-28", service="Medicine"),
        _stay("A6", "2026-06-01", status="on_hold",
              queries=[Query("Clinical significance of the sodium 128?", ["hyponatremia", "other"], "open",
                             "", "alice", "2026-06-20")]),
    ]
    store.add_many(stays, user="admin")

    def act(time: str, user: str, account: str, status: str, dxs: list[Diagnosis] | None = None,
            coder: str | None = None, reason: str | None = None) -> None:
        clock["t"] = f"2026-07-01T{time}:00"
        got = store.get(account)
        enc = got.encounter
        enc.status = status
        if dxs is not None:
            enc.diagnoses = dxs
        if coder is not None:
            enc.coder = coder
        store.save(enc, got.revision, user=user, reason=reason)

    act("09:00", "alice", "A1", "in_progress", coder="alice")
    act("09:20", "alice", "A1", "coded", [HF, Diagnosis("N179", "Y")])
    act("09:40", "alice", "A3", "coded", [HF], coder="alice")
    act("10:30", "alice", "A1", "final")
    act("11:00", "bob", "A2", "in_progress", coder="bob")
    act("11:25", "bob", "A2", "coded", [HF, Diagnosis("J9601", "Y")])
    act("13:00", "carol", "A2", "in_progress", reason="wrong PDX")
    act("13:10", "bob", "A2", "coded")
    act("14:00", "dave", "A5", "in_progress", coder="dave")
    act("14:10", "dave", "A5", "in_progress", [HF])
    store.close()
    return path
