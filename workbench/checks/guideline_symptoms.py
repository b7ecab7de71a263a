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
        # chapter 18, acidosis (E87.2) with ketoacidosis, pain in a limb (M79.6-)
        if not sym.startswith(("R", "E87", "M796")):
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
    key = ("says-with", ctx.release.id if ctx.release is not None else None, code, words)
    hit = ctx.cache.get(key)
    if hit is None:
        item = ctx.release.cm(code) if ctx.release is not None else None
        title = (item.title or "").lower() if item is not None else ""
        hit = ctx.cache[key] = any(re.search(rf"\bwith\b[^,;]*?\b{w}", title) is not None
                                   and f"without {w}" not in title for w in words)
    return bool(hit)


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
