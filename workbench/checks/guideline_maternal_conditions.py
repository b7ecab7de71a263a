"""Guideline rules about the chapter-15 codes that stand for a condition classified elsewhere (O98.-, O99.-,
O9A.-): the condition's own code goes with them, and each one belongs to the subcategory that covers it
(I.C.15.a, I.A.13), and HIV disease or HIV status in a pregnancy is O98.7- (I.C.15.f).

Which conditions a subcategory covers is read from the release, not a table: its inclusion term
("O99.1: Conditions in D65-D89", "O98.5: Conditions in A80-B09, B25-B34, ...") or, where there is none, the
codes its "use additional code" note names (O98.7: B20, Z21).
"""

from __future__ import annotations

import re

from codesets.codes import with_dot
from workbench.checks.base import Context, Finding

MATERNAL_RULE = ("ICD-10-CM Official Guidelines I.C.15.a and I.A.13: an O98/O99/O9A code says which kind of "
                 "condition complicates the pregnancy and is followed by the condition's own code")
HIV_PREGNANCY_RULE = ("ICD-10-CM Official Guidelines I.C.15.f: HIV disease (B20) or HIV status (Z21) in "
                      "pregnancy, childbirth or the puerperium is O98.7- followed by B20 or Z21")

_PREFIXES = ("O98", "O99", "O9A")
# O99.8 gathers self-contained codes (abnormal glucose O99.81-, carrier states O99.82-/O99.83-, bariatric
# surgery status O99.84-) beside "other specified" O99.89: it is not asked to name a condition of its own.
_SELF_CONTAINED = ("O998",)
_CODE = r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]+)?"
_SPAN = re.compile(rf"({_CODE})(?:-({_CODE}))?")
_NAMED = re.compile(rf"\(({_CODE})\)")
_HIV = ("B20", "Z21")

Span = tuple[str, str]


def _spans(text: str) -> tuple[Span, ...]:
    """("D65", "D89") spans of codes from "Conditions in D65-D89" ("A54.-" and "R87.81-" are one prefix)."""
    out = []
    for lo, hi in _SPAN.findall(text):
        lo = lo.replace(".", "")
        out.append((lo, (hi or lo).replace(".", "")))
    return tuple(out)


def _in(code: str, spans: tuple[Span, ...]) -> bool:
    return any(code[:len(lo)] >= lo and code[:len(hi)] <= hi for lo, hi in spans)


def _coverage(ctx: Context) -> dict[str, tuple[Span, ...]]:
    """Subcategory (O991) -> the spans of codes it covers, once per release."""
    rel = ctx.release

    def make() -> dict[str, tuple[Span, ...]]:
        hit = {}
        for c in (item.code for cat in _PREFIXES for item in rel.children(cat)):
            terms = [t for t in rel.inclusion_terms(c) if t.lower().startswith("conditions in")]
            if terms:
                hit[c] = _spans(" ".join(terms))
                continue
            named = [m for n in rel.own_notes(c) if n.kind == "use_additional_code"
                     for m in _NAMED.findall(n.text or "")]
            if named:
                hit[c] = tuple((m.replace(".", ""), m.replace(".", "")) for m in named)
        return hit

    return ctx.cached(("maternal-coverage", rel.id), make)  # shared per release: callers only read it


def _home(coverage: dict[str, tuple[Span, ...]], code: str) -> str | None:
    return next((sub for sub, spans in coverage.items() if _in(code, spans)), None)


def run(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    if not any(c[0] == "O" for c in dxs):  # both rules need a chapter-15 code: most charts stop here
        return []
    if ctx.release is None or not any(c.startswith(_PREFIXES) for c in dxs):
        return hiv_without_o98(ctx, set())
    coverage = _coverage(ctx)
    out = condition_of_maternal_code(ctx, coverage)
    named = {c for f in out for c in f.codes}
    return out + hiv_without_o98(ctx, named)


def _conditions(dxs: list[str]) -> list[str]:
    """The chart's codes a maternal code could stand for: not chapter 15, not a Z status, external cause or
    gestation code unless a maternal note names it (Z21)."""
    return [c for c in dxs if c[0] not in "OVWXYZ" or c.startswith(_HIV)]


def condition_of_maternal_code(ctx: Context, coverage: dict[str, tuple[Span, ...]]) -> list[Finding]:
    """O99.112 (D65-D89 in pregnancy) with no D65-D89 code: either the condition's code is missing, or the
    chart's condition belongs to another subcategory (B20 is O98.7-, J45.901 is O99.51-)."""
    dxs = ctx.dx_codes
    coded_subs = {c[:4] for c in dxs if c.startswith(_PREFIXES)}
    conditions = _conditions(dxs)
    unclaimed = [c for c in conditions if not any(_in(c, coverage.get(s, ())) for s in coded_subs)]
    out: list[Finding] = []
    for code in dxs:
        sub = code[:4]
        spans = coverage.get(sub)
        if not spans or sub.startswith(_SELF_CONTAINED) or any(_in(c, spans) for c in conditions):
            continue
        placed = {c: _home(coverage, c) for c in unclaimed}
        if None in placed.values():
            # a condition no subcategory lists (U07.1, added after the lists were written; O98.5- is its
            # pregnancy code) may be the one this code stands for: no finding
            continue
        elsewhere = [(c, h) for c, h in placed.items() if h is not None and h != sub]
        if elsewhere:
            c, home = elsewhere[0]
            out.append(Finding("warning", (code, c), f"{with_dot(code)} is for a condition in "
                               f"{_span_text(spans)} complicating pregnancy, and none is coded; "
                               f"{with_dot(c)} belongs to {with_dot(home)}-: code {with_dot(home)}- with its "
                               "trimester instead", MATERNAL_RULE))
        elif not conditions:
            out.append(Finding("warning", (code,), f"{with_dot(code)} is coded with no code for the "
                               f"condition it stands for ({_span_text(spans)}): its note asks for the "
                               "condition's own code after it", MATERNAL_RULE))
    return out


def _span_text(spans: tuple[Span, ...]) -> str:
    return ", ".join(with_dot(lo) if lo == hi else f"{with_dot(lo)}-{with_dot(hi)}" for lo, hi in spans)


def hiv_without_o98(ctx: Context, named: set[str]) -> list[Finding]:
    """B20 or Z21 on a pregnancy record (a chapter-15 code) with no O98.7- code."""
    dxs = ctx.dx_codes
    hiv = next((c for c in dxs if c in _HIV), None)
    if hiv is None or hiv in named or any(c.startswith("O987") for c in dxs):
        return []
    ob = next((c for c in dxs if c[0] == "O"), None)
    if ob is None:
        return []
    return [Finding("warning", (hiv, ob), f"{with_dot(hiv)} on a pregnancy record ({with_dot(ob)}) with no "
                    "O98.7- code: HIV in pregnancy, childbirth or the puerperium is O98.7- (with its "
                    f"trimester), then {with_dot(hiv)}", HIV_PREGNANCY_RULE)]
