"""Guideline rules read from the classification that no table in guideline_data.py holds:

- a "Code first" note that names the combination subcode of a category (J18's "code first, if applicable,
  associated influenza (J09.X1, J10.0-, J11.0-)") while another subcode of that category is coded (J11.1
  beside J18.9): the Index "with" makes the pair the combination code (I.A.13, I.A.15);
- a procedure on a bone, joint, limb, breast, lung lobe or kidney of one side while every diagnosis of that
  body system that names a side names the other (a right femoral neck fracture with a left hip
  hemiarthroplasty, a left breast cancer with a right mastectomy): one of the two is miscoded (I.B.13).
"""

from __future__ import annotations

from typing import Any

from codesets.codes import with_dot
from workbench.checks.base import Context, Finding

NAMED_SUBCODE_RULE = ("ICD-10-CM Official Guidelines I.A.13 and I.A.15: a \"Code first\" note naming the "
                      "combination subcode at {where}")
SIDE_RULE = ("ICD-10-CM Official Guidelines I.B.13 (laterality): the side of a procedure and of the "
             "diagnoses it treats")

# ICD-10-PCS Medical and Surgical body systems whose body part values name the side, and the diagnoses
# with a side that such a procedure treats: bones and joints (0P-0S) and the limbs (0X, 0Y: amputations)
# with musculoskeletal and injury codes, joint prosthesis complications (T84) and, for the limbs, a limb's
# atherosclerosis (I70.2-) and ulcers (L97, L89); the breast (0H) with breast neoplasms and disorders; the
# lung lobes (0B) with lung neoplasms; the kidneys and ureters (0T) with kidney and ureter neoplasms.
# Vascular access and chest drains name a side unrelated to the diagnoses: their body systems are not here.
_BONES = ("M", "S", "T84")
_SIDED: dict[str, tuple[str, ...]] = {
    "0P": _BONES, "0Q": _BONES, "0R": _BONES, "0S": _BONES,
    "0X": _BONES + ("L97", "L89"), "0Y": _BONES + ("I702", "I703", "I704", "I705", "I707", "L97", "L89"),
    "0H": ("C50", "D05", "D24", "N6"), "0B": ("C34", "D022", "D143"),
    "0T": ("C64", "C65", "C66", "D300", "D301", "D302", "N13", "N20"),
}
# Of those body systems, the body part values (4th character) the diagnoses above are of: breast and nipple
# (not the skin of 0H), the lung lobes and lungs (not the bronchi or pleura of 0B), kidney, renal pelvis
# and ureter (not the bladder or urethra of 0T).
_SIDED_PARTS = {"0H": "TUVWX", "0B": "CDFGHJKLM", "0T": "013467"}


def run(ctx: Context) -> list[Finding]:
    if ctx.release is None or not ctx.enc.diagnoses:
        return []
    return named_subcode(ctx) + procedure_side(ctx)


def _single_code_first(ctx: Context, code: str) -> list[Any]:
    """The code's "Code first" notes that stand alone at their place (not an item of a "such as" list)
    and name subcodes below a category ("J11.0-", "J09.X1"), with their parsed references."""
    from workbench.checks.classification import _refs, notes_of

    def make() -> list[Any]:
        hit = []
        by_source: dict[str, list[Any]] = {}
        for n in notes_of(ctx, code):
            if n.kind == "code_first":
                by_source.setdefault(n.source, []).append(n)
        for group in by_source.values():
            text = group[0].text.lower()
            if len(group) != 1 or "such as" in text or text.rstrip().endswith(":"):
                continue
            refs = _refs(ctx, group[0].text)
            cats = {r.lo[:3] for r in refs if len(r.lo) > 3 and r.lo[:3] == r.hi[:3]}
            if refs and cats:
                hit.append((group[0], refs, frozenset(cats)))
        return hit

    return ctx.cached(("named-subcode", ctx.release.id, code), make)


def _joined(text: str) -> str:
    return text if text.startswith(",") else " " + text


def named_subcode(ctx: Context) -> list[Finding]:
    """J11.1 beside J18.9: J18's note names J11.0- (influenza with pneumonia), the code that goes with it."""
    from workbench.checks.classification import _where

    dxs = ctx.dx_codes
    out = []
    for code in dxs:
        for note, refs, cats in _single_code_first(ctx, code):
            if any(c != code and c in refs for c in dxs):
                continue  # the named code is there
            other = next((c for c in dxs if c != code and c[:3] in cats), None)
            if other is None:
                continue
            where = _where(ctx, note.source)
            out.append(Finding("warning", (other, code), f"{with_dot(other)} is coded beside "
                               f"{with_dot(code)}, whose note reads \"Code first{_joined(note.text)}\": the "
                               f"{with_dot(other)[:3]} code that goes with {with_dot(code)} is the one the "
                               f"note names (the Index \"with\"); replace {with_dot(other)}",
                               NAMED_SUBCODE_RULE.format(where=where)))
    return out


def _side_of_title(title: str) -> set[str]:
    words = set(title.lower().replace(",", " ").split())
    if "bilateral" in words:
        return {"right", "left"}
    return words & {"right", "left"}


def _body_part(ctx: Context, code: str) -> str:
    """The body part value's meaning ("Hip Joint, Femoral Surface, Left"); "" for a code of no table."""
    return str(ctx.cached(("pcs-part", ctx.release.id, code[:4]),
                          lambda: ctx.release.pcs_axis(code[:3], 4, code[3]) or ""))


def _dx_sides(ctx: Context, code: str) -> frozenset[str]:

    def make() -> frozenset[str]:
        item = ctx.release.cm(code)
        return frozenset(_side_of_title(item.title or "") if item is not None else ())

    return ctx.cached(("dx-sides", ctx.release.id, code), make)


def procedure_side(ctx: Context) -> list[Finding]:
    """A procedure of one side when the sided diagnoses of its body system (_SIDED) all name the other:
    0SRS0J9 (left hip) with S72.001A (right femoral neck) and nothing on the left."""
    out: list[Finding] = []
    for code in (p.code for p in ctx.enc.procedures if p.code[:2] in _SIDED and len(p.code) == 7
                 and p.code[3] in _SIDED_PARTS.get(p.code[:2], p.code[3])):
        sides: set[str] = set()
        sided: list[str] = []
        for c in ctx.dx_codes:
            if c.startswith(_SIDED[code[:2]]) and (s := _dx_sides(ctx, c)):
                sides |= s
                sided.append(c)
        if not sided or sides == {"right", "left"}:
            continue
        named = next(iter(sides))
        part = _body_part(ctx, code)
        side = _side_of_title(part)
        if len(side) == 1 and not side & sides:
            out.append(Finding("warning", (code, sided[0]), f"{code} is on the {next(iter(side))} "
                               f"({part}), but the diagnoses name the {named} side only "
                               f"({', '.join(with_dot(c) for c in sided)}): check the side of the procedure "
                               "or of the diagnosis", SIDE_RULE))
    return out
