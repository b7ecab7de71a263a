"""Guideline rules about where a code may stand on the claim, beside the sequencing of guidelines.py: codes
that may only be the principal diagnosis (I.C.21.c.16: Z51.11 chemotherapy, Z51.0 radiotherapy, ...),
hypertension and diabetes in pregnancy coded without their chapter-15 code (I.C.15.d, I.C.15.g), the
7th character of a poisoning treated as an inpatient (I.C.19.a), and superficial injuries first or beside a
more severe injury of the same site (I.C.19.b), and a newborn's gestational age before its birth weight (the
P07 note, I.C.16.e).
"""

from __future__ import annotations

import re

from codesets.codes import with_dot
from workbench.checks import guideline_data as gd
from workbench.checks.base import Context, Finding

FIRST_LISTED_RULE = ("ICD-10-CM Official Guidelines I.C.21.c.16 (and I.C.2.e.2 for chemotherapy and "
                     "radiotherapy): Z codes that may only be principal/first-listed")
PREGNANCY_HTN_RULE = ("ICD-10-CM Official Guidelines I.C.15.a.1 and I.C.15.d: hypertension in pregnancy, "
                      "childbirth and the puerperium (O10-O16)")
PREGNANCY_DM_RULE = ("ICD-10-CM Official Guidelines I.C.15.a.1 and I.C.15.g: pre-existing diabetes in "
                     "pregnancy (O24.-, then E08-E13)")
P07_ORDER_RULE = ("ICD-10-CM Official Guidelines I.C.16.e and the P07 note: birth weight sequenced before "
                  "gestational age")
POISONING_7TH_RULE = ("ICD-10-CM Official Guidelines I.C.19.a: 7th character A while the patient receives "
                      "active treatment")

# I.C.21.c.16, "Z codes that may only be principal/first-listed diagnosis" (the liveborn Z38.- has its own
# rule, I.C.16.a.2): (prefix, what it is)
FIRST_LISTED_ONLY: tuple[tuple[str, str], ...] = (
    ("Z00", "general examination"), ("Z01", "special examination"), ("Z02", "administrative examination"),
    ("Z04", "examination and observation"), ("Z3181", "male factor infertility in a female patient"),
    ("Z3182", "Rh incompatibility status"), ("Z3183", "assisted reproductive fertility procedure cycle"),
    ("Z3184", "fertility preservation procedure"), ("Z332", "elective termination of pregnancy"),
    ("Z34", "supervision of normal pregnancy"), ("Z39", "postpartum care"),
    ("Z40", "prophylactic surgery"), ("Z42", "plastic surgery following a healed injury or operation"),
    ("Z510", "antineoplastic radiation therapy"), ("Z511", "antineoplastic chemotherapy or immunotherapy"),
    ("Z52", "organ or tissue donation"), ("Z761", "health supervision of a foundling"),
    ("Z762", "health supervision of another healthy infant or child"),
    ("Z9912", "respirator dependence during a power failure"),
)

# Conditions chapter 15 classifies with its own code in pregnancy, childbirth and the puerperium, and the
# chapter-15 categories that code them (the I00-I99 / E08-E13 code follows only where those ask for it).
HYPERTENSION = ("I10", "I11", "I12", "I13", "I15", "I1A")
HYPERTENSION_IN_PREGNANCY = ("O10", "O11", "O13", "O14", "O15", "O16")
DIABETES = ("E08", "E09", "E10", "E11", "E13")
DIABETES_IN_PREGNANCY = ("O24",)


def run(ctx: Context) -> list[Finding]:
    if not ctx.enc.diagnoses:
        return []
    return (first_listed_only(ctx) + pregnancy_companions(ctx) + diabetes_type_in_pregnancy(ctx)
            + poisoning_seventh(ctx)
            + superficial_injuries(ctx) + weeks_before_weight(ctx))


BIRTH_WEIGHT = ("P070", "P071")  # P07.0- extremely low, P07.1- other low birth weight
GESTATIONAL_AGE = ("P072", "P073")  # P07.2- extreme immaturity, P07.3- preterm newborn


def weeks_before_weight(ctx: Context) -> list[Finding]:
    """P07.33 then P07.16: "When both birth weight and gestational age of the newborn are available, both
    should be coded with birth weight sequenced before gestational age" (P07). A warning, as the code-first
    orders among secondary codes are: the classification's own sequencing instruction, which an audit
    counts, though the grouping is the same either way (DRG 792 for P07.16 with P07.33)."""
    dxs = ctx.dx_codes
    weight = next((i for i, c in enumerate(dxs) if c.startswith(BIRTH_WEIGHT)), None)
    if weight is None:
        return []
    return [Finding("warning", (c, dxs[weight]), f"Sequence the birth weight {with_dot(dxs[weight])} before "
                    f"the gestational age {with_dot(c)} (note at P07)", P07_ORDER_RULE)
            for c in dxs[:weight] if c.startswith(GESTATIONAL_AGE)]


def first_listed_only(ctx: Context) -> list[Finding]:
    out = []
    for c in ctx.dx_codes[1:]:
        what = next((w for p, w in FIRST_LISTED_ONLY if c.startswith(p)), None)
        if what is not None:
            out.append(Finding("warning", (c,), f"{with_dot(c)} (encounter for {what}) may only be the "
                               "principal diagnosis: sequence it first when it is the reason for the "
                               "admission, otherwise leave it off the claim", FIRST_LISTED_RULE))
    return out


def pregnancy_companions(ctx: Context) -> list[Finding]:
    """Hypertension or diabetes coded from chapters 9 and 4 alone on a pregnancy, delivery or puerperium
    record: chapter 15 has the codes for them (O10-O16, O24.-), and O80 is then not the delivery code."""
    dxs = ctx.dx_codes
    if not any(c.startswith("O") for c in dxs):
        return []
    out = []
    o80 = ("O80",) if "O80" in dxs else ()
    htn = next((c for c in dxs if c.startswith(HYPERTENSION)), None)
    if htn is not None and not any(c.startswith(HYPERTENSION_IN_PREGNANCY) for c in dxs):
        out.append(Finding("warning", (htn, *o80), f"{with_dot(htn)} (hypertension) on a pregnancy record "
                           "without its chapter-15 code: hypertension in pregnancy, childbirth or the "
                           "puerperium is O10-O16 (pre-existing essential hypertension O10.0-), sequenced "
                           "as chapter 15 codes are", PREGNANCY_HTN_RULE))
    dm = next((c for c in dxs if c.startswith(DIABETES)), None)
    if dm is not None and not any(c.startswith(DIABETES_IN_PREGNANCY) for c in dxs):
        out.append(Finding("warning", (dm, *o80), f"{with_dot(dm)} (diabetes) on a pregnancy record without "
                           "O24.-: pre-existing diabetes is O24.0-, O24.1-, O24.3- or O24.8- first, then "
                           f"{with_dot(dm)} to name the type and its complications", PREGNANCY_DM_RULE))
    return out


_FROM_CATEGORIES = re.compile(r"from categor(?:y|ies) ((?:[A-Z]\d\d\b(?:,? and |, )?)+)")


def _type_categories(ctx: Context, code: str) -> tuple[str, ...]:
    """The diabetes categories an O24 code's "use additional code from category E11 ..." note asks for
    (O24.0- E10, O24.1- and O24.3- E11, O24.8- E08, E09 and E13; none for gestational O24.4-), read once
    per release and code."""

    def make() -> tuple[str, ...]:
        cats: list[str] = []
        for n in ctx.release.notes(code) if ctx.release is not None else ():
            if n.kind == "use_additional_code" and (m := _FROM_CATEGORIES.search(n.text)):
                cats += [c for c in re.findall(r"[A-Z]\d\d", m.group(1)) if c.startswith("E")]
        return tuple(cats)

    return ctx.cached(("o24-type", ctx.release.id if ctx.release is not None else None, code), make)


def diabetes_type_in_pregnancy(ctx: Context) -> list[Finding]:
    """O24.113 with no E11 code: pre-existing diabetes in pregnancy is O24.- first, followed by the diabetes
    code that says its type and complications (I.C.15.g); the O24 code's note names the category."""
    dxs = ctx.dx_codes
    out = []
    for c in dxs:
        if not c.startswith(DIABETES_IN_PREGNANCY):
            continue
        cats = _type_categories(ctx, c)
        if cats and not any(d.startswith(cats) for d in dxs):
            out.append(Finding("warning", (c,), f"{with_dot(c)} (pre-existing diabetes in pregnancy) is "
                               "coded without the diabetes code its note asks for (category "
                               f"{', '.join(cats)}): O24.- first, then the E08-E13 code for the type and its "
                               "complications "
                               "(E11.9 when none)", PREGNANCY_DM_RULE))
    return out


def poisoning_seventh(ctx: Context) -> list[Finding]:
    """A principal poisoning with 7th character D (subsequent encounter): an inpatient admission for the
    poisoning is active treatment, 7th character A."""
    pdx = ctx.dx_codes[0]
    if len(pdx) != 7 or pdx[6] != "D" or not gd.is_poisoning(pdx):
        return []
    return [Finding("warning", (pdx,), f"{with_dot(pdx)} (subsequent encounter) is the principal diagnosis "
                    "of an admission that treats the poisoning: active treatment is the initial encounter, "
                    f"7th character A ({with_dot(pdx[:6] + 'A')})", POISONING_7TH_RULE)]


INJURY_RULE = ("ICD-10-CM Official Guidelines I.C.19.b and b.1: the most serious injury first; superficial "
               "injuries not coded with a more severe injury of the same site")
# S00, S10, ... S90: superficial injuries (abrasion, contusion, blister, bite) of each body region's block.
_SUPERFICIAL = tuple(f"S{r}0" for r in range(10))
# Injuries more serious than any superficial one: fractures (3rd character 2), dislocations (3), intracranial,
# spinal cord, vessel and internal organ injuries, crushing and traumatic amputations.
_SERIOUS = tuple(f"S{r}{k}" for r in range(10) for k in "23") + (
    "S06", "S14", "S24", "S34", "S15", "S25", "S35", "S26", "S27", "S36", "S37", "S07", "S17", "S28",
    "S38", "S47", "S48", "S57", "S58", "S67", "S68", "S77", "S78", "S87", "S88", "S97", "S98")


def _side(ctx: Context, code: str) -> str:
    item = ctx.release.cm(code) if ctx.release is not None else None
    words = set((item.title or "").lower().replace(",", " ").split()) if item is not None else set()
    sides = words & {"right", "left"}
    return sides.pop() if len(sides) == 1 else ""


def superficial_injuries(ctx: Context) -> list[Finding]:
    """A superficial injury beside a more severe injury of the same region and side (its block S_0-S_9), or
    sequenced first before a fracture, dislocation or internal injury elsewhere."""
    principal = ctx.dx_codes[0]
    dxs = [c for c in ctx.dx_codes if not c.startswith("S") or c[-1:] in "ABC"]  # injuries treated now
    out = []
    for c in dxs:
        if not c.startswith(_SUPERFICIAL):
            continue
        side = _side(ctx, c)
        same = next((d for d in dxs if d[:2] == c[:2] and d.startswith("S") and not d.startswith(_SUPERFICIAL)
                     and not (side and _side(ctx, d) and _side(ctx, d) != side)), None)
        if same is not None:
            out.append(Finding("warning", (c, same), f"{with_dot(c)} (superficial injury) is coded with "
                               f"{with_dot(same)}, a more severe injury of the same site: superficial "
                               "injuries are not coded then", INJURY_RULE))
        elif c == principal and (serious := next((d for d in dxs if d.startswith(_SERIOUS)), None)):
            out.append(Finding("warning", (c, serious), f"{with_dot(c)} (superficial injury) is sequenced "
                               f"before {with_dot(serious)}: the most serious injury, the focus of "
                               "treatment, is the principal diagnosis", INJURY_RULE))
    return out
