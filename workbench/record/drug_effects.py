"""Adverse effects of drugs properly given (I.C.19.e.5.a) around the T-code phrasings.py reads:

- "vancomycin toxicity", "AKI 2/2 vancomycin toxicity": the drug's adverse effect (T36.8X5A), never the toxic
  effect of an unspecified substance (T65.9-) the search reads off the word "toxicity";
- a condition its own item says a drug caused ("constipation due to oxycodone", "opioid-induced
  constipation", "urinary retention due to oxycodone", "hypotension due to lisinopril"): the Index's
  drug-induced code (K59.03, R33.0, I95.2 "Hypotension due to drugs", G25.1 drug-induced tremor) with the
  drug's T-code (fifth or sixth character 5), not the unspecified one;
- "supratherapeutic INR on warfarin, no bleeding": an abnormal coagulation profile (R79.1) with the
  anticoagulant's adverse effect (T45.515A); a hemorrhagic disorder (D68.32) needs the bleeding, and a
  sentence that says bleeding is left to the coder.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from workbench.record.refinements import item_after  # the rest of the phrase's item
from workbench.record.sections import NOT_STATED  # the sections a statement is not read from
from workbench.record.text import sentences

if TYPE_CHECKING:
    from workbench.model.encounter import Encounter
    from workbench.record.suggest import Suggestion

_I = re.IGNORECASE
# The drug-effect codes of the Table of Drugs' adverse-effect column: T36-T50, sixth character 5.
_ADVERSE_CODE = re.compile(r"^T(?:3[6-9]|4\d|50)..5")
_DRUG_INDUCED = re.compile(r"\b(?:drug|medication|opioid|opiate|narcotic)[- ]induced\b", _I)
# The unspecified code and its drug-induced sibling (Index: "Constipation, drug-induced", "Retention, urine,
# drug-induced", "Hypotension, drug-induced", "Tremor, drug-induced").
_INDUCED = {"K5900": "K5903", "K5909": "K5903", "R338": "R330", "R339": "R330", "I959": "I952",
            "I9589": "I952", "R251": "G251"}
_INR = re.compile(r"\b(?:supra-?therapeutic|elevated|high|critical(?:ly high)?)\s+(?:pt/)?inr\b|"
                  r"\binr\b[^.;]{0,25}\b(?:supra-?therapeutic|above (?:goal|range|target))\b", _I)
_ANTICOAGULANT = re.compile(r"\b(?:warfarin|coumadin|jantoven)\b", _I)
_BLEEDING = re.compile(r"\b(bleed\w*|hemorrhag\w*|hematoma\w*|melena|hematuria|hematochezia|epistaxis)\b", _I)
_NO_BLEEDING = re.compile(r"\b(?:no|without|w/o|denies|negative for)\s+(?:\w+\s+){0,2}?(?:signs? of\s+)?"
                          r"(?:bleed\w*|hemorrhag\w*)\b", _I)
_POISONING = re.compile(r"\b(overdos\w*|poison\w*|intentional\w*|accidental\w*|ingest\w*|suicid\w*|"
                        r"took (?:too|extra|double))\b", _I)


def drug_effects(release: Any, enc: Encounter, sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """The suggestions with the rules of the module docstring applied."""
    from workbench.record.combinations import make

    adverse = {(s.evidence.document, s.evidence.start) for s in sugs
               if s.system == "CM" and _ADVERSE_CODE.match(s.code)}
    out: list[Suggestion] = []
    for s in sugs:
        if s.system == "CM" and s.code.startswith("T659") \
                and (s.evidence.document, s.evidence.start) in adverse:
            continue  # "vancomycin toxicity": the drug's adverse effect says it
        if s.system == "CM" and s.code in _INDUCED and (s.evidence.document, s.evidence.start) in adverse \
                and _caused_by_drug(s):
            s = make(release, s, _INDUCED[s.code]) or s
        out.append(s)
    return out + _inr(release, enc, out, coded)


def _caused_by_drug(s: Suggestion) -> bool:
    """The phrase's own item names a drug as its cause: "drug-induced" before it, or "due to <drug>" after it
    up to the item's end (a semicolon or the sentence's end)."""
    from workbench.record.adverse_drugs import _ADVERSE

    ev = s.evidence
    a, b = ev.phrase_start - ev.start, ev.phrase_end - ev.start
    after = item_after(s, past_phrase=True)
    return bool(_DRUG_INDUCED.search(ev.text[max(0, a - 30): b]) or _ADVERSE.match(after.lstrip())
                or _ADVERSE.search(after[:60]))


def _inr(release: Any, enc: Encounter, sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """R79.1 and T45.515A for a supratherapeutic INR on warfarin without bleeding."""
    from workbench.record.stated import _said
    from workbench.record.suggest import stated_suggestion

    have = coded | {s.code for s in sugs if s.system == "CM"}
    if any(c.startswith(("D6832", "R791")) for c in have):
        return []
    for d, doc in enumerate(enc.documents):
        if "inr" not in doc.text.lower():
            continue
        for s in sentences(doc.text, d):
            if s.section_kind in NOT_STATED or not (m := _INR.search(s.text)) \
                    or not _ANTICOAGULANT.search(s.text) \
                    or _POISONING.search(s.text) or len(_BLEEDING.findall(s.text)) > len(
                        _NO_BLEEDING.findall(s.text)) or not _said(s, m, False):
                continue
            found = [stated_suggestion(release, "R791", doc, d, s, m)]
            if not any(c.startswith("T4551") for c in have):
                found.append(stated_suggestion(release, "T45515A", doc, d, s, m))
            return [f for f in found if f is not None]
    return []
