"""Property-based tests of the official-file importers (#17): whatever bytes a file holds, a parser
returns a value or raises its own error naming the file, never another exception. Inputs are arbitrary
bytes and the fixtures in the official layouts with bytes changed, cut, repeated or inserted."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codesets.release import drg_tables, official_files, poa_exempt, tabular_xml
from codesets.release.importer import ImportFailed, build

OFFICIAL = Path(__file__).parents[1] / "fixtures" / "official"
FY2027 = OFFICIAL / "fy2027"
RELEASE_ERRORS = (official_files.OfficialFileError, tabular_xml.TabularError, drg_tables.DrgTableError,
                  poa_exempt.PoaExemptError)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _parse_tabular(name: str, data: bytes) -> object:
    return list(tabular_xml.parse_tabular(io.BytesIO(data), name=name))


PARSERS = {
    "icd10cm_order_2027.txt": lambda n, d: official_files.parse_order(d.decode("utf-8", "replace"), n),
    "icd10pcs_order_2027.txt": lambda n, d: official_files.parse_order(d.decode("utf-8", "replace"), n),
    "icd10cm_tabular_2027.xml": _parse_tabular,
    "icd10cm_index_2027.xml": lambda n, d: official_files.parse_cm_index(d, n, "index"),
    "icd10cm_drug_2027.xml": lambda n, d: official_files.parse_cm_index(d, n, "drug"),
    "icd10pcs_tables_2027.xml": lambda n, d: official_files.parse_pcs_tables(d, n),
    "icd10pcs_index_2027.xml": lambda n, d: official_files.parse_pcs_index(d, n),
    "icd10pcs_definitions_2027.xml": lambda n, d: official_files.parse_pcs_definitions(d, n),
}
FIXTURES = {name: (FY2027 / name).read_bytes() for name in PARSERS}
FIXTURES["table5_fy2027.txt"] = (OFFICIAL / "table5_fy2027.txt").read_bytes()
FIXTURES["POAexemptCodes2027.txt"] = (OFFICIAL / "poa" / "POAexemptCodes2027.txt").read_bytes()
PARSERS["table5_fy2027.txt"] = drg_tables.parse_table5
PARSERS["POAexemptCodes2027.txt"] = poa_exempt.parse


@st.composite
def damaged(draw: st.DrawFn, data: bytes) -> bytes:
    """`data` with a few edits: bytes overwritten, a span cut, repeated, or foreign bytes inserted."""
    out = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        if not out:
            break
        i = draw(st.integers(0, len(out) - 1))
        j = draw(st.integers(i, min(len(out), i + 200)))
        kind = draw(st.sampled_from(["overwrite", "cut", "repeat", "insert"]))
        if kind == "overwrite":
            out[i:j] = draw(st.binary(min_size=j - i, max_size=j - i))
        elif kind == "cut":
            del out[i:j]
        elif kind == "repeat":
            out[i:i] = out[i:j] * draw(st.integers(1, 50))
        else:
            out[i:i] = draw(st.sampled_from([b"<", b">", b"&", b'"', b"\t", b"\n", b"\x00", b"\xff\xfe",
                                             b"NaN", b"-1e308", b"pos=\"x\"", b"<term>", b"]]>",
                                             b"<!DOCTYPE x [<!ENTITY a 'b'>]>", b"&a;", "é".encode()]))
    return bytes(out)


def _value_or_own_error(name: str, data: bytes) -> None:
    try:
        PARSERS[name](name, data)
    except RELEASE_ERRORS as e:
        assert name in str(e)


@pytest.mark.parametrize("name", sorted(PARSERS))
@SETTINGS
@given(data=st.binary(max_size=3000))
def test_arbitrary_bytes(name, data):
    _value_or_own_error(name, data)


@pytest.mark.parametrize("name", sorted(PARSERS))
@SETTINGS
@given(st.data())
def test_damaged_official_files(name, data):
    _value_or_own_error(name, data.draw(damaged(FIXTURES[name])))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(st.data())
def test_a_damaged_release_zip_builds_or_fails_cleanly(tmp_path_factory, data):
    """The whole import (classify, parse, check) on a zip with one member damaged, or the zip's own bytes
    damaged: a release or ImportFailed."""
    folder = tmp_path_factory.mktemp("zip")
    buf = io.BytesIO()
    victim = data.draw(st.sampled_from(sorted(p.name for p in FY2027.iterdir())))
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for f in sorted(FY2027.iterdir()):
            blob = f.read_bytes()
            z.writestr(f.name, data.draw(damaged(blob)) if f.name == victim else blob)
    raw = buf.getvalue()
    if data.draw(st.booleans()):
        raw = data.draw(damaged(raw))
    path = folder / "release.zip"
    path.write_bytes(raw)
    try:
        build([str(path)], release="2027.0")
    except ImportFailed:
        pass
