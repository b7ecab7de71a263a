"""Property-based tests of the interchange readers (#17): any line, any decoded JSON value and any CSV file
gives an encounter or a clear error (`line N: ...`), never another exception, and what they accept saves."""

from __future__ import annotations

import json
import string

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.interchange.csv_io import read_csv
from workbench.interchange.reader import parse_line
from workbench.interchange.stays import parse_stay
from workbench.interchange.writer import encounter_to_record

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

KEYS = ["account", "mrn", "patient_name", "birth_date", "age", "sex", "admit_date", "discharge_date",
        "disposition", "diagnoses", "procedures", "documents", "queries", "dismissed", "status", "notes",
        "code", "poa", "date", "text", "question", "options"]
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20), st.floats(allow_nan=True),
                    st.text(max_size=20), st.sampled_from(["2026-05-01", "2026-02-28T99:99garbage", "I50.23",
                                                          "0DTJ4ZZ", "Y", "F", "01", "coded", "", "\ud800"]))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(st.sampled_from(KEYS), inner, max_size=5)), max_leaves=25)
records = st.dictionaries(st.sampled_from(KEYS), values, max_size=10)


def _must_read_back(encounter) -> None:
    rec = encounter_to_record(encounter)
    line = json.dumps(rec, ensure_ascii=False)
    line.encode("utf-8")  # no lone surrogates reach a record that is saved
    again = parse_line(line, 1)
    assert again.encounter == encounter, again.error


@SETTINGS
@given(records)
def test_any_record_reads_or_names_the_field(rec):
    try:
        text = json.dumps(rec, ensure_ascii=True, allow_nan=True)
    except (ValueError, RecursionError):
        return
    parsed = parse_line(text, 7)
    if parsed.encounter is None:
        assert parsed.error and parsed.error.startswith("line 7: ")
    else:
        _must_read_back(parsed.encounter)
    stay = parse_stay(text, 7)
    assert (getattr(stay, "encounter", 0) is None) == (parsed.encounter is None)


@SETTINGS
@given(st.text(max_size=300))
def test_any_line_reads_or_says_why(text):
    parsed = parse_line(text, 3)
    assert parsed.encounter is not None or (parsed.error or "").startswith("line 3: ")


@SETTINGS
@given(st.integers(1, 200_000), st.sampled_from(["[", "{\"a\":", "[{\"x\":"]))
def test_nesting_of_any_depth(depth, opener):
    text = opener * depth
    parsed = parse_line(text, 1)
    assert parsed.encounter is None and parsed.error.startswith("line 1: not valid JSON")


csv_cells = st.one_of(st.text(max_size=30), st.sampled_from([
    "=1+1", "'=x", "I50.23:Y;N17.9:Q", "0DTJ4ZZ@2026-13-01", "[{\"text\": 1}]", "[" * 3000, "\"", "\x00",
    "x" * 140_000]))
COLUMNS = ["account", "sex", "age", "diagnoses", "procedures", "documents", "queries", "dismissed", "weight",
           "birth_date", "admit_date", "notes"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                   HealthCheck.function_scoped_fixture])
@given(header=st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=6, unique=True),
       rows=st.lists(st.lists(csv_cells, min_size=1, max_size=6), max_size=4),
       raw=st.booleans(), junk=st.text(alphabet=string.printable + "\x00é", max_size=200))
def test_any_csv_file_reads_or_names_the_line(tmp_path_factory, header, rows, raw, junk):
    import csv

    path = tmp_path_factory.mktemp("csv") / "in.csv"
    with open(path, "w", encoding="utf-8", newline="") as fh:
        if raw:
            fh.write(junk)
        else:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows)
    try:
        results = list(read_csv(path))
    except UnicodeDecodeError:  # the commands report a file that is not UTF-8 as such
        return
    for parsed, _raw in results:
        if parsed.encounter is None:
            assert (parsed.error or "").startswith(f"line {parsed.line}: ")
        else:
            _must_read_back(parsed.encounter)
