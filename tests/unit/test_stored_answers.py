"""The scanner's stored answers for the abbreviation table's keys and the release's anchor words
(stored_answers.py): the same as the index's own search, read back from the release's folder, built again
when the code set, the table or the search's code changes."""

from __future__ import annotations

import json
import stat

import pytest

from codesets.search.engine import SearchIndex
from codesets.search.text import load_abbreviations

SCAN = {"billable_only": True, "limit": 4, "min_score": 0.55}  # as Scanner._ask asks
# A few keys the later tests build alone (the whole table takes a second or two).
FEW = ["aki", "chf", "gi bleed", "htn", "lap chole", "zzhf"]


def _no_word(word: str) -> bool:  # no anchor word (the tests that build the abbreviations alone)
    return False


@pytest.fixture
def folder(tmp_path, monkeypatch):
    from workbench.record import stored_answers

    monkeypatch.setattr(stored_answers, "_folder", lambda data: tmp_path)
    return tmp_path


def _ask(index):
    return lambda phrase, system: index.search(phrase, system=system, **SCAN)


def _few(monkeypatch, keys):
    """Only these abbreviations and no word stored: the later tests build in a moment."""
    from workbench.record import stored_answers

    monkeypatch.setattr(stored_answers, "keys", keys)
    monkeypatch.setattr(stored_answers, "words", lambda data, anchor: [])


def test_stored_answers_are_the_full_searchs_and_are_read_back(index, folder):
    from workbench.record import stored_answers
    from workbench.record.scanner import Scanner

    scanner = Scanner(index)
    built = stored_answers.answers(index, _ask(index), "scan", scanner._stored_anchor)
    keys = stored_answers.keys(index.abbreviations)
    words = stored_answers.words(index.data, scanner._stored_anchor)
    assert {"aki", "htn", "gi bleed", "copd"} <= set(keys)
    assert {"pneumonia", "hyponatremia", "cellulitis"} <= set(words)
    # qualifiers, joiners and words in too many texts are never an anchor alone
    assert not {"acute", "left", "with", "of", "disease"} & set(words)
    assert len(built) == len(set(words) | set(keys)) + len(keys)
    path = folder / stored_answers.FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    again = stored_answers.answers(index, lambda p, s: pytest.fail("searched again"), "scan",
                                   scanner._stored_anchor)
    # every 17th key and 97th word and the named ones: what the index answers now, field for field
    for phrase in [*keys[::17], "aki", "htn", "chf", "gi bleed"]:
        for system in ("CM", "PCS"):
            assert again.get(phrase, system) == index.search(phrase, system=system, **SCAN), (phrase, system)
    for phrase in [*words[::97], "pneumonia", "hyponatremia"]:
        assert again.get(phrase, "CM") == index.search(phrase, system="CM", **SCAN), phrase
    assert again.get("aki", "CM")[0].code == "N179"
    assert again.get("htn", "CM")[0].code == "I10"
    assert again.get("hyponatremia", "CM")[0].code == "E871"


@pytest.mark.parametrize("change", ["other code set", "other search code", "asked otherwise", "not json"])
def test_a_file_of_another_code_set_search_or_way_of_asking_is_built_again(index, folder, monkeypatch,
                                                                           change):
    from workbench.record import stored_answers

    _few(monkeypatch, lambda table: FEW[:-1])
    stored_answers.answers(index, _ask(index), "scan", _no_word)
    path = folder / stored_answers.FILE_NAME
    stored = json.loads(path.read_text())
    stored["answers"]["CM\taki"] = stored["answers"]["CM\taki"].replace('"N179"', '"ZZZ"')  # only the file's
    if change == "other code set":
        stored["key"]["fingerprint"] = "another import of the release"
    elif change == "other search code":
        stored["key"]["code"] = "0" * 16
    path.write_text("{" if change == "not json" else json.dumps(stored))
    got = stored_answers.answers(index, _ask(index), "other" if change == "asked otherwise" else "scan",
                                 _no_word)
    assert got.get("aki", "CM") == index.search("aki", system="CM", **SCAN)
    assert got.get("aki", "CM")[0].code == "N179"
    # written again, right
    assert '"N179"' in json.loads(path.read_text())["answers"]["CM\taki"]
    assert len(got) == 2 * len(FEW[:-1])


def test_an_unchanged_file_is_used_as_stored(index, folder, monkeypatch):
    from workbench.record import stored_answers

    _few(monkeypatch, lambda table: FEW[:-1])
    stored_answers.answers(index, _ask(index), "scan", _no_word)
    path = folder / stored_answers.FILE_NAME
    stored = json.loads(path.read_text())
    stored["answers"]["CM\thtn"] = "[]"
    path.write_text(json.dumps(stored))
    # read, not asked
    assert stored_answers.answers(index, _ask(index), "scan", _no_word).get("htn", "CM") == []


def test_another_abbreviation_table_gets_its_own_answers(index, folder, monkeypatch, tmp_path):
    from workbench.record import stored_answers

    _few(monkeypatch, lambda table: [k for k in FEW if tuple(k.split()) in table])
    stored_answers.answers(index, _ask(index), "scan", _no_word)
    user = tmp_path / "abbreviations.tsv"
    user.write_text("zzhf\tacute on chronic systolic heart failure\n")
    ours = SearchIndex(index.data, load_abbreviations(user))
    got = stored_answers.answers(ours, _ask(ours), "scan", _no_word)
    assert got.get("zzhf", "CM")[0].code == "I5023"  # the user's key, answered through its expansion
    assert got.get("zzhf", "CM") == ours.search("zzhf", system="CM", **SCAN)
    assert ("zzhf", "CM") not in stored_answers.answers(index, _ask(index), "scan", _no_word)


def test_a_read_only_folder_answers_in_memory(index, tmp_path, monkeypatch):
    from workbench.record import stored_answers

    monkeypatch.setattr(stored_answers, "_folder", lambda data: tmp_path / "missing")
    _few(monkeypatch, lambda table: ["aki"])
    got = stored_answers.answers(index, _ask(index), "scan", _no_word)
    assert got.get("aki", "CM") == index.search("aki", system="CM", **SCAN)
    assert not (tmp_path / "missing").exists()


def test_the_scanner_answers_a_key_from_the_stored_answers_and_the_rest_by_searching(index):
    from workbench.record.scanner import Scanner

    scanner = Scanner(index)
    asked = []
    scanner._ask = lambda phrase, system: asked.append(phrase) or index.search(phrase, system=system, **SCAN)
    assert scanner._answers("aki", "CM") == index.search("aki", system="CM", **SCAN)
    scanner.clear_cache()  # the stored answers hold no record's words: they outlive a cleared cache
    assert scanner._answers("aki", "CM")[0].code == "N179"
    assert scanner._answers("hyponatremia", "CM")[0].code == "E871"
    assert asked == []
    assert ("acute kidney injury", "CM") not in scanner._stored
    assert scanner._answers("acute kidney injury", "CM") == index.search("acute kidney injury", system="CM",
                                                                         **SCAN)
    assert asked == ["acute kidney injury"]
