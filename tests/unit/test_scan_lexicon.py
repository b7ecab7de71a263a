"""Word lists the scanner reads off the real search index once per release."""

from __future__ import annotations


def test_second_sides_of_and_titles(index):
    from workbench.record.lexicon import second_sides

    sides = second_sides(index.data)
    assert sides["hyponatremia"] == len("hyponatremia")  # E87.1 Hypo-osmolality and hyponatremia
    assert sides["collapse"] == len("collapse")  # R55 Syncope and collapse
    assert "syncope" not in sides  # the first side of R55, and no title ends "... and syncope"


def test_scanner_reads_one_side_of_an_and_title(index):
    from workbench.record.scanner import Scanner

    s = Scanner.for_index(index)
    assert s._second_side("hyponatremia")
    assert not s._second_side("aki")  # an abbreviation is read through its expansions
