"""The history, family-history and contact codes of a mention the scanner read with a history, family or
exposure cue: the personal-history code (Z85-Z87) where the history matters to this stay's care, the
family-history code (Z80-Z84) of a relative's condition of the stay's body system, the contact code (Z20.-,
Z77.-) of an exposure (Official Guidelines I.C.21.c.1, I.C.21.c.4, I.C.2.d)."""

from __future__ import annotations

import re
from typing import Any

_I = re.IGNORECASE

# Histories that change care, by the code the scanner read for the condition: cancer -> Z85 (via the
# index), the rest fixed above.
_CANCER = ("C",)


def history_code(index: Any, m: Any, principal: str = "") -> Any:
    """The personal-history code for a history mention, from the search index's reading of "personal
    history of" + the phrase: for a cancer anywhere ("h/o breast cancer" -> Z85.3, I.C.2.d); for another
    condition only where the provider lists the history among the discharge diagnoses ("Personal history
    of kidney stones" -> Z87.442) or of the principal's body system; history codes are assigned where
    they matter to care (I.C.21.c.4)."""
    if m.context.family or m.context.negated:
        return None
    if m.code.startswith(_CANCER):
        wanted: tuple[str, ...] = ("Z85",)
    elif m.sentence.section_kind == "final":
        wanted = ("Z86", "Z87")
    elif principal and body_system(m.code) == body_system(principal) \
            and not m.code.startswith(("Z", "O", "P")):
        # a past condition of the organ this stay is for bears on its care (I.C.21.c.4): "history of kidney
        # stones" on an acute kidney injury stay, Z87.442 (a past pregnancy's complication on an obstetric
        # stay is O09.-, not Z87.5-: left to the pregnancy rules)
        wanted = ("Z87",)
    elif m.sentence.section_kind == "assessment" and m.code.startswith(_INFECTIONS):
        # a past infection the provider lists among this stay's problems bears on its care (isolation,
        # the antibiotics chosen, stools watched): "# Hx C. diff colitis 2022 - on antibiotics now" Z86.19
        wanted = ("Z861",)
    else:
        return None
    for r in index.search("personal history of " + m.phrase, system="CM", billable_only=True, limit=2,
                          min_score=0.8):
        if r.code.startswith(wanted):
            if not _same_system(r.code, m.code):
                # "History of AKI (2025)" read as Z86.2 (diseases of the blood): the search has lost the
                # condition (its next reading, Z87.442 urinary calculi, is no better)
                return None
            if r.code.startswith("Z861") and not _same_agent(r.code, m.code):
                return _other_infection_history(index)
            return r
    if "Z87" in wanted and m.code.startswith(_EPISODES) and m.context.cue in _SAID_PAST \
            and m.code[:3] != principal[:3]:
        # the title names no disease ("Personal history of other diseases of the digestive system"): the
        # search cannot read "h/o gallstone pancreatitis 2019" as Z87.19. Only an episode that ends
        # (pancreatitis, diverticulitis, cholecystitis ...) said to be past, not this stay's category: a
        # chronic condition in a history list (GERD, cirrhosis) is current or not a history at all.
        return _other_history(index, ("Z8719", "personal history of other diseases of the digestive system"))
    return None


# The history subcategories that name one chapter's diseases, and the chapter (first letters of the
# condition's code) they are for: a history read in another chapter's subcategory is not the condition's.
_HISTORY_SYSTEM = (("Z862", ("D5", "D6", "D7", "D8")), ("Z863", ("E",)), ("Z8660", ("G",)), ("Z8669", ("G",)),
                   ("Z870", ("J",)), ("Z871", ("K",)), ("Z872", ("L",)), ("Z873", ("M",)), ("Z874", ("N",)))


def _same_system(history: str, condition: str) -> bool:
    return next((condition.startswith(chapters) for prefix, chapters in _HISTORY_SYSTEM
                 if history.startswith(prefix)), True)


_EPISODES = ("K35", "K36", "K37", "K56", "K57", "K61", "K65", "K80", "K81", "K85", "K92")
_SAID_PAST = frozenset({"h/o", "hx", "hx of", "history of", "prior", "previous", "past", "remote", "s/p",
                        "status post", "previously"})


def _other_history(index: Any, wanted: tuple[str, str]) -> Any:
    code, title = wanted
    for r in index.search(title, system="CM", billable_only=True, limit=3, min_score=0.5):
        if r.code == code:
            return r
    return None


# Chapter 1 (certain infectious and parasitic diseases): their personal histories are Z86.1-.
_INFECTIONS = ("A", "B")
# Z86.1- personal history of an infectious disease: the named subcodes, by the condition's categories;
# any other infection is Z86.19 (the search read "history of hepatitis C" as tuberculosis, Z86.11).
_AGENT_HISTORY = {"Z8611": ("A15", "A16", "A17", "A18", "A19"), "Z8612": ("A80", "B91"),
                  "Z8613": ("B50", "B51", "B52", "B53", "B54"), "Z8614": ("A4102", "A4902", "B9562", "J1512"),
                  "Z8615": ("R7611", "R7612", "Z227"), "Z8616": ("U071", "J1282")}


def _same_agent(history: str, condition: str) -> bool:
    named = _AGENT_HISTORY.get(history)
    return named is None or condition.startswith(named)


def _other_infection_history(index: Any) -> Any:
    for r in index.search("personal history of other infectious and parasitic diseases", system="CM",
                          billable_only=True, limit=3, min_score=0.5):
        if r.code == "Z8619":
            return r
    return None


# The body system a neoplasm's site belongs to (the chapter letter of its organ's diseases).
_CANCER_SYSTEM = (("C0", "K"), ("C1", "K"), ("C20", "K"), ("C21", "K"), ("C22", "K"), ("C23", "K"),
                  ("C24", "K"), ("C25", "K"), ("C26", "K"), ("C3", "J"), ("C43", "L"), ("C44", "L"),
                  ("C50", "N"), ("C5", "N"), ("C6", "N"), ("C7", "G"), ("C8", "D"), ("C9", "D"))


def body_system(code: str) -> str:
    """The body system a diagnosis belongs to, as its chapter letter (a neoplasm: its organ's)."""
    return next((letter for prefix, letter in _CANCER_SYSTEM if code.startswith(prefix)), code[:1])


_CLASSIFIABLE = re.compile(r"^conditions classifiable to (.+)$", _I)


def _classifiable(release: Any, family_code: str, condition: str) -> bool:
    """Whether the relative's condition is one the family-history code holds: Z80-Z84 codes carry the
    inclusion note "Conditions classifiable to I00-I5A, I65-I99" (Z82.4-); none read means no objection."""
    from codesets.coderefs import parse_refs

    texts = [m.group(1) for n in release.notes(family_code) if (m := _CLASSIFIABLE.match(n.text.strip()))]
    return not texts or any(condition in parse_refs(f"({t})") for t in texts)


def relatives_or_contact_code(index: Any, m: Any, principal: str = "", release: Any = None) -> Any:
    """The family-history code (Z80-Z84) for a relative's condition of the body system the stay is for
    ("Father had colon cancer" on a diverticulitis stay -> Z80.0; I.C.21.c.4: family history where it
    matters to the care), or the contact code (Z20.-, Z77.-) for an exposure ("exposure to tuberculosis"
    -> Z20.1, I.C.21.c.1), from the search index's reading; nothing for a negated statement."""
    c = m.context
    if c.negated or c.ruled_out or not (c.family or c.exposure) or m.code.startswith("Z"):
        return None
    if c.family and (not principal or body_system(m.code) != body_system(principal)):
        return None
    if c.family and _PATIENT_SAID.search(m.sentence.text):
        return None  # "son at bedside reports the patient has heart disease": the patient's, not the son's
    query, wanted = (("family history of ", ("Z80", "Z81", "Z82", "Z83", "Z84")) if c.family
                     else ("contact with and exposure to ", ("Z20", "Z77")))
    for r in index.search(query + m.phrase, system="CM", billable_only=True, limit=2, min_score=0.8):
        if r.code.startswith(wanted):
            if c.family and release is not None and not _classifiable(release, r.code, m.code):
                return None  # "Father - MI" read as intellectual disability (Z81.0, F70-F79): not his MI
            return r
    return None


_PATIENT_SAID = re.compile(r"\b(patient|pt)\b", _I)
