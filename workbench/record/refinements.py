"""What the record's words add to a code read elsewhere, by the Index and the guidelines:

- asthma "exacerbation", "flare", "attack" (not "no exacerbation"): the (acute) exacerbation sibling of the
  asthma code read, J45.909 -> J45.901, J45.20 -> J45.21 (Index "Asthma, with exacerbation (acute)");
  "status asthmaticus" the .x2 sibling; the severity its item says after it ("# Asthma - mild
  intermittent, albuterol PRN"): J45.2- mild intermittent, J45.3- mild persistent, J45.4- moderate, J45.5-
  severe persistent;
- a newborn documented preterm with its gestational age in completed weeks ("36w2d, late preterm"): P07.3-
  by the weeks (P07.31 28 weeks ... P07.39 36 weeks; I.C.16.e: the provider's statement of prematurity),
  in place of P07.30 (weeks not said);
- melena, hematemesis or GI hemorrhage NOS (K92.0-K92.2) beside a digestive code "with hemorrhage" or "with
  bleeding", coded or suggested: integral to it (I.B.5, I.B.9), left out;
- protein-calorie malnutrition (E46) with its degree said next to it ("# Malnutrition - moderate, per RD"):
  Index "Malnutrition, mild E44.1, moderate E44.0, severe E43";
- peritoneal adhesions (K66.0) beside an intestinal obstruction (K56.-) its sentence says they caused: K66.0's
  Excludes1 note (adhesions with intestinal obstruction, K56.5-), left out;
- failure to thrive by the patient's age: Index "Failure, to thrive (child) R62.51, adult R62.7" (an adult
  of 18 or more: R62.7; a child: R62.51);
- thrombocytopenia NOS (D69.6) beside heparin-induced thrombocytopenia (D75.82-), which says it; liver disease
  NOS (K76.9) beside a liver disease the record names (K70-K75, K76.0-K76.8, K77): the specified code says it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from workbench.record.text import sentences

if TYPE_CHECKING:
    from workbench.model.encounter import Encounter
    from workbench.record.suggest import Suggestion

_I = re.IGNORECASE
_ASTHMA_EPISODE = re.compile(r"\basthma\w*\b[^.;]{0,40}?\b(?:exacerbat\w*|flare[ds]?|flaring|attack)\b|"
                             r"\b(?:exacerbation|flare) of (?:\w+\s+){0,3}?asthma\b", _I)
_NO_EPISODE = re.compile(r"\b(?:no|without|w/o|denies|not in)\s+(?:\w+\s+){0,2}?(?:exacerbations?|flares?|"
                         r"attacks?)\b", _I)
_SEVERITY = re.compile(r"\b(mild intermittent|mild persistent|moderate persistent|severe persistent)\b", _I)
_SEVERITY_CODES = {"mild intermittent": "J452", "mild persistent": "J453", "moderate persistent": "J454",
                   "severe persistent": "J455"}
_STATUS_ASTHMATICUS = re.compile(r"\bstatus asthmaticus\b", _I)
# J45.x0 / J45.909 (uncomplicated): the last character 0 or 9 of the asthma codes that have siblings.
_ASTHMA_UNCOMPLICATED = re.compile(r"^J45(?:[2-5]0|909)$")
_PRETERM = re.compile(r"\b(?:late[- ]|moderate(?:ly)?[- ]|very[- ])?(?:preterm|premature|prematurity)\b", _I)
_WEEKS = re.compile(r"\b(2[89]|3[0-6])\s*(?:w|wk|wks|weeks?)(?:\s*(?:and\s*)?[0-6]\s*(?:d|days?|/7))?\b|"
                    r"\b(2[89]|3[0-6])\s*(?:\+|and\s+)[0-6](?:/7)?\b", _I)
_GESTATION = re.compile(r"\b(born|delivered|birth|ga|gestational age|gestation|preterm|premature|"
                        r"prematurity|infant|baby|newborn|neonate)\b", _I)
_GI_BLEED_SYMPTOMS = ("K920", "K921", "K922")
_DEGREE = re.compile(r"\b(mild|moderate|severe)\b", _I)
_DEGREE_CODES = {"mild": "E441", "moderate": "E440", "severe": "E43"}
_OBSTRUCT = re.compile(r"\bobstruct\w*|\bsbo\b", _I)


def refinements(release: Any, enc: Encounter, sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """The suggestions with the rules of the module docstring applied."""
    from workbench.record.combinations import make

    out: list[Suggestion] = []
    for s in sugs:
        if s.system == "CM" and s.code.startswith("J4590") and len(s.code) == 6 \
                and (sev := _SEVERITY.search(item_after(s))):
            s = make(release, s, _SEVERITY_CODES[sev.group(1).lower()] + "0") or s
        if s.system == "CM" and _ASTHMA_UNCOMPLICATED.match(s.code):
            text = s.evidence.text
            if _STATUS_ASTHMATICUS.search(text):
                s = make(release, s, s.code[:-1] + "2") or s
            elif _ASTHMA_EPISODE.search(text) and not _NO_EPISODE.search(text):
                s = make(release, s, s.code[:-1] + "1") or s
        elif s.system == "CM" and s.code == "E46" and (degree := _degree_said(s)):
            s = make(release, s, _DEGREE_CODES[degree]) or s
        elif s.system == "CM" and s.code == "K660" and _OBSTRUCT.search(s.evidence.text) and any(
                c.startswith("K56") for c in coded | {x.code for x in sugs}):
            continue
        out.append(s)
    age = enc.age_years()
    if age is not None:
        swap = {"R6251": "R627"} if age >= 18 else {"R627": "R6251"}
        out = [make(release, s, swap[s.code]) or s if s.system == "CM" and s.code in swap else s for s in out]
    out = _without_bleeding_symptoms(release, out, coded)
    have = coded | {s.code for s in out if s.system == "CM" and s.kind == "code"}
    said_by = {"D696": ("D7582",), "K769": ("K70", "K71", "K72", "K73", "K74", "K75", "K760", "K761", "K762",
                                            "K763", "K764", "K765", "K766", "K767", "K768", "K77")}
    out = [s for s in out if not (s.system == "CM" and s.code in said_by
                                  and any(c.startswith(said_by[s.code]) and c != s.code for c in have))]
    return _prematurity(release, enc, out, coded)


def item_after(s: Suggestion, *, past_phrase: bool = False) -> str:
    """The evidence sentence from the phrase (or from its end, `past_phrase`) to the end of its item (a
    semicolon or the sentence's end)."""
    ev = s.evidence
    at = (ev.phrase_end if past_phrase else ev.phrase_start) - ev.start
    return ev.text[max(0, at):].split(";")[0]


def _degree_said(s: Suggestion) -> str:
    """"mild", "moderate" or "severe" said within the item next to the phrase, or ""."""
    ev = s.evidence
    a, b = ev.phrase_start - ev.start, ev.phrase_end - ev.start
    near = re.split(r"[;#]", ev.text[max(0, a - 25): a])[-1] + " " + re.split(r"[;#]", ev.text[b: b + 30])[0]
    found = {m.group(1).lower() for m in _DEGREE.finditer(near)}
    return found.pop() if len(found) == 1 else ""


def _without_bleeding_symptoms(release: Any, sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    from workbench.record.readings import cm_title

    def bleeds(code: str, title: str) -> bool:
        t = title.lower()
        return code.startswith("K") and not code.startswith("K92") and ("with hemorrhage" in t
                                                                        or "with bleeding" in t)

    if not any(bleeds(c, cm_title(release, c)) for c in coded) and not any(
            s.system == "CM" and s.kind == "code" and bleeds(s.code, s.title) for s in sugs):
        return sugs
    return [s for s in sugs if not (s.system == "CM" and s.code in _GI_BLEED_SYMPTOMS)]


def _prematurity(release: Any, enc: Encounter, sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    from workbench.record.stated import _said
    from workbench.record.suggest import populations, stated_suggestion

    if "P" not in populations(enc) or any(c.startswith(("P071", "P072", "P073")) for c in coded):
        return sugs
    text = " ".join(doc.text for doc in enc.documents)
    if not _PRETERM.search(text):
        return sugs
    for d, doc in enumerate(enc.documents):
        for s in sentences(doc.text, d):
            m = _WEEKS.search(s.text)
            if m is None or not _GESTATION.search(s.text) or not _said(s, m, True):
                continue
            preterm = next((p for dd, dc in enumerate(enc.documents) for st in sentences(dc.text, dd)
                            if (p := _PRETERM.search(st.text)) and _said(st, p, True)), None)
            if preterm is None:
                return sugs
            weeks = int(m.group(1) or m.group(2))
            new = stated_suggestion(release, f"P073{weeks - 27}", doc, d, s, m)
            if new is None:
                return sugs
            return [x for x in sugs if not (x.system == "CM" and x.code.startswith(("P072", "P073")))] \
                + [new] + _birth_weight(release, enc, coded)
    return sugs


# "BW 2300 g", "birth weight 2.3 kg": the recorded weight in grams.
_BIRTH_WEIGHT = re.compile(r"\b(?:bw|birth ?weight|born weighing)\b\W{0,3}(?:of\s+|was\s+|is\s+)?"
                           r"(?:(\d{3,4})\s*(?:g|gm|gms|grams)\b|(\d(?:\.\d{1,3})?)\s*(?:kg|kilograms?)\b)",
                           _I)
# P07.0- extremely low and P07.1- other low birth weight, by grams (upper bounds, ICD-10-CM P07 titles).
_WEIGHT_CODES = ((500, "P0701"), (750, "P0702"), (1000, "P0703"), (1250, "P0714"), (1500, "P0715"),
                 (1750, "P0716"), (2000, "P0717"), (2500, "P0718"))


def _birth_weight(release: Any, enc: Encounter, coded: set[str]) -> list[Suggestion]:
    """I.C.16.e: P07 codes are assigned by the recorded birth weight and the estimated gestational age:
    beside the prematurity stated, the low birth weight the record gives ("BW 2300 g": P07.18)."""
    from workbench.record.stated import _said
    from workbench.record.suggest import stated_suggestion

    if any(c.startswith(("P070", "P071")) for c in coded):
        return []
    for d, doc in enumerate(enc.documents):
        for s in sentences(doc.text, d):
            m = _BIRTH_WEIGHT.search(s.text)
            if m is None or not _said(s, m, True):
                continue
            grams = int(m.group(1)) if m.group(1) else round(float(m.group(2)) * 1000)
            code = next((c for top, c in _WEIGHT_CODES if grams < top), None)
            if code is None:
                return []
            new = stated_suggestion(release, code, doc, d, s, m)
            return [new] if new is not None else []
    return []
