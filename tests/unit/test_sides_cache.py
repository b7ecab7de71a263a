"""The scanner's one-off word list kept on disk beside the release's search index (sides_cache.py)."""

from __future__ import annotations

import json
import stat

import pytest


@pytest.fixture
def folder(tmp_path, monkeypatch):
    from workbench.record import sides_cache

    monkeypatch.setattr(sides_cache, "_folder", lambda data: tmp_path)
    return tmp_path


def test_first_build_is_written_private_and_read_back(index, folder):
    from workbench.record import lexicon, sides_cache

    built = sides_cache.second_sides(index.data)
    assert built == lexicon.second_sides(index.data)
    path = folder / sides_cache.FILE_NAME
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    # The next scanner reads the file, not the titles: an entry only the file holds comes back.
    stored = json.loads(path.read_text())
    stored["sides"]["zzmarker"] = 9
    path.write_text(json.dumps(stored))
    again = sides_cache.second_sides(index.data)
    assert again["zzmarker"] == 9
    assert again["hyponatremia"] == len("hyponatremia")  # E87.1 Hypo-osmolality and hyponatremia


@pytest.mark.parametrize("damage", ["other release", "other code", "not json", "no sides"])
def test_a_file_of_another_release_or_rule_or_damaged_is_built_again(index, folder, damage):
    from workbench.record import lexicon, sides_cache

    sides_cache.second_sides(index.data)
    path = folder / sides_cache.FILE_NAME
    stored = json.loads(path.read_text())
    stored["sides"]["zzmarker"] = 9
    if damage == "other release":
        stored["key"]["release"] = "2025.1"
    elif damage == "other code":
        stored["key"]["code"] = "0" * 16
    elif damage == "no sides":
        del stored["sides"]
    path.write_text("{" if damage == "not json" else json.dumps(stored))
    got = sides_cache.second_sides(index.data)
    assert "zzmarker" not in got
    assert got == lexicon.second_sides(index.data)
    assert json.loads(path.read_text())["sides"] == got  # written again, right


def test_a_read_only_folder_builds_in_memory(index, tmp_path, monkeypatch):
    from workbench.record import lexicon, sides_cache

    monkeypatch.setattr(sides_cache, "_folder", lambda data: tmp_path / "missing")
    assert sides_cache.second_sides(index.data) == lexicon.second_sides(index.data)
