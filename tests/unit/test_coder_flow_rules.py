"""The plain rules behind the #16 coder's features: undo history, accept-all picks, query answers and
the open-query warning, keymap clashes, the what-if of a code not added, the queue neighbour."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from workbench.demo import demo_encounters
from workbench.model import editing, workflow
from workbench.model.encounter import Diagnosis, Encounter, Query
from workbench.model.undo import UndoHistory
from workbench.record.accepting import accept_picks, supported
from workbench.record.suggest import Evidence, Suggestion
from workbench.store.core import Store
from workbench.store.queue_index import QueueQuery
from workbench.tui.keymap import keymap_problems


def enc(**kw: object) -> Encounter:
    return Encounter("A1", age=70, sex="F", admit_date=dt.date(2026, 5, 1),
                     discharge_date=dt.date(2026, 5, 4), **kw)  # type: ignore[arg-type]


def test_undo_restores_the_coding_before_each_edit_newest_first() -> None:
    history = UndoHistory()
    e0 = enc(diagnoses=[Diagnosis("I5023", "Y")])
    e1, _ = editing.add_diagnosis(e0, "N179", "Y")
    history.record(e0, e1, "N17.9 added")
    e2 = editing.remove_diagnosis(e1, 0)
    history.record(e1, e2, "I50.23 removed")
    history.record(e2, workflow.start(e2, "me"), "started")  # not a coding edit: not remembered
    back, notice = history.undo(e2) or (None, "")
    assert notice == "undone: I50.23 removed" and back is not None
    assert [d.code for d in back.diagnoses] == ["I5023", "N179"]
    back2, notice2 = history.undo(back) or (None, "")
    assert notice2 == "undone: N17.9 added" and back2 is not None and back2.diagnoses == e0.diagnoses
    assert history.undo(back2) is None


def sugg(code: str, kind: str = "code", system: str = "CM") -> Suggestion:
    ev = Evidence(0, "Discharge summary", "text", 0, 4, "text", 0, 4)
    return Suggestion(code, "title", system, kind, None, ev, 0.9)


def test_accept_all_offers_only_stated_codes_and_adds_the_ticked_with_their_poa() -> None:
    picks = supported([sugg("I5023"), sugg("J9601", kind="query"), sugg("E119"), sugg("N179")])
    assert [p.suggestion.code for p in picks] == ["I5023", "E119", "N179"]  # never a query-only one
    picks[1].keep = False
    picks[2].poa = "N"
    after, added = accept_picks(enc(diagnoses=[Diagnosis("I5023", "Y")]), picks)
    assert [(d.code, d.poa) for d in after.diagnoses] == [("I5023", "Y"), ("N179", "N")]
    assert added == ["N17.9"]  # I50.23 was coded already
    picks[2].poa = "Q"
    with pytest.raises(ValueError, match="POA must be one of"):
        accept_picks(enc(), picks)


def test_an_open_query_needs_confirming_before_start_or_coded_and_is_answered() -> None:
    held = workflow.hold(enc(), Query("Type of heart failure?", ["acute", "Other (please specify)"]))
    warning = workflow.move_warning(held, "in_progress")
    assert warning is not None and "Type of heart failure?" in warning
    assert workflow.move_warning(held, "coded") is not None
    answered = workflow.answer_query(held, 0, "acute on chronic systolic", "2026-05-20")
    assert (answered.queries[0].status, answered.queries[0].answered) == ("answered", "2026-05-20")
    assert workflow.move_warning(answered, "in_progress") is None
    with pytest.raises(workflow.TransitionError, match="not open"):
        workflow.withdraw_query(answered, 0, "2026-05-20")
    with pytest.raises(workflow.TransitionError, match="needs text"):
        workflow.answer_query(held, 0, "  ", "2026-05-20")
    assert workflow.withdraw_query(held, 0, "2026-05-21", "discharged").queries[0].status == "withdrawn"


def test_keymap_problems_name_the_binding_a_remapped_key_takes() -> None:
    assert keymap_problems({"coding.principal": "P"}) == []
    problems = keymap_problems({"encounter.start": "c", "nope.x": "z"})
    assert any("'nope.x' is not a binding id" in p for p in problems)
    assert any("encounter.start = 'c' takes 'c' from encounter.coded" in p for p in problems)
    assert keymap_problems({"queue.sort": "c"}) == []  # the queue and a chart are never on screen together


def test_what_if_groups_a_code_without_adding_it() -> None:
    from workbench.drg.code_effect import effect_of_adding
    from workbench.drg.service import DrgService

    chart = next(e for e in demo_encounters() if e.account == "47477539")
    chart = dataclasses.replace(chart, diagnoses=[Diagnosis("I5023", "Y")])
    effect = effect_of_adding(DrgService(), chart, "CM", "N17.9")
    assert (effect.now and effect.now.drg, effect.added.drg) == ("293", "292")  # N17.9 is a CC
    assert [d.code for d in chart.diagnoses] == ["I5023"]
    # FY2026 Table 5 weights: 292 0.8490, 293 0.5660. The code's role in coder words, no "(counted)"
    # and no parenthesis stacked on another.
    assert effect.describe() == ("if N17.9 were added: DRG 292 Heart Failure and Shock with CC, "
                                 "weight 0.8490; counts as CC; now DRG 293 Heart Failure and Shock "
                                 "without CC/MCC, weight 0.5660")
    same = effect_of_adding(DrgService(), chart, "CM", "E78.5")
    assert same.describe() == ("if E78.5 were added: DRG 293 Heart Failure and Shock without CC/MCC, "
                               "weight 0.5660; not a CC/MCC; no change")


def test_queue_neighbour_follows_the_view_order(tmp_path: Path) -> None:
    with Store.open(tmp_path / "db") as store:
        store.add_many(demo_encounters()[:4])
        view = store.queue(QueueQuery(sort="account"))
        accounts = [view.account_at(i) for i in range(len(view))]
        assert view.neighbour(accounts[1], 1) == accounts[2]
        assert view.neighbour(accounts[1], -1) == accounts[0]
        assert view.neighbour(accounts[0], -1) is None and view.neighbour("nobody", 1) is None
