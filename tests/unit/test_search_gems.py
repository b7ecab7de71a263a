"""ICD-9-CM procedure titles from the GEMs (codesets/release/gems.py) and the PCS Index main terms as
procedure search sources: the lost first letters are put back, a result says which ICD-9-CM title led to
it, and an Index cross reference names the objective of a suffixed word."""

from __future__ import annotations

import pytest

from codesets.release import gems
from codesets.search.engine import SearchIndex
from codesets.search.procedure import interpret
from codesets.search.procedure_vocab import index_vocabulary

KNOWN = {"excision": 5, "other": 9, "ether": 1, "pharynx": 2, "fasciotomy": 1}


@pytest.mark.parametrize("stored, repaired", [
    ("xcision of hemorrhoids", "Excision of hemorrhoids"),
    ("ther therapeutic ultrasound", "Other therapeutic ultrasound"),  # the more frequent word
    ("Excision of lesion", "Excision of lesion"),  # nothing known is one letter longer: kept
    ("haryngoscopy", "Pharyngoscopy"),  # no word known: the longest known start ("pharyn")
    ("qqqqq of the", "qqqqq of the"),  # nothing close: unchanged
])
def test_a_lost_first_letter_is_put_back(stored: str, repaired: str) -> None:
    assert gems.repair_title(stored, KNOWN, sorted(KNOWN)) == repaired


def test_almost_every_shipped_title_is_repaired() -> None:
    titles = {icd9: title for title, icd9, _ in gems.titled_pairs()}
    assert len(titles) > 3000
    assert titles["4946"] == "Excision of hemorrhoids"
    assert titles["8314"] == "Fasciotomy"
    lower = [t for t in titles.values() if t[:1].islower()]
    assert len(lower) < 0.02 * len(titles), lower[:10]


def test_index_cross_references_read_as_objectives_and_key_terms_as_values() -> None:
    see = index_vocabulary("Fasciotomy\tDivision, Subcutaneous Tissue and Fascia 0J8\n"
                           "Fasciotomy\tRelease\nCardioversion\tAssistance\n"
                           "Tenotomy\tDivision, Tendons 0L8\nTenotomy\tRelease\n"
                           "Discectomy, diskectomy\tExcision\n"
                           "Greater saphenous vein\tuse Saphenous Vein, Right\nPons\tuse Brain")
    assert see.objectives[("fasciotomy",)].groups["op"] == {"0J8": 1.0, "0_N": 1.0}
    assert ("discectomy",) in see.objectives and ("cardioversion",) not in see.objectives
    assert see.keys[("greater", "saphenous", "vein")].words == ("saphenous", "vein")
    assert ("pons",) not in see.keys  # one-word key terms are left to the titles
    # a word the procedure vocabulary does not list reads as the Index sends it (the vocabulary's own
    # "fasciotomy" entry orders the same references, Division first)
    intent = interpret(["tenotomy", "right", "leg"], see=see)
    assert intent is not None and set(intent.groups["op"]) == {"0L8", "0_N"}
    intent = interpret("excision of right greater saphenous vein".split(), see=see)
    assert intent is not None and "saphenous" in intent.words and "greater" not in intent.words


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    from codesets.release.core import load_release

    return SearchIndex.for_release(load_release("2026.1"))


def test_a_result_names_the_icd9_title_that_led_to_it(index: SearchIndex) -> None:
    r = index.search("hemorrhoidectomy", limit=1)[0]
    assert r.code == "06BY0ZC"
    assert "Excision of hemorrhoids (ICD-9-CM 49.46)" in r.matched


def test_a_site_alone_is_not_a_strong_procedure_match(index: SearchIndex) -> None:
    # "right atrial" matches the Index path Bypass > Atrium > Right word for word but names no bypass:
    # the record scanner, which takes only matches scoring ACCEPT_SCORE, must not suggest 021608P from it
    from workbench.record.scanner import ACCEPT_SCORE

    assert index.search("right atrial", limit=1)[0].score < ACCEPT_SCORE
    assert index.search("bypass right atrium", limit=1)[0].score >= ACCEPT_SCORE
