"""The demo set: every case template becomes one seeded encounter (uncoded, status new) and its answer key.

Same seed, same output: each case draws from its own `random.Random` seeded with the set seed and the
case slug, so adding a case does not change the others.
"""

from __future__ import annotations

import datetime as dt
import random
from functools import lru_cache

from codesets.release.calendar import BUILTIN_RELEASE, period
from workbench.demo import people
from workbench.demo.answer_key import AnswerKey, KeyDiagnosis, KeyProcedure, evidence_sentence
from workbench.demo.cases import CASES
from workbench.demo.template import Case
from workbench.demo.writer import Patient, documents, fill
from workbench.model.encounter import Encounter

DEFAULT_SEED = 2026


def _patient(case: Case, rng: random.Random) -> tuple[Patient, dt.date]:
    p = period(BUILTIN_RELEASE)
    sex = case.sex if case.sex in ("M", "F") else rng.choice(("M", "F"))
    age = rng.randint(*case.age)
    last_admit = (p.end - p.start).days - case.los
    admit = p.start + dt.timedelta(days=rng.randint(0, last_admit))
    discharge = admit + dt.timedelta(days=case.los)
    # the last birthday fell 0-364 days before admission (admissions are April-September: no 29 Feb)
    birth = admit.replace(year=admit.year - age) - dt.timedelta(days=rng.randint(0, 364) if age else 0)
    attending = rng.choice(people.ATTENDINGS[case.service])
    name = people.patient_name(rng, sex)
    pt = Patient(name, age, sex, admit, discharge, attending, rng.choice(people.RESIDENTS))
    return pt, birth


def _age_at(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def build(case: Case, seed: int, taken: set[str]) -> tuple[Encounter, AnswerKey]:
    try:
        return _build(case, seed, taken)
    except ValueError as e:
        raise ValueError(f"demo case {case.slug}: {e}") from None


def _build(case: Case, seed: int, taken: set[str]) -> tuple[Encounter, AnswerKey]:
    rng = random.Random(f"{seed}:{case.slug}")
    pt, birth = _patient(case, rng)
    if pt.age and _age_at(birth, pt.admit) != pt.age:
        raise AssertionError(f"{case.slug}: birth date {birth} does not give age {pt.age}")
    account = f"{rng.randint(40_000_000, 49_999_999)}"
    while account in taken:
        account = str(int(account) + 1)
    taken.add(account)
    docs = documents(case, pt, rng)
    enc = Encounter(
        account=account, mrn=f"MR{rng.randint(1_000_000, 9_999_999)}", patient_name=pt.name,
        birth_date=birth, age=pt.age, sex=pt.sex, admit_date=pt.admit, discharge_date=pt.discharge,
        admission_type=case.admission_type, admission_source=case.admission_source,
        disposition=case.disposition, payer=case.payer or people.payer_for(rng, pt.age),
        attending=pt.attending, service=people.SERVICE_NAMES[case.service], documents=docs, status="new",
    )
    key = AnswerKey(
        account=account, case=case.slug, release=BUILTIN_RELEASE, drg=case.drg,
        surgical=case.op is not None,
        diagnoses=tuple(
            KeyDiagnosis(d.code.replace(".", ""), d.poa, evidence_sentence(fill(d.text, pt), docs))
            for d in case.dx
        ),
        procedures=tuple(KeyProcedure(p.code, min(pt.admit + dt.timedelta(days=p.day), pt.discharge),
                                      evidence_sentence(fill(p.text, pt), docs)) for p in case.px),
        problems=case.problems,
        not_coded=tuple(evidence_sentence(fill(t, pt), docs) for t in case.not_coded),
    )
    return enc, key


def generate(seed: int = DEFAULT_SEED) -> tuple[list[Encounter], dict[str, AnswerKey]]:
    """All demo encounters (sorted by discharge date) and their answer keys by account."""
    taken: set[str] = set()
    pairs = [build(case, seed, taken) for case in CASES]
    pairs.sort(key=lambda p: (p[0].discharge_date, p[0].account))
    return [e for e, _ in pairs], {k.account: k for _, k in pairs}


@lru_cache(maxsize=4)
def _cached(seed: int) -> tuple[tuple[Encounter, ...], dict[str, AnswerKey]]:
    encs, keys = generate(seed)
    return tuple(encs), keys


def demo_encounters(seed: int = DEFAULT_SEED) -> list[Encounter]:
    """Fresh copies of the demo encounters: uncoded, status new, ready for a database."""
    return generate(seed)[0]


def answer_keys(seed: int = DEFAULT_SEED) -> dict[str, AnswerKey]:
    """The answer key of every demo encounter, by account (never shown in the app)."""
    return dict(_cached(seed)[1])
