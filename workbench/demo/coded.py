"""The demo set coded as its answer keys code it: so `group`, `check` and the reports have something to
work on before a coder has coded a single chart (`workbench demo --out F --coded`)."""

from __future__ import annotations

import dataclasses

from workbench.demo.generate import DEFAULT_SEED, generate
from workbench.model.encounter import Diagnosis, Encounter, Procedure


def coded_encounters(seed: int = DEFAULT_SEED) -> list[Encounter]:
    """The demo encounters with the answer key's diagnoses (principal first, with POA) and dated
    procedures, status "coded". The answer key is still not shown: only the codes it assigns."""
    encounters, keys = generate(seed)
    out = []
    for enc in encounters:
        key = keys[enc.account]
        out.append(dataclasses.replace(
            enc, status="coded", coder="demo",
            diagnoses=[Diagnosis(d.code, d.poa) for d in key.diagnoses],
            procedures=[Procedure(p.code, p.date) for p in key.procedures]))
    return out
