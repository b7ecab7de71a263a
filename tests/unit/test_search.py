"""Code search ranking rules, filters, bad input, cache and the abbreviation table, on the real release."""

from __future__ import annotations

import threading
from pathlib import Path
from types import SimpleNamespace

import pytest

from codesets.search import index as search_index
from codesets.search.engine import SearchIndex
from codesets.search.text import load_abbreviations, parse_abbreviations


def codes(index: SearchIndex, query: str, **kw) -> list[str]:
    return [r.code for r in index.search(query, **kw)]


# --- bad input ---------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["", "   ", "\x00\x07\x1b", "\t\n"])
def test_empty_query_gives_no_results(index, query):
    assert index.search(query) == []


def test_control_characters_are_ignored(index):
    assert codes(index, "\x01chf\x1b", limit=5) == codes(index, "chf", limit=5)


def test_a_10kb_line_is_answered(index):
    line = ("acute on chronic systolic heart failure " * 300)[:10_000]
    results = index.search(line, limit=5)
    assert results and results[0].code == "I5023"
    assert len(index.search("x" * 10_000)) <= 20


def test_unknown_system_is_refused(index):
    with pytest.raises(ValueError, match="CM or PCS"):
        index.search("chf", system="ICD9")


# --- codes -------------------------------------------------------------------------------------

@pytest.mark.parametrize("query", ["i50.2", "I502", "I50.2", " i502 "])
def test_code_with_or_without_dot_any_case(index, query):
    results = index.search(query, limit=10)
    assert results[0].code == "I502"
    assert all(r.code.startswith("I502") for r in results)


def test_code_prefix_lists_the_header_first_then_code_order(index):
    got = codes(index, "I50", limit=6)
    assert got[0] == "I50" and got == sorted(got)


def test_seven_character_code(index):
    assert codes(index, "S72.001A", limit=1) == ["S72001A"]


def test_pcs_table_prefix(index):
    results = index.search("0DT", limit=50)
    assert len(results) == 50
    assert all(r.code.startswith("0DT") and r.system == "PCS" and r.billable for r in results)


# --- words -------------------------------------------------------------------------------------

def test_billable_code_above_its_header_for_words(index):
    results = index.search("heart failure", limit=5)
    assert results[0].code == "I509" and results[0].billable
    assert codes(index, "heart failure").index("I509") < codes(index, "heart failure").index("I50")


def test_more_specific_code_only_when_the_words_support_it(index):
    plain = codes(index, "heart failure", limit=50)
    assert plain.index("I509") < plain.index("I5023")
    specific = codes(index, "acute on chronic systolic heart failure", limit=5)
    assert specific[0] == "I5023"


def test_words_in_any_order_and_prefixes_while_typing(index):
    assert codes(index, "acute on chr syst hf", limit=1) == ["I5023"]
    assert codes(index, "heart failure systolic chronic", limit=1) == ["I5022"]
    assert "J189" in codes(index, "pneumon", limit=5)


@pytest.mark.parametrize("typo,code", [("pnuemonia", "J189"), ("hypertention", "I10"), ("sepis", "A419")])
def test_typos_are_corrected(index, typo, code):
    assert codes(index, typo, limit=1) == [code]


@pytest.mark.parametrize("query,code", [
    ("CHF", "I509"), ("copd", "J449"), ("AKI", "N179"), ("uti", "N390"), ("NSTEMI", "I214"),
    ("cva", "I639"), ("DM2", "E119"), ("T2DM", "E119"), ("htn", "I10"), ("CKD 3b", "N1832"),
    ("esrd", "N186"), ("GI bleed", "K922"), ("lap chole", "0FT44ZZ"), ("EGD", "0DJ08ZZ"),
])
def test_clinical_stored(index, query, code):
    results = index.search(query, limit=1)
    assert results[0].code == code


def test_abbreviation_and_synonym_are_shown_as_matched(index):
    chf = index.search("chf", limit=1)[0]
    assert chf.code == "I509" and "CHF = congestive heart failure" in chf.matched
    incl = index.search("congestive heart failure", limit=1)[0]
    assert incl.code == "I509" and "Congestive heart failure NOS" in incl.matched


def test_negated_words_do_not_match(index):
    got = codes(index, "septic shock", limit=10)
    assert "R6521" in got and ("R6520" not in got or got.index("R6521") < got.index("R6520"))


def test_results_carry_cc_badge_and_kind(index):
    r = index.search("I50.23", limit=1)[0]
    assert (r.cc_level, r.kind, r.billable, r.display) == ("MCC", "code", True, "I50.23")
    assert index.search("I10", limit=1)[0].cc_level is None


# --- filters -----------------------------------------------------------------------------------

def test_system_filter(index):
    assert {r.system for r in index.search("resection", system="pcs", limit=30)} == {"PCS"}
    assert {r.system for r in index.search("fracture", system="CM", limit=30)} == {"CM"}


def test_billable_only(index):
    results = index.search("I50", billable_only=True, limit=30)
    assert results and all(r.billable for r in results) and "I50" not in [r.code for r in results]


@pytest.mark.parametrize("within,prefixes", [("9", ("I",)), ("I30-I5A", ("I3", "I4", "I5")),
                                             ("S72", ("S72",)), ("0FT", ("0FT",))])
def test_within_chapter_block_category_table(index, within, prefixes):
    results = index.search("unspecified", within=within, limit=30) or index.search(
        "resection", within=within, limit=30)
    assert results and all(r.code.startswith(prefixes) for r in results)


# --- cache, abbreviations file, threads ----------------------------------------------------------

def test_cached_index_loads_and_answers_the_same(index, tmp_path):
    search_index.save(index.data, tmp_path)
    again = SearchIndex.for_release(SimpleNamespace(cache_dir=tmp_path, id=index.data.release_id))
    for q in ("chf", "lap chole", "I50", "pnuemonia"):
        assert codes(again, q) == codes(index, q)
    stale = SimpleNamespace(cache_dir=tmp_path, id="1999.0")
    assert search_index.load(Path(stale.cache_dir), stale.id) is None


def test_user_abbreviations_extend_the_table(index, tmp_path):
    user = tmp_path / "abbreviations.tsv"
    user.write_text("# ours\nzzhf\tacute on chronic systolic heart failure\n")
    table = load_abbreviations(user)
    assert table[("zzhf",)] == ("acute on chronic systolic heart failure",)
    assert ("chf",) in table  # the shipped table is still there
    assert codes(SearchIndex(index.data, table), "zzhf", limit=1) == ["I5023"]


def test_bad_abbreviation_line_names_file_and_line():
    with pytest.raises(ValueError, match=r"mine\.tsv, line 2: expected `abbreviation<TAB>expansion`"):
        parse_abbreviations(["chf\theart failure", "no tab here"], "mine.tsv")


def test_concurrent_searches_agree_with_serial(index):
    queries = ["chf", "lap chole", "I50", "pnuemonia", "type 2 diabetes with neuropathy", "0DT", "tka"]
    expected = {q: codes(index, q) for q in queries}
    failures: list[str] = []

    def work() -> None:
        for _ in range(20):
            for q in queries:
                if codes(index, q) != expected[q]:
                    failures.append(q)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert failures == []
