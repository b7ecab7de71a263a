"""Guideline rules about a code that repeats what a more exact code of the chart already says: right and left
codes where the classification has a bilateral code (I.B.13), two degrees of burn of one site (I.C.19.d.2),
the organism code beside a newborn sepsis code that names the organism (I.C.16.f), and the interim
coronavirus codes beside COVID-19 (I.C.1.g.1), and I24.9 (acute ischemic heart disease, unspecified) beside a
myocardial infarction (I.A.9.b). guideline_pairs.py holds the older pair rules.
"""

from __future__ import annotations

import re

from codesets.codes import with_dot
from workbench.checks import guideline_data as gd
from workbench.checks.base import Context, Finding

BILATERAL_RULE = ("ICD-10-CM Official Guidelines I.B.13: a bilateral condition takes the bilateral code "
                  "where the classification has one")
BURN_SITE_RULE = ("ICD-10-CM Official Guidelines I.C.19.d.2: burns of one site of different degrees are "
                  "coded to the highest degree")
NEWBORN_ORGANISM_RULE = ("ICD-10-CM Official Guidelines I.C.16.f: no B95-B96 code when the P36 code names "
                         "the organism")
ORGANISM_RULE = ("ICD-10-CM Official Guidelines I.B.9: an infection whose organism is known is coded to the "
                 "organism's code, not 'unspecified organism' plus B95-B97")
ACUTE_IHD_RULE = ("ICD-10-CM Official Guidelines I.A.9.b and I.B.9: 'unspecified' acute ischemic heart "
                  "disease (I24.9) is for a record that says no more; a coded myocardial infarction is that "
                  "disease")
CORONAVIRUS_RULE = ("ICD-10-CM Official Guidelines I.C.1.g.1: COVID-19 is U07.1; B97.29 and B34.2 are for "
                    "other coronaviruses")

# I.C.16.f: the P36 codes that name their organism, and the B95-B96 codes of that organism.
NEWBORN_SEPSIS_ORGANISM = {
    "P360": ("B951",),  # group B streptococcus
    "P361": ("B950", "B951", "B952", "B953", "B954", "B955"),  # streptococci
    "P362": ("B9561", "B9562"),  # Staphylococcus aureus
    "P363": ("B957", "B958"),  # other staphylococci
    "P364": ("B962",),  # E. coli
}
OTHER_CORONAVIRUS = ("B9729", "B342")
_INFECTION_WORDS = ("infection", "infective", "abscess", "cellulitis", "sepsis", "septic")
_CARE_COMPLICATIONS = tuple(f"T8{i}" for i in range(9))


def run(ctx: Context) -> list[Finding]:
    if not ctx.enc.diagnoses:
        return []
    return (right_and_left(ctx) + side_beside_bilateral(ctx) + burn_degrees_one_site(ctx)
            + newborn_sepsis_organism(ctx) + coronavirus(ctx) + organism_beside_unspecified(ctx)
            + acute_ihd_beside_mi(ctx))


def _title(ctx: Context, code: str) -> str:
    from workbench.checks.guideline_pairs import _title as title

    return title(ctx, code)


# Words that say the side (or the organ of a side), not the condition: the bilateral title says the rest
# in the same words ("Unilateral primary osteoarthritis, right knee" / "Bilateral primary osteoarthritis
# of knee"; "Primary open-angle glaucoma, right eye, mild stage" / "..., bilateral, mild stage").
_SIDE_WORDS = frozenset({"right", "left", "bilateral", "unilateral", "of", "eye", "eyes", "upper", "lower",
                         "limb", "limbs", "side", "sides", "ear", "ears", "both"})


def _condition_words(title: str) -> frozenset[str]:
    t = title.lower().replace(",", " ").replace("(", " ").replace(")", " ")
    return frozenset(t.split()) - _SIDE_WORDS


def _category_codes(ctx: Context, category: str) -> list[tuple[str, str]]:
    """(code, lowercase title) of every billable code under a category, read once per release."""

    def make() -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        todo = [category]
        while todo:
            for k in ctx.release.children(todo.pop()):
                if k.billable:
                    out.append((k.code, (k.title or "").lower()))
                todo.append(k.code)
        return out

    return list(ctx.cached(("category-codes", ctx.release.id, category), make))


def _bilateral_sibling(ctx: Context, right: str) -> str:
    """The billable code of `right`'s category titled as `right` with its side said "bilateral" (M17.11 ->
    M17.0, H40.1111 -> H40.1131, G56.01 -> G56.03), or "": read from the release's titles, no list."""

    def make() -> str:
        words = _condition_words(_title(ctx, right))
        return next((c for c, t in _category_codes(ctx, right[:3])
                     if "bilateral" in t.replace(",", " ").split() and _condition_words(t) == words), "")

    return ctx.cached(("bilateral-sib", ctx.release.id, right), make)


def _as_left(title: str) -> str:
    return re.sub(r"\bright\b", "left", title, count=1)


def right_and_left(ctx: Context) -> list[Finding]:
    """E11.3511 (right eye) with E11.3512 (left eye): the release has E11.3513 (bilateral); M17.11 with
    M17.12: M17.0. Different stages or types of each side (H40.1112 with H40.1121) differ in title: no
    finding (I.C.7.a.2 codes each eye then)."""
    if ctx.release is None:
        return []
    dxs = ctx.dx_codes
    out = []
    for r in dxs:
        if len(r) < 4 or "right" not in _title(ctx, r).replace(",", " ").split():
            continue
        for left in dxs:
            if left == r or left[:3] != r[:3] or len(left) != len(r):
                continue
            if _title(ctx, left) != _as_left(_title(ctx, r)):
                continue
            both = _bilateral_sibling(ctx, r)
            if both:
                out.append(Finding("warning", (r, left), f"{with_dot(r)} (right) and {with_dot(left)} "
                                   f"(left) code one bilateral condition: the release has {with_dot(both)} "
                                   "(bilateral); code it once", BILATERAL_RULE))
    return out


_Sided = tuple[str, frozenset[str]]


def _sided(ctx: Context, code: str, memo: dict[str, _Sided]) -> _Sided:
    """("bilateral", "one" or "", the title's condition words); `memo` is the release's answers by code."""
    hit = memo.get(code)
    if hit is None:
        title = _title(ctx, code)
        words = set(title.replace(",", " ").split())
        kind = "bilateral" if "bilateral" in words else "one" if len(words & {"right", "left"}) == 1 else ""
        hit = memo[code] = (kind, _condition_words(title) if kind else frozenset())
    return hit


def side_beside_bilateral(ctx: Context) -> list[Finding]:
    """H40.1121 (left eye) beside H40.1131 (bilateral) of the same stage, M17.12 beside M17.0: the bilateral
    code already says that side. A side with another stage or type (H40.1112 beside H40.1131) differs in
    title: no finding."""
    if ctx.release is None:
        return []
    dxs = ctx.dx_codes
    if len({c[:3] for c in dxs}) == len(dxs):  # no category coded twice: nothing to compare
        return []
    memo: dict[str, _Sided] = ctx.cached(("sided", ctx.release.id), dict)
    out = []
    for both in dxs:
        if len(both) < 4 or (sided := _sided(ctx, both, memo))[0] != "bilateral":
            continue
        for one in dxs:
            if one != both and one[:3] == both[:3] and _sided(ctx, one, memo) == ("one", sided[1]):
                out.append(Finding("warning", (one, both), f"{with_dot(one)} (one side) is coded beside "
                                   f"{with_dot(both)} (bilateral) of the same condition: the bilateral code "
                                   f"says both sides; remove {with_dot(one)}", BILATERAL_RULE))
    return out


def _burn(code: str) -> tuple[str, int] | None:
    """(category and site characters, degree 1-3) of a T20-T25 burn code (not corrosions, 4th char 4-7)."""
    burn = code.startswith(("T20", "T21", "T22", "T23", "T24", "T25"))
    if not burn or len(code) < 6 or code[3] not in "123":
        return None
    return code[:3] + code[4:6], int(code[3])


def burn_degrees_one_site(ctx: Context) -> list[Finding]:
    """T22.211A with T22.111A: the right forearm's burn is coded once, second degree."""
    burns = [(c, b) for c in ctx.dx_codes if (b := _burn(c)) is not None]
    out = []
    for c, (site, degree) in burns:
        worse = next((w for w, (s, d) in burns if s == site and d > degree), None)
        if worse is not None:
            out.append(Finding("warning", (c, worse), f"{with_dot(c)} (degree {degree}) and "
                               f"{with_dot(worse)} are burns of the same site: code the site once, to its "
                               f"highest degree ({with_dot(worse)})", BURN_SITE_RULE))
    return out


def newborn_sepsis_organism(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    out: list[Finding] = []
    for p in dxs:
        named = NEWBORN_SEPSIS_ORGANISM.get(p[:4])
        if not p.startswith("P36") or named is None:
            continue
        out.extend(Finding("warning", (b, p), f"{with_dot(b)} (organism) beside {with_dot(p)}, whose title "
                           "names the organism: leave the B95-B96 code out", NEWBORN_ORGANISM_RULE)
                   for b in dxs if b.startswith(named))
    return out


def acute_ihd_beside_mi(ctx: Context) -> list[Finding]:
    """I24.9 (acute ischemic heart disease, unspecified) beside an I21 or I22 myocardial infarction: I24 holds
    the acute ischemic heart diseases other than infarction, and the MI already says which one it was."""
    dxs = ctx.dx_codes
    if "I249" not in dxs:
        return []
    mi = next((c for c in dxs if c.startswith(("I21", "I22"))), None)
    if mi is None:
        return []
    return [Finding("warning", ("I249", mi), f"I24.9 (acute ischemic heart disease, unspecified) beside "
                    f"{with_dot(mi)}: the myocardial infarction is the acute ischemic heart disease; leave "
                    "I24.9 out", ACUTE_IHD_RULE)]


def coronavirus(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    if "U071" not in dxs:
        return []
    return [Finding("warning", (c, "U071"), f"{with_dot(c)} (another coronavirus) beside U07.1: COVID-19 is "
                    f"coded U07.1 with its manifestations; remove {with_dot(c)}", CORONAVIRUS_RULE)
            for c in dxs if c in OTHER_CORONAVIRUS]


def _asks_for_organism(ctx: Context, code: str, organism: str) -> bool:
    """Whether a 'use additional code' note of `code` (its own or inherited) names `organism` (N39.0's
    "Use additional code (B95-B97), to identify infectious agent")."""
    from workbench.checks.classification import _refs, notes_of

    # a note naming no range ("to identify infectious agent") and a complication of care (T80-T88, whose
    # infection takes the organism code) count as asking for it too
    return ctx.cached(("asks-organism", ctx.release.id, code, organism), lambda: code.startswith(
        _CARE_COMPLICATIONS) or any(
            n.kind == "use_additional_code"
            and (organism in _refs(ctx, n.text) or "infectious agent" in n.text or "organism" in n.text)
            for n in notes_of(ctx, code)))


def _carries_organism(ctx: Context, code: str, organism: str) -> bool:
    """Whether `code` is an infection the B95-B97 code may belong to: one whose notes ask for the organism,
    or any other coded infection (appendicitis K35.80, cholecystitis K81.0, osteomyelitis M86.171: I.C.1.b
    puts B95-B97 beside an infection coded elsewhere, note or not). Another 'unspecified organism' code
    carries none: it should name the organism itself."""
    if _asks_for_organism(ctx, code, organism):
        return True
    if "unspecified organism" in _title(ctx, code):
        return False
    return code.startswith(gd.LOCALIZED_INFECTIONS) or any(
        w in _title(ctx, code) for w in _INFECTION_WORDS)


def organism_beside_unspecified(ctx: Context) -> list[Finding]:
    """J18.9 (pneumonia, unspecified organism) with B95.62 (MRSA) and nothing else the MRSA could belong to:
    the Index's organism subterm gives J15.212. With N39.0 also coded, B96.20 is the UTI's: no finding."""
    if ctx.release is None:
        return []
    dxs = ctx.dx_codes
    organisms = [b for b in dxs if b.startswith(("B95", "B96", "B97"))]
    if not organisms:
        return []
    out = []
    for u in dxs:
        if "unspecified organism" not in _title(ctx, u):
            continue
        for b in organisms:
            if any(_carries_organism(ctx, c, b) for c in dxs if c != u and not c.startswith("B9")):
                continue
            out.append(Finding("warning", (u, b), f"{with_dot(u)} (unspecified organism) with {with_dot(b)}: "
                               "the organism is known; code the infection to the code naming it (Index: the "
                               "organism subterm) and leave the B95-B97 code out", ORGANISM_RULE))
    return out
