"""Record text for the scanner: sentences with document offsets, sections, and the context of a mention.

Plain functions, no code sets: `sentences()` cuts one document into sentences (a line of a list is a
sentence of its own) and names the section each sits in; `context()` reads the words around a
mention for negation, history, family history and uncertainty, NegEx-style (a trigger before the
mention reaches it unless a clause boundary or a termination word comes between; a few triggers
follow the mention: "... was ruled out").

Official Guidelines for Coding and Reporting FY2026, Section II.H / III.C: for inpatient admissions, a
diagnosis documented at the time of discharge as "probable", "suspected", "likely", "questionable",
"possible", "still to be ruled out", "compatible with", "consistent with" or other similar terms is
coded as if it existed; a condition that was ruled out is not coded. Section I.C.21.c.4: a personal
history code says the condition no longer exists, family history codes describe relatives.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Generic, NamedTuple, TypeVar

from workbench.record.regex_start import with_start_scan

T = TypeVar("T")

_WORD_RE = re.compile(r"[A-Za-z0-9]+(?:[/'][A-Za-z0-9]+)*")
# A sentence ends at . ? ! followed by a space and an upper-case letter or digit, unless the word
# before the dot is a title or a usual abbreviation (Dr. Smith, vs. sepsis) or a list number ("1.").
_END_RE = re.compile(r"[.?!]+(?=\s+[A-Z0-9(\"'])")
_NO_END_BEFORE = frozenset("dr mr mrs ms st vs no approx e.g i.e etc fig pt sr jr".split())
# "Discharge diagnoses:" style headings: a few words then a colon at the start of a line.
# (a heading's parenthetical remark may run past the name's length: "Discharge Medications (unchanged home
# medications):")
_HEADING_RE = re.compile(r"^\s*([A-Za-z][A-Za-z /&()-]{1,48}?(?:\s*\([^()]{1,60}\))?)\s*:(?=\s|$)")
_LIST_MARK_RE = re.compile(r"^\s*(?:[-*\u2022]|\d{1,2}[.)])\s+")

# Section names (lower case, a prefix of the heading is enough) and what they mean for coding.
SECTION_KINDS: tuple[tuple[str, str], ...] = (
    ("discharge diagnos", "final"), ("final diagnos", "final"), ("principal diagnos", "final"),
    ("secondary diagnos", "final"), ("postoperative diagnos", "final"), ("post-operative diagnos", "final"),
    ("postop diagnos", "final"), ("diagnos", "final"), ("diagnostic", "findings"),
    # "DISCHARGE DX:", "Final dx:" (the abbreviation; a bare "Dx" may be an admitting one: not read as final)
    ("discharge dx", "final"), ("final dx", "final"), ("d/c dx", "final"), ("principal dx", "final"),
    ("secondary dx", "final"),
    ("preoperative diagnos", "preop"), ("pre-operative diagnos", "preop"), ("preop diagnos", "preop"),
    ("procedure", "procedure"), ("operation", "procedure"), ("operative procedure", "procedure"),
    ("assessment", "assessment"), ("impression", "assessment"), ("plan", "assessment"),
    ("a/p", "assessment"), ("a&p", "assessment"), ("a & p", "assessment"),
    ("problem", "assessment"), ("hospital course", "course"), ("course", "course"),
    ("past medical history", "history"), ("pmh", "history"), ("medical history", "history"),
    ("past surgical history", "history"), ("psh", "history"), ("surgical history", "history"),
    ("family history", "family"), ("fh", "family"), ("social history", "social"), ("social", "social"),
    # the abbreviations of the headings: "SHx: Smokes 1 ppd" is no longer the medication list above it
    ("shx", "social"), ("soc hx", "social"), ("fam hx", "family"),
    ("medications", "medications"), ("meds", "medications"),
    ("home medications", "medications"), ("discharge medications", "medications"),
    ("allergies", "allergies"), ("review of systems", "ros"), ("ros", "ros"),
    ("chief complaint", "complaint"), ("reason for admission", "complaint"),
    ("history of present illness", "hpi"), ("hpi", "hpi"), ("physical exam", "exam"), ("exam", "exam"),
    ("physical examination", "exam"),
    ("findings", "findings"), ("description", "findings"), ("indications", "hpi"),
    # a procedure's "Indication: evaluation of anemia": why it was done, not what it found (as "Indications")
    ("indication", "hpi"),
    # "Resolved problems:" of a problem list: past, though some are worded "chronic" (longer than "problem")
    ("resolved problem", "history"), ("inactive problem", "history"),
    # "ED differential:", "DDx:": what was weighed, not what was concluded (the final list names it again)
    ("differential", "differential"), ("ddx", "differential"),
    ("follow-up", "admin"), ("follow up", "admin"),
    ("disposition", "admin"), ("condition at discharge", "admin"),
    ("code status", "admin"), ("vital", "admin"), ("attending", "admin"), ("patient", "admin"),
    ("signed", "admin"), ("electronically signed", "admin"), ("surgeon", "admin"), ("anesthesia", "admin"),
    ("ebl", "admin"), ("estimated blood loss", "admin"), ("specimen", "admin"),
    # templated summaries' "Principal: ...", "Secondary: ..." lines (a "Principal procedure:" stays a
    # procedure: the longer or earlier prefix wins)
    ("principal", "final"), ("secondary", "final"), ("dispo", "admin"),
    # results reported without a provider's reading: "Imaging: ... incidental 2 cm renal cyst", "Labs on
    # admission: K 3.3" (III.B: an abnormal finding is coded only when the provider calls it significant,
    # which the diagnoses, the assessment or the course then say)
    ("imaging", "results"), ("labs", "results"), ("lab results", "results"), ("laboratory", "results"),
    ("pertinent results", "results"), ("radiology", "results"),
    # a tracing or an echo read out ("ECG: ... left anterior fascicular block; Q waves ..."), and the
    # consultant services' names ("Consults: Infectious Disease, Diabetes Education")
    ("ecg", "results"), ("ekg", "results"), ("echo", "results"), ("consults", "admin"),
    ("consultants", "admin"), ("consultations", "admin"),
    # another stay's quoted diagnoses (see PAST_ENCOUNTER below)
    ("prior encounter", "history"),
    # a newborn's "Maternal history: GBS positive, gestational diabetes": the mother's conditions
    ("maternal history", "family"), ("maternal hx", "family"),
    # a medication reconciliation table's rows ("Docusate | 100 mg BID PRN | constipation | NEW"): drugs and
    # their indications, not this stay's diagnoses
    ("medication reconciliation", "medications"), ("med rec", "medications"),
    ("medication list", "medications"),
    # a problem list the EHR filled in ("Active Problem List (auto-populated):") carries earlier stays'
    # problems; what this stay treats the course names again
    ("auto-populated", "history"), ("autopopulated", "history"), ("auto populated", "history"),
    # "Other problems on the problem list, not addressed this admission: ..." (see _NOT_ADDRESSED)
    ("not addressed", "admin"),
    # a surgical summary's lines after "Procedure:": the pathology's final reading and the course after the
    # operation ("Post-op: transient hypocalcemia, treated"), no longer the procedure's own lines
    ("pathology", "findings"), ("post-op", "course"), ("postop", "course"), ("post-op diagnos", "final"),
    # a psychiatric summary's mental status exam ("MSE: no AH/VH") and its medical problems line
    ("mse", "exam"), ("mental status", "exam"), ("medical", "course"),
)

# --- context triggers ------------------------------------------------------------------------------
# Words are matched on lower-case tokens; multi-word triggers as token tuples.
NEGATION_BEFORE = (
    ("no",), ("not",), ("denies",), ("denied",), ("deny",), ("negative", "for"), ("neg", "for"), ("without",),
    ("no", "evidence", "of"), ("no", "signs", "of"), ("no", "sign", "of"), ("free", "of"), ("absence", "of"),
    ("ruled", "out"), ("rules", "out"), ("never",), ("neither",), ("nor",),
    # Judged improbable: "unlikely to be cellulitis", "low suspicion for PE", "doubt pneumonia".
    ("unlikely",), ("less", "likely"), ("not", "likely"), ("doubt",), ("doubtful",),
    ("low", "suspicion", "for"), ("low", "concern", "for"), ("low", "likelihood", "of"),
    # A risk guarded against is not the condition: "at risk of aspiration", "prophylaxis for DVT".
    ("risk", "of"), ("risk", "for"), ("at", "risk"), ("prophylaxis", "for"), ("prophylaxis", "against"),
    ("prevention", "of"), ("to", "prevent"), ("prevent",),
    # A screening looks for a condition not known to be there (Z12-Z13 are encounter reasons, not this
    # stay's diagnoses): "screening for colon cancer per PCP", "screen for diabetic retinopathy".
    ("screening", "for"), ("screen", "for"), ("screened", "for"),
    # A drug's possible harm counseled: "amiodarone can cause thyroid, lung and liver toxicity".
    ("can", "cause"), ("could", "cause"), ("may", "cause"),
)
# Nouns right after the condition that make it a risk, a precaution or a test, not the condition itself:
# "DVT prophylaxis", "stress ulcer prophylaxis", "aspiration precautions", "fall risk", "CT head
# unremarkable", "troponin negative", "stroke prevention".
NEGATION_NEXT = (("prophylaxis",), ("precautions",), ("risk",), ("prevention",), ("negative",), ("neg",),
                 ("unremarkable",), ("screening",),
                 # An immunization against the disease is not the disease: "Hepatitis B vaccine given",
                 # "influenza vaccination offered" (Z23 is the encounter for it, never the disease code).
                 ("vaccine",), ("vaccines",), ("vaccination",), ("vaccinated",), ("immunization",),
                 ("booster",),
                 # an alert, a team, a protocol, a bundle or a clinic named for the condition, and a test for
                 # it still pending: "Sepsis alert triggered", "stroke team signed off", "hypoglycemia
                 # protocol", "Memory Clinic", "H. pylori pending at discharge"
                 ("alert",), ("team",), ("protocol",), ("bundle",), ("clinic",), ("pending",))
_VACCINE_WORDS = frozenset({"vaccine", "vaccines", "vaccination", "vaccinations", "immunization",
                            "immunizations", "boosters"})
# "Influenza and COVID PCR negative", "C diff toxin neg": a test for the condition named before it came back
# negative (the words between may only list other conditions tested; a named specimen, "pneumonia, blood
# cultures negative", is a culture for the organism, not a test of the condition, and a comma ends it).
_TESTS = frozenset("pcr test tests testing swab swabs antigen antigens toxin toxins titer titers serology "
                   "serologies assay screen panel naat antibody antibodies ab".split())
# Words a report puts between a test and its result: "hepatitis C antibody checked per protocol, negative".
_TEST_FILLER = frozenset("checked sent drawn obtained done was were is came back returned per protocol "
                         "result results and".split())
_TEST_NEGATIVE = frozenset({"negative", "neg", "nonreactive"})
_SPECIMENS = frozenset("blood urine sputum stool wound csf fluid tissue".split())
_TESTED_NAMES = frozenset("covid flu influenza rsv strep mrsa hiv c diff difficile norovirus".split())
# "Exposure to COVID-19", "exposed to TB": a contact, not the disease (Z20.-, I.C.21.c.1).
EXPOSURE_BEFORE = (("exposure", "to"), ("exposed", "to"), ("contact", "with"), ("in", "contact", "with"))
NEGATION_AFTER = (
    ("was", "ruled", "out"), ("were", "ruled", "out"),
    ("is", "ruled", "out"), ("has", "been", "ruled", "out"),
    ("been", "ruled", "out"), ("ruled", "out"), ("was", "excluded"), ("was", "not"), ("is", "not"),
    ("was", "negative"), ("were", "negative"), ("is", "negative"), ("unlikely",), ("not", "present"),
    ("less", "likely"), ("not", "likely"), ("doubtful",), ("felt", "unlikely"), ("thought", "unlikely"),
    ("absent",), ("none", "found"), ("none", "seen"), ("none", "identified"), ("was", "considered"),
    ("were", "considered"), ("was", "entertained"), ("were", "entertained"),
    # "Pyelonephritis not suspected - no flank pain", "# Endocarditis - not suspected; cultures negative"
    ("not", "suspected"), ("was", "not", "suspected"),
    # "Follow up H. pylori biopsy result with GI; treat if positive": the result is not known yet
    ("biopsy", "result"), ("biopsy", "results"), ("if", "positive"),
    # "Sepsis criteria not met", "SIRS criteria were not met"
    ("criteria", "not", "met"), ("criteria", "were", "not", "met"), ("criteria", "was", "not", "met"),
)
# "Sepsis and pneumonia excluded": a single word after the condition, reached over a list of conditions
# (words other than these prepositions: "DVT with PE excluded" does not exclude the DVT).
_EXCLUDED_WORDS = (("excluded",), ("ruled", "out"))
_LIST_BREAKERS = frozenset("with without from to for of in on at after before due".split())
RULED_OUT = (("ruled", "out"), ("rules", "out"), ("was", "excluded"), ("excluded",))
# The words that open a problem item's comment and exclude its condition: "# UTI - ruled out", "- unlikely".
_DASH_EXCLUDES = RULED_OUT + (("unlikely",), ("not", "present"), ("not", "found"), ("absent",),
                              ("less", "likely"), ("doubtful",),
                              # "# Pressure injury - none on admission skin check" ("- negative blood
                              # cultures" is no exclusion: culture-negative sepsis is sepsis)
                              ("none",), ("no", "evidence"), ("no", "e/o"), ("not", "seen"), ("denies",),
                              ("denied",), ("not", "suspected"))
HISTORY_BEFORE = (
    ("history", "of"), ("hx", "of"), ("h/o",), ("hx",), ("remote",), ("prior",), ("previous",),
    ("previously",), ("past",), ("status", "post"), ("s/p",),
    # dictation: "The patient's history is significant for a myocardial infarction in 2019 ..."
    ("history", "is", "significant", "for"), ("history", "significant", "for"),
    ("history", "is", "notable", "for"), ("history", "notable", "for"),
    ("history", "is", "remarkable", "for"), ("history", "remarkable", "for"),
)
# After the condition: another pregnancy's ("gestational diabetes in prior pregnancy") is a history.
HISTORY_AFTER = (("in", "prior", "pregnancy"), ("in", "previous", "pregnancy"),
                 ("in", "a", "prior", "pregnancy"),
                 ("in", "a", "previous", "pregnancy"), ("in", "her", "last", "pregnancy"),
                 ("in", "her", "prior", "pregnancy"), ("in", "her", "previous", "pregnancy"),
                 ("in", "prior", "pregnancies"), ("in", "previous", "pregnancies"),
                 ("with", "prior", "pregnancy"),
                 ("during", "prior", "pregnancy"), ("during", "a", "prior", "pregnancy"))
# The history cues that open an item of a list after a comma (context(): a negation before ends there).
_ITEM_HISTORY = (("h/o",), ("hx",), ("s/p",), ("status", "post"), ("history", "of"))
FAMILY_BEFORE = (
    ("family", "history", "of"), ("family", "history"), ("fh",), ("fhx",), ("mother",), ("father",),
    ("brother",), ("sister",), ("sibling",), ("siblings",), ("maternal",), ("paternal",), ("grandmother",),
    ("grandfather",), ("aunt",), ("uncle",), ("son",), ("daughter",), ("parents",), ("parent",),
    # as physicians also write them: "Family hx significant for ...", "Mom had ...", "his kids have asthma"
    ("family", "hx"), ("fam", "hx"), ("mom",), ("dad",), ("grandma",), ("grandpa",), ("cousin",),
    ("cousins",),
    ("niece",), ("nephew",), ("twin",), ("kids",), ("children",), ("grandson",), ("granddaughter",),
)
UNCERTAIN_BEFORE = (
    ("probable",), ("probably",), ("likely",), ("suspected",), ("suspect",), ("suspicious", "for"),
    ("possible",), ("possibly",), ("questionable",), ("question", "of"), ("r/o",), ("rule", "out"),
    ("concern", "for"), ("concerning", "for"), ("consistent", "with"), ("compatible", "with"),
    ("presumed",), ("presumptive",), ("differential",), ("may", "have"), ("might", "have"),
    ("cannot", "exclude"), ("suggestive", "of"), ("worrisome", "for"), ("evaluate", "for"),
    ("evaluation", "for"), ("workup", "for"), ("assess", "for"), ("evaluated", "for"), ("versus",), ("vs",),
    ("to", "exclude"), ("to", "rule", "out"),
    # resident shorthand: "c/f aspiration pneumonia" (concern for), "DDx includes PE vs pneumonia"
    ("c/f",), ("ddx",),
    # "outpt EUS to eval for microlithiasis vs occult neoplasm"
    ("eval", "for"), ("w/u", "for"),
)
UNCERTAIN_AFTER = (
    ("is", "suspected"), ("was", "suspected"), ("suspected",), ("is", "likely"), ("is", "possible"),
    ("is", "probable"), ("versus",), ("vs",), ("not", "excluded"), ("cannot", "be", "excluded"),
    ("to", "be", "ruled", "out"),
)
# Words that end the reach of a trigger placed before them.
TERMINATORS = frozenset(
    "but however although though except aside apart which who whose now presents presented "
    "presenting admitted developed found diagnosed confirmed secondary due because "
    # a plan's drug opens its own clause: "CAD - no angina, continue aspirin 81 mg daily"
    "continue continued continues resume resumed".split()
)
_RULE_OUT_CUES = frozenset({"rule out", "r/o", "evaluate for", "evaluation for", "workup for", "to exclude",
                            "to rule out", "eval for", "w/u for"})
# "Sepsis was considered on arrival and ruled out", "PE was suspected initially but excluded": a
# condition weighed and then ruled out reaches its "ruled out" over these words (and only these), past
# AFTER_REACH and past "but"; any other word ("pneumonia treated, PE ruled out") stops the reach.
_WEIGHED_THEN = frozenset(
    "was were is had has been considered suspected entertained raised evaluated assessed worked up "
    "initially clinically on at in arrival admission presentation the ed er and but subsequently later "
    "then thereafter".split())
_WEIGHED_REACH = 10
# ("r/o arrhythmia: tele x48h w/o events")
_RESULT_NEGATIVE = frozenset({"negative", "neg", "unremarkable", "no", "normal", "w/o", "without"})
_DIFFERENTIAL_CUES = frozenset({"vs", "versus", "question of"})
# What answers a differential against the condition later in its own item: a bland test, the treatment for
# it stopped or never given, or the provider settling on the other side ("felt to be atelectasis").
_AGAINST_WORDS = frozenset({"bland", "stopped", "discontinued", "dc'd"})
_AGAINST_PHRASES = (("no", "antibiotics"), ("antibiotics", "not"), ("not", "treated"), ("no", "treatment"))
_SETTLED = (("felt", "to", "be"), ("thought", "to", "be"), ("deemed",), ("determined", "to", "be"),
            ("consistent", "with"), ("c/w",))
_DOUBT_CUES = frozenset({"possible", "possibly", "questionable", "question of", "concern for",
                         "concerning for", "suspected", "suspect", "suspicious for", "vs", "versus",
                         "evaluate for", "evaluation for", "workup for", "cannot exclude", "worrisome for",
                         "may have", "might have", "differential", "c/f", "ddx",
                         "eval for", "w/u for"})
# Imaging and tests whose negative reading answers a doubt (cultures are not among them: culture-negative
# sepsis or pneumonia is still sepsis or pneumonia).
_TESTS_AGAINST = frozenset("ct cta mri mra us ultrasound cxr xray echo tte tee duplex doppler scan imaging "
                           "eeg biopsy ekg ecg troponin troponins dimer ua urinalysis angiogram cath "
                           "colonoscopy egd endoscopy".split())
# ("CXR clear": a chest film read as clear answers a doubt of pneumonia as "negative" does)
_NEGATIVE_READING = frozenset({"negative", "neg", "normal", "unremarkable", "clear"})
_PRE_STATES = frozenset({"diabetes", "diabetic", "hypertension", "hypertensive"})
# A list headed by its exclusion: "Ruled out: C. diff, colitis", "Negative for: PE, DVT".
_EXCLUDED_HEADING = re.compile(r"^\W*(?:ruled out|r/o'd|excluded|negative for|neg for|no evidence of|"
                               r"no e/o)\s*:", re.IGNORECASE)
# "ED differential: appendicitis, ovarian torsion, ectopic": every item after the label was weighed, not
# concluded (the label's colon ends the reach of "differential" as a trigger before the items); what the stay
# concluded is named again in the final list or the course.
_DIFFERENTIAL_LABEL = re.compile(r"^\W*(?:(?:ed|er|initial|admission|admitting|working)\s+)?"
                                 r"(?:differential(?:\s+diagnos[ie]s)?|ddx)\s*(?:(?:includes?|included)?\s*:|"
                                 # written on: "ddx also incl PE, ACS - trop neg x2"
                                 r"(?:also\s+)?(?:includes?|included|incl\.?|including)\b)",
                                 re.IGNORECASE)
# A relative's own line of a family history ("Mother: DM2, HTN. Brother: colon ca."): the relative's.
_RELATIVE_LINE = re.compile(r"^\W*(?:(?:maternal|paternal)\s+)?(?:mother|father|mom|dad|brother|sister|"
                            r"sibling|son|daughter|grandmother|grandfather|aunt|uncle|parents?|siblings|"
                            r"brothers|sisters)\s*:", re.IGNORECASE)
_RELATIVES = (r"(?:mother|father|mom|dad|brother|sister|sibling|son|daughter|grandmother|grandfather|aunt|"
              r"uncle|parents?|husband|wife|spouse|partner)")
# A sentence about a relative (it opens with one) whose condition's counseling or care is the relative's own
_RELATIVE_OPENS = re.compile(r"^\W*(?:(?:his|her|the patient's|pt's)\s+)?" + _RELATIVES + r"\b",
                             re.IGNORECASE)
_FOR_RELATIVE = re.compile(r"\b(?:given|provided|offered|recommended)\s+(?:to|for)\s+"
                           r"(?:the\s+|his\s+|her\s+)?"
                           + _RELATIVES + r"\b", re.IGNORECASE)
# A checkbox list's unchecked item: "[ ] Diabetes", "( ) COPD", "\u2610 Stroke".
UNCHECKED = re.compile(r"^\s*(?:[-*]\s*)?(?:\[\s*\]|\(\s*\)|\u2610)")
# "Safety: SI denies.", "HI: denied": a screen's answer right after the condition, ending its clause
_DENIED_AFTER = frozenset({"denies", "denied"})
# "CT chest without mass", "MRI with no abscess": the study names none (next to it, within 3 words).
_NONE_SEEN = frozenset({"without", "no"})
_NOT_SEEN = frozenset({"seen", "noted", "found", "identified", "visualized"})
BEFORE_REACH = 8  # tokens
AFTER_REACH = 4


class Token(NamedTuple):  # a tuple: a 20-page record has some 10,000 of them
    text: str  # lower case
    start: int  # offset in the document
    end: int


@dataclass(slots=True)
class Sentence:
    """One sentence (or list line) of a document: offsets in the document, its section and words."""

    document: int
    start: int
    end: int
    text: str
    section: str  # heading as written, lower case ("" before any heading)
    section_kind: str  # final, assessment, procedure, history, family, ... or "" (narrative)
    tokens: list[Token] = field(default_factory=list)
    clause_breaks: frozenset[int] = frozenset()  # token positions preceded by ; : ( ) or a dash


@dataclass(frozen=True, slots=True)
class Context:
    """How a mention is stated."""

    negated: bool = False
    ruled_out: bool = False
    history: bool = False
    family: bool = False
    uncertain: bool = False
    cue: str = ""  # the trigger words found, for the coder
    exposure: bool = False  # "exposure to COVID-19": a contact (Z20.-), not the disease

    @property
    def asserted(self) -> bool:
        return not (self.negated or self.ruled_out or self.history or self.family or self.uncertain
                    or self.exposure)


_FIRST_SIDE = re.compile(r"\b(right|left|rt|lt|r|l)\b", re.IGNORECASE)


def first_side(text: str) -> str:
    """The side the text names first: "right", "left" or "" (rt/lt and a lone R/L count)."""
    m = _FIRST_SIDE.search(text)
    if m is None:
        return ""
    return "right" if m.group(1).lower() in ("right", "rt", "r") else "left"


@lru_cache(maxsize=4096)
def section_kind(heading: str) -> str:
    # (a parenthetical's words count as words: "Active Problem List (auto-populated)")
    h = heading.lower().strip().replace("(", " ")
    best, kind = 0, ""
    for prefix, k in SECTION_KINDS:
        if (h.startswith(prefix) or f" {prefix}" in f" {h}") and len(prefix) > best:
            best, kind = len(prefix), k
    return kind


def tokens_of(text: str, offset: int = 0) -> list[Token]:
    # (tuple.__new__ makes the same Token without the named tuple's own __new__ frame: half the time)
    return [_new_tuple(Token, (m.group().lower(), offset + m.start(), offset + m.end()))
            for m in _WORD_RE.finditer(text)]


_new_tuple = tuple.__new__


_BREAK_CHARS = frozenset(";:()[]")


def _clause_breaks(text: str, offset: int, tokens: list[Token]) -> frozenset[int]:
    out = set()
    for i in range(1, len(tokens)):
        gap = text[tokens[i - 1].end - offset : tokens[i].start - offset]
        if gap == " ":
            continue
        if not _BREAK_CHARS.isdisjoint(gap) or " - " in gap or "--" in gap:
            out.add(i)
        elif gap.startswith(". ") and _ends_clause(tokens[i - 1].text):
            # a period the sentence cut kept (a lower-case word next: "orthostatic. r/o arrhythmia")
            out.add(i)
    return frozenset(out)


def _ends_clause(word: str) -> bool:
    """A word a period after it ends a clause with (not "vs.", "Dr.", an initial or a list number)."""
    return len(word) > 1 and word not in _NO_END_BEFORE and not word.isdigit()


# The sentences of the documents read last: the scanner and each rule of guided.py / stated.py read the
# same documents in one `suggest` call. Read-only for callers; cleared with the scanner's caches.
_CACHE: dict[tuple[int, str], list[Sentence]] = {}
_CACHE_SIZE = 512


def clear_sentence_cache() -> None:
    """Forget the documents read so far: their sentences and the first looks' answers (FirstLook)."""
    _CACHE.clear()
    for look in _LOOKS:
        look.clear()


def sentences(text: str, document: int = 0) -> list[Sentence]:
    """The sentences of one document (cached: callers must not change the list; see `_sentences`)."""
    key = (document, text)
    hit = _CACHE.get(key)
    if hit is None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        hit = _CACHE[key] = _sentences(text, document)
    return hit


def _sentences(text: str, document: int = 0) -> list[Sentence]:
    """The sentences of one document in order, with offsets into `text`.

    Each line is cut on its own (records are written with one list item per line); a heading at the
    start of a line opens a section that lasts until the next heading or a blank line.
    """
    out: list[Sentence] = []
    section = ""
    pos = 0
    for line in text.splitlines(keepends=True):
        line_start = pos
        pos += len(line)
        body = line.rstrip("\r\n")
        if not body.strip():
            if section.startswith(PAST_ENCOUNTER):
                section = ""  # another stay's list ends with its paragraph
                continue
            section = "" if section and section_kind(section) not in ("final", "procedure", "assessment",
                                                                      "history", "family") else section
            continue
        start = 0
        if _PAST_LEAD.match(body):  # "Records from OSH admission 2025 (reviewed):" leads another stay's list
            section = PAST_ENCOUNTER
            continue
        if _STUDY_TITLE.match(body) and body.upper() == body:
            # "CT ABDOMEN/PELVIS WITH CONTRAST (12/14/2026)" on a line of its own: a report follows
            section = _RADIOLOGY
            continue
        # a lead-in that holds for its own line only: "Outside records reviewed (OSH 2023): MRI ...", "Other
        # problems on the problem list, not addressed this admission: ..."
        kept: str | None = None
        m = _HEADING_RE.match(body)
        na = _NOT_ADDRESSED.match(body)
        if na:
            kept, section, start = section, "not addressed", na.end()
            m = None
        # (a heading's parenthetical is a remark on it, not words of its name: "PMH (copied forward from
        # prior note):" heads a past history as "PMH:" does)
        if m and len(_PAREN_RE.sub(" ", m.group(1)).split()) <= 5:
            heading = m.group(1).strip().lower()
            if section_kind(heading) or body[m.end():].strip() == "":
                if section.startswith(PAST_ENCOUNTER) and _PAST_LIST_HEADING.fullmatch(heading) \
                        or _PAST_STAY.search(heading) and section_kind(heading) == "final":
                    # "Principal: Sepsis" under another stay's lead-in, "Prior admission diagnoses:": that
                    # stay's diagnoses, a history (never this stay's final diagnoses)
                    heading = f"{PAST_ENCOUNTER} {heading}"
                if section == _RADIOLOGY and section_kind(heading) == "assessment":
                    heading = _RADIOLOGY  # the report's "Impression:": the radiologist's, not the provider's
                section = heading
                start = m.end()
            elif _PAST_STAY.search(heading):  # another stay's records on the heading's own line
                kept, section, start = section, PAST_ENCOUNTER, m.end()
        elif na is None and _bare_heading(body):  # "HOSPITAL COURSE", "Assessment and Plan" on their own line
            section = body.strip().lower()
            continue
        lm = _LIST_MARK_RE.match(body, start)
        if lm:
            start = lm.end()
        spans = _cut(body, start)
        if section_kind(section) == "final" and ";" in body[start:]:
            spans = _items(body, spans)
        for a, b in spans:
            chunk = body[a:b]
            lead = len(chunk) - len(chunk.lstrip())
            chunk = chunk.strip()
            if not chunk:
                continue
            s_start = line_start + a + lead
            toks = tokens_of(chunk, s_start)
            if not toks:
                continue
            out.append(Sentence(document, s_start, s_start + len(chunk), chunk, section,
                                section_kind(section), toks, _clause_breaks(chunk, s_start, toks)))
        if kept is not None:
            section = kept
    return out


# "Other problems on the problem list, not addressed this admission: chronic low back pain, ...": a list
# the provider says this stay did not treat (not coded unless the course names it again)
_NOT_ADDRESSED = re.compile(r"^\s*[^:]{3,100}\bnot (?:addressed|treated|managed|evaluated)\b[^:]{0,40}:",
                            re.IGNORECASE)


# Another stay's diagnoses quoted in this record: an outside hospital's or a prior admission's summary
# ("Records from OSH admission 2025 (reviewed):", "Prior encounter summary (copied forward from 06/2026
# admission):") and its "Principal:"/"Secondary:" lines, read as a history, not this stay's diagnoses
# ("Medications prior to admission:", "Earlier this admission:" are this stay's).
PAST_ENCOUNTER = "prior encounter"
_PAST_STAY = re.compile(r"\b(?:prior|previous|outside|osh|last|earlier|past|copied)(?!\s+(?:to|this)\b)\s+"
                        r"(?:(?!this\b)[\w/()-]+\s+){0,3}?(?:admission|encounter|hospitali[sz]ation|stay|"
                        r"visit|summary|records?|discharge)\b", re.IGNORECASE)
_PAST_LEAD = re.compile(r"^\s*(?:[-*]\s*)?(?=[^:]*" + _PAST_STAY.pattern + r")[^:]{3,100}:\s*$",
                        re.IGNORECASE)
_PAST_LIST_HEADING = re.compile(r"(?:principal|secondary|other|discharge|final|admitting)?\s*"
                                r"(?:diagnos[ie]s|dx|problems?)?|principal|secondary", re.IGNORECASE)


_PAREN_RE = re.compile(r"\([^()]*\)")
# A study's title line alone (no colon): "CT ABDOMEN/PELVIS WITH CONTRAST (12/14/2026)", "MRI brain w/o".
_STUDY_TITLE = re.compile(r"^\s*(?:ct|cta|mri|mra|us|ultrasound|x-?ray|xr|cxr|chest x-?ray|nm|pet(?:/ct)?)\b"
                          r"[^:.]{0,70}$", re.IGNORECASE)
_RADIOLOGY = "radiology report"
_BARE_HEADING_RE = re.compile(r"^\s*[A-Za-z][A-Za-z /&-]{2,40}$")


def _bare_heading(body: str) -> bool:
    """A line that is only a section's name, written without a colon: it starts with a known section
    name and has at most five words ("PAST MEDICAL HISTORY", "Assessment and Plan")."""
    if not _BARE_HEADING_RE.match(body) or len(body.split()) > 5:
        return False
    h = body.strip().lower()
    # the name and nothing else ("Family history of colon cancer" is a diagnosis, not a heading)
    return any(h.startswith(prefix) and _HEADING_REST.fullmatch(h[len(prefix):].strip())
               for prefix, _ in SECTION_KINDS) and bool(section_kind(h))


_HEADING_REST = re.compile(r"[a-z]{0,3}|(?:and|&|/) ?(?:plan|recommendations)|list|summary|studies|results|"
                           r"data|tests|section")


def _items(line: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A discharge diagnoses list written on one line ("Septic shock; AKI, resolved; hypokalemia"): each
    item is a diagnosis of its own, read as its own sentence (a symptom-like item such as "malignant
    ascites" or "cachexia" is not a sign of the other items, I.B.5; a number or a negation of one item
    does not reach the next)."""
    out = []
    for a, b in spans:
        at = a
        for m in re.finditer(r";", line[a:b]):
            out.append((at, a + m.start()))
            at = a + m.end()
        out.append((at, b))
    return out


def _cut(line: str, start: int) -> list[tuple[int, int]]:
    spans = []
    a = start
    for m in _END_RE.finditer(line, start):
        before = line[a : m.start()].rsplit(None, 1)
        if not any(ch.isalnum() for ch in line[a: m.start()]):
            continue  # "? CHF - BNP 80": a question mark opening the item is the item's doubt, not its end
        word = before[-1].lower().rstrip(".") if before else ""
        if word in _NO_END_BEFORE or (word.isdigit() and len(word) <= 2 and len(before) == 1):
            continue
        if re.fullmatch(r"[a-z]", word):  # an initial
            continue
        spans.append((a, m.end()))
        a = m.end()
    spans.append((a, len(line)))
    return spans


def _match_at(words: list[str], i: int, trigger: tuple[str, ...]) -> bool:
    return tuple(words[i : i + len(trigger)]) == trigger


def _listed_after(sentence: Sentence, last: int) -> bool:
    """The mention is one item of a list that goes on after it ("sepsis and pneumonia", "PE, DVT and
    pneumonia"); "chest pain, ACS excluded" is no list (the comma alone does not join them)."""
    toks = sentence.tokens
    if last + 1 >= len(toks):
        return False
    gap = sentence.text[toks[last].end - sentence.start: toks[last + 1].start - sentence.start]
    joined = any(t.text in ("and", "or", "nor") for t in toks[last + 1: last + 1 + AFTER_REACH])
    return ("," in gap or "/" in gap) and joined or toks[last + 1].text in ("and", "or", "nor") or \
        toks[last + 1].text in ("excluded", "ruled")


def _test_negative(sentence: Sentence, words: list[str], last: int) -> str:
    """"Influenza and COVID PCR negative", "Influenza A/B neg": the cue when a test of the mention (_TESTS),
    or the mention itself in a list of tested names, reads negative."""
    for i in range(last + 1, min(len(words), last + 1 + AFTER_REACH)):
        if i in sentence.clause_breaks or words[i] in TERMINATORS or words[i] in _LIST_BREAKERS \
                or words[i] in _SPECIMENS:
            return ""
        gap = sentence.text[sentence.tokens[i - 1].end - sentence.start: sentence.tokens[i].start
                            - sentence.start]
        if "," in gap or "." in gap:
            return ""
        if words[i] in _TESTS and i + 1 < len(words) and (
                words[i + 1] in _TEST_NEGATIVE or _match_at(words, i + 1, ("not", "detected"))):
            return f"{words[i]} {words[i + 1]}"
        if words[i] in _TESTS:  # "antibody checked per protocol, negative": the test's own result
            j = i + 1
            while j < len(words) and j - i <= 5 and words[j] in _TEST_FILLER:
                j += 1
            if j > i + 1 and j < len(words) and words[j] in _TEST_NEGATIVE:
                return f"{words[i]} ... {words[j]}"
        # the result right after a list of tested names ("COVID and flu negative", "Influenza A/B neg"); a
        # problem item's dash ends the condition's name: "# Diarrhea - C diff neg" tested the diarrhea's cause
        if i > last + 1 and words[i] in _TEST_NEGATIVE and not _dash_after(sentence, last) and all(
                w in ("and", "or") or len(w) <= 3 or "/" in w or w in _TESTED_NAMES
                for w in words[last + 1: i]):
            return words[i]
    return ""


def _dash_after(sentence: Sentence, last: int) -> bool:
    """A dash (" - ", "--") right after the mention's last word: the rest of the item speaks of it."""
    toks = sentence.tokens
    if last + 1 >= len(toks):
        return False
    gap = sentence.text[toks[last].end - sentence.start: toks[last + 1].start - sentence.start]
    return " - " in gap or "--" in gap or "\u2013" in gap


# A problem item's comment (after its dash; "Hepatitis C -": the mention may end before a letter) that says
# the infection was cured: "- cured 2019", "- SVR after sofosbuvir",
# "- RNA undetectable after treatment 2021", "- eradicated" (I.C.21.c.4: a personal history).
_CURED = re.compile(r"\s*(?:\w{1,3}\s+)?(?:-|--|\u2013)\s*(?:[\w/ ]{0,20}?\b)?"
                    r"(?:cured|svr|sustained virologic\w* response|eradicat\w*|"
                    r"(?:viral load|rna|pcr)? ?undetectable (?:after|since|following|post)\b)",
                    re.IGNORECASE)


# A template's or checklist's line for a condition marked as not applying to the patient: "AMI: N/A.",
# "Sepsis (SEP-1): not applicable", "Stroke - N/A" (core-measure and order-set lists name each measure).
_NOT_APPLICABLE = re.compile(r"\s*(?:\([^()]{0,20}\))?\s*(?::|-|--|\u2013)\s*(?:n/a|not applicable)\b",
                             re.IGNORECASE)


def _tested_name_negative(sentence: Sentence, words: list[str], first: int, last: int) -> bool:
    """A problem item named by what a test looks for, whose comment opens with that test read negative:
    "# COVID - PCR negative this admission" (the illness of an earlier month tested away now). A condition
    whose cause was tested ("# Diarrhea - C diff neg") is not such a name."""
    if not _dash_after(sentence, last) or not any(w in _TESTED_NAMES for w in words[first: last + 1]):
        return False
    j = last + 1
    while j < len(words) and j - last <= 3 and words[j] in _TESTS:
        j += 1
    return j < len(words) and words[j] in _TEST_NEGATIVE


def _item_ends_ruled_out(sentence: Sentence, words: list[str], last: int) -> bool:
    """A problem item named before its dash whose comment ends in a clause of its own that only says "ruled
    out" or "excluded": "# Possible hypothyroidism contributing - TSH normal, ruled out." The bare clause
    has no other subject than the item's condition ("pneumonia ruled out" at the end names its own)."""
    toks = sentence.tokens
    dash = next((i for i in range(last + 1, len(toks)) if _dash_after(sentence, i - 1)), None)
    if dash is None:
        return False
    tail = 2 if words[-2:] == ["ruled", "out"] else 1 if words[-1:] == ["excluded"] else 0
    k = len(words) - tail
    if not tail or k <= dash:
        return False
    gap = sentence.text[toks[k - 1].end - sentence.start: toks[k].start - sentence.start]
    return "," in gap or ";" in gap


def _answered_against(words: list[str], first: int, last: int) -> bool:
    """The words after a differential's condition answer it against the condition (see `context`)."""
    own = set(words[first: last + 1])
    for i in range(last + 1, len(words)):
        if words[i] in _AGAINST_WORDS or any(_match_at(words, i, p) for p in _AGAINST_PHRASES):
            return True
        for t in _SETTLED:
            # settled on something else: "felt to be atelectasis" answers "pneumonia vs atelectasis"
            if _match_at(words, i, t) and i + len(t) < len(words) and words[i + len(t)] not in own:
                return True
    return False


def _test_against(words: list[str], last: int) -> bool:
    """After the mention, an imaging study or test read negative ("MRI negative", "US with normal liver") or
    "no ... seen" ("no stones seen on CT")."""
    for i in range(last + 1, len(words)):
        near = words[max(last + 1, i - 3): i + 4]
        if words[i] in _TESTS_AGAINST and (not _NEGATIVE_READING.isdisjoint(near)
                                           or not _NONE_SEEN.isdisjoint(words[i + 1: i + 4])):
            return True
        if words[i] == "no" and not _NOT_SEEN.isdisjoint(words[i + 1: i + 4]):
            return True
    return False


def _by_first(triggers: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The triggers by their first word, each word's in their order (`context` tries only those)."""
    out: dict[str, list[tuple[str, ...]]] = {}
    for t in triggers:
        out.setdefault(t[0], []).append(t)
    return {w: tuple(ts) for w, ts in out.items()}


_BEFORE_BY_FIRST = tuple((name, _by_first(triggers)) for name, triggers in (
    ("family", FAMILY_BEFORE), ("history", HISTORY_BEFORE), ("uncertain", UNCERTAIN_BEFORE),
    ("negated", NEGATION_BEFORE), ("exposure", EXPOSURE_BEFORE)))
_NEGATION_AFTER_BY_FIRST = _by_first(NEGATION_AFTER)
_UNCERTAIN_AFTER_BY_FIRST = _by_first(UNCERTAIN_AFTER)
_HISTORY_AFTER_BY_FIRST = _by_first(HISTORY_AFTER)


def context(sentence: Sentence, first: int, last: int) -> Context:
    """The context of the mention made of tokens `first`..`last` (inclusive) of `sentence`."""
    words = [t.text for t in sentence.tokens]
    kind = sentence.section_kind
    found: dict[str, str] = {}

    # Before the mention: walk back to a clause break or terminator, at most BEFORE_REACH tokens.
    lo = first
    while lo > 0 and first - lo < BEFORE_REACH and lo not in sentence.clause_breaks \
            and words[lo - 1] not in TERMINATORS:
        lo -= 1
    # A comma followed by a history cue opens a new item of a history list: the negation of the item before
    # does not reach it ("h/o TIA without residual deficits, s/p L THA 2017": the hip is replaced).
    for i in range(first, lo, -1):
        if "," in sentence.text[sentence.tokens[i - 1].end - sentence.start: sentence.tokens[i].start
                                - sentence.start] and any(_match_at(words, i, h) for h in _ITEM_HISTORY):
            lo = i
            break
    for i in range(lo, first):
        for name, by_first in _BEFORE_BY_FIRST:
            for trig in by_first.get(words[i], ()):
                if i + len(trig) <= first and _match_at(words, i, trig):
                    found.setdefault(name, " ".join(trig))
                    if name == "negated" and trig in RULED_OUT:
                        found.setdefault("ruled_out", " ".join(trig))
    if first > 0 and words[first - 1] == "code" and first - 1 not in sentence.clause_breaks:
        found.setdefault("negated", "code ... called")  # "Code stroke was called in the ED": an alert
    if first > 0 and words[first - 1] == "non" and sentence.text[sentence.tokens[first - 1].end
                                                               - sentence.start:][:1] == "-":
        found.setdefault("negated", "non-")  # "non-perforated appendix"
    if first > 0 and words[first - 1] == "pre" and words[first] in _PRE_STATES and sentence.text[
            sentence.tokens[first - 1].end - sentence.start:][:1] == "-":
        found.setdefault("negated", "pre-")  # "pre-diabetes" is R73.03, not diabetes (Index "Prediabetes")
    if _EXCLUDED_HEADING.match(sentence.text) and sentence.tokens[first].start - sentence.start \
            > sentence.text.find(":"):
        found.setdefault("negated", "ruled out:")  # "Ruled out: C. diff, colitis." (II.H: not coded)
        found.setdefault("ruled_out", "ruled out:")
    label = _DIFFERENTIAL_LABEL.match(sentence.text)
    if label and sentence.tokens[first].start - sentence.start >= label.end():
        # weighed, not concluded: no code and no query from it (the conclusion is named where it counts)
        found.setdefault("negated", "weighed in a differential")
        found.setdefault("ruled_out", "weighed in a differential")
    if "family" not in found and _RELATIVE_OPENS.match(sentence.text) and _FOR_RELATIVE.search(
            sentence.text, sentence.tokens[last].end - sentence.start):
        # "Father smokes outside the home; smoking cessation resources given to father": the relative's
        found["family"] = "for the relative"
    if UNCHECKED.match(sentence.text):
        found.setdefault("negated", "unchecked box")  # "[ ] Diabetes" of a checkbox list: not the patient's
    if _RELATIVE_LINE.match(sentence.text) and sentence.tokens[first].start - sentence.start \
            > sentence.text.find(":"):
        found.setdefault("family", sentence.text[:sentence.text.find(":")].strip(" #-*").lower())
    # After the mention, up to AFTER_REACH tokens within the clause.
    hi = last + 1
    while hi < len(words) and hi - last <= AFTER_REACH and hi not in sentence.clause_breaks \
            and words[hi] not in TERMINATORS:
        hi += 1
    for i in range(last + 1, hi):
        for after in _NEGATION_AFTER_BY_FIRST.get(words[i], ()):
            if _match_at(words, i, after):
                found.setdefault("negated", " ".join(after))
                # ("pneumonia not present": the outside hospital's pneumonia excluded here)
                if after[-2:] in RULED_OUT or after[-1:] == ("excluded",) or after == ("not", "present"):
                    found.setdefault("ruled_out", " ".join(after))
        for cue in _HISTORY_AFTER_BY_FIRST.get(words[i], ()):
            if _match_at(words, i, cue):
                found.setdefault("history", " ".join(cue))
        for cue in _UNCERTAIN_AFTER_BY_FIRST.get(words[i], ()):
            if _match_at(words, i, cue) and cue != ("to", "be", "ruled", "out"):
                found.setdefault("uncertain", " ".join(cue))
            elif _match_at(words, i, cue):
                found.setdefault("uncertain", "to be ruled out")
    if last + 1 < len(words) and last + 1 not in sentence.clause_breaks and any(
            _match_at(words, last + 1, nxt) for nxt in NEGATION_NEXT):
        found.setdefault("negated", words[last + 1])
    if "negated" not in found and last + 1 < len(words) and words[last + 1] in _DENIED_AFTER and (
            last + 2 == len(words) or last + 2 in sentence.clause_breaks):
        found["negated"] = words[last + 1]
    if "negated" not in found and last + 1 < len(words) and words[last + 1] in ("and", "or"):
        # "Influenza and pneumococcal vaccines given": the vaccines of a list, one word for the next disease
        for j in range(last + 2, min(len(words), last + 5)):
            if j in sentence.clause_breaks:
                break
            if words[j] in _VACCINE_WORDS:
                found["negated"] = words[j]
                break
    # "# UTI - ruled out, UA negative", "PE -- excluded by CTA": the dash after a problem item's name opens
    # the provider's word on it; an item that opens by excluding it is ruled out (II.H: not coded).
    if "negated" not in found and _dash_after(sentence, last) and any(
            _match_at(words, last + 1, t) for t in _DASH_EXCLUDES):
        found["negated"] = found["ruled_out"] = "- " + words[last + 1]
    if "negated" not in found and _NOT_APPLICABLE.match(sentence.text, sentence.tokens[last].end
                                                          - sentence.start):
        found["negated"] = "n/a"  # a checklist's "AMI: N/A", "Sepsis (SEP-1): not applicable"
    if "negated" not in found and "history" not in found and _CURED.match(
            sentence.text, sentence.tokens[last].end - sentence.start):
        found["history"] = "cured"  # "# Hepatitis C - RNA undetectable after treatment 2021": a history
    if "negated" not in found and _tested_name_negative(sentence, words, first, last):
        found["negated"] = "test negative"
    if "negated" not in found and _item_ends_ruled_out(sentence, words, last):
        found["negated"] = found["ruled_out"] = "item ruled out"
    if "negated" not in found:
        tested = _test_negative(sentence, words, last)
        if tested:
            found["negated"] = tested
    if "negated" not in found and _listed_after(sentence, last):  # "sepsis and pneumonia excluded"
        for i in range(last + 1, min(len(words), last + 1 + AFTER_REACH + 1)):
            if i in sentence.clause_breaks or words[i] in _LIST_BREAKERS or words[i] in TERMINATORS or (
                    words[i].endswith("ed") and words[i] != "excluded"):
                break
            if any(_match_at(words, i, e) for e in _EXCLUDED_WORDS):
                found["negated"] = found["ruled_out"] = " ".join(words[i:i + 2]) if words[i] == "ruled" \
                    else words[i]
                break
    if "negated" not in found:
        j = last + 1
        while j < len(words) and j - last <= _WEIGHED_REACH and j not in sentence.clause_breaks \
                and words[j] in _WEIGHED_THEN:
            j += 1
        if j > last + 1 and j not in sentence.clause_breaks and (
                _match_at(words, j, ("ruled", "out")) or _match_at(words, j, ("excluded",))):
            found["negated"] = found["ruled_out"] = " ".join(words[last + 1: j + 2]).strip()
    # "Rule out PE, CTA negative": the work-up the rule-out asked for came back negative.
    if found.get("uncertain") in _RULE_OUT_CUES and "negated" not in found \
            and not _RESULT_NEGATIVE.isdisjoint(words[last + 1:]):
        found["negated"] = found["ruled_out"] = "rule out ... negative"
        del found["uncertain"]
    # II.H / III.C: a differential the stay answered against the condition is not coded: "pneumonia vs
    # atelectasis; antibiotics stopped", "? UTI vs contamination - UA bland; no antibiotics". Only a
    # differential ("vs", "question of"): "likely viral pneumonia, antibiotics stopped" stays pneumonia.
    if found.get("uncertain") in _DIFFERENTIAL_CUES and "negated" not in found \
            and _answered_against(words, first, last):
        found["negated"] = found["ruled_out"] = "differential answered against it"
        del found["uncertain"]
    # ... and a doubt the stay's imaging or test answered: "Possible osteomyelitis - MRI negative", "Question
    # of nephrolithiasis, no stones seen on CT" ("probable", "likely" are the provider's conclusion: kept).
    if found.get("uncertain") in _DOUBT_CUES and "negated" not in found and _test_against(words, last):
        found["negated"] = found["ruled_out"] = "test negative"
        del found["uncertain"]
    if "ruled_out" in found and found.get("uncertain") == "to be ruled out":
        del found["ruled_out"]
        del found["negated"]
    if kind == "family":
        found.setdefault("family", "family history section")
    elif kind == "history" and "history" not in found:
        found.setdefault("history", "past history section")
    if found.get("negated") in ("was considered", "were considered", "was entertained", "were entertained"):
        found.setdefault("ruled_out", found["negated"])  # weighed, not concluded: no code from it elsewhere
    return Context(
        exposure="exposure" in found,
        negated="negated" in found,
        ruled_out="ruled_out" in found,
        history="history" in found,
        family="family" in found,
        uncertain="uncertain" in found,
        cue="; ".join(dict.fromkeys(found.values())),
    )


# every first look: clear_sentence_cache forgets their answers
_LOOKS: list[_PerText[Any]] = []


class _PerText(Generic[T]):
    """Answers kept per text, up to KEPT_CHARS characters of texts (past the bound all are forgotten), and
    forgotten with the documents read (clear_sentence_cache)."""

    # (a 20-page record's documents and sentences hold some 120,000 characters)
    KEPT_CHARS = 1 << 19

    def __init__(self) -> None:
        self._seen: dict[str, T] = {}
        self._chars = 0
        _LOOKS.append(self)

    def _kept(self, text: str, make: Callable[[str], T]) -> T:
        hit = self._seen.get(text)
        if hit is None:
            hit = make(text)
            if self._chars + len(text) > self.KEPT_CHARS:
                self.clear()
            self._seen[text] = hit
            self._chars += len(text)
        return hit

    def clear(self) -> None:
        self._seen = {}
        self._chars = 0


class FirstLook(_PerText[bool]):
    """Whether a text may hold a case-insensitive alternation of patterns, tested as its lower-cased twin
    on the lower-cased text: Python's re runs a case-folding alternation over a 20-page record 3-4 times
    slower (18 ms against 5 ms for stated.py's rules). Patterns with escapes lower-casing would change
    (\\S, \\D, \\W, \\B) or named groups keep the original. Each `suggest` asks them of every document
    (stated.py: some 30 ms for a 20-page record), and a rescan asks them again: the answers are kept."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        super().__init__()
        src = pattern.pattern
        self._lower = not any(e in src for e in ("\\S", "\\D", "\\W", "\\B", "(?P<", "\\N", "\\x", "\\u"))
        # (a lookahead of the characters a match starts with: re then skips to them, regex_start.py)
        self._re = with_start_scan(re.compile(src.lower())) if self._lower else pattern

    def search(self, text: str) -> bool:
        return self._kept(text, self._search)

    def _search(self, text: str) -> bool:
        return self._re.search(text.lower() if self._lower else text) is not None


class KeysLook(_PerText[tuple[str, ...]]):
    """Which of `keys` (lower-case substrings) a text holds, kept per text: a rule set's substring tests
    over every document of a record (phrasings.py: ~150 keys, some 6 ms for a 20-page record) run once,
    not again on each rescan of the same documents."""

    def __init__(self, keys: tuple[str, ...]) -> None:
        super().__init__()
        self._keys = keys

    def found(self, text: str) -> tuple[str, ...]:
        """The keys the lower-cased `text` holds, in the keys' order."""
        return self._kept(text, self._found)

    def _found(self, text: str) -> tuple[str, ...]:
        low = text.lower()
        return tuple(k for k in self._keys if k in low)


class MatchesLook(_PerText[list["re.Match[str] | None | bool"]]):
    """Each pattern's first match in a text (None where none), searched when first asked and kept per text:
    a rule set read sentence by sentence (stated.py's rules) is matched once per sentence text, not again on
    each rescan of the same documents. Read-only matches for callers."""

    # Fewer characters than FirstLook keeps: a text's answers are a slot per pattern (~0.5 KB for stated.py's
    # rules), and only the sentences a rule set's first look lets through are asked (a 20-page record's hold
    # some 3,000 characters; every tuning record's together some 64,000).
    KEPT_CHARS = 1 << 17

    def __init__(self, patterns: Sequence[re.Pattern[str]]) -> None:
        super().__init__()
        self._patterns = tuple(patterns)

    def match(self, text: str, i: int) -> re.Match[str] | None:
        """`patterns[i].search(text)`."""
        got = self._kept(text, self._unsearched)
        m = got[i]
        if m is False:
            m = got[i] = self._patterns[i].search(text)
        assert not isinstance(m, bool)
        return m

    def _unsearched(self, text: str) -> list[re.Match[str] | None | bool]:
        return [False] * len(self._patterns)  # False: not searched yet
