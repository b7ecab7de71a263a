"""The rule table of stated.py: (pattern, code, needs) for the statuses, histories, stages and other codes a
record states in words the code search does not read as one concept (stated.py's docstring lists them), and
the first look that tells, in one pass over a document, whether any of them can fire there."""

from __future__ import annotations

import re

from workbench.checks import guideline_data as gd
from workbench.record.text import FirstLook

_MISSED_DIALYSIS = (r"\b(?:missed|missing|skipped|skipping|non-?complian\w* with)\s+(?:\w+\s+){0,2}?"
                    r"(?:hd|hemodialysis|dialysis)\b")
# A receptor's result: "+", "(+)", "positive", "pos" (and "-", "(-)", "negative", "neg").
_POSITIVE = r"(?:\+|\(\+\)|[- ]?pos(?:itive)?\b)"
_NEGATIVE = r"(?:-(?!\s*pos)(?!\w)|\(-\)|[- ]?neg(?:ative)?\b)"
# Sections whose statements are not this stay's (drug lists, allergies, review of systems).
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
                r"dependen\w* on (?:supplemental )?oxygen|oxygen[- ]dependent)\b"
                # "Home O2 evaluation: does not qualify": an assessment for it, no dependence
                r"(?!\s*(?:evaluation|eval|assessment|qualif\w*|screen\w*|walk test)\b)"
                r"(?![^.;]*\b(?:does not|did not|doesn't|didn't|not) qualify\b)", _I), "Z9981", ()),
    # Index "Diabetes, with gastroparesis E1x.43 [K31.84]": the manifestation beside the combination.
    (re.compile(r"\bgastroparesis\b", _I), "K3184",
     tuple(c for c, m in gd.INDEX_MANIFESTATIONS if m == "K3184")),
    (re.compile(r"\binsulin pump\b(?![^.;]*\b(?:malfunction|failure|displace))", _I), "Z9641", ()),
    (re.compile(r"\b(?:s/p|status post|history of|h/o|hx of|prior)\s+(?:\w+\s+){0,2}?(?:cabg|coronary artery "
                r"bypass)", _I), "Z951", ()),
    # I.C.21.c.4 (history: personal history of MRSA infection Z86.14, relevant to isolation this stay)
    # (not a colonization: "Hx of MRSA colonization" is a carrier state, no infection)
    (re.compile(r"\b(?:h/o|hx of|history of|personal history of|prior)\s+(?:\w+\s+){0,2}?mrsa\b"
                r"(?!\s+(?:coloni[sz]\w*|carrier|screen\w*|swab))", _I),
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
                r"(?:dvt|deep vein thrombosis|venous thrombo\w*)\b|"
                # dictation: "a left leg deep vein thrombosis in 2021" (stated.py: the date before the stay)
                r"\b(?:dvt|deep vein thrombosis)\s+(?:in|on)\s+(?:\d{1,2}/)?(?:19|20)\d\d\b", _I),
     "Z86718", ()),
    (re.compile(r"\b(?:h/o|hx of|history of|personal history of|prior)\s+(?:\w+\s+){0,2}?(?:pe|pulmonary "
                r"embol\w*)\b|\b(?:pe|pulmonary embol\w*)\s+(?:in|on)\s+(?:\d{1,2}/)?(?:19|20)\d\d\b", _I),
     "Z86711", ()),
    # Index "History, personal, myocardial infarction (old) I25.2": an MI of more than four weeks ago
    # (I.C.9.e.1: within four weeks it is I21/I22), not a family member's ("father with MI")
    (re.compile(r"\b(?:h/o|hx(?: of)?|history of|personal history of|prior|old|remote)\s+(?:\w+\s+){0,1}?"
                r"(?:mi|myocardial infarction|stemi|nstemi)\b"
                r"(?![^.;]{0,25}\b(?:[1-4]|one|two|three|four) weeks? ago\b)|"
                # a past history's "CAD with MI in 2019 s/p DES" (stated.py: the date before the stay)
                r"\b(?:mi|myocardial infarction|stemi|nstemi)\s+(?:in|on)\s+(?:\d{1,2}/)?(?:19|20)\d\d\b",
                _I), "I252", ()),
    # I.B.14 (social determinants, from any clinician's note): "homeless, staying at a shelter" Z59.01,
    # "living on the street/in his car" Z59.02, homeless otherwise Z59.00
    (re.compile(r"\bhomeless(?:ness)?\b[^.;]{0,40}\b(?:shelter|transitional housing)\b|\b(?:shelter|"
                r"transitional housing)\b[^.;]{0,25}\bhomeless(?:ness)?\b", _I), "Z5901", ()),
    (re.compile(r"\bhomeless(?:ness)?\b[^.;]{0,40}\b(?:on the streets?|in (?:his|her|their|a) (?:car|"
                r"vehicle|tent)|unsheltered|outdoors|encampment)\b|\bunsheltered\b", _I), "Z5902", ()),
    (re.compile(r"\bhomeless(?:ness)?\b", _I), "Z5900", ()),
    (re.compile(r"\b(?:h/o|hx of|history of|personal history of|prior)\s+(?:\w+\s+){0,2}?(?:tia|transient "
                r"ischemic attack|cva|stroke|cerebral infarct\w*)\b|\b(?:tia|cva|stroke)\s+(?:in|on)\s+"
                r"(?:\d{1,2}/)?(?:19|20)\d\d\b", _I), "Z8673", ()),
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
    # Long-term immunosuppressants by the drugs Z79.62-'s inclusion terms name (a transplant recipient's
    # tacrolimus and mycophenolate); not an eye drop, an ointment or a cream of the same drug.
    (re.compile(r"\b(?:tacrolimus|prograf|envarsus|cyclosporine|neoral|gengraf)\b"
                r"(?![^.;,]{0,25}\b(?:ophthalmic|eye|drops?|ointment|topical|cream)\b)", _I), "Z79621", ()),
    (re.compile(r"\b(?:sirolimus|rapamune)\b", _I), "Z79623", ()),
    (re.compile(r"\b(?:mycophenol\w*|cellcept|myfortic|azathioprine|imuran)\b", _I), "Z79624", ()),
    (re.compile(r"\b(?:s/p|status post|history of|h/o|prior)\s+(?:\w+\s+){0,3}?(?:pci|ptca|coronary stent\w*|"
                r"(?:lad|rca|lcx|circumflex|om\d?|diagonal|coronary) stents?|des|bms|"
                r"(?:drug[- ]eluting|bare[- ]metal) stents?|"
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
    # Z17 receptor status of a breast or ovarian cancer coded or suggested ("use one code for each receptor:
    # Z17.0, Z17.1, Z17.2-, Z17.3-"): "ER positive, PR positive, HER2 negative", "ER+/PR-", "triple negative"
    (re.compile(r"\b(?:er|estrogen[- ]receptor)(?:\s*(?:/|and)\s*(?:pr|progesterone[- ]receptor))?\s*"
                + _POSITIVE, _I), "Z170", ("C50", "C56")),
    (re.compile(r"\b(?:er|estrogen[- ]receptor)(?:\s*(?:/|and)\s*(?:pr|progesterone[- ]receptor))?\s*"
                + _NEGATIVE + r"|\btriple[- ]negative\b", _I), "Z171", ("C50", "C56")),
    (re.compile(r"\b(?:pr|progesterone[- ]receptor)\s*" + _POSITIVE, _I), "Z1721", ("C50", "C56")),
    (re.compile(r"\b(?:pr|progesterone[- ]receptor)\s*" + _NEGATIVE + r"|\btriple[- ]negative\b", _I),
     "Z1722", ("C50", "C56")),
    (re.compile(r"\bher-?2(?:/neu)?\s*(?:" + _POSITIVE + r"|3\+)", _I), "Z1731", ("C50", "C56")),
    (re.compile(r"\bher-?2(?:/neu)?\s*(?:" + _NEGATIVE + r"|[01]\+)|\btriple[- ]negative\b", _I), "Z1732",
     ("C50", "C56")),
    # Long-term bisphosphonates (Z79.83); zoledronic acid given once for hypercalcemia is no long-term use.
    (re.compile(r"\b(?:alendronate|fosamax|risedronate|actonel|atelvia|ibandronate|boniva)\b", _I), "Z7983",
     ()),
)
# ("CKD3b", "CKD4": the stage written onto the abbreviation; "CKD G3a", "CKD G3aA2": KDIGO's GFR category,
# G1-G5 the stages 1-5, with its albuminuria category A1-A3 after it)
_CKD_STAGE = re.compile(r"\b(?:ckd(?=g?[1-5])|(?:ckd|chronic kidney disease|chronic renal (?:disease|failure|"
                        r"insufficiency))\b(?:[^.;]{0,30}?\bstage\s*|\s+))g?"
                        r"(1|2|3a|3b|3|4|5|i{1,3}[ab]?|iv|v)(?:\b|(?=a[1-3]\b))", _I)
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


# One pass over a document decides whether any rule can fire in it.
# The rules whose patterns open with lookarounds or word groups (in one alternation with the rest they cost a
# 20-page record several times more): their first look is a plain word each must contain, tested apart.
_WORD_LOOK = {"Z515": "palliative|comfort|hospice", "Z931": "peg|tube|gastrostomy", "Z930": "trach",
              "Z933": "colostomy", "Z932": "ileostomy", "Z91151": "hd|dialysis", "Z91158": "hd|dialysis",
              "O99824": "gbs|group b", "P700": "infant of|idm", "P701": "infant of|idm",
              "R7401": "transamin", "Z170": "breast|estrogen|receptor|triple|ovar",
              "Z171": "breast|estrogen|receptor|triple|ovar",
              "Z1721": "breast|progesterone|receptor|triple|ovar",
              "Z1722": "breast|progesterone|receptor|triple|ovar", "Z1731": "breast|her2|her-2|ovar",
              "Z1732": "breast|her2|her-2|triple|ovar", "Z7983": "dronate|fosamax|actonel|atelvia|boniva",
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
        # (the words first: their look is some five times cheaper and lets a fifth of documents through)
        return _ANY_WORD.search(text) or _ANY_RULE.search(text)


_ANY = _AnyLook()


# The drugs of an allergy list ("Allergies: Penicillin (hives); codeine - nausea"): the Index's "Allergy,
# status, to ..." codes (Z88.-, Z91.04-), each the patient's status, never a reaction of this stay.
ALLERGY_LIST: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:penicillins?|pcn|amoxicillin|ampicillin|augmentin)\b", _I), "Z880"),
    (re.compile(r"\b(?:cephalosporins?|cephalexin|keflex|cefazolin|ceftriaxone|vancomycin|ciprofloxacin|"
                r"levofloxacin|fluoroquinolones?|quinolones?|erythromycin|azithromycin|macrolides?|"
                r"tetracyclines?|doxycycline|clindamycin|antibiotics?)\b", _I), "Z881"),
    (re.compile(r"\b(?:sulfa|sulfonamides?|bactrim|sulfamethoxazole|tmp[- /]smx)\b", _I), "Z882"),
    (re.compile(r"\b(?:codeine|morphine|hydrocodone|oxycodone|hydromorphone|dilaudid|meperidine|demerol|"
                r"fentanyl|tramadol|opioids?|opiates?|narcotics?)\b", _I), "Z885"),
    (re.compile(r"\b(?:aspirin|asa|nsaids?|ibuprofen|naproxen|motrin|advil)\b", _I), "Z886"),
    (re.compile(r"\b(?:iv |iodinated |radiographic )?(?:contrast|iodine)\b", _I), "Z91041"),
    (re.compile(r"\blatex\b", _I), "Z91040"),
)
# The allergy section's own line ("Allergies: PCN (rash)") or a short item under a bare "ALLERGIES"
# heading: a later line kept in the section by a heading of no kind ("Labs: ...") is not the list.
ALLERGY_LINE = re.compile(r"^\W*(?:drug\s+)?allerg\w*\s*:|^(?![^:]{1,40}:)\W*\S.{0,58}$", _I)
