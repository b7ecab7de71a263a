"""Nothing crashes on any string (#14): the search of the real release answers any text, any scope and
either system with a list (codes of the release, at most the limit), and `workbench search -` answers
every input line with exactly one JSON line that repeats it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codesets.search.engine import SearchIndex

SETTINGS = settings(max_examples=400, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

# Pieces a coder's box really receives, mixed with arbitrary text: codes with dots and odd case,
# shorthand, regex and SQL metacharacters, control characters, right-to-left text, emoji.
PIECES = ["0SG", "0sg0", "0DBN8ZX", "0S.G-00 aj", "I50.9", "i50.", "b20", "CABG x3", "s/p", "w/", "--", "-",
          "(*[\\", ".*", "^$", "' OR 1=1; --", "%_%", "{}", "|", "\t", "\x00", "\x1b[31m", "\u202e", "\u200b",
          "\ufeff", "مرحبا", "阑尾", "💉", "ＣＨＦ", "ﬁ", "ß", "İ", "\u0301", "1234567890", "lap chole",
          "colonoscopy with biopsy", "hip", "of", "the", "left", "x", "with and without"]
queries = st.one_of(
    st.text(max_size=60),
    st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=8)), max_size=8).map(" ".join),
    st.lists(st.sampled_from(PIECES), max_size=12).map("".join),
)
# "²" is a digit to str.isdigit, not to int()
SCOPES = ["9", "I30-I5A", "I50", "0DT", "0SZ", "ZZZ", "", "-", "99", "0", "²", "1²"]
scopes = st.one_of(st.none(), st.sampled_from(SCOPES), st.text(max_size=6))


@SETTINGS
@given(q=queries, system=st.sampled_from([None, "CM", "PCS"]), billable=st.booleans(), within=scopes,
       limit=st.integers(1, 25))
def test_any_query_gets_a_list_of_release_codes(index: SearchIndex, release, q, system, billable, within,
                                                limit):
    results = index.search(q, system=system, billable_only=billable, within=within, limit=limit)
    assert isinstance(results, list) and len(results) <= limit
    for r in results:
        assert (release.cm(r.code) if r.system == "CM" else release.pcs(r.code) or
                release.pcs_table(r.code[:3])) is not None, (q, r.code)
        assert system is None or r.system == system
        assert not billable or r.billable


@pytest.mark.parametrize("io_encoding", ["", "utf-8"], ids=["locale", "strict utf-8 (as under en_US.UTF-8)"])
def test_search_stdin_answers_each_line_once_whatever_it_holds(io_encoding):
    lines = ["", " ", "\t\t", "a" * 10_000, "chf " * 2_500, "💉🩺", "مرحبا بالعالم", "阑尾切除术",
             "(*[\\", ".*", "' OR 1=1; --", "%_%", "--", "-", "a\tb\tc", "\x00", "\x01\x02\x1b[31m", "\x7f",
             "\u202e abc", "\ufeff", "1234567890", "!!!!", "0S.G-00 aj", "I50.9", "i50.9", "0sG00Aj",
             "ab\x0bcd", "e\x0cf", "x\u2028y", "z\u0085w", "ＣＨＦ", "\u0301\u0301",
             "0DBN8ZX 0SG00AJ", "colonoscopy with biopsy"]
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    # a lone CR inside a line, a CRLF ending and bytes that are not UTF-8 are still one line each
    data += b"chf\rcopd\n" + b"htn\r\n" + b"abc\xff\xfedef\n" + b"\xc3\n"
    out = subprocess.run([sys.executable, "-m", "workbench.cli", "search", "-", "--json", "--limit", "5"],
                         input=data, capture_output=True, timeout=300,
                         env={**os.environ, "PYTHONIOENCODING": io_encoding})
    assert out.returncode == 0 and b"Traceback" not in out.stderr, out.stderr[-2000:]
    answers = [json.loads(line) for line in out.stdout.decode("utf-8").split("\n") if line]
    assert [a["q"] for a in answers[: len(lines)]] == lines
    assert [a["q"] for a in answers[len(lines):]] == ["chf\rcopd", "htn", "abc\ufffd\ufffddef", "\ufffd"]
    assert all(len(a["results"]) <= 5 for a in answers)
    by_q = {a["q"]: [r["code"] for r in a["results"]] for a in answers}
    assert by_q["0S.G-00 aj"][0] == by_q["0sG00Aj"][0] == "0SG00AJ"  # dots, spaces, dashes and case
    assert by_q["I50.9"][0] == by_q["i50.9"][0] == "I509"
    assert "I509" in by_q["ＣＨＦ"]  # full-width letters read as the abbreviation
