"""`workbench db regroup`: stored DRGs made by a grouper version the stay no longer takes are regrouped
and saved; one held open by another session is left for later, not overwritten."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tests.support.cli import run_cli
from workbench.drg.stored import current_version
from workbench.model.encounter import Diagnosis, Encounter
from workbench.store.core import Store

DISCHARGE = dt.date(2026, 5, 4)
OLD = {"version": "00.0", "release": "old", "drg": "999", "title": "old", "weight": 9.0, "mdc": "",
       "type": "", "severity": ""}


def stay(account: str) -> Encounter:
    enc = Encounter(account, sex="F", age=70, admit_date=dt.date(2026, 5, 1), discharge_date=DISCHARGE,
                    diagnoses=[Diagnosis("I5023", "Y"), Diagnosis("N179", "N")], status="in_progress")
    enc.grouping = dict(OLD)
    return enc


def test_regroup_saves_new_groupings_and_leaves_encounters_held_elsewhere(tmp_path: Path, capsys) -> None:
    db = tmp_path / "db"
    with Store.open(db) as store:
        for account in ("S1", "S2"):
            store.save(stay(account), 0)
        assert [r.stale for r in store.list(sort="account")] == [True, True]
    with Store.open(db) as other:
        other.session = "another-coder-session"  # (one process holds one session)
        other.lock("S2", user="bob")  # another coder has S2 open
        code, out, err = run_cli(capsys, "--db", db, "db", "regroup")
        assert code == 1
        assert "2 stale groupings: 1 regrouped" in out and "1 left for later" in out
        assert "S2" in err
        other.unlock("S2")
    with Store.open(db) as store:
        row = store.list(text="S1")[0]
        assert not row.stale and row.version == current_version(DISCHARGE)
        assert row.drg not in ("", "999") and row.weight not in (None, 9.0)
        last = store.get("S1").audit[-1]
        fields = {c["field"] for c in last.changes}  # the grouping and the record's copy of it, nothing else
        assert last.reason.startswith("regroup") and "grouping" in fields
        assert fields <= {"grouping", "drg", "weight", "version"}
        assert store.list(text="S2")[0].stale
    code, out, _ = run_cli(capsys, "--db", db, "db", "regroup")
    assert code == 0 and "1 stale groupings: 1 regrouped" in out
    code, out, _ = run_cli(capsys, "--db", db, "db", "regroup")
    assert code == 0 and out.startswith("0 stale groupings")
    with Store.open(db) as store:
        assert not any(r.stale for r in store.list()) and store.check().ok


def test_regroup_leaves_what_the_caller_says_is_open(tmp_path: Path) -> None:
    from workbench.drg.regroup import regroup_stale

    with Store.open(tmp_path / "db") as store:
        for account in ("S1", "S2"):
            store.save(stay(account), 0)
        result = regroup_stale(store, skip=lambda a: "open in this session" if a == "S2" else None)
        assert result.regrouped == ["S1"] and result.left == [("S2", "open in this session")]
        assert [r.stale for r in store.list(sort="account")] == [False, True]
        assert store.get("S2").revision == 1  # not saved


@pytest.mark.asyncio
async def test_the_app_regroups_stale_drgs_in_the_background_once_the_queue_shows(tmp_path: Path) -> None:
    from tests.support.pilot import settle
    from workbench.settings import Settings
    from workbench.tui.app import make_app
    from workbench.tui.widgets.queue.queue_table import COLUMNS, QueueTable

    db = tmp_path / "db"
    with Store.open(db) as store:
        for account in ("S1", "S2"):
            store.save(stay(account), 0)
    app = make_app(db, Settings(), preload=True)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await settle(app, pilot)  # the queue reloads once the regroup is done
        table = app.screen.query_one(QueueTable)
        drg_column = [c[1] for c in COLUMNS].index("drg")
        drgs = [table.get_row(a)[drg_column] for a in ("S1", "S2")]
        assert all(d and not d.endswith("~") and d != "999" for d in drgs), drgs
        assert any("2 stale DRGs regrouped" in n.message for n in app._notifications)
    with Store.open(db) as store:
        assert not any(r.stale for r in store.list()) and store.check().ok
