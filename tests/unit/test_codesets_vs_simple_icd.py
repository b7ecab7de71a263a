"""The built-in release against simple_icd_10_cm's own API: titles, parents, notes, 7th characters.

simple_icd_10_cm is imported only here (it loads the whole tree: about 218 MB); the workbench never
imports it at run time.
"""

from __future__ import annotations

import random

import pytest

from codesets.release.core import load_release

sicd = pytest.importorskip("simple_icd_10_cm")

KINDS = {"includes": sicd.get_includes, "inclusion_term": sicd.get_inclusion_term,
         "excludes1": sicd.get_excludes1, "excludes2": sicd.get_excludes2}
JOINED = {"code_first": sicd.get_code_first, "use_additional_code": sicd.get_use_additional_code,
          "code_also": sicd.get_code_also, "note": sicd.get_notes}


def _squash(text: str) -> str:
    """Compare text without whitespace: the package keeps stray tabs from the XML; we collapse them."""
    return "".join(text.split())


@pytest.fixture(scope="module")
def rel():
    return load_release("2026.1")


def test_every_code_and_title_matches(rel):
    ours = {it.code: it for it in rel.iter_cm() if it.kind not in ("chapter", "block")}
    # Chapters and ranged blocks aside; "B10" (block and category at once) counts as the category.
    theirs = [c for c in sicd.get_all_codes(with_dots=False) if not sicd.is_chapter(c) and "-" not in c]
    missing = [c for c in theirs if c not in ours]
    assert not missing
    for code in theirs:
        assert _squash(ours[code].title) == _squash(sicd.get_description(code)), code
        assert ours[code].billable == sicd.is_leaf(code), code
    assert len(ours) == len(set(theirs))  # the package lists "B10" twice (block and category)


def test_sample_parents_notes_and_seventh_characters(rel):
    codes = [c for c in sicd.get_all_codes(with_dots=False) if not sicd.is_chapter(c) and "-" not in c]
    sample = random.Random(2026).sample(codes, 400) + ["E1122", "I5023", "S72001A", "T8141XA", "O10011"]
    for code in sample:
        parent = sicd.remove_dot(sicd.get_parent(code))
        if sicd.is_block(parent) and "-" not in parent and sicd.is_category(code):
            parent = f"{parent}-{parent}"
        assert rel.cm(code).parent == parent, code
        own = rel.notes(code)
        own = [n for n in own if n.inherited_from is None]
        for kind, getter in KINDS.items():
            expected = [_squash(t) for t in getter(code)]
            assert [_squash(n.text) for n in own if n.kind == kind] == expected, (code, kind)
        for kind, getter in JOINED.items():
            expected = [_squash(t) for t in getter(code).split("\n") if t]
            assert [_squash(n.text) for n in own if n.kind == kind] == expected, (code, kind)
        theirs = sicd.get_seven_chr_def(code, search_in_ancestors=True)
        assert {k: _squash(v) for k, v in rel.seven_chr(code).items()} == \
            {k: _squash(v) for k, v in theirs.items()} or not theirs, code
