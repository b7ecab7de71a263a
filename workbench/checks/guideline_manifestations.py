"""ICD-10-CM Official Guidelines I.A.13: etiology/manifestation convention. A manifestation code ("in diseases
classified elsewhere", or one the MCE will not take as principal) needs its underlying condition coded and
sequenced first; the "code first" notes are read from the release.
"""

from __future__ import annotations

from codesets.coderefs import CodeRanges
from codesets.codes import with_dot
from workbench.checks import guideline_data as gd
from workbench.checks.base import Context, Finding, others_matching

MANIFEST_RULE = "ICD-10-CM Official Guidelines I.A.13: etiology/manifestation convention"


def _is(code: str, prefixes: tuple[str, ...]) -> bool:
    return code.startswith(prefixes)


# ------------------------------------------------------------------ etiology / manifestation (I.A.13)

def _manifestation_refs(ctx: Context, code: str) -> CodeRanges | None:
    """The code-first references of a manifestation code ("in diseases classified elsewhere"), or None."""
    if ctx.release is None:
        return None

    def make() -> CodeRanges | None:
        item = ctx.release.cm(code)
        if item is not None and "classified elsewhere" in item.title.lower() \
                or "MANIFESTATION_AS_PDX" in ctx.mce_edits_of(code):
            from codesets.coderefs import parse_refs

            texts = [n.text for n in ctx.release.notes(code) if n.kind == "code_first"]
            return parse_refs(" ".join(texts)) if texts else parse_refs("")
        return None

    return ctx.cached(("manif", ctx.release.id, code), make)


_NOT_ETIOLOGY = ("Z", "V", "W", "X", "Y")


def manifestations(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    refs_of = {code: _manifestation_refs(ctx, code) for code in dxs}
    out = []
    for pos, code in enumerate(dxs):
        refs = refs_of[code]
        if refs is None:
            continue
        # the etiology candidates: codes that are not manifestations themselves, Z codes or external causes
        others = [c for c in dxs if c != code and refs_of[c] is None and not c.startswith(_NOT_ETIOLOGY)]
        named = others_matching(dxs, code, refs.__contains__)
        if not others:
            out.append(Finding("warning", (code,), f"{with_dot(code)} is a manifestation code and is coded "
                               "alone: code the underlying condition (etiology) first", MANIFEST_RULE))
        elif refs and not named and pos > 0 and not any(_is(c, gd.SYSTEMIC_ETIOLOGIES)
                                                        and not _is(c, gd.NOT_AN_ETIOLOGY) for c in others):
            # "Code first underlying disease, such as: ..." lists examples: a systemic disease coded beside
            # it may be the etiology (anemia in rheumatoid arthritis D63.8 with M06.9); a chart with only
            # local or acute conditions (pneumonia, a UTI) has none.
            out.append(Finding("warning", (code,), f"{with_dot(code)} is a manifestation code and no "
                               "condition its \"code first\" note names is coded: code the underlying "
                               "condition (etiology) first, or query the provider for it", MANIFEST_RULE))
        elif named and all(i > pos for i in named):
            first = dxs[named[0]]
            msg = f"Sequence the etiology {with_dot(first)} before the manifestation {with_dot(code)}"
            out.append(Finding("warning", (code, first), msg, MANIFEST_RULE))
    return out
