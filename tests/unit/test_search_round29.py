"""Search round 29 (issue 14, search29), on the real release 2026.1: a diagnosis typed with its site is
the diagnosis, not another condition or a procedure at that site (the site words alone do not make a
match); the site alone, or a procedure at the site, still finds the site's codes. Expected codes checked
with `workbench code --json` (valid, billable, the title meant); the queries differ from those of
tests/search_tuning_cm14.tsv and tests/search_tuning_typos28.tsv."""

from __future__ import annotations

from codesets.search.engine import SearchIndex

PNEUMONIA = {"J189", "J181"}  # unspecified organism; lobar (what RLL/LLL shorthand reads as)


def codes(index: SearchIndex, query: str, limit: int = 5) -> list[str]:
    return [r.code for r in index.search(query, limit=limit)]


def test_a_condition_at_a_lung_lobe_is_the_condition_not_the_lobes_cancer(index):
    for query in ("pnuemonia, right middle lobe", "pneumonia in the right upper lobe"):
        found = codes(index, query)
        assert found[0] in PNEUMONIA, (query, found)
        assert not any(c.startswith("C34") or c.startswith("0B") for c in found[:3]), (query, found)
    # a finding of the lung at the lobe: the finding's code, the lobe's cancer well below it
    found = codes(index, "infiltrate right lower lobe")
    assert found[0] == "R918" and "C3431" not in found[:1], found


def test_the_site_alone_or_a_procedure_at_the_site_still_finds_the_site(index):
    assert codes(index, "left lower lobe", 1) == ["C3432"]  # nothing else named: the site's codes
    assert codes(index, "right middle lobe lobectomy", 1)[0].startswith("0BTD")
    assert codes(index, "s/p R mastectomy", 1) == ["Z9011"]  # a procedure at the site: its status code
    # a procedure word no diagnosis title holds (the ICD-9 procedure titles' "photocoagulation") is a
    # procedure at the site too: the retina's destruction, not a lung's laser therapy
    assert codes(index, "argon laser photocoagulation of left retina", 1) == ["085F3ZZ"]


def test_two_plain_words_run_together_are_read_as_the_titles_write_them(index):
    assert codes(index, "sorethroat", 1) == ["J029"]
    assert codes(index, "headinjury", 1) == ["S0990XA"]
    assert codes(index, "rightknee pain", 1) == ["M25561"]
    # a synonym of the second word side by side in a title: "acute renal" as "Acute kidney failure"
    assert codes(index, "acuterenal failure", 1) == ["N179"]
    # a word of its own is not split, nor a typo with no two title words in it
    assert not any("read as 'over night'" in r.matched for r in index.search("overnight", limit=5))
    assert codes(index, "hypertention", 1) == ["I10"]


def test_word_forms_and_one_word_names_the_titles_spell_otherwise(index):
    # anaphylaxis is the titles' "Anaphylactic reaction": the food named decides the code
    assert codes(index, "anaphylaxis from shellfish", 1) == ["T7802XA"]
    # a stone named by its organ in one word (Index: Cystolithiasis, see Calculus, bladder)
    assert codes(index, "cystolithiasis", 1) == ["N210"]
    # candidiasis named by its organ is the organ's candidal inflammation (Index: Candidiasis, esophagus)
    assert codes(index, "esophageal candidiasis", 1) == ["B3781"]


def test_benzodiazepine_withdrawal_is_the_sedative_class_not_a_poisoning(index):
    assert codes(index, "benzodiazepine withdrawal", 1)[0].startswith("F13")
    assert codes(index, "benzo abuse", 1)[0].startswith("F131")
    assert codes(index, "benzo overdose", 1) == ["T424X1A"]  # the overdose is still the poisoning
