"""Clinical reading of diagnosis words for code search: word forms and the settings a title implies.

Word forms. Physicians write "perforated ulcer", "septic shock", "osteoporotic fracture", "diabetic
neuropathy"; ICD-10-CM titles say "with perforation", "sepsis", "osteoporosis", "diabetes". `derived`
gives the other forms of a word (adjective <-> noun, British spellings) so either meets the other; the
ranker keeps only those in the index's vocabulary.

Settings. Some title words put a code in a population or setting the query must name: "Personal
history of ...", "Newborn affected by ...", "... complicating pregnancy", "Postprocedural ...",
"Congenital ...", "Encounter for screening ...", "... in diseases classified elsewhere" (a
manifestation, never coded alone: ICD-10-CM guideline I.A.13). A text holding such a word ranks a
little lower when the query names nothing of that setting ("breast cancer" is C50.-, not Z85.3; "newborn
hypoglycemia" is P70.4, not P70.0 "Newborn affected by maternal gestational diabetes").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import resources

import numpy as np

from codesets.search.laterality import SIDES
from codesets.search.text import Abbreviations, raw_words, stem

# (query word ending, other endings) tried in order; a form is kept only when the index knows it.
_SUFFIXES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ated", ("ation",)),  # perforated -> perforation, ulcerated, dislocated, incarcerated
    ("ted", ("tion",)),  # infected -> infection, obstructed -> obstruction
    ("ed", ("e", "", "ion")),  # ruptured -> rupture, fractured -> fracture
    ("ptic", ("psis",)),  # septic -> sepsis
    ("psis", ("ptic",)),  # sepsis -> septic ("encephalopathy due to sepsis": Septic encephalopathy G93.41)
    ("otic", ("osis",)),  # osteoporotic -> osteoporosis, cirrhotic, necrotic, psychotic, thrombotic
    ("itic", ("itis",)),  # arthritic -> arthritis
    ("etic", ("ete", "etes")),  # diabetic -> diabetes (stored as `diabete`)
    ("ic", ("ia", "is", "y", "", "e")),  # hypoxic -> hypoxia, allergic, alcoholic, prostatic
    ("sive", ("sion",)),  # hypertensive -> hypertension, erosive -> erosion, convulsive -> convulsion
    ("sion", ("sive",)),
    ("ent", ("ence",)),  # dependent -> dependence, incompetent, intermittent claudication kept
    ("ence", ("ent",)),
    ("axis", ("actic",)),  # anaphylaxis -> anaphylactic (reaction), prophylaxis -> prophylactic
    ("actic", ("axis",)),
    ("ally", ("al",)),  # vaginally -> vaginal
    ("atic", ("a",)),  # pancreatic -> pancreas (stored as `pancrea`)
    ("ian", ("y",)),  # ovarian -> ovary
    ("ine", ("us",)),  # uterine -> uterus
    ("eal", ("us",)),  # esophageal -> esophagus
    ("oral", ("ur",)),  # femoral -> femur
    ("ial", ("ius",)),  # radial -> radius
    ("inal", ("en",)),  # abdominal -> abdomen
    ("ar", ("a",)),  # ulnar -> ulna
    ("al", ("us", "um", "", "a", "e")),  # pneumococcal, bacterial, vertebral, rectal, spinal
    ("ation", ("ated",)),
    ("tion", ("ted",)),
    ("osis", ("otic",)),
    ("itis", ("itic",)),
    ("ia", ("ic",)),
    ("is", ("ic",)),
)
_SPELLINGS = (("ae", "e"), ("oe", "e"), ("our", "or"), ("ise", "ize"), ("isation", "ization"))
DERIVED_WEIGHT = 0.9


def _load_synonyms() -> dict[str, tuple[str, ...]]:
    """synonyms.tsv: single words that mean the same, both directions."""
    table: dict[str, list[str]] = {}
    text = resources.files("codesets.search").joinpath("synonyms.tsv").read_text(encoding="utf-8")
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) != 2 or not all(p.strip().isalnum() for p in parts):
            raise ValueError(f"codesets/search/synonyms.tsv, line {n}: expected `word<TAB>word` "
                             f"(got {line!r})")
        a, b = (stem(p.strip().lower()) for p in parts)
        table.setdefault(a, []).append(b)
        table.setdefault(b, []).append(a)
    return {k: tuple(dict.fromkeys(v)) for k, v in table.items()}


SYNONYMS = _load_synonyms()


def derived(word: str) -> list[str]:
    """Other forms of a (stemmed) query word: its synonyms (synonyms.tsv), suffix swaps, then British
    -> American spellings."""
    out: list[str] = list(SYNONYMS.get(word, ()))
    if len(word) < 5 or not word.isalpha():
        return out
    for end, others in _SUFFIXES:
        if word.endswith(end) and len(word) - len(end) >= 2:
            base = word[: -len(end)]
            out += [base + o for o in others]
    for a, b in _SPELLINGS:
        if a in word:
            out.append(word.replace(a, b))
    return [w for w in dict.fromkeys(out) if w != word]


def joined(words: list[str], known: Callable[[str], bool]) -> list[str] | None:
    """The words with each adjacent pair that the index knows as one word written as one ("heat stroke"
    -> heatstroke, "gall stone" -> gallstone, "bed sore"), or None when no pair joins."""
    out: list[str] = []
    i = 0
    changed = False
    while i < len(words):
        if i + 1 < len(words) and words[i].isalpha() and words[i + 1].isalpha() and len(words[i]) >= 3 \
                and len(words[i + 1]) >= 3 and known(words[i] + words[i + 1]):
            out.append(words[i] + words[i + 1])
            i += 2
            changed = True
        else:
            out.append(words[i])
            i += 1
    return out if changed else None


# Setting classes: (title terms that put a code in the setting, query words that name the setting).
# Terms are stemmed as in the index; a title term counts only where it weighs in the title (not in a
# 7th-character extension such as ", subsequent encounter").
SETTINGS: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    # The patient's history or status (Index: History, personal; Status (post)): "Personal history of",
    # "Old myocardial infarction", "Presence of right artificial knee joint", "Acquired absence of ..."
    # and "... status" in chapter 21 (CHAPTER_ONLY).
    "history": (frozenset("history old".split()),
                frozenset("history hx personal past prior previous old status presence post dependence "
                          "dependent".split())),
    "family": (frozenset({"family"}), frozenset("family fhx fh".split())),
    "newborn": (frozenset("newborn neonatal perinatal fetu fetal neonate".split()),
                frozenset("newborn newborns neonatal neonate perinatal fetal fetus infant baby nb nicu "
                          "liveborn preterm premature prematurity born birth".split())),
    "pregnancy": (frozenset("pregnancy puerperium childbirth gestational postpartum antepartum maternal "
                            "obstetric trimester gestation pregnant intrapartum abortion labor "
                            "conception".split()),
                  frozenset("pregnancy pregnant puerperium puerperal childbirth gestational gestation "
                            "postpartum antepartum intrapartum peripartum maternal obstetric ob trimester "
                            "weeks week gravid gravida preeclampsia eclampsia hyperemesis previa placenta "
                            "placental ectopic miscarriage abortion labor delivery delivered cesarean "
                            "section iup pp gdm".split())),
    "congenital": (frozenset({"congenital"}), frozenset("congenital cong inborn".split())),
    "postprocedural": (frozenset("postprocedural intraoperative postoperative".split()),
                       frozenset("postprocedural postoperative postop post procedure procedural surgery "
                                 "surgical operative intraoperative iatrogenic following after".split())),
    "screening": (frozenset({"screening"}), frozenset({"screening", "screen"})),
    # A sequela (late effect) is coded when the record says so (guideline I.B.10): "Hemiplegia ... following
    # cerebral infarction" (I69.-), "Sequelae of ..." are not the acute condition.
    "sequela": (frozenset("following sequelae sequela".split()),
                frozenset("following sequela sequelae late residual after post history hx old prior "
                          "previous postop postoperative".split())),
    "secondary": (frozenset(), frozenset("secondary metastatic metastasis metastases mets metastasized "
                                         "spread".split())),
    "observation": (frozenset({"observation"}), frozenset({"observation", "observe", "ruled"})),
    "underdosing": (frozenset({"underdosing"}), frozenset("underdosing underdose underdosed".split())),
    # "in diseases classified elsewhere": a manifestation code (the "not elsewhere classified" of NEC
    # titles is negated in the index, `~elsewhere`, and does not count).
    "manifestation": (frozenset({"elsewhere"}), frozenset({"elsewhere", "manifestation"})),
    # The intent of a poisoning: accidental unless the record says otherwise (ICD-10-CM guideline
    # I.C.19.e.5(b)), so assault, self-harm and undetermined intent wait to be named.
    "assault": (frozenset({"assault"}), frozenset("assault assaulted homicide homicidal attack".split())),
    "self-harm": (frozenset({"intentional"}),
                  frozenset("intentional suicide suicidal self harm deliberate purposeful".split())),
    "undetermined": (frozenset({"undetermined"}), frozenset("undetermined unknown unclear".split())),
    # A transplanted organ or a bypass graft: "Atherosclerosis of native coronary artery of transplanted
    # heart" (I25.811), "... of coronary artery bypass graft(s)" (I25.810) wait to be named; the plain
    # "atherosclerosis of native coronary artery" is I25.10.
    "transplant": (frozenset("transplanted transplant graft".split()),
                   frozenset("transplanted transplant transplantation graft grafts grafting cabg bypass "
                             "svg lima allograft autograft donor".split())),
    # A stated severity (dementia F01-F03 mild/moderate/severe, malnutrition, depression, intellectual
    # disabilities): with none stated the code is the unspecified-severity one ("dementia with
    # behavioral disturbance" F03.918, not F03.A18 "mild"). Sepsis, septic shock and persistent or
    # intermittent asthma name a family whose codes all state one ("Severe sepsis with septic shock");
    # hyperemesis gravidarum is mild unless said otherwise (Index: Hyperemesis, gravidarum (mild) O21.0).
    "severity": (frozenset("mild moderate severe".split()),
                 frozenset("mild moderate moderately severe severely profound serious marked minimal "
                           "advanced sepsis septic shock persistent intermittent hyperemesis".split())),
}
SETTING_NAMES = tuple(SETTINGS)
SETTING_FACTOR = np.float32(0.85)
# Title terms that set a code in the setting only in one chapter: in chapter 21 (Factors influencing
# health status) "Gastrostomy status", "Acquired absence of ...", not "... with status epilepticus",
# "Absence epileptic syndrome"; in chapter 2 (Neoplasms) "Secondary ...", not "Secondary hypertension".
CHAPTER_ONLY: dict[str, tuple[frozenset[str], int]] = {
    "history": (frozenset({"status", "presence", "absence"}), 21),
    "secondary": (frozenset({"secondary"}), 2),  # "Secondary malignant neoplasm of lung": a metastasis
}
# Settings a query names outright ("history of ...", "newborn ...", "... in pregnancy"): then the texts
# outside that setting rank a little lower, so Z85.3 comes before C50.- for "history of breast cancer".
REQUIRED: dict[str, frozenset[str]] = {
    # "old MI", "prior stroke", "previous DVT": the condition is over (guideline: history and resolved
    # conditions take the personal history or "old" code, never the acute one)
    "history": frozenset("history hx personal presence status-post old prior previous past".split()),
    "family": frozenset("family fhx".split()),
    "newborn": frozenset("newborn newborns neonatal neonate perinatal nb nicu".split()),
    "pregnancy": frozenset("pregnancy pregnant puerperium puerperal trimester antepartum postpartum "
                           "gestation gestational ob".split()),
}
REQUIRED_FACTOR = np.float32(0.6)
# Every word setting_factor reads (the settings' and sides' words).
_SETTING_WORDS = frozenset().union(*(SETTINGS[n][1] for n in SETTING_NAMES), *REQUIRED.values(), SIDES)
# Words of a history or status query that a text set there stands for without saying them: "s/p BKA"
# (status post) is Z89.512 "Acquired absence of left leg below knee", "hx of MI" I25.2 "Old myocardial
# infarction". They count as matched in every text of the history setting.
STATUS_WORDS = frozenset("history hx personal past previous prior old status post presence".split())
HISTORY_BIT = 1 << SETTING_NAMES.index("history")
SEQUELA_BIT = 1 << SETTING_NAMES.index("sequela")
# Family history (Z80-Z84) is the patient's own history only in name: a query that does not say "family"
# ("old stroke", "history of colon cancer") means the patient's.
FAMILY_BIT = 1 << SETTING_NAMES.index("family")
FAMILY_UNNAMED = np.float32(0.7)


def _named(words: list[str]) -> set[str]:
    """The query's words, with `status-post` when it says "status post" ("s/p"): "status" alone is also
    a condition's word (status epilepticus, status asthmaticus)."""
    named = set(words)
    if "status" in named and "post" in named:
        named.add("status-post")
    return named


def status_credit(words: list[str]) -> frozenset[str]:
    """The query words a history or status text stands for (none unless the query names that setting)."""
    named = _named(words)
    if named & REQUIRED["history"]:
        return frozenset(named & STATUS_WORDS)
    return frozenset()
CM_BIT = 1 << 31  # set on every ICD-10-CM text
SIDE_FACTOR = np.float32(0.9)


def setting_bits(vocab: list[str], post_off: np.ndarray, post: np.ndarray, post_w: np.ndarray,
                 n_texts: int, texts_in_scope: np.ndarray, chapters: np.ndarray | None = None) -> np.ndarray:
    """One uint32 per text: bit i set when the text holds a title term of setting i (CM texts only;
    the terms of CHAPTER_ONLY only in texts of that chapter, by `chapters`, the chapter of each text)."""
    from bisect import bisect_left

    bits = np.zeros(n_texts, np.uint32)
    for i, name in enumerate(SETTING_NAMES):
        only, chapter = CHAPTER_ONLY.get(name, (frozenset(), 0))
        if chapters is None:
            only = frozenset()
        for term in SETTINGS[name][0] | only:
            t = bisect_left(vocab, term)
            if t < len(vocab) and vocab[t] == term:
                a, b = int(post_off[t]), int(post_off[t + 1])
                texts = post[a:b][post_w[a:b] > 0]
                if term in only and chapters is not None:
                    texts = texts[chapters[texts] == chapter]
                bits[texts] |= np.uint32(1 << i)
    bits[texts_in_scope] |= np.uint32(CM_BIT)
    bits[~texts_in_scope] = 0
    return bits


# A title that says the past in its own words ("Maternal care for low transverse scar from previous cesarean
# delivery", "Derangement of meniscus due to old tear") is not outside the history setting a query naming
# those words asks for: the query said the title, not a history of it.
PAST_SAID = frozenset("previous prior old past".split())


def past_said(vocab: list[str], post_off: np.ndarray, post: np.ndarray, post_w: np.ndarray,
              n_texts: int) -> np.ndarray:
    """One bool per text: the text holds a word of PAST_SAID (not negated)."""
    from bisect import bisect_left

    said = np.zeros(n_texts, bool)
    for term in PAST_SAID:
        t = bisect_left(vocab, term)
        if t < len(vocab) and vocab[t] == term:
            a, b = int(post_off[t]), int(post_off[t + 1])
            said[post[a:b][post_w[a:b] > 0]] = True
    return said


def side_bits(vocab: list[str], post_off: np.ndarray, post: np.ndarray, n_docs: int) -> np.ndarray:
    """One uint8 per document: bit i set when its title (text i is the title of document i) names
    side i of SIDES."""
    from bisect import bisect_left

    bits = np.zeros(n_docs, np.uint8)
    for i, term in enumerate(SIDES):
        t = bisect_left(vocab, term)
        if t < len(vocab) and vocab[t] == term:
            texts = post[int(post_off[t]) : int(post_off[t + 1])]
            bits[texts[texts < n_docs]] |= np.uint8(1 << i)
    return bits


def setting_key(words: list[str]) -> frozenset[str]:
    """The words of `words` that `setting_factor` reads: queries with the same key get the same factor."""
    return frozenset(_named(words) & _SETTING_WORDS)


def setting_factor(bits: np.ndarray, sides: np.ndarray, words: list[str],
                   said: np.ndarray | None = None) -> np.ndarray | np.float32:
    """Per-text factor for the query `words` (texts' setting bits, their documents' side bits, whether
    they say a word of PAST_SAID themselves):
    a setting the query does not name lowers the texts set in it; one it names outright lowers the
    texts outside it; a side it names lowers CM codes whose title does not say that side."""
    named = _named(words)
    factor: np.ndarray | np.float32 = np.float32(1.0)
    absent = 0
    for i, name in enumerate(SETTING_NAMES):
        if not named & SETTINGS[name][1]:
            absent |= 1 << i
        elif name in REQUIRED and named & REQUIRED[name]:
            inside = 1 << i | (SEQUELA_BIT if name == "history" else 0)  # a sequela is over too (I.B.10)
            outside = (bits & np.uint32(inside)) == 0  # procedure codes too: none has a history
            if name == "history" and said is not None and named & PAST_SAID:
                outside &= ~said  # the title says "previous cesarean" itself
            factor = factor * np.where(outside, REQUIRED_FACTOR, np.float32(1.0))
    if absent & FAMILY_BIT:  # a relative's condition only when the record says "family"
        factor = factor * np.where(bits & np.uint32(FAMILY_BIT), FAMILY_UNNAMED, np.float32(1.0))
        absent &= ~FAMILY_BIT
    if absent:
        factor = factor * np.where(bits & np.uint32(absent), SETTING_FACTOR, np.float32(1.0))
    for i, side in enumerate(SIDES):
        if side in named:
            lacking = ((bits & np.uint32(CM_BIT)) != 0) & ((sides & np.uint8(1 << i)) == 0)
            factor = factor * np.where(lacking, SIDE_FACTOR, np.float32(1.0))
    return factor


# Acronyms. A clinical acronym is the initials of a condition's name: COPD, GERD, BPH, DIC, TTP, NPH.
# Every CM text gets the initials of its head (the words before the first comma or "with", without
# nonessential modifiers and small words) as a term `^initials`, so an abbreviation missing from the
# table still finds the condition it abbreviates.
ACRONYM_MARK = "^"
_ACRONYM_SKIP = frozenset("of the and or to for by a an at as from is nos unspecified other".split())
_ACRONYM_STOP = frozenset(",;>")
_ACRONYM_END = frozenset("with without due in".split())


def acronym(text: str) -> tuple[str, float] | None:
    """(`^initials`, how many words they stand for) of a text's head, or None (fewer than 2 or more
    than 6 words, or a word that is not a plain word)."""
    import re

    letters: list[str] = []
    depth = 0
    for tok in re.findall(r"[a-z0-9]+|[()\[\],;>]", text.lower()):
        if tok in "([":
            depth += 1
        elif tok in ")]":
            depth = max(0, depth - 1)
        elif depth:
            continue
        elif tok in _ACRONYM_STOP or tok in _ACRONYM_END:
            break
        elif tok not in _ACRONYM_SKIP:
            if not tok.isalpha():
                return None
            letters.append(tok[0])
    if not 2 <= len(letters) <= 6:
        return None
    return ACRONYM_MARK + "".join(letters), float(len(letters))


# Words that make a query a diagnosis even when an abbreviation in it also names a procedure ("history
# of CABG" is Z95.1, "PEG tube infection" K94.22, "pacemaker malfunction" T82.1-): procedure codes
# then rank below the diagnoses sharing their words, as diagnoses do below a procedure query.
DIAGNOSIS_CUES = frozenset(
    "history hx status presence infection infected malfunction malfunctioning complication complications "
    "dislodged dislodgement displacement breakdown leak leaking leakage failure failed dependence "
    "dependent overdose poisoning toxicity thrombosis thrombosed clotted rejection liveborn due induced "
    "associated screening".split())
# A procedure the patient has had or lives on is a status, coded in ICD-10-CM: "s/p BKA" is Z89.51-,
# "status post TKA" Z96.65-, "history of CABG" Z95.1, "ESRD on HD" N18.6 with Z99.2 (Index: Status
# (post); Dependence, on dialysis; History, personal). Such a query ranks procedure codes well below.
STATUS_CUES = frozenset("history hx status presence aftercare previous prior".split())
CUE = 1  # a diagnosis word: procedures sharing the query's words rank a little lower
STATUS = 2  # a status or treatment the patient is on: procedures rank well below
# The side of coding a query is judged to be on, and the share the other side's codes keep: a procedure
# named ranks diagnoses sharing its words below the procedure codes, a diagnosis named ranks procedure codes
# below its own (a status named, "s/p BKA", "ESRD on HD", well below); all still listed.
DIAGNOSIS_FACTOR = np.float32(0.8)
STATUS_FACTOR = np.float32(0.5)
_SYSTEM_CM, _SYSTEM_PCS = 0, 1  # index.SYSTEMS order


def system_factor(systems: np.ndarray, is_procedure: bool, diagnosis: int) -> np.ndarray | np.float32:
    """Per-text factor for the side of coding the query is on (`systems`: the texts' documents' system,
    0 ICD-10-CM, 1 ICD-10-PCS; `is_procedure` a procedure named; `diagnosis` 0, CUE or STATUS from
    `names_diagnosis`): 1 for the query's own side, DIAGNOSIS_FACTOR or STATUS_FACTOR for the other."""
    if is_procedure:
        return np.where(systems == _SYSTEM_CM, DIAGNOSIS_FACTOR, np.float32(1.0))
    if diagnosis:
        factor = STATUS_FACTOR if diagnosis == STATUS else DIAGNOSIS_FACTOR
        return np.where(systems == _SYSTEM_PCS, factor, np.float32(1.0))
    return np.float32(1.0)


def names_diagnosis(words: list[str]) -> int:
    """0, CUE or STATUS: whether the query as typed names a diagnosis, and whether it names a procedure
    only as the patient's status ("s/p", "status post", "history of", "X on Y": a condition on a
    treatment, as in "ESRD on HD", "afib on apixaban", "COPD on home O2")."""
    typed = {w for n, w in enumerate(words)  # "TEE prior to cardioversion": a time, not a history
             if not (w == "prior" and words[n + 1 : n + 2] == ["to"])}
    if (typed & STATUS_CUES or _on(words) or leading_status(words) or _pair(words, "s", "p")
            or _pair(words, "h", "o") or (_pair(words, "in", "place") and not _pair(words, "left", "in"))
            or words[:1] == ["has"]):  # "G tube in place", "has a colostomy" ("drain left in place" is not)
        return STATUS
    return CUE if typed & DIAGNOSIS_CUES else 0


def status_tail(words: list[str]) -> list[str]:
    """The words after "on" in "X on Y" (a condition on a treatment: "ESRD on HD", "COPD on home O2"),
    or none: the treatment is a status a code of its own reports (Z99.2, Z99.81, Z79.01)."""
    k = _on(words)
    if not k or k == len(words) - 1 or words[0] == "acute":  # "acute on chronic" is one condition
        return []
    return words[k + 1 :]


def leading_status(words: list[str]) -> list[str]:
    """The treatment of a query that is only "on Y" ("on coumadin", "on home O2"): the status the patient
    is on (Z79.-, Z99.-), as a problem list writes it; none for "on the left"."""
    if len(words) < 2 or words[0] != "on" or words[1] in _SIDE_AFTER_ON or _on(words):
        return []
    if any(any(ch.isdigit() for ch in w) or w in _DURATION_WORDS for w in words):
        return []  # "on mechanical ventilation x 72 hrs": the procedure, timed
    return words[1:]


_DURATION_WORDS = frozenset("x hours hrs hour hr days day minutes".split())


# "on the left", "on both sides": a side, not a condition on a treatment.
_SIDE_AFTER_ON = frozenset("left right both bilateral the".split()
                           + ["pump"])  # "CABG on pump": the heart-lung machine, not a status


def _on(words: list[str]) -> int:
    """The place of the "on" of "X on Y" (0 when none): not first, not naming a side."""
    for k in range(1, len(words)):
        if words[k] == "on" and not (k + 1 < len(words) and words[k + 1] in _SIDE_AFTER_ON
                                     and (words[k + 1] != "the" or (k + 2 < len(words)
                                                                    and words[k + 2] in SIDES))):
            return k
    return 0


def _pair(words: list[str], a: str, b: str) -> bool:
    """True when `a b` (as "s/p" is typed) stands in the query."""
    return any(x == a and y == b for x, y in zip(words, words[1:], strict=False))


# "AKI on CKD", "acute respiratory failure on chronic hypoxemia": an acute condition on a chronic one is
# two conditions, each coded (N17.9 with N18.-; ICD-10-CM I.B.8, acute and chronic coded both when the
# Index has no combination code), the acute one first; not a condition on a treatment (status_tail).
def acute_on_chronic(words: list[str], abbreviations: Abbreviations) -> tuple[list[str], list[str]] | None:
    """The acute and the chronic condition of "X on Y" when X says acute and Y chronic (read through
    the abbreviations: AKI, CKD, COPD), else None."""
    k = _on(words)
    if not k or k == len(words) - 1 or words[0] == "acute":  # "acute on chronic X" is one combination code
        return None
    head, tail = words[:k], words[k + 1 :]

    def said(ws: list[str]) -> set[str]:
        out = set(ws)
        for w in ws:
            for meaning in abbreviations.get((w,), ()):
                out.update(meaning.split())
        return out

    return (head, tail) if "acute" in said(head) and "chronic" in said(tail) else None


ROMAN = {"i": "1", "ii": "2", "iii": "3", "iv": "4", "v": "5",
         "one": "1", "two": "2", "three": "3", "four": "4", "five": "5"}
_ROMAN_AFTER = frozenset("stage grade type class".split())


# Worksheet shorthand of the words before a number ("DM typ 2", "CKD stg 3b") and a number run onto its
# word ("NSTEMI type2", "stage4"): the titles write "type 2", "stage 3b".
_NUMBERED = {"typ": "type", "tp": "type", "stg": "stage", "stge": "stage", "grd": "grade", "gr": "grade"}
_RUN_ON = re.compile(r"(type|stage|grade|class)(\d+[a-z]?|i{1,3}|iv|v)")


def numbered(words: list[str]) -> list[str]:
    """"typ 2" -> "type 2", "stg 3b" -> "stage 3b" (only before a number or roman numeral), "type2" ->
    "type 2"."""
    out: list[str] = []
    for n, w in enumerate(words):
        nxt = words[n + 1] if n + 1 < len(words) else ""
        if w in _NUMBERED and (nxt[:1].isdigit() or nxt in ROMAN):
            out.append(_NUMBERED[w])
        elif m := _RUN_ON.fullmatch(w):
            out += [m.group(1), m.group(2)]
        else:
            out.append(w)
    return out


def arabic(words: list[str]) -> list[str]:
    """Roman numerals and numbers in words after stage, grade, type or class as the titles write them
    ("stage IV", "type one" -> 4, 1)."""
    return [ROMAN.get(w, w) if n and words[n - 1] in _ROMAN_AFTER else w for n, w in enumerate(words)]


# How a physician says a condition began or shows ("new onset seizure", "symptomatic anemia") without
# changing its code (Index: Seizure R56.9, Anemia D64.9): the condition is searched without those words,
# unless the best title holds them outside parentheses ("Symptomatic neurosyphilis", "... symptomatic
# epilepsy ...": there the word is the kind of the condition).
_COURSE_WORDS = frozenset({"symptomatic"})
_COURSE_PAIRS = (("new", "onset"),)
_PARENS_RE = re.compile(r"\([^()]*\)")


def plain_course(words: list[str]) -> list[str] | None:
    """The words less "new onset" and "symptomatic"; None when the query says neither or nothing is
    left."""
    drop: set[int] = {n for n, w in enumerate(words) if w in _COURSE_WORDS}
    for a, b in _COURSE_PAIRS:
        drop.update(k for n in range(len(words) - 1) if (words[n], words[n + 1]) == (a, b)
                    for k in (n, n + 1))
    rest = [w for n, w in enumerate(words) if n not in drop]
    return rest if drop and rest else None


def course_in_title(words: list[str], title: str) -> bool:
    """A word `plain_course` drops stands in `title` outside parentheses (the title's own kind)."""
    said = raw_words(_PARENS_RE.sub(" ", title))
    pairs = set(zip(said, said[1:], strict=False))
    return any(w in said for w in words if w in _COURSE_WORDS) or any(
        p in pairs for p in _COURSE_PAIRS if p in set(zip(words, words[1:], strict=False)))


# A body mass index typed as its value ("BMI 42", "BMI 35.5"): the adult codes (Z68.1-Z68.45) name ranges,
# "Body mass index [BMI] 40.0-44.9, adult", which hold no "42"; the value is read as the words of its range.
_BMI_WORDS = (("bmi",), ("body", "mass", "index"))
_BMI_SKIP = frozenset({"of", "is", "was"})
_BMI_BANDS = ((40, 45), (45, 50), (50, 60), (60, 70))
# The words a query naming only a BMI may hold besides it.
_BMI_ALONE = frozenset("adult pt patient has a current with".split())


def bmi_range(words: list[str]) -> list[str]:
    """The words with an adult BMI value after "BMI" (10-99, an optional decimal) read as the words of the
    Z68 range holding it ("bmi 42" -> "bmi 40 0 44 9"); unchanged when none or when a range is typed."""
    for i in range(len(words)):
        name = next((n for n in _BMI_WORDS if tuple(words[i : i + len(n)]) == n), None)
        if name is None:
            continue
        k = i + len(name)
        while k < len(words) and words[k] in _BMI_SKIP:
            k += 1
        if k >= len(words) or not words[k].isdigit() or not 10 <= int(words[k]) <= 99:
            return words
        end = k + 1 + (k + 1 < len(words) and words[k + 1].isdigit())
        if end < len(words) and words[end].isdigit():  # "BMI 40.0-44.9": the range itself
            return words
        if set(words[:i]) - _BMI_ALONE or set(words[end:]) - _BMI_ALONE:  # "morbid obesity BMI 45": the
            return words  # condition leads, its BMI code beside it as typed
        return [*words[:k], *_bmi_band(int(words[k])), *words[end:]]
    return words


def _bmi_band(value: int) -> list[str]:
    """The words of the adult Z68 range holding a whole BMI value."""
    if value < 20:
        return ["19", "9", "or", "less"]
    if value >= 70:
        return ["70", "or", "greater"]
    low, high = next(((a, b) for a, b in _BMI_BANDS if a <= value < b), (value, value + 1))
    return [str(low), "0", str(high - 1), "9"]
