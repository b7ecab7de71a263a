"""Coder words and fitting to a width (workbench.presentation), without the app."""

from __future__ import annotations

import dataclasses

from tests.support.app_samples import long_titles_encounter
from workbench.presentation import (
    counts_as_words,
    encounter_header,
    fit_lines,
    hanging,
    note_source_words,
    severity_words,
    wrap,
)

TITLE = "Calculus of gallbladder with acute cholecystitis with obstruction"


def test_grouper_statuses_read_as_coder_words() -> None:
    assert counts_as_words("no_cc") == "not a CC/MCC"
    assert counts_as_words("counted", "MCC") == "counts as MCC"
    assert counts_as_words("counted") == "counts as CC/MCC"
    assert counts_as_words("excluded") == "CC excluded by the principal diagnosis"
    assert counts_as_words("") == "" and counts_as_words("SOMETHING_NEW") == ""
    assert severity_words("NONE") == "without CC/MCC" and severity_words("MCC") == "MCC"


def test_note_sources_read_as_the_tabular_writes_them() -> None:
    assert note_source_words("K800") == "K80.0-"
    assert note_source_words("K80") == "K80.-"
    assert note_source_words("11") == "chapter 11"
    assert note_source_words("K80-K87") == "K80-K87"


def test_wrap_never_loses_a_word() -> None:
    for width in (13, 20, 33, 64, 65, 200):  # 13: the longest word
        lines = wrap(TITLE, width)
        assert " ".join(lines) == TITLE and all(len(line) <= width for line in lines)
    assert wrap("", 10) == [""]
    assert wrap("gallbladder", 5) == ["gallb", "ladde", "r"]  # a word longer than the line is split


def test_hanging_indents_under_the_title() -> None:
    lines = hanging("K80.01   CC  ", TITLE, 40)
    assert lines[0].startswith("K80.01   CC  Calculus")
    assert all(line.startswith(" " * 13) for line in lines[1:])
    assert " ".join(line.strip() for line in lines).endswith("with obstruction")
    narrow = hanging("K80.01   CC  ", TITLE, 20)  # no room beside the code: the title goes below
    assert narrow[0] == "K80.01   CC" and " ".join(narrow[1:]) == TITLE


def test_fit_lines_leaves_out_the_least_needed_first() -> None:
    parts = [("aaaa", 0), ("bbbb", 3), ("cccc", 1), ("dddd", 2)]
    assert fit_lines(parts, 100, lines=1) == [[0, 1, 2, 3]]
    assert fit_lines(parts, 16, lines=1) == [[0, 2, 3]]  # bbbb (priority 3) goes first
    assert fit_lines(parts, 10, lines=2) == [[0, 1], [2, 3]]
    assert fit_lines(parts, 9, lines=2) == [[0], [2]]  # one part a line: the two least needed go


def test_header_at_80_columns_keeps_los_disposition_payer_and_service() -> None:
    enc = dataclasses.replace(long_titles_encounter(), payer="Medicaid Managed Care - Riverbend Health",
                              service="General Surgery", coder="alice")
    lines = encounter_header(enc, 7, 78)
    flat = [p for line in lines for p in line]
    assert len(lines) <= 2 and all(len("  ".join(line)) <= 78 for line in lines)
    for part in ("A1005", "New", "Loe, Ada", "LOS 4", "disp 01", "Medicaid Managed Care - Riverbend Health",
                 "General Surgery"):
        assert part in flat
    one = encounter_header(enc, 7, 60, lines=1)[0]
    assert one[:2] == ["A1005", "New"] and "LOS 4" in one and "rev 7" not in one


def test_queue_filter_status_error_names_the_words_to_type() -> None:
    import pytest

    from workbench.tui.queue_filter import FilterError, parse_filter

    with pytest.raises(FilterError) as e:
        parse_filter("status:later")
    assert "new, progress, hold, coded or final" in str(e.value) and "_" not in str(e.value)
    assert parse_filter("status:inprogress").status == parse_filter("status:progress").status
