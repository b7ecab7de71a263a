"""Record-driven suggestions: codes the documentation states that the encounter does not carry yet,
each with the sentence that supports it, whether it is a CC or MCC and the DRG if it were added.

    suggest(enc, release=release, index=SearchIndex.for_release(release), drg_service=DrgService())

Rules (DOMAIN.md, "Queries"; Official Guidelines FY2026):
- never a suggestion without supporting text: every suggestion carries its evidence sentence;
- negated, ruled-out, history-of and family-history statements suggest nothing; a condition ruled out
  anywhere in the record is not suggested from a suspicion of it stated elsewhere;
- an uncertain diagnosis ("probable", "likely", "suspected") documented at discharge of an inpatient
  stay is coded as if established (Section II.H / III.C); stated elsewhere it becomes a draft query;
- ordered by where the evidence is in the record, never by payment; the DRG effect is information; on a
  chart with no diagnosis coded yet the codes that may be its principal come first (principal_first.py);
- codes already coded and codes the coder dismissed for this encounter are left out.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass
from typing import Any

from codesets.codes import normalize, with_dot
from codesets.search.text import QUERY_STOPWORDS, raw_words, stem
from workbench.model.encounter import Diagnosis, Encounter, Procedure, Query
from workbench.record.histories import history_code, relatives_or_contact_code
from workbench.record.scanner import Mention, Scanner
from workbench.record.treated_history import hpi_treated, treated_now

KINDS = ("code", "query")
# Documents written at discharge (Section II.H speaks of the diagnosis "at the time of discharge").
DISCHARGE_DOCUMENTS = ("discharge", "death summary")
OUTPATIENT_TYPES = ("outpatient", "observation", "clinic", "emergency only")


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where the record states it: the document, the sentence and the phrase, offsets into the document."""

    document: int
    document_type: str
    text: str  # the sentence
    start: int
    end: int
    phrase: str
    phrase_start: int
    phrase_end: int
    cue: str = ""  # e.g. "probable": how the sentence words it
    section: str = ""  # the kind of section the sentence sits in (final, assessment, course, ...)


@dataclass(frozen=True, slots=True)
class DrgEffect:
    """The grouping if the code were added (information, never a reason)."""

    drg: str | None
    title: str
    weight: float | None
    current_drg: str | None
    current_weight: float | None
    counts_as: str = ""  # how the grouper treats the added code: counted, excluded (CC exclusion), ...

    @property
    def changes(self) -> bool:
        return self.drg != self.current_drg


@dataclass(frozen=True, slots=True)
class Suggestion:
    code: str
    title: str
    system: str  # CM or PCS
    kind: str  # "code": the record states it; "query": suggestive, ask the physician
    cc_level: str | None
    evidence: Evidence
    confidence: float
    drg_if_added: DrgEffect | None = None
    query: Query | None = None
    mentions: int = 1  # sentences that state it
    matched: str = ""
    date: str = ""  # procedures: the date of the note that states it (ISO), when the note has one
    date_guess: bool = False
    """Procedures: `date` is the note's date kept because the sentence says no day (or an ambiguous one,
    "last night"): the coder is shown it is a guess."""

    @property
    def display(self) -> str:
        return with_dot(self.code, self.system)

    def to_json(self) -> dict[str, Any]:
        """The `workbench suggest --json` shape."""
        d: dict[str, Any] = {
            "code": self.display, "title": self.title, "kind": self.kind, "system": self.system,
            "evidence": {"document": self.evidence.document, "document_type": self.evidence.document_type,
                         "text": self.evidence.text, "start": self.evidence.start, "end": self.evidence.end,
                         "phrase": self.evidence.phrase},
            "cc_level": self.cc_level,
            "drg_if_added": None,
        }
        if self.system == "PCS":
            d["date"] = self.date or None
            d["date_guess"] = self.date_guess  # no day in the record: the note's date, to check
        if self.drg_if_added is not None:
            e = self.drg_if_added
            d["drg_if_added"] = {"drg": e.drg, "title": e.title, "weight": e.weight, "counts_as": e.counts_as}
        if self.query is not None:
            d["query"] = {"question": self.query.question, "options": list(self.query.options)}
        return d


def is_inpatient(enc: Encounter) -> bool:
    t = (enc.admission_type or "").lower()
    return not any(o in t for o in OUTPATIENT_TYPES)


# II.H is the doubt "at the time of discharge": the emergency department's impression ("ED Course: Probable
# GERD, GI cocktail given") is the doubt on arrival, coded only when the discharge diagnoses carry it.
_ED_SECTION = re.compile(r"^(?:ed|er|emergency(?: department| room)?)\b")


def at_discharge(m: Mention, doc_type: str) -> bool:
    if m.sentence.section_kind == "final":
        return True
    if _ED_SECTION.match(m.sentence.section):
        return False
    return any(d in doc_type.lower() for d in DISCHARGE_DOCUMENTS) and m.sentence.section_kind not in (
        "hpi", "complaint", "preop")


def classify(m: Mention, doc_type: str, inpatient: bool) -> str | None:
    """"code", "query" or None (the statement supports no code)."""
    c = m.context
    if c.negated or c.ruled_out or c.family or c.history or c.exposure:
        return None
    if c.uncertain:
        # Official Guidelines Section II.H: uncertain diagnosis at discharge of an inpatient stay.
        return "code" if inpatient and at_discharge(m, doc_type) else "query"
    if m.sentence.section_kind == "preop":  # the post-operative diagnosis is the one coded
        return None
    return "code"


def suggest(enc: Encounter, *, release: Any = None, index: Any, drg_service: Any = None,
            include_dismissed: bool = False) -> list[Suggestion]:
    """Suggestions for the encounter, in record order (see the module docstring).

    `release` is accepted for callers that hold one (the index already belongs to it); without a
    `drg_service` the DRG effect is left out.
    """
    scanner = Scanner.for_index(index)
    mentions = scanner.scan(enc.documents, populations(enc))
    found: list[Any] = []

    def release_of() -> Any:  # resolved once a call: resolve() reads the installed releases each time
        if not found:
            found.append(_release_of(release, enc))
        return found[0]

    from workbench.record.course_procedures import course_mentions
    from workbench.record.guided import told_of_another_time

    mentions += course_mentions(scanner, enc)  # "underwent EGD on 9/2 with clipping ...": done this stay
    meds: list[str] = []  # the record's medication lists, read when a past-history item first needs them
    mentions += hpi_treated(scanner, enc, meds)  # "68 yo M with permanent AF on warfarin": treated now
    inpatient = is_inpatient(enc)
    coded = {d.code for d in enc.diagnoses} | {p.code for p in enc.procedures}
    dismissed = set() if include_dismissed else {normalize(c) for c in enc.dismissed}
    by_code: dict[str, Suggestion] = {}
    principal = enc.diagnoses[0].code if enc.diagnoses else ""
    coded_phrases: list[frozenset[str]] = []  # what the codes already coded were found from
    negated_in = _negated_in_own_item(mentions)
    for m in mentions:
        if m.code in coded:
            coded_phrases.append(_words(m.phrase))
        if not m.context.negated and (m.code, m.document, m.sentence.start) in negated_in:
            continue  # "# CHF - EF 55% on echo, no evidence of heart failure": the item excludes it
        if m.code in coded or m.code in dismissed or _UNSPECIFIED_SITE in m.title.lower():
            continue
        doc_type = enc.documents[m.document].type if m.document < len(enc.documents) else ""
        kind = classify(m, doc_type, inpatient)
        if kind is None and m.context.history and treated_now(enc, m, meds):
            kind = "code"  # "PMH: hypothyroidism" with levothyroxine on the discharge list: treated now
        if kind is None:
            h = history_code(index, m, principal) if m.context.history else \
                relatives_or_contact_code(index, m, principal, release_of())
            if h is not None and h.code not in coded:
                by_code.setdefault(h.code, _suggestion(dataclasses.replace(
                    m, code=h.code, title=h.title, cc_level=h.cc_level), "code", doc_type))
            continue
        have = by_code.get(m.code)
        if have is not None:
            # A stated sentence beats a suggestive one; the discharge diagnoses list (what the provider
            # concluded, Section II.H "at the time of discharge") beats a narrative sentence.
            final = m.sentence.section_kind == "final" and kind == "code" and not _in_final(have)
            # a sentence of this stay beats one that tells of another time ("COPD exacerbation in May ...
            # Current COPD exacerbation treated with nebs"): guided.py drops the latter's reading
            now = kind == "code" and told_of_another_time(have.evidence.text, enc) \
                and not told_of_another_time(m.sentence.text, enc)
            if have.kind == "query" and kind == "code" or final or now:
                better = _suggestion(m, kind, doc_type)
                by_code[m.code] = dataclasses.replace(better, mentions=have.mentions + 1)
            else:
                by_code[m.code] = dataclasses.replace(have, mentions=have.mentions + 1)
            continue
        by_code[m.code] = _suggestion(m, kind, doc_type)
    # A condition the record rules out ("sepsis was ruled out") is not coded from a suspicion of it stated
    # elsewhere ("concern for sepsis on admission"); only the discharge diagnoses asserting it outweigh that.
    ruled_out = {m.code for m in mentions if m.context.ruled_out}
    out = [s for s in by_code.values() if s.code not in ruled_out or (_in_final(s) and not s.evidence.cue)]
    out = _most_specific(out, coded, coded_phrases)
    out = _external_causes_with_injury(out, coded)
    out = _parenthetical_synonyms(out)
    out.sort(key=lambda s: (s.evidence.document, s.evidence.phrase_start))
    from workbench.record import guided

    out = guided.apply(out, enc, release_of(), coded, dismissed, index)
    # the rules' own readings too: "EtOH withdrawal" (F10.239) beside the coded F10.230, a default of the
    # coded code's own subcategory, says less than it (a refinement of a coded default, I63.512 beside I63.9,
    # stays)
    coded_subs = {c[:5] for c in coded if len(c) > 5}
    out = [s for s in out if not (s.system == "CM" and len(s.code) > 5 and _is_default(s.title)
                                  and s.code[:5] in coded_subs)]
    out = _written_dates(out, enc)
    out = _not_this_patients(out, enc, coded)
    if not enc.diagnoses:
        # no principal yet: the codes that may be principal lead (principal_first.py)
        from workbench.record.principal_first import mce_status, principal_acceptable, principal_first

        out = principal_first(out, principal_acceptable(mce_status(drg_service, enc)))
    if drg_service is not None and enc.diagnoses and out:
        try:
            current = drg_service.group(enc)
        except (ValueError, RuntimeError):  # DrgInputError is a ValueError: no age, date outside releases
            current = None
        if current is not None:
            out = [dataclasses.replace(s, drg_if_added=drg_effect(drg_service, enc, s, current)) for s in out]
    return out


def _written_dates(sugs: list[Suggestion], enc: Encounter) -> list[Suggestion]:
    """Procedures dated with their note's date take the date written with them in their sentence or
    procedure line ("Endotracheal intubation (2026-04-09)" in a summary of 04-12) or said in words ("POD
    2", "on hospital day 3"); a date outside the stay leaves them undated rather than dated silently; the
    note's date kept when the sentence says no day is marked a guess (procedure_dates.sentence_date_guess).
    A date read otherwise (a ventilation's start from its intubation time) stays."""
    from workbench.model.procedure_dates import sentence_date_guess
    from workbench.record.procedure_axes import doc_date

    out = []
    for s in sugs:
        if s.system == "PCS" and (not s.date or s.date == doc_date(enc, s)):
            day, guess = sentence_date_guess(enc, s.evidence.text, s.date or doc_date(enc, s),
                                             s.evidence.document_type)
            if day != s.date or guess != s.date_guess:
                s = dataclasses.replace(s, date=day, date_guess=guess and bool(day))
        out.append(s)
    return out


# An acute episode negated beside a chronic condition ("CHF, no evidence of acute heart failure") and a
# condition treated this stay and gone at its end ("CAP, treated; repeat CXR without pneumonia") keep the
# code.
_EPISODE = re.compile(r"\b(acute|exacerbation|decompensat\w*|flare|worsen\w*|active|recurren\w*|new)\b", re.I)
_TREATED = re.compile(r"\b(treat\w*|resolv\w*|improv\w*|repeat|complet\w*|after|clear\w*|s/p|status post|"
                      r"(?:at|on|by) discharge)\b", re.I)


def _negated_in_own_item(mentions: list[Mention]) -> set[tuple[str, int, int]]:
    """(code, document, sentence start) of the sentences that name a condition and negate that same code:
    "# CHF - EF 55% on echo, normal diastolic function, no evidence of heart failure". The provider
    names the question and excludes it in one problem item: a condition ruled out is not coded
    (Section II.H / III.C), so the item states nothing for that code."""
    return {(m.code, m.document, m.sentence.start) for m in mentions
            if m.context.negated and not m.context.family and not _EPISODE.search(m.phrase)
            and not _TREATED.search(m.sentence.text)}


def _in_final(s: Suggestion) -> bool:
    return s.evidence.section == "final"


def _release_of(release: Any, enc: Encounter) -> Any:
    """The release to read titles and notes from: the caller's, else the one for the discharge date."""
    if release is not None:
        return getattr(release, "data", release)
    from codesets.release.core import resolve

    return resolve(date=enc.discharge_date).data


def stated_suggestion(release: Any, code: str, doc: Any, d: int, s: Any, m: re.Match[str], *,
                      system: str = "CM", kind: str = "code", date: str = "") -> Suggestion | None:
    """A suggestion for `code` that the words `m` of sentence `s` (of `doc`, document `d`) state, as the
    rules reading the record's own words make it; None when the release lacks the code, or a diagnosis
    code is not billable."""
    item = release.pcs(code) if system == "PCS" else release.cm(code)
    if item is None or system == "CM" and not item.billable:
        return None
    ev = Evidence(d, doc.type, s.text, s.start, s.end, m.group(0), s.start + m.start(), s.start + m.end(),
                  "", s.section_kind)
    return Suggestion(code=code, title=item.title, system=system, kind=kind,
                      cc_level=release.cc_level(code) if system == "CM" else None, evidence=ev,
                      confidence=1.0, matched=m.group(0), date=date)


def _suggestion(m: Mention, kind: str, doc_type: str) -> Suggestion:
    s = m.sentence
    ev = Evidence(m.document, doc_type, s.text, s.start, s.end, m.phrase, m.start, m.end, m.context.cue,
                  s.section_kind)
    sug = Suggestion(code=m.code, title=m.title, system=m.system, kind=kind, cc_level=m.cc_level,
                     evidence=ev, confidence=m.score, matched=m.matched)
    if kind == "query":
        sug = dataclasses.replace(sug, query=draft_query(sug))
    return sug


def _category(code: str) -> str:
    return code[:3]


_DEFAULT_WORDS = ("unspecified", "without", "uncomplicated", "nos")


def _is_default(title: str) -> bool:
    t = title.lower()
    return any(w in t for w in _DEFAULT_WORDS)


def _words(phrase: str) -> frozenset[str]:
    return frozenset(stem(w) for w in raw_words(phrase) if w not in QUERY_STOPWORDS)


_phrase_words = _words  # _most_specific reads it through a cache of its own


def _most_specific(sugs: list[Suggestion], coded: set[str],
                   coded_phrases: list[frozenset[str]]) -> list[Suggestion]:
    """Leave out a code that says less than another the coder has or is offered for the same thing:
    - a default code ("unspecified", "without ...") of a category already coded;
    - a code found from fewer words of what another suggestion's phrase, or the phrase of a code
      already coded, says ("cholecystitis" when the record also says "acute calculous cholecystitis")."""
    coded_cats = {_category(c) for c in coded}
    _words = functools.cache(_phrase_words)  # every pair of suggestions is compared: each text read once
    said = [(_words(s.evidence.phrase), s) for s in sugs]
    kept = []
    for s in sugs:
        mine = _words(s.evidence.phrase)
        if any(o.code != s.code and o.system == s.system and mine < theirs and not _own_line(s, o, theirs)
               and not _listed_after(mine, s, o) for theirs, o in said):
            continue
        if s.system == "CM" and any(mine < theirs for theirs in coded_phrases):
            continue
        kept.append(s)
    # A default code gives way to a more specific code of its category that is itself kept (a
    # dropped one says less than some other suggestion and must not take a default with it), when
    # that code names the same condition: its title holds the default's words before the qualifier
    # ("Type 2 diabetes mellitus" of E11.9 in E11.22; not I25.10's "atherosclerotic heart disease" in
    # I25.5 "Ischemic cardiomyopathy", another condition of the category), or is read from the same
    # sentence ("CKD" N18.9 and "ESRD" N18.6 of one sentence).
    # A "with X without Y" code states its own complication X (E10.10 "with ketoacidosis without coma"):
    # it gives way only to a code that states X too (K80.00 to K80.01), not to another complication of
    # the category (E10.22 for the CKD beside it).
    kept = _acute_on_chronic(kept)
    specific = [s.title for s in kept if s.system == "CM" and not _is_default(s.title)]
    return [s for s in kept if not (s.system == "CM" and _is_default(s.title) and (
        _category(s.code) in coded_cats or any(
            _category(s.code) == _category(o.code) and _complication(s.title) <= _words(o.title)
            and (_core(s.title) <= _words(o.title) or o.evidence.text == s.evidence.text)
            and not _own_line(s, o, _words(o.evidence.phrase))
            for o in kept if o.system == "CM" and o.title in specific)))]


_BOTH_RE = re.compile(r"^acute (?:on|and) chronic ", re.IGNORECASE)
_ONE_RE = re.compile(r"^(?:acute|chronic) ", re.IGNORECASE)


def _acute_on_chronic(sugs: list[Suggestion]) -> list[Suggestion]:
    """An "Acute X" or "Chronic X" code gives way to the "Acute on chronic X" / "Acute and chronic X" code of
    its category offered beside it (I50.21 "HFrEF exacerbation" in the course beside I50.23 "HFrEF, acute on
    chronic" in the list; J96.01 beside J96.21): one condition, one code, the one that says both (I.B.12)."""
    both = {(_category(s.code), _BOTH_RE.sub("", s.title).lower()) for s in sugs
            if s.system == "CM" and _BOTH_RE.match(s.title)}
    if not both:
        return sugs
    return [s for s in sugs if not (
        s.system == "CM" and _ONE_RE.match(s.title) and not _BOTH_RE.match(s.title)
        and (_category(s.code), _ONE_RE.sub("", s.title).lower()) in both)]


def _listed_after(mine: frozenset[str], s: Suggestion, other: Suggestion) -> bool:
    """The other phrase runs over a comma into this one, a condition of another category listed after it
    ("moderate persistent asthma, allergic rhinitis on Flonase": J30.9 is not part of the asthma)."""
    items = other.evidence.phrase.split(",")[1:]
    return _category(s.code) != _category(other.code) and any(_words(i) == mine for i in items)


def _own_line(s: Suggestion, other: Suggestion, theirs: frozenset[str]) -> bool:
    """A line of the discharge diagnoses list of its own that says more than the other phrase ("2.
    Klebsiella pneumonia" beside "1. MRSA pneumonia"): another condition, read less exactly, that the
    rules after this one make specific (the organism, the side), not the same condition said again."""
    if s.evidence.section != "final" or other.evidence.text == s.evidence.text:
        return False
    line = _words(s.evidence.text) - {stem(w) for w in _LIST_WORDS}
    return bool(line - theirs) and not line <= theirs


_LIST_WORDS = frozenset("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 acute chronic".split())


_COMPLICATION_RE = re.compile(r"\bwith\b(.*?)\bwithout\b", re.IGNORECASE)


def _complication(title: str) -> frozenset[str]:
    """The words of the complication a "with X without Y" title states; none for other titles."""
    m = _COMPLICATION_RE.search(title)
    return _words(m.group(1)) if m else frozenset()


_QUALIFIER_RE = re.compile(r",|\bwithout\b|\bwith\b|\bunspecified\b|\(", re.IGNORECASE)


def _core(title: str) -> frozenset[str]:
    """The words of a default title before its qualifier: "Type 2 diabetes mellitus" of E11.9; a title
    that starts with its qualifier ("Unspecified atrial fibrillation") keeps its other words."""
    core = _words(_QUALIFIER_RE.split(title, 1)[0])
    return core or _words(title) - {stem("unspecified")}


# T14 "Injury of unspecified body region": a record that states an injury states where it is.
_UNSPECIFIED_SITE = "unspecified body region"


def _parenthetical_synonyms(sugs: list[Suggestion]) -> list[Suggestion]:
    """"Atopic dermatitis (eczema)": the parenthesis restates the condition just named, one condition once
    (I.B.12 code the most specific): its own reading of the same chapter (L30.9) gives way."""
    out = []
    for s in sugs:
        ev = s.evidence
        after = ev.text[ev.phrase_end - ev.start:].lstrip()
        if s.system == "CM" and after.startswith(")") and any(
                o is not s and o.system == "CM" and o.code[:1] == s.code[:1]
                and o.evidence.document == ev.document and o.evidence.start == ev.start
                and ev.text[o.evidence.phrase_end - ev.start: ev.phrase_start - ev.start].strip() == "("
                for o in sugs):
            continue
        out.append(s)
    return out


def _is_injury(code: str) -> bool:
    return code[:1] in ("S", "T")


def _external_causes_with_injury(sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """External-cause codes (V00-Y99) describe how an injury or other health condition happened
    (Official Guidelines Section I.C.20): offered only when the stay has an injury or poisoning code
    (S00-T88), coded or suggested, so "fall precautions" or a remote fall suggests nothing."""
    injured = any(_is_injury(c) for c in coded) or any(
        s.system == "CM" and _is_injury(s.code) for s in sugs)
    if injured:
        return sugs
    return [s for s in sugs if s.system != "CM" or s.code[:1] not in ("V", "W", "X", "Y")]


_PREGNANCY_RE = re.compile(
    r"\b(?:pregnan\w*|gestation\w*|antepartum|postpartum|intrapartum|deliver(?:y|ed)|cesarean|labor|"
    r"gravida|primigravida|multigravida|trimester)\b", re.IGNORECASE)


def _not_this_patients(sugs: list[Suggestion], enc: Encounter, coded: set[str]) -> list[Suggestion]:
    """Codes that belong to another person than the patient of the record: a delivery's codes (O, Z37,
    the obstetrics section 10 of PCS) on a record that is not the mother's ("born by spontaneous vaginal
    delivery" on the newborn's; I.C.15.a: chapter 15 codes on the maternal record only), and an organ
    donor's status (Z52.-) on the record of a transplant's recipient ("s/p deceased donor kidney
    transplant")."""
    principal = enc.diagnoses[0].code if enc.diagnoses else ""
    maternal = "O" in populations(enc) or principal.startswith("O")
    recipient = any(c.startswith("Z94") for c in coded) or any(s.code.startswith("Z94") for s in sugs)
    return [s for s in sugs if not (
        not maternal and (s.system == "CM" and s.code.startswith(("O", "Z37", "Z3A"))
                          or s.system == "PCS" and s.code.startswith("10"))
        or recipient and s.system == "CM" and s.code.startswith("Z52"))]


# "9-month-old girl", "a 6 week old": an infant the record says is past the perinatal period (28 days)
_INFANT_AGE = re.compile(r"\b(\d{1,2})[- ]?(months?|mos?|weeks?|wks?)[- ]old\b", re.IGNORECASE)


def _past_neonatal(enc: Encounter) -> bool:
    """An infant of age 0 whose record states an age in months (or more than four weeks)."""
    for d in enc.documents[:1]:
        m = _INFANT_AGE.search(d.text)
        if m:
            n, unit = int(m.group(1)), m.group(2).lower()
            return n >= 1 if unit.startswith("mo") else n > 4
    return False


def populations(enc: Encounter) -> frozenset[str]:
    """Which population chapters apply: "P" perinatal codes on a newborn's record (age 0 or a newborn
    admission; Official Guidelines I.C.16.a), "O" pregnancy codes on a female patient's record that
    speaks of pregnancy or delivery (I.C.15.a: maternal record only)."""
    out = set()
    age = enc.age_years()  # given, or from the birth date
    if "newborn" in (enc.admission_type or "").lower() or age == 0 and not _past_neonatal(enc):
        out.add("P")
    elif (enc.sex or "").upper().startswith("F") and (age is None or 9 <= age <= 64):
        if any(_PREGNANCY_RE.search(d.text) for d in enc.documents):
            out.add("O")
    return frozenset(out)


def drg_effect(service: Any, enc: Encounter, s: Suggestion, current: Any) -> DrgEffect | None:
    """The DRG and weight with the code added (POA Y for a diagnosis), from the DRG service."""
    try:
        if s.system == "CM":
            g = service.group_with(enc, add=[Diagnosis(s.code, "Y")])
        else:
            g = service.group(dataclasses.replace(enc, procedures=[*enc.procedures, Procedure(s.code)]))
    except (ValueError, RuntimeError):  # DrgInputError is a ValueError: no age, no principal, ...
        return None
    counts = ""
    for d in getattr(g, "diagnoses", ()):
        if d.code == s.code and not d.principal:
            counts = d.status
    return DrgEffect(g.drg, g.title, g.weight, current.drg, current.weight, counts)


def draft_query(s: Suggestion) -> Query:
    """A non-leading physician query (DOMAIN.md, "Queries"): the clinical indicators as documented and
    reasonable options including "other" and "clinically undetermined"; never the DRG or payment."""
    ev = s.evidence
    where = ev.document_type or "the record"
    question = (
        f"Clinical indicator: {where} documents \"{ev.text.strip()}\". "
        "Based on your clinical judgment, can you please clarify the condition being evaluated, "
        "treated or monitored?"
    )
    options = [f"{_plain(s.title)}, confirmed", f"{_plain(s.title)}, ruled out",
               "Other (please specify)", "Clinically undetermined"]
    return Query(question=question, options=options, status="open")


def _plain(title: str) -> str:
    return title.split(",")[0].strip() if ", unspecified" in title.lower() else title.strip()


def accept(enc: Encounter, s: Suggestion, poa: str = "") -> Encounter:
    """The encounter with the suggested code added at the end of its list (a new object)."""
    if s.system == "CM":
        if any(d.code == s.code for d in enc.diagnoses):
            return enc
        return dataclasses.replace(enc, diagnoses=[*enc.diagnoses, Diagnosis(s.code, poa)])
    if any(p.code == s.code for p in enc.procedures):
        return enc
    return dataclasses.replace(enc, procedures=[*enc.procedures, Procedure(s.code, _day(s.date))])


def _day(text: str) -> Any:
    import datetime as dt

    try:
        return dt.date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def dismiss(enc: Encounter, code: str) -> Encounter:
    """The encounter with `code` remembered as dismissed (a new object)."""
    c = normalize(code)
    if c in enc.dismissed:
        return enc
    return dataclasses.replace(enc, dismissed=[*enc.dismissed, c])


def add_query(enc: Encounter, s: Suggestion, author: str = "", created: str = "") -> Encounter:
    q = s.query or draft_query(s)
    q = dataclasses.replace(q, author=author or q.author, created=created or q.created)
    return dataclasses.replace(enc, queries=[*enc.queries, q])


