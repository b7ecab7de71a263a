"""Combination codes for suggestions (Official Guidelines I.A.15 "with", I.B.9): hypertension with heart
failure and CKD (I11.0, I12.-, I13.-, the subcode following the CKD stage), diabetes with a complication the
Index lists under "with" (E1x.22 with N18.x, E1x.21, E1x.42, ...), the parts a combination code names
dropped unless its "use additional code" note (or the Index's bracketed manifestation) asks for them.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from codesets.model import CmItem, PcsCode
from workbench.checks import guideline_data as gd
from workbench.record.sections import NOT_STATED

if TYPE_CHECKING:
    from codesets.release.core import Release
    from workbench.model.encounter import Encounter
    from workbench.record.suggest import Suggestion

_DIABETIC_NEPHROPATHY = re.compile(r"\bdiabetic (nephropathy|kidney disease)\b|\bdiabet\w*[^.;]*\bwith\b"
                                   r"[^.;]*\bnephropathy\b", re.IGNORECASE)


def valid(release: Release, code: str, system: str) -> CmItem | PcsCode | None:
    if system == "PCS":
        return release.pcs(code)
    it = release.cm(code)
    return it if it is not None and it.billable else None


def make(release: Release, like: Suggestion, code: str, system: str = "CM") -> Suggestion | None:
    """A suggestion for `code` carrying `like`'s evidence, or None when the release lacks the code."""
    item = valid(release, code, system)
    if item is None:
        return None
    level = release.cc_level(code) if system == "CM" else None
    return dataclasses.replace(like, code=code, title=item.title, system=system, cc_level=level,
                               query=None, kind="code", drg_if_added=None)



_HYPERTENSIVE_KIDNEY = re.compile(r"\bhypertensive (?:esrd|ckd|chronic kidney disease|kidney disease|"
                                  r"renal disease|nephropathy|nephrosclerosis|end[- ]stage renal disease)\b",
                                  re.IGNORECASE)


# Cirrhosis of the liver (alcoholic, toxic, biliary, other) and portal hypertension: the Index's causes of
# secondary esophageal varices.
_VARICES_CAUSES = ("K703", "K717", "K743", "K744", "K745", "K746", "K766")


_SAYS_FAILURE = re.compile(r"\b(?:heart failure|chf|hfref|hfpef|cardiac failure)\b", re.IGNORECASE)
_NO_FAILURE = re.compile(r"\b(?:without|no|w/o|denies|negative for) (?:\w+ ){0,2}(?:heart failure|chf)\b",
                         re.IGNORECASE)


def hypertensive_kidney(texts: list[str]) -> bool:
    """Whether the record says "hypertensive ESRD / kidney disease" (Index "Hypertension, kidney")."""
    return any(_HYPERTENSIVE_KIDNEY.search(t) for t in texts)


def combine(release: Release, sugs: list[Suggestion], coded: set[str],
            record_dm: str = "", record_htn_kidney: bool = False) -> list[Suggestion]:
    """The "with" presumption (I.A.15): combination codes replace their parts. Only parts the record
    states count: a part left as a query ("Gastroparesis? ... not evaluated", II.H / III) makes no
    combination code."""
    cm = [s for s in sugs if s.system == "CM" and s.kind == "code"]
    codes = {s.code for s in cm} | coded
    drop: set[str] = set()
    add: list[Suggestion] = []
    heart = [c for c in codes if c.startswith(gd.HYPERTENSIVE_HEART)]
    ckd = [c for c in codes if c.startswith(gd.HYPERTENSIVE_CKD)]
    htn = next((s for s in cm if s.code == "I10"), None)
    if htn is not None and (heart or ckd):
        late = any(c in ("N185", "N186") for c in ckd)  # CKD stage 5 / ESRD: I12.0, I13.2
        if heart and ckd:
            combo = "I132" if late else "I130"
        else:
            combo = "I110" if heart else ("I120" if late else "I129")
        drop.add("I10")
        if (new := make(release, htn, combo)) is not None:
            add.append(new)
    # Index "Varix, esophagus, in (due to) cirrhosis of liver ... portal hypertension I85.1-" (I.A.15: "in"
    # links them as "with" does): varices read as primary (I85.0-) in a record of cirrhosis are secondary.
    if any(c.startswith(_VARICES_CAUSES) for c in codes):
        for s in cm:
            if s.code in ("I8500", "I8501") and "I851" + s.code[-1] not in codes \
                    and (new := make(release, s, "I851" + s.code[-1])) is not None:
                drop.add(s.code)
                add.append(new)
                codes.add(new.code)
    late = any(c in ("N185", "N186") for c in ckd)
    # Index "Hypertension, kidney" (I.C.9.a.2): "hypertensive ESRD", "hypertensive kidney disease" with the
    # stage coded or suggested and no I10 read: I12.- (I13.- with heart disease), stage 5 / ESRD I12.0.
    if ckd and htn is None and not any(c.startswith(("I12", "I13")) for c in codes):
        said_htn = next((s for s in cm if _HYPERTENSIVE_KIDNEY.search(s.evidence.text)), None)
        if said_htn is None and record_htn_kidney:  # said in another sentence: the stage's evidence
            said_htn = next((s for s in cm if s.code.startswith(gd.HYPERTENSIVE_CKD)), None)
        if said_htn is not None:
            combo = ("I132" if late else "I130") if heart else ("I120" if late else "I129")
            if (new := make(release, said_htn, combo)) is not None:
                add.append(new)
                codes.add(combo)
    # Heart failure with hypertensive heart and kidney disease is presumed linked (I.C.9.a.3): an I13.1-
    # read from the words before "with heart failure" becomes I13.0 / I13.2.
    failure = any(c.startswith("I50") for c in codes)
    for s in cm:  # "Hypertensive heart and CKD with heart failure, CKD 3a": the I13 sentence says the failure
        if s.code in ("I1310", "I1311") and not failure and _SAYS_FAILURE.search(s.evidence.text) \
                and not _NO_FAILURE.search(s.evidence.text):
            failure = True
            # I13.0 / I13.2 "use additional code to identify type of heart failure (I50.-)": the type not
            # said is I50.9 (Index "Failure, heart")
            if (hf := make(release, s, "I509")) is not None:
                add.append(hf)
                codes.add("I509")
    for s in cm:  # I12 / I13 read without the stage: the stage stated decides (I12.0 / I13.2 for 5 and ESRD)
        right = {"I129": "I120" if late else None, "I120": None if late or not ckd else "I129",
                 "I130": "I132" if late else None, "I132": None if late or not ckd else "I130",
                 "I1310": ("I132" if late else "I130") if failure else ("I1311" if late else None),
                 "I1311": "I132" if failure else (None if late or not ckd else "I1310")}.get(s.code)
        if right and right not in codes and (new := make(release, s, right)) is not None:
            drop.add(s.code)
            add.append(new)
            codes.add(right)
    # "Hypertensive heart disease with heart failure; CKD stage 3a": I.C.9.a.3 presumes both links
    for s in cm:
        if s.code in ("I110", "I119") and ckd and not any(c[:3] == "I13" for c in codes):
            combo = ("I132" if late else "I130") if s.code == "I110" or failure \
                else ("I1311" if late else "I1310")
            if (new := make(release, s, combo)) is not None:
                drop.add(s.code)
                add.append(new)
                codes.add(combo)
            break
        if s.code == "I119" and failure and not ckd and "I110" not in codes \
                and (new := make(release, s, "I110")) is not None:
            drop.add(s.code)  # "Hypertensive heart disease" on a heart-failure stay: I.C.9.a.1, I11.0
            add.append(new)
            codes.add("I110")
            break
    for s in cm:  # "hypertensive heart and chronic kidney disease" read as its parts
        low = s.evidence.text.lower()
        if "hypertensive heart and" in low and "kidney" in low and not any(c[:3] == "I13" for c in codes):
            combo = "I130" if heart else "I1310"
            if (new := make(release, s, combo)) is not None:
                add.append(new)
                codes.add(combo)
            break
    for cat in gd.DIABETES_CATEGORIES:
        dm = [s for s in cm if s.code.startswith(cat)]
        cat_coded = any(c.startswith(cat) for c in coded)
        # A complication stated as diabetic: the type the sentence names, E11 by default (I.C.4.a.2).
        said = [s for s in cm if s.code.startswith(_COMPLICATIONS) and _diabetes_type(s.evidence.text) == cat]
        if not said and not dm and not cat_coded and record_dm == cat:
            # the record states the diabetes elsewhere: the complication is presumed diabetic (I.A.15)
            said = [s for s in cm if s.code.startswith(_COMPLICATIONS)][:1]
        if not dm and not cat_coded and not said:
            continue
        like = dm[0] if dm else (said[0] if said else None)
        if cat_coded and not dm and not said:
            like = next((s for s in cm if s.code.startswith(_COMPLICATIONS)), None)
        if cat_coded or any(not _is_bare_diabetes(s.code) for s in dm):
            # a coded or suggested complication code of the category makes E1x.9 / E1x.8 redundant
            if any(not _is_bare_diabetes(c) for c in coded if c.startswith(cat)) or any(
                    not _is_bare_diabetes(s.code) for s in dm):
                drop.update({cat + "9", cat + "8"})
        if like is None:
            continue
        for prefixes, suffix, _what in gd.DIABETES_WITH:
            if not any(c.startswith(prefixes) for c in codes):
                continue
            combo = cat + suffix
            if combo in codes or any(c.startswith(combo) for c in codes):
                drop.update({cat + "9", cat + "8"})
                continue
            if suffix == "21" and any(c.startswith(cat + "22") for c in codes):
                continue
            if (new := make(release, like, combo)) is not None:
                add.append(new)
                codes.add(combo)
                drop.update({cat + "9", cat + "8"})
                # I.B.9: the combination code alone, unless its "use additional code" note (or the
                # Index's bracketed manifestation) asks for the part too (N18.x with E1x.22).
                drop.update(c for c in codes if c.startswith(prefixes) and c not in coded
                            and not _asked_for(release, combo, c))
        nephropathy = any(_DIABETIC_NEPHROPATHY.search(s.evidence.text) for s in [*dm, *said])
        if nephropathy and cat + "21" not in codes and not any(c.startswith(cat + "22") for c in codes):
            if (new := make(release, like, cat + "21")) is not None:
                add.append(new)
                drop.update({cat + "9", cat + "8", "N08"})
    for made in add:  # I.B.9: a code the combination's title already says, from the same sentence
        named = set(_title_words(made.title))
        for part in cm:
            # A code of the combination's own category is another complication, not one of its parts
            # (E10.10 for the DKA beside E10.22 for the CKD; E1x.9/E1x.8 are dropped above).
            same = part.evidence.text == made.evidence.text and part.code[:3] != made.code[:3] \
                and part.code not in coded
            if same and set(_title_words(part.evidence.phrase)) <= named \
                    and not _asked_for(release, made.code, part.code):
                drop.add(part.code)
    return [s for s in sugs if s.code not in drop] + add


def _title_words(text: str) -> list[str]:
    from codesets.search.text import QUERY_STOPWORDS, raw_words, stem

    return [stem(w) for w in raw_words(text) if w not in QUERY_STOPWORDS]


_COMPLICATIONS = tuple(p for prefixes, _s, _w in gd.DIABETES_WITH for p in prefixes)
_TYPE_1 = re.compile(r"\b(type 1|type i|t1dm|dm1|dm 1|iddm)\b", re.IGNORECASE)
_DIABETES_WORD = re.compile(r"\b(diabet\w*|dm2?|t2dm|niddm|type 2)\b", re.IGNORECASE)


def _diabetes_type(text: str) -> str:
    """The diabetes category a sentence names ("" when it names no diabetes): E10 for type 1, else E11,
    the default when the type is not documented (Official Guidelines I.C.4.a.2)."""
    if not _DIABETES_WORD.search(text) and not _TYPE_1.search(text):
        return ""
    return "E10" if _TYPE_1.search(text) else "E11"


_NOT_PATIENTS = re.compile(r"\b(no|denies|family|mother|father|sister|brother|fhx?|without|negative)\b",
                           re.IGNORECASE)


def record_diabetes(enc: Encounter) -> str:
    """The diabetes category a sentence of the record asserts ("" when none does): the type it names, E11
    by default (I.C.4.a.2). Used for a complication stated in a sentence that does not name diabetes."""
    from workbench.record.text import UNCHECKED, sentences

    for d, doc in enumerate(enc.documents):
        if not _DIABETES_WORD.search(doc.text):
            continue
        for sen in sentences(doc.text, d):
            if sen.section_kind in NOT_STATED:
                continue
            cat = _diabetes_type(sen.text)
            if cat and not _NOT_PATIENTS.search(sen.text) and not UNCHECKED.match(sen.text):
                return cat
    return ""


def _is_bare_diabetes(code: str) -> bool:
    """E1x.9 (without complications) or E1x.8 (unspecified complications)."""
    return code[3:] in ("9", "8")


def _asked_for(release: Release, combo: str, part: str) -> bool:
    """Whether the combination code's "use additional code" notes name `part`, or the Index pairs the
    two (gd.INDEX_MANIFESTATIONS)."""
    from codesets.coderefs import parse_refs

    if any(part.startswith(m) for c, m in gd.INDEX_MANIFESTATIONS if combo.startswith(c)):
        return True
    return any(part in parse_refs(n.text) for n in release.notes(combo) if n.kind == "use_additional_code")
