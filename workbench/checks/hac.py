"""Hospital-acquired conditions: a secondary on the CMS HAC list reported POA N or U, as the grouper saw it.

CMS HAC payment provision (SSA 1886(d)(4)(D)): such a code does not count as a CC or MCC. POA N is a
fact the record states (info: the coder sees what it costs); POA U means the documentation was
insufficient, which a physician query can settle (warning). The blank-POA case (claim ungroupable) is
claim.py's.
"""

from __future__ import annotations

import orjson

from workbench.checks.base import Context, Finding
from workbench.drg.base import DrgInputError
from workbench.drg.hac import HAC_RULE, hac_effects


def run(ctx: Context) -> list[Finding]:
    enc = ctx.enc
    if ctx.service.hospital_status == "EXEMPT" or not any(d.poa in ("N", "U") for d in enc.diagnoses[1:]):
        return []
    try:
        claim = ctx.service.claim(enc, ctx.period.grouper_version)
    except DrgInputError:
        return []
    raw = ctx.service.run_grouper(orjson.dumps(claim))
    out = []
    for h in hac_effects(raw, {d.code: d.poa for d in enc.diagnoses}, True):
        msg = h.text()
        if h.poa == "U":
            msg += ("; POA U means the documentation was insufficient: query the provider whether it was "
                    "present on admission")
        out.append(Finding("warning" if h.poa == "U" else "info", (h.code,), msg, HAC_RULE))
    return out
