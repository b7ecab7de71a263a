"""A record that repeats itself: each copy of a sentence is a mention at its own place, and the same
words in another kind of section are read for that section."""

from __future__ import annotations

from types import SimpleNamespace

import pytest


@pytest.fixture(scope="module")
def scanner():
    from codesets.release.core import load_release
    from codesets.search.engine import SearchIndex
    from workbench.record.scanner import Scanner

    s = Scanner.for_index(SearchIndex.for_release(load_release("2026.1")))
    s.clear_cache()
    return s


def test_each_copy_of_a_sentence_is_found_where_it_is(scanner):
    note = "ASSESSMENT:\nAcute kidney injury, improving.\n\nPLAN:\nAcute kidney injury, improving.\n"
    docs = [SimpleNamespace(text=note, type="Progress Note"),
            SimpleNamespace(text="Seen again.\n" + note, type="Progress Note")]
    found = [m for m in scanner.scan(docs) if m.code == "N179"]
    assert [(m.document, m.start) for m in found] == [
        (0, note.index("Acute")), (0, note.rindex("Acute")),
        (1, 12 + note.index("Acute")), (1, 12 + note.rindex("Acute"))]
    for m in found:
        assert docs[m.document].text[m.start : m.end].lower() == "acute kidney injury"
        assert m.sentence.document == m.document and m.context.asserted


def test_same_words_in_a_history_section_read_as_history(scanner):
    text = "ASSESSMENT:\nAcute kidney injury.\n\nPAST MEDICAL HISTORY:\nAcute kidney injury.\n"
    found = [m for m in scanner.scan([SimpleNamespace(text=text, type="H&P")]) if m.code == "N179"]
    assert [m.context.history for m in found] == [False, True]
