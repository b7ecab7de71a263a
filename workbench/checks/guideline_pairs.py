"""Guideline rules about two codes of one chart that say the same thing twice: the substance-use
hierarchy (I.C.5.b.1), insulin use with type 1 diabetes (I.C.4.a.3) and diabetes drugs with gestational
diabetes (I.C.15.i), O80 beside another obstetric code
(I.C.15.b.4), and a "without X" code beside what its "with X" sibling's notes ask to add (I.A.15, I.B.9).

The last one is read from the release, not a table: N40.0 "... without lower urinary tract symptoms"
beside R33.8, which N40.1 "... with lower urinary tract symptoms" asks to add ("use additional code ...
urinary retention (R33.8)"), means the chart should say N40.1.
"""

from __future__ import annotations

import re
from typing import Any

from codesets.codes import with_dot
from workbench.checks.base import Context, Finding

SUBSTANCE_RULE = "ICD-10-CM Official Guidelines I.C.5.b.1: psychoactive substance use, abuse and dependence"
INSULIN_RULE = "ICD-10-CM Official Guidelines I.C.4.a.3: long-term insulin use (Z79.4) and the diabetes type"
O80_RULE = "ICD-10-CM Official Guidelines I.C.15.b.4: O80 only when no other chapter-15 code applies"
TWICE_RULE = ("ICD-10-CM Official Guidelines I.B.2/I.B.9 and UHDDS: one condition is coded once, to its "
              "highest specificity")
# Chapters where two codes of one category describe one condition (no site, side or episode that
# would make them two): blood, endocrine, mental, nervous, circulatory, respiratory, digestive, renal.
_ONE_CONDITION = ("D5", "D6", "D7", "E", "F", "G", "I", "J", "K", "N", "R65")
_TWO_PLACES = frozenset("right left bilateral site sites region lobe upper lower".split())
WITHOUT_RULE = ("ICD-10-CM Official Guidelines I.A.15/I.B.9: a 'without' code beside what its 'with' "
                "combination sibling names")

SUBSTANCES = tuple(f"F1{i}" for i in range(10))  # F10-F19
# I.C.5.b.1: dependence > abuse > use; the fourth character names the level
_LEVEL = {"2": (3, "dependence"), "1": (2, "abuse"), "9": (1, "use")}


def run(ctx: Context) -> list[Finding]:
    if not ctx.enc.diagnoses:
        return []
    return (substance_hierarchy(ctx) + tobacco_use_beside_dependence(ctx) + insulin_type1(ctx)
            + drugs_with_gestational_diabetes(ctx)
            + uncomplicated_delivery(ctx) + without_sibling(ctx) + coded_twice(ctx)
            + diabetes_unspecified_twice(ctx) + heart_failure_combined(ctx) + septic_shock_in_parts(ctx)
            + unknown_primary_beside_known(ctx) + acute_and_chronic_apart(ctx) + anemia_unspecified_twice(ctx)
            + bmi_in_pregnancy(ctx) + gout_unspecified_twice(ctx))


def _without_of(title: str, other: str) -> bool:
    """Whether `title` is `other` with one of its "with" said "without" (K57.30 of K57.31), `other` saying
    more after it (K21.9 "... without esophagitis" of K21.00 "... with esophagitis, without bleeding")."""
    parts = title.split(" without ")
    for i in range(1, len(parts)):
        said = " without ".join(parts[:i]) + " with " + " without ".join(parts[i:])
        if other == said or other.startswith((said + ",", said + " ")):
            return True
    return False


def _without_named_by(title: str, other: str) -> bool:
    """Whether `title` says "without" the thing `other` (of its category) has "with" a qualifier: I25.10
    "... native coronary artery without angina pectoris" of I25.110 "... native coronary artery with unstable
    angina pectoris" (I.C.9.b: the combination code says both)."""
    head, sep, tail = title.partition(" without ")
    if not sep or not other.startswith(head + " with "):
        return False
    thing = set(tail.split(",")[0].split(" or ")[0].split())
    said = other[len(head) + 6:].split(",")[0].split(" without ")[0]
    return bool(thing) and thing <= set(said.split())


def _uncomplicated_of(title: str, other: str) -> bool:
    """Whether `title` says "uncomplicated" / "without complications" and `other` (of its subcategory) names
    a complication with "with" (J45.40 of J45.41, K50.90 of K50.911)."""
    plain = title.endswith((", uncomplicated", " without complications"))
    return plain and " with " in other and "without complications" not in other


def _core(title: str) -> set[str]:
    # "unspecified whether with hypoxia or hypercapnia" (J96.00) says nothing more than the word does
    title = title.split("unspecified whether")[0].split("unspecified as to")[0]
    return set(title.replace(",", " ").replace("(", " ").replace(")", " ").split()) - {"unspecified"}


def coded_twice(ctx: Context) -> list[Finding]:
    """An 'unspecified' code beside a code of its own category that says what it leaves unsaid
    (I50.9 beside I50.22, J96.00 beside J96.01): the condition is coded once, the specific code."""
    if ctx.release is None:
        return []
    dxs = ctx.dx_codes
    out: list[Finding] = []
    cats = [d[:3] for d in dxs]
    for c in dxs:
        if not c.startswith(_ONE_CONDITION) or c.startswith(("E08", "E09", "E10", "E11", "E13")) \
                or cats.count(c[:3]) < 2:
            continue
        title = _title(ctx, c)
        mine = _core(title)
        if _TWO_PLACES & mine:
            continue
        unspecified = "unspecified" in title
        other = next((d for d in dxs if d != c and d[:3] == c[:3] and not _TWO_PLACES & _core(_title(ctx, d))
                      and (unspecified and mine < _core(_title(ctx, d))
                           or _without_of(title, _title(ctx, d))
                           or _without_named_by(title, _title(ctx, d))
                           or d[:4] == c[:4] and not c.startswith(SUBSTANCES)  # substance_hierarchy's
                           and _uncomplicated_of(title, _title(ctx, d)))), None)
        if other is not None:
            out.append(Finding("warning", (c, other), f"{with_dot(c)} ({title}) is coded beside "
                               f"{with_dot(other)}, a code of the same category that says more: code the "
                               "condition once, the specific code", TWICE_RULE))
    return out


def gout_unspecified_twice(ctx: Context) -> list[Finding]:
    """Gout, unspecified (M10.9) beside a gout of its category with a site (M10.061), or chronic gout,
    unspecified (M1A.9-) beside a sited M1A code: one gout, coded once to its sites (I.B.9). coded_twice
    leaves the musculoskeletal chapter alone, where two codes of a category are mostly two sites."""
    dxs = ctx.dx_codes
    out = []
    for c in dxs:
        if c != "M109" and not c.startswith("M1A9"):
            continue
        other = next((d for d in dxs if d != c and d[:3] == c[:3] and d[3] != "9"), None)
        if other is not None:
            out.append(Finding("warning", (c, other), f"{with_dot(c)} (gout, site unspecified) is coded "
                               f"beside {with_dot(other)}, the same gout with its site: code the sites, not "
                               "the unspecified code", TWICE_RULE))
    return out


def substance_lower_levels(codes: Any) -> list[tuple[str, str]]:
    """(code, the code of the same substance that outranks it) for each psychoactive substance code
    (F10-F19) a higher level of its substance makes redundant (I.C.5.b.1: dependence > abuse > use), or an
    'uncomplicated' code beside a code of the same level that names its complication. An "in remission"
    code beside an active one is left alone (which one holds is the coder's call). Shared by the check and
    the suggestions (one level a substance)."""
    by_cat: dict[str, list[str]] = {}
    for c in codes:
        if c.startswith(SUBSTANCES) and len(c) >= 4 and c[3] in _LEVEL:
            by_cat.setdefault(c[:3], []).append(c)
    out = []
    for found in by_cat.values():
        if len(found) < 2:
            continue
        top = max(found, key=lambda c: (_LEVEL[c[3]][0], c[4:] != "0"))
        for c in found:
            if c == top:
                continue
            lower = _LEVEL[c[3]][0] < _LEVEL[top[3]][0]
            uncomplicated = c[3] == top[3] and c[4:] in ("0", "")
            remission = top[4:5] == "1" or c[4:5] == "1"  # "in remission" beside an active code: decide
            if (lower or uncomplicated) and not (remission and not uncomplicated):
                out.append((c, top))
    return out


def substance_hierarchy(ctx: Context) -> list[Finding]:
    """Two codes of one substance: the lower level goes (abuse beside dependence, use beside either);
    an 'uncomplicated' code goes beside a code of the same level that names its complication."""
    out: list[Finding] = []
    for c, top in substance_lower_levels(ctx.dx_codes):
        lower = _LEVEL[c[3]][0] < _LEVEL[top[3]][0]
        what = (f"{_LEVEL[c[3]][1]} is not coded beside {_LEVEL[top[3]][1]} of the same substance"
                if lower else f"{with_dot(top)} already says {_LEVEL[top[3]][1]}")
        out.append(Finding("warning", (c, top), f"{with_dot(c)} with {with_dot(top)}: {what}; code "
                           f"{with_dot(top)} alone", SUBSTANCE_RULE))
    return out


TOBACCO_RULE = ("ICD-10-CM Official Guidelines I.C.5.b.1 and the Index (Disorder, tobacco use: F17.20-; "
                "Use, tobacco, with dependence: see Dependence, drug, nicotine F17.2-): Z72.0 is tobacco use "
                "without dependence")


def tobacco_use_beside_dependence(ctx: Context) -> list[Finding]:
    """Z72.0 beside F17.2-. Decided here: a documented "tobacco use disorder" (DSM-5 wording, any severity)
    is nicotine dependence F17.2- as the Index classes it, never Z72.0, which is tobacco use with no
    dependence or disorder documented (its Excludes1 names F17.2-). The Excludes1 finding for this pair is
    left to this rule (classification.excludes1 skips it) so the coder reads one finding that says which
    code stays."""
    dxs = ctx.dx_codes
    dep = next((c for c in dxs if c.startswith("F172")), None)
    if dep is None or "Z720" not in dxs:
        return []
    return [Finding("warning", ("Z720", dep), f"Z72.0 (tobacco use) is coded beside {with_dot(dep)} "
                    "(nicotine dependence): a documented tobacco use disorder or dependence is F17.2- (the "
                    "Index classes \"tobacco use disorder\" as dependence, F17.20-); Z72.0 is use without "
                    "dependence and "
                    f"is excluded beside it: keep {with_dot(dep)}, remove Z72.0", TOBACCO_RULE)]


def insulin_type1(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    if "Z794" not in dxs:
        return []
    t1 = next((c for c in dxs if c.startswith("E10")), None)
    if t1 is None or any(c.startswith(("E08", "E09", "E11", "E13", "O24")) for c in dxs):
        return []
    # info, unlike Z79.4 with O24.4- (a warning: I.C.15.i says "should not be assigned"): I.C.4.a.3 has no
    # such words for type 1; only the Tabular differs (E11 asks for Z79.4, E10 does not), so a coder decides
    return [Finding("info", ("Z794", t1), f"Z79.4 (long-term insulin) with type 1 diabetes "
                    f"({with_dot(t1)}): type 1 implies insulin and E10 asks for no Z79.4; keep it only "
                    "if your facility's policy does", INSULIN_RULE)]


GDM_RULE = ("ICD-10-CM Official Guidelines I.C.15.i: Z79.4, Z79.84 and Z79.85 are not assigned with "
            "gestational diabetes (O24.4-)")


def drugs_with_gestational_diabetes(ctx: Context) -> list[Finding]:
    """O24.4- names its control (diet, insulin, oral drugs): no long-term drug status beside it. A warning:
    the guideline says these codes "should not be assigned" with O24.4-, so the coder removes it."""
    dxs = ctx.dx_codes
    gdm = next((c for c in dxs if c.startswith("O244")), None)
    if gdm is None:
        return []
    return [Finding("warning", (c, gdm), f"{with_dot(c)} with gestational diabetes ({with_dot(gdm)}): the "
                    "O24.4- code already says how it is controlled; leave the long-term drug code out",
                    GDM_RULE)
            for c in dxs if c in ("Z794", "Z7984", "Z7985")]


def uncomplicated_delivery(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    if "O80" not in dxs:
        return []
    other = next((c for c in dxs if c.startswith("O") and c != "O80"), None)
    if other is None:
        return []
    return [Finding("blocking", ("O80", other), f"O80 (uncomplicated delivery) with {with_dot(other)}: "
                    "O80 is used only when no other chapter-15 code applies; code the complication with "
                    "the outcome of delivery (Z37.-) instead", O80_RULE)]


def _title(ctx: Context, code: str) -> str:
    """The code's title, lower case (kept in the checker's shared memo)."""

    def make() -> str:
        item = ctx.release.cm(code) if ctx.release is not None else None
        return (item.title or "").lower() if item is not None else ""

    return ctx.cached(("title", ctx.release.id if ctx.release is not None else None, code), make)


def _asks_for(ctx: Context, code: str) -> list[Any]:
    """The code ranges a code's own 'use additional code' notes name (not inherited ones)."""
    from workbench.checks.classification import _refs, notes_of

    def make() -> list[Any]:
        hit: list[Any] = []
        for n in notes_of(ctx, code):
            if n.kind == "use_additional_code" and getattr(n, "source", code) == code:
                hit.extend(_refs(ctx, n.text))
        return hit

    return list(ctx.cached(("asks-for", ctx.release.id, code), make))


def _with_sibling(ctx: Context, rid: Any, c: str) -> tuple[str, tuple[Any, ...]]:
    """(the 'with' sibling of a 'without' code, the ranges its own 'use additional code' notes name), or
    ("", ()) (kept in the checker's memo: most codes have none)."""

    def make() -> tuple[str, tuple[Any, ...]]:
        title = _title(ctx, c)
        sib = ""
        if " without " in title:
            head, _, tail = title.partition(" without ")
            want = f"{head} with {tail}"
            parent = c[:-1] if len(c) > 3 else c
            sib = next((k.code for k in ctx.release.children(parent) if (k.title or "").lower() == want), "")
        return (sib, tuple(_asks_for(ctx, sib)) if sib else ())

    return ctx.cached(("without-sib", rid, c), make)


def without_sibling(ctx: Context) -> list[Finding]:
    if ctx.release is None:
        return []
    rid = ctx.release.id
    dxs = ctx.dx_codes
    out: list[Finding] = []
    for c in dxs:
        sib, ranges = _with_sibling(ctx, rid, c)
        for r in ranges:
            hit = next((d for d in dxs if d != c and d[: len(r.lo)] >= r.lo and d[: len(r.hi)] <= r.hi
                        and (r.test is None or r.test(d))), None)
            if hit is not None:
                out.append(Finding("warning", (c, hit), f"{with_dot(c)} says 'without' what {with_dot(hit)} "
                                   f"codes: {with_dot(sib)} ({_title(ctx, sib)}) is the combination, "
                                   f"with {with_dot(hit)} as its note asks", WITHOUT_RULE))
                break
    return out


_DM_UNSPECIFIED = (re.compile(r"with unspecified ([a-z ]+?)(?: without| with|,|$)"),
                   re.compile(r"with ([a-z ]+?), unspecified$"))


def _dm_unspecified_of(ctx: Context, code: str) -> str:
    """The complication a diabetes code leaves unspecified, as its last word ("neuropathy" of E11.40 "... with
    diabetic neuropathy, unspecified", "retinopathy" of E11.319 "... with unspecified diabetic retinopathy
    without macular edema"), or ""."""
    title = _title(ctx, code)
    for rx in _DM_UNSPECIFIED:
        m = rx.search(title)
        if m is not None and m.group(1).split()[-1] != "eye":
            return m.group(1).split()[-1]
    return ""


def diabetes_unspecified_twice(ctx: Context) -> list[Finding]:
    """A diabetes code that leaves its complication unspecified beside a code of the same category that
    specifies it (E11.40 beside E11.42 polyneuropathy, E11.319 beside E11.3553): coded once, the specific
    code (I.B.9; guidelines.py has E1x.8 and E1x.9 beside any complication)."""
    if ctx.release is None:
        return []
    dxs = ctx.dx_codes
    out: list[Finding] = []
    for c in dxs:
        if not c.startswith(("E08", "E09", "E10", "E11", "E13")) or len(c) < 5:
            continue
        word = _dm_unspecified_of(ctx, c)
        other = next((d for d in dxs if d != c and d[:3] == c[:3] and word and word in _title(ctx, d)), None)
        if other is not None:
            out.append(Finding("warning", (c, other), f"{with_dot(c)} ({_title(ctx, c)}) is coded beside "
                               f"{with_dot(other)}, which specifies the {word}: code it once, the specific "
                               "code", TWICE_RULE))
    return out


HF_RULE = ("ICD-10-CM Official Guidelines I.B.9 (Index: Failure, heart, systolic, combined with diastolic "
           "I50.4-): systolic and diastolic heart failure together")


def heart_failure_combined(ctx: Context) -> list[Finding]:
    """Systolic (I50.2-) and diastolic (I50.3-) heart failure coded apart: one combination code, I50.4-,
    whose 5th character is the acuity of the two together (acute and chronic: acute on chronic)."""
    dxs = ctx.dx_codes
    systolic = next((c for c in dxs if c.startswith("I502") and len(c) == 5), None)
    diastolic = next((c for c in dxs if c.startswith("I503") and len(c) == 5), None)
    if systolic is None or diastolic is None:
        return []
    both = {systolic[4], diastolic[4]} - {"0"}
    acuity = "3" if "3" in both or both == {"1", "2"} else (both.pop() if both else "0")
    return [Finding("warning", (systolic, diastolic), f"{with_dot(systolic)} and {with_dot(diastolic)} are "
                    "one condition: combined systolic and diastolic heart failure is "
                    f"{with_dot('I504' + acuity)}, coded alone", HF_RULE)]


SHOCK_RULE = ("ICD-10-CM Official Guidelines I.C.1.d.1.a and I.B.9: septic shock is R65.21 (the R57 "
              "Excludes1 names septic shock)")


def septic_shock_in_parts(ctx: Context) -> list[Finding]:
    """Severe sepsis without septic shock (R65.20) beside shock unspecified or other shock (R57.9, R57.8):
    the shock of a severe sepsis is septic shock, R65.21 alone. Cardiogenic and hypovolemic shock (R57.0,
    R57.1) have causes of their own and are left alone."""
    dxs = ctx.dx_codes
    shock = next((c for c in dxs if c in ("R579", "R578")), None)
    if "R6520" not in dxs or shock is None:
        return []
    return [Finding("warning", ("R6520", shock), f"R65.20 (severe sepsis without septic shock) is coded with "
                    f"{with_dot(shock)} (shock): severe sepsis with shock is R65.21, coded instead of both; "
                    "query if the shock has another cause", SHOCK_RULE)]


UNKNOWN_PRIMARY_RULE = ("ICD-10-CM Official Guidelines I.C.2.s: C80.1 only when no primary site can be "
                        "determined")
# Primary malignancies of a stated site (C00-C75, C7A, lymphoid and hematopoietic C81-C96); C76 (ill-defined
# sites) and the secondary sites C77-C79 leave the primary unknown.
_PRIMARY_OF_SITE = tuple(f"C{n:02d}" for n in range(76)) + ("C7A",) + tuple(f"C{n}" for n in range(81, 97))


def unknown_primary_beside_known(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    known = next((c for c in dxs if c.startswith(_PRIMARY_OF_SITE)), None) if "C801" in dxs else None
    if known is None:
        return []
    return [Finding("warning", ("C801", known), f"C80.1 (malignant neoplasm, primary site unspecified) is "
                    f"coded beside {with_dot(known)}, a primary of a known site: remove C80.1",
                    UNKNOWN_PRIMARY_RULE)]


# Acute (5th character 1) and chronic (2) forms coded apart where a code says "acute on chronic" / "acute and
# chronic" (3): heart failure I50.2-I50.4 by type, respiratory failure J96.0-/J96.1- -> J96.2- (its 5th
# character, hypoxia or hypercapnia, kept). (acute prefix, chronic prefix, both prefix)
_ACUTE_CHRONIC = (("I5021", "I5022", "I5023"), ("I5031", "I5032", "I5033"), ("I5041", "I5042", "I5043"),
                  ("J960", "J961", "J962"))


def acute_and_chronic_apart(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    out: list[Finding] = []
    for acute, chronic, both in _ACUTE_CHRONIC:
        a = next((c for c in dxs if c.startswith(acute)), None)
        ch = next((c for c in dxs if c.startswith(chronic)), None)
        b = next((c for c in dxs if c.startswith(both)), None)
        if a is not None and (ch is not None or b is not None):
            other = ch if ch is not None else b
            right = b if b is not None else both + a[len(acute):]
            out.append(Finding("warning", (a, str(other)), f"{with_dot(a)} (acute) is coded with "
                               f"{with_dot(str(other))}: acute on chronic is one code, {with_dot(right)}, "
                               "coded alone", TWICE_RULE))
        elif ch is not None and b is not None:
            out.append(Finding("warning", (ch, b), f"{with_dot(ch)} (chronic) is coded with {with_dot(b)}, "
                               "which says acute and chronic: code it once", TWICE_RULE))
    return out


def anemia_unspecified_twice(ctx: Context) -> list[Finding]:
    """Anemia, unspecified (D64.9) beside a code of the anemia it is (D50-D64: blood loss, deficiency,
    hemolytic, aplastic, anemia in CKD or neoplasm): coded once, the specific code."""
    dxs = ctx.dx_codes
    named = next((c for c in dxs if c != "D649" and "D50" <= c[:3] <= "D64"), None) if "D649" in dxs else None
    if named is None:
        return []
    return [Finding("warning", ("D649", named), f"D64.9 (anemia, unspecified) is coded beside "
                    f"{with_dot(named)}, which names the anemia: remove D64.9", TWICE_RULE)]


BMI_RULE = "ICD-10-CM Official Guidelines I.C.21.c.3: BMI codes are not assigned during pregnancy"


def bmi_in_pregnancy(ctx: Context) -> list[Finding]:
    dxs = ctx.dx_codes
    bmi = next((c for c in dxs if c.startswith("Z68")), None)
    if bmi is None or not any(c.startswith("O") for c in dxs):
        return []
    return [Finding("warning", (bmi,), f"{with_dot(bmi)} (body mass index) on a pregnancy record: BMI codes "
                    "are not assigned during pregnancy; obesity in pregnancy is O99.21- with E66.-",
                    BMI_RULE)]
