"""The JSON Lines interchange format: what a user feeding a file sees."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from workbench.interchange.reader import encounter_from_record, parse_line, read_lines
from workbench.interchange.writer import dumps

GOOD = {
    "account": "A1",
    "birth_date": "1950-07-01",
    "sex": "f",
    "admit_date": "2026-05-28",
    "discharge_date": "2026-06-01",
    "disposition": 3,
    "diagnoses": [{"code": "i50.23", "poa": "y"}, {"code": "N179", "poa": "1"}, "E11.9"],
    "procedures": [{"code": "02703dz", "date": "2026-05-29"}],
    "documents": [{"type": "H&P", "author": "Dr. A", "date": "2026-05-28 10:00", "text": "CHF."}],
}


def test_codes_any_spelling_poa_and_disposition_are_normalised():
    enc = encounter_from_record(GOOD)
    assert [(d.code, d.poa) for d in enc.diagnoses] == [("I5023", "Y"), ("N179", ""), ("E119", "")]
    assert enc.procedures[0].code == "02703DZ" and enc.procedures[0].date == dt.date(2026, 5, 29)
    assert (enc.sex, enc.disposition) == ("F", "03")
    assert enc.age_years() == 75 and enc.length_of_stay() == 4


def test_round_trip_keeps_every_field():
    enc = encounter_from_record(GOOD)
    again = encounter_from_record(json.loads(dumps(enc)))
    assert again == enc


@pytest.mark.parametrize(
    "change, message",
    [
        ({"diagnoses": [{"code": "I50.23", "poa": "Q"}]},
         "line 7: diagnoses[0].poa must be one of Y, N, U, W or blank (got 'Q')"),
        ({"diagnoses": [{"code": "I50.23"}, {"code": "12345"}]},
         "line 7: diagnoses[1].code must be an ICD-10-CM code such as I50.23 (got '12345')"),
        ({"procedures": [{"code": "0DTJ4Z"}]},
         "line 7: procedures[0].code must be a 7-character ICD-10-PCS code such as 0DTJ4ZZ (got '0DTJ4Z')"),
        ({"discharge_date": "06/01/2026"}, "line 7: discharge_date must be a date as YYYY-MM-DD"),
        ({"sex": "X"}, "line 7: sex must be one of M, F or U"),
        ({"account": ""}, "line 7: account must be a non-empty account number"),
        ({"discharge_date": "2026-05-01"},
         "line 7: discharge_date must be on or after admit_date 2026-05-28"),
        ({"diagnoses": [{"code": "I10"}] * 26}, "line 7: diagnoses must be at most 25 entries"),
    ],
)
def test_bad_fields_name_line_field_and_expectation(change, message):
    parsed = parse_line(json.dumps({**GOOD, **change}), 7)
    assert parsed.encounter is None
    assert parsed.error.startswith(message)


def test_unreadable_lines_are_reported_and_the_rest_still_read():
    lines = [json.dumps(GOOD), "", "{not json", json.dumps({**GOOD, "account": "A2"})]
    parsed = list(read_lines(lines))
    assert [p.line for p in parsed] == [1, 3, 4]
    assert parsed[1].error.startswith("line 3: not valid JSON")
    assert [p.account for p in parsed if p.ok] == ["A1", "A2"]


def test_unknown_fields_are_ignored_so_outputs_can_be_fed_back():
    enc = encounter_from_record({**GOOD, "drg": "291", "weight": 1.3, "future_field": [1, 2]})
    assert enc.account == "A1"


def _variants() -> list[dict]:
    """Records in the plain shape and every way of leaving it: other spellings the full reader accepts,
    and mistakes it reports."""
    import random

    from tests.support.drg_sample import records, typical_records

    base = [*records(300, seed=41, max_dx=12, max_px=6), *typical_records(200, seed=42)]
    changes = [
        ("account", 12), ("account", " A1 "), ("account", ""), ("account", None), ("account", True),
        ("age", True), ("age", -1), ("age", 125), ("age", "70"), ("age", 0), ("age", 124), ("age", None),
        ("sex", "m"), ("sex", ""), ("sex", None), ("sex", "X"), ("sex", 1),
        ("disposition", 1), ("disposition", "1"), ("disposition", "001"), ("disposition", "ab"),
        ("disposition", "\u0663\u0663"), ("disposition", " 03"), ("disposition", None),
        ("admit_date", ""), ("admit_date", "2026-05-19T10:00"), ("admit_date", "2026/05/19"),
        ("admit_date", "20260519"), ("admit_date", 20260519), ("admit_date", "2030-01-01"),
        ("discharge_date", None), ("discharge_date", "2026-02-30"), ("birth_date", "1950-07-01"),
        ("birth_date", "1950-7-1"), ("status", "bogus"), ("status", "coded"), ("status", None),
        ("mrn", 123), ("mrn", []), ("mrn", "M1"), ("notes", {"a": 1}), ("documents", []),
        ("dismissed", ["I10"]), ("diagnoses", None), ("diagnoses", "I10"), ("diagnoses", []),
        ("diagnoses", [{"code": "I10"}] * 26), ("procedures", None), ("procedures", {}),
        ("drg", "291"), ("weight", 1.2),
    ]
    dx_changes = [{"code": "i50.23", "poa": "y"}, {"code": "I5023", "poa": "1"}, "E11.9", {"code": "E11.9"},
                  {"code": "I50.23", "poa": 1}, {"code": "I50.23", "poa": "X"}, {"code": "12"},
                  {"code": "I50.23", "poa": ""}, {"code": None}, ["I10"], {"code": "I10|E11.9"},
                  {"code": "I10", "poa": ["Y"]}, {"poa": "Y"}, None]
    px_changes = [{"code": "02703dz"}, {"code": "02703DZ", "date": "2026-05-29T08:00"}, "02703DZ",
                  {"code": "02703DZ", "date": None}, {"code": "02703DZ", "date": "2026-13-01"},
                  {"code": "0270"}, {"code": "02703DZ", "date": 5}, {"code": "02703DZ|0DTJ4ZZ"},
                  {"date": "2026-05-29"}, {"code": 2703}]
    rng = random.Random(5)
    out = list(base)
    for rec in base:
        key, value = rng.choice(changes)
        out.append({**rec, key: value})
        if rec["diagnoses"]:
            dxs = list(rec["diagnoses"])
            dxs[rng.randrange(len(dxs))] = rng.choice(dx_changes)
            out.append({**rec, "diagnoses": dxs})
        pxs = [*rec["procedures"], rng.choice(px_changes)]
        out.append({**rec, "procedures": pxs})
    return out


def test_plain_stays_read_the_same_as_full_encounters():
    """Batch grouping reads plain records without building an encounter: whatever that quick reader takes,
    the full reader takes with the same values, and everything else it leaves to the full reader, which
    reads or reports it."""
    from workbench.interchange.stays import Stay, parse_stay, plain_stay

    quick = 0
    for i, rec in enumerate(_variants(), 1):
        full = parse_line(json.dumps(rec), i)
        stay = plain_stay(rec, i)
        if stay is not None:
            quick += 1
            assert full.encounter is not None, (rec, full.error)
            assert stay == Stay.of(full.encounter, i), rec
        got = parse_stay(json.dumps(rec), i)
        if full.encounter is None:
            assert got == full, rec  # the same error, word for word
        else:
            assert got == Stay.of(full.encounter, i), rec
    assert quick > 800  # the plain records and the changes that keep them plain
