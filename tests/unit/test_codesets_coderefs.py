"""Code references in instructional notes: every form the April 2026 tabular list uses."""

from __future__ import annotations

import pytest

from codesets.coderefs import parse_refs
from codesets.release.core import load_release


@pytest.mark.parametrize(
    ("text", "inside", "outside"),
    [
        ("cardiac arrest (I46.-)", ["I46.2", "I469", "i46.8"], ["I47.0", "I45", "I4"]),
        ("stage of CKD (N18.1-N18.6)", ["N18.30", "N18.1", "N186", "N18.32"], ["N18.9", "N19", "N18.0"]),
        ("(E08.22, E09.22)", ["E0822", "E09.22"], ["E10.22", "E08.21"]),
        ("(O10-O11, O13-O16)", ["O10.02", "O11.9", "O16.1", "O13.1"], ["O12.0", "O17"]),
        ("(T36-T65 with fifth or sixth character 5)", ["T36.0X5A", "T38.3X5A", "T51.0X5A"],
         ["T36.0X1A", "T66"]),
        ("(K85-K86.-)", ["K85.9", "K86.1"], ["K87.0", "K84"]),
        ("(B27.0-)", ["B27.00", "B27.09"], ["B27.1"]),
        ("(I69.01-I69.11-, I69.21-I69.31-)", ["I69.011", "I69.114", "I69.31"], ["I69.12", "I69.0"]),
        ("(I70.2--I70.7-)", ["I70.201", "I70.799"], ["I70.8", "I70.1"]),
        ("(M05.00 to M05.8A)", ["M05.10", "M05.8A"], ["M05.9"]),
        ("(S02.- with 7th character B)", ["S02.0XXB"], ["S02.0XXA"]),
        ("(I69. with final characters -23)", ["I69.023", "I69.123"], ["I69.022"]),
        ("(E08-E13 with .52)", ["E10.52", "E11.52"], ["E11.51", "E14.52"]),
        ("(A37 with fifth-character 1)", ["A37.01", "A37.11"], ["A37.00"]),
        ("(I30-I5A)", ["I5A", "I50.23"], ["I60", "I2"]),
        ("(Z16.-, Z17-) and (Z79.4)", ["Z16.10", "Z17.0", "Z79.4"], ["Z79.84"]),
    ],
)
def test_reference_forms(text, inside, outside):
    refs = parse_refs(text)
    assert refs and not refs.approximate
    for code in inside:
        assert code in refs, code
    for code in outside:
        assert code not in refs, code


def test_text_that_is_not_a_reference():
    assert not parse_refs("diabetes due to (vitamin B12 deficiency)")
    assert not parse_refs("certain localized infections - see body system-related chapters")
    assert "B12" not in parse_refs("(vitamin B12 deficiency)")


def test_unknown_qualifier_keeps_ranges_but_says_approximate():
    refs = parse_refs("(T51-T65 with fifth or sixth character to indicate intent)")
    assert refs.approximate and "T51.0X1A" in refs


def test_real_notes_parse():
    rel = load_release("2026.1")
    notes = {(n.kind, n.text) for n in rel.notes("E11.22")}
    cf = next(t for k, t in notes if k == "use_additional_code" and "N18" in t)
    assert "N18.4" in parse_refs(cf) and "N18.9" not in parse_refs(cf)
    excl = [parse_refs(t) for k, t in notes if k == "excludes1"]
    assert any("E10.9" in r for r in excl) and not any("E11.9" in r for r in excl)
    # Every code named by a parsed reference in I50's notes exists in the release or is a range bound.
    for n in rel.notes("I50.23"):
        for r in parse_refs(n.text):
            assert rel.cm(r.lo) is not None, (n.text, r.lo)
