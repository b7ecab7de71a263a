"""The release's memoised lookups (items, ancestor chains, notes with inheritance) give what the release
file says, read directly with SQL, on real codes: first asked (memo empty) and asked again (memo filled)."""

from __future__ import annotations

import sqlite3

import pytest

from codesets.release.core import Release, load_release


@pytest.fixture(scope="module")
def rel():
    return load_release("2026.1")


def _fresh(rel: Release) -> Release:
    """A second Release on the same file: its memos start empty."""
    con = sqlite3.connect(f"file:{rel.path}?mode=ro", uri=True)
    meta = dict(con.execute("SELECT key, value FROM meta").fetchall())
    con.close()
    return Release(rel.path, meta)


def _direct(con: sqlite3.Connection, code: str) -> tuple[tuple | None, list[str], list[tuple]]:
    """(item row, ancestor codes parent first, notes as (kind, text, source, inherited_from)) by SQL."""
    row = con.execute("SELECT code, title, kind, billable, parent FROM cm WHERE code = ?", (code,)).fetchone()
    chain: list[str] = []
    parent = row[4] if row else None
    while parent:
        prow = con.execute("SELECT code, parent FROM cm WHERE code = ?", (parent,)).fetchone()
        if prow is None:
            break
        chain.append(prow[0])
        parent = prow[1]
    notes = [(k, t, code, None) for k, t in
             con.execute("SELECT kind, text FROM cm_note WHERE code = ? ORDER BY seq", (code,))]
    for a in chain:
        notes += [(k, t, a, a) for k, t in
                  con.execute("SELECT kind, text FROM cm_note WHERE code = ? ORDER BY seq", (a,))]
    return row, chain, notes


def test_memoised_lookups_match_the_release_file(rel):
    con = sqlite3.connect(f"file:{rel.path}?mode=ro", uri=True)
    sample = [r[0] for r in con.execute("SELECT code FROM cm ORDER BY ord")][::97]
    # codes the checks read notes of (Excludes1 at E11 and N18, code first at F02, use additional at A41)
    sample += ["E1122", "I5023", "N184", "F0280", "A4151", "R6520", "I110", "NOT-A-CODE"]
    memo = _fresh(rel)
    for _ in range(2):  # first: every answer computed; second: every answer from the memo
        for code in sample:
            row, chain, notes = _direct(con, code)
            item = memo.cm(code)
            got = None if item is None else (item.code, item.title, item.kind, item.billable, item.parent)
            assert got == (None if row is None else (row[0], row[1], row[2], bool(row[3]), row[4]))
            assert [a.code for a in memo.ancestors(code)] == chain
            got = [(n.kind, n.text, n.source, n.inherited_from) for n in memo.notes(code)]
            assert got == (notes if row is not None else [(k, t, s, i) for k, t, s, i in notes if s == code])
            kids = [r[0] for r in con.execute("SELECT code FROM cm WHERE parent = ? ORDER BY ord", (code,))]
            assert [k.code for k in memo.children(code)] == kids
            own_terms = [t for k, t, s, _ in notes if s == code and k == "inclusion_term"]
            assert memo.inclusion_terms(code) == own_terms
    sizes = memo.memo_sizes()
    assert sizes["cm"] >= len(sample) and sizes["own_notes"] >= len(sample) - 1
    con.close()


def test_callers_cannot_change_the_memo(rel):
    memo = _fresh(rel)
    memo.ancestors("E1122").clear()
    memo.notes("E1122").clear()
    memo.children("E112").clear()
    # E11.22 sits under E11.2 and E11 (whose Use additional code notes it inherits), block E08-E13, chapter 4
    assert [a.code for a in memo.ancestors("E1122")] == ["E112", "E11", "E08-E13", "4"]
    assert any(n.kind == "use_additional_code" and n.source == "E11" for n in memo.notes("E1122"))
    assert [k.code for k in memo.children("E112")] == ["E1121", "E1122", "E1129"]


def test_a_full_memo_starts_again_with_the_same_answers(rel, monkeypatch):
    from codesets.release import core

    monkeypatch.setattr(core, "_MEMO_CAP", 5)
    memo = _fresh(rel)
    codes = ["E1122", "I5023", "N184", "F0280", "A4151", "R6520", "I110", "E1122"]
    got = [[(n.kind, n.text, n.source) for n in memo.notes(c)] for c in codes]
    assert got == [[(n.kind, n.text, n.source) for n in rel.notes(c)] for c in codes]
    assert max(memo.memo_sizes().values()) <= 5
