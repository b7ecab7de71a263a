"""Medicare Code Editor edits in plain language, each attributed to the code that triggered it.

The MCE reports per claim (edit name and count). To name the code, the editor is re-run on
sub-claims. `explain_edits_exact` is the reference: a halving search over the diagnoses, then the
procedures. `explain_edits` gives the same answers with fewer runs and less work: edits about the
principal or the claim need none; per-code edits (invalid code, age, sex, unspecified) need none either
when codes the editor proved to trip them in the same context (version; age or sex) account for their
whole count, else are checked against the codes that tripped them in earlier claims (one run each),
then searched.
An edit that appears only for the whole combination is reported without a single code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from codesets.codes import with_dot

if TYPE_CHECKING:
    from workbench.drg import DrgService

# Plain-language explanations, after the CMS Definitions of Medicare Code Edits.
MESSAGES: dict[str, str] = {
    "INVALID_CODE": "{code} is not a valid code for a discharge on this date: deleted, not yet in effect, "
                    "or a category that needs more characters",
    "INVALID_AGE": "the age ({age}) is outside 0-124 years",
    "INVALID_SEX": "the sex is missing or not M/F",
    "INVALID_DISCHARGE_STATUS": "discharge status {disposition} is not a valid UB-04 patient status",
    "INVALID_POA": "the POA indicator of {code} is not Y, N, U, W or blank",
    "INVALID_ADMIT_DX": "the admitting diagnosis is not valid",
    "AGE_CONFLICT": "{code} does not fit the patient's age ({age}): it is limited to newborn, pediatric, "
                    "maternity or adult ages",
    "SEX_CONFLICT": "{code} does not fit the patient's sex ({sex})",
    "E_CODE_AS_PDX": "{code} is an external-cause code: it says how an injury happened and cannot be "
                     "the principal diagnosis; sequence the injury first",
    "MANIFESTATION_AS_PDX": "{code} is a manifestation code: the underlying condition is coded first, "
                            "so it cannot be the principal diagnosis",
    "UNACCEPTABLE_PDX": "{code} is not acceptable as a principal diagnosis for an inpatient stay "
                        "(a status, history or encounter code that does not explain the admission)",
    "NONSPECIFIC_PDX": "{code} is a nonspecific principal diagnosis",
    "QUESTIONABLE_ADMISSION": "{code} is rarely a sufficient reason for an inpatient admission "
                              "as principal diagnosis",
    "QUESTIONABLE_OBSTETRIC_ADMISSION": "{code}: a delivery is coded but the principal diagnosis is not an "
                                        "obstetric condition that explains the admission",
    "DUPLICATE_OF_PDX": "{code} repeats the principal diagnosis as a secondary diagnosis: "
                        "remove the duplicate",
    "REQUIRES_SDX": "{code} needs a secondary diagnosis to describe the case",
    "UNSPECIFIED": "{code} is unspecified where a more specific code is expected",
    "NON_COVERED": "{code} is a procedure Medicare does not cover (or not for these diagnoses)",
    "LIMITED_COVERAGE": "{code} is covered by Medicare only under limited circumstances",
    "OPEN_BIOPSY": "{code} is an open biopsy: check that an open (not closed) biopsy was performed",
    "BILATERAL": "{code} with the other procedures describes a bilateral procedure of multiple joints",
    "MEDICARE_IS_SECONDARY_PAYER": "{code} suggests another payer (e.g. liability insurance) may be primary",
    "WRONG_PROCEDURE_PERFORMED": "{code} reports a wrong procedure, wrong site or wrong patient: not covered",
    "INCONSISTENT_WITH_LENGTH_OF_STAY": "{code} is inconsistent with the length of stay",
    "NONSPECIFIC_OR": "{code} is a nonspecific O.R. procedure",
}

# Edits about the whole claim rather than one code.
CLAIM_EDITS = frozenset({"INVALID_AGE", "INVALID_SEX", "INVALID_DISCHARGE_STATUS", "INVALID_ADMIT_DX"})
# Edits that by definition concern the principal diagnosis (CMS MCE definitions): no re-run needed.
PDX_EDITS = frozenset({"E_CODE_AS_PDX", "MANIFESTATION_AS_PDX", "UNACCEPTABLE_PDX", "NONSPECIFIC_PDX",
                       "QUESTIONABLE_ADMISSION"})
# Edits about one code alone, whatever its position (MCE definitions: code validity, age, sex, laterality).
PER_CODE_DX = frozenset({"INVALID_CODE", "AGE_CONFLICT", "SEX_CONFLICT", "UNSPECIFIED"})


@dataclass(frozen=True, slots=True)
class Edit:
    """One MCE edit: its CMS name, a plain message and the code that triggered it (None: the claim)."""

    name: str
    message: str
    code: str | None
    edit_type: str  # PREPAYMENT / POSTPAYMENT
    code_type: str = ""  # DIAGNOSIS / PROCEDURE / BOTH / NONE

    def as_dict(self) -> dict[str, Any]:
        return {"name": self.name, "code": self.code, "message": self.message, "edit_type": self.edit_type}


def message_for(name: str, code: str | None, claim: dict[str, Any], *, pcs: bool = False) -> str:
    base = name
    if base.startswith("LIMITED_COVERAGE") and base not in MESSAGES:
        base = "LIMITED_COVERAGE"
    text = MESSAGES.get(base)
    shown = (with_dot(code, "PCS" if pcs else "CM") if code else "the claim")
    if text is None:
        text = "{code}: Medicare Code Editor edit " + name.replace("_", " ").lower()
    sex = {0: "M", 1: "F"}.get(claim.get("sex", 2), "U")
    disp = f"{claim.get('discharge_status', 0):02d}"
    msg = text.format(code=shown, age=claim.get("age", "?"), sex=sex, disposition=disp)
    if name.startswith("LIMITED_COVERAGE_"):
        msg += " (" + name.removeprefix("LIMITED_COVERAGE_").replace("_", " ").lower() + ")"
    return msg[0].upper() + msg[1:]


def _names(result: dict[str, Any]) -> dict[str, int]:
    return {e["name"]: int(e.get("count", 1)) for e in result.get("edits") or ()}


class _SubClaims:
    """Sub-claims of one claim as JSON text: the claim's other fields are serialized once."""

    def __init__(self, service: DrgService, claim: dict[str, Any]) -> None:
        self.service = service
        self.claim = claim
        self.head = b""

    def run(self, pdx: dict, sdx: list[dict], procs: list[dict]) -> dict[str, int]:
        if not self.head:
            head = {k: v for k, v in self.claim.items() if k not in ("pdx", "sdx", "procedures")}
            self.head = orjson.dumps(head)[:-1] + b',"pdx":'
        dumps = orjson.dumps
        text = b"".join((self.head, dumps(pdx), b',"sdx":', dumps(sdx), b',"procedures":', dumps(procs),
                         b"}"))
        return {e["name"]: e["count"] for e in self.service.run_mce(text).get("edits") or ()}


def _search(items: list[tuple[int, dict, str]], run: Any, excess: dict[str, int], baseline: dict[str, int],
            hinted: list[bool]) -> dict[str, list[int]]:
    """Which items trip the per-code edits in `excess` (name -> count above `baseline`).

    The count of a per-code edit is the number of codes that trip it, each at most once, so: a part
    whose excess is 0 holds no culprit, a part whose excess equals its size holds only culprits, and
    of two halves only the left needs a run. Items hinted as likely culprits go last and the first cut
    falls just before them, so when the hints are right one run settles the claim; when they are wrong
    the halving goes on as usual. Either way the answer comes from the editor's counts, never the hints.
    """
    out: dict[str, list[int]] = {n: [] for n in excess}

    def rec(part: list[tuple[int, dict, str]], exc: dict[str, int], cut: int) -> None:
        size = len(part)
        rest = {}
        for n, c in exc.items():
            if c >= size:
                out[n] += [x[0] for x in part]
            elif c > 0:
                rest[n] = c
        if not rest:
            return
        got = run(part[:cut])
        left = {n: max(got.get(n, 0) - baseline.get(n, 0), 0) for n in rest}
        rec(part[:cut], left, cut // 2)
        rec(part[cut:], {n: c - left[n] for n, c in rest.items()}, (size - cut) // 2)

    plain = [x for x, h in zip(items, hinted, strict=True) if not h]
    if len(plain) in (0, len(items)):
        rec(items, excess, max(len(items) // 2, 1))
    else:
        rec(plain + [x for x, h in zip(items, hinted, strict=True) if h], excess, len(plain))
        for v in out.values():
            v.sort()
    return out


_CACHE_MAX = 200_000
_BIT = {n: 1 << i for i, n in enumerate(sorted(PER_CODE_DX))}
_FAST = PDX_EDITS | CLAIM_EDITS | PER_CODE_DX | {"DUPLICATE_OF_PDX"}


def explain_edits(service: DrgService, claim: dict[str, Any], result: dict[str, Any]) -> list[Edit]:
    """The claim's MCE edits, one entry per triggering code where one can be named.

    Edits about the principal or the claim need no re-run. Edits about one code wherever it stands
    (invalid code, age, sex, unspecified) are counted per code, so the culprits are found by editing
    parts of the claim (`_search`), led by the codes that tripped the same edit before. Claims with
    edits that depend on combinations (non-covered unless a diagnosis, questionable obstetric
    admission...) go through `explain_edits_exact`, the reference this function must equal.
    """
    edits = result.get("edits")
    if not edits:
        return []
    for e in edits:
        if e["name"] not in _FAST:
            return explain_edits_exact(service, claim, result)
    wanted = {e["name"]: e for e in edits}
    found: dict[str, list[tuple[str | None, bool]]] = {}
    pdx_code = claim["pdx"]["code"]
    per_code = []
    for n in wanted:
        if n in PDX_EDITS:
            found[n] = [(pdx_code, False)]
        elif n in CLAIM_EDITS:
            found[n] = [(None, False)]
        elif n == "DUPLICATE_OF_PDX":  # by definition: a secondary equal to the principal
            found[n] = [(d["code"], False) for d in claim["sdx"] if d["code"] == pdx_code]
        else:
            found[n] = []
            per_code.append(n)
    if per_code:
        _per_code(service, claim, wanted, per_code, found)
    return _edits(service, wanted, found, claim)


def _confirm_hints(subs: _SubClaims, claim: dict[str, Any], wanted: dict[str, dict], per_code: list[str],
                   hints: dict[str, int]) -> dict[str, list[tuple[str | None, bool]]] | None:
    """The culprits of each per-code edit when the hints name them, else None.

    For an edit whose count equals the number of codes hinted for it, one run of the claim without those
    codes settles it: if the edit is gone, nothing else trips it, so each hinted code trips it once.
    """
    dxs = [claim["pdx"], *claim["sdx"]]
    dbits = [hints.get(d["code"], 0) for d in dxs]
    procs = claim["procedures"]
    pbits = [hints.get("P:" + p["code"], 0) for p in procs]
    out: dict[str, list[tuple[str | None, bool]]] = {}
    for n in per_code:
        bit = _BIT[n]
        with_px = wanted[n].get("code_type") == "BOTH"
        hd = [i for i, b in enumerate(dbits) if b & bit]
        hp = [i for i, b in enumerate(pbits) if b & bit] if with_px else []
        if not hd and not hp or len(hd) + len(hp) != wanted[n].get("count", 1) or len(hd) == len(dxs):
            return None
        keep = [d for i, d in enumerate(dxs) if i not in hd]
        rest = [p for i, p in enumerate(procs) if i not in hp] if with_px else []
        if subs.run(keep[0], keep[1:], rest).get(n, 0):
            return None
        out[n] = [(dxs[i]["code"], False) for i in hd] + [(procs[i]["code"], True) for i in hp]
    return out


def _per_code(service: DrgService, claim: dict[str, Any], wanted: dict[str, dict], per_code: list[str],
              found: dict[str, list[tuple[str | None, bool]]]) -> None:
    # Code ("P:" before a PCS code) -> bits of the per-code edits it tripped in earlier claims: only an
    # order for the search. Strings and ints only, so the garbage collector never scans the memo.
    hints: dict[str, int] = service.edit_hints
    proven: set[str] = service.edit_proven
    known = _proven_culprits(claim, wanted, per_code, proven)
    if known is not None:
        for n, codes in known.items():
            found[n] += codes
        return  # every culprit proven in the same context before: no run
    subs = _SubClaims(service, claim)
    settled = _confirm_hints(subs, claim, wanted, per_code, hints)
    if settled is not None:
        for n, codes in settled.items():
            found[n] += codes
        _learn_proven(claim, per_code, found, proven)
        return
    # Diagnoses: each sub-claim is led by its first code (position does not matter for these edits).
    dx_names = {n for n in per_code if wanted[n].get("code_type") in ("DIAGNOSIS", "BOTH")}
    dx_bits = sum(_BIT[n] for n in dx_names)
    dx_hits: dict[str, list[int]] = {}
    procs = claim["procedures"]
    if dx_names:
        dx = [(i, d, d["code"]) for i, d in enumerate([claim["pdx"], *claim["sdx"]])]
        both = procs and any(wanted[n].get("code_type") == "BOTH" for n in dx_names)
        top = subs.run(claim["pdx"], claim["sdx"], []) if both else None
        excess = {n: (top or {}).get(n, 0) if both else wanted[n].get("count", 1) for n in dx_names}
        hinted = [bool(hints.get(c, 0) & dx_bits) for _, _, c in dx]
        run_dx = lambda part: subs.run(part[0][1], [x[1] for x in part[1:]], [])  # noqa: E731
        dx_hits = _search(dx, run_dx, excess, {}, hinted)
        for n, idx in dx_hits.items():
            found[n] += [(dx[i][2], False) for i in idx]
    # Procedures: the principal alone plus a part of the procedures; what the diagnoses do not
    # explain of the whole claim's count is the procedures' share.
    pr_names = {n for n in per_code if wanted[n].get("code_type") in ("PROCEDURE", "BOTH")
                and len(found[n]) < wanted[n].get("count", 1)}
    if pr_names and procs:
        px = [(i, p, p["code"]) for i, p in enumerate(procs)]
        base = {n: int(0 in dx_hits.get(n, ())) for n in pr_names}
        excess = {n: wanted[n].get("count", 1) - len(dx_hits.get(n, ())) for n in pr_names}
        pr_bits = sum(_BIT[n] for n in pr_names)
        hinted = [bool(hints.get("P:" + c, 0) & pr_bits) for _, _, c in px]
        run_px = lambda part: subs.run(claim["pdx"], [], [x[1] for x in part])  # noqa: E731
        for n, idx in _search(px, run_px, excess, base, hinted).items():
            found[n] += [(px[i][2], True) for i in idx]
    if len(hints) > _CACHE_MAX:
        hints.clear()
    for n in per_code:
        bit = _BIT[n]
        for code, pcs in found[n]:
            key = "P:" + code if pcs else code  # type: ignore[operator]
            hints[key] = hints.get(key, 0) | bit
    _learn_proven(claim, per_code, found, proven)


# The MCE's age edits compare the age with the newborn (0), pediatric (0-17), maternity (9-64; 12-55
# before FY2020) and adult (15-124) ranges: ages between the same boundaries are edited alike.
_AGE_BOUNDS = (1, 9, 12, 15, 18, 56, 65, 125)


def _age_band(age: Any) -> str:
    if not isinstance(age, int):
        return str(age)
    return str(next((i for i, b in enumerate(_AGE_BOUNDS) if age < b), len(_AGE_BOUNDS)))


def _context(n: str, claim: dict[str, Any]) -> str:
    """What a per-code edit depends on besides the code (CMS MCE definitions): the code tables of the
    version (validity, unspecified codes), and the age or the sex for the age and sex edits."""
    if n == "AGE_CONFLICT":
        return f"{n}|{claim.get('version')}|a{_age_band(claim.get('age'))}|"
    if n == "SEX_CONFLICT":
        return f"{n}|{claim.get('version')}|s{claim.get('sex')}|"
    return f"{n}|{claim.get('version')}|"


def _learn_proven(claim: dict[str, Any], per_code: list[str], found: dict[str, list[tuple[str | None, bool]]],
                  proven: set[str]) -> None:
    """Remember the culprits the editor's counts proved, with what their edit depends on (strings only:
    the garbage collector never scans them)."""
    if len(proven) > _CACHE_MAX:
        proven.clear()
    for n in per_code:
        ctx = _context(n, claim)
        for code, pcs in found[n]:
            proven.add(ctx + ("P:" if pcs else "") + str(code))


def _proven_culprits(claim: dict[str, Any], wanted: dict[str, dict], per_code: list[str],
                     proven: set[str]) -> dict[str, list[tuple[str | None, bool]]] | None:
    """The culprits of every per-code edit without a run, when codes proven to trip it in the same context
    account for its whole count: each trips it once, so no other code can (the count is the number of
    codes that trip it). None as soon as one edit is not so accounted for."""
    codes = [claim["pdx"]["code"], *(d["code"] for d in claim["sdx"])]
    procs = [p["code"] for p in claim["procedures"]]
    if len(set(codes)) != len(codes) or len(set(procs)) != len(procs):
        return None  # a repeated code: the count is not one per position
    out: dict[str, list[tuple[str | None, bool]]] = {}
    for n in per_code:
        ctx = _context(n, claim)
        hit: list[tuple[str | None, bool]] = [(c, False) for c in codes if ctx + c in proven]
        if wanted[n].get("code_type") in ("PROCEDURE", "BOTH"):
            hit += [(c, True) for c in procs if ctx + "P:" + c in proven]
        if not hit or len(hit) != wanted[n].get("count", 1):
            return None
        out[n] = hit
    return out


def explain_edits_exact(service: DrgService, claim: dict[str, Any], result: dict[str, Any]) -> list[Edit]:
    """The reference attribution (`explain_edits` must give the same edits; a test holds them equal).

    Per-code edits add up (the count is the number of codes that trip them), so the culprits are found
    by halving the secondaries (then the procedures) and re-editing each half: about 2 k log2 n small
    edits for k culprits among n codes instead of one per code.
    """
    edits = result.get("edits") or []
    if not edits:
        return []
    wanted = {e["name"]: e for e in edits}
    found: dict[str, list[tuple[str | None, bool]]] = {n: [] for n in wanted}
    pdx_code = claim["pdx"]["code"]
    for n in wanted:
        if n in PDX_EDITS:
            found[n].append((pdx_code, False))
        elif n in CLAIM_EDITS:
            found[n].append((None, False))
    if all(found[n] for n in wanted):
        return _edits(service, wanted, found, claim)

    def run(sub: dict[str, Any]) -> dict[str, int]:
        return _names(service.run_mce(orjson.dumps(sub)))

    def search(items: list[dict], make: Any, excess: dict[str, int], baseline: dict[str, int],
               pcs: bool) -> None:
        """Binary search for the items behind `excess` (edit name -> count above the baseline): edit the
        left half; the right half holds the rest, so it needs no run of its own."""
        excess = {n: c for n, c in excess.items() if c > 0}
        if not excess:
            return
        if len(items) == 1:
            for n in excess:
                found[n].append((items[0]["code"], pcs))
            return
        mid = len(items) // 2
        got = run(make(items[:mid]))
        left = {n: max(got.get(n, 0) - baseline.get(n, 0), 0) for n in excess}
        search(items[:mid], make, left, baseline, pcs)
        search(items[mid:], make, {n: c - left[n] for n, c in excess.items()}, baseline, pcs)

    total = _names(result)
    if "DUPLICATE_OF_PDX" in wanted:  # by definition: a secondary equal to the principal
        found["DUPLICATE_OF_PDX"] += [(d["code"], False) for d in claim["sdx"] if d["code"] == pdx_code]
    dx_names = {n for n, e in wanted.items() if e.get("code_type") in ("DIAGNOSIS", "BOTH")
                and n not in CLAIM_EDITS and n not in PDX_EDITS and not found[n]}
    # Edits about one code wherever it stands: search all diagnoses, each half led by its first code.
    per_code = dx_names & PER_CODE_DX
    pdx_hits: dict[str, int] = {}
    if per_code:
        items = [claim["pdx"], *claim["sdx"]]
        make_any = lambda sub: {**claim, "pdx": sub[0], "sdx": sub[1:], "procedures": []}  # noqa: E731
        top = total if not claim["procedures"] else run(make_any(items))
        search(items, make_any, {n: top.get(n, 0) for n in per_code}, {}, False)
        pdx_hits = {n: int((pdx_code, False) in found[n][:1]) for n in per_code}
    rest = dx_names - per_code
    solo: dict[str, int] | None = None
    if rest:
        solo = run({**claim, "sdx": [], "procedures": []})
        for n in rest & solo.keys():
            found[n].append((pdx_code, False))
        if claim["sdx"]:
            make_dx = lambda sub: {**claim, "sdx": sub, "procedures": []}  # noqa: E731
            top = total if not claim["procedures"] else run(make_dx(claim["sdx"]))
            search(claim["sdx"], make_dx, {n: top.get(n, 0) - solo.get(n, 0) for n in rest}, solo, False)
    pr_names = {n for n, e in wanted.items() if e.get("code_type") in ("PROCEDURE", "BOTH")
                and n not in CLAIM_EDITS and n not in PDX_EDITS and len(found[n]) < total[n]}
    if pr_names and claim["procedures"]:
        # Most procedure edits are about the code alone: search with the principal only; edits still
        # unexplained (non-covered unless a diagnosis, bilateral...) are searched with all diagnoses.
        make_pr = lambda sub: {**claim, "sdx": [], "procedures": sub}  # noqa: E731
        if solo is None:
            solo = pdx_hits if not (pr_names - PER_CODE_DX) else run({**claim, "sdx": [], "procedures": []})
        top = run(make_pr(claim["procedures"]))
        excess = {n: top.get(n, 0) - solo.get(n, 0) for n in pr_names}
        search(claim["procedures"], make_pr, excess, solo, True)
        left = {n for n in pr_names if not any(pcs for _, pcs in found[n])}
        if left:
            no_pr = run({**claim, "procedures": []})
            make_all = lambda sub: {**claim, "procedures": sub}  # noqa: E731
            excess = {n: total.get(n, 0) - no_pr.get(n, 0) for n in left}
            search(claim["procedures"], make_all, excess, no_pr, True)
    return _edits(service, wanted, found, claim)


# Messages written before, by edit, code and the patient details the message quotes. Text keys and
# values only: the garbage collector never scans this memo (tuple keys slowed the whole batch).
_MESSAGES: dict[str, str] = {}
_QUOTES = {"INVALID_AGE": "age", "AGE_CONFLICT": "age", "SEX_CONFLICT": "sex",
           "INVALID_DISCHARGE_STATUS": "discharge_status"}


def _message(name: str, code: str | None, claim: dict[str, Any], pcs: bool) -> str:
    quoted = _QUOTES.get(name) if name in MESSAGES else "?"
    key = f"{name} {code} {pcs} {claim.get(quoted) if quoted else ''}" if quoted != "?" else ""
    msg = _MESSAGES.get(key) if key else None
    if msg is None:
        msg = message_for(name, code, claim, pcs=pcs)
        if key:
            if len(_MESSAGES) > 50_000:
                _MESSAGES.clear()
            _MESSAGES[key] = msg
    return msg


def _edits(service: DrgService, wanted: dict[str, dict], found: dict[str, list[tuple[str | None, bool]]],
           claim: dict[str, Any]) -> list[Edit]:
    """Edit entries in the editor's order, each code once."""
    out: list[Edit] = []
    for name, e in wanted.items():
        codes = list(dict.fromkeys(found[name])) or [(None, False)]
        et, ct = e.get("edit_type", ""), e.get("code_type", "")
        for code, pcs in codes:
            out.append(Edit(name, _message(name, code, claim, pcs), code, et, ct))
    return out
