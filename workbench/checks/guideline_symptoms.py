"""ICD-10-CM Official Guidelines I.B.5: signs and symptoms routinely part of a definitive diagnosis coded
beside it, from the table of pairs in guideline_data.py and from the definitive code's title ("with
hemorrhage").
"""

from __future__ import annotations

import re

from codesets.codes import with_dot
from workbench.checks import guideline_data as gd
from workbench.checks.base import Context, Finding

INTEGRAL_RULE = "ICD-10-CM Official Guidelines I.B.5: signs and symptoms integral to a definitive diagnosis"


def _is(code: str, prefixes: tuple[str, ...]) -> bool:
    return code.startswith(prefixes)


# ------------------------------------------------------------------ integral symptoms (I.B.5)

def integral_symptoms(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    out = []
    for sym in dxs:
        # chapter 18, acidosis (E87.2) with ketoacidosis, pain in a limb (M79.6-) or a joint (M25.5-),
        # hypotension (I95.9)
        if not sym.startswith(("R", "E87", "M796", "M255", "I959")):
            continue
        for prefix, definitive, what in gd.INTEGRAL_SYMPTOMS:
            if not sym.startswith(prefix):
                continue
            hit = next((c for c in dxs if c != sym and _is(c, definitive) and not _opposite(ctx, sym, c)),
                       None)
            if hit is not None:
                out.append(Finding("warning", (sym, hit), f"{with_dot(sym)} is a symptom routinely part of "
                                   f"{what} ({with_dot(hit)}): do not code it separately", INTEGRAL_RULE))
                break
    return out


def _side(ctx: Context, code: str) -> str:
    item = ctx.release.cm(code) if ctx.release is not None else None
    sides = set((item.title or "").lower().replace(",", " ").split()) & {"right", "left"} if item else set()
    return sides.pop() if len(sides) == 1 else ""


def _opposite(ctx: Context, a: str, b: str) -> bool:
    """Whether the two codes' titles name opposite sides (right leg swelling, left leg cellulitis)."""
    sa = _side(ctx, a)
    return bool(sa) and (sb := _side(ctx, b)) != "" and sa != sb


def _says_with(ctx: Context, code: str, words: tuple[str, ...]) -> bool:
    """Whether the code's title says "with" one of `words` (K25.4 "... with hemorrhage", K57.31 "... without
    perforation or abscess with bleeding"; not "without bleeding")."""

    def make() -> bool:
        item = ctx.release.cm(code) if ctx.release is not None else None
        title = (item.title or "").lower() if item is not None else ""
        return any(re.search(rf"\bwith\b[^,;]*?\b{w}", title) is not None
                   and f"without {w}" not in title for w in words)

    return ctx.cached(("says-with", ctx.release.id if ctx.release is not None else None, code, words), make)


def symptom_named_by_title(ctx: Context) -> list[Finding]:
    """I.B.5, read from the classification: a symptom code beside a code whose title says the symptom
    ("with hemorrhage", "with bleeding"): melena with a bleeding duodenal ulcer (K26.4), hematemesis with
    bleeding varices (I85.11), rectal bleeding with diverticulosis with bleeding (K57.31)."""
    dxs = ctx.dx_codes
    out = []
    for sym in dxs:
        entry = next(((p, w, d) for p, w, d in gd.SYMPTOMS_NAMED if sym.startswith(p)), None)
        if entry is None:
            continue
        _, words, definitive = entry
        hit = next((c for c in dxs if c != sym and _is(c, definitive) and not c.startswith(entry[0][:3])
                    and _says_with(ctx, c, words)), None)
        if hit is not None:
            out.append(Finding("warning", (sym, hit), f"{with_dot(sym)} is a symptom routinely part of "
                               f"{with_dot(hit)}, whose title says it (with {words[0]}): do not code it "
                               "separately", INTEGRAL_RULE))
    return out


COMBINED_RULE = ("ICD-10-CM Official Guidelines I.A.15 (\"with\") and I.B.9: a combination code names the "
                 "condition with its symptom")


def _combinations_of(ctx: Context, sym: str) -> tuple[tuple[str, str], ...]:
    """(without code, with code) pairs the symptom's Excludes1 notes name: R18.8's "ascites in alcoholic
    cirrhosis (K70.31)" gives (K70.30, K70.31), K70.30 being K70.31's "without ascites" sibling. Read once
    per release and symptom."""
    from codesets.coderefs import parse_refs
    from workbench.checks.guideline_pairs import _without_of

    rel = ctx.release

    def make() -> tuple[tuple[str, str], ...]:
        pairs: list[tuple[str, str]] = []
        for note in rel.notes(sym) if rel is not None else ():
            if note.kind != "excludes1":
                continue
            for r in parse_refs(note.text):
                item = rel.cm(r.lo) if r.lo == r.hi and not r.qualifier else None
                if item is None or not item.billable or not item.parent:
                    continue
                pairs += [(s.code, item.code) for s in rel.children(item.parent) if s.billable
                          and s.code != item.code and _without_of(s.title or "", item.title or "")]
        return tuple(pairs)

    return ctx.cached(("sym-combinations", rel.id if rel is not None else None, sym), make)


def symptom_with_its_combination(ctx: Context) -> list[Finding]:
    """K70.30 (alcoholic cirrhosis without ascites) with R18.8 (ascites): K70.31 says both; the symptom's
    Excludes1 note names the combination, whose "without" sibling is the code coded."""
    dxs = ctx.dx_codes
    out = []
    for sym in dxs:
        if not sym.startswith("R"):
            continue
        for without, combo in _combinations_of(ctx, sym):
            if without in dxs and combo not in dxs:
                out.append(Finding("warning", (without, sym), f"{with_dot(without)} with {with_dot(sym)}: "
                                   f"{with_dot(combo)} names the condition with this symptom (Excludes1 at "
                                   f"{with_dot(sym)}); code {with_dot(combo)} instead of both",
                                   COMBINED_RULE))
    return out
