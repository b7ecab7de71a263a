"""Physician phrasings the code search does not read as the classification does, each checked against
the sentence's context (negated, ruled out, family, uncertain; history only for history codes):

- sepsis, severe sepsis or septic shock the search reads only as its local infection or "shock", no
  systemic infection coded or suggested: A41.9, the organism its sentence names taken as specific.py
  takes it (I.C.1.d.1.a: "if the causal organism is not further specified, A41.9"; stated.py then adds
  R65.2-);
- "bacteremia" stated anywhere this stay, no sepsis coded or suggested: R78.81;
- electrolyte shorthand of problem lists: hypoNa E87.1, hyperNa E87.0, hypoK E87.6, hyperK E87.5,
  hypoMg E83.42, hyperMg E83.41, hypoCa E83.51, hyperCa E83.52, hypoPhos E83.39;
- "CHF exacerbation" / "decompensated CHF" with no type said anywhere: I50.9 (Index "Failure, heart,
  congestive"), so that the hypertension it sits beside is I11.0 (I.C.9.a.1, combinations.py);
- diabetic ketoacidosis ("DKA") of the type the record documents: type 1 only when documented, else
  type 2 (I.C.4.a.2): E1x.10, E1x.11 with coma;
- "cancer-related pain", "pain due to metastatic cancer": G89.3 (I.C.6.b.5), never a neoplasm code read
  off the word "cancer" inside it;
- a history of kidney stones, none this stay: Z87.442;
- mild cognitive impairment ("MCI"): G31.84 (Index "Impairment, cognitive, mild");
- "history of suicide attempt", "prior attempt": Z91.51 (personal history of suicidal behavior);
- "s/p left TKA" (a joint replaced before this stay): Z96.65-/Z96.64- by side, not with a joint
  replacement (0SR) this stay;
- statuses of an earlier stay: splenectomy Z90.81, bariatric surgery Z98.84, a lobectomy Z90.2, an organ
  transplant Z94.0/.1/.2/.4, an above- or
  below-knee amputation by side Z89.61-/Z89.51- (not with an amputation this stay), a mastectomy by side
  Z90.1-, a prosthetic (mechanical) heart valve Z95.2 (not with a valve replacement this stay);
  long-term opioid analgesics Z79.891, SERMs (tamoxifen) Z79.810, aromatase inhibitors Z79.811;
- alcohol withdrawal (I.C.5.b.1: one code for the use and what it caused): F10.23- with dependence or a
  moderate/severe use disorder documented, F10.13- with abuse or a mild one, F10.93- otherwise; 1 with
  delirium (DTs), 2 with hallucinations, 0 uncomplicated, 9 unspecified; the use codes it includes
  (F10.20) left out;
- delirium "acute", "due to", "superimposed on dementia", "metabolic": F05 (Index "Delirium, acute, due to
  known physiological condition"), not R41.0; a dementia code takes the disturbance the sentence says
  (F03.911 agitation, F0x.x18 other behavioral, .x2 psychotic, .x3 mood, .x4 anxiety), never F98.9;
- R41.0 (delirium NOS) beside a delirium code (F05, a substance's withdrawal or intoxication delirium);
- COPD beside a lower respiratory infection (pneumonia, acute bronchitis, influenza with pneumonia):
  J44.0 with it (Index "Disease, lung, obstructive, with acute lower respiratory infection"), J44.9
  left out;
- a cerebral infarction naming the artery and side (I.B.13): I63.5-- (occlusion or stenosis not
  specified), I63.4-- embolic, I63.3-- thrombotic: MCA 1, ACA 2, PCA 3, cerebellar 4; right 1, left 2,
  bilateral 3 ("Left MCA stroke" I63.512, not I63.9 or a thrombosis it does not say);
- osteoarthritis of a knee or hip with its side: unilateral primary M17.1-/M16.1- (Index
  "Osteoarthritis, knee M17.1-"), bilateral M17.0/M16.0, not M17.9/M19.90;
- respiratory failure "hypoxic and hypercapnic": both J96.x1 and J96.x2 of the acuity read (no code
  says both);
- a laparoscopic, thoracoscopic or arthroscopic procedure converted to open: Z53.31/Z53.32/Z53.33;
- an adverse effect of a drug properly given (I.C.19.e.5.a), the drug named after "due to", "attributed
  to", "from" or before "-induced": T36-T50 with fifth or sixth character 5, the class by the Table of
  Drugs (cefepime T36.1X5A, IV contrast T50.8X5A, ...); never with overdose, poisoning or intent words;
  an anaphylaxis code (T78.2, T88.6) only where the sentence says anaphylaxis;
- a poisoning read as accidental (the default intent) whose sentence says intentional, self-harm or a
  suicide attempt: intent 2 (I.C.19.e.5.b: the intent documented);
- a poisoning or adverse-effect suggestion of the drug class already coded with another intent or
  encounter (T39.1X1A beside T39.1X2A): the coded one says it (one condition once).

The drugs and their adverse-effect codes are adverse_drugs.py; what a sentence adds to a code (this stay's,
the withdrawal's type, a stroke's artery, ...) is phrasing_details.py.
"""

from __future__ import annotations

import re
from typing import Any

from workbench.checks import guideline_data as gd
from workbench.record.adverse_drugs import (
    _ADVERSE,
    _ANAPHYLAXIS,
    _AND_DRUG,
    _DRUG_CODES,
    _POISONING,
    _SWITCHED,
    member_code,
)
from workbench.record.phrasing_details import (
    _DEMENTIA,
    _both_gases,
    _copd_with_infection,
    _dementia_disturbance,
    _diabetes_category,
    _inside,
    _intent,
    _negated_delirium,
    _now,
    _now_or_likely,
    _one_poisoning,
    _osteoarthritis_side,
    _side_of,
    _stroke_artery,
    _withdrawal_code,
)
from workbench.record.sections import NOT_STATED
from workbench.record.text import FirstLook, KeysLook, sentences

_I = re.IGNORECASE
# (pattern, code, history_ok, not_with): `not_with` code prefixes, coded or suggested, that make the rule
# give way (a typed heart failure beside "CHF exacerbation").
_RULES: tuple[tuple[re.Pattern[str], str, bool, tuple[str, ...]], ...] = (
    (re.compile(r"\bhypo-?na\b", _I), "E871", False, ()),
    (re.compile(r"\bhyper-?na\b", _I), "E870", False, ()),
    (re.compile(r"\bhypo-?k\b", _I), "E876", False, ()),
    (re.compile(r"\bhyper-?k\b", _I), "E875", False, ()),
    (re.compile(r"\bhypo-?mg\b", _I), "E8342", False, ()),
    (re.compile(r"\bhyper-?mg\b", _I), "E8341", False, ()),
    (re.compile(r"\bhypo-?ca\b", _I), "E8351", False, ()),
    (re.compile(r"\bhyper-?ca\b", _I), "E8352", False, ()),
    (re.compile(r"\bhypo-?phos\b", _I), "E8339", False, ()),
    (re.compile(r"\b(?:acute|subacute|metabolic|toxic|multifactorial|hyperactive|hypoactive|hospital[- ]"
                r"acquired|icu) delirium\b|\bdelirium (?:due to|secondary to|from|superimposed on|"
                r"in the setting of|related to)\b", _I), "F05", False, ("F05", "F1")),
    # Index "Bacteremia R78.81": a finding the search reads only in a diagnosis list; never beside sepsis
    # (R78.81 Excludes1 sepsis), whose code says the organism in the blood.
    (re.compile(r"\bbacteremi\w*\b", _I), "R7881", False, gd.SEPSIS),
    (re.compile(r"\b(?:chf|congestive heart failure)\s+exacerbation\b|\bexacerbation of (?:chf|"
                r"congestive heart failure)\b|\bdecompensated (?:chf|congestive heart failure)\b|"
                r"\bacute(?: on chronic)? chf\b", _I),
     "I509", False, ("I50",)),
    (re.compile(r"\b(?:cancer|tumou?r|neoplasm|malignan\w*|metastas[ie]s|metastatic disease)[- ](?:related|"
                r"associated) pain\b|\bpain (?:due to|from|secondary to|related to) (?:\w+ ){0,2}?(?:cancer|"
                r"malignan\w*|metastas[ie]s|tumou?r|neoplasm)\b|\b(?:cancer|neoplasm|tumou?r) pain\b", _I),
     "G893", False, ()),
    (re.compile(r"\b(?:s/p|status post|h/o|hx of|history of|prior)\s+(?:\w+\s+){0,2}?splenectomy\b", _I),
     "Z9081", True, ()),
    # Index "Status, bariatric surgery Z98.84": a gastric bypass or sleeve of an earlier stay (not with a
    # bypass or gastrectomy this stay, 0D16-, 0DB6-).
    (re.compile(r"\b(?:s/p|status post|h/o|hx of|history of|prior)\s+(?:an?\s+)?(?:\w+\s+){0,2}?(?:gastric "
                r"bypass|roux-en-y|rygb|sleeve gastrectomy|gastric sleeve|vertical sleeve|bariatric surgery|"
                r"lap(?:aroscopic)? (?:gastric )?band\w*|gastric band\w*)\b", _I),
     "Z9884", True, ("0D16", "0DB6")),
    # Index "Absence, lung (fissure) (lobe) (acquired) Z90.2": a lobectomy or pneumonectomy of an earlier stay
    # (not with a lung resection this stay, 0BT-, 0BB-).
    (re.compile(r"\b(?:s/p|status post|h/o|hx of|history of|prior)\s+(?:an?\s+)?(?:(?:left|right|l|r)\s+)?"
                r"(?:(?:upper|middle|lower)\s+(?:lobe\s+)?|lul\s+|lll\s+|rul\s+|rml\s+|rll\s+|lung\s+)?"
                r"(?:lobectomy|pneumonectomy)\b", _I), "Z902", True, ("0BT", "0BB")),
    # Index "History, personal, calculi, renal Z87.442": a past stone, none this stay (N20-N23, N13.2).
    (re.compile(r"\b(?:h/o|hx of|history of|prior|past|recurrent)\s+(?:\w+\s+)?(?:kidney stones?|"
                r"nephrolithiasis|renal (?:stones?|calculi)|urolithiasis|urinary (?:stones?|calculi))\b", _I),
     "Z87442", True, ("N20", "N21", "N22", "N23", "N132")),
    # Index "Impairment, cognitive, mild, so stated G31.84".
    (re.compile(r"\bmild cognitive impairment\b|\bMCI\b", _I), "G3184", True, ("G30", "G31", "F0")),
    (re.compile(r"\b(?:long[- ]term|chronic)\s+(?:opioids?|opiates?|narcotics?|oxycodone|hydrocodone|"
                r"oxycontin|percocet|norco|morphine|hydromorphone|tramadol|tapentadol|oxymorphone)"
                r"(?:\s+(?:therapy|use|analgesics?))?\b", _I), "Z79891", True, ()),
    (re.compile(r"\b(?:tamoxifen|raloxifene)\b", _I), "Z79810", True, ()),
    (re.compile(r"\b(?:anastrozole|letrozole|exemestane|arimidex|femara|aromatase inhibitors?)\b", _I),
     "Z79811", True, ()),
    (re.compile(r"\bmechanical (?:mitral |aortic |tricuspid |heart )?valve\b|"
                r"\b(?:s/p|status post|h/o|history of)\s+(?:\w+\s+)?(?:mitral|aortic) valve replacement\b",
                _I),
     "Z952", True, ("02R",)),
    # Index "Fatty, liver, alcoholic K70.0": "Hepatic steatosis, likely alcoholic", "alcoholic fatty liver"
    # (the search reads the steatosis alone, or nothing).
    (re.compile(r"\balcoholic (?:hepatic |liver )?steatosis\b|\balcoholic fatty liver\b|"
                r"\b(?:hepatic steatosis|fatty liver|steatosis)(?: disease)?,?\s+(?:\w+\s+)?(?:alcoholic|"
                r"alcohol[- ]related|(?:due to|from|2/2) (?:alcohol|etoh))\b", _I),
     "K700", False, ("K76", "K70")),
    # Index "Pneumonia, aspiration J69.0": "aspiration PNA" is not the unspecified pneumonia the
    # abbreviation alone reads as (J18.9).
    (re.compile(r"\baspiration (?:pna|pneumonia|pneumonitis)\b", _I), "J690", False, ()),
    # Index "Disease, Parkinson's": G20.A1 (without dyskinesia, fluctuations not mentioned); a sentence
    # naming dyskinesia or fluctuations is left to the search.
    (re.compile(r"\bparkinson'?s(?: disease)?\b(?![^.;]*\b(?:with (?:dyskinesia|fluctuations)|on-off|"
                r"off episodes|wearing off)\b)|\bparkinson disease\b", _I), "G20A1", False, ("G20", "G21")),
    # Index "History, personal, fall Z91.81": the search reads "hx" as a word that stops a phrase.
    (re.compile(r"\b(?:h/o|hx of|history of|recurrent|frequent|multiple|repeated)\s+(?:\w+\s+)?falls\b", _I),
     "Z9181", True, ()),
    # Index "History, personal, irradiation Z92.3": radiation therapy of an earlier time ("Breast cancer s/p
    # lumpectomy and radiation 2019"); the search reads "radiation" as an injury or a sickness.
    (re.compile(r"\b(?:s/p|status post|h/o|hx of|history of|prior|previous|completed)\s+"
                r"(?:[\w-]+\s*(?:,|and|&|/|\+)\s*){0,2}(?:radiation|radiotherapy|xrt|irradiation)"
                r"(?: therapy| treatment)?\b", _I), "Z923", True, ()),
    # Index "Urgency, hypertensive I16.0"; "Emergency, hypertensive I16.1": the crisis in problem-list
    # shorthand. Only the second word is read: I16's "code also" keeps the code of "HTN" beside it.
    (re.compile(r"(?:(?<=\bhtn )|(?<=\bhypertensive ))urgency\b", _I), "I160", False, ("I16",)),
    (re.compile(r"(?:(?<=\bhtn )|(?<=\bhypertensive ))emergency\b", _I), "I161", False, ("I16",)),
    # Index "Hypertriglyceridemia, essential E78.1" (Pure hyperglyceridemia): the title the search misses.
    (re.compile(r"\bhypertriglyceridemia\b", _I), "E781", False, ("E782", "E783")),
    # Index "Hyperparathyroidism, secondary, renal N25.81" (E21.1 is the non-renal secondary one).
    (re.compile(r"\b(?:secondary hyperparathyroidism|shpt)\s+(?:of renal origin|due to (?:ckd|esrd|"
                r"chronic kidney disease|renal \w+))\b|\brenal (?:secondary )?hyperparathyroidism\b", _I),
     "N2581", False, ()),
    # I.C.21.c.3 status, Index "Absence, ... (acquired)": organs removed before this stay (not with their
    # removal this stay): uterus with cervix Z90.710, both ovaries Z90.722, gallbladder or part of the colon
    # Z90.49, a kidney Z90.5
    (re.compile(r"\b(?:s/p|status post|h/o|hx of|history of|prior)\s+(?:\w+\s+){0,2}?(?:hysterectomy|tah\b|"
                r"tah[- /]bso|tlh\b|lavh\b)(?![^.;]{0,20}\b(?:supracervical|subtotal))", _I),
     "Z90710", True, ("0UT9",)),
    (re.compile(r"\b(?:s/p|status post|h/o|hx of|history of|prior)\s+[^.;]{0,60}?\b(?:bso|bilateral "
                r"(?:salpingo-?)?oophorectomy)\b", _I), "Z90722", True, ("0UT2",)),
    (re.compile(r"\b(?:s/p|status post|h/o|hx of|history of|prior)\s+(?:\w+\s+){0,2}?(?:cholecystectomy|"
                r"chole\b)", _I), "Z9049", True, ("0FT4",)),
    (re.compile(r"\b(?:s/p|status post|h/o|hx of|history of|prior)\s+(?:\w+\s+){0,3}?(?:(?:hemi)?colectomy|"
                r"sigmoidectomy)", _I), "Z9049", True,
     ("0DTE", "0DTF", "0DTG", "0DTH", "0DTK", "0DTL", "0DTM", "0DTN", "0DBE", "0DBF", "0DBG", "0DBH", "0DBK",
      "0DBL", "0DBM", "0DBN")),
    (re.compile(r"\b(?:s/p|status post|h/o|hx of|history of|prior)\s+(?:\w+\s+){0,2}?nephrectomy\b", _I),
     "Z905", True, ("0TT",)),
    (re.compile(r"\b(?:h/o|hx of|history of|personal history of|prior|previous|past)\s+(?:\w+\s+){0,2}?"
                r"(?:suicide attempts?|suicidal attempts?|attempts? (?:at|of) suicide|attempts? by overdose|"
                r"suicidal behaviou?r)\b|\bprior attempts?\b", _I), "Z9151", True, ()),
)
_JOINT = re.compile(r"\b(?:s/p|status post|h/o|hx of|hx|history of|prior)\s+(?:a\s+)?(left|right|l|r|"
                    r"bilateral|b/l)\s+(tka|total knee(?: arthroplasty| replacement)?|tha|"
                    r"total hip(?: arthroplasty| replacement)?)\b", _I)
# "Hx R TKA 2018 and L TKA 2020": the other side's joint of the same kind named right after it.
_OTHER_JOINT = re.compile(r"\s*(?:\(?(?:19|20)\d\d\)?\s*)?(?:,|and|&|/)\s*(?:a\s+)?(left|right|l|r)\s+"
                          r"(tka|total knee|tha|total hip)\b", _I)
_MASTECTOMY = re.compile(r"\b(?:s/p|status post|h/o|history of|prior)\s+(?:a\s+)?(left|right|bilateral|l|r)"
                         r"\s+(?:\w+\s+)?mastectomy\b", _I)
_JOINT_CODES = {("k", "r"): "Z96651", ("k", "l"): "Z96652", ("k", "b"): "Z96653",
                ("h", "r"): "Z96641", ("h", "l"): "Z96642", ("h", "b"): "Z96643"}
_TRANSPLANT = re.compile(r"\b(?:s/p|status post|h/o|history of)\s+(?:a\s+)?(?:\w+\s+)?"
                         r"(kidney|renal|liver|heart|lung) transplant\w*|"
                         r"\b(kidney|renal|liver|heart|lung) transplant (?:status|recipient)\b", _I)
_TRANSPLANT_CODES = {"kidney": "Z940", "renal": "Z940", "heart": "Z941", "lung": "Z942", "liver": "Z944"}
_TRANSPLANT_PROBLEM = re.compile(
    r"\b(rejection|failure|complication\w*|evaluation|candidate|work-?up|list)\b", _I)
_AMPUTEE = re.compile(r"\b(?:s/p|status post|h/o|history of|prior)\s+(?:a\s+)?(left|right|l|r)\s+(aka|bka|"
                      r"above[- ](?:the[- ])?knee amputation|below[- ](?:the[- ])?knee amputation)\b", _I)
_WITHDRAWAL = re.compile(r"\b(?:alcohol(?:ic)?|etoh) (?:withdrawal|w/d)\b|\bwithdrawal from alcohol\b|"
                         r"\bdelirium tremens\b|\b(?:alcohol (?:dependence|use disorder|abuse)|aud|"
                         r"alcoholism)\b[^.;]{0,40}?\bwith(?:\s+\w+){0,2}?\s+withdrawal\b", _I)
_CONVERTED = re.compile(r"\b(laparoscop\w*|robotic\w*|thoracoscop\w*|vats|arthroscop\w*)\b[^.;]{0,80}?"
                        r"\bconver\w*\s+to\s+(?:an?\s+)?open\b", _I)
_SEPSIS = re.compile(r"\b(?:severe sepsis|sepsis|septic shock|septicemia)\b", _I)
# A protocol, screen or criteria is not the diagnosis; any doubt about sepsis in the record leaves it to
# the provider (a query elsewhere), never a code from here.
_SEPSIS_DOUBT = re.compile(r"\bsep(?:sis|tic)\b[^.;]{0,6}\b(?:protocol|bundle|alert|screen\w*|work-?up|"
                           r"criteria|pathway|order set|evaluation|physiology|picture)\b|"
                           r"\b(?:not|no|without|unlikely|r/o|rule out|ruled out|versus|vs|possible|"
                           r"questionable|concern for)\b[^.;]{0,25}\bsep(?:sis|tic)\b|"
                           r"\bsep(?:sis|tic shock)\b[^.;]{0,25}\b(?:ruled out|unlikely|not|excluded)\b", _I)
_DKA = re.compile(r"\b(?:dka|diabetic ketoacidosis|ketoacidosis)\b", _I)
_COMA = re.compile(r"\bcoma\w*\b", _I)
_NO_COMA = re.compile(r"\b(?:no|not|without|non)[- ](?:\w+ )?coma\w*\b", _I)

# "completed tamoxifen 2020, no current treatment": the course is over (I.C.21.c.3: Z79 is current use).
_FINISHED = re.compile(r"\b(?:complet\w*|finish\w*|no longer (?:on|taking|takes)|off)\s+(?:\w+\s+){0,3}?"
                       r"(?:tamoxifen|raloxifene|anastrozole|letrozole|exemestane|arimidex|femara|aromatase|"
                       r"opioids?|opiates?|narcotics?|oxycodone|hydrocodone)\b|\bno current (?:treatment|"
                       r"therapy)\b", _I)

# A cheap first look before any sentence is cut or matched: lower-cased substrings one of the rules
# above needs (the regex alternation of all of them over every document of a 20-page record costs more
# than the substring tests; it runs only on the sentences they let through).
_KEYS = ("hypona", "hypo-na", "hyperna", "hyper-na", "hypok", "hypo-k", "hyperk", "hyper-k", "hypomg",
         "hypo-mg", "hypermg", "hyper-mg", "hypoca", "hypo-ca", "hyperca", "hyper-ca", "hypophos",
         "hypo-phos", "chf", "congestive", "cancer", "tumor", "tumour", "neoplasm", "malignan", "metasta",
         "suicid", "attempt", "splenectomy", "bypass", "roux", "rygb", "sleeve", "bariatric", "band",
         "lobectomy", "pneumonectomy", "hysterectomy", "tah", "tlh", "lavh", "bso", "oophorectomy",
         "cholecystectomy", "chole", "colectomy", "sigmoidectomy", "nephrectomy",
         "cognitive", "mci", "stone", "lithiasis", "calculi",
         "opioid", "opiate", "narcotic", "tamoxifen", "raloxifene",
         "anastrozole", "letrozole", "exemestane", "arimidex", "femara", "aromatase", "mechanical",
         "valve replacement", "delirium", "bacteremi", "tka", "tha ", "tha,", "tha.", "total knee",
         "total hip", "transplant", "aka", "bka", "amputation", "mastectomy", "withdrawal", "w/d", "conver",
         "dka", "ketoacidosis", "sepsis", "septic", "cef", "ceph", "penem", "cillin", "pip-tazo", "zosyn",
         "vanco", " vanc", "floxacin", "fluoroquinolone", "linezolid", "daptomycin", "contrast", "codone",
         "morphone", "dilaudid", "morphine", "fentanyl", "tramadol", "heparin", "lovenox", "warfarin",
         "coumadin", "apixaban", "eliquis", "xarelto", "xaban", "anticoagula", "insulin", "metformin",
         "glipizide", "glyburide", "sulfonylurea", "steroid", "glucocorticoid", "predniso", "dexamethasone",
         "solu-medrol", "inopril", "alapril", "ace inhibitor", "ace-i", "furosemide", "lasix", "bumetanide",
         "torsemide", "diuretic", "amiodarone", "digoxin", "nsaid", "ibuprofen", "naproxen", "ketorolac",
         "toradol", "aspiration", "parkinson", "falls", "triglycerid", "hyperparathyroid", "pril", "sartan",
         "urgency", "emergency", "steatosis", "fatty liver", "motrin", "advil", "aleve",
         "arb", "thiazide", "hctz", "chlorthalidone", "metolazone", "spironolactone", "eplerenone", "olol",
         "beta", "dipine", "diltiazem", "verapamil", "calcium channel", "sertraline", "fluoxetine",
         "citalopram", "paroxetine", "ssri", "percocet", "norco", "oxycontin", "tapentadol", "oxymorphone")
# Every rule's words at once, for a sentence the substrings let through (a first look: lower-cased, and
# its answer kept per sentence for a rescan).
_KEYS_LOOK = KeysLook(_KEYS)
_ALL = FirstLook(re.compile("|".join(f"(?:{p.pattern})" for p in (
    *(r[0] for r in _RULES), _JOINT, _CONVERTED, _DKA, _SEPSIS, _ADVERSE, _TRANSPLANT, _AMPUTEE, _WITHDRAWAL,
    _MASTECTOMY)), _I))


def phrasings(release: Any, enc: Any, sugs: list[Any], coded: set[str], index: Any = None) -> list[Any]:
    """The suggestions with the rules of the module docstring applied: codes added, the parts they
    replace left out."""
    from workbench.record.course_procedures import stated_date
    from workbench.record.stated import _KEPT, _NOT_LONG_TERM, _said
    from workbench.record.suggest import stated_suggestion

    present = coded | {s.code for s in sugs if s.system == "CM"}
    # this stay's procedures suggested from its notes: a status rule gives way to the removal done now
    done_now = {s.code for s in sugs if s.system == "PCS"}
    added: dict[str, Any] = {}
    spans: list[tuple[int, int, int]] = []  # (document, start, end) of the words a rule read
    dm = _diabetes_category(enc, coded)
    dka_read = False
    said_sepsis: list[bool] = []  # read off the whole record once, when a sentence first needs it

    def sepsis_said() -> bool:
        if not said_sepsis:
            text = " ".join(doc.text for doc in enc.documents)
            said_sepsis.append(bool(_SEPSIS.search(text)) and not _SEPSIS_DOUBT.search(text))
        return said_sepsis[0]

    def add(code: str, s: Any, m: re.Match[str], doc: Any, d: int) -> None:
        if code in coded:  # the words name a coded code: nothing else is read off them
            spans.append((d, s.start + m.start(), s.start + m.end()))
        if code in added or code in coded:
            return
        if (new := stated_suggestion(release, code, doc, d, s, m)) is not None:
            added[code] = new
            spans.append((d, s.start + m.start(), s.start + m.end()))

    for d, doc in enumerate(enc.documents):
        keys = _KEYS_LOOK.found(doc.text)  # the sentences are looked at for these only
        if not keys:
            continue
        for s in sentences(doc.text, d):
            if s.section_kind in NOT_STATED or not any(k in s.text.lower() for k in keys) \
                    or not _ALL.search(s.text):
                continue
            for pattern, code, history_ok, not_with in _RULES:
                m = pattern.search(s.text)
                if m is None or not_with and any(c.startswith(not_with) and c != code for c in present) \
                        or code.startswith("Z90") and any(c.startswith(not_with) for c in done_now):
                    continue
                if code.startswith("Z79") and (_NOT_LONG_TERM.search(s.text) and not _KEPT.search(s.text)
                                               or _FINISHED.search(s.text)):
                    continue  # a drug stopped, held or its course completed: not long-term use
                if _said(s, m, True) if history_ok else _now(s, m):
                    add(code, s, m, doc, d)
            # "s/p right total knee arthroplasty 12/14/2026" dated inside the stay: the replacement is this
            # stay's procedure (0SR), not a status (Z96.6- is for a joint replaced before the stay)
            if (m := _JOINT.search(s.text)) and not any(c.startswith("0SR") for c in present) \
                    and not stated_date(enc, s.text[m.end(): m.end() + 24]) and _said(s, m, True):
                side = m.group(1).lower()[:1]
                more = _OTHER_JOINT.match(s.text, m.end())
                if more and more.group(2).lower()[-2:] == m.group(2).lower()[-2:] \
                        and more.group(1).lower()[:1] not in (side, "b"):
                    side = "b"  # both knees (hips) replaced: Z96.653 (Z96.643), one code
                add(_JOINT_CODES[("k" if "k" in m.group(2).lower() else "h", "b" if side == "b" else side)],
                    s, m, doc, d)
            if (m := _TRANSPLANT.search(s.text)) and not _TRANSPLANT_PROBLEM.search(s.text) \
                    and _said(s, m, True):
                add(_TRANSPLANT_CODES[(m.group(1) or m.group(2)).lower()], s, m, doc, d)
            if (m := _MASTECTOMY.search(s.text)) and _said(s, m, True):
                add("Z901" + _side_of(m.group(1)), s, m, doc, d)
            if (m := _AMPUTEE.search(s.text)) and not any(c.startswith("0Y6") for c in present) \
                    and _said(s, m, True):
                right = m.group(1).lower().startswith("r")
                above = m.group(2).lower().startswith(("aka", "above"))
                add(("Z8961" if above else "Z8951") + ("1" if right else "2"), s, m, doc, d)
            if (m := _SEPSIS.search(s.text)) and s.section_kind in ("final", "assessment") and sepsis_said() \
                    and not any(c.startswith(gd.SEPSIS) for c in present) and _now(s, m):
                add("A419", s, m, doc, d)
            if (m := _WITHDRAWAL.search(s.text)) and _now(s, m):
                add(_withdrawal_code(enc, s.text), s, m, doc, d)
            if (m := _CONVERTED.search(s.text)) and _now(s, m):
                scope = m.group(1).lower()
                code = "Z5332" if scope.startswith(("thoraco", "vats")) else (
                    "Z5333" if scope.startswith("arthro") else "Z5331")
                add(code, s, m, doc, d)
            if (m := _ADVERSE.search(s.text)) and not _POISONING.search(s.text) \
                    and _now_or_likely(enc, doc, s, m) \
                    and not _SWITCHED.search(s.text, 0, m.start() + 5):
                drug = (m.group(1) or m.group(2)).strip()
                t_code = next((c for p, c in _DRUG_CODES if p.match(drug)), None)
                if t_code is not None:
                    add(member_code(drug, t_code, [x.text for x in enc.documents]), s, m, doc, d)
                # "due to lisinopril and metoprolol": each drug its adverse effect
                if (more := _AND_DRUG.match(s.text, m.end())) is not None:
                    t_code = next((c for p, c in _DRUG_CODES if p.match(more.group(1).strip())), None)
                    if t_code is not None:
                        add(t_code, s, more, doc, d)
            if (m := _DKA.search(s.text)) and _now(s, m):
                dka_read = True
                coma = _COMA.search(s.text) and not _NO_COMA.search(s.text)
                add(dm + (".11" if coma else ".10").replace(".", ""), s, m, doc, d)
    if "A419" in added and index is not None:  # the organism its sentence names (specific.py)
        from workbench.record.specific import organism_specific

        added["A419"] = organism_specific(release, index, [added["A419"]], coded)[0]
        added = {s.code: s for s in added.values()}
    withdrawal: str | None = next((c for c in added if c.startswith("F10")), None)
    out = [s for s in sugs if not _inside(s, spans) and not (
        dka_read and s.system == "CM" and s.code[:3] in ("E08", "E09", "E10", "E11", "E13")
        and s.code[3:4] == "1" and s.code not in added) and not (
        withdrawal and s.system == "CM" and s.code.startswith("F10") and s.code != withdrawal)]
    out = [s for s in out if not (s.system == "CM" and s.code[:4] in ("T782", "T886")
                                  and not _ANAPHYLAXIS.search(s.evidence.text))]
    out = [_intent(release, s) for s in out]
    out = [_negated_delirium(release, s) for s in out]
    delirium = any(c == "F05" or c[:1] == "F" and c[4:6] in ("21", "31") for c in coded | set(added))
    out = [_dementia_disturbance(release, s) for s in out
           if not (s.code == "F989" and _DEMENTIA.search(s.evidence.text))
           and not (delirium and s.code == "R410")]
    out = _copd_with_infection(release, out, coded)
    out = out + _both_gases(release, out, coded)
    out = [_stroke_artery(release, s) for s in out]
    out = [_osteoarthritis_side(release, s) for s in out]
    out = _one_poisoning(out, coded)
    # "Acute pyelonephritis" beside "2/2 pyelo": N12 (not specified as acute or chronic) gives way to the
    # acuity the record states (N10 acute, N11.- chronic), coded or suggested.
    if any(c.startswith(("N10", "N11")) for c in coded | {s.code for s in out}):
        out = [s for s in out if s.code != "N12"]
    have = {s.code for s in out}
    return out + [s for c, s in added.items() if c not in have]
