"""The tables the guideline rules read, each from the ICD-10-CM Official Guidelines (FY2026) or the Index.

Codes are normalised prefixes (no dot): "I50" matches I50.23. Where the tabular list states a pairing
itself (the "use additional code" notes of the diabetes combination codes), guidelines.py reads it
from the release instead; these tables hold what the Index and the guideline text state.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Index, "Hypertension, hypertensive > with > heart involvement / kidney involvement" (I.A.15, I.C.9.a):
# heart conditions presumed hypertensive (I.C.9.a.1: I50.-, I51.4-I51.7, I51.89, I51.9) and CKD (N18.-).
# 7th characters of injury and external cause codes by encounter: initial (A, B, C), subsequent (D-R)
INITIAL_ENCOUNTER, SUBSEQUENT_ENCOUNTER, SEQUELA = "ABC", "DEFGHJKMNPQR", "S"
HYPERTENSIVE_HEART = ("I50", "I514", "I515", "I516", "I517", "I5189", "I519")
HYPERTENSIVE_CKD = ("N18",)
DIABETIC_CKD = ("E0822", "E0922", "E1022", "E1122", "E1322")  # "with diabetic CKD": CKD is coded
# I10 is never coded beside these; hypertensive crisis I16 is not one of them: "Code also any identified
# hypertensive disease (I10-I15, I1A)", nor resistant hypertension I1A.0: "Code first specific type of
# existing hypertension ... essential hypertension (I10)".
HYPERTENSION_COMBINATIONS = ("I11", "I12", "I13", "I15")

# Index, "Diabetes, diabetic > type 2 (type 1 ...) > with ..." (I.A.15, I.C.4.a): a complication the Index
# lists under "with" is coded with the combination code, not E1x.9. Suffix after the category (E11 + "21").
DIABETES_CATEGORIES = ("E08", "E09", "E10", "E11", "E13")
DIABETES_WITH: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (("N181", "N182", "N183", "N184", "N185", "N186", "N189"), "22", "chronic kidney disease"),
    (("N08", "N289"), "21", "nephropathy"),
    (("G629", "G620", "G621", "G622", "G628", "G632", "G603", "G608", "G609"), "42", "polyneuropathy"),
    (("K3184",), "43", "gastroparesis"),
    (("I739", "I7389", "I7381"), "51", "peripheral angiopathy"),
    (("L974", "L975"), "621", "foot ulcer"),
    (("M146",), "610", "neuropathic (Charcot) arthropathy"),
    (("H2590", "H2610", "H269", "H2640"), "36", "cataract"),
    (("E160", "E161", "E162"), "649", "hypoglycemia"),
    (("H3500",), "319", "retinopathy"),
    (("I702",), "51", "peripheral angiopathy (atherosclerosis of the extremities)"),
    # "Diabetes, with, skin ulcer NEC" E1x.622: ulcers of the thigh, calf, ankle and other lower leg and of
    # other skin (its note asks for the site code L97.1-L97.9, L98.41-L98.49, so both stay coded)
    (("L971", "L972", "L973", "L978", "L979", "L984"), "622", "skin ulcer"),
)
# More of the Index's "with" for the checks only (the suggestions read DIABETES_WITH and keep their own
# answers): G63 (polyneuropathy in diseases classified elsewhere) is the manifestation half of E1x.42;
# "Diabetes, with, gangrene E1x.52" (peripheral angiopathy with gangrene): gangrene NEC I96 beside the
# diabetes code is E1x.52, also beside E1x.51; "Diabetes, with, osteomyelitis E1x.69" (with the site code
# M86.-, which E1x.69's "use additional code to identify complication" asks for).
DIABETES_WITH_CHECKED: tuple[tuple[tuple[str, ...], str, str], ...] = tuple(
    (prefixes + ("G63",) if suffix == "42" else prefixes, suffix, what)
    for prefixes, suffix, what in DIABETES_WITH
) + (
    (("I96",), "52", "gangrene"),
    (("M86",), "69", "osteomyelitis"),
)
# Companions the combination does not absorb (Coding Clinic 3Q 2018: E11.51 with I70.2- both coded).
DIABETES_CODED_TOGETHER = ("I702", "M86")
# A combination that says the other one's complication too: diabetic CKD (E1x.22) is a kidney disease
# (E1x.21), angiopathy with gangrene (E1x.52) an angiopathy (E1x.51: I70.26- beside E11.52 is right).
DIABETES_COVERED_BY = {"21": ("22",), "51": ("52",)}
# Unspecified codes the Index gives the complication's word alone ("Nephropathy" N28.9): beside the
# combination code (by its suffix) they are its separate part too (I.B.9).
DIABETES_PART_EXTRA = {"21": ("N289",), "22": ("N289",)}

# Alphabetic Index pairings in brackets that the tabular list does not state as a note
# ("Diabetes, type 2, with gastroparesis E11.43 [K31.84]"): (combination code prefix, manifestation).
INDEX_MANIFESTATIONS = (("E0843", "K3184"), ("E0943", "K3184"), ("E1043", "K3184"), ("E1143", "K3184"),
                        ("E1343", "K3184"))

# Asthma with (acute) exacerbation or status asthmaticus: dyspnea is the attack itself.
_ASTHMA_ATTACK = ("J4521", "J4522", "J4531", "J4532", "J4541", "J4542", "J4551", "J4552", "J45901", "J45902")
_DYSPNEA_PART_OF = ("I50", "J441", "J81", "J960", "J962") + _ASTHMA_ATTACK

# I.B.5: signs and symptoms routinely associated with a disease process are not coded with it.
# (chapter-18 symptom prefix, definitive-diagnosis prefixes, what the symptom is part of)
INTEGRAL_SYMPTOMS: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("R07", ("I20", "I21", "I22", "I24", "I2511", "I2570"), "ischemic heart disease"),
    # ... and intestinal obstruction (K56) and peritonitis (K65), whose pain is the obstruction's colic, and
    # mesenteric adenitis (I88.0), the appendicitis mimic whose right lower quadrant pain it is
    ("R10", ("K35", "K36", "K37", "K80", "K81", "K85", "K861", "K57", "N20", "N23", "K25", "K26", "K27",
             "K28", "K56", "K65", "I880"), "the abdominal condition"),
    ("R11", ("K35", "K85", "K29", "A08", "A09", "A04", "K52", "K56", "K3184", "E0843", "E0943", "E1043",
             "E1143", "E1343", "O21", "K81", "K800"), "the digestive condition"),
    ("R50", ("A40", "A41", "J09", "J10", "J11", "J12", "J13", "J14", "J15", "J16", "J18", "N10", "N390",
             "G00", "G03"), "the infection"),
    ("R05", ("J09", "J10", "J11", "J12", "J13", "J14", "J15", "J16", "J18", "J20", "J40", "J441"),
     "the respiratory infection"),
    ("R062", ("J44", "J45"), "COPD or asthma"),
    ("R002", ("I471", "I472", "I48"), "the tachyarrhythmia"),
    ("R0600", _DYSPNEA_PART_OF, "heart failure, respiratory failure, or a COPD or asthma exacerbation"),
    ("R0602", _DYSPNEA_PART_OF, "heart failure, respiratory failure, or a COPD or asthma exacerbation"),
    ("R609", ("I50",), "heart failure"),
    ("R600", ("I50",), "heart failure"),
    ("R51", ("G43", "G44"), "the headache disorder"),
    ("R31", ("N20", "N21"), "urinary calculus"),
    ("R300", ("N390", "N30"), "the urinary tract infection"),
    ("R350", ("N390", "N30"), "the urinary tract infection"),
    ("R3915", ("N390", "N30"), "the urinary tract infection"),
    ("E870", ("E080", "E090", "E110", "E130"), "the hyperosmolar hyperglycemic state"),
    ("R42", ("H811", "H810", "H813"), "the vestibular disorder"),
    ("R569", ("G40",), "epilepsy"),
    ("R4182", ("G934", "F05"), "encephalopathy or delirium"),
    ("R9431", ("I21", "I22", "I44", "I45", "I47", "I48"), "the infarction or arrhythmia"),
    ("R740", ("K70", "K71", "K72", "K73", "K74", "K75", "K76", "B15", "B16", "B17", "B18", "B19"),
     "the liver disease"),
    ("R410", ("G934", "F05"), "encephalopathy or delirium"),
    ("R0902", ("J9601", "J9611", "J9621", "J9691"), "respiratory failure with hypoxia"),
    ("E872", ("E081", "E091", "E101", "E111", "E131"), "diabetic ketoacidosis"),
    ("R739", ("E08", "E09", "E10", "E11", "E13"), "diabetes mellitus"),
    ("R579", ("R6521",), "septic shock"),
    ("R197", ("A02", "A03", "A04", "A06", "A07", "A08", "A09", "K50", "K51", "K52"),
     "the gastroenteritis or colitis"),
    ("R31", ("N3001", "N3011", "N3021", "N3031", "N3041", "N3081", "N3091"), "cystitis with hematuria"),
    ("R000", ("I471", "I472", "I48"), "the tachyarrhythmia"),
    # I.C.1.g.1: COVID-19 (U07.1) with its manifestations coded; fever and cough are the disease itself
    ("R50", ("U071",), "COVID-19"),
    ("R05", ("U071",), "COVID-19"),
)

# More of I.B.5 by body system: epigastric and upper abdominal pain with gastritis or duodenitis; gaseous
# distension with an intestinal obstruction or ileus; sore throat with pharyngitis, tonsillitis or a
# peritonsillar abscess; swelling, edema and pain of a limb with that limb's cellulitis or acute deep vein
# thrombosis (integral_symptoms skips a pair whose titles name opposite sides).
_LEG = ("L03115", "L03116", "L03119", "I824")
_ARM = ("L03111", "L03112", "L03113", "L03114", "L03119", "I826")
INTEGRAL_SYMPTOMS = INTEGRAL_SYMPTOMS + (
    ("R101", ("K29",), "gastritis or duodenitis"),
    ("R14", ("K56",), "the intestinal obstruction or ileus"),
    ("R070", ("J02", "J03", "J060", "J36"), "the pharyngitis or tonsillitis"),
    ("R224", _LEG, "the cellulitis or deep vein thrombosis of the leg"),
    ("R223", _ARM, "the cellulitis or deep vein thrombosis of the arm"),
    ("R600", _LEG + _ARM, "the cellulitis or deep vein thrombosis of the limb"),
    ("M79604", _LEG, "the cellulitis or deep vein thrombosis of the leg"),
    ("M79605", _LEG, "the cellulitis or deep vein thrombosis of the leg"),
    ("M79606", _LEG, "the cellulitis or deep vein thrombosis of the leg"),
    ("M7965", _LEG, "the cellulitis or deep vein thrombosis of the leg"),
    ("M7966", _LEG, "the cellulitis or deep vein thrombosis of the leg"),
    ("M79601", _ARM, "the cellulitis or deep vein thrombosis of the arm"),
    ("M79602", _ARM, "the cellulitis or deep vein thrombosis of the arm"),
    ("M79603", _ARM, "the cellulitis or deep vein thrombosis of the arm"),
    ("M7962", _ARM, "the cellulitis or deep vein thrombosis of the arm"),
    ("M7963", _ARM, "the cellulitis or deep vein thrombosis of the arm"),
)

# A transient ischemic attack is its transient deficits: aphasia, dysarthria and slurred speech, paresthesia
# and numbness, facial weakness, weakness and dizziness of the attack are not coded beside G45.- (a stroke's
# deficits are: I63 is not listed).
INTEGRAL_SYMPTOMS = INTEGRAL_SYMPTOMS + tuple(
    (sym, ("G45",), "the transient ischemic attack")
    for sym in ("R47", "R20", "R29810", "R531", "R42"))

# Pain in a joint (M25.5-) beside a fracture or dislocation of that joint: the injury's pain (I.B.5). The
# side is compared by title (integral_symptoms skips right hip pain beside a left hip fracture).
_JOINT_INJURIES = {
    "M2551": (("S420", "S421", "S422", "S430", "S431"), "the shoulder fracture or dislocation"),
    "M2552": (("S424", "S520", "S521", "S530", "S531"), "the elbow fracture or dislocation"),
    "M2553": (("S525", "S526", "S620", "S621", "S630"), "the wrist fracture or dislocation"),
    "M2555": (("S720", "S721", "S722", "S324", "S730"), "the hip fracture or dislocation"),
    "M2556": (("S724", "S820", "S821", "S830", "S831"), "the knee fracture or dislocation"),
    "M2557": (("S825", "S826", "S828", "S930"), "the ankle fracture or dislocation"),
}
INTEGRAL_SYMPTOMS = INTEGRAL_SYMPTOMS + tuple(
    (sym, injuries, what) for sym, (injuries, what) in _JOINT_INJURIES.items())

# Withdrawal (F1x.13-, F1x.23-, F1x.93-; nicotine F17.2x3) is its tremor, sweating and agitation: those
# symptoms are the withdrawal state itself (I.B.5); a withdrawal seizure or delirium has its own code or
# character and is not listed here.
_WITHDRAWAL = tuple(f"F1{s}{level}3" for s in "0123456789" if s != "7" for level in "129") + (
    "F17203", "F17213", "F17223", "F17293")
INTEGRAL_SYMPTOMS = INTEGRAL_SYMPTOMS + tuple(
    (sym, _WITHDRAWAL, "the withdrawal state") for sym in ("R251", "R61", "R451"))

# Oliguria and anuria are how acute kidney failure shows (its urine-output criterion; I.B.5). Unspecified
# hypotension is how septic shock shows: Coding Clinic 4Q 2003 pp. 79-81, "septic shock is sepsis with
# hypotension, a failure of the cardiovascular system", so I95.9 is not coded beside R65.21 (I.B.5; #15,
# conv24). Beside R65.20 it may be the severe sepsis's organ dysfunction, and an orthostatic or drug-induced
# hypotension (I95.1, I95.2) is another condition: neither is listed.
INTEGRAL_SYMPTOMS = INTEGRAL_SYMPTOMS + (
    ("R34", ("N17",), "acute kidney failure"),
    ("I959", ("R6521",), "septic shock"),
)

# I.B.5 read from titles: (symptom prefix, the words a definitive code's title says it with, the chapters
# of the definitive codes). Hematemesis, melena, GI and rectal bleeding beside an ulcer, gastritis,
# esophagitis, varices, diverticular disease, colitis or angiodysplasia "with hemorrhage" / "with bleeding".
_BLEEDING = ("hemorrhage", "bleeding")
_GI_SOURCES = ("K2", "K3", "K5", "K6", "I85")
SYMPTOMS_NAMED: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("K920", _BLEEDING, _GI_SOURCES), ("K921", _BLEEDING, _GI_SOURCES), ("K922", _BLEEDING, _GI_SOURCES),
    ("K625", _BLEEDING, _GI_SOURCES),
    # A substance code "with ... delirium" (F10.231 withdrawal delirium, F1x.921 intoxication delirium) says
    # the delirium: F05 (whose official Excludes1 names delirium tremens F10.231) and R41.0 are not added.
    ("F05", ("delirium",), ("F1",)), ("R410", ("delirium",), ("F1",)),
)

# I.C.1.d: systemic infection codes (sepsis), organism-specific sepsis included.
SEPSIS = ("A40", "A41", "A021", "A227", "A267", "A327", "A392", "A393", "A394", "A427", "A5486", "B377",
          "B007", "A207", "A217", "A483", "P36", "O85", "O8604", "T8144")
SEVERE_SEPSIS = ("R652",)
# R65.20's "use additional code to identify specific acute organ dysfunction" (I.C.1.d.1.b): the codes
# that name one (respiratory, renal, neurologic, hematologic, hepatic, circulatory).
ORGAN_DYSFUNCTION = ("J80", "J81", "J96", "N17", "G93", "G92", "G72", "G62", "F05", "D65", "D68", "D69",
                     "K72", "K76", "R57", "I95", "I46", "I21", "R40", "R41", "R09", "E872", "R68", "R39")
# I.C.1.d.2 (severe sepsis): present on admission, the systemic infection is first, R65.2- after it, then the
# organ dysfunctions. Dysfunctions that severe sepsis typically brings (AKI, ARDS, acute respiratory failure,
# encephalopathy and delirium, DIC, acute hepatic failure, shock and hypotension, lactic acidosis, altered
# consciousness) are not principal beside it; an MI, arrhythmia or other condition that may be unrelated
# (I.C.1.d.5) is left to the coder.
SEPSIS_ORGAN_PRINCIPALS = ("N17", "J80", "J960", "G934", "G92", "F05", "D65", "K720", "R57", "I95", "E872",
                           "R40", "R41")
# Sepsis sequenced after these is right (I.C.1.d.5-6, I.C.15.b, I.C.16: the obstetric, postprocedural,
# device and perinatal rules sequence the complication first).
SEPSIS_EXCEPTIONS = ("O", "P", "T80", "T81", "T82", "T83", "T84", "T85", "T86", "T87", "T88")
# I.C.1.d.4: "sepsis and a localized infection" both present on admission put the sepsis first. A principal
# that is no infection (pancreatitis, trauma, a burn) is I.C.1.d.5: either may be principal when both
# meet the definition, so only these principals are checked. Infections by chapter: A00-B99 (not HIV disease
# or the infectious-agent codes), pneumonia and lower respiratory infections, COVID-19, urinary, skin and
# soft tissue, abdominal (appendicitis, diverticulitis, peritonitis, abscesses, cholecystitis,
# cholangitis), bone and joint, heart and central nervous system infections.
LOCALIZED_INFECTIONS = (
    "A0", "A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8", "A9", "B0", "B1", "B2", "B3", "B4", "B5", "B6",
    "B7", "B8", "U071", "J09", "J10", "J11", "J12", "J13", "J14", "J15", "J16", "J17", "J18", "J20", "J21",
    "J22", "J440", "J690", "J85", "J86", "N10", "N12", "N136", "N151", "N30", "N34", "N390", "N41", "N45",
    "N70", "N71", "N73", "N61", "L00", "L01", "L02", "L03", "L04", "L05", "L08", "K35", "K36", "K37",
    "K570", "K572", "K574", "K578", "K5712", "K5713", "K5732", "K5733", "K5752", "K5753", "K5792", "K5793",
    "K61", "K630", "K65", "K750", "K800", "K801", "K804", "K806", "K81", "K830", "M00",
    "M01", "M462", "M463", "M464", "M465", "M86", "I33", "I40", "I30", "G00", "G01", "G02", "G03", "G04",
    "G05", "G06", "G07", "H050", "H66", "H70", "J01", "J02", "J03", "J32", "J36", "J390", "D733", "E321",
)
# I.B.5: fever, unspecified (R50.9) is part of any localized infection coded beside it (cellulitis, cystitis,
# diverticulitis, gastroenteritis), not only of the sepsis and pneumonia of the R50 entry above; HIV disease
# (B20) names no infection, so fever in AIDS with no source found stays coded. R50.81 (with neutropenia) and
# the fevers of a named cause (R50.2, R50.82-R50.84) are not this entry.
INTEGRAL_SYMPTOMS = INTEGRAL_SYMPTOMS + (
    ("R509", tuple(p for p in LOCALIZED_INFECTIONS if p != "B2") + ("B25", "B26", "B27"), "the infection"),
)
# An unspecified sepsis of a group beside a sepsis of the same group that names the organism (the organism
# coded twice; two groups, gram-negative and staphylococcal, are two organisms): (vague, group, what).
SEPSIS_GROUP_UNSPECIFIED: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("A4150", ("A415",), "gram-negative sepsis"), ("A409", ("A40",), "streptococcal sepsis"),
    ("A412", ("A410", "A411"), "sepsis due to staphylococcus"))
# I.C.1.d.2: septic shock is circulatory failure of severe sepsis, R65.21 after the infection. Shock coded as
# unspecified or "other" shock (R57.9, R57.8) beside a sepsis with no R65.21 is the septic shock written as
# its symptom; cardiogenic (R57.0) and hypovolemic (R57.1) shock name another cause and stay.
SHOCK_UNSPECIFIED = ("R579", "R578")
# Codes that name the organism themselves: they satisfy "use additional code (B95-B97) to identify
# infectious agent" (I.C.1.b).
ORGANISM_NAMED = ("A40", "A410", "A411", "A412", "A413", "A414", "A415", "A4181", "A4182", "A02", "A04",
                  "B95", "B96", "B97", "J13", "J14", "J15", "J16", "A49")

# Appendix I (POA): long-standing chronic conditions are Y even when diagnosed during the stay.
# Acute complications of diabetes (hyperosmolarity .0, ketoacidosis .1, hypoglycemia .64, hyperglycemia
# .65) can arise during a stay and are left out.
CHRONIC = ("E08", "E09", "E10", "E11", "E13", "I10", "I11", "I12", "I13", "I2510", "I252", "J449", "J45909",
           "N18", "E78", "E039", "E66", "G20", "G30", "F01", "F02", "F03", "M05", "M06", "I481", "I482",
           "I5022", "I5032", "I5042", "M81", "C", "G4733", "K703", "K746", "B20", "N40", "I272", "I35",
           "I702", "G35", "G40", "M32", "E84", "F20", "F31",
           # more long-standing conditions: dependence on nicotine, alcohol and opioids (uncomplicated),
           # recurrent depression, cardiomyopathy (dilated, hypertrophic, restrictive, alcoholic; not the
           # drug-induced or other kinds a stay can bring on, I42.7-I42.9), valve disease, aneurysm without
           # rupture, peripheral vascular disease, emphysema, Crohn's disease and ulcerative colitis without
           # complications, chronic viral hepatitis and pancreatitis, adrenal and postprocedural thyroid
           # failure, osteoarthritis, cerebral palsy, sickle-cell disease without crisis
           # progressive neurodegenerative diseases: motor neuron disease (ALS), Huntington's, muscular
           # dystrophy
           "G122", "G10", "G710",
           "F17200", "F17210", "F17220", "F17290", "F1020", "F1120", "F33", "I420", "I421", "I422", "I425",
           "I426", "I255", "I34", "I36", "I37", "I05", "I06", "I07", "I08", "I712", "I714", "I739", "I700",
           "J43", "K5000", "K5010", "K5080", "K5090", "K5100", "K5120", "K5130", "K5140", "K5150", "K5180",
           "K5190", "B18", "K861", "E271", "E890", "M15", "M16", "M17", "M18", "M19", "G80", "D571",
           "J4520", "J4530", "J4540", "J4550", "J45998",  # asthma, uncomplicated (J45.909 above)
           # anemia in CKD (as long-standing as the kidney disease), GERD without esophagitis, generalized
           # anxiety disorder (six months by definition), carotid stenosis, open-angle glaucoma (not angle
           # closure H40.2-, whose acute attack can begin in a stay)
           "D631", "K219", "F411", "I652", "H401")
# Beyond the list, a code whose own title says "chronic" (G89.4 chronic pain syndrome, J96.1- chronic
# respiratory failure, N11 chronic pyelonephritis) names a long-standing condition: not POA N. Left out:
# an acute phase in the title, "chronic or unspecified" (K25.4: a stress ulcer bleeding during the stay),
# injuries, obstetric, perinatal and external-cause codes, complications of care (J95, K91, N99, I97, G97,
# H59, H95, M96), and non-pressure chronic ulcers (L97, L98.4), which a long stay can bring on.
CHRONIC_TITLE_NOT = ("L97", "L984", "O", "P", "S", "T", "V", "W", "X", "Y", "Z", "J95", "K91", "N99", "I97",
                     "G97", "H59", "H95", "M96")
CHRONIC_TITLE_ACUTE = frozenset({"acute", "subacute", "exacerbation", "exacerbated", "decompensated",
                                 "crisis", "flare"})
CHRONIC_NOT = ("E080", "E081", "E0864", "E0865", "E090", "E091", "E0964", "E0965", "E100", "E101", "E1064",
               "E1065", "E110", "E111", "E1164", "E1165", "E130", "E131", "E1364", "E1365")

# I.C.13.d.2: a fracture in a patient with known osteoporosis is M80.- unless the trauma would break a
# healthy bone; M81 is osteoporosis without current pathological fracture.
OSTEOPOROSIS_WITHOUT_FRACTURE = ("M81",)
FRACTURES = ("S12", "S22", "S32", "S42", "S52", "S62", "S72", "S82", "S92", "M484", "M485", "M844", "M80")
# M80.0-/M80.8- site (5th character) and the traumatic fracture categories of that site: one fracture coded
# as osteoporotic and as traumatic is coded once, M80.- in known osteoporosis (I.C.13.d.2).
M80_SITE_FRACTURES = {"1": ("S420", "S421"), "2": ("S422", "S423", "S424"), "3": ("S52",), "4": ("S62",),
                      "5": ("S72",), "6": ("S82",), "7": ("S92", "S825", "S826", "S828"),
                      "8": ("S12", "S22", "S32")}

# CMS three-day payment window (42 CFR 412.2(c)(5)): outpatient procedures up to 3 days before admission
# may be reported on the inpatient claim.
PAYMENT_WINDOW_DAYS = 3

# Index, "Disease, lung, obstructive (chronic) > with > lower respiratory infection J44.0" (I.A.15; Tabular
# J44.0 "code also to identify the infection"): COPD beside pneumonia or acute bronchitis is J44.0, not J44.9.
COPD_UNSPECIFIED = ("J449",)
# COPD codes that do not say the infection: with exacerbation (J44.1) or another specified COPD (J44.8-);
# beside pneumonia they need J44.0 too (Coding Clinic 1Q 2017: J44.0, J44.1 and the pneumonia).
COPD_OTHER = ("J441", "J448")
# The same list as the suggestions' (phrasings._LOWER_RESPIRATORY): pneumonia, acute bronchitis and
# bronchiolitis, influenza with pneumonia; not bronchitis NOS (J40) nor aspiration pneumonitis (J69.0).
LOWER_RESPIRATORY_INFECTIONS = ("J12", "J13", "J14", "J15", "J16", "J17", "J18", "J20", "J21", "J22", "J100",
                                "J110", "J09X1")

# I.C.21.c.3: status codes (Z95-Z97 presence of a device, prosthesis or graft) say the device was in place
# before; a device inserted this stay is the procedure code. (status code prefix, ICD-10-PCS prefixes that
# insert or replace that device: table + body part [+ approach + device character classes as a regex]).
DEVICE_STATUS: tuple[tuple[str, str], ...] = (
    ("Z950", r"0JH[68].[4567P]"),  # pacemaker generator
    ("Z95810", r"0JH[68].[89]"),  # implantable cardioverter-defibrillator
    ("Z951", r"021"),  # aortocoronary bypass graft
    ("Z952", r"02R[FGHJ]"),  # prosthetic heart valve
    ("Z955", r"027[0-3].[4567DEFGT]"),  # coronary angioplasty implant (stent)
    ("Z96641", r"0SR[9AR]"), ("Z96642", r"0SR[BES]"),  # hip joint by side
    ("Z96651", r"0SR[CTV]"), ("Z96652", r"0SR[DUW]"),  # knee joint by side
    ("Z96611", r"0RRJ"), ("Z96612", r"0RRK"),  # shoulder joint by side
)
# Devices a patient often already had before this stay's insertion (stents in other vessels, the grafts
# of an earlier bypass beside a redo): info only.
DEVICE_STATUS_OFTEN_BEFORE = ("Z955", "Z951")
# A revision or replacement: the stay also takes a device out (Removal, root operation P, of the heart,
# subcutaneous pocket, lower and upper joints) or codes a complication of a device or its adjustment
# (T82-T85, Z45): the earlier device was in place on admission, so its status code is not contradicted.
DEVICE_REMOVALS = ("02P", "0JP", "0SP", "0RP")
DEVICE_TROUBLE = ("T82", "T83", "T84", "T85", "Z45")

_DEVICE_STATUS_RE = tuple((z, re.compile(p)) for z, p in DEVICE_STATUS)


def placing_procedure(status: str, procedures: Iterable[str]) -> str | None:
    """The first of `procedures` that places the device the status code `status` says was already in
    place (DEVICE_STATUS; its prefixes do not overlap), else None."""
    for z, pcs in _DEVICE_STATUS_RE:
        if status.startswith(z):
            return next((c for c in procedures if pcs.match(c)), None)
    return None

# I.A.13: conditions that may underlie a manifestation beyond the examples its "code first ... such as" note
# lists (infections, neoplasms, blood and immune disorders, endocrine and metabolic, mental and nervous,
# circulatory and musculoskeletal/connective tissue diseases, chronic liver disease, inflammatory bowel
# disease, CKD, complications of transplants and poisonings).
SYSTEMIC_ETIOLOGIES = ("A", "B", "C", "D", "E", "F", "G", "I", "M", "K50", "K51", "K70", "K71", "K72", "K73",
                       "K74", "K75", "K76", "N18", "T86", "T3", "T4", "T5", "T6", "Q")
# Common comorbidities that underlie no manifestation code (essential hypertension, hyperlipidemia, obesity,
# nicotine dependence): beside F02.80 they are no etiology of the dementia (I.A.13).
NOT_AN_ETIOLOGY = ("I10", "E78", "E66", "F17")


# I.C.13.d.2: "a minor fall or trauma ... that would not usually break a normal, healthy bone". External
# causes that would (transport accidents, falls from a height, being struck or caught, machinery): with
# them a fracture in osteoporosis is the injury code beside M81.
HIGH_ENERGY_CAUSES = ("V", "W11", "W12", "W13", "W14", "W15", "W17", "W20", "W23", "W24", "W30", "W31")

# I.C.19.e.5: poisoning (T36-T50 with 6th character 1-4; toxic effects T51-T65) is sequenced first, its
# manifestations after; adverse effects (6th character 5) and underdosing (6) are never first (the MCE
# rejects them as principal already).
POISONINGS = tuple(f"T{n}" for n in range(36, 66))


def is_poisoning(code: str) -> bool:
    """T36-T50 with 6th character 1-4 (poisoning), or a toxic effect T51-T65."""
    if not code.startswith(POISONINGS):
        return False
    return int(code[1:3]) > 50 or (len(code) >= 6 and code[5] in "1234")

# I.C.1.a.2.a: an admission for an HIV-related condition has B20 as principal. The AIDS-defining
# conditions (CDC): pneumocystosis, candidiasis of the esophagus, bronchi or lungs, cryptococcosis,
# cytomegalovirus disease, toxoplasmosis, mycobacterial infections, Kaposi sarcoma, disseminated
# coccidioidomycosis and histoplasmosis, cryptosporidiosis and isosporiasis, PML, HIV wasting.
HIV_RELATED = ("B59", "B371", "B3781", "B45", "B25", "B58", "A31", "A15", "C46", "B38", "B39", "A072", "A073",
               "A812")

# I.C.2.d: Z85.- is for a malignancy excised or eradicated with no treatment directed to the site and no
# evidence of it remaining; beside a current primary of the same site it contradicts the chart.
# (Z85 history prefix, primary-malignancy prefixes of that site)
HISTORY_OF_CURRENT: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Z853", ("C50",)), ("Z8546", ("C61",)), ("Z85038", ("C18", "C19")), ("Z85048", ("C20", "C21")),
    ("Z85118", ("C34",)), ("Z85528", ("C64",)), ("Z8551", ("C67",)), ("Z85028", ("C16",)),
    ("Z8543", ("C56",)), ("Z8542", ("C54",)), ("Z8541", ("C53",)), ("Z85850", ("C73",)),
    ("Z85068", ("C17",)), ("Z8507", ("C25",)),
)

# I.C.1.g.1: with a confirmed COVID-19 diagnosis (U07.1) the exposure code Z20.822 is not assigned.
EXPOSURE_WITH_CONFIRMED = (("Z20822", "U071"),)
