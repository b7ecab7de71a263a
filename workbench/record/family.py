"""Family history (Z80-Z84) the record states in a relative's words ("FHx: father with MI at 62", "Mother had
colon cancer at 65", "brother with colon cancer"), read from a table of the conditions coders meet most, since
the scanner does not read every abbreviation in a relative's sentence ("MI") and the search reads "family
history of myocardial infarction" as stroke (Z82.3).

Official Guidelines I.C.21.c.4 (family history: a relative's disease that raises the patient's risk) and
Section III.B (inpatient: history codes where they bear on this stay's care): offered only for a condition of
the body system the stay's principal diagnosis belongs to (a father's MI on a heart stay, a mother's colon
cancer on a colon stay), as stated.relatives_or_contact_code does for the scanner's readings. Never from a
negated statement ("no family history of colon cancer", "denies family history").
"""

from __future__ import annotations

import re
from typing import Any

from workbench.record.sections import LISTS
from workbench.record.text import sentences

_I = re.IGNORECASE
_RELATIVE = re.compile(r"\b(mother|father|mom|dad|sister|brother|siblings?|parents?|son|daughter|grandmother|"
                       r"grandfather|aunt|uncle|cousin|maternal|paternal)\b", _I)
_FAMILY_SAID = re.compile(r"\b(family history|fhx?|fam hx)\b", _I)
_NEGATED = re.compile(r"\b(no|denies|negative|non-?contributory|unknown|unremarkable|without|adopted)\b", _I)
# (condition words, code, the body system letter of the stay it is offered on)
_CONDITIONS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple((re.compile(p, _I), c, s) for p, c, s in (
    (r"\bsudden cardiac death\b|\bsudden death\b", "Z8241", "I"),
    (r"\b(?:mi|myocardial infarction|heart attack|cad|coronary artery disease|ischemic heart disease|"
     r"heart disease)\b", "Z8249", "I"),
    (r"\b(?:stroke|cva)\b", "Z823", "I"),
    (r"\b(?:colon|colorectal|rectal|stomach|gastric|pancreatic|esophageal|liver) cancer\b", "Z800", "K"),
    (r"\bcolon(?:ic)? polyps\b", "Z8371", "K"),
    (r"\blung cancer\b", "Z801", "J"),
    (r"\bbreast cancer\b", "Z803", "N"),
    (r"\bprostate cancer\b", "Z8042", "N"),
    (r"\bovarian cancer\b", "Z8041", "N"),
    (r"\b(?:kidney|renal) cancer\b", "Z8051", "N"),
    (r"\bbladder cancer\b", "Z8052", "N"),
    (r"\bleukemia\b", "Z806", "D"),
    (r"\blymphoma\b", "Z807", "D"),
    (r"\b(?:diabetes|dm|t1dm|t2dm|iddm|niddm)\b", "Z833", "E"),
    (r"\b(?:asthma|copd|emphysema)\b", "Z825", "J"),
    (r"\b(?:epilepsy|seizures?|alzheimer'?s|dementia)\b", "Z820", "G"),
    (r"\bpolycystic kidney\b", "Z8271", "N"),
    (r"\bosteoporosis\b", "Z8262", "M"),
))


# The condition is the relative's: a relative named just before it ("father with MI", "Mother had colon
# cancer", "FHx: father MI"), "family history of" before it, or "in her mother" after it; never a clause about
# the patient ("son at bedside reports the patient has diabetes").
_BEFORE_CONDITION = re.compile(_RELATIVE.pattern + r"(?:'s)?\s*(?:[:-]\s*)?(?:\S+\s+){0,3}$", _I)
_FAMILY_BEFORE = re.compile(r"\b(?:family history|fhx?|fam hx)\b(?:\s+of)?\s*[:-]?\s*(?:\S+\s+){0,2}$", _I)
_AFTER_CONDITION = re.compile(r"^\s*(?:\S+\s+){0,2}?in (?:his|her|their|a|the)?\s*" + _RELATIVE.pattern, _I)
_PATIENT = re.compile(r"\b(patient|pt|she|he|reports)\b", _I)


def _told_by_relative(part: str) -> bool:
    """A relative tells of the patient ("son at bedside reports the patient has diabetes"): the patient is
    named after the relative; "Patient reports mother and sister with colon cancer" names the patient
    first, then the relatives' condition."""
    p = _PATIENT.search(part)
    if p is None:
        return False
    r = _RELATIVE.search(part)
    return r is None or r.start() < p.start()


def _relatives(part: str, m: re.Match[str], family_section: bool) -> bool:
    before, after = part[: m.start()], part[m.end():]
    return bool(_BEFORE_CONDITION.search(before) or _FAMILY_BEFORE.search(before)
                or _AFTER_CONDITION.search(after)
                or family_section and _RELATIVE.search(part))


def family_history(release: Any, enc: Any, sugs: list[Any], coded: set[str], system: str) -> list[Any]:
    """The family-history codes of the table the record states for a relative, on a stay of that body
    system (`system`: the principal diagnosis's letter, stated.body_system), each with its sentence."""
    from workbench.record.suggest import stated_suggestion

    have = coded | {s.code for s in sugs}
    wanted = [(p, c) for p, c, letter in _CONDITIONS if letter == system and c not in have]
    if not wanted:
        return []
    out: dict[str, Any] = {}
    for d, doc in enumerate(enc.documents):
        if not (_RELATIVE.search(doc.text) or _FAMILY_SAID.search(doc.text)):
            continue
        for s in sentences(doc.text, d):
            if s.section_kind in LISTS or not (
                    s.section_kind == "family" or _RELATIVE.search(s.text)):
                continue
            # each clause names one relative's condition ("father had CAD, mother with diabetes")
            for clause in re.finditer(r"[^,;]+", s.text):
                part = clause.group(0)
                if _NEGATED.search(part) or _told_by_relative(part):
                    continue
                for pattern, code in wanted:
                    m = pattern.search(part)
                    if m is None or code in out or not _relatives(part, m, s.section_kind == "family"):
                        continue
                    span = re.compile(re.escape(m.group(0)))
                    sm = span.search(s.text, clause.start())
                    new = stated_suggestion(release, code, doc, d, s, sm) if sm is not None else None
                    if new is not None:
                        out[code] = new
    return list(out.values())
