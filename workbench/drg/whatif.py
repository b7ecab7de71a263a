"""What-if analyses of the DRG panel: each secondary removed, each possible principal, the DRG family
ladder, and the same coding under another release.

Every figure is the real grouper's answer for a varied claim; nothing is estimated. Re-sequencing is
shown as information for a coder who must follow the Official Guidelines for Coding and Reporting
(Section II, selection of principal diagnosis), never as advice to pick the higher-paying order.
"""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson

from codesets.codes import with_dot
from codesets.release.calendar import PERIODS, Period
from workbench.drg import table5 as drg_table5
from workbench.drg.base import DrgInputError, Grouping

if TYPE_CHECKING:
    from workbench.drg.service import DrgService
    from workbench.model.encounter import Encounter

SEQUENCING_NOTE = (
    "For sequencing review only: the principal diagnosis is the condition established after study to be "
    "chiefly responsible for the admission (Official Guidelines, Section II). Choose it from the record and "
    "the guidelines, never by the payment these rows show."
)
# MCE edits that make a code unacceptable as principal diagnosis whatever the patient.
_NOT_PRINCIPAL = {
    "E_CODE_AS_PDX": "external cause, not a principal diagnosis",
    "MANIFESTATION_AS_PDX": "manifestation code: its underlying condition comes first",
    "UNACCEPTABLE_PDX": "not acceptable as principal diagnosis",
    "INVALID_CODE": "not a valid code for this date",
}
_SUFFIX = re.compile(r"\s+(with|without|w/o|w)\s+(.*)$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class WhatIf:
    """One varied claim: the code it is about, and the DRG it groups to."""

    code: str
    drg: str | None
    title: str
    weight: float | None
    current: bool = False
    note: str = ""

    @property
    def code_display(self) -> str:
        return with_dot(self.code)


@dataclass(frozen=True, slots=True)
class Rung:
    """One DRG of the family ladder and what puts a case there."""

    drg: str
    title: str
    weight: float | None
    current: bool
    requires: str  # "an MCC that counts", "a CC (no MCC)", "no CC or MCC", or the title's condition
    how: str  # what would move this case onto the rung, in terms of its own codes


@dataclass(frozen=True, slots=True)
class ReleaseResult:
    release: str
    version: str
    drg: str | None
    title: str
    weight: float | None
    weight_note: str
    current: bool


@dataclass(slots=True)
class Preview:
    grouping: Grouping
    without: list[WhatIf] = field(default_factory=list)
    principal_options: list[WhatIf] = field(default_factory=list)
    sequencing_note: str = SEQUENCING_NOTE
    ladder: list[Rung] = field(default_factory=list)
    releases: list[ReleaseResult] = field(default_factory=list)


def quick_drg(raw_json: bytes) -> tuple[str | None, str]:
    """DRG and title from the grouper's JSON without decoding the per-code detail."""
    i = raw_json.find(b'"final_drg":')
    if i < 0:
        return None, ""
    j = raw_json.find(b",", i)
    num = raw_json[i + 12:j]
    drg = None if num == b"null" else f"{int(num):03d}"
    k = raw_json.find(b'"final_drg_description":', j)
    title = ""
    if k >= 0 and raw_json[k + 24:k + 25] == b'"':
        end = raw_json.find(b'"', k + 25)
        title = raw_json[k + 25:end].decode()
    return drg, title


def _weight(release: str, drg: str | None) -> float | None:
    row = drg_table5.row(release, drg) if drg else None
    return row.weight if row else None


class _Runner:
    """Groups many claim variants; the native grouper releases the GIL, so two threads share the work."""

    def __init__(self, service: DrgService) -> None:
        import ctypes

        self.fn = service._gfn
        self.free = service._free
        self.ctx = service.grouper.ctx
        self.string_at = ctypes.string_at

    def one(self, claim_json: bytes) -> tuple[str | None, str]:
        ptr = self.fn(self.ctx, claim_json)
        if not ptr:
            return None, ""
        try:
            return quick_drg(self.string_at(ptr))
        finally:
            self.free(ptr)

    def many(self, claims: list[bytes]) -> list[tuple[str | None, str]]:
        uniq = list(dict.fromkeys(claims))
        if len(uniq) >= 16 and _POOL is not None:
            half = len(uniq) // 2
            fut = _POOL.submit(lambda: [self.one(c) for c in uniq[half:]])
            first = [self.one(c) for c in uniq[:half]]
            res = dict(zip(uniq, first + fut.result(), strict=True))
        else:
            res = {c: self.one(c) for c in uniq}
        return [res[c] for c in claims]


_POOL: ThreadPoolExecutor | None = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drg-whatif")


def can_be_principal(service: DrgService, claim: dict[str, Any], code: str) -> str:
    """"" when `code` is acceptable as principal diagnosis, else the reason (from the MCE)."""
    key = (claim.get("discharge_date"), code)
    cache = service.pdx_memo
    hit = cache.get(key)
    if hit is not None:
        return hit
    sub = {"discharge_date": claim.get("discharge_date", 20260401), "age": 65, "sex": 2,
           "discharge_status": 1, "pdx": {"code": code}, "sdx": [], "procedures": []}
    names = [e["name"] for e in service.run_mce(orjson.dumps(sub)).get("edits") or ()]
    reason = next((_NOT_PRINCIPAL[n] for n in names if n in _NOT_PRINCIPAL), "")
    cache[key] = reason
    return reason


def build_preview(service: DrgService, enc: Encounter) -> Preview:
    g = service.group(enc)
    prev = Preview(g)
    if g.drg is None and g.return_code == "":
        return prev
    p = next(x for x in PERIODS if x.release == g.release)
    base = service.claim(enc, p.grouper_version)
    base.pop("discharge_date", None)
    pdx, sdx = base["pdx"], base["sdx"]
    dxs = [pdx, *sdx]

    variants: list[bytes] = []
    inert = [d.inert for d in g.diagnoses[1:]]
    for i in range(len(sdx)):
        if not inert[i]:  # an inert secondary leaves the DRG as it is: no need to regroup without it
            variants.append(orjson.dumps({**base, "sdx": sdx[:i] + sdx[i + 1:]}))
    mce_claim = service.claim(enc, p.grouper_version)
    options: list[tuple[int, str]] = []
    for i, d in enumerate(sdx, 1):
        if d["code"] == pdx["code"]:
            continue
        reason = can_be_principal(service, mce_claim, d["code"]) if "discharge_date" in mce_claim else ""
        options.append((i, reason))
        if not reason:
            variants.append(orjson.dumps({**base, "pdx": d, "sdx": [pdx, *dxs[1:i], *dxs[i + 1:]]}))
    variants.append(orjson.dumps({**base, "sdx": []}))  # the family's floor, for the ladder
    others = release_claims(service, enc, p)  # grouped with the rest, so both threads share them
    results = _Runner(service).many(variants + [c for _, c in others])
    rel_results = results[len(variants):]
    del results[len(variants):]
    bare_drg, bare_title = results.pop()

    regrouped = iter(results)
    for d, same in zip(sdx, inert, strict=True):
        drg, title = (g.drg, g.title) if same else next(regrouped)
        prev.without.append(WhatIf(d["code"], drg, title, _weight(g.release, drg),
                                   note="no change" if drg == g.drg else ""))
    prev.principal_options.append(WhatIf(pdx["code"], g.drg, g.title, g.weight, current=True))
    rest = regrouped
    for i, reason in options:
        code = dxs[i]["code"]
        if reason:
            prev.principal_options.append(WhatIf(code, None, "", None, note=reason))
        else:
            drg, title = next(rest)
            prev.principal_options.append(WhatIf(code, drg, title, _weight(g.release, drg)))
    prev.ladder = ladder(g, prev.without, {bare_drg: bare_title} if bare_drg else None)
    prev.releases = other_releases(g, [(q, r) for (q, _), r in zip(others, rel_results, strict=True)])
    return prev


def _stem(title: str) -> tuple[str, str]:
    m = _SUFFIX.search(title)
    if not m:
        return title, ""
    return title[:m.start()], f"{m.group(1).lower()} {m.group(2)}"


def _requires(suffix: str) -> str:
    s = suffix.upper()
    table = {
        "WITH MCC": "an MCC that counts",
        "WITH CC": "a CC that counts (and no MCC)",
        "WITH CC/MCC": "a CC or MCC that counts",
        "WITHOUT MCC": "no MCC",
        "WITHOUT CC/MCC": "no CC or MCC",
    }
    return table.get(s, suffix or "the family's base criteria")


def _family(g: Grouping, seen: dict[str, str]) -> list[tuple[str, str, float | None]]:
    """DRGs sharing the base DRG: consecutive numbers from the base with the same title stem, titled by
    Table 5 (any installed release) or by the grouper's own answers in the what-if (`seen`)."""
    assert g.drg is not None
    stem = _stem(g.title)[0]
    start = int(g.base_drg or g.drg)
    fam: list[tuple[str, str, float | None]] = []
    for n in range(start, start + 6):
        code = f"{n:03d}"
        if code == g.drg:
            fam.append((code, g.title, g.weight))
            continue
        row = drg_table5.row(g.release, code)
        title = seen.get(code) or (row.title if row else "")
        if not title:
            for rid in drg_table5.installed_release_ids():
                r2 = drg_table5.row(rid, code)
                if r2:
                    title = r2.title
                    break
        if not title or _stem(title)[0].upper() != stem.upper():
            if n > int(g.drg):
                break
            continue
        fam.append((code, title, row.weight if row else None))
    return fam


def ladder(g: Grouping, without: list[WhatIf], seen: dict[str, str] | None = None) -> list[Rung]:
    if g.drg is None or g.return_code != "OK":
        return []
    seen = dict(seen or {})
    seen.update({w.drg: w.title for w in without if w.drg})
    counted = {d.code: d for d in g.diagnoses[1:] if d.status == "counted"}
    aside = [d for d in g.diagnoses[1:] if d.level != "NONE" and d.status in ("excluded", "hac")]
    mccs = [c for c, d in counted.items() if d.level == "MCC"]
    ccs = [c for c, d in counted.items() if d.level == "CC"]
    drops = {w.code: w.drg for w in without if w.drg != g.drg}
    rungs = []
    for drg, title, weight in _family(g, seen):
        _, suffix = _stem(title)
        req = _requires(suffix)
        if drg == g.drg:
            src = g.severity_source
            how = "current DRG" + (f": {g.severity} from {with_dot(src)}" if src else "")
        else:
            moving = [with_dot(c) for c, target in drops.items() if target == drg]
            if moving:
                how = "without " + " or ".join(moving)
            elif "MCC" in suffix.upper() and suffix.lower().startswith("with") and not mccs:
                how = "only with a documented MCC that the principal diagnosis does not exclude; "
                how += "none is coded"
            elif suffix.upper() == "WITH CC" and not ccs and not mccs:
                how = "only with a documented CC that the principal diagnosis does not exclude; none is coded"
            elif suffix.lower().startswith("without"):
                have = mccs + ccs if "CC" in suffix.upper() else mccs
                listed = ", ".join(with_dot(c) for c in have)
                how = f"without {listed}" if have else "no code change reaches it"
            else:
                how = "the documentation and codes would have to support: " + req
            if aside and "with" in suffix.lower() and not suffix.lower().startswith("without"):
                how += "; set aside now: " + ", ".join(f"{with_dot(d.code)} ({d.status_text})" for d in aside)
        rungs.append(Rung(drg, title, weight, drg == g.drg, req, how))
    return rungs


def _adjacent(p: Period) -> list[Period]:
    """The next period (or, for the last, the previous one): the release a coder compares against."""
    i = PERIODS.index(p)
    return [PERIODS[i + 1]] if i + 1 < len(PERIODS) else [PERIODS[i - 1]] if i else []


def release_claims(service: DrgService, enc: Encounter, p: Period) -> list[tuple[Period, bytes]]:
    """The claims of the comparison releases: the adjacent one, then other installed ones (two at most)."""
    wanted = [x for x in _adjacent(p)]
    for rid in drg_table5.installed_release_ids():
        q = next((x for x in PERIODS if x.release == rid), None)
        if q is not None and q is not p and q not in wanted:
            wanted.append(q)
    out = []
    for q in wanted[:2]:
        try:
            claim = service.claim(enc, q.grouper_version)
        except DrgInputError:
            continue
        claim.pop("discharge_date", None)
        out.append((q, orjson.dumps(claim)))
    return out


def other_releases(g: Grouping, grouped: list[tuple[Period, tuple[str | None, str]]]) -> list[ReleaseResult]:
    """The current release's row, then the comparison releases' (`grouped`: each period with the DRG and
    title its claim from `release_claims` was grouped to)."""
    out = [ReleaseResult(g.release, g.version, g.drg, g.title, g.weight, g.weight_note, True)]
    for q, (drg, title) in grouped:
        row = drg_table5.row(q.release, drg) if drg else None
        fy = f"FY{q.fiscal_year}"
        note = "" if row else (f"no weights installed for {fy}" if not drg_table5.has_weights(q.release)
                               else f"DRG {drg} is not in the {fy} Table 5")
        weight = row.weight if row else None
        out.append(ReleaseResult(q.release, q.drg_version, drg, title, weight, note, False))
    return out
