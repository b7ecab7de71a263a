"""Medicare Code Editor edits in plain language, each attributed to the code that triggered it.

The MCE reports per claim (edit name and count). To name the code, the editor is re-run on
sub-claims. `explain_edits_exact` is the reference: a halving search over the diagnoses, then the
procedures. `explain_edits` gives the same answers with fewer runs and less work: edits about the
principal or the claim need none; per-code edits (invalid code, age, sex, unspecified) ask each code
alone, in a small claim of the same context (version; age or sex), and remember the answer, stopping
as soon as the codes found account for the edit's count.
An edit that appears only for the whole combination is reported without a single code.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import orjson

from codesets.codes import with_dot

if TYPE_CHECKING:
    from workbench.drg.service import DrgService

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


_CACHE_MAX = 200_000
_BIT = {n: 1 << i for i, n in enumerate(sorted(PER_CODE_DX))}
_FAST = PDX_EDITS | CLAIM_EDITS | PER_CODE_DX | {"DUPLICATE_OF_PDX"}
_DX_KINDS, _PX_KINDS = ("DIAGNOSIS", "BOTH"), ("PROCEDURE", "BOTH")


@dataclass(slots=True)
class EditMemo:
    """What this module learns of one grouper's per-code edits (kept on the DrgService it asks).

    `hints`: code -> bits of the per-code edits it tripped before, in any context (only the order in
    which codes are asked depends on it). `known`: context -> {code: tripped} ("P:" before a PCS code)."""

    hints: dict[str, int] = field(default_factory=dict)
    known: dict[str, dict[str, bool]] = field(default_factory=dict)


Found = dict[str, list[tuple[str | None, bool]]]  # edit name -> (code or None, is a PCS code)


def explain_edits(service: DrgService, claim: dict[str, Any], result: dict[str, Any]) -> list[Edit]:
    """The claim's MCE edits, one entry per triggering code where one can be named.

    Edits about the principal or the claim need no re-run. Edits about one code wherever it stands
    (invalid code, age, sex, unspecified) are counted per code: each code's own answer comes from editing
    it alone (`_per_code`), remembered by context. Claims with edits that depend on combinations
    (non-covered unless a diagnosis, questionable obstetric admission...) go through `explain_edits_exact`,
    the reference this function must equal.
    """
    edits = result.get("edits")
    if not edits:
        return []
    return _edits(*_attribute(service, claim, edits, result), claim)


def _attribute(service: DrgService, claim: dict[str, Any], edits: list[dict[str, Any]],
               result: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], Found]:
    """(the edits by name, their culprits): `explain_edits` before the entries are written."""
    for e in edits:
        if e["name"] not in _FAST:
            return _exact(service, claim, result)
    wanted = {e["name"]: e for e in edits}
    found: Found = {}
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
        culprits = _per_code(service, claim, wanted, per_code)
        if culprits is None:  # the codes' own answers do not add up to the claim's counts
            return _exact(service, claim, result)
        for n, codes in culprits.items():
            found[n] += codes
    return wanted, found


# The MCE's age edits compare the age with the newborn (0), pediatric (0-17), maternity (9-64; 12-55
# before FY2020) and adult (15-124) ranges: ages between the same boundaries are edited alike.
_AGE_BOUNDS = (1, 9, 12, 15, 18, 56, 65, 125)




def _band_of(age: int) -> str:
    return str(next((i for i, b in enumerate(_AGE_BOUNDS) if age < b), len(_AGE_BOUNDS)))


_BANDS = [_band_of(age) for age in range(_AGE_BOUNDS[-1])]


def _age_band(age: Any) -> str:
    if not isinstance(age, int):
        return str(age)
    return _BANDS[age] if 0 <= age < len(_BANDS) else _band_of(age)


def _context(n: str, claim: dict[str, Any]) -> str:
    """What a per-code edit depends on besides the code (CMS MCE definitions): the code tables of the
    version (validity, unspecified codes), and the age or the sex for the age and sex edits."""
    if n == "AGE_CONFLICT":
        return f"{n}|{claim.get('version')}|a{_age_band(claim.get('age'))}|"
    if n == "SEX_CONFLICT":
        return f"{n}|{claim.get('version')}|s{claim.get('sex')}|"
    return f"{n}|{claim.get('version')}|"


class _Answers:
    """Each code's own answer to the per-code edits in one claim's context: remembered ones from
    `service.edit_memo.known` (context -> {code: tripped}, "P:" before a PCS code), else the editor's answer
    for the code alone (a diagnosis as the principal of an otherwise empty claim; a procedure beside the
    claim's principal, less what the principal trips itself). One run answers all four edits."""

    def __init__(self, service: DrgService, claim: dict[str, Any]) -> None:
        self.service = service
        self.claim = claim
        self._tables: dict[str, dict[str, bool]] = {}
        self._head = b""

    def table(self, n: str) -> dict[str, bool]:
        t = self._tables.get(n)
        if t is None:
            known: dict[str, dict[str, bool]] = self.service.edit_memo.known
            ctx = _context(n, self.claim)
            t = known.get(ctx)
            if t is None or len(t) > _CACHE_MAX:
                t = known[ctx] = {}
            self._tables[n] = t
        return t

    def _learn(self, key: str, got: dict[str, int], less: dict[str, bool] | None = None) -> bool:
        """Remember the code's answer to all four edits; False when it is not one code's own answer."""
        if len(self._tables) < len(_BIT):
            for m in _BIT:
                self.table(m)
        if not got and less is None:  # the code alone trips none of them
            for t in self._tables.values():
                t[key] = False
            return True
        for m, t in self._tables.items():  # each edit's answer stands alone, even if a later one is odd
            extra = got.get(m, 0) - (less[m] if less else 0)
            if extra not in (0, 1):
                return False
            t[key] = extra == 1
        return True

    def dx(self, code: str, n: str) -> bool | None:
        hit = self.table(n).get(code)
        if hit is None:
            got = self._run(b'{"code":"' + code.encode() + b'"},"sdx":[],"procedures":[]}')
            hit = got.get(n, 0) == 1 if self._learn(code, got) else None
        return hit

    def px(self, code: str, n: str) -> bool | None:
        key = "P:" + code
        hit = self.table(n).get(key)
        if hit is None:
            pdx = self.claim["pdx"]["code"]
            alone = {m: self.dx(pdx, m) for m in _BIT}
            if None in alone.values():
                return None
            got = self._run(b'{"code":"' + pdx.encode() + b'"},"sdx":[],"procedures":[{"code":"'
                            + code.encode() + b'"}]}')
            hit = self._tables[n][key] if self._learn(key, got, alone) else None  # type: ignore[arg-type]
        return hit

    def _run(self, tail: bytes) -> dict[str, int]:
        if not self._head:
            head = {k: v for k, v in self.claim.items() if k not in ("pdx", "sdx", "procedures")}
            self._head = orjson.dumps(head)[:-1] + b',"pdx":'
        text = self.service.mce_text(self._head + tail)
        if text.find(b'"edits":[]') >= 0:  # most codes alone trip nothing: no decoding
            return {}
        return {e["name"]: e["count"] for e in orjson.loads(text).get("edits") or ()}


def _per_code(service: DrgService, claim: dict[str, Any], wanted: dict[str, dict[str, Any]],
              per_code: list[str]) -> dict[str, list[tuple[str, bool]]] | None:
    """The culprits of the per-code edits, or None when the codes' own answers do not account for the
    claim's counts (a repeated code, or an edit that is not one code's doing here).

    The count of a per-code edit is the number of codes that trip it, so once that many codes are known
    to trip it, no other code does: codes are asked in turn, those that tripped an edit before (in any
    context: `service.edit_memo.hints`) first, until every count is reached. Codes remembered in the same
    context need no run; the rest cost one small edit each.
    """
    dxs = [claim["pdx"]["code"], *(d["code"] for d in claim["sdx"])]
    pxs = [p["code"] for p in claim["procedures"]]
    if len(set(dxs)) != len(dxs) or len(set(pxs)) != len(pxs):
        return None  # a repeated code: the count is not one per code
    hints: dict[str, int] = service.edit_memo.hints
    answers = _Answers(service, claim)
    out: dict[str, list[tuple[str, bool]]] = {}
    pkeys = ["P:" + c for c in pxs]
    for n in per_code:
        need = wanted[n].get("count", 1)
        kind = wanted[n].get("code_type")
        known = answers.table(n).get
        # Remembered answers need no run; the other codes are asked below. Each list's answers are read
        # at once (True trips, False does not, None not known yet).
        hits: list[tuple[str, bool]] = []
        asked = [(codes, pcs, list(map(known, keys)))
                 for codes, keys, pcs in ((dxs, dxs, False), (pxs, pkeys, True))
                 if codes and kind in (_PX_KINDS if pcs else _DX_KINDS)]
        for codes, pcs, got in asked:
            if True in got:
                hits += [(c, pcs) for c, v in zip(codes, got, strict=True) if v]
        unknown = [] if len(hits) >= need else [(c, pcs) for codes, pcs, got in asked
                                                for c, v in zip(codes, got, strict=True) if v is None]
        if len(hits) < need and unknown:
            bit = _BIT[n]  # codes that tripped this edit before (in any context) first
            unknown.sort(key=lambda x: not hints.get("P:" + x[0] if x[1] else x[0], 0) & bit)
            for code, pcs in unknown:
                hit = answers.px(code, n) if pcs else answers.dx(code, n)
                if hit is None:
                    return None
                if hit:
                    hits.append((code, pcs))
                    if len(hits) == need:
                        break
            found = set(hits)  # back in claim order
            hits = [(c, False) for c in dxs if (c, False) in found] + [(c, True) for c in pxs
                                                                       if (c, True) in found]
        if len(hits) != need:
            return None
        out[n] = hits
    if len(hints) > _CACHE_MAX:
        hints.clear()
    for n, codes in out.items():
        bit = _BIT[n]
        for code, pcs in codes:
            key = "P:" + code if pcs else code
            hints[key] = hints.get(key, 0) | bit
    return out


def explain_edits_exact(service: DrgService, claim: dict[str, Any], result: dict[str, Any]) -> list[Edit]:
    """The reference attribution (`explain_edits` must give the same edits; a test holds them equal).

    Per-code edits add up (the count is the number of codes that trip them), so the culprits are found
    by halving the secondaries (then the procedures) and re-editing each half: about 2 k log2 n small
    edits for k culprits among n codes instead of one per code.
    """
    if not result.get("edits"):
        return []
    return _edits(*_exact(service, claim, result), claim)


def _exact(service: DrgService, claim: dict[str, Any],
           result: dict[str, Any]) -> tuple[dict[str, dict[str, Any]], Found]:
    """(the edits by name, their culprits) of `explain_edits_exact`."""
    wanted = {e["name"]: e for e in result["edits"]}
    found: Found = {n: [] for n in wanted}
    pdx_code = claim["pdx"]["code"]
    for n in wanted:
        if n in PDX_EDITS:
            found[n].append((pdx_code, False))
        elif n in CLAIM_EDITS:
            found[n].append((None, False))
    if all(found[n] for n in wanted):
        return wanted, found

    def run(sub: dict[str, Any]) -> dict[str, int]:
        return _names(service.run_mce(orjson.dumps(sub)))

    def search(items: list[dict[str, Any]], make: Callable[[list[dict[str, Any]]], dict[str, Any]],
               excess: dict[str, int], baseline: dict[str, int],
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
        def make_any(sub: list[dict[str, Any]]) -> dict[str, Any]:
            return {**claim, "pdx": sub[0], "sdx": sub[1:], "procedures": []}
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
            def make_dx(sub: list[dict[str, Any]]) -> dict[str, Any]:
                return {**claim, "sdx": sub, "procedures": []}
            top = total if not claim["procedures"] else run(make_dx(claim["sdx"]))
            search(claim["sdx"], make_dx, {n: top.get(n, 0) - solo.get(n, 0) for n in rest}, solo, False)
    pr_names = {n for n, e in wanted.items() if e.get("code_type") in ("PROCEDURE", "BOTH")
                and n not in CLAIM_EDITS and n not in PDX_EDITS and len(found[n]) < total[n]}
    if pr_names and claim["procedures"]:
        # Most procedure edits are about the code alone: search with the principal only; edits still
        # unexplained (non-covered unless a diagnosis, bilateral...) are searched with all diagnoses.
        def make_pr(sub: list[dict[str, Any]]) -> dict[str, Any]:
            return {**claim, "sdx": [], "procedures": sub}
        if solo is None:
            solo = pdx_hits if not (pr_names - PER_CODE_DX) else run({**claim, "sdx": [], "procedures": []})
        top = run(make_pr(claim["procedures"]))
        excess = {n: top.get(n, 0) - solo.get(n, 0) for n in pr_names}
        search(claim["procedures"], make_pr, excess, solo, True)
        left = {n for n in pr_names if not any(pcs for _, pcs in found[n])}
        if left:
            no_pr = run({**claim, "procedures": []})
            def make_all(sub: list[dict[str, Any]]) -> dict[str, Any]:
                return {**claim, "procedures": sub}
            excess = {n: total.get(n, 0) - no_pr.get(n, 0) for n in left}
            search(claim["procedures"], make_all, excess, no_pr, True)
    return wanted, found


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


def _edits(wanted: dict[str, dict[str, Any]], found: Found, claim: dict[str, Any]) -> list[Edit]:
    """Edit entries in the editor's order, each code once."""
    out: list[Edit] = []
    for name, e in wanted.items():
        codes = list(dict.fromkeys(found[name])) or [(None, False)]
        et, ct = e.get("edit_type", ""), e.get("code_type", "")
        for code, pcs in codes:
            out.append(Edit(name, _message(name, code, claim, pcs), code, et, ct))
    return out
