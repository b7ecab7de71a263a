"""The record scanner's caches (workbench/record/search_cache.py, postings.py): bounded, never one
patient's answer for another, never one release's answer for another, and a document read again (a rescan,
a note in the next chart) gives exactly what a first reading gives."""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import pytest

from workbench.record import search_cache
from workbench.record.search_cache import Lru, array_bytes


def test_lru_keeps_the_most_recently_used_within_its_bound():
    c: Lru[str, int] = Lru(2)
    c.put("a", 1)
    c.put("b", 2)
    assert c.get("a") == 1  # "a" is now the most recent: "b" goes first
    c.put("c", 3)
    assert "b" not in c and c.get("a") == 1 and c.get("c") == 3
    assert len(c) == 2
    assert c.get("b", "none") == "none"
    assert (c.hits, c.misses) == (3, 1)
    c.clear()
    assert len(c) == 0 and c.get("a") is None


def test_lru_bounded_by_bytes_and_refuses_what_exceeds_the_budget():
    c: Lru[str, bytes] = Lru(100, maxbytes=10, weigh=len)
    c.put("a", b"12345")
    c.put("b", b"12345")
    assert c.nbytes == 10
    c.put("c", b"123")  # over 10 bytes: the oldest goes
    assert "a" not in c and c.nbytes == 8
    c.put("huge", b"x" * 11)  # larger than the whole budget: not kept, nothing else lost
    assert "huge" not in c and len(c) == 2
    c.put("b", b"1")  # replaced: its old weight is given back
    assert c.nbytes == 4
    with pytest.raises(ValueError, match="maxsize must be at least 1"):
        Lru(0)


def test_array_bytes_counts_a_view_by_its_header_only():
    own = np.zeros(1000, np.float32)
    assert array_bytes(own[10:20]) < 200
    assert array_bytes((own, None)) >= own.nbytes


@pytest.fixture(scope="module")
def scanner(index):
    from workbench.record.scanner import Scanner

    s = Scanner(index)  # its own caches: not the one other tests share through Scanner.for_index
    yield s
    s.clear_cache()


def _doc(text: str, kind: str = "Discharge Summary") -> Any:
    return SimpleNamespace(text=text, type=kind)


GDM = ("DISCHARGE DIAGNOSES:\nGestational diabetes mellitus, diet controlled, pregnancy 32 weeks.\n"
       "Acute kidney injury.\n")


def test_a_cached_answer_is_never_another_patients(index):
    """The index's answers are cached whatever the patient; the pregnancy chapter is the record's own
    (a female patient of childbearing age whose record speaks of pregnancy), read after the cache."""
    from workbench.model.encounter import Document, Encounter
    from workbench.record.suggest import suggest

    def codes(sex: str, age: int) -> list[str]:
        enc = Encounter(account=f"{sex}{age}", sex=sex, age=age,
                        documents=[Document("Discharge Summary", GDM)])
        return [s.code for s in suggest(enc, index=index)]

    man, woman = codes("M", 60), codes("F", 30)
    assert "O24410" in woman and not any(c.startswith("O") for c in man)
    assert codes("M", 60) == man and codes("F", 30) == woman and codes("F", 70) == man


def test_populations_are_applied_after_the_cache(scanner):
    phrase = "gestational diabetes mellitus in pregnancy diet controlled"
    assert scanner.search(phrase, "CM") is None
    assert scanner.search(phrase, "CM", frozenset({"O"})).code == "O24410"
    assert scanner.search(phrase, "CM") is None
    assert [r.code for r in scanner.candidates(phrase, "CM")] == []


class _OtherRelease:
    """An index of another release: the same arrays, its own answers."""

    def __init__(self, index: Any) -> None:
        self.data = index.data
        self.abbreviations = index.abbreviations

    def search(self, query: str, **kw: Any) -> list[Any]:
        from codesets.search.engine import SearchResult

        return [SearchResult("N170", "Acute kidney failure with tubular necrosis", "CM", True, "code", "CC",
                             0.99)]


def test_answers_never_cross_indexes(index, scanner):
    from workbench.record.scanner import Scanner

    assert scanner.search("acute kidney injury", "CM").code == "N179"
    other = Scanner(_OtherRelease(index))
    assert other.search("acute kidney injury", "CM").code == "N170"
    assert scanner.search("acute kidney injury", "CM").code == "N179"
    assert Scanner.for_index(index) is Scanner.for_index(index)


def test_a_document_read_again_gives_what_a_first_reading_gives(scanner):
    note = _doc("ASSESSMENT:\nAcute kidney injury, improving.\nHypertension.\n", "Progress Note")
    other = _doc("HOSPITAL COURSE:\nTreated for pneumonia.\n")
    first = scanner.scan([note])
    assert [m.code for m in first] == ["N179", "I10"]
    again = scanner.scan([other, note])  # the same note, now the record's second document
    scanner.clear_cache()
    cold = scanner.scan([other, note])
    assert again == cold
    moved = [m for m in again if m.document == 1]
    assert [m.code for m in moved] == ["N179", "I10"]
    assert all(m.sentence.document == 1 for m in moved)
    assert [dataclasses.replace(m, document=0, sentence=dataclasses.replace(m.sentence, document=0))
            for m in moved] == first
    assert scanner.scan([note]) == first  # a rescan


def test_bounded_caches_give_the_same_mentions(index, monkeypatch):
    from workbench.record.scanner import Scanner

    text = ("ASSESSMENT:\nAcute on chronic systolic heart failure.\n"
            "Type 2 diabetes mellitus with CKD stage 4.\nAcute kidney injury.\n"
            "Community acquired pneumonia of the right lower lobe.\n")
    roomy = Scanner(index)
    want = roomy.scan([_doc(text)])
    for name in ("PHRASES", "WORDS", "BOUNDS", "DOCUMENTS", "ANCHORS"):
        monkeypatch.setattr(search_cache, name, 2)
    monkeypatch.setattr(search_cache, "WORD_BYTES", 4096)
    tight = Scanner(index)
    assert tight.scan([_doc(text)]) == want
    assert tight.scan([_doc(text + "Hypertension.\n")])[: len(want)] == want
    assert len(tight._results) <= 2 and len(tight._bounds) <= 2 and len(tight._documents) <= 2
    assert len(tight._anchors) <= 2
    assert len(tight._postings) <= 2 and tight._postings.nbytes <= 4096


def test_a_phrase_said_again_elsewhere_is_found_at_its_own_place(index):
    """The phrase found around an anchor is kept by the words around it (Scanner._first_strong): said
    again in another sentence, further along, beside other words, with a side or a parenthesis, each
    mention is at its own words, as a scanner that never read the first finds them."""
    from workbench.record.scanner import Scanner

    sentences = ["Acute kidney injury.", "Hypertension; acute kidney injury, improving.",
                 "Course complicated by acute kidney injury and hyperkalemia.",
                 "Kidney stone, left.", "Seen for a kidney stone (left).",
                 "Cellulitis of left lower extremity.",
                 "Pneumonia (PNA) of the right lower lobe.", "Hypertension."]
    text = "ASSESSMENT:\n" + "\n".join(sentences) + "\n"
    warm = Scanner(index)
    got = warm.scan([_doc(text)])
    found = [(m.code, text[m.start : m.end].lower()) for m in got]
    assert found.count(("N179", "acute kidney injury")) == 3
    assert found.count(("N200", "kidney stone")) == 2
    assert found.count(("I10", "hypertension")) == 2
    assert all(m.phrase == text[m.start : m.end] and m.sentence.start <= m.start < m.end <= m.sentence.end
               for m in got)
    assert len(warm._anchors) > 0  # the phrases around the anchors were kept
    # each sentence alone, to a scanner that read nothing before: the same codes at the same words
    for sentence in sentences:
        alone = "ASSESSMENT:\n" + sentence + "\n"
        fresh = [(m.code, alone[m.start : m.end]) for m in Scanner(index).scan([_doc(alone)])]
        again = [(m.code, text[m.start : m.end]) for m in got
                 if text.index(sentence) <= m.start < text.index(sentence) + len(sentence)]
        assert again == fresh, sentence


FY2027 = Path(__file__).parents[1] / "fixtures" / "official" / "fy2027"


def test_a_release_imported_again_is_not_answered_from_the_old_import(data_dir, tmp_path):
    """A release imported again from corrected files keeps its id and folder: its search index (in memory
    and on disk) and the suggestions read from it follow the new files, in this process and the next."""
    from codesets.release.core import load_release
    from codesets.release.importer import install
    from codesets.search.engine import SearchIndex
    from workbench.model.encounter import Document, Encounter
    from workbench.record.suggest import suggest

    enc = Encounter(account="reimport", documents=[
        Document("Discharge Summary", "DISCHARGE DIAGNOSES:\nAcute on chronic systolic heart failure.\n")])

    def suggested() -> list[tuple[str, str]]:
        rel = load_release("2027.0")
        return [(s.code, s.title) for s in suggest(enc, release=rel, index=SearchIndex.for_release(rel))]

    install([str(FY2027)])
    assert suggested() == [("I5023", "Acute on chronic systolic (congestive) heart failure")]
    corrected = tmp_path / "corrected"
    shutil.copytree(FY2027, corrected)
    tabular = corrected / "icd10cm_tabular_2027.xml"
    old = "<desc>Acute on chronic systolic (congestive) heart failure</desc>"
    assert tabular.read_text().count(old) == 1
    tabular.write_text(tabular.read_text().replace(
        old, "<desc>Acute on chronic systolic (congestive) heart failure, corrected</desc>"))
    install([str(corrected)])
    want = [("I5023", "Acute on chronic systolic (congestive) heart failure, corrected")]
    assert load_release("2027.0").cm("I50.23").title == want[0][1]
    assert suggested() == want  # this process: the index of the first import is not reused
    SearchIndex._cache.clear()  # the next process: the first import's index file is not read back
    assert suggested() == want


def _hpi_stay(*docs: tuple[str, str]) -> Any:
    import datetime as dt

    from workbench.model.encounter import Diagnosis, Document, Encounter

    return Encounter(account="HPI", age=68, sex="M", admit_date=dt.date(2026, 12, 1),
                     discharge_date=dt.date(2026, 12, 5), diagnoses=[Diagnosis("K4090", "Y")], procedures=[],
                     documents=[Document(kind, text, "Dr. A", "2026-12-05") for kind, text in docs])


_HPI_NOTE = ("DISCHARGE SUMMARY\nDiagnosis: Right inguinal hernia, reducible\n"
             "HPI: 68 yo M with permanent atrial fibrillation on warfarin, held 5 days preop.\n")


def test_the_hpis_treated_condition_read_again_is_what_a_first_reading_gives(index):
    """The HPI's diagnoses are kept per document (Scanner.section_diagnoses): a rescan, and the same note as
    another chart's second document, give the HPI's I48.21 with its own sentence, as a cold read does."""
    from workbench.record.scanner import Scanner
    from workbench.record.suggest import suggest

    scanner = Scanner.for_index(index)
    one = _hpi_stay(("Discharge Summary", _HPI_NOTE))
    two = _hpi_stay(("Progress Note", "ASSESSMENT:\nHypertension.\n"), ("Discharge Summary", _HPI_NOTE))
    scanner.clear_cache()
    first = suggest(one, index=index)
    assert suggest(one, index=index) == first  # a rescan
    moved = suggest(two, index=index)  # the note now the second document
    scanner.clear_cache()
    assert suggest(two, index=index) == moved
    af = [s for s in moved if s.code == "I4821"]
    assert len(af) == 1 and af[0].evidence.document == 1
    assert "permanent atrial fibrillation" in af[0].evidence.text
    assert [s.code for s in first if s.code == "I4821"] == ["I4821"]


def test_a_first_look_answers_each_text_as_its_pattern_does_within_its_bound(monkeypatch):
    """FirstLook keeps its answer per text (a rescan asks none again), up to KEPT_CHARS of texts, and
    forgets them with the sentences (clear_sentence_cache: a cold scan starts cold)."""
    import re

    from workbench.record.text import FirstLook, clear_sentence_cache

    look = FirstLook(re.compile(r"\bon (?:warfarin|apixaban)\b", re.IGNORECASE))
    monkeypatch.setattr(FirstLook, "KEPT_CHARS", 40)
    said, unsaid = "Permanent AF on Warfarin.", "Hernia repair, no anticoagulant."
    assert look.search(said) and not look.search(unsaid)
    assert look.search(said) and not look.search(unsaid)  # answered again from what it kept
    assert len(look._seen) == 1  # both texts exceed 40 characters together: the first was forgotten
    clear_sentence_cache()
    assert look._seen == {} and look.search(said)


def test_a_keys_look_and_a_matches_look_answer_as_their_tests_do_and_forget_with_the_sentences(monkeypatch):
    """KeysLook (phrasings.py's substring keys) and MatchesLook (stated.py's rules) keep their answers per
    text within FirstLook's bound, give what the plain tests give, and forget them with the sentences."""
    import re

    from workbench.record.text import FirstLook, KeysLook, MatchesLook, clear_sentence_cache

    keys = KeysLook(("hypona", "chf", "septic"))
    text = "Hyponatremia in CHF; no sepsis."
    assert keys.found(text) == ("hypona", "chf")
    assert keys.found(text.replace("CHF", "COPD")) == ("hypona",)
    rules = MatchesLook([re.compile(r"\bseptic shock\b", re.IGNORECASE),
                         re.compile(r"\bCHF\b", re.IGNORECASE)])
    assert rules.match(text, 0) is None
    m = rules.match(text, 1)
    assert m is not None and text[m.start():m.end()] == "CHF"
    assert rules.match(text, 1) is m  # kept: a rescan searches it no more
    monkeypatch.setattr(FirstLook, "KEPT_CHARS", 40)
    monkeypatch.setattr(MatchesLook, "KEPT_CHARS", 40)
    rules.match("Septic shock on pressors.", 0)
    assert list(rules._seen) == ["Septic shock on pressors."]  # past 40 characters the first was forgotten
    clear_sentence_cache()
    assert keys._seen == {} and rules._seen == {}


def test_the_stopped_drug_look_leaves_a_non_ascii_document_to_the_case_insensitive_pattern():
    """re's IGNORECASE matches the long s (U+017F) as "s": a document that is not ASCII is never skipped
    by the lower-case substring test, so a stopped drug is found there as before."""
    from workbench.record.stated import _may_name

    assert _may_name("Aspirin 81 mg STOPPED.", ["aspirin", "asa", "ecotrin"])
    assert not _may_name("Metoprolol 25 mg daily.", ["aspirin", "asa", "ecotrin"])
    assert _may_name("A\u017fpirin \u017ftopped.", ["aspirin"])  # not ASCII: the pattern decides
