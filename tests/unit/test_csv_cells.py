"""Formula escaping of CSV cells (#17): written cells never start a formula, and reading restores the text."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from workbench.interchange.csv_cells import FORMULA_START, escape, unescape


@given(st.text(alphabet=st.sampled_from(["=", "+", "-", "@", "\t", "\r", "'", "a", "1", " "]), max_size=6)
       | st.text(max_size=20))
def test_escape_is_safe_and_unescape_undoes_it(text):
    written = escape(text)
    assert not written.startswith(FORMULA_START)
    assert unescape(written) == text


def test_owasp_examples():
    assert escape("=cmd|' /C calc'!A0") == "'=cmd|' /C calc'!A0"
    assert escape("@SUM(1+1)") == "'@SUM(1+1)"
    assert escape("-2+3") == "'-2+3"
    assert escape("O'Brien") == "O'Brien" and escape("'quoted'") == "'quoted'"
    assert escape("'=x") == "''=x"
