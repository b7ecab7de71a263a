"""Codes a record states in words the code search does not read as one concept: status, history and
stage statements, each checked against the sentence's context (negated, family, uncertain, ruled out).

- "septic shock" / "severe sepsis" beside a sepsis code: R65.21 / R65.20 (I.C.1.d.4, never alone);
- the CKD stage stated after "CKD" or "chronic kidney disease": N18.1-N18.6 (the stage the
  "use additional code" notes of E1x.22, I12 and I13 ask for);
- BMI with an adult's weight diagnosis: Z68.- (I.C.21.c.3: only with an associated reportable
  diagnosis such as obesity or malnutrition);
- long-term diabetes drugs (I.C.4.a.3): insulin Z79.4, oral hypoglycemics Z79.84, injectable
  non-insulin antidiabetics Z79.85, named as a class or a drug, with a diabetes code present;
- dialysis dependence Z99.2, home oxygen Z99.81, insulin pump Z96.41, status post CABG Z95.1,
  former smoker Z87.891, history of DVT / PE / TIA or stroke without residuals (Z86.718, Z86.711,
  Z86.73), old MI I25.2: personal history and status codes coders assign when the record states them;
- do-not-resuscitate Z66; long-term anticoagulant Z79.01 and antiplatelet Z79.02 drugs (not begun,
  loaded, bridged or given for a set course this stay, not prophylaxis, not a past course); a coronary
  stent of an earlier stay Z95.5;
- history of a cancer: the Z85 code the Index gives "history, personal, malignant neoplasm" of that
  site, read from the search index ("personal history of" + the phrase the record says).
"""

from __future__ import annotations

import re
from typing import Any

from workbench.checks import guideline_data as gd
from workbench.record.text import FirstLook, context, sentences

_MISSED_DIALYSIS = (r"\b(?:missed|missing|skipped|skipping|non-?complian\w* with)\s+(?:\w+\s+){0,2}?"
                    r"(?:hd|hemodialysis|dialysis)\b")
# Sections whose statements are not this stay's (drug lists, allergies, review of systems).
_SKIP = frozenset({"medications", "allergies", "ros", "admin", "family"})
_I = re.IGNORECASE
# (pattern, code, needs): `needs` is a tuple of code prefixes of which one must be coded or suggested.
_RULES: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (re.compile(r"\bseptic shock\b", _I), "R6521", gd.SEPSIS),
    # "severe sepsis ... - no shock": a shock said not to be is no septic shock (R65.20 stands)
    (re.compile(r"\bsevere sepsis\b(?![^.;]*(?<!\bno )(?<!\bwithout )(?<!\bnot in )\bshock\b)", _I), "R6520",
     gd.SEPSIS),
    # I.C.1.d.1.a.ii / Index "Sepsis, with organ dysfunction R65.20": the link said in words ("Sepsis due to
    # pneumonia, with acute organ dysfunction: AKI"); an organ dysfunction merely beside sepsis is not.
    (re.compile(r"\bsepsis\b[^.;]{0,60}?\b(?:with|and) (?:acute )?(?:multi-?)?organ (?:dysfunction|failure)\b"
                r"(?![^.;]*\bseptic shock\b)", _I), "R6520", gd.SEPSIS),
    (re.compile(r"\b(?:on (?:chronic |maintenance )?(?:hemodialysis|peritoneal dialysis|dialysis|hd|pd)\b|"
                r"dependen\w* on (?:renal |peritoneal )?dialysis|dialysis[- ]dependent)", _I), "Z992", ()),
    (re.compile(r"\b(?:home (?:o2|oxygen)|on \d+(?:\.\d+)? ?l(?:pm)? (?:of )?(?:home )?(?:o2|oxygen) at home|"
                r"dependen\w* on (?:supplemental )?oxygen|oxygen[- ]dependent)\b", _I), "Z9981", ()),
    # Index "Diabetes, with gastroparesis E1x.43 [K31.84]": the manifestation beside the combination.
    (re.compile(r"\bgastroparesis\b", _I), "K3184",
     tuple(c for c, m in gd.INDEX_MANIFESTATIONS if m == "K3184")),
    (re.compile(r"\binsulin pump\b(?![^.;]*\b(?:malfunction|failure|displace))", _I), "Z9641", ()),
    (re.compile(r"\b(?:s/p|status post|history of|h/o|hx of|prior)\s+(?:\w+\s+){0,2}?(?:cabg|coronary artery "
                r"bypass)", _I), "Z951", ()),
    # I.C.21.c.4 (history: personal history of MRSA infection Z86.14, relevant to isolation this stay)
    (re.compile(r"\b(?:h/o|hx of|history of|personal history of|prior)\s+(?:\w+\s+){0,2}?mrsa\b", _I),
     "Z8614", ()),
    # ... and of C. difficile infection (Z86.19: Index "History, personal, infectious disease NEC"), which
    # bears on the antibiotics chosen and the stools watched this stay
    (re.compile(r"\b(?:h/o|hx(?: of)?|history of|personal history of|prior)\s+(?:\w+\s+){0,2}?"
                r"(?:c\.?\s?diff\w*|clostridi\w* difficile|clostridioides)\b"
                r"(?![^.;]*\b(?:recurren\w*|active|positive)\b)", _I),
     "Z8619", ()),
    # Smoking now, with the product said (Index "Dependence, nicotine, cigarettes F17.210"; I.C.5.b.3)
    (re.compile(r"\bsmokes\b[^.;]{0,25}\b(?:cigarettes?|ppd|packs?(?: per| a|/) ?day)\b|\bsmoking\s+"
                r"(?:about\s+|~)?(?:\d+(?:[./]\d+)?|one|half a|a)\s*(?:ppd|packs?(?: per| a|/) ?day)\b|"
                # social-history shorthand: "Tobacco 1 ppd x 30 years", "Tobacco: 1/2 ppd" (not "quit";
                # "tobacco use" is the Index's "Use, tobacco Z72.0", the provider's own word)
                r"(?<!former )\b(?:tobacco|cigarettes?)\s*[:-]?\s*(?:about\s+|~)?"
                r"(?:\d+(?:[./]\d+)?|one|half a|a)\s*(?:ppd|packs?(?: per| a|/) ?day)\b"
                r"(?![^.;]*\b(?:quit|former|stopped)\b)", _I),
     "F17210", ()),
    (re.compile(r"\b(?:former|ex-?)\s?smoker\b|\bquit (?:smoking|tobacco|cigarettes)\b|"
                r"\b(?:personal )?history of (?:nicotine|tobacco) (?:dependence|use)\b|"
                # social history shorthand: "Tobacco: quit 20 years ago", "Smoking - former"
                r"\b(?:tobacco|smoking)(?: use| history)?\s*[:-]\s*(?:former|quit)\b|"
                # "counseled on smoking cessation; he quit 5 years ago"
                r"\b(?:smok\w*|tobacco|cigarettes?)\b[^.]{0,60}?\bquit\s+(?:\w+\s+){0,2}?(?:years?|yrs?|decades?)"
                r"\s+ago\b", _I), "Z87891", ()),
    (re.compile(r"\b(?:h/o|hx(?: of)?|history of|personal history of|prior)\s+(?:\w+\s+){0,2}?"
                r"(?:dvt|deep vein thrombosis|venous thrombo\w*)\b", _I), "Z86718", ()),
    (re.compile(r"\b(?:h/o|hx of|history of|personal history of|prior)\s+(?:\w+\s+){0,2}?(?:pe|pulmonary "
                r"embol\w*)\b", _I), "Z86711", ()),
    # Index "History, personal, myocardial infarction (old) I25.2": an MI of more than four weeks ago
    # (I.C.9.e.1: within four weeks it is I21/I22), not a family member's ("father with MI")
    (re.compile(r"\b(?:h/o|hx(?: of)?|history of|personal history of|prior|old|remote)\s+(?:\w+\s+){0,1}?"
                r"(?:mi|myocardial infarction|stemi|nstemi)\b"
                r"(?![^.;]{0,25}\b(?:[1-4]|one|two|three|four) weeks? ago\b)", _I), "I252", ()),
    # I.B.14 (social determinants, from any clinician's note): "homeless, staying at a shelter" Z59.01,
    # "living on the street/in his car" Z59.02, homeless otherwise Z59.00
    (re.compile(r"\bhomeless(?:ness)?\b[^.;]{0,40}\b(?:shelter|transitional housing)\b|\b(?:shelter|"
                r"transitional housing)\b[^.;]{0,25}\bhomeless(?:ness)?\b", _I), "Z5901", ()),
    (re.compile(r"\bhomeless(?:ness)?\b[^.;]{0,40}\b(?:on the streets?|in (?:his|her|their|a) (?:car|"
                r"vehicle|tent)|unsheltered|outdoors|encampment)\b|\bunsheltered\b", _I), "Z5902", ()),
    (re.compile(r"\bhomeless(?:ness)?\b", _I), "Z5900", ()),
    (re.compile(r"\b(?:h/o|hx of|history of|personal history of|prior)\s+(?:\w+\s+){0,2}?(?:tia|transient "
                r"ischemic attack|cva|stroke|cerebral infarct\w*)\b", _I), "Z8673", ()),
    # Hemiparesis of this stay (Index "Hemiparesis - see Hemiplegia"), the side said; I.C.6.a: right is
    # dominant and left non-dominant by default. An old stroke's residual is I69 (guided.py), never G81.
    (re.compile(r"\b(?:right|r)\b[^.;]{0,15}\b(?:hemiparesis|hemiplegia)\b|\b(?:hemiparesis|hemiplegia)\b"
                r"[^.;]{0,10}\bright\b", _I), "G8191", ()),
    (re.compile(r"\b(?:left|l)\b[^.;]{0,15}\b(?:hemiparesis|hemiplegia)\b|\b(?:hemiparesis|hemiplegia)\b"
                r"[^.;]{0,10}\bleft\b", _I), "G8194", ()),
    # I.C.4.a.3: the diabetes drugs taken long term: insulin Z79.4, oral hypoglycemics Z79.84,
    # injectable non-insulin antidiabetics Z79.85 (not for insulin given temporarily: sliding scale).
    (re.compile(r"\boral (?:hypoglycemic|antidiabetic|diabetic|diabetes)\w*|\b(?:metformin|glipizide|"
                r"glyburide|glimepiride|sitagliptin|linagliptin|saxagliptin|alogliptin|pioglitazone|empagliflozin|"
                r"dapagliflozin|canagliflozin|ertugliflozin|repaglinide|nateglinide)\b", _I), "Z7984",
     gd.DIABETES_CATEGORIES),
    (re.compile(r"\b(?:insulin glargine|glargine|lantus|basaglar|toujeo|insulin (?:lispro|aspart|detemir|"
                r"degludec)|humalog|novolog|levemir|tresiba|"
                r"long[- ]term (?:\(current\) )?(?:use of )?insulin|home insulin|"
                r"basal insulin|insulin[- ](?:dependent|requiring|treated)|"
                r"on (?:basal[- ]bolus |long[- ]acting |home |daily )?insulin"
                r"(?! (?:drip|infusion|gtt|sliding|protocol|while|during|temporar\w*|in (?:the )?hospital|"
                r"inpatient)))\b", _I), "Z794", ("E08", "E09", "E11", "E13")),
    (re.compile(r"\b(?:semaglutide|liraglutide|dulaglutide|exenatide|tirzepatide|ozempic|trulicity|victoza|"
                r"mounjaro|byetta|bydureon)\b", _I), "Z7985", gd.DIABETES_CATEGORIES),
    # Status of this stay's patient: do-not-resuscitate (Z66), long-term anticoagulant (Z79.01) and
    # antiplatelet (Z79.02) drugs, a coronary stent of an earlier stay (Z95.5).
    (re.compile(r"\b(?:dnr|do not resuscitate|dnr/dni)\b", _I), "Z66", ()),
    (re.compile(r"\b(?:apixaban|eliquis|rivaroxaban|xarelto|warfarin|coumadin|dabigatran|pradaxa|edoxaban|"
                r"long[- ]term anticoagulation|chronic anticoagulation)\b", _I), "Z7901", ()),
    (re.compile(r"\b(?:clopidogrel|plavix|prasugrel|effient|ticagrelor|brilinta)\b", _I), "Z7902", ()),
    # I.C.21.c.3: Z79 "includes such things as aspirin therapy" taken long term: a daily dose, not a dose
    # given once ("aspirin 325 mg in the ED") nor the drug merely named ("takes aspirin 81 mg").
    (re.compile(r"\b(?:daily|baby|low[- ]dose|chronic|long[- ]term|home)\s+(?:aspirin|asa)\b|"
                r"\b(?:aspirin|asa|ecotrin)\s+\d+\s*mg\s+(?:po\s+|by mouth\s+)?"
                r"(?:daily|qd|qday|once daily|every day)\b|\bon (?:daily )?(?:aspirin|asa)\b", _I),
     "Z7982", ()),
    # Long-term inhaled steroids (Z79.51): a maintenance inhaler (a corticosteroid alone or with a
    # bronchodilator), not budesonide nebulized for this stay's exacerbation.
    (re.compile(r"\b(?:fluticasone[- /](?:salmeterol|vilanterol|umeclidinium)|budesonide[- /]"
                r"(?:formoterol|glycopyrr\w*)|mometasone[- /]formoterol|advair|symbicort|breo|trelegy|dulera|"
                r"flovent|qvar|arnuity|asmanex|alvesco|breztri|airduo|wixela)\b|\b(?:fluticasone|budesonide|"
                r"beclomethasone|mometasone|ciclesonide)\b(?=[^.;]{0,25}\b(?:inhaler|hfa|diskus|puffs?|mdi|"
                r"ellipta|inh)\b)|\binhaled (?:cortico)?steroids?\b", _I), "Z7951", ()),
    (re.compile(r"\b(?:s/p|status post|history of|h/o|prior)\s+(?:\w+\s+){0,3}?(?:pci|ptca|coronary stent\w*|"
                r"(?:lad|rca|lcx|circumflex|om\d?|diagonal|coronary) stents?|"
                r"stent(?:ing)? (?:to|of|in) the (?:lad|rca|lcx|circumflex))\b|"
                r"\b(?:cad|coronary artery disease) (?:with|w/|s/p) (?:\w+ )?stents?\b", _I), "Z955", ()),
    # A pacemaker of an earlier stay (Z95.0; guided.py drops it when a note or a coded code placed it now).
    (re.compile(r"\b(?:s/p|status post|history of|h/o|hx of|prior)\s+(?:[\w-]+\s+){0,3}?(?:pacemaker|ppm)\b|"
                r"\b(?:pacemaker|ppm) (?:in place|in situ|placed in (?:19|20)\d\d|\((?:19|20)\d\d\))", _I),
     "Z950", ()),
    # An implantable cardioverter-defibrillator of an earlier stay (Z95.810; guided.py drops it when this stay
    # placed it): "ICD in place", "s/p AICD"; the ICD of the classification is never "in place".
    (re.compile(r"\b(?:aicd|icd|defibrillator)\s+(?:in place|in situ)\b|"
                r"\b(?:s/p|status post|has an?|with an?)\s+(?:\w+\s+)?"
                r"(?:aicd|icd|implantable (?:cardioverter[- ])?defibrillator)\b|"
                r"\b(?:aicd|icd) (?:placed|implanted) (?:in )?(?:19|20)\d\d\b", _I), "Z95810", ()),
    # Allergy status (Z88.-, Z91.041): a drug allergy the patient has, not an allergic reaction this stay
    # (T78.40XA is for a reaction; guided.py drops it without one).
    (re.compile(r"\b(?:penicillin|pcn|amoxicillin)s?\b[- ]?(?:allerg\w*|anaphylaxis)|\ballerg\w* to "
                r"(?:penicillin|pcn|amoxicillin)\b|"
                # an allergy list in a problem item: "# Allergies: penicillin (rash)"
                r"^\W*allerg\w*\s*:[^.;]*?\b(?:penicillin|pcn|amoxicillin)s?\b", _I), "Z880", ()),
    (re.compile(r"\b(?:sulfa|sulfonamides?|bactrim)\b[- ]?allerg\w*|\ballerg\w* to (?:sulfa|sulfonamides?)\b",
                _I), "Z882", ()),
    (re.compile(r"\b(?:iv |iodinated |radiographic )?contrast (?:dye )?allerg\w*|"
                r"\ballerg\w* to (?:iv |iodinated )?contrast\b", _I), "Z91041", ()),
    # Long-term systemic steroids (Z79.52): a daily maintenance dose, not a burst or taper of this stay.
    (re.compile(r"\b(?:chronic|long[- ]term|maintenance|home|daily)\s+(?:oral\s+)?(?:prednisone|steroids?|"
                r"glucocorticoids?|hydrocortisone)\b|\b(?:prednisone|hydrocortisone)\s+\d+(?:\.\d+)?\s?mg\s+"
                r"(?:daily|qd|qday|every day)\b(?![^.;]*\b(?:x|for)\s*\d+\s*(?:more |additional )?days?\b)",
                _I),
     "Z7952", ()),
    # Index "Cardiomyopathy, ischemic I25.5", in the problem-list shorthand ("ischemic CM", "ICM").
    (re.compile(r"(?<!non-)(?<!non )\bischemic (?:cm|cmp|cardiomyopathy)\b|\bicm\b(?=[^.;]{0,20}\bef\b)", _I),
     "I255", ()),
    # Index "Nodule, lung, solitary R91.1; multiple R91.8": an imaging finding, with the imaging named.
    (re.compile(r"\b(?:pulmonary|lung) nodule\b(?!s)", _I), "R911", ()),
    (re.compile(r"\b(?:pulmonary|lung) nodules\b", _I), "R918", ()),
    (re.compile(r"\b(?:h/o|hx of|history of|personal history of|s/p|status post)\s+(?:\w+\s+){0,2}?"
                r"(?:mi|myocardial "
                r"infarction|stemi|nstemi)\b|\bold (?:myocardial infarction|mi)\b", _I), "I252", ()),
    # Z51.5 Encounter for palliative care (I.C.21.c.13, principal or secondary): palliative care or comfort
    # care given this stay; never palliative chemotherapy or radiation (treatment, Z51.0/Z51.11).
    (re.compile(r"\bpalliative (?:care|medicine)\b(?! (?:is|was) (?:not|declined))|"
                r"\b(?:transition\w* to |chose |elected |focus on )?comfort (?:care|measures)\b|"
                r"\bcomfort[- ]focused (?:care|plan)\b|"
                r"\bhospice (?:was |were )?(?:consult\w*|referral|evaluat\w*)|\b(?:discharged|transferred) "
                r"(?:home )?(?:to|with) (?:inpatient |home |residential )?hospice\b", _I), "Z515", ()),
    # Z93.- Artificial opening status (I.C.21.c.3): a stoma the patient lives with, not one made this stay.
    (re.compile(r"\b(?:peg|g-?tube|gastrostomy(?: tube)?)\b(?=[^.;]{0,40}\b(?:status|dependen\w*|in place|"
                r"feeds?|feeding)\b)|\b(?:peg|g-?tube|gastrostomy)[- ](?:dependent|status)\b|"
                r"\b(?:via|through|per) (?:the |her |his |a )?(?:peg|g-?tube|gastrostomy(?: tube)?)\b|"
                r"\bgastrostomy status\b", _I),
     "Z931", ()),
    (re.compile(r"\b(?:tracheostomy|trach)[- ](?:dependent|status)\b|\b(?:chronic|existing|baseline) "
                r"(?:tracheostomy|trach)\b|\btracheostomy status\b", _I), "Z930", ()),
    (re.compile(r"\bcolostomy(?:[- ](?:status|in place|bag|output|care)|\s+(?:since|from) )|"
                r"\b(?:has a|with (?:a|an|her|his)|existing|end) colostomy\b|\bcolostomy status\b", _I),
     "Z933", ()),
    (re.compile(r"\bileostomy(?:[- ](?:status|in place|bag|output|care)|\s+(?:since|from) )|"
                r"\b(?:has a|with (?:a|an|her|his)|existing|end) ileostomy\b|\bileostomy status\b", _I),
     "Z932", ()),
    # Z91.15- Patient's noncompliance with renal dialysis: missed sessions, the reason said (financial
    # hardship Z91.151, otherwise Z91.158).
    (re.compile(_MISSED_DIALYSIS + r"(?=[^.;]*\b(?:financ\w*|afford\w*|cost|money|insurance)\b)", _I),
     "Z91151", ()),
    (re.compile(_MISSED_DIALYSIS, _I), "Z91158", ()),
    # Streptococcus B carrier in childbirth (O99.824) on a delivery record (labour and delivery codes O60-O82,
    # outcome Z37, delivery procedures 10D/10E); "GBS negative" is no carrier.
    (re.compile(r"\b(?:gbs|group b strep\w*)\s*(?:\+|pos\w*|carrier|colonized|colonization)|"
                r"\b(?:gbs|group b strep\w*) carrier\b", _I), "O99824",
     ("O6", "O7", "O80", "O82", "Z37", "10D", "10E")),
    # I.C.16: the newborn of a diabetic mother (P70.1) or of a mother with gestational diabetes (P70.0),
    # neonatal hypoglycemia included; said of the infant ("infant of a ... mother", IDM).
    (re.compile(r"\binfant of (?:a |the )?(?:mother with )?gestational diabet\w*|\binfant of (?:a |the )?"
                r"(?:gdm|gestational diabetic) mother\b|\bidm\b[^.;]{0,20}\bgestational\b", _I), "P700",
     ("Z38",)),
    (re.compile(r"\binfant of (?:a |the )?diabetic mother\b|\bidm\b(?![^.;]{0,20}\bgestational\b)", _I),
     "P701", ("Z38",)),
    # Index "Elevation, transaminase R74.01" (FY2021): "transaminitis", "elevated transaminases".
    (re.compile(r"\btransaminitis\b|\belevated (?:liver )?transaminases\b|\btransaminase elevation\b", _I),
     "R7401", ()),
    # Long-term bisphosphonates (Z79.83); zoledronic acid given once for hypercalcemia is no long-term use.
    (re.compile(r"\b(?:alendronate|fosamax|risedronate|actonel|atelvia|ibandronate|boniva)\b", _I), "Z7983",
     ()),
)
# ("CKD3b", "CKD4": the stage written onto the abbreviation)
_CKD_STAGE = re.compile(r"\b(?:ckd(?=[1-5])|(?:ckd|chronic kidney disease|chronic renal (?:disease|failure|"
                        r"insufficiency))\b(?:[^.;]{0,30}?\bstage\s*|\s+))"
                        r"(1|2|3a|3b|3|4|5|i{1,3}[ab]?|iv|v)\b", _I)
_STAGES = {"1": "N181", "i": "N181", "2": "N182", "ii": "N182", "3": "N1830", "iii": "N1830",
           "3a": "N1831", "iiia": "N1831", "3b": "N1832", "iiib": "N1832", "4": "N184", "iv": "N184",
           "5": "N185", "v": "N185"}
# Y90.- Evidence of alcohol involvement by blood alcohol level (mg/100 ml), beside an alcohol code (F10).
_BAL = re.compile(r"\b(?:bal|blood alcohol(?: level| concentration| content)?|"
                  r"serum (?:alcohol|ethanol)(?: level)?|etoh level|ethanol level)"
                  r"\s*(?:of|was|is|=|:)?\s*(\d{1,3})\b(?!\s*%)", _I)
_BAL_CODES = ((20, "Y900"), (40, "Y901"), (60, "Y902"), (80, "Y903"), (100, "Y904"), (120, "Y905"),
              (200, "Y906"), (240, "Y907"))
_BMI = re.compile(r"\bBMI\s*(?:of|is|=|:)?\s*(\d{2}(?:\.\d+)?)\b", _I)
# I.C.21.c.3: BMI is reported with an associated diagnosis (obesity, overweight, malnutrition, underweight).
_WEIGHT_DIAGNOSES = ("E66", "E43", "E44", "E46", "E41", "E40", "R636", "E45")
# A diabetes drug stopped, or insulin given only for the stay (I.C.4.a.3: not long-term use).
_NOT_LONG_TERM = re.compile(r"\b(discontinu\w*|stopped|stop|sliding scale|ssi|held|allerg\w*|intoleran\w*)\b",
                            _I)
_STARTED = re.compile(r"\b(start\w*|initiat\w*|new(?:ly)?|begun|load\w*|bridg\w*|then|transition\w*|"
                      r"switch\w*|changed to|complet\w*|finish\w*|none since|h/o|history|"
                      r"x\s*\d+\s*(?:days?|weeks?|months?|mo)|for \d+\s*(?:days?|weeks?))\b", _I)
# A stoma made, revised or failing this stay is its procedure or complication (K94.-, J95.0-), not its status;
# palliative care declined or only discussed is none given.
_STOMA_NOW = re.compile(r"\b(placed|placement|insert\w*|creat\w*|perform\w*|complicat\w*|malfunction\w*|"
                        r"infect\w*|dislodg\w*|leak\w*|revis\w*|replac\w*|recommend\w*|consider\w*|plan\w*|"
                        r"will)\b", _I)
_NOT_THIS_STAY = {
    "Z515": re.compile(r"\b(declin\w*|refus\w*|not (?:interested|ready|pursued|appropriate)|deferred|"
                       r"full code|full (?:treatment|scope)|if (?:she|he|they|family)|discuss\w* (?:with|if)|"
                       r"outpatient|palliative (?:chemo\w*|radiation|radiotherapy|xrt|intent|surgery|"
                       r"resection))\b", _I),
    "Z931": _STOMA_NOW, "Z930": _STOMA_NOW, "Z933": _STOMA_NOW, "Z932": _STOMA_NOW,
    "Z7952": re.compile(r"\b(taper\w*|burst|course|start\w*|initiat\w*|stress[- ]dose|"
                        r"x\s*\d+\s*(?:more |additional )?days?)\b",
                        _I),
    "Z7983": re.compile(r"\b(start\w*|initiat\w*|stopped|discontinu\w*|held|allerg\w*|intoleran\w*)\b", _I),
}
_PROPHYLAXIS = re.compile(r"\b(ppx|prophyla\w*)\b", _I)
_QUIT = re.compile(r"\b(quit|former|ex-?smoker|stopped|remote|used to)\b", _I)
_FULL_CODE = re.compile(r"\b(full code|not dnr|rescind\w*|revers\w*)\b", _I)
# A drug of the past told beside the drug (the sentence may name the current one too).
_USED_TO = re.compile(r"\b(?:was|were|used to be|previously|formerly|once) on\b|"
                      r"\bon\b[^.;,]{0,20}\b(?:previously|formerly|in the past|before)\b", _I)
_KEPT = re.compile(r"\b(resum\w*|restart\w*|continue[ds]?|home|long[- ]term)\b", _I)
_OLD_STROKE = re.compile(r"\b(old|remote|prior|previous|sequela\w*|residual|late effects?|following|since|"
                         r"history|h/o|hx|baseline|chronic)\b", _I)
# "No residual deficits", "without neurologic deficit": said to be none (I.C.9.d.3, Z86.73).
_NO_DEFICIT = re.compile(r"\b(?:no|without|w/o)\s+(?:residual\s+|focal\s+|neuro\w*\s+|lasting\s+)*"
                         r"(?:deficits?|residuals?|sequelae)\b", _I)
# Deficit words: a stroke with them is a sequela (I69), without them a history (Z86.73).
_DEFICIT = re.compile(r"\b(residual|deficit|hemiparesis|hemiplegia|aphasia|dysphagia|dysarthria|weakness)\b",
                      _I)
# Imaging named in a sentence: abnormal imaging findings (R90.8-, R91-R93) need it.
IMAGING = re.compile(r"\b(ct|cta|mri|mra|x-?ray|xr|cxr|kub|imaging|scan|radiograph\w*|films?|ultrasound|us|"
                     r"sonogra\w*|doppler|duplex|echo\w*|mammogra\w*|pet|angiogra\w*|fluoroscop\w*|"
                     r"tomograph\w*|radiolog\w*|hida|nuclear|v/q)\b", _I)
# Histories that change care, by the code the scanner read for the condition: cancer -> Z85 (via the
# index), the rest fixed above.
_CANCER = ("C",)


# One pass over a document decides whether any rule can fire in it.
# The rules whose patterns open with lookarounds or word groups (in one alternation with the rest they cost a
# 20-page record several times more): their first look is a plain word each must contain, tested apart.
_WORD_LOOK = {"Z515": "palliative|comfort|hospice", "Z931": "peg|tube|gastrostomy", "Z930": "trach",
              "Z933": "colostomy", "Z932": "ileostomy", "Z91151": "hd|dialysis", "Z91158": "hd|dialysis",
              "O99824": "gbs|group b", "P700": "infant of|idm", "P701": "infant of|idm",
              "R7401": "transamin", "Z7983": "dronate|fosamax|actonel|atelvia|boniva",
              "Z95810": "icd|defibrillator", "I255": "ischemic|icm", "Z880": "penicillin|pcn|amoxicillin",
              "Z882": "sulfa|bactrim", "Z91041": "contrast",
              "Z7952": "prednisone|steroid|glucocorticoid|hydrocortisone", "Z7982": "aspirin|asa",
              "Z7951": "fluticasone|budesonide|mometasone|advair|symbicort|breo|trelegy|dulera|flovent|qvar|"
                       "arnuity|asmanex|alvesco|breztri|airduo|wixela|beclomethasone|ciclesonide|inhaled"}
_ANY_RULE = FirstLook(re.compile("|".join([f"(?:{p.pattern})" for p, code, _ in _RULES
                                           if code not in _WORD_LOOK]
                                          + [f"(?:{p.pattern})" for p in (_CKD_STAGE, _BMI)]), _I))
_ANY_WORD = FirstLook(re.compile("|".join(sorted(set("|".join(_WORD_LOOK.values()).split("|")))) + "|bal|"
                                 "blood alcohol|etoh level|ethanol level|serum alcohol|serum ethanol", _I))


class _AnyLook:
    """`search(text)`: whether any rule of the module may fire in the text (the two first looks above)."""

    @staticmethod
    def search(text: str) -> bool:
        return _ANY_RULE.search(text) or _ANY_WORD.search(text)


_ANY = _AnyLook()


def bmi_code(bmi: float) -> str:
    """Z68 adult BMI codes (Z68.1 through Z68.45, ICD-10-CM tabular ranges)."""
    if bmi < 20:
        return "Z681"
    if bmi < 40:
        return f"Z68{int(bmi)}"
    for top, code in ((45, "Z6841"), (50, "Z6842"), (60, "Z6843"), (70, "Z6844")):
        if bmi < top:
            return code
    return "Z6845"


def _span(s: Any, a: int, b: int) -> tuple[int, int] | None:
    """Token indexes of the sentence covering document offsets a..b."""
    toks = [i for i, t in enumerate(s.tokens) if t.end > a and t.start < b]
    return (toks[0], toks[-1]) if toks else None


def stated(release: Any, enc: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """Suggestions for the rules of the module docstring, with the sentence that states each."""
    from workbench.record.suggest import stated_suggestion

    present = coded | {s.code for s in sugs if s.system == "CM"}
    adult = (enc.age_years() or 0) >= 20
    out: dict[str, Any] = {}

    def add(code: str, s: Any, m: re.Match[str], doc: Any, d: int, kind: str = "code") -> None:
        if code in out or code in coded:
            return
        if (new := stated_suggestion(release, code, doc, d, s, m, kind=kind)) is not None:
            out[code] = new

    def delivered() -> bool:
        # the delivery's own codes (Z37, 10E0XZZ) come after these rules (pregnancy.py): a maternal record
        # (an obstetric principal) that says the delivery
        return bool(enc.diagnoses) and enc.diagnoses[0].code.startswith("O") and any(
            _DELIVERY_SAID.search(doc.text) for doc in enc.documents)

    for d, doc in enumerate(enc.documents):
        if not _ANY.search(doc.text):  # most documents state none: no sentence splitting for them
            continue
        for s in sentences(doc.text, d):
            # A medication list ("HOME MEDS at d/c: apixaban, ...") states the drugs taken long term (Z79.-)
            # and nothing else.
            meds = s.section_kind == "medications"
            if s.section_kind in _SKIP and not meds or not _ANY.search(s.text):
                continue
            for pattern, code, needs in _RULES:
                if meds and not code.startswith("Z79"):
                    continue
                m = pattern.search(s.text)
                if m is None or (needs and not any(c.startswith(needs) for c in present)
                                 and not (code == "O99824" and delivered())):
                    continue
                if code == "Z8673" and _DEFICIT.search(_NO_DEFICIT.sub(" ", s.text)):
                    continue
                if code.startswith("Z79") and _NOT_LONG_TERM.search(s.text) and not _KEPT.search(s.text):
                    continue
                if code.startswith("Z79") and _USED_TO.search(s.text[max(0, m.start() - 20): m.end() + 14]):
                    continue  # "was on insulin previously, now on metformin": not current use (I.C.21.c.3)
                # (a condition's "h/o" before "on Eliquis" is no past course of the drug)
                started = _STARTED.search(_HX_WORDS.sub(" ", s.text) if _on_now(s, m) else s.text)
                if code in ("Z7901", "Z7902", "Z7982") and (started or _PROPHYLAXIS.search(s.text)):
                    continue  # begun this stay, or given to prevent a clot: not yet long-term use
                if code == "Z66" and _FULL_CODE.search(s.text):
                    continue
                if code == "F17210" and (_QUIT.search(s.text) or any(c.startswith("F17") for c in present)):
                    continue
                if code in ("R911", "R918") and not IMAGING.search(s.text):
                    continue
                if code.startswith("G81") and (_OLD_STROKE.search(s.text) or any(
                        c.startswith(("I69", "G81", "G83")) for c in present)):
                    continue
                if code in _NOT_THIS_STAY and _NOT_THIS_STAY[code].search(s.text):
                    continue
                if code == "Z91158" and "Z91151" in out:
                    continue
                if code == "Z5900" and ("Z5901" in out or "Z5902" in out):
                    continue  # the kind of homelessness said beats the unspecified code
                if code == "I252" and any(c.startswith(("I21", "I22")) for c in present) \
                        and not _IN_YEAR_BEFORE.search(s.text):
                    continue  # "NSTEMI ... prior MI": this stay's MI unless the old one has its year
                if _said(s, m, history_ok=code[0] in "ZI" and code not in ("R6521", "R6520", "Z7901", "Z7902",
                                                                          "Z66", "Z515"),
                         family_ok=code in ("Z515", "P700", "P701"), listed_ok=code in ("Z7901", "Z7902")):
                    add(code, s, m, doc, d)
            if meds:
                continue
            m = _CKD_STAGE.search(s.text)
            if m and _said(s, m, history_ok=True):
                add(_STAGES[m.group(1).lower()], s, m, doc, d)
            m = _BAL.search(s.text)
            if m and any(c.startswith("F10") for c in present):
                level = int(m.group(1))
                add(next((c for top, c in _BAL_CODES if level < top), "Y908"), s, m, doc, d)
            m = _BMI.search(s.text)
            if m and adult and any(c.startswith(_WEIGHT_DIAGNOSES) for c in present):
                add(bmi_code(float(m.group(1))), s, m, doc, d)
    return list(out.values())


_RELATIVE = re.compile(r"\b(family|mother|father|sister|brother|fhx?|siblings?|parents?|daughter|son|mom|dad|"
                       r"grandma|grandpa|cousins?|niece|nephew|kids|children)\b", _I)


def _said(s: Any, m: re.Match[str], history_ok: bool, family_ok: bool = False,
          listed_ok: bool = False) -> bool:
    """The statement is asserted: not negated, ruled out, family or uncertain; history only where the
    code is itself a history or status code. A relative named before the match ("family history of MI",
    whose trigger runs into the match) is the family's history, unless the code is about the family's
    part in the patient's care (`family_ok`: "family chose comfort care"). `listed_ok`: an item of a past
    medical history list with no history word of its own ("PMH: Afib on warfarin") is the patient's
    current state."""
    if not family_ok and _RELATIVE.search(s.text, 0, m.end()):
        return False
    span = _span(s, s.start + m.start(), s.start + m.end())
    if span is None:
        return False
    c = context(s, *span)
    if c.negated or c.ruled_out or c.family and not family_ok or c.uncertain or c.exposure:
        return False
    # ("h/o afib on Eliquis": the drug taken now, whatever the condition's history)
    return history_ok or not c.history or listed_ok and (c.cue == "past history section" or _on_now(s, m))


_HX_WORDS = re.compile(r"\b(?:h/o|history)\b", _I)


def _on_now(s: Any, m: re.Match[str]) -> bool:
    """The drug is written right after "on": "h/o afib on Eliquis"."""
    return str(s.text[max(0, m.start() - 3): m.start()]).lower() == "on "


def history_code(index: Any, m: Any) -> Any:
    """The personal-history code for a history mention, from the search index's reading of "personal
    history of" + the phrase: for a cancer anywhere ("h/o breast cancer" -> Z85.3, I.C.2.d); for another
    condition only where the provider lists the history among the discharge diagnoses ("Personal history
    of kidney stones" -> Z87.442): history codes are assigned where they matter to care (I.C.21.c.4)."""
    if m.context.family or m.context.negated:
        return None
    if m.code.startswith(_CANCER):
        wanted: tuple[str, ...] = ("Z85",)
    elif m.sentence.section_kind == "final":
        wanted = ("Z86", "Z87")
    elif m.sentence.section_kind == "assessment" and m.code.startswith(_INFECTIONS):
        # a past infection the provider lists among this stay's problems bears on its care (isolation,
        # the antibiotics chosen, stools watched): "# Hx C. diff colitis 2022 - on antibiotics now" Z86.19
        wanted = ("Z861",)
    else:
        return None
    for r in index.search("personal history of " + m.phrase, system="CM", billable_only=True, limit=2,
                          min_score=0.8):
        if r.code.startswith(wanted):
            if r.code.startswith("Z861") and not _same_agent(r.code, m.code):
                return _other_infection_history(index)
            return r
    return None


_DELIVERY_SAID = re.compile(r"\b(?:n?svd|vaginal delivery|cesarean (?:delivery|section)|c-section|"
                            r"delivered|delivery of)\b", _I)
_IN_YEAR_BEFORE = re.compile(r"\b(?:19|20)\d\d\b|\byears? ago\b", _I)
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


# ---------------------------------------------------------------- infectious agents (B95-B97)

_AGENT_TITLE = re.compile(r"\s+(?:infection\s+)?as the cause of diseases classified elsewhere$", _I)
_NO_GROWTH = re.compile(r"\b(negative|no growth|not|without|ruled out|contaminant)\b", _I)
_FOUND = re.compile(r"\b(positive|infection|infected|gastritis|associated|related|due to|treated|"
                    r"eradicat\w*)\b", _I)
_PEPTIC = ("K25", "K26", "K27", "K28", "K29")  # ulcers and gastritis H. pylori causes (Coding Clinic)
_AGENTS: dict[int, list[tuple[re.Pattern[str], str]]] = {}


def _agents(release: Any, index: Any) -> list[tuple[re.Pattern[str], str]]:
    """(name pattern, code) for the B95-B97 agents, read off their titles ("Klebsiella pneumoniae
    [K. pneumoniae] as the cause ...": both names; words in parentheses optional; "Other ..." titles
    left out) and the index's abbreviations of them (MRSA), longest names first."""
    key = id(release)
    hit = _AGENTS.get(key)
    if hit is not None:
        return hit
    names: list[tuple[str, str]] = []
    for it in release.iter_cm():
        if it.code[:3] not in ("B95", "B96", "B97") or not it.billable:
            continue
        title = _AGENT_TITLE.sub("", it.title)
        if title.lower().startswith("other"):
            continue
        title = re.sub(r"^unspecified\s+", "", title, flags=_I)
        for short in re.findall(r"\[([^\]]+)\]", title):
            names.append((short, it.code))
        main = re.sub(r"\s*\[[^\]]+\]", "", title)
        names.append((re.sub(r"\s*\([^)]*\)", "", main), it.code))
    abbrev = getattr(index, "abbreviations", {}) if index is not None else {}
    full = {n.lower(): c for n, c in names}
    for k, expansions in abbrev.items():
        for e in expansions:
            if e.lower() in full and len(k) == 1:
                names.append((k[0], full[e.lower()]))
    seen: set[str] = set()
    hit = []
    for name, code in sorted(names, key=lambda nc: -len(nc[0])):
        low = name.lower().strip(" ,")
        if low in seen or len(low) < 3:
            continue
        seen.add(low)
        words = [re.escape(w) for w in re.split(r"[\s.]+", low) if w]
        hit.append((re.compile(r"\b" + r"\.?\s*".join(words) + r"\b", _I), code))
    _AGENTS[key] = hit
    return hit


def organisms(release: Any, index: Any, enc: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """B95-B97 for an infection whose "use additional code (B95-B97) to identify infectious agent" note
    applies (I.C.1.b), when the record names the organism in a sentence that is not a negative culture
    and no coded or suggested code names that organism already (J15.1 "Pneumonia due to Pseudomonas"
    names Pseudomonas, not the E. coli of the UTI beside it): one code an organism."""
    from workbench.record.suggest import stated_suggestion

    present = coded | {s.code for s in sugs if s.system == "CM"}
    if any(c.startswith(gd.SEPSIS) for c in present):
        return []
    named = [release.cm(c).title for c in present
             if c.startswith(gd.ORGANISM_NAMED) and release.cm(c) is not None]
    infections = [c for c in present if release.cm(c) is not None and any(
        n.kind == "use_additional_code" and "B95-B97" in n.text for n in release.notes(c))]
    agents = _agents(release, index)
    if not infections:  # a peptic ulcer or gastritis with H. pylori documented: B96.81 beside it
        if not any(c.startswith(_PEPTIC) for c in present):
            return []
        agents = [(p, c) for p, c in agents if c == "B9681"]
    said = {c for p, c in agents if any(p.search(t) for t in named)}  # by any of its names ("MRSA")
    agents = [(p, c) for p, c in agents if c not in said]
    found: dict[str, Any] = {}
    for d, doc in enumerate(enc.documents):
        for s in sentences(doc.text, d):
            if s.section_kind in _SKIP or s.section_kind in ("history", "hpi", "complaint"):
                continue
            for pattern, code in agents:
                m = pattern.search(s.text)
                if m is None or code in found or _NO_GROWTH.search(s.text) or _RELATIVE.search(s.text):
                    continue
                if code == "B9681" and not _FOUND.search(s.text):
                    continue  # "biopsies for H. pylori": a test, not a finding
                if _COLONIZED.search(s.text) or not _said(s, m, history_ok=False):
                    continue  # "History of MRSA infection", "MRSA nares swab positive": not the agent now
                if (new := stated_suggestion(release, code, doc, d, s, m)) is not None:
                    found[code] = new
                break  # one organism a sentence: the longest name it says
    return list(found.values())


# A carrier state or a screening swab (Z22.-), not the agent of an infection.
_COLONIZED = re.compile(r"\b(colonized|colonization|carrier|nares|nasal swab|screening swab|surveillance)\b",
                        _I)


# ---------------------------------------------------------------- urosepsis (I.C.1.d.1.a.ii)

_UROSEPSIS = re.compile(r"\burosepsis\b", _I)


def urosepsis(release: Any, enc: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """"Urosepsis" is a nonspecific term with no default code (Official Guidelines I.C.1.d.1.a.ii): the
    provider is queried, never a code assumed. A draft query with both readings, once a record."""
    from workbench.model.encounter import Query
    from workbench.record.suggest import Evidence, Suggestion

    if any(c.startswith(gd.SEPSIS) for c in coded) or any(s.code.startswith(gd.SEPSIS) and s.kind == "code"
                                                          for s in sugs):
        return []  # sepsis already stated: nothing to ask about "urosepsis"
    item = release.cm("A419")
    for d, doc in enumerate(enc.documents):
        if item is None or not _UROSEPSIS.search(doc.text):
            continue
        for s in sentences(doc.text, d):
            m = _UROSEPSIS.search(s.text)
            if m is None or s.section_kind in _SKIP or not _said(s, m, history_ok=False):
                continue
            ev = Evidence(d, doc.type, s.text, s.start, s.end, m.group(0), s.start + m.start(),
                          s.start + m.end(), "", s.section_kind)
            where = doc.type or "the record"
            q = Query(question=(f"Clinical indicator: {where} documents \"{s.text.strip()}\". \"Urosepsis\" "
                                "has no ICD-10-CM code. Based on your clinical judgment, can you please "
                                "clarify the condition being treated?"),
                      options=["Sepsis due to urinary tract infection",
                               "Urinary tract infection without sepsis", "Other (please specify)",
                               "Clinically undetermined"])
            return [Suggestion(code="A419", title=item.title, system="CM", kind="query", cc_level=None,
                               evidence=ev, confidence=1.0, query=q, matched=m.group(0))]
    return []


# ---------------------------------------------------------------- codes the provider writes in the text

_CODE_IN_PARENS = re.compile(r"\(\s*([A-TV-Z]\d[0-9A-Z](?:\.[0-9A-Z]{1,4})?)\s*\)")


def written_codes(release: Any, enc: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """A diagnosis code the provider writes in parentheses after the condition ("history of stent (Z95.5)",
    "Anemia in CKD (D63.1)"): the code itself, when the release holds it as billable and the statement is
    asserted (not negated, uncertain or a relative's; a history or status Z code may sit in a history
    statement, an acute code may not). The other rules still hold it to the guidelines."""
    from workbench.record.suggest import stated_suggestion

    have = coded | {s.code for s in sugs}
    out: dict[str, Any] = {}
    for d, doc in enumerate(enc.documents):
        if "(" not in doc.text or not _CODE_IN_PARENS.search(doc.text):
            continue
        for s in sentences(doc.text, d):
            if s.section_kind in _SKIP:
                continue
            for m in _CODE_IN_PARENS.finditer(s.text):
                code = m.group(1).replace(".", "").upper()
                if code in have or code in out:
                    continue
                item = release.cm(code)
                if item is None or not item.billable:
                    continue
                # the condition the code belongs to: its last word before the parenthesis, read in context
                # ("No evidence of DVT (I82.401)", "History of PE (I26.99)", "Possible OSA (G47.33)")
                pm = None
                for word in re.finditer(r"[\w/-]+", s.text[:m.start()]):
                    pm = word
                if pm is None or not _said(s, pm, history_ok=code[0] == "Z"):
                    continue
                if (new := stated_suggestion(release, code, doc, d, s, m)) is not None:
                    out[code] = new
    return list(out.values())
