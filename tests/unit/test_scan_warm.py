"""The app's warm-up builds what a first chart's suggestions would wait for (workbench/record/warm.py),
without reading or keeping anything of a record."""

from __future__ import annotations

import sys


def test_warm_builds_the_scanner_and_keeps_no_phrase(index):
    from workbench.record.scanner import Scanner
    from workbench.record.warm import warm

    Scanner._by_index.pop(id(index), None)
    warm(index)
    scanner = Scanner._by_index[id(index)]
    assert scanner.index is index
    assert "workbench.record.guided" in sys.modules  # suggest's rules, imported before the first chart
    assert len(scanner._results) == 0  # no answer cached: the first chart's scan is the same as without


def test_suggestions_after_warm_are_those_of_a_fresh_scan(index, release):
    from workbench.demo import demo_encounters
    from workbench.record.scanner import Scanner
    from workbench.record.suggest import suggest
    from workbench.record.warm import warm

    enc = demo_encounters()[0]
    Scanner.for_index(index).clear_cache()
    before = [(s.code, s.kind, s.evidence.phrase) for s in suggest(enc, release=release, index=index)]
    Scanner._by_index.pop(id(index), None)
    warm(index)
    after = [(s.code, s.kind, s.evidence.phrase) for s in suggest(enc, release=release, index=index)]
    assert after == before and before  # the demo's first chart has suggestions
