"""The PCS table builder core (codesets.pcs.builder) and the PCS Index as search source, on the real
built-in release."""

from __future__ import annotations

import random

import pytest

from codesets.pcs.builder import PrefixError, build_view
from codesets.pcs.keys import PcsKeys
from codesets.release.core import load_release
from codesets.search.engine import SearchIndex


@pytest.fixture(scope="module")
def rel():
    return load_release("2026.1")


def test_values_narrow_with_each_choice(rel) -> None:
    table = build_view(rel, "0SG")
    assert (table.operation, table.body_system) == ("Fusion", "Lower Joints")
    assert "Joining together" in table.definition
    assert len(table.axes[0].values) > 10 and table.next_position == 4
    fused = build_view(rel, "0SG00A")
    # only rows holding body part 0, approach 0 and device A: qualifiers 0 and J, not 1 or Z
    assert [v.value for v in fused.axes[3].values] == ["0", "J"]
    done = build_view(rel, "0sg00aj")
    assert done.code == "0SG00AJ" and done.next_position is None
    assert done.title is not None and "Interbody Fusion Device" in done.title


def test_body_part_key_beside_values(rel) -> None:
    view = build_view(rel, "0DB", PcsKeys.for_release(rel))
    sigmoid = view.axes[0].value("N")
    assert sigmoid is not None and sigmoid.meaning == "Sigmoid Colon"
    assert "Sigmoid flexure" in sigmoid.key_terms


@pytest.mark.parametrize(("raw", "says"), [
    ("0SZ", "nearest tables: 0SQ Repair, Lower Joints"),
    ("0SGZ", "body part 'Z' is not valid in table 0SG"),
    ("0SG0X", "approach 'X' is not valid in table 0SG after 0; valid: 0 Open"),
    ("0S", "3 to 7 characters"),
    ("0SGI", "except I and O"),
])
def test_bad_prefix_says_what_is_valid(rel, raw: str, says: str) -> None:
    with pytest.raises(PrefixError, match=None) as e:
        build_view(rel, raw)
    assert says in str(e.value)


def test_pcs_index_entry_leads_to_codes_and_is_shown(rel) -> None:
    top = SearchIndex.for_release(rel).search("exploratory laparotomy", limit=3)[0]
    assert top.code == "0WJG0ZZ"
    assert "Laparotomy > Exploratory" in top.matched


def test_no_crash_and_no_empty_answer_on_arbitrary_strings(rel) -> None:
    """A cheap fuzz: random printable, unicode and control strings never raise; plausible words
    (a known term with noise around it) always get an answer."""
    index = SearchIndex.for_release(rel)
    rnd = random.Random(14)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789 .-&/()[]*?\\'\"\t\x00é✓𝔸"
    for _ in range(300):
        q = "".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, 40)))
        index.search(q, limit=5)
    for q in ("colonoscopy zzqx", "qqqq hemiarthroplasty", "ERCP", "pericardiocentesis", "SIADH", "ATN"):
        assert index.search(q, limit=5), q
