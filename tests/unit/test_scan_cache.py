"""The record scanner's caches (workbench/record/search_cache.py, postings.py): bounded, never one
patient's answer for another, never one release's answer for another, and a document read again (a rescan,
a note in the next chart) gives exactly what a first reading gives."""

from __future__ import annotations

import dataclasses
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
    for name in ("PHRASES", "WORDS", "BOUNDS", "DOCUMENTS"):
        monkeypatch.setattr(search_cache, name, 2)
    monkeypatch.setattr(search_cache, "WORD_BYTES", 4096)
    tight = Scanner(index)
    assert tight.scan([_doc(text)]) == want
    assert tight.scan([_doc(text + "Hypertension.\n")])[: len(want)] == want
    assert len(tight._results) <= 2 and len(tight._bounds) <= 2 and len(tight._documents) <= 2
    assert len(tight._postings) <= 2 and tight._postings.nbytes <= 4096
