"""Chronic conditions of the past medical history that this stay treats with their own drug.

"PMH: T2DM, hypothyroidism, GERD" beside "DISCHARGE MEDICATIONS: insulin glargine ..., levothyroxine
88 mcg, omeprazole 20 mg": the conditions are current and treated (UHDDS other diagnoses, Section III:
a condition treated or monitored this stay is reported); the list heading "past medical history" does not
make them history (I.C.21.c.4 history codes are for conditions that no longer exist). Only a condition the
list names plainly (no "h/o", "resolved", "s/p" of its own) and only with a drug for it on the record's
medication lists or in its own item ("Afib on warfarin").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workbench.record.text import sentences

if TYPE_CHECKING:
    from workbench.model.encounter import Encounter
    from workbench.record.scanner import Mention, Scanner

_I = re.IGNORECASE
_SECTION_ONLY = "past history section"
# (code prefixes, the drugs that treat that condition and little else)
_DRUGS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = (
    (("E03",), re.compile(r"\b(levothyroxine|synthroid|levoxyl|unithroid|armour thyroid|liothyronine)\b",
                          _I)),
    (("E11", "E10", "E13"), re.compile(
        r"\b(insulin|glargine|lantus|basaglar|toujeo|lispro|humalog|aspart|novolog|detemir|levemir|degludec|"
        r"tresiba|metformin|glipizide|glyburide|glimepiride|sitagliptin|januvia|linagliptin|pioglitazone|"
        r"empagliflozin|jardiance|dapagliflozin|farxiga|semaglutide|ozempic|dulaglutide|trulicity|"
        r"liraglutide|tirzepatide|mounjaro)\b", _I)),
    (("K21",), re.compile(r"\b(omeprazole|prilosec|pantoprazole|protonix|esomeprazole|nexium|lansoprazole|"
                          r"rabeprazole|famotidine|pepcid)\b", _I)),
    (("E78",), re.compile(r"\b(atorvastatin|lipitor|simvastatin|rosuvastatin|crestor|pravastatin|lovastatin|"
                          r"ezetimibe|fenofibrate)\b", _I)),
    (("I48",), re.compile(r"\b(apixaban|eliquis|warfarin|coumadin|rivaroxaban|xarelto|dabigatran|edoxaban|"
                          r"amiodarone|diltiazem|flecainide|sotalol|dofetilide)\b", _I)),
    (("I50",), re.compile(r"\b(furosemide|lasix|torsemide|bumetanide|bumex|spironolactone|sacubitril|"
                          r"entresto|carvedilol|metoprolol succinate)\b", _I)),
    (("F32", "F33"), re.compile(r"\b(sertraline|zoloft|fluoxetine|prozac|citalopram|escitalopram|lexapro|"
                                r"paroxetine|bupropion|wellbutrin|venlafaxine|duloxetine|mirtazapine)\b",
                                _I)),
    # (the hypertension "with" rules then make it I11-I13 beside heart failure or CKD)
    (("I10",), re.compile(r"\b(lisinopril|losartan|amlodipine|valsartan|olmesartan|irbesartan|enalapril|"
                          r"benazepril|ramipril|hydrochlorothiazide|hctz|chlorthalidone|nifedipine)\b", _I)),
    (("N40",), re.compile(r"\b(tamsulosin|flomax|finasteride|dutasteride|alfuzosin)\b", _I)),
    (("G20",), re.compile(r"\b(carbidopa|levodopa|sinemet|pramipexole|ropinirole|rasagiline)\b", _I)),
    (("G40",), re.compile(r"\b(levetiracetam|keppra|lamotrigine|lamictal|phenytoin|dilantin|valproate|"
                          r"valproic|depakote|lacosamide|vimpat|carbamazepine|tegretol|oxcarbazepine|"
                          r"trileptal|topiramate|zonisamide)\b", _I)),
    (("M10",), re.compile(r"\b(allopurinol|febuxostat)\b", _I)),
    # osteoporosis under treatment (M81.-; the drug's own status is Z79.83): bisphosphonates and the other
    # osteoporosis agents. Denosumab and zoledronic acid also treat bone metastases, but only an item that
    # names osteoporosis reaches this table's M81 row.
    (("M81",), re.compile(r"\b(alendronate|fosamax|risedronate|actonel|atelvia|ibandronate|boniva|"
                          r"zoledronic acid|reclast|denosumab|prolia|raloxifene|evista|teriparatide|forteo|"
                          r"abaloparatide|romosozumab)\b", _I)),
)
_ON_DRUG = re.compile(r"\b(?:on|takes|taking|maintained on|controlled (?:on|with))\b", _I)
_OFF = re.compile(r"\b(not on|no longer|off|stopped|discontinued|held|holding|completed|was on|"
                  r"previously on)\b", _I)
# The item says more than the bare condition: its own history, resolution or procedure.
_NOT_PLAIN = re.compile(r"\b(h/o|hx|history|resolved|remote|prior|previous|s/p|status post|in remission|"
                        r"no longer|off|stopped|discontinued)\b", _I)


# A drug on the list that is not being taken: "Amlodipine 10 mg (not taking)".
_NOT_TAKEN = re.compile(r"\b(not taking|not taken|stopped|discontinued|held|holding|hold)\b", _I)


def _medication_text(enc: Encounter) -> str:
    return " ".join(s.text for d, doc in enumerate(enc.documents) for s in sentences(doc.text, d)
                    if s.section_kind == "medications" and not _NOT_TAKEN.search(s.text))


def treated_now(enc: Encounter, m: Mention, meds: list[str]) -> bool:
    """The past-history list's condition is treated by a drug for it (module docstring). `meds` caches the
    record's medication text for one call of `suggest` (empty list: not read yet)."""
    drug = next((p for prefixes, p in _DRUGS if m.code.startswith(prefixes)), None)
    if drug is None:
        return False
    item = _item(m, whole=m.context.cue != _SECTION_ONLY)
    if m.context.cue != _SECTION_ONLY:
        # "Hx of seizure disorder, on Keppra": a history word, but the drug for it is taken now
        return bool(_ON_DRUG.search(item) and drug.search(item)) and not _OFF.search(item)
    if _NOT_PLAIN.search(item):
        return False
    if drug.search(item):
        return True  # "Afib on warfarin"
    if not meds:
        meds.append(_medication_text(enc))
    return bool(drug.search(meds[0]))


def _item(m: Mention, whole: bool = False) -> str:
    """The list item the mention sits in: the sentence between the commas or semicolons around it (with
    `whole`, the rest of the sentence after it too: "Hx of seizure disorder, on Keppra")."""
    text = m.sentence.text
    if whole:
        lo = max(text.rfind(";", 0, m.start - m.sentence.start), 0)
        return text[lo:]
    at, end = m.start - m.sentence.start, m.end - m.sentence.start
    lo = max(text.rfind(",", 0, at), text.rfind(";", 0, at)) + 1
    his = [i for i in (text.find(",", end), text.find(";", end)) if i >= 0]
    return text[lo: min(his) if his else len(text)]


def hpi_treated(scanner: Scanner, enc: Encounter, meds: list[str]) -> list[Mention]:
    """Chronic conditions the history of present illness names plainly ("68 yo M with permanent atrial
    fibrillation on warfarin", "41 yo F with hypothyroidism presenting with ...") with a drug for them taken
    now, in their own item or on the record's medication lists: treated this stay (Section III). The scan
    leaves the HPI out (the story before the diagnosis); only this table's conditions are read back, never a
    negated, ruled-out, relative's, historical or uncertain one, nor one whose item says it is past or off its
    drug. `meds` as in `treated_now`."""
    out: list[Mention] = []
    prefixes = tuple(p for codes, _ in _DRUGS for p in codes)
    for d, doc in enumerate(enc.documents):
        for m in scanner.section_diagnoses(doc.text, d, "hpi"):
            c = m.context
            if not m.code.startswith(prefixes) or c.negated or c.ruled_out or c.family or c.history \
                    or c.uncertain or c.exposure:
                continue
            drug = next(p for codes, p in _DRUGS if m.code.startswith(codes))
            item = _item(m)
            if _NOT_PLAIN.search(item) or _OFF.search(item):
                continue
            if not drug.search(item):
                if not meds:
                    meds.append(_medication_text(enc))
                if not drug.search(meds[0]):
                    continue
            out.append(m)
    return out
