"""workbench/record/regex_start.py: a pattern given a lookahead of its start characters finds exactly what
the pattern finds, on record text and on the text that would trip a careless reading (digits of other
scripts, a pattern that can match nothing, flags)."""

from __future__ import annotations

import re

import pytest

from workbench.record.regex_start import start_class, with_start_scan


def _record_texts() -> list[str]:
    from tests.bench.bench_suggest import twenty_pages
    from workbench.demo import demo_encounters
    from workbench.record.text import sentences

    big = twenty_pages(demo_encounters())
    docs = [d.text.lower() for d in big.documents]
    return docs + [s.text.lower() for d, doc in enumerate(big.documents) for s in sentences(doc.text, d)]


def test_the_rules_first_looks_find_the_same_matches_on_a_record():
    from workbench.record import procedures, stated_rules

    texts = _record_texts() + ["underwent left hemiarthroplasty on 3/2", "transfused 2 units of prbc",
                               "septic shock on arrival", "on bactrim ds"]
    changed = found = 0
    for look in (stated_rules._ANY_RULE, stated_rules._ANY_WORD, procedures._ANY, procedures._ANY_THERAPY):
        w = look._re.pattern  # "(?=[...])(?:PATTERN)" where the lookahead was put, else PATTERN
        plain = re.compile(w[w.index("])(?:") + 5 : -1]) if w.startswith("(?=[") else look._re
        changed += plain is not look._re
        got = [(m.span() if (m := look._re.search(t)) else None) for t in texts]
        want = [(m.span() if (m := plain.search(t)) else None) for t in texts]
        assert got == want
        found += sum(m is not None for m in got)
    assert changed == 3  # the word list opens with literals: re scans it already
    assert found > 50


@pytest.mark.parametrize(("pattern", "texts"), [
    (r"\b(?:\d+|one|two) units?\b", ["given ٣ units prbc", "two units", "4 units", "no unit"]),
    (r"\b(?:acute )?(?:kidney|renal) (?:injury|failure)\b", ["acute kidney injury", "renal failure", "aki"]),
    (r"(?<!non )\bischemic (?:cm|cardiomyopathy)\b",
     ["non ischemic cm", "ischemic cm", "x ischemic cardiomyopathy"]),
    (r"\b(?:s/p|h/o|hx) [a-z]+ectomy\b",
     ["s/p appendectomy", "hx cholecystectomy", "status post appendectomy"]),
])
def test_matches_are_the_pattern_s_own(pattern: str, texts: list[str]):
    plain = re.compile(pattern)
    fast = with_start_scan(plain)
    assert fast is not plain and fast.pattern.startswith("(?=[")
    for t in texts:
        a, b = plain.search(t), fast.search(t)
        assert (a and a.span()) == (b and b.span()), t


def test_digits_of_any_script_start_a_match():
    """`\\d` is every decimal digit, not 0-9 alone: "٣ units" (Arabic-Indic three) is found."""
    cls = start_class(r"\b(?:\d+|one) units?")
    assert cls is not None and r"\d" in cls
    assert with_start_scan(re.compile(r"\b(?:\d+|one) units?")).search("given ٣ units") is not None


@pytest.mark.parametrize("pattern", [
    r"\b(?:x)?",  # can match nothing: every position is a start
    r"\b.ab",  # any character
    r"(?i)\bseptic",  # flags of its own
    r"\b[^a]bc",  # a negated class
])
def test_what_is_not_read_with_certainty_is_left_as_it_is(pattern: str):
    p = re.compile(pattern)
    assert start_class(pattern) is None
    assert with_start_scan(p) is p


def test_patterns_re_scans_itself_and_flagged_ones_are_unchanged():
    for p in (re.compile("actonel|amoxicillin|bactrim"), re.compile(r"[ck]olitis"),
              re.compile(r"\bsepsis", re.IGNORECASE)):
        assert with_start_scan(p) is p
