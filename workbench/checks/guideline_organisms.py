"""Guideline rules about where an infection's organism and cause are written, read from the release's titles
and notes: a "bacterial infection of unspecified site" code (A49.-) beside an infection whose site is coded
(I.C.1.e.1.b), an organism code (B95-B97) beside the one code that already names that organism (I.B.9), the
sepsis sequenced before the device or care complication that caused it (I.C.1.d.5.b), and an orthopedic
aftercare code for a healing fracture (I.C.21.c.7).
"""

from __future__ import annotations

import re

from codesets.codes import with_dot
from workbench.checks import guideline_data as gd
from workbench.checks.base import Context, Finding

UNSPECIFIED_SITE_RULE = ("ICD-10-CM Official Guidelines I.C.1.e.1.b: an infection whose site is coded takes "
                         "the organism as B95-B96, not A49.- (bacterial infection of unspecified site)")
ORGANISM_NAMED_RULE = ("ICD-10-CM Official Guidelines I.B.9 and I.C.1.b: B95-B97 identify the organism of "
                       "an infection coded elsewhere; a combination code that names the organism says it")
DEVICE_SEPSIS_RULE = ("ICD-10-CM Official Guidelines I.C.1.d.5.b: sepsis due to a device or a complication "
                      "of care, the complication code first, then the infection")
FRACTURE_AFTERCARE_RULE = ("ICD-10-CM Official Guidelines I.C.21.c.7: aftercare of an injury is the injury "
                           "code with 7th character D, not an aftercare Z code")

# A49.- (bacterial infection of unspecified site) and the B95-B96 code that says the same organism beside a
# site's infection: MSSA, MRSA, streptococcus NOS, H. influenzae, mycoplasma.
UNSPECIFIED_SITE_ORGANISM = {"A4901": "B95.61", "A4902": "B95.62", "A491": "B95.5", "A492": "B96.3",
                             "A493": "B96.0"}
# The site's infection is a body system's (chapters 2-21) or a sepsis; a chapter-1 or COVID-19 code names an
# infection of its own organism (chronic hepatitis C, HIV disease), not the site of this one.
_SYSTEMIC_SITE = ("A40", "A41")
_NOT_A_SITE = ("A", "B", "U", "Z")
# The B95-B97 title's tail after the organism ("... infection as the cause of diseases classified elsewhere").
_CAUSE_TAIL = re.compile(r"(?: infection)?,? as the cause of diseases classified elsewhere.*$")
_BRACKETS = re.compile(r"\s*\[[^\]]*\]")
# "Use additional code to identify infection" (T81.4-, T82.6-T82.7, T83.5-T83.6, T84.5-T84.7, T85.7-), "... to
# specify infection" (T86.-: a transplanted organ's infection): the infection, sepsis included, follows the
# complication code.
_ASKS_INFECTION = re.compile(r"\bto (?:identify|specify) (?:the )?infection\b")
# "Aftercare for healing fracture-code to fracture with 7th character D" (Z47's Excludes1); the aftercare
# codes of a procedure that outlives the fracture (joint replacement Z47.1, removal of internal fixation
# Z47.2, amputation Z47.81, explantation Z47.3-) are right with a fracture's D code.
# Z48's reads "aftercare for injury- code the injury with 7th character D": any injury there.
_INJURY_AFTERCARE = re.compile(r"aftercare (?:for|following) (healing fracture|injury)")
_AFTERCARE_OF_A_PROCEDURE = ("Z471", "Z472", "Z473", "Z4781", "Z4782")
_CARE_COMPLICATIONS = tuple(f"T8{i}" for i in range(9))


def run(ctx: Context) -> list[Finding]:
    if ctx.release is None or not ctx.enc.diagnoses:
        return []
    return (unspecified_site(ctx) + organism_named(ctx) + sepsis_before_complication(ctx)
            + fracture_aftercare(ctx))


def _title(ctx: Context, code: str) -> str:
    from workbench.checks.guideline_pairs import _title as title

    return title(ctx, code)


def unspecified_site(ctx: Context) -> list[Finding]:
    """A49.02 (MRSA infection, unspecified site) beside L03.115 (cellulitis of the right leg): the site is
    coded, so the organism is B95.62 after it ("Do not assign A49.02 as an additional code")."""
    dxs = ctx.dx_codes
    out = []
    for a in dxs:
        if not a.startswith("A49"):
            continue
        site = next((c for c in dxs if c.startswith(_SYSTEMIC_SITE) or not c.startswith(_NOT_A_SITE)
                     and c.startswith(gd.LOCALIZED_INFECTIONS + gd.SEPSIS)), None)
        if site is None:
            continue
        instead = UNSPECIFIED_SITE_ORGANISM.get(a)
        what = f"{instead} after the infection" if instead else "the organism's B95-B96 code after it"
        out.append(Finding("warning", (a, site), f"{with_dot(a)} (bacterial infection, unspecified site) is "
                           f"coded beside {with_dot(site)}, an infection whose site is coded: code {what} "
                           f"and leave {with_dot(a)} out", UNSPECIFIED_SITE_RULE))
    return out


def _organism(ctx: Context, code: str) -> str:
    """The organism a B95-B97 code names, as its title writes it ("methicillin resistant staphylococcus
    aureus"); "" for an unspecified or "other" organism, which no combination title repeats."""
    name = _BRACKETS.sub("", _CAUSE_TAIL.sub("", _title(ctx, code))).strip()
    return "" if name.startswith(("unspecified", "other")) or len(name) < 6 else name


def organism_named(ctx: Context) -> list[Finding]:
    """B95.62 (MRSA) beside J15.212 (pneumonia due to MRSA) with no other infection the organism could
    belong to: the combination code already names it. With a cellulitis also coded, B95.62 is the
    cellulitis's: no finding."""
    from workbench.checks.classification import _excluded_by, _excludes1_ranges
    from workbench.checks.guideline_said_twice import _carries_organism

    dxs = ctx.dx_codes
    out = []
    for b in dxs:
        if not b.startswith(("B95", "B96", "B97")) or not (name := _organism(ctx, b)):
            continue
        # (a newborn's P36 code naming the organism has its own rule, I.C.16.f)
        namers = [c for c in dxs
                  if not c.startswith(("B9", "P36")) and name in _BRACKETS.sub("", _title(ctx, c))]
        # R65.2- (severe sepsis) is no infection of its own; J44.0 has its infection coded apart
        others = [c for c in dxs if c not in namers and not c.startswith(("B9", "R65"))
                  and not _infection_coded_apart(ctx, c)]
        if not namers or any(_carries_organism(ctx, c, b) for c in others) \
                or _excluded_by(_excludes1_ranges(ctx, b), namers[0]):  # the Excludes1 finding says it
            continue
        out.append(Finding("warning", (b, namers[0]), f"{with_dot(b)} is coded beside {with_dot(namers[0])}, "
                           f"whose title already names the organism ({name}): leave {with_dot(b)} out",
                           ORGANISM_NAMED_RULE))
    return out


def _infection_coded_apart(ctx: Context, code: str) -> bool:
    """J44.0 (COPD with lower respiratory infection): "code also to identify the infection", whose own code
    carries the organism."""
    from workbench.checks.classification import notes_of

    return ctx.cached(("infection-apart", ctx.release.id, code), lambda: any(
        n.kind == "code_also" and _ASKS_INFECTION.search((n.text or "").lower()) is not None
        for n in notes_of(ctx, code)))


def _asks_for_infection(ctx: Context, code: str) -> bool:
    from workbench.checks.classification import notes_of

    return ctx.cached(("asks-infection", ctx.release.id, code), lambda: any(
        n.kind == "use_additional_code" and _ASKS_INFECTION.search((n.text or "").lower()) is not None
        for n in notes_of(ctx, code)))


def sepsis_before_complication(ctx: Context) -> list[Finding]:
    """A41.01 principal, then T82.7XXA (infection due to a cardiac device): the complication code comes
    first; its note asks for the infection after it. A code-first note at the sepsis code (A41's "sepsis
    due to central venous catheter (T80.211-)") says the same and is reported by the note rule."""
    from workbench.checks.classification import _refs, notes_of

    dxs = ctx.dx_codes
    first = dxs[0]
    if not first.startswith(gd.SEPSIS) or first.startswith(gd.SEPSIS_EXCEPTIONS):
        return []
    # a complication arising after admission (POA N) beside a sepsis present on admission is not its cause
    late = {d.code for d in ctx.enc.diagnoses if d.poa == "N"}
    cause = next((c for c in dxs[1:] if c.startswith(_CARE_COMPLICATIONS) and c not in late
                  and _asks_for_infection(ctx, c)), None)
    if cause is None or any(n.kind == "code_first" and cause in _refs(ctx, n.text)
                            for n in notes_of(ctx, first)):
        return []  # none, or the sepsis code's own code-first note names it (the note rule reports that)
    return [Finding("warning", (first, cause), f"Sequence {with_dot(cause)} before {with_dot(first)}: the "
                    f"sepsis is due to the complication, whose note says \"use additional code to identify "
                    "infection\"", DEVICE_SEPSIS_RULE)]


def _aftercare_excluded(ctx: Context, code: str) -> str:
    """What the aftercare code's Excludes1 sends to the injury's D code: "fracture" (Z47), "injury" (Z48) or
    ""."""
    from workbench.checks.classification import notes_of

    def make() -> str:
        found = (_INJURY_AFTERCARE.search((n.text or "").lower()) for n in notes_of(ctx, code)
                 if n.kind == "excludes1")
        return next(("fracture" if "fracture" in m.group(1) else "injury" for m in found if m), "")

    return ctx.cached(("injury-aftercare", ctx.release.id, code), make)


def fracture_aftercare(ctx: Context) -> list[Finding]:
    """Z47.89 (other orthopedic aftercare) with S72.001D (a healing fracture): Z47's Excludes1 says
    "aftercare for healing fracture - code to fracture with 7th character D"; Z48's says the same of any
    injury."""
    dxs = ctx.dx_codes
    healing = [c for c in dxs if len(c) == 7 and c[0] in "ST" and c[6] == "D"]
    if not healing:
        return []
    out = []
    for z in dxs:
        # only the "other" aftercare codes (Z47.89, Z48.89): aftercare after a transplant or the surgery of
        # one body system (Z48.24, Z48.812) is that surgery's, whatever healing injury is also coded
        if not z.startswith("Z4") or z.startswith(_AFTERCARE_OF_A_PROCEDURE) \
                or "other" not in _title(ctx, z).split() or not (kind := _aftercare_excluded(ctx, z)):
            continue
        inj = next((c for c in healing if kind == "injury" or "fracture" in _title(ctx, c)), None)
        if inj is not None:
            out.append(Finding("warning", (z, inj), f"{with_dot(z)} (aftercare) is coded for the healing "
                               f"{kind} {with_dot(inj)}: the injury code with 7th character D is the "
                               f"aftercare; leave {with_dot(z)} out", FRACTURE_AFTERCARE_RULE))
    return out
