"""Expected payment as a coder sees it: relative weight x base rate, with the transfer rules.

42 CFR 412.4 and the Medicare Claims Processing Manual, chapter 3 (see ../shared/DOMAIN.md,
"Table 5 and payment"). Wage index, capital, DSH, IME and outliers are out of scope.
"""

from __future__ import annotations

from dataclasses import dataclass

# 42 CFR 412.4(b): discharge to another acute hospital paid under IPPS or to a critical access hospital
# counts as a transfer for every DRG. 02 short-term hospital, 66 CAH; 82/94 the planned-readmission variants.
ACUTE_TRANSFER = frozenset({"02", "66", "82", "94"})
# 42 CFR 412.4(c): post-acute care transfers, for the DRGs Table 5 flags: 03 SNF, 05 cancer/children's
# hospital, 06 home health, 62 IRF, 63 LTCH, 65 psychiatric, hospice 50/51 (since FY2019), and the
# planned-readmission variants 83, 85, 86, 90, 91, 93.
POST_ACUTE_TRANSFER = frozenset({"03", "05", "06", "50", "51", "62", "63", "65",
                                 "83", "85", "86", "90", "91", "93"})


@dataclass(frozen=True, slots=True)
class Payment:
    """The expected payment and the rule that produced it."""

    amount: float
    full_amount: float
    rule: str  # "full", "transfer" (per diem, 412.4(f)(1)) or "special_pay" (412.4(f)(6))
    note: str
    per_diem: float | None = None

    @property
    def reduced(self) -> bool:
        return self.amount < self.full_amount


def transfer_kind(disposition: str, *, post_acute_drg: bool) -> str | None:
    """"acute" or "post_acute" when the discharge status makes the stay a transfer for this DRG."""
    d = disposition.strip().zfill(2)
    if d in ACUTE_TRANSFER:
        return "acute"
    if post_acute_drg and d in POST_ACUTE_TRANSFER:
        return "post_acute"
    return None


def _money(x: float) -> str:
    return f"${x:,.2f}"


def expected_payment(
    weight: float,
    base_rate: float,
    *,
    gmlos: float | None,
    los: int | None,
    disposition: str,
    post_acute_drg: bool = False,
    special_pay_drg: bool = False,
) -> Payment:
    """Weight x base rate, reduced by the transfer per diem when disposition and LOS trigger it."""
    full = round(weight * base_rate, 2)
    kind = transfer_kind(disposition, post_acute_drg=post_acute_drg)
    if kind is None:
        return Payment(full, full, "full", "full DRG payment: weight x base rate")
    if los is None or not gmlos or gmlos <= 0:
        return Payment(full, full, "full", "transfer status, but no length of stay: shown unreduced")
    # 42 CFR 412.4(f)(1): per diem = full payment / GMLOS; twice the per diem for the first day and one
    # per diem for each later day, never above the full payment.
    per_diem = full / gmlos
    days = max(los, 1)
    where = "another acute hospital" if kind == "acute" else "post-acute care"
    if kind == "post_acute" and special_pay_drg:
        # 42 CFR 412.4(f)(6): special-pay DRGs get 50% of the full payment plus the per diem for the
        # first day and 50% of the per diem for each later day, never above the full payment.
        amount = min(full, 0.5 * full + per_diem + 0.5 * per_diem * (days - 1))
        rule = "special_pay"
        how = ("special-pay transfer rule (42 CFR 412.4(f)(6)): 50% of full + per diem day 1 "
               "+ 50% per diem after")
    else:
        amount = min(full, per_diem * (days + 1))
        rule = "transfer"
        how = "transfer per diem (42 CFR 412.4(f)(1)): 2 x per diem day 1 + 1 per diem each later day"
    amount = round(amount, 2)
    if amount < full:
        note = (
            f"transfer to {where} (status {disposition}) after {days} day(s), under GMLOS {gmlos:g}: "
            f"{how}; {_money(amount)} instead of {_money(full)}"
        )
    else:
        note = (
            f"transfer to {where} (status {disposition}); stay of {days} day(s) long enough "
            f"against GMLOS {gmlos:g} for the full payment"
        )
    return Payment(amount, full, rule, note, round(per_diem, 2))
