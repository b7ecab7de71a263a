"""ICD-10-CM Official Guidelines, sequencing priorities of whole chapters: poisoning before its
manifestations (I.C.19.e.5.b), chapter 15 first (I.C.15.a.1) and the outcome of delivery (I.C.15.b.5), the
liveborn code first on the birth record (I.C.16.a.2), B20 first (I.C.1.a.2.a), burns by degree (I.C.19.d),
and an injury's 7th character against the stay (I.C.19.a). guideline_order.py holds the first-listed-only Z
codes and the chapter-15 companions.
"""

from __future__ import annotations

from codesets.codes import with_dot
from workbench.checks import guideline_data as gd
from workbench.checks.base import Context, Finding

DELIVERY_RULE = "ICD-10-CM Official Guidelines I.C.15.b.5: outcome of delivery (Z37.-) on delivery records"
POISONING_RULE = "ICD-10-CM Official Guidelines I.C.19.e.5.b: poisoning first, then its manifestations"
OBSTETRIC_RULE = "ICD-10-CM Official Guidelines I.C.15.a.1: chapter 15 codes have sequencing priority"
NEWBORN_RULE = "ICD-10-CM Official Guidelines I.C.16.a.2 and I.C.21.c.12: Z38.- first on the birth record"
HIV_RULE = "ICD-10-CM Official Guidelines I.C.1.a.2.a: B20 first for an HIV-related condition"
BURN_RULE = ("ICD-10-CM Official Guidelines I.C.19.d.1 and d.6: burns by highest degree first; T31-T32 after "
             "the sites")
SEVENTH_CHAR_RULE = ("ICD-10-CM Official Guidelines I.C.19.a and I.B.10: 7th character A for active "
                     "treatment; the sequela (S) after its residual")


def _is(code: str, prefixes: tuple[str, ...]) -> bool:
    return code.startswith(prefixes)


def delivery_outcome(ctx: Context) -> list[Finding]:
    """An obstetric principal with a delivery and no Z37: the MCE then calls the admission a questionable
    obstetric admission, which misleads (the principal is obstetric); say what is missing instead."""
    dxs = ctx.dx_codes
    if not dxs[0].startswith("O") or any(c.startswith("Z37") for c in dxs):
        return []
    edits = [e.code for e in ctx.mce if e.name == "QUESTIONABLE_OBSTETRIC_ADMISSION" and e.code]
    for code in edits:
        ctx.explain("QUESTIONABLE_OBSTETRIC_ADMISSION", code)
    if not edits:
        return []
    return [Finding("warning", (dxs[0], *edits), f"A delivery ({', '.join(edits)}) is coded without the "
                    "outcome of delivery: add Z37.- (Z37.0 single live birth) after the obstetric codes",
                    DELIVERY_RULE)]



# ------------------------------------------------------------------ sequencing priorities

def poisoning_first(ctx: Context) -> list[Finding]:
    """I.C.19.e.5.b: a poisoning present on admission comes before the conditions it caused. A principal
    injury (S/T) or another poisoning is left alone: which injury is first is the coder's call."""
    enc = ctx.enc
    pdx = enc.diagnoses[0].code
    if pdx.startswith(("S", "T", "O", "P")):
        return []
    hit = next((d.code for d in enc.diagnoses[1:] if gd.is_poisoning(d.code) and d.poa in ("Y", "W", "")),
               None)
    if hit is None:
        return []
    return [Finding("warning", (pdx, hit), f"{with_dot(hit)} (poisoning or toxic effect) is present on "
                    f"admission but sequenced after {with_dot(pdx)}: the poisoning code is first, then its "
                    "manifestations", POISONING_RULE)]


def obstetric_first(ctx: Context) -> list[Finding]:
    """I.C.15.a.1: a chapter-15 code beside a principal from another chapter (pneumonia in pregnancy is
    O99.51- first, then J18.9); Z33.1 (incidental pregnancy) would have no chapter-15 code at all."""
    dxs = ctx.dx_codes
    pdx = dxs[0]
    if pdx.startswith(("O", "Z")):  # an encounter code (Z51.11 chemotherapy, I.C.2.e) keeps its place
        return []
    ob = next((c for c in dxs[1:] if c.startswith("O")), None)
    if ob is None:
        return []
    return [Finding("warning", (pdx, ob), f"{with_dot(ob)} (pregnancy, childbirth or the puerperium) is "
                    f"coded after {with_dot(pdx)}: chapter 15 codes are sequenced first; the other "
                    "chapter's code follows to name the condition", OBSTETRIC_RULE)]


def newborn_first(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    born = next((c for c in dxs[1:] if c.startswith("Z38")), None)
    age = ctx.enc.age_years()
    if born is None or age is not None and age >= 1:  # Z38 on an older patient is the age edit's
        return []
    return [Finding("warning", (dxs[0], born), f"{with_dot(born)} (liveborn infant) is the principal "
                    f"diagnosis of the birth record: sequence it before {with_dot(dxs[0])}", NEWBORN_RULE)]


def hiv_first(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    if not _is(dxs[0], gd.HIV_RELATED) or "B20" not in dxs:
        return []
    return [Finding("warning", (dxs[0], "B20"), f"{with_dot(dxs[0])} is an HIV-related condition admitted "
                    "with HIV disease: B20 is the principal diagnosis, the related condition after it",
                    HIV_RULE)]


def _burn_degree(code: str) -> int:
    """The degree (1-3) of a T20-T25 burn or corrosion code (4th character 1-3, 5-7), 0 if unstated."""
    d = int(code[3]) if len(code) > 3 and code[3].isdigit() else 0
    return d - 4 if d > 4 else (d if d < 4 else 0)


def burns(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    pdx = dxs[0]
    sites = [c for c in dxs if c.startswith(("T20", "T21", "T22", "T23", "T24", "T25"))]
    if not sites:
        return []
    if pdx.startswith(("T31", "T32")):
        return [Finding("warning", (pdx, sites[0]), f"{with_dot(pdx)} (extent of body surface burned) is "
                        f"principal although the burn sites are coded ({with_dot(sites[0])}): sequence the "
                        "site of the highest degree first, T31-T32 after", BURN_RULE)]
    if pdx in sites:
        worse = next((c for c in sites if _burn_degree(c) > _burn_degree(pdx)), None)
        if worse is not None:
            return [Finding("warning", (pdx, worse), f"{with_dot(pdx)} (degree {_burn_degree(pdx)}) is "
                            f"sequenced before {with_dot(worse)} (degree {_burn_degree(worse)}): the burn of "
                            "the highest degree is first", BURN_RULE)]
    return []



# ------------------------------------------------------------------ injury 7th character (I.C.19.a)

_FRACTURE_CATEGORIES = ("S02", "S12", "S22", "S32", "S42", "S52", "S62", "S72", "S82", "S92")


def injury_encounter(ctx: Context) -> list[Finding]:
    """A principal injury whose 7th character contradicts the stay: D (subsequent encounter, routine
    healing) for a fracture repaired or replaced this stay, which is active treatment (A); S (sequela)
    first, where the residual condition is sequenced first and the sequela code after it."""
    dxs = ctx.dx_codes
    pdx = dxs[0]
    if len(pdx) != 7 or not pdx.startswith(("S", "T")):
        return []
    if pdx[6] == "S":
        return [Finding("warning", (pdx,), f"{with_dot(pdx)} is a sequela code (7th character S) sequenced "
                        "first: code the residual condition (the late effect being treated) first and the "
                        "sequela code after it", SEVENTH_CHAR_RULE)]
    if pdx[6] == "D" and pdx.startswith(_FRACTURE_CATEGORIES):
        fix = next((p.code for p in ctx.enc.procedures
                    if p.code[:2] in ("0Q", "0P", "0S", "0R") and p.code[2:3] in "SRUHQT"), None)
        if fix is not None:
            right = with_dot(pdx[:6] + "A")
            return [Finding("warning", (pdx, fix), f"{with_dot(pdx)} (subsequent encounter, routine healing) "
                            f"with {fix}, surgical treatment of the fracture this stay: active treatment is "
                            f"the initial encounter, 7th character A ({right})", SEVENTH_CHAR_RULE)]
    return []


_INITIAL, _SUBSEQUENT = gd.INITIAL_ENCOUNTER, gd.SUBSEQUENT_ENCOUNTER


def encounter_twice(ctx: Context) -> list[Finding]:
    """One injury, poisoning or pathological fracture coded for the initial encounter (A, B, C) and for a
    subsequent one (D-R) in the same stay (S72.001A with S72.001D, T40.2X1A with T40.2X1D): one stay is one
    encounter for it, active treatment (A) while it is treated. The sequela (S) is left alone: an old
    injury's late effect beside a new injury of the same site is possible."""
    first = {c[:6]: c for c in ctx.dx_codes if len(c) == 7 and c[0] in "STM" and c[6] in _INITIAL}
    out = []
    for c in ctx.dx_codes:
        twin = first.get(c[:6]) if len(c) == 7 and c[6] in _SUBSEQUENT else None
        if twin is not None:
            out.append(Finding("warning", (c, twin), f"{with_dot(c)} (subsequent encounter) is coded beside "
                               f"{with_dot(twin)} (initial encounter) of the same condition: one stay is one "
                               f"encounter; while it is actively treated the 7th character is {twin[6]}: "
                               f"remove {with_dot(c)}", SEVENTH_CHAR_RULE))
    return out
