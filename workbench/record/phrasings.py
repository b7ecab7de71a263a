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
- "history of suicide attempt", "prior attempt": Z91.51 (personal history of suicidal behavior);
- "s/p left TKA" (a joint replaced before this stay): Z96.65-/Z96.64- by side, not with a joint
  replacement (0SR) this stay;
- statuses of an earlier stay: splenectomy Z90.81, an organ transplant Z94.0/.1/.2/.4, an above- or
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
"""

from __future__ import annotations

import re
from typing import Any

from workbench.checks import guideline_data as gd
from workbench.record.sections import NOT_STATED
from workbench.record.text import sentences

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
_AUD_DEPENDENCE = re.compile(r"\b(?:alcohol|etoh) dependence\b|\balcoholism\b|"
                             r"\b(?:alcohol|etoh) use disorder\b(?!,?\s*mild)|\baud\b(?!,?\s*mild)", _I)
_AUD_ABUSE = re.compile(r"\b(?:alcohol|etoh) abuse\b|\b(?:alcohol|etoh) use disorder,?\s*mild\b", _I)
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
_TYPE_1 = re.compile(r"\b(type 1|type i|t1dm|dm1|dm 1|iddm|juvenile diabetes)\b", _I)
_OTHER_DM = ("E08", "E09", "E13")

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
    (r"nsaids?|ibuprofen|naproxen|ketorolac|toradol", "T39395A"),
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
# "completed tamoxifen 2020, no current treatment": the course is over (I.C.21.c.3: Z79 is current use).
_FINISHED = re.compile(r"\b(?:complet\w*|finish\w*|no longer (?:on|taking|takes)|off)\s+(?:\w+\s+){0,2}?"
                       r"(?:tamoxifen|raloxifene|anastrozole|letrozole|exemestane|arimidex|femara|aromatase|"
                       r"opioids?|opiates?|narcotics?|oxycodone|hydrocodone)\b|\bno current (?:treatment|"
                       r"therapy)\b", _I)

# A cheap first look before any sentence is cut or matched: lower-cased substrings one of the rules
# above needs (the regex alternation of all of them over every document of a 20-page record costs more
# than the substring tests; it runs only on the sentences they let through).
_KEYS = ("hypona", "hypo-na", "hyperna", "hyper-na", "hypok", "hypo-k", "hyperk", "hyper-k", "hypomg",
         "hypo-mg", "hypermg", "hyper-mg", "hypoca", "hypo-ca", "hyperca", "hyper-ca", "hypophos",
         "hypo-phos", "chf", "congestive", "cancer", "tumor", "tumour", "neoplasm", "malignan", "metasta",
         "suicid", "attempt", "splenectomy", "opioid", "opiate", "narcotic", "tamoxifen", "raloxifene",
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
         "urgency", "emergency",
         "arb", "thiazide", "hctz", "chlorthalidone", "metolazone", "spironolactone", "eplerenone", "olol",
         "beta", "dipine", "diltiazem", "verapamil", "calcium channel", "sertraline", "fluoxetine",
         "citalopram", "paroxetine", "ssri", "percocet", "norco", "oxycontin", "tapentadol", "oxymorphone")
# Every rule's words at once, for a sentence the substrings let through.
_ALL = re.compile("|".join(f"(?:{p.pattern})" for p in (
    *(r[0] for r in _RULES), _JOINT, _CONVERTED, _DKA, _SEPSIS, _ADVERSE, _TRANSPLANT, _AMPUTEE, _WITHDRAWAL,
    _MASTECTOMY)), _I)


def phrasings(release: Any, enc: Any, sugs: list[Any], coded: set[str], index: Any = None) -> list[Any]:
    """The suggestions with the rules of the module docstring applied: codes added, the parts they
    replace left out."""
    from workbench.record.stated import _KEPT, _NOT_LONG_TERM, _said
    from workbench.record.suggest import stated_suggestion

    present = coded | {s.code for s in sugs if s.system == "CM"}
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
        low = doc.text.lower()
        keys = [k for k in _KEYS if k in low]  # the sentences are looked at for these only
        if not keys:
            continue
        for s in sentences(doc.text, d):
            if s.section_kind in NOT_STATED or not any(k in s.text.lower() for k in keys) \
                    or not _ALL.search(s.text):
                continue
            for pattern, code, history_ok, not_with in _RULES:
                m = pattern.search(s.text)
                if m is None or not_with and any(c.startswith(not_with) and c != code for c in present):
                    continue
                if code.startswith("Z79") and (_NOT_LONG_TERM.search(s.text) and not _KEPT.search(s.text)
                                               or _FINISHED.search(s.text)):
                    continue  # a drug stopped, held or its course completed: not long-term use
                if _said(s, m, True) if history_ok else _now(s, m):
                    add(code, s, m, doc, d)
            if (m := _JOINT.search(s.text)) and not any(c.startswith("0SR") for c in present) \
                    and _said(s, m, True):
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
            if (m := _ADVERSE.search(s.text)) and not _POISONING.search(s.text) and _now(s, m) \
                    and not _SWITCHED.search(s.text, 0, m.start() + 5):
                drug = (m.group(1) or m.group(2)).strip()
                t_code = next((c for p, c in _DRUG_CODES if p.match(drug)), None)
                if t_code is not None:
                    add(t_code, s, m, doc, d)
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


def _now(s: Any, m: re.Match[str]) -> bool:
    """A condition of this stay: asserted (stated.py's reading of the context), not in the story before
    admission (HPI, chief complaint) nor placed in the past ("2 months ago", "last winter")."""
    from workbench.record.guided import _RESOLVED
    from workbench.record.stated import _said

    return s.section_kind not in ("hpi", "complaint", "history") and not _RESOLVED.search(s.text) \
        and _said(s, m, False)


_DELIRIUM = re.compile(r"\b(delirium|dts)\b", _I)
# "No seizures or DTs", "without hallucinations or delirium": the withdrawal had none of them.
_NO_DELIRIUM = re.compile(r"\b(?:no|without|w/o|denies|negative for)\s+(?:\w+\s+(?:or|nor|and)\s+)?"
                          r"(?:delirium|dts)\b", _I)


def _negated_delirium(release: Any, s: Any) -> Any:
    """A withdrawal with delirium (F1x.x31) the search read off a sentence that says there was none ("c/w
    withdrawal, no seizures or DTs"): the uncomplicated withdrawal F1x.x30."""
    c = s.code
    if s.system != "CM" or not c.startswith("F1") or len(c) != 6 or c[4:6] != "31" \
            or not _NO_DELIRIUM.search(s.evidence.text) \
            or len(_DELIRIUM.findall(s.evidence.text)) > len(_NO_DELIRIUM.findall(s.evidence.text)):
        return s
    from workbench.record.combinations import make

    return make(release, s, c[:5] + "0") or s


def _withdrawal_code(enc: Any, sentence: str) -> str:
    """F10.x3y: x the use the record documents (2 dependence or a moderate/severe use disorder, 1 abuse or a
    mild one, 9 neither), y what the sentence says the withdrawal had."""
    text = " ".join(doc.text for doc in enc.documents)
    use = "2" if _AUD_DEPENDENCE.search(text) else "1" if _AUD_ABUSE.search(text) else "9"
    low = sentence.lower()
    if _DELIRIUM.search(low) and not _NO_DELIRIUM.search(low):
        kind = "1"
    elif re.search(r"\b(hallucinat\w*|perceptual)\b", low):
        kind = "2"
    elif re.search(r"\buncomplicated\b|\bwithout (?:complications|delirium|seizures?)\b", low) \
            or _NO_DELIRIUM.search(low):
        kind = "0"
    else:
        kind = "9"
    return f"F10{use}3{kind}"


def _diabetes_category(enc: Any, coded: set[str]) -> str:
    """The diabetes category of the record: a coded one, else E10 when an asserted sentence documents
    type 1, else E11 (I.C.4.a.2: type not documented is type 2)."""
    for c in sorted(coded):
        if c[:3] in ("E10", "E11", *_OTHER_DM):
            return c[:3]
    from workbench.record.stated import _said

    for d, doc in enumerate(enc.documents):
        if not _TYPE_1.search(doc.text):
            continue
        for s in sentences(doc.text, d):
            if s.section_kind not in NOT_STATED and (m := _TYPE_1.search(s.text)) and _said(s, m, True):
                return "E10"
    return "E11"


def _inside(s: Any, spans: list[tuple[int, int, int]]) -> bool:
    """A diagnosis read from words inside what a rule here read ("cancer" of "cancer-related pain")."""
    ev = s.evidence
    return s.system == "CM" and any(d == ev.document and a <= ev.phrase_start and ev.phrase_end <= b
                                    for d, a, b in spans)


def _one_poisoning(sugs: list[Any], coded: set[str]) -> list[Any]:
    """T36-T50 suggestions of a drug class (the code's first five characters, "T391X") already coded:
    the same event, whose intent and encounter the coded code says."""
    classes = {c[:5] for c in coded if c[:1] == "T" and c[1:3].isdigit() and 36 <= int(c[1:3]) <= 50}
    return [s for s in sugs if not (s.system == "CM" and s.code[:5] in classes and s.code not in coded)]


_INTENTIONAL = re.compile(r"\b(intentional\w*|self[- ]harm\w*|suicid\w*|deliberate\w*)\b", _I)


def _intent(release: Any, s: Any) -> Any:
    """A poisoning (T36-T65, intent character 1-4) read as accidental, its sentence saying intentional
    self-harm: the intentional self-harm code (T39.1X2A, not T39.1X1A)."""
    c = s.code
    if s.system != "CM" or len(c) != 7 or c[:1] != "T" or not c[1:3].isdigit() \
            or not 36 <= int(c[1:3]) <= 65 or c[5] != "1" or not _INTENTIONAL.search(s.evidence.text):
        return s
    from workbench.record.combinations import make

    return make(release, s, c[:5] + "2" + c[6:]) or s


_DEMENTIA = re.compile(r"\bdementia\b", _I)
_DISTURBANCES = ((re.compile(r"\b(agitat\w*|aggress\w*|combative\w*|violent)\b", _I), "11"),
                 (re.compile(r"\b(psychos[ie]s|psychotic|hallucinat\w*|delusion\w*|paranoi\w*)\b", _I), "2"),
                 (re.compile(r"\b(depress\w*|mood|apathy)\b", _I), "3"),
                 (re.compile(r"\banxi\w*\b", _I), "4"),
                 (re.compile(r"\b(behaviou?ral (?:disturbance|symptoms|issues|problems)|wandering|sundowning|"
                             r"sleep disturbance)\b", _I), "18"))
_WITHOUT_DISTURBANCE = re.compile(r"\b(?:without|w/o|no) (?:behaviou?ral|any) (?:disturbances?|symptoms|sx|"
                                  r"issues|problems)\b", _I)


def _dementia_disturbance(release: Any, s: Any) -> Any:
    """A dementia code "without behavioral disturbance" (F01.50, F02.80, F03.90, their severities) whose
    sentence says the disturbance: the sibling that names it."""
    c = s.code
    if s.system != "CM" or c[:3] not in ("F01", "F02", "F03") or len(c) != 5 or c[4] != "0" \
            or not _DEMENTIA.search(s.evidence.text) or _WITHOUT_DISTURBANCE.search(s.evidence.text):
        return s
    from workbench.record.combinations import make

    for pattern, suffix in _DISTURBANCES:
        if pattern.search(s.evidence.text):
            return make(release, s, c[:4] + suffix) or s
    return s


# Pneumonia, acute bronchitis and bronchiolitis, influenza with pneumonia.
_LOWER_RESPIRATORY = (*(f"J{n}" for n in range(12, 19)), "J20", "J21", "J22", "J100", "J110", "J09X1")


def _copd_with_infection(release: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """J44.0 beside a lower respiratory infection when the record states COPD; J44.9 gives way."""
    cm = coded | {s.code for s in sugs if s.system == "CM" and s.kind == "code"}  # a queried COPD: no J44.0
    if "J440" in cm or not any(c.startswith("J44") for c in cm) \
            or not any(c.startswith(_LOWER_RESPIRATORY) for c in cm):
        return sugs
    parts = ("J44", *_LOWER_RESPIRATORY)
    like = next((s for s in sugs if s.system == "CM" and s.code.startswith(parts)), None)
    if like is None:  # both coded: the checks' business
        return sugs
    from workbench.record.combinations import make

    new = make(release, like, "J440")
    return sugs if new is None else [s for s in sugs if s.code != "J449"] + [new]


_ARTERY = re.compile(r"\b(mca|middle cerebral|aca|anterior cerebral|pca|posterior cerebral|cerebellar)\b", _I)
_ARTERIES = {"mca": "1", "middle cerebral": "1", "aca": "2", "anterior cerebral": "2", "pca": "3",
             "posterior cerebral": "3", "cerebellar": "4"}
_SIDE = re.compile(r"\b(right|left|bilateral|r|l)\b", _I)


def _side_of(text: str) -> str:
    """1 right, 2 left, 3 bilateral (or both said), "" none."""
    sides = {m.group(1).lower()[:1] for m in _SIDE.finditer(text)}
    if "b" in sides or {"r", "l"} <= sides:
        return "3"
    return "1" if "r" in sides else "2" if "l" in sides else ""


def _stroke_artery(release: Any, s: Any) -> Any:
    """A cerebral infarction (I63) whose sentence names the artery and its side: the code of that artery,
    by the mechanism said (embolic 4, thrombotic 3, else 5: unspecified occlusion or stenosis)."""
    if s.system != "CM" or not s.code.startswith("I63"):
        return s
    text = s.evidence.text
    m = _ARTERY.search(text)
    if m is None:
        return s
    # The side said next to the artery ("left MCA", "MCA, left"), not that of a deficit ("right hemiparesis")
    side = _side_of(text[max(0, m.start() - 14): m.start()]) or _side_of(text[m.end(): m.end() + 8])
    if not side:
        return s
    low = text.lower()
    mech = "4" if re.search(r"\bembol\w*|cardioembol\w*", low) else "3" if re.search(r"\bthromb\w*", low) \
        else "5"
    from workbench.record.combinations import make

    return make(release, s, f"I63{mech}{_ARTERIES[m.group(1).lower()]}{side}") or s


_OA = re.compile(r"\b(osteoarthritis|oa|djd|degenerative joint disease|arthrosis)\b", _I)
_OA_JOINT = re.compile(r"\b(knees?|hips?)\b", _I)
_NOT_PRIMARY = re.compile(r"\b(post-?traumatic|secondary|rheumatoid|septic|psoriatic)\b", _I)


def _osteoarthritis_side(release: Any, s: Any) -> Any:
    """M17.9 / M16.9 / M19.90 read off "right knee osteoarthritis": the unilateral primary code of the side
    said, or the bilateral one."""
    if s.system != "CM" or s.code not in ("M179", "M169", "M1990", "M1991"):
        return s
    text = s.evidence.text
    joint = _OA_JOINT.search(text)
    side = _side_of(text)
    if not (_OA.search(text) and joint and side) or _NOT_PRIMARY.search(text):
        return s
    cat = "M17" if joint.group(1).lower().startswith("knee") else "M16"
    from workbench.record.combinations import make

    return make(release, s, cat + ("0" if side == "3" else "1" + side)) or s


_HYPOXIC = re.compile(r"\bhypox\w*", _I)
_HYPERCAPNIC = re.compile(r"\bhypercap\w*|\bhypercarb\w*", _I)


def _both_gases(release: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """J96.x1 (with hypoxia) read off "hypoxic and hypercapnic respiratory failure": J96.x2 too, and the
    other way round."""
    from workbench.record.combinations import make

    have = coded | {s.code for s in sugs}
    out = []
    for s in sugs:
        c = s.code
        if s.system == "CM" and c[:3] == "J96" and len(c) == 5 and c[4] in "12" \
                and _HYPOXIC.search(s.evidence.text) and _HYPERCAPNIC.search(s.evidence.text):
            other = c[:4] + ("2" if c[4] == "1" else "1")
            if other not in have and (new := make(release, s, other)) is not None:
                out.append(new)
                have.add(other)
    return out
