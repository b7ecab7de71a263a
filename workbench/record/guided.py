"""Suggestions held to the coding guidelines: after the scanner has read the record, this module drops
what the guidelines forbid, turns what they combine into the combination code, and adds the codes the
record states in words the index does not hold (sequela, first vs recurrent, place of birth, procedures).

- History, resolved and old conditions never yield acute codes (I.B.10 sequelae: I69.- for an old
  stroke's residual deficits; history Z8x codes only where care needs them).
- Uncertain conditions sent to the outpatient plan were not evaluated this stay (Section III, II.H):
  a query, not a code.
- The "with" presumption (I.A.15): combination codes replace their parts (combinations.py); status,
  history and stage codes stated in words, and the infectious agent (stated.py).
- A suggestion a coded code's Excludes1 note forbids is hidden (I.A.12.a).
- Procedures: the approach and body part the operative note states (laparoscopic = 4; "sigmoid").
- At most MAX_SUGGESTIONS a record.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import TYPE_CHECKING, Any

from codesets.coderefs import CodeRange
from workbench.checks import guideline_data as gd
from workbench.record import named_by_coded, readings
from workbench.record.combinations import combine, hypertensive_kidney, record_diabetes
from workbench.record.combinations import make as _make
from workbench.record.course_procedures import other_month, stated_date
from workbench.record.incidental import _ALWAYS_CODED as _CHRONIC
from workbench.record.incidental import LATER
from workbench.record.procedure_axes import (
    approach_said,
    body_part_said,
    doc_date,
    earlier_stays,
    pcs_table_key,
    procedure_axes,
    stated_only,
    without_inspections,
)
from workbench.record.sections import NOT_STATED
from workbench.record.stated import IMAGING as _IMAGING
from workbench.record.template_text import names_no_diagnosis

if TYPE_CHECKING:  # suggest imports this module (inside `suggest`), so only its types are named here
    from codesets.release.core import Release
    from workbench.model.encounter import Encounter
    from workbench.record.suggest import Suggestion

MAX_SUGGESTIONS = 15

# Resolved before this stay: "resolved" with a past time, not "resolved with fluids" during the stay.
_RESOLVED = re.compile(r"\b(last (?:year|month|week|winter|spring|summer|fall|autumn)|"
                       r"(?:years?|months?|weeks?) ago|in the past|"
                       r"(?:prior|previous|last) (?:admission|hospitali[sz]ation|stay)|"
                       r"previously treated|treated in (?:19|20)\d\d|prior to (?:this )?admission|"
                       r"completed (?:a )?course of [^.;]{0,40}\bbefore (?:this )?admission|"
                       r"(?:in|since) (?:january|february|march|april|may|june|july|august|september|october|"
                       r"november|december)\b[^.;]*\bresolved|(?:in|since) (?:19|20)\d\d\b[^.;]*\bresolved|"
                       # a problem item dated by its year: "AKI 2025, resolved", "Hx PNA 03/2026, resolved"
                       r"(?:19|20)\d\d\s*[,;:-]?\s*(?:and\s+|now\s+)?resolved|"
                       r"cured|recent(?:ly)? (?:hospitali[sz]\w*|admi\w*|treated) for|"
                       # an infection cured before the stay: "Hep C s/p treatment ... SVR achieved",
                       # "H. pylori treated in 2023, eradication confirmed" (history, I.C.21.c.4)
                       r"(?:s/p|status post) (?:treatment|therapy)|svr|sustained virologic response|"
                       r"eradicat\w* (?:confirmed|achieved|documented))\b", re.IGNORECASE)
# A single episode long before the stay that has not come back, with no treatment now: history (I.C.21.c.4),
# not a current condition ("# Atrial fibrillation - remote episode 2019, no recurrence, not on
# anticoagulation").
_REMOTE_EPISODE = re.compile(r"\b(?:remote|single|one|isolated) (?:episode|event)\b[^.;]*\b(?:no|without) "
                             r"(?:recurrence|further episodes)\b", re.IGNORECASE)
_STILL_TREATED = re.compile(
    r"\b(?<!not )(?<!no longer )(?:on|continue\w*|started|resumed) (?!anticoag)[a-z]", re.IGNORECASE)
# A swallow study or screen passed: the dysphagia first feared is not there (R13.1-).
_SWALLOW_PASSED = re.compile(r"\bpass(?:ed|es)\s+(?:\w+\s+){0,2}?(?:swallow\w*|slp|dysphagia) "
                             r"(?:eval\w*|screen\w*|study|test\w*|assessment)\b", re.IGNORECASE)
# The condition a course finished before this stay treated: "recently finished clindamycin for a dental
# abscess", "completed a course of antibiotics for cellulitis last week" (the words right before it).
_TREATED_BEFORE = re.compile(r"\b(?:recent(?:ly)? (?:finished|completed|treated)|"
                             r"(?:finished|completed) (?:a )?course of)\b[^.;]{0,40}?"
                             r"\bfor (?:a |an |his |her |the )?$", re.IGNORECASE)
# Words that put a condition in this stay although the sentence names another month ("recurrent ... now").
# (a recurrence denied is no sign of now: "breast cancer in 2015, no evidence of recurrence")
_NOW = re.compile(r"\b(now|currently|this (?:admission|stay|hospitali[sz]ation)|today|again|"
                  r"(?<!no )(?<!without )(?<!no evidence of )recurr\w*|"
                  r"presents?|presented|admitted)\b", re.IGNORECASE)
# I.C.9.e.1: a myocardial infarction of four weeks or less is coded I21/I22 in any setting.
_WITHIN_4_WEEKS = re.compile(r"\b(?:[1-4]|one|two|three|four|a few|a couple of) weeks? ago\b|"
                             r"\b(?:[1-9]|1\d|2[0-8]) days? ago\b|\blast week\b", re.IGNORECASE)
# I.C.2.d: a malignancy excised or eradicated, no further treatment, no evidence of disease: history (Z85).
_CANCER_PAST = re.compile(r"\b(no evidence of (?:recurrence|disease|residual|malignancy|cancer)|\bned\b|"
                          r"cancer[- ]free|(?<!not )(?<!never )in remission|"
                          r"completed (?:chemo\w*|radiation|treatment)|"
                          r"no (?:current|active) (?:treatment|disease)|"
                          # "Prostate ca - s/p prostatectomy 2015, PSA undetectable": eradicated (I.C.2.d)
                          r"(?:s/p|status post)\s+(?:\w+\s+){0,2}?\w*ectomy\s+(?:in\s+)?(?:19|20)\d\d\b"
                          r"[^.;]{0,40}\b(?:undetectable|no recurrence|no evidence of disease))",
                          re.IGNORECASE)
# I.C.2.d: removed by surgery in a past year, now on adjuvant hormonal therapy only (tamoxifen, an aromatase
# inhibitor): history (Z85) with the drug's Z79.81- code, not a current malignancy. Any sign of current
# disease or treatment keeps the C code.
_CANCER_RESECTED = re.compile(r"\((?:19|20)\d\d\)[^.;]{0,30}\b(?:treated|managed) (?:with|by) (?:a |an )?"
                              r"(?:mastectomy|lumpectomy|resection|excision|prostatectomy|hemicolectomy|"
                              r"colectomy|nephrectomy|hysterectomy|surgery)\b[^.;]*\b(?:tamoxifen|raloxifene|"
                              r"anastrozole|letrozole|exemestane|aromatase inhibitors?)\b", re.IGNORECASE)
_CANCER_NOW = re.compile(r"\b(metasta\w*|recurren\w*|chemo\w*|radiation|xrt|undergoing|receiving|active|"
                         r"progress\w*|new(?:ly)?)\b", re.IGNORECASE)
# "arranged by PCP": the primary care physician, not phencyclidine (F16) or Pneumocystis pneumonia.
_PCP_PERSON = re.compile(r"\b(?:by|with|to|at|per|his|her|their|the|your|see|call)\s+(?:the\s+)?PCP\b|"
                         r"\bPCP\s+(?:to|will|in|appointment|appt|visit|follow\w*|f/u|within|next)\b|"
                         # "Dispo: home; PCP 1 week", "PCP 1-2 wks": an appointment's interval
                         r"\bPCP\s+\d+\s*(?:-\s*\d+\s*)?(?:days?|d|weeks?|wks?|months?|mos?)\b",
                         re.IGNORECASE)
_OLD = re.compile(r"\b(old|remote|prior|previous|sequela[e]?|residual|late effects?|since the (?:old|prior|"
                  r"previous))\b",
                  re.IGNORECASE)
# "Acute stroke, no residual deficits at discharge": "residual" said to be none does not make it old.
_NO_RESIDUAL = re.compile(r"\b(?:no|without|w/o)\s+residual\b", re.IGNORECASE)


def _old(text: str) -> bool:
    return bool(_OLD.search(_NO_RESIDUAL.sub(" ", text)))


# "Acute L MCA stroke ..., residual R arm weakness at discharge": the residual of this stay's stroke.
_ACUTE_STROKE = re.compile(r"\b(?:acute|new|evolving)\b[^.;]{0,30}\b(?:stroke|cva|infarct\w*)\b",
                           re.IGNORECASE)
_STROKE = re.compile(r"\b(stroke|cva|cerebral infarct\w*|cerebrovascular accident|mca infarct\w*)\b",
                     re.IGNORECASE)
# Codes the scanner reads off an old stroke's sentence: the stroke itself or one of its deficits.
_STROKE_OR_DEFICIT = ("I63", "I61", "I64", "I67", "I69", "G81", "G83", "R13", "R47", "R27")
_OUTPATIENT = re.compile(r"\b(outpatient|outpt|after discharge|at follow[- ]?up|follow[- ]?up with|"
                         + LATER + r"|"
                         r"\w+ follow[- ]?up|pcp|"
                         r"primary care|referr\w*|refer to|defer\w*|clinic|"
                         # "colonoscopy 6-8 weeks after recovery to exclude malignancy": a test after the stay
                         r"\d+\s*(?:-\s*\d+\s*)?(?:weeks?|wks?|months?|mos?) (?:after|following|post)\b)\b",
                         re.IGNORECASE)
# Section III (UHDDS other diagnoses): a condition not evaluated, treated or monitored this stay.
_INCIDENTAL = re.compile(r"\bincidental(?:ly)?\b", re.IGNORECASE)
_NOT_EVALUATED = re.compile(r"\bnot (?:evaluated|worked up|addressed|assessed|treated)\b(?: (?:this|during|"
                            r"on this|in (?:the )?hospital))?", re.IGNORECASE)
# (U07.1 COVID-19: "recent COVID-19 infection 3 weeks ago, recovered" is Z86.16, never U07.1; stones
# "years ago" are an episode of the past, N20-N23.)
_ACUTE_CHAPTERS = ("U07", "N20", "N21", "N23", "I6", "J", "N17", "A", "B", "K", "S", "T", "I2", "I5", "E4",
                   "N39", "N30", "N10", "N12", "L0", "I80", "I82", "D62", "E86", "E87", "R")
# I.C.9.d: deficits of an old stroke, I69.3- (cerebral infarction). Right side = dominant by default.
# The side nearest the deficit: "L MCA stroke with residual R hemiparesis" is a right hemiparesis (the side
# of the brain named first is not the side of the body).
_NO_SIDE = r"(?:(?!\b(?:right|left|r|l)\b)[^.;])"
_STROKE_DEFICITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"\b(right|r)\b{_NO_SIDE}{{0,30}}\b(hemiparesis|hemiplegia|weakness)\b|\b(hemiparesis|hemiplegia)"
                rf"{_NO_SIDE}{{0,15}}\bright\b", re.IGNORECASE), "I69351"),
    (re.compile(rf"\b(left|l)\b{_NO_SIDE}{{0,30}}\b(hemiparesis|hemiplegia|weakness)\b|\b(hemiparesis|hemiplegia)"
                rf"{_NO_SIDE}{{0,15}}\bleft\b", re.IGNORECASE), "I69354"),
    (re.compile(r"\bdysphagia\b", re.IGNORECASE), "I69391"),
    (re.compile(r"\baphasia\b", re.IGNORECASE), "I69320"),
    (re.compile(r"\bdysarthria\b", re.IGNORECASE), "I69322"),
    (re.compile(r"\b(facial (?:droop|weakness))\b", re.IGNORECASE), "I69392"),
    (re.compile(r"\bataxia\b", re.IGNORECASE), "I69393"),
)
_RENAL_HPT = re.compile(r"\bhyperparathyroidism,?\s+(?:of renal origin|(?:due to|from|secondary to|2/2)\s+"
                        r"(?:ckd|esrd|chronic kidney disease|end[- ]stage renal disease|renal \w+))\b|"
                        r"\brenal (?:secondary )?hyperparathyroidism\b", re.IGNORECASE)


# Index "Pain, chest, musculoskeletal / wall / atypical / non-cardiac R07.89; on breathing (pleuritic) R07.1 /
# pleurodynia R07.81": the kind of chest pain the record concludes, told in another sentence of its item.
_CHEST_PAIN_OTHER = re.compile(r"\b(?:musculoskeletal|msk|chest wall|costochondr\w*|atypical|non-?cardiac)\b",
                               re.IGNORECASE)
_CHEST_PAIN_ITEM = re.compile(r"\bchest pain\b[^\n]*", re.IGNORECASE)


def _chest_pain_kind(release: Release, enc: Encounter, sugs: list[Suggestion],
                     coded: set[str]) -> list[Suggestion]:
    """R07.9 (chest pain, unspecified) gives way to R07.89 when a line of the record that names the chest
    pain calls it musculoskeletal, chest wall, atypical or non-cardiac (Index "Pain, chest")."""
    if not any(s.code == "R079" for s in sugs) or "R0789" in coded:
        return sugs
    if not any(_CHEST_PAIN_OTHER.search(m.group(0)) for d in enc.documents
               for m in _CHEST_PAIN_ITEM.finditer(d.text)):
        return sugs
    out: list[Suggestion] = []
    for s in sugs:
        if s.code == "R079":
            new = _make(release, s, "R0789")
            if new is None or any(o.code == "R0789" for o in out + sugs):
                continue
            s = dataclasses.replace(new, kind=s.kind, query=s.query)
        out.append(s)
    return out


# Index "Hyperparathyroidism, secondary (renal) N25.81; non-renal E21.1": in a record of chronic kidney
# disease or dialysis the secondary hyperparathyroidism is the renal one unless the record says otherwise.
_KIDNEY_DISEASE = re.compile(r"\b(?:esrd|ckd|end[- ]stage renal disease|chronic kidney disease|hemodialysis|"
                             r"peritoneal dialysis|on (?:hd|pd|dialysis))\b", re.IGNORECASE)
_NON_RENAL_HPT = re.compile(r"\bnon-?renal\b|\bhyperparathyroidism\b[^.;]{0,30}\b(?:due to|from|secondary to|"
                            r"2/2)\s+(?:vitamin d|malabsorption|bariatric|gastric bypass)", re.IGNORECASE)


def _renal_hyperparathyroidism(release: Release, enc: Encounter, sugs: list[Suggestion],
                               coded: set[str]) -> list[Suggestion]:
    """Index "Hyperparathyroidism, secondary, renal N25.81" (E21.1 Excludes1 it): once the record calls the
    secondary hyperparathyroidism "of renal origin", its other mentions ("# Secondary hyperparathyroidism -
    cinacalcet") are the same condition: N25.81, never E21.1."""
    if not any(s.code == "E211" for s in sugs) or not any(
            _RENAL_HPT.search(d.text) or _KIDNEY_DISEASE.search(d.text) for d in enc.documents) or any(
            _NON_RENAL_HPT.search(d.text) for d in enc.documents):
        return sugs
    out: list[Suggestion] = []
    for s in sugs:
        if s.code == "E211":
            new = _make(release, s, "N2581")
            if new is None or "N2581" in coded or any(o.code == "N2581" for o in out + sugs):
                continue
            s = new
        out.append(s)
    return out


# Phrases the index reads wrongly or too loosely, with the code the Index gives them.
_PHRASES: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    # Index "Hypothyroidism, postsurgical E89.0": "hypothyroidism after thyroidectomy for goiter (2010)".
    (re.compile(r"\bhypothyroid\w*,? (?:after|following|post|s/p|status post|since|from|due to) (?:a |total |"
                r"partial |subtotal )?thyroidectomy\b|\bpost-?(?:surgical|thyroidectomy|operative) "
                r"hypothyroid\w*", re.IGNORECASE), "E890", ("E03",)),
    (re.compile(r"\b(transient ischemic attack|tia)\b", re.IGNORECASE), "G459", ("G40", "G45")),
    # Index "Borderline, diabetes mellitus R73.03" (prediabetes), not a diabetes code.
    (re.compile(r"\bborderline (?:diabet\w*|dm|type 2 (?:diabetes|dm))\b", re.IGNORECASE), "R7303",
     ("E08", "E09", "E10", "E11", "E13", "R73")),
    # Index "Borderline, hypertension R03.0" (elevated reading, no diagnosis of hypertension), not I10.
    (re.compile(r"\bborderline (?:hypertension|htn|high blood pressure)\b", re.IGNORECASE), "R030",
     ("I10", "R03")),
    # I.C.9.e.4: type 2 MI (demand ischemia) is I21.A1 alone, not also an NSTEMI code.
    (re.compile(r"\btype (?:2|ii) (?:mi|myocardial infarction|nstemi)\b|\b(?:mi|myocardial infarction|"
                r"nstemi),?\s+type (?:2|ii)\b|\bdemand (?:ischemia )?(?:mi|myocardial infarction)\b",
                re.IGNORECASE),
     "I21A1", ("I21",)),
    # Index "Pneumonia, pneumococcal J13"; "Anemia, in (due to) chronic disease D63.8, chronic kidney
    # disease D63.1, neoplastic disease D63.0"; "Pain, chronic G89.29".
    (re.compile(r"\b(?:strep(?:tococcus|tococcal)?\.? pneumo(?:niae)?|pneumococc\w*)\b[^.;]{0,20}"
                r"\bpneumonia\b|\bpneumonia\b[^.;]{0,25}\b(?:strep(?:tococcus)?\.? pneumo(?:niae)?|"
                r"pneumococc\w*)\b",
                re.IGNORECASE), "J13", ("J18", "J15", "J13")),
    (re.compile(r"\banemia (?:of|in|due to) (?:ckd|chronic kidney disease|chronic renal \w+|esrd)\b",
                re.IGNORECASE), "D631", ("D64", "D63", "D50", "D53")),
    # Index "Anemia, blood loss (chronic) D50.0; acute D62"
    (re.compile(r"\banemia (?:due to|from|secondary to|2/2|of) acute (?:blood loss|hemorrhage|bleed\w*|"
                r"gi bleed\w*)\b", re.IGNORECASE), "D62", ("D64", "D62", "D50")),
    (re.compile(r"\banemia (?:of|in|due to) (?:malignancy|cancer|neoplastic disease)\b", re.IGNORECASE),
     "D630", ("D64", "D63", "D50", "D53")),
    (re.compile(r"\banemia (?:of|in) chronic (?:disease|inflammation|illness)\b", re.IGNORECASE), "D638",
     ("D64", "D63", "D50", "D53")),
    (re.compile(r"\bchronic pain\b(?! syndrome)", re.IGNORECASE), "G8929", ("R52", "G89")),
    # Index "Coagulopathy, due to liver disease D68.4" (acquired coagulation factor deficiency).
    (re.compile(r"\bcoagulopathy\b(?:[^.;]|\.\d){0,40}?\b(?:due to|from|secondary to|2/2|of)\s+"
                r"(?:\w+\s+){0,2}?(?:liver disease|cirrhosis|liver failure|hepatic (?:failure|dysfunction|"
                r"disease))\b|\b(?:liver|hepatic|cirrhosis)[- ](?:related|associated|induced) coagulopathy\b",
                re.IGNORECASE), "D684", ("D68",)),
    # Index "Migraine, complicated G43.109" (with aura).
    (re.compile(r"\bcomplicated migraine\b", re.IGNORECASE), "G43109", ("G43",)),
    # Index "Pneumonia, aspiration J69.0"; I.C.1.g.1: COVID-19 pneumonia J12.82 (with U07.1).
    (re.compile(r"\baspiration pneumonia\b|\bpneumonia\b[^.;]{0,15}\baspiration\b", re.IGNORECASE), "J690",
     ("J18", "J69")),
    (re.compile(r"\b(?:covid(?:-19)?|sars-cov-2)\b[^.;]{0,20}\bpneumonia\b|\bpneumonia\b[^.;]{0,20}\b(?:covid|"
                r"sars-cov-2)", re.IGNORECASE), "J1282", ("J18", "J12")),
    # Index "Hepatitis, C (viral) B19.20; chronic B18.2".
    (re.compile(r"\bchronic (?:viral )?(?:hepatitis c|hcv)\b|\b(?:hepatitis c|hcv)\b[^.;]{0,12}\bchronic\b",
                re.IGNORECASE), "B182", ("K73", "K75", "B17", "B18", "B19")),
    (re.compile(r"\bhepatitis c\b|\bhcv (?:infection|positive)\b", re.IGNORECASE), "B1920",
     ("K73", "K75", "B17", "B19")),
    # Index "Shock, septic R65.21" (I.C.1.d.2): never R57.- (shock NOS) for septic shock.
    (re.compile(r"\bseptic shock\b", re.IGNORECASE), "R6521", ("R57",)),
    (re.compile(r"(?<!not )(?<!non-)(?<!non)\brecurrent\b[^.;]*\b(c\.? ?diff(?:icile)?|clostridi\w* "
                r"difficile)\b|\b(c\.? ?diff(?:icile)?|clostridi\w* difficile)\b[^.;]*(?<!not )(?<!non-)"
                r"(?<!non)\brecurren", re.IGNORECASE), "A0471", ("K52", "A047")),
    (re.compile(r"\b(c\.? ?diff(?:icile)?|clostridi\w* difficile|clostridioides difficile)\b",
                re.IGNORECASE), "A0472", ("K52", "A047")),
    (re.compile(r"\bfall\b[^.;]*\b(slip\w*|trip\w*|stumbl\w*)\b|\b(slipped|tripped|stumbled)\b[^.;]*\bfell\b",
                re.IGNORECASE), "W010XXA", ("W18", "W01")),
    (re.compile(r"\b(type 1|type i|t1dm|iddm)\b[^.;]*\b(dka|ketoacidosis)\b|\b(dka|ketoacidosis)\b[^.;]*"
                r"\b(type 1|t1dm)\b", re.IGNORECASE), "E1010", ("E11", "E10", "E87")),
    (re.compile(r"\b(type 2|type ii|t2dm|dm2)\b[^.;]*\b(dka|ketoacidosis)\b", re.IGNORECASE), "E1110",
     ("E11", "E87")),
    (re.compile(r"\b(born|delivered|birth)\b[^.;]*\b(?:in|at) (?:this |the |our )?hospital\b[^.;]*"
                r"\b(cesarean|c-section)\b", re.IGNORECASE), "Z3801", ("Z38",)),
    (re.compile(r"\b(born|birth)\b[^.;]*\b(?:in|at) (?:this |the |our )?hospital\b", re.IGNORECASE), "Z3800",
     ("Z38",)),
)
_PROTOCOL = re.compile(r"\s*(?:protocol|bundle|alert|screen(?:ing)?|order set|pathway|work-?up|"
                       # "likely demand in the setting of sepsis physiology": a picture, not the diagnosis
                       r"rule[- ]out|physiology|picture|criteria)\b", re.IGNORECASE)
# "# Allergies: penicillin (rash)": the allergy list names the past reaction (a status, Z88.-), not one now.
_ALLERGY_LIST = re.compile(r"^\W*(?:allerg\w*|nkda)\s*:", re.IGNORECASE)
_REACTION = re.compile(r"\b(reaction|rash|hives|urticaria|anaphyla\w*|angioedema|swelling|wheez\w*|pruritus|"
                       r"itching|developed|after (?:receiving|taking|eating))\b", re.IGNORECASE)
# I.C.5.b.3: psychoactive substance use codes (F10.9- ... F19.9-; not F17, nicotine) only when the use is
# associated with a substance-related disorder or medical condition and the provider documents that relation.
_USE_UNCOMPLICATED = re.compile(r"F1[0-689]90$")
# The social history's account of use, not a diagnosis: "Alcohol use: drinks socially, 2 beers a week".
_SOCIAL_USE = re.compile(r"\b(social(?:ly)?|occasional(?:ly)?|rare(?:ly)?|light|recreational(?:ly)?|"
                         r"(?:a|per|each|every) (?:week|month|weekend)|weekends?|holidays?)\b|\buse\s*:",
                         re.IGNORECASE)
_USE_RELATED = re.compile(r"\b(due to|secondary to|2/2|induced|related|associated|attributed|caus\w+|"
                          r"complicated by|with (?:intoxication|withdrawal|hyperemesis|psychosis|"
                          r"delirium))\b",
                          re.IGNORECASE)
# I.C.5.b.1: abuse or dependence (not "in remission", .11/.21) told as past: "sober for 10 years".
_ACTIVE_USE_DISORDER = re.compile(r"F1[0-689][12][02-9]")
_SOBER = re.compile(r"\b(sober|abstinent|abstinence|quit|no longer (?:drinks|drinking|uses|using)|"
                    r"in the past|previously|former(?:ly)?)\b", re.IGNORECASE)
_LEGAL = re.compile(r"\b(?:police|jail\w*|prison\w*|incarcerat\w*|court|legal|lawyer|attorney|custody|"
                    r"charged|probation|parole|arrested|under arrest)\b", re.IGNORECASE)
_COUNSELED_ON = re.compile(r"\b(?:counsel(?:ed|ing)|educat(?:ed|ion)|instructed|teaching)\s+(?:on|about|"
                           r"regarding)\b[^.;:]*$", re.IGNORECASE)
_UTERINE_SCAR = re.compile(r"\b(?:cesarean|c-section|c/s|hysterotomy|uterine|vbac|tolac)\b", re.IGNORECASE)
_GROWTH_CHART = re.compile(r"\bgrowth\s*(?::|chart|curve|parameters?)|\bpercentile\b", re.IGNORECASE)
# "Home O2 evaluation: does not qualify": an assessment for home oxygen, no dependence on it (Z99.81)
_O2_NOT_NEEDED = re.compile(r"\b(?:evaluation|eval|assessment|qualif\w*|walk test)\b[^.;]{0,30}\b"
                            r"(?:does not|did not|doesn't|didn't|not) qualify\b|"
                            r"\b(?:does not|did not) (?:qualify|need)\b", re.IGNORECASE)
# "BEHAVIORAL HEALTH DISCHARGE SUMMARY": the service's name, no behavioral disorder (F98.9)
_SERVICE_NAME = re.compile(r"\bbehaviou?ral\s+(?:health|medicine|services?|unit)\b", re.IGNORECASE)
# "adenocarcinoma of the right upper lobe": a lobe is the lung's (C34.-), not a primary site unknown (C80.1)
_LUNG_LOBE = re.compile(r"\s*(?:of|in|involving)\s+(?:the\s+)?(right|left|r|l)\s+(upper|middle|lower)"
                        r"\s+lobe\b", re.IGNORECASE)
_LOBE_CODES = {("r", "u"): "C3411", ("l", "u"): "C3412", ("r", "m"): "C342", ("r", "l"): "C3431",
               ("l", "l"): "C3432"}
# A surveillance study's "no evidence of disease" in the sentences after a cancer's treatment history
# ("Stage IIB ... s/p colectomy and FOLFOX, completed 10/2021. Surveillance CT 09/2026: no evidence of
# disease."): the cancer is gone (I.C.2.d)
_SURVEILLANCE_NED = re.compile(r"\b(?:surveillance|restaging|follow-?up)\b[^.;]{0,40}\b(?:no evidence of "
                               r"(?:recurrence|disease|malignancy)|ned)\b", re.IGNORECASE)
_PENDING_RESULT = re.compile(r"\b(?:pathology|path|biopsy|cytology|histology)\b[^.;]{0,25}\bpending\b|"
                             r"\bpending (?:pathology|path|biopsy|cytology|histology)\b", re.IGNORECASE)
_IN_YEAR = re.compile(r"\b(?:in|during|back in)\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_VACCINE_AFTER = re.compile(r"\W*(?:[A-Za-z]{1,3}\s+)?(?:vaccin\w*|immuni[sz]\w*|booster|shots?)\b",
                            re.IGNORECASE)
_IN_REMISSION = re.compile(r"\bin (?:full |partial |sustained )?remission\b", re.IGNORECASE)
_TREATED_AS = re.compile(r"\b(treated|treatment|antibiotics|completed|course of)\b", re.IGNORECASE)
_ON_ARRIVAL = re.compile(r"\b(on (?:arrival|admission|presentation)|at (?:presentation|admission)|initially|"
                         r"in the (?:ed|er|emergency department))\b", re.IGNORECASE)
_STRESS_TEST = re.compile(r"\bstress (?:test|echo\w*|imaging|ulcer|dose|dosing)\b", re.IGNORECASE)
# Someone else than the patient, with a condition: "Patient's husband has dementia", "her daughter-in-law, who
# has breast cancer" (family history, Z80-Z84, is for blood relatives and comes from stated.py).
_OTHER_PERSON = re.compile(r"\b(?:husband|wife|spouse|partner|boyfriend|girlfriend|roommate|fianc\w*|"
                           r"(?:son|daughter|brother|sister|mother|father)-in-law|mother|father|brother|sister|"
                           r"son|daughter)\b,?\s+(?:who\s+)?(?:has|had|with|suffers)\b", re.IGNORECASE)
_PATIENT_AGAIN = re.compile(r"\b(patient|pt|she|he|her|his)\b|;", re.IGNORECASE)
# Lab-value conditions a spurious sample explains (III.B: abnormal findings need clinical significance).
_LAB_CODES = ("E87", "E83", "D69", "D72", "D64", "R7", "E16", "R79")
_SPURIOUS = re.compile(r"\b(hemolyz\w+|spurious\w*|lab(?:oratory)? error|artifact\w*|clumping)\b",
                       re.IGNORECASE)


def _another_persons(s: Suggestion) -> bool:
    if s.code.startswith(("Z80", "Z81", "Z82", "Z83", "Z84")):
        return False  # the family history code itself
    ev = s.evidence
    head = ev.text[: max(0, ev.phrase_start - ev.start)]
    for m in _OTHER_PERSON.finditer(head):
        if not _PATIENT_AGAIN.search(head[m.end():]):
            return True
    return False


def _prefix_read_as_acronym(s: Suggestion) -> bool:
    """A short word written before a hyphen ("Pre-diabetes", "Pre-op") read as an acronym: a prefix."""
    ev = s.evidence
    p = ev.phrase
    after = ev.text[ev.phrase_end - ev.start: ev.phrase_end - ev.start + 2]
    return p.isalpha() and len(p) <= 4 and not p.isupper() and len(after) == 2 and after[0] == "-" \
        and after[1].isalpha()


def _another_month(text: str, enc: Encounter) -> bool:
    """The sentence names another month than the stay's and nothing that puts it in this stay."""
    return other_month(text, enc) and not _NOW.search(text)


def _another_year(text: str, enc: Encounter, code: str) -> bool:
    """The sentence puts an acute condition in a year before the stay's ("had COVID in 2022") and nothing
    in this stay; a chronic condition diagnosed in a past year is still present ("COPD diagnosed in 2018")."""
    if enc.discharge_date is None or code.startswith(_CHRONIC) or _NOW.search(text):
        return False
    return any(int(m.group(1)) < enc.discharge_date.year for m in _IN_YEAR.finditer(text))


# An EHR problem list's "Noted: 10/19/2026   Resolved: 10/20/2026": resolved on the date written after it
_RESOLVED_ON = re.compile(r"\bresolved:?\s+(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)\b", re.IGNORECASE)


def _resolved_before(text: str, enc: Encounter) -> bool:
    """The sentence says the condition resolved before this stay; a problem list's "Resolved: <date>" of a
    day of the stay is this stay's condition (still coded)."""
    on = _RESOLVED_ON.search(text)
    if on is not None and enc.admit_date is not None:
        try:
            return dt.date(int(on.group(3)), int(on.group(1)), int(on.group(2))) < enc.admit_date
        except ValueError:
            pass
    return bool(_RESOLVED.search(text))


def told_of_another_time(text: str, enc: Encounter) -> bool:
    """The sentence tells of a condition before this stay: resolved in the past, or in another month."""
    return bool(_RESOLVED.search(text)) or _another_month(text, enc)


def _in_summary(s: Suggestion) -> bool:
    return any(k in s.evidence.document_type.lower() for k in ("discharge", "death summary"))


def _questioned(s: Suggestion) -> bool:
    """"?Cirrhosis on US", "pneumonia (?)": a question mark on the condition is the provider's doubt, a
    query at most (Section II.H / III.C)."""
    ev = s.evidence
    before = ev.text[: max(0, ev.phrase_start - ev.start)].rstrip()
    after = ev.text[max(0, ev.phrase_end - ev.start):].lstrip()
    return before.endswith("?") or after.startswith(("?", "(?)"))


def _sentence(s: Suggestion) -> str:
    return str(s.evidence.text)


def _line(enc: Encounter, s: Suggestion) -> str:
    """The whole line of the document the evidence sentence sits on."""
    ev = s.evidence
    if not 0 <= ev.document < len(enc.documents):
        return str(ev.text)
    text = enc.documents[ev.document].text
    lo = text.rfind("\n", 0, ev.start) + 1
    hi = text.find("\n", ev.end)
    return text[lo: hi if hi >= 0 else len(text)]


def apply(sugs: list[Suggestion], enc: Encounter, release: Release, coded: set[str], dismissed: set[str],
          index: Any = None) -> list[Suggestion]:
    """The suggestions, held to the guidelines (see the module docstring)."""
    from workbench.record.suggest import draft_query

    out: list[Suggestion] = []
    extra: list[Suggestion] = []
    for s in sugs:
        text = _sentence(s)
        if s.system == "CM":
            if not (readings.one_word_title(s) and readings.acronym_as_written(s)):
                continue  # "toxin positive" is not D64.2; "a guide pin" is not PIN (readings.py)
            if names_no_diagnosis(s):
                continue  # "Warning signs of stroke reviewed", "rubella immune" (template_text.py)
            s = readings.lobe_not_lobar(release, s)
            s = readings.osteoarthritis_site(release, s)
            if _STROKE.search(text) and _old(text) and s.code.startswith(_STROKE_OR_DEFICIT) \
                    and not _ACUTE_STROKE.search(text):
                extra += _stroke_sequelae(release, s, text)  # I.B.10: the sequela code, not the acute one
                extra += _record_stroke_sequelae(release, enc, s)
                continue
            if _resolved_before(text, enc) and s.code.startswith(_ACUTE_CHAPTERS) and not (
                    s.code.startswith(("I21", "I22")) and _WITHIN_4_WEEKS.search(text)):
                continue  # resolved before this stay: not coded (history codes only where care needs them)
            if s.code.startswith(_ACUTE_CHAPTERS) and _TREATED_BEFORE.search(
                    text[: max(0, s.evidence.phrase_start - s.evidence.start)]):
                continue  # treated by a course finished before this stay: not this stay's condition
            if s.code.startswith(_ACUTE_CHAPTERS) and not s.code.startswith(("I21", "I22")) \
                    and _another_year(text, enc, s.code):
                continue  # "Pt had COVID in 2022", "pneumonia in 2025 at OSH": an episode of a past year
            if not s.code.startswith(("C", "D0", "Z")) and _REMOTE_EPISODE.search(text) \
                    and not _STILL_TREATED.search(text):
                continue  # "AF - remote episode 2019, no recurrence, not on anticoagulation": history
            if s.code.startswith("R131") and _SWALLOW_PASSED.search(text):
                continue  # "Dysphagia - passed swallow eval on day 2, regular diet": no dysphagia found
            if _VACCINE_AFTER.match(text, s.evidence.phrase_end - s.evidence.start):
                continue  # "Hepatitis A vaccine series given": the immunization, not the disease
            if s.code.startswith(_ACUTE_CHAPTERS) and not s.code.startswith(("I21", "I22")) \
                    and _another_month(text, enc):
                continue  # "a course of prednisone for COPD exacerbation in May": another time than this stay
            # (myeloma and leukemias have their own "in remission" codes, C90-C95 with 5th character 1:
            # the condition is current, not a history)
            if s.code.startswith("C") and "in remission" not in s.title.lower() \
                    and (_CANCER_PAST.search(text) or (_CANCER_RESECTED.search(text) or _ned_after(enc, s))
                         and not _CANCER_NOW.search(text)):
                extra += _cancer_history(release, index, s)
                continue
            if s.evidence.phrase.upper() == "PCP" and _PCP_PERSON.search(text):
                continue
            if s.code.startswith("Z17") and len(s.evidence.phrase) <= 3:
                continue  # "PR" alone is also the ECG's interval or "per rectum": stated_rules.py reads "PR+"
            if s.code == "Z9981" and _O2_NOT_NEEDED.search(text):
                continue  # "Home O2 evaluation: does not qualify"
            if s.code == "F989" and _SERVICE_NAME.search(text):
                continue  # "BEHAVIORAL HEALTH DISCHARGE SUMMARY": a service
            at = s.evidence.phrase_end - s.evidence.start
            lobe = _LUNG_LOBE.match(text, at) if s.code == "C801" else None
            if lobe is not None:
                code = _LOBE_CODES.get((lobe.group(1)[0].lower(), lobe.group(2)[0].lower()))
                if code is not None and (new := _make(release, s, code)) is not None:
                    s = new
            if _COUNSELED_ON.search(text[: max(0, s.evidence.phrase_start - s.evidence.start)]) \
                    and not s.code.startswith(("Z", "F17")):
                continue  # "counseled on bleeding risk, signs of stroke and GI bleeding": what to watch for
            if s.code == "L905" and _UTERINE_SCAR.search(text):
                continue  # "for prior cesarean (low transverse scar)": the uterine scar is O34.2-, not skin
            if s.evidence.phrase.lower() == "growth" and _GROWTH_CHART.search(text):
                continue  # "Growth: weight 50th percentile": a growth chart, not a neoplasm
            if _PROTOCOL.match(text, s.evidence.phrase_end - s.evidence.start):
                continue  # "sepsis protocol", "stroke alert": an order set named for a condition, not it
            # the plan may be the next item of a one-line list ("Suspected cirrhosis; recommend GI referral")
            # (a family or personal history code, Z80-Z87, carries its relative or "h/o" as the cue: no doubt)
            # (an incidental finding left to the outpatient follow-up was not evaluated this stay, III)
            uncertain_outpatient = (s.evidence.cue or _INCIDENTAL.search(text)) \
                and not s.code.startswith("Z8") and _OUTPATIENT.search(_line(enc, s))
            # II.H: uncertain "at the time of discharge", not on arrival ("Possible hypertensive urgency on
            # arrival, BP improved"): the admitting impression, never confirmed, is a query at most.
            # (treated as that condition, it is coded: "Concern for sepsis on admission, treated")
            uncertain_on_arrival = s.evidence.cue and not s.code.startswith("Z8") \
                and _ON_ARRIVAL.search(text) and not _TREATED_AS.search(text)
            # a doubt waiting on its pathology ("Pathology pending at discharge; concern for malignancy"): not
            # known at discharge, a query
            pending = s.evidence.cue and _PENDING_RESULT.search(text)
            if s.kind == "code" and (uncertain_outpatient or uncertain_on_arrival or pending
                                     or _NOT_EVALUATED.search(text) or _questioned(s)):
                s = dataclasses.replace(s, kind="query")
                s = dataclasses.replace(s, query=draft_query(s))
            if s.code == "Z653" and not _LEGAL.search(text):
                continue  # "Arrest of dilation": Z65.3's "arrest" is the legal one (police, court, jail)
            if s.code.startswith("Z733") and _STRESS_TEST.search(text):
                continue  # a cardiac stress test is not stress (Z73.3)
            if s.code.startswith("T7840") and (not _REACTION.search(text) or _ALLERGY_LIST.match(text)):
                continue  # "penicillin allergy": an allergy status (Z88.0, stated.py), no reaction now
            if _another_persons(s):
                continue  # "Patient's husband has dementia": a condition of someone else (I.C.21.c.4)
            if _prefix_read_as_acronym(s):
                continue  # "Pre-diabetes": the prefix "Pre" is no PRES (I67.83)
            if s.code.startswith(_LAB_CODES) and _SPURIOUS.search(text):
                continue  # "Hyperkalemia ... likely hemolyzed sample, repeat K 4.1": no condition (III.B)
            if _USE_UNCOMPLICATED.match(s.code) and _SOCIAL_USE.search(text) \
                    and not _USE_RELATED.search(text):
                continue  # I.C.5.b.3: "drinks socially" is no reportable use (F1x.90), no related condition
            if s.code in ("F32A", "F329", "F339") and _IN_REMISSION.search(text):
                continue  # "Depression in remission, off meds": no active depression (the MDD remission codes
                # are read from "major depressive disorder ... in full remission")
            if _ACTIVE_USE_DISORDER.match(s.code) and _SOBER.search(text):
                continue  # "alcohol abuse in the past, sober for 10 years": not active (I.C.5.b.1)
            if s.code == "Z719":
                continue  # "counseling given": an unspecified counseling is no reason of an inpatient stay
            replaced = False
            for pattern, code, parts in _PHRASES:
                # (the code first: a pattern's search over the sentence costs more, and few codes have any)
                if (s.code.startswith(parts) or s.code == code) and pattern.search(text):
                    new = _make(release, s, code)
                    if new is not None and s.kind == "query":
                        # the Index's reading of the words, not a new statement: a doubt sent to the
                        # outpatient plan stays a query (II.H / III), "possible chronic hepatitis C" too
                        new = dataclasses.replace(new, kind="query", query=draft_query(new))
                    if new is not None:
                        extra.append(new)
                        replaced = True
                    break
            if replaced:
                continue
        else:
            if not body_part_said(s):
                continue  # the search's reading names a body part the note does not
            if _in_summary(s) and not approach_said(release, s):
                continue  # "underwent cholecystectomy": open or laparoscopic is the operative note's to say
            s = dataclasses.replace(procedure_axes(release, s, text),
                                    date=stated_date(enc, text) or doc_date(enc, s))
        out.append(s)
    stated_px = stated_only(release, enc)
    tables = {pcs_table_key(s.code) for s in stated_px}
    said = {(s.code[0], s.code[2], s.evidence.document, s.evidence.start) for s in stated_px}
    # The note's own words decide the axes: the search's reading of the same table, or of the same root
    # operation in the same sentence ("Detachment at Left Forequarter" for a toe), gives way.
    out = [s for s in out if s.system != "PCS" or pcs_table_key(s.code) not in tables and (
        s.code[0], s.code[2:3], s.evidence.document, s.evidence.start) not in said] + stated_px
    out = earlier_stays(release, enc, out)  # "PCI with DES to LAD (2022)": Z95.5, not 027034Z
    # The operative or procedure note's reading of a table over the discharge summary's retelling of it.
    noted = {pcs_table_key(s.code) for s in out if s.system == "PCS" and not _in_summary(s)}
    out = [s for s in out if not (s.system == "PCS" and _in_summary(s) and pcs_table_key(s.code) in noted)]
    from workbench.record.specific import organism_specific, refine, with_bleeding

    # I.B.2 / I.B.13: the type, acuity and side the sentence says; the organism documented (I.C.1). The
    # codes the guideline rules above gave (sequelae, Index phrases) are theirs: not refined again.
    out = refine(release, out, coded, getattr(index, "abbreviations", None))
    from workbench.record.sides import side_said

    out = side_said(release, out, coded)  # "left calf DVT" is not I82.401 (right)
    out = organism_specific(release, index, out, coded)
    out = with_bleeding(release, out, coded)
    if not any(x.code.startswith("I69") for x in extra):
        extra += old_stroke_beside_acute(release, enc, coded)  # I.C.9.d.3: I69.3- beside a coded I63
    out += extra
    from workbench.record.organisms import organisms, resistance, urosepsis
    from workbench.record.phrasings import phrasings
    from workbench.record.stated import stated, written_codes

    out = phrasings(release, enc, out, coded, index)  # problem-list shorthand, DKA by the record's type, ...
    out += stated(release, enc, out, coded)
    from workbench.record.drug_effects import drug_effects
    from workbench.record.refinements import refinements
    from workbench.record.stroke_sides import stroke_sides

    out = stroke_sides(release, enc, out, coded)  # "Hx of CVA with L sided weakness": I69.354 (I.C.6.a)
    out = drug_effects(release, enc, out, coded)  # "AKI 2/2 vancomycin toxicity": T36.8X5A, not T65.91XA
    out = refinements(release, enc, out, coded)  # "Asthma exacerbation" J45.901; "36w2d, late preterm" P07.39
    from workbench.record.newborn import newborn_codes
    from workbench.record.suggest import populations

    # I.C.16.a: a newborn's hypoglycemia is P70.4, its tachypnea P22.1 (not E16.2, R06.82)
    out = newborn_codes(release, index, enc, out, "P" in populations(enc))
    out += written_codes(release, enc, out, coded)  # "history of stent (Z95.5)"
    if enc.diagnoses:
        from workbench.record.family import family_history
        from workbench.record.histories import body_system

        # "father with MI", on a stay of the heart
        out += family_history(release, enc, out, coded, body_system(enc.diagnoses[0].code))
    out += organisms(release, index, enc, out, coded)
    out += urosepsis(release, enc, out, coded)
    out += resistance(release, enc, out, coded)  # after the agent it qualifies
    from workbench.record.neoplasms import metastases, primary_known, primary_not_secondary, primary_site
    from workbench.record.ulcers import diabetic_ulcers

    ulcers = diabetic_ulcers(release, index, enc, out, coded)
    read = {s.code for s in out if s.system == "CM" and s.code.startswith(("L974", "L975"))}
    # the ulcer's site, side and depth as its sentence says them (ulcers.site_code) beat the search's
    # nearest title; a depth its sentence leaves out ("Diabetic foot ulcer, right heel") gives way to
    # another line's that says it
    ulcers = [s for s in ulcers if not (s.code.endswith("9") and any(c[:6] == s.code[:6] for c in read))]
    if any(s.code.startswith(("L974", "L975")) and s.code[4] != "0" and not s.code.endswith("9")
           for s in ulcers):
        out = [s for s in out if not (s.system == "CM" and s.code in read)]
    out += ulcers
    out += metastases(release, index, enc, out, coded)  # I.C.2.l: the secondary site stated
    out = primary_site(release, index, out, coded)  # "pancreatic head cancer": C25.0, not C80.1
    out = primary_known(out, coded)
    out = primary_not_secondary(out, coded)  # "metastatic lung adenocarcinoma" with C34.11: not C78.00
    # "? COPD - PFTs as outpatient": a question mark on the condition is doubt, whichever rule read it (the
    # problem-list shorthand of phrasings.py, a stated status): a query at most, and no combination from it
    out = [dataclasses.replace(s, kind="query", query=draft_query(s))
           if s.kind == "code" and s.system == "CM" and _questioned(s) else s for s in out]
    from workbench.record.companions import companions

    out = companions(release, enc, out, coded)  # notes' companions, with-siblings, Index entries
    out = combine(release, out, coded, record_diabetes(enc),
                  hypertensive_kidney([d.text for d in enc.documents]))
    if any(c.startswith("E10") for c in coded | {s.code for s in out}):
        out = [s for s in out if s.code != "Z794"]  # I.C.4.a.3: Z79.4 is not assigned for type 1 diabetes
    out = _diabetes_default_type(release, out)
    from workbench.record.specifiers import (
        dementia_severity,
        nicotine_product,
        remission_denied,
        use_in_remission,
    )

    out = nicotine_product(release, out)  # "nicotine dependence, e-cigarettes": F17.290
    out = remission_denied(release, out)  # "AML, not in remission": C92.00
    out = use_in_remission(release, out)  # "opioid use disorder in sustained remission": F11.21
    out = dementia_severity(release, out)  # "dementia ... severe, with agitation": F02.C11
    from workbench.record.pregnancy import pregnancy

    out = pregnancy(release, enc, out, coded)  # I.C.15: chapter 15 first on the maternal record
    if any(c.startswith("O244") for c in coded | {s.code for s in out}):
        # I.C.15.g: Z79.4, Z79.84 and Z79.85 are not assigned with O24.4- (its control is in the code)
        out = [s for s in out if s.code not in ("Z794", "Z7984", "Z7985")]
    out = _psychosis_named(out, coded)
    out = _one_substance_level(out, coded)  # I.C.5.b.1: "alcohol dependence" and "alcohol abuse": F10.20
    out = _renal_hyperparathyroidism(release, enc, out, coded)  # "... of renal origin": N25.81, not E21.1
    out = _chest_pain_kind(release, enc, out, coded)  # "chest pain ... likely musculoskeletal": R07.89
    out = _named_by_combination(release, out, coded)
    out = _defaults_give_way(out, coded)
    out = _said_by_coded(release, out, coded)  # "appendicitis" K37 beside a coded K35.80
    out = readings.specified_category(release, out, coded)  # K52 beside A08.11 or K50; K56.6 in K50.012
    out = readings.fall_mechanism(release, enc, out, coded)  # I.C.20: the fall's stated mechanism
    out = readings.place_home(release, enc, out, coded)  # I.C.20.b: "fell at home" Y92.009
    out = without_inspections(out, coded)
    out = [s for s in out if not (s.system == "CM" and s.code.startswith(_DRUG_CODES)
                                   and not _DRUG_EVENT.search(s.evidence.text))]
    out = _dedupe(out, coded | dismissed)
    out = _excluded(release, out, coded)
    out = _placed_this_stay(release, out, enc)
    out = _stoma_made_this_stay(out, coded)
    out = readings.status_for_principal(release, enc, out, getattr(index, "abbreviations", None))
    out = readings.one_reading_per_procedure(out)
    out = _integral_symptoms(out, coded)
    out = named_by_coded.bleeding_said(release, out, coded)  # R58 beside K57.31 "with bleeding"
    out = named_by_coded.traumatic_beside_pathological(release, out, coded)  # S72 beside a coded M80
    from workbench.record.incidental import (
        answered_against,
        final_diagnoses,
        injury_already_coded,
        integral_findings,
        not_this_stay,
        operated_before,
    )

    finals = final_diagnoses(enc)
    out = not_this_stay(out, finals)  # "noted on exam; podiatry follow-up as an outpatient" (Section III)
    out = integral_findings(out, coded, finals, release)  # a small effusion with pneumonia or heart failure
    out = injury_already_coded(out, coded)  # S06.5XAA beside the coded S06.5X0A
    out = answered_against(out)  # "Concern for pneumonia on admission but CXR clear"
    if enc.discharge_date is not None:
        out = operated_before(out, enc.discharge_date.year)  # "Left eye cataract surgery 2021"
    out = _one_hypertension(out, coded)
    out = _newborn_record(out, enc)
    out = [s for s in out if not (s.system == "CM" and s.code.startswith(_IMAGING_FINDINGS)
                                  and not _IMAGING.search(s.evidence.text))]
    return _at_most(out)


def _at_most(out: list[Suggestion]) -> list[Suggestion]:
    """The first MAX_SUGGESTIONS, in their order, a diagnosis or procedure of this stay before a status,
    history or allergy code (Z): a long allergy list must not push the stay's last diagnoses off the list."""
    if len(out) <= MAX_SUGGESTIONS:
        return out
    ranked = sorted(range(len(out)), key=lambda i: (out[i].system == "CM" and out[i].code.startswith("Z"), i))
    keep = set(ranked[:MAX_SUGGESTIONS])
    return [s for i, s in enumerate(out) if i in keep]


# Operative and procedure notes: what they say was placed, was placed this stay (a discharge summary's
# "s/p right TKA" may be this stay's or an earlier one).
_PROCEDURE_NOTES = ("operative", "procedure", "op note", "cath", "endoscopy", "surgery", "surgical")


def _placed_this_stay(release: Release, sugs: list[Suggestion], enc: Encounter) -> list[Suggestion]:
    """I.C.21.c.3: no status code (Z95-Z97 presence of a device) for a device placed this stay: the coded
    procedures and those read from operative or procedure notes say what was placed (a discharge summary's
    "s/p pacemaker" may be this stay's or an earlier one's)."""
    if not any(s.system == "CM" and s.code.startswith(("Z95", "Z96", "Z97")) for s in sugs):
        return sugs
    notes = [d for d in enc.documents if any(k in (d.type or "").lower() for k in _PROCEDURE_NOTES)]
    placed = [p.code for p in enc.procedures] + [
        s.code for s in sugs if s.system == "PCS" and any(k in s.evidence.document_type.lower()
                                                          for k in _PROCEDURE_NOTES)]
    if notes:  # the notes' own procedures, whichever document the suggestion's evidence came from
        placed += [s.code for s in stated_only(release, dataclasses.replace(enc, documents=notes))]
    if not placed:
        return sugs
    return [s for s in sugs if not (s.system == "CM" and s.code.startswith(("Z95", "Z96", "Z97"))
                                    and gd.placing_procedure(s.code, placed) is not None)]


# I.C.21.c.3: no artificial opening status (Z93.-) beside this stay's creation of that opening: gastrostomy
# (Insertion of a feeding device into the stomach 0DH6-U), tracheostomy (Bypass trachea to cutaneous 0B11-F4),
# ileostomy and colostomy (Bypass of the small or large intestine to cutaneous 0D1-Z4).
_STOMA_MADE = {"Z931": re.compile(r"0DH6.U"), "Z930": re.compile(r"0B11.F4"),
               "Z932": re.compile(r"0D1[89AB].Z4"), "Z933": re.compile(r"0D1[EFGHKLMNP].Z4")}


def _stoma_made_this_stay(sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    made = list(coded) + [s.code for s in sugs if s.system == "PCS"]
    return [s for s in sugs
            if not (s.code in _STOMA_MADE and any(_STOMA_MADE[s.code].match(c) for c in made))]


def _integral_symptoms(sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """I.B.5: no sign or symptom code routinely part of a definitive diagnosis coded or suggested beside it
    (dysuria with a UTI, RLQ pain with appendicitis; the pairs of guideline_data.INTEGRAL_SYMPTOMS)."""
    have = coded | {s.code for s in sugs if s.system == "CM"}
    out = []
    for s in sugs:
        if s.system == "CM" and s.code.startswith(("R", "E87")) and any(
                s.code.startswith(sym) and any(c != s.code and c.startswith(definitive) for c in have)
                for sym, definitive, _what in gd.INTEGRAL_SYMPTOMS):
            continue
        if s.system == "CM" and any(s.code.startswith(sign) and any(
                c != s.code and c.startswith(definitive) for c in have)
                for sign, definitive in _INTEGRAL_SIGNS):
            continue
        out.append(s)
    return out


# I.B.5 outside chapter 18: the redness of a cellulitis, an abscess or erysipelas is the infection's own sign
# ("Erythema receding" in a cellulitis stay's course is no L53.9); the limb pain that led to a DVT's duplex is
# the thrombosis's ("Right calf DVT found on duplex for calf pain": no M79.661).
# The low pressure of a shock is the shock ("hypotension to 74/40 ... norepinephrine" of a septic shock
# R65.21: no I95.9 beside it); an orthostatic or drug-induced hypotension (I95.1-I95.2) is another condition.
_INTEGRAL_SIGNS = (("L539", ("L03", "L02", "A46", "L0889", "L089")),
                   ("M796", ("I802", "I803", "I824", "I825", "I826")),
                   ("I959", ("R6521", "R57", "T782", "T882", "T811", "A483")))


# I.C.9.a: one hypertension code a record, the most complete the record supports: I13 names I11 and I12, and
# each of them names I10.
_HYPERTENSION_NAMES = (("I13", ("I10", "I11", "I12")), ("I11", ("I10",)), ("I12", ("I10",)))


def _one_hypertension(sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """No I10-I12 suggestion beside a coded hypertension code that already names it (I12.9 beside a coded
    I13.0: the record's hypertensive heart and kidney disease is coded)."""
    named = {n for c in coded for cat, names in _HYPERTENSION_NAMES if c.startswith(cat) for n in names}
    return [s for s in sugs if not (s.system == "CM" and s.code[:3] in named)]


# A psychotic disorder coded or suggested names its psychosis: F29 "Unspecified psychosis" is not coded beside
# schizophrenia and the other F20-F28 disorders, or a mood disorder "with psychotic features" (I.B.5, I.A.12).
_PSYCHOTIC = ("F20", "F21", "F22", "F23", "F24", "F25", "F28", "F302", "F312", "F315", "F3164", "F323",
              "F333")


def _psychosis_named(sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    have = coded | {s.code for s in sugs if s.system == "CM"}
    if not any(c.startswith(_PSYCHOTIC) for c in have):
        return sugs
    return [s for s in sugs if s.code != "F29"]


def _one_substance_level(sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """One level a psychoactive substance (I.C.5.b.1): a suggested use or abuse code beside the same
    substance's abuse or dependence, coded or suggested, is left out, as is an 'uncomplicated' code beside
    its complicated sibling (the rule the check applies, guideline_pairs.substance_lower_levels)."""
    from workbench.checks.guideline_pairs import substance_lower_levels

    have = coded | {s.code for s in sugs if s.system == "CM"}
    if sum(c.startswith("F1") for c in have) < 2:
        return sugs
    lower = {c for c, _top in substance_lower_levels(have)} - coded
    return [s for s in sugs if not (s.system == "CM" and s.code in lower)]


def _newborn_record(sugs: list[Suggestion], enc: Encounter) -> list[Suggestion]:
    """I.C.15.a / I.C.16.a: chapter 15 codes (and Z3A weeks, Z37 outcome of delivery) belong to the mother's
    record, never the newborn's: "infant of a mother with gestational diabetes" is P70.0, not O24.4-."""
    from workbench.record.suggest import populations

    if "P" not in populations(enc):
        return sugs
    return [s for s in sugs if not (s.system == "CM" and s.code.startswith(("O", "Z3A", "Z37")))]


# Abnormal findings on diagnostic imaging (R90.8-, R91, R92, R93): only where the sentence names imaging.
_IMAGING_FINDINGS = ("R908", "R91", "R92", "R93")


# T36-T65 (poisoning, adverse effect, underdosing, toxic effect) need the event said, not just the
# substance ("on 2L oxygen" is not a poisoning by therapeutic gases).
_DRUG_CODES = tuple(f"T{n}" for n in range(36, 66))
_DRUG_EVENT = re.compile(r"\b(poison\w*|overdos\w*|toxic\w*|ingest\w*|adverse|reaction|side effects?|induced|"
                         r"underdos\w*|intoxica\w*|due to|secondary to|caused by|from|exposure|took|"
                         r"taking too|supra-?therapeutic|2/2|d/t|because of)\b",
                         re.IGNORECASE)


_COMBINED = re.compile(r"\b(with|due to|in)\b|\(due to\)", re.IGNORECASE)


_SECONDARY_DM = re.compile(r"\b(due to|secondary|underlying|induced|steroid|drug|chemical|pancreatectomy|"
                           r"postprocedural|cystic fibrosis|pancreatitis|cushing)\b", re.IGNORECASE)


def _diabetes_default_type(release: Release, sugs: list[Suggestion]) -> list[Suggestion]:
    """I.C.4.a.2: diabetes of no documented type is type 2 (E11); the search's reading as E08 / E09 / E13
    (due to an underlying condition, drug induced, other specified) needs the sentence to say so.
    Type 1 said in the sentence: E10."""
    from workbench.record.combinations import _TYPE_1

    out = []
    for s in sugs:
        if s.system == "CM" and s.code[:3] in ("E08", "E09", "E13") and not _SECONDARY_DM.search(
                s.evidence.text):
            cat = "E10" if _TYPE_1.search(s.evidence.text) else "E11"
            new = _make(release, s, cat + s.code[3:])
            if new is not None:
                out.append(dataclasses.replace(new, kind=s.kind, query=s.query))
                continue
        out.append(s)
    return out


_HISTORY_CODES = ("Z80", "Z81", "Z82", "Z83", "Z84", "Z85", "Z86", "Z87")


def _named_by_combination(release: Release, sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """I.B.9: a condition a coded code already names ("gangrene" beside E11.52, "pneumonia" beside
    J69.0 "Aspiration pneumonia") is not suggested again on its own, unless that code's "use additional
    code" note asks for it (the heart failure type with I11.0, the CKD stage with I12.-)."""
    from workbench.record.combinations import _asked_for, _title_words

    named: list[tuple[str, frozenset[str]]] = []
    for c in coded:
        item = release.cm(c)
        if item is None:
            continue
        # Only a title that names two things ("with", "due to", "in") is a combination code.
        named += [(c, frozenset(_title_words(t))) for t in (item.title, *release.inclusion_terms(c))
                  if _COMBINED.search(t)]
    if not named:
        return sugs
    out = []
    for s in sugs:
        words = frozenset(_title_words(s.evidence.phrase))
        # a history or family-history code (Z80-Z87) names another time or another person than the coded
        # combination ("Son has asthma" Z82.5 beside J45.41; "remote stroke" Z86.73 beside I63.512)
        if s.system == "CM" and words and not s.code.startswith(_HISTORY_CODES) and any(
                words <= title and c[:3] != s.code[:3] and not _asked_for(release, c, s.code)
                for c, title in named):
            continue
        out.append(s)
    return out


def _defaults_give_way(sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """A default code ("unspecified") gives way to a code of its category that names the same condition
    more exactly, coded or suggested by any rule (N18.9 beside the stated stage N18.31; F17.200 beside
    F17.210)."""
    from workbench.record.suggest import _complication, _core, _is_default, _words

    titles = [(s.code, _words(s.title)) for s in sugs
              if s.system == "CM" and "unspecified" not in s.title.lower()]
    return [s for s in sugs if not (s.system == "CM" and _is_default(s.title) and any(
        c != s.code and c[:3] == s.code[:3] and _core(s.title) <= words
        and _complication(s.title) <= words for c, words in titles))]


def _said_by_coded(release: Release, sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """A default code ("Unspecified appendicitis" K37) whose condition a coded code of another category of
    its chapter names more exactly ("Unspecified acute appendicitis" K35.80) says less than the coded code:
    left out (I.B.2, the most specific code). Status and history codes (Z) name another time: not used."""
    from workbench.record.suggest import _core, _is_default, _words

    titles = [(c, _words(readings.cm_title(release, c))) for c in coded if c[:1] not in ("Z", "")]
    return [s for s in sugs if not (s.system == "CM" and _is_default(s.title) and any(
        c[:3] != s.code[:3] and c[:1] == s.code[:1] and _core(s.title) <= words for c, words in titles))]


# I69.391 "Use additional code to identify the type of dysphagia, if known (R13.1-)": the phase stated.
_DYSPHAGIA_PHASES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p, re.IGNORECASE), c) for p, c in (
        (r"\boropharyngeal\b", "R1312"), (r"\bpharyngo-?esophageal\b", "R1314"), (r"\bpharyngeal\b", "R1313"),
        (r"\boral (?:phase|stage)\b|\boral dysphagia\b", "R1311"),
        (r"\besophageal (?:phase|dysphagia)\b", "R1319")))


def dysphagia_phase(text: str) -> str | None:
    """The R13.1- code of the dysphagia phase the text names, if any."""
    return next((c for p, c in _DYSPHAGIA_PHASES if p.search(text)), None)


def _with_phase(release: Release, like: Suggestion, code: str, text: str) -> list[Suggestion]:
    """The sequela code, and for I69.391 the dysphagia phase its note asks for when the text says it."""
    new = _make(release, like, code)
    if new is None:
        return []
    phase = dysphagia_phase(text) if code == "I69391" else None
    extra = _make(release, like, phase) if phase else None
    return [new] if extra is None else [new, extra]


def _stroke_sequelae(release: Release, like: Suggestion, text: str) -> list[Suggestion]:
    found = []
    for pattern, code in _STROKE_DEFICITS:
        if pattern.search(text):
            found += _with_phase(release, like, code, text)
    if not found and (new := _make(release, like, "Z8673")) is not None:
        found.append(new)  # old stroke without deficits: personal history (I.C.9.d.3)
    return found


def _ned_after(enc: Encounter, s: Suggestion) -> bool:
    """A surveillance study's "no evidence of disease" in the lines right after the cancer's sentence (up to
    a blank line, 240 characters)."""
    ev = s.evidence
    if not 0 <= ev.document < len(enc.documents):
        return False
    text = enc.documents[ev.document].text
    after = text[ev.end: ev.end + 240]
    blank = after.find("\n\n")
    return bool(_SURVEILLANCE_NED.search(after if blank < 0 else after[:blank]))


def _cancer_history(release: Release, index: Any, like: Suggestion) -> list[Suggestion]:
    """The Z85 personal-history code for a malignancy the sentence says is gone (I.C.2.d), read from the
    search index as the scanner reads a "history of" cancer."""
    if index is None:
        return []
    for r in index.search("personal history of " + like.evidence.phrase, system="CM", billable_only=True,
                          limit=2, min_score=0.8):
        if r.code.startswith("Z85") and (new := _make(release, like, r.code)) is not None:
            return [new]
    return []


def _record_stroke_sequelae(release: Release, enc: Encounter, like: Suggestion) -> list[Suggestion]:
    """The deficits of an old stroke stated in other sentences of the record ("dysphagia as sequela of
    prior CVA"), each with its own sentence: one suggestion per code is kept from the scanner."""
    from workbench.record.suggest import Evidence
    from workbench.record.text import sentences

    found = []
    for d, doc in enumerate(enc.documents):
        if not (_STROKE.search(doc.text) and _OLD.search(doc.text)):
            continue
        for s in sentences(doc.text, d):
            if s.section_kind in NOT_STATED or not (
                    _STROKE.search(s.text) and _old(s.text)):
                continue
            ev = Evidence(d, doc.type, s.text, s.start, s.end, s.text, s.start, s.end)
            for pattern, code in _STROKE_DEFICITS:
                if pattern.search(s.text):
                    found += [dataclasses.replace(n, evidence=ev)
                              for n in _with_phase(release, like, code, s.text)]
    return found


def _dedupe(sugs: list[Suggestion], leave_out: set[str]) -> list[Suggestion]:
    seen: set[str] = set()
    out = []
    for s in sugs:
        if s.code in seen or s.code in leave_out:
            continue
        seen.add(s.code)
        out.append(s)
    return out


def _excluded(release: Release, sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """Hide a suggestion that a coded code's Excludes1 note names, or whose own Excludes1 note names a
    coded code or another suggestion (I.A.12.a: "not coded here"; "Tobacco use" Z72.0 beside nicotine
    dependence F17.2-, hyponatremia E87.1 beside SIADH E22.2: the other code is the one that applies)."""
    coded_cm = [c for c in coded if release.cm(c) is not None]
    cm = [s.code for s in sugs if s.system == "CM"]
    # I.C.9.d.3: I69.- beside a current I60-I67 is the documented exception to I63's Excludes1 note
    excluded_by_coded = {c for k in coded_cm for c in _named(_excludes1(release, k), cm)
                         if not (c.startswith("I69") and k.startswith(_CURRENT_CEREBROVASCULAR))}
    out = []
    for s in sugs:
        if s.system != "CM":
            out.append(s)
            continue
        mine = _excludes1(release, s.code)
        if s.code in excluded_by_coded or _named(mine, coded_cm):
            continue
        # Another suggestion this one's note excludes. When the two notes exclude each other, the
        # status or symptom code (Z, R) gives way to the condition ("Tobacco use" Z72.0 to F17.2-), and a
        # "not elsewhere classified" code to the one classified elsewhere (E21.1 to N25.81, renal origin).
        others = [o for o in _named(mine, cm) if o != s.code]
        nec = "not elsewhere classified" in s.title.lower()
        if any(not _named(_excludes1(release, o), [s.code]) or s.code[0] in "ZR" and o[0] not in "ZR"
               or nec and "not elsewhere classified" not in readings.cm_title(release, o) for o in others):
            continue
        out.append(s)
    return out


_CURRENT_CEREBROVASCULAR = ("I60", "I61", "I62", "I63", "I64", "I65", "I66", "I67")

_EXCLUDES1: dict[tuple[int, str], tuple[CodeRange, ...]] = {}


def _excludes1(release: Release, code: str) -> tuple[CodeRange, ...]:
    """The code ranges the Excludes1 notes of `code` (and of its ancestors) name, cached per release."""
    key = (id(release), code)
    hit = _EXCLUDES1.get(key)
    if hit is None:
        from codesets.coderefs import parse_refs

        notes = release.notes(code) if release.cm(code) is not None else []
        hit = tuple(r for n in notes if n.kind == "excludes1" for r in parse_refs(n.text))
        if len(_EXCLUDES1) > 50_000:
            _EXCLUDES1.clear()
        _EXCLUDES1[key] = hit
    return hit


def _named(ranges: tuple[CodeRange, ...], codes: list[str]) -> list[str]:
    """The codes (normalised) that some range holds."""
    if not ranges:  # most codes have no Excludes1 note: no code to test against none
        return []
    return [c for c in codes if any(c[: len(r.lo)] >= r.lo and c[: len(r.hi)] <= r.hi
                                    and (r.test is None or r.test(c)) for r in ranges)]


_ACUTE = re.compile(r"\b(acute|new|current|this admission)\b", re.IGNORECASE)
_ACUTE_STROKE_CODED = ("I60", "I61", "I62", "I63")


def old_stroke_beside_acute(release: Release, enc: Encounter, coded: set[str]) -> list[Suggestion]:
    """I.C.9.d.3: an acute stroke coded this stay and deficits of an old one ("Known left-sided weakness from
    old stroke in 2020") are both coded: the I69.3- code of each deficit the old stroke's sentence names,
    Z86.73 for an old stroke without residual deficits. The scanner's reading of that sentence is the coded
    I63 code, left out as already coded, so the sequela rule above never sees it. A sentence that also
    speaks of the acute stroke is left alone (whose deficit it names is unclear)."""
    if not any(c.startswith(_ACUTE_STROKE_CODED) for c in coded):
        return []
    from workbench.record.suggest import stated_suggestion
    from workbench.record.text import sentences

    found: list[Suggestion] = []
    for d, doc in enumerate(enc.documents):
        if not (_STROKE.search(doc.text) and _OLD.search(doc.text)):
            continue
        for s in sentences(doc.text, d):
            if s.section_kind in NOT_STATED or not (
                    _STROKE.search(s.text) and _old(s.text)) or _ACUTE.search(s.text):
                continue
            said: list[tuple[re.Match[str] | None, str]] = [
                (p.search(s.text), code) for p, code in _STROKE_DEFICITS]
            said = [(m, code) for m, code in said if m is not None]
            if not said and _NO_RESIDUAL.search(s.text):
                said = [(_STROKE.search(s.text), "Z8673")]
            for m, code in said:
                if m is not None and (new := stated_suggestion(release, code, doc, d, s, m)) is not None:
                    found.append(new)
    return found
