"""Search round 23 (issue 14, search23), on the real release 2026.1: ICD-10-PCS Index terms as a coder looks
them up. A one-word main term the Index sends to a whole table ("Pneumolysis: see Release, Respiratory System
0BN"; "Tenolysis: see Release, Tendons 0LN") or whose code is a table ("Eculizumab XW0") finds that table's
codes and says which entry and table led there; a word the Index sends to one body part ("Anoplasty: see
Repair, Anus 0DQQ") reads as that body part when its roots name none. Expected codes are the Index's, titles
checked with `workbench code`; the queries differ from those of tests/search_tuning_pcs32.tsv."""

from __future__ import annotations

import pytest

from codesets.search.engine import SearchIndex


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


@pytest.mark.parametrize(("query", "table"), [("pneumolysis", "0BN"), ("tenolysis", "0LN")])
def test_a_one_word_index_term_sending_to_a_table_finds_the_table(index, query, table):
    found = index.search(query, limit=5)
    assert [r.code[:3] for r in found] == [table] * 5, [r.code for r in found]
    assert found[0].matched.lower() == f"{query} > {table.lower()}", found[0].matched


@pytest.mark.parametrize(("query", "body_part"), [("anoplasty", "0DQQ"), ("culdoplasty", "0UQF"),
                                                  ("mesenterectomy", "0DBV")])
def test_the_body_part_of_the_index_reference_is_read_when_the_word_names_none(index, query, body_part):
    found = codes(index, query, 3)
    assert all(c.startswith(body_part) for c in found), found


def test_a_longer_index_term_keeps_the_procedure_reading(index):
    # "Uterine artery embolization: see Occlusion, Lower Arteries 04L": no table-wide codes above the
    # uterine arteries the words name
    assert codes(index, "bilateral uterine artery embolization", 2) == ["04LE3DT", "04LF3DU"]


@pytest.mark.parametrize("query", ["arterial line, left femoral", "art line left femoral"])
def test_a_site_written_after_the_line_places_it(index, query):
    # "femoral arterial line" written the other way round, the side between: the lower artery
    assert codes(index, query, 1) == ["04HY32Z"]


def test_an_arterial_line_with_no_site_stays_radial(index):
    assert codes(index, "arterial line", 1) == ["03HY32Z"]


@pytest.mark.parametrize("query", ["eculizumab", "ceftobiprole medocaril anti-infective"])
def test_a_drug_the_index_sends_to_a_whole_substance_table_shows_no_other_drug(index, query):
    # "Eculizumab XW0": each row's first code names another drug (Anacaulase, Spesolimab); offering them
    # would put a wrong substance one Enter away
    assert not [r.code for r in index.search(query, limit=5) if r.code.startswith("XW0")]
