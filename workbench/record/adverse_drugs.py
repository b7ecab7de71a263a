"""The drugs physicians name as the cause of an adverse effect, with their Table of Drugs and Chemicals
code (adverse-effect column), and the words around a drug that make it one: "due to", "-induced",
"toxicity" (an adverse effect), overdose or intent words (a poisoning), a change of drug (neither)."""

from __future__ import annotations

import re

_I = re.IGNORECASE

# Table of Drugs and Chemicals, adverse effect column, for drugs physicians name as a cause.
_DRUGS: tuple[tuple[str, str], ...] = (
    (r"cef\w+|ceph\w+|carbapenem\w*|meropenem|ertapenem|imipenem", "T361X5A"),
    (r"penicillin\w*|amoxicillin\w*|ampicillin\w*|piperacillin\w*|pip-tazo|zosyn|nafcillin|oxacillin",
     "T360X5A"),
    (r"vancomycin|vanc|levofloxacin|ciprofloxacin|moxifloxacin|fluoroquinolone\w*|linezolid|daptomycin",
     "T368X5A"),
    (r"(?:iv |iodinated )?contrast(?: dye| media| agent)?", "T508X5A"),
    (r"opioids?|opiates?|oxycodone|hydromorphone|dilaudid|morphine|fentanyl|hydrocodone|tramadol",
     "T402X5A"),
    (r"heparin|enoxaparin|lovenox|warfarin|coumadin|apixaban|eliquis|rivaroxaban|xarelto|anticoagula\w*",
     "T45515A"),
    (r"insulin|metformin|glipizide|glyburide|sulfonylurea\w*", "T383X5A"),
    (r"steroids?|glucocorticoids?|prednisone|prednisolone|methylprednisolone|dexamethasone|solu-medrol",
     "T380X5A"),
    (r"lisinopril|enalapril|ramipril|benazepril|captopril|quinapril|ace inhibitors?|ace-i", "T464X5A"),
    (r"losartan|valsartan|irbesartan|olmesartan|telmisartan|candesartan|arbs?", "T465X5A"),
    (r"hydrochlorothiazide|hctz|chlorthalidone|metolazone|thiazides?(?: diuretics?)?", "T502X5A"),
    (r"spironolactone|eplerenone", "T500X5A"),
    (r"metoprolol|carvedilol|atenolol|propranolol|labetalol|beta[- ]blockers?", "T447X5A"),
    (r"amlodipine|nifedipine|diltiazem|verapamil|calcium channel blockers?", "T461X5A"),
    (r"sertraline|fluoxetine|citalopram|escitalopram|paroxetine|ssris?", "T43225A"),
    (r"furosemide|lasix|bumetanide|torsemide|loop diuretics?", "T501X5A"),
    (r"amiodarone", "T462X5A"),
    (r"digoxin", "T460X5A"),
    # Table of Drugs: ibuprofen and naproxen are propionic acid derivatives (T39.31-), ketorolac "other NSAID"
    (r"ibuprofen|motrin|advil|naproxen|aleve", "T39315A"),
    (r"nsaids?|ketorolac|toradol", "T39395A"),
)
_DRUG_ALT = "|".join(f"(?:{p})" for p, _ in _DRUGS)
_ADVERSE = re.compile(r"(?:\b(?:due to|secondary to|attributed to|attributable to|from|caused by|related to|"
                      r"because of|induced by|d/t|"
                      r"adverse (?:effect|reaction|drug reaction)s? (?:to|of|from))|"
                      r"(?<!\w)2/2)\s+(?:\w+\s+){0,2}?("
                      + _DRUG_ALT + r")\b|\b(" + _DRUG_ALT + r")(?:[- ](?:induced|associated|related)|"
                      r"\s+toxicity)\b", _I)
_AND_DRUG = re.compile(r"\s*(?:,|and|&|/|plus)\s+(?:\w+\s+)?(" + _DRUG_ALT + r")\b", _I)
_DRUG_CODES = tuple((re.compile(rf"^(?:{p})$", _I), c) for p, c in _DRUGS)
_POISONING = re.compile(r"\b(overdos\w*|poison\w*|intentional\w*|accidental\w*|ingest\w*|suicid\w*|"
                        r"wrong (?:drug|dose|medication)|took too)\b", _I)
_ANAPHYLAXIS = re.compile(r"\banaphyla\w*\b", _I)
# "switched from metoprolol to carvedilol": a change of drug, no adverse effect of the first.
_SWITCHED = re.compile(r"\b(?:switch\w*|chang\w*|transition\w*|convert\w*|wean\w*|taper\w*)\s+"
                       r"(?:\w+\s+){0,3}?(?:from|off)\s*$", _I)


# A drug class named as the cause ("likely NSAID-induced") whose class code is its "other" code: the member
# the record names is the drug (Table of Drugs: ibuprofen and naproxen T39.31-, the other NSAIDs T39.39-);
# members of both kinds named, or none, leave the class code. (Aspirin, T39.01-, is named apart from the
# NSAIDs by physicians: "NSAIDs and aspirin".)
_CLASS = re.compile(r"^nsaids?$", _I)
_MEMBERS = ((re.compile(r"\b(?:ibuprofen|motrin|advil|naproxen|aleve)\b", _I), "T39315A"),
            (re.compile(r"\b(?:ketorolac|toradol|diclofenac|meloxicam|celecoxib|indomethacin|ketoprofen)\b",
                        _I), "T39395A"))


def member_code(drug: str, code: str, texts: list[str]) -> str:
    """The adverse-effect code of the class member the record names, for a class word (see _CLASS)."""
    if not _CLASS.match(drug):
        return code
    named = {c for p, c in _MEMBERS if any(p.search(t) for t in texts)}
    return named.pop() if len(named) == 1 else code
