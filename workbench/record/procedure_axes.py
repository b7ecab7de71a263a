"""Procedures in suggestions (ICD-10-PCS): the axes an operative or procedure note states, and the
procedures it states in words the code search does not build (procedures.py reads them).

- The approach (laparoscopic 4, percutaneous 3, open 0; converted to open: open) and the body part the
  note names replace the search's (character 5 and 4), when the table allows them; a hernia repair with
  mesh is Supplement with a synthetic substitute; 0SR joint replacements take the cement qualifier; a
  drainage the note calls therapeutic, or that removes litres, is not diagnostic (qualifier Z, not X).
- A reading through a bare index path of root operation, body part and side needs its body part said.
- A procedure the note states replaces the search's reading of the same table, or of the same root
  operation in the same sentence; an inspection done on the way to another procedure of the same note
  is not coded (B3.11a).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workbench.record.combinations import make as _make

if TYPE_CHECKING:
    from codesets.release.core import Release
    from workbench.model.encounter import Encounter
    from workbench.record.suggest import Suggestion

# Procedures stated in words the index does not hold (ICD-10-PCS tables 0SR, 0JH, 02H).
_PROCEDURES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"\bdual[- ]chamber (?:permanent )?pacemaker\b", re.IGNORECASE),
     ("0JH606Z", "02H63JZ", "02HK3JZ")),
    (re.compile(r"\bsingle[- ]chamber (?:permanent )?pacemaker\b", re.IGNORECASE), ("0JH604Z", "02HK3JZ")),
)
# stated_only looks for these only in documents that hold the word every one of them needs
assert all("chamber" in p.pattern for p, _ in _PROCEDURES)
# A PEG is Percutaneous (3): the PCS Index sends "PEG (percutaneous endoscopic gastrostomy)" to 0DH63UZ,
# the scope enters through the mouth and nothing that passes the skin visualizes the stomach.
_APPROACH = ((re.compile(r"\b(peg|percutaneous endoscopic gastrostom\w*)\b", re.IGNORECASE), "3"),
             (re.compile(r"\b(laparoscop\w*|thoracoscop\w*|arthroscop\w*|robotic|percutaneous endoscopic|"
                         r"lap(?= (?:chole|appy|\w+ectomy|\w+otomy|\w+pexy|band|nissen)))\b",
                         re.IGNORECASE), "4"),
             # an image-guided needle procedure is percutaneous ("CT-guided biopsy of liver lesion": 0FB03ZX)
             (re.compile(r"\bpercutaneous\b|\b(?:ct|us|ultrasound|image|fluoroscop\w*)[- ]guided\b|"
                         r"\b(?:needle|core) biops\w*", re.IGNORECASE), "3"),
             # Through a natural opening with a scope (8): never chosen where the table has no 8.
             (re.compile(r"\b(colonoscop\w*|egd|esophagogastroduodenoscop\w*|sigmoidoscop\w*|enteroscop\w*|"
                         r"cystoscop\w*|ureteroscop\w*|bronchoscop\w*|hysteroscop\w*|transurethral)\b",
                         re.IGNORECASE), "8"),
             (re.compile(r"\bopen\b", re.IGNORECASE), "0"))
# Procedures whose own name says the approach (a needle through the skin; an open joint replacement is the
# table's only approach and needs no word).
_NAMED_APPROACH = re.compile(r"\b(thoracentesis|paracentesis|arthrocentesis|lumbar puncture|"
                             r"pericardiocentesis|"
                             r"laparotomy|thoracotomy|craniotomy|sternotomy|arthrotomy|endotracheal|"
                             r"intubat\w*|nasogastric|orogastric|ng tube|og tube|foley|urinary catheter)\b",
                             re.IGNORECASE)


def approach_said(release: Release, s: Suggestion) -> bool:
    """Whether the sentence says how a medical-surgical procedure was reached, or its table leaves no choice:
    "underwent cholecystectomy" from a summary could be open or laparoscopic (0FT40ZZ / 0FT44ZZ), a guess an
    auditor rejects; "lap chole", "open", "percutaneous", a scope's name or "thoracentesis" say it."""
    code = s.code
    if len(code) != 7 or code[0] != "0" or code[4] == "X":  # external: a closed reduction, a circumcision
        return True
    text = s.evidence.text
    if _CONVERTED.search(text) or _NAMED_APPROACH.search(text) or any(p.search(text) for p, _ in _APPROACH):
        return True
    return not any(a != code[4] and release.pcs(code[:4] + a + code[5:]) is not None for a in "0348")
_GENERIC_PART_WORDS = frozenset("right left colon intestine large small joint bone vein artery upper lower "
                                "and of the body part".split())
_CONVERTED = re.compile(r"\b(?:converted|conversion) to (?:an )?open\b", re.IGNORECASE)


def without_inspections(sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """ICD-10-PCS guideline B3.11a: an inspection done to reach the objective of another procedure of the
    same note is not coded separately (the cystoscopy of a ureteral stent placement, the EGD of a
    control of bleeding)."""
    def is_inspection(code: str) -> bool:
        return len(code) == 7 and code[0] == "0" and code[2] == "J"

    definitive = {s.evidence.document for s in sugs if s.system == "PCS" and not is_inspection(s.code)}
    if any(len(c) == 7 and c[0] == "0" and not is_inspection(c) for c in coded):
        definitive |= {s.evidence.document for s in sugs}
    # The same scope told twice: the procedure note's "EGD with biopsy" read as an inspection and the
    # summary's "biopsy taken from the gastric body" as the excision (same body system, approach and tract).
    reached = {_scope(c) for c in coded | {s.code for s in sugs if s.system == "PCS"}
               if len(c) == 7 and c[0] == "0" and not is_inspection(c)}
    return [s for s in sugs if not (s.system == "PCS" and is_inspection(s.code)
                                    and (s.evidence.document in definitive or _scope(s.code) in reached))]


# Gastrointestinal body parts of the upper tract (esophagus to ileum) and of the lower tract (cecum to anus),
# the two tracts an endoscopic inspection names (0DJ08ZZ upper, 0DJD8ZZ lower).
_UPPER_TRACT = frozenset("0123456789ABC")
_LOWER_TRACT = frozenset("DEFGHKLMNPQR")


def _scope(code: str) -> tuple[str, str, str]:
    """Body system, approach and (for the gastrointestinal system) tract: what an endoscopy reaches."""
    tract = ""
    if code[1] == "D":
        tract = "u" if code[3] in _UPPER_TRACT else "l" if code[3] in _LOWER_TRACT else code[3]
    return code[1], code[4], tract


def doc_date(enc: Encounter, s: Suggestion) -> str:
    docs = enc.documents
    return (docs[s.evidence.document].date or "")[:10] if s.evidence.document < len(docs) else ""


def stated_only(release: Release, enc: Encounter) -> list[Suggestion]:
    """Procedures stated in words the index does not read (procedures.py, the pacemaker table above),
    with the sentence and the note's date."""
    from workbench.record.op_notes import op_note_procedures
    from workbench.record.procedures import stated_procedures, therapies, ventilation
    from workbench.record.suggest import Evidence, Suggestion
    from workbench.record.text import sentences

    out = []
    for st in [*ventilation(enc, sentences), *stated_procedures(enc, sentences), *therapies(enc, sentences),
               *op_note_procedures(release, enc, sentences)]:
        item = release.pcs(st.code)
        if item is None:
            continue
        doc = enc.documents[st.document]
        ev = Evidence(st.document, doc.type, doc.text[st.start:st.end], st.start, st.end, st.phrase,
                      st.phrase_start, st.phrase_end)
        out.append(Suggestion(code=st.code, title=item.title, system="PCS", kind="code", cc_level=None,
                              evidence=ev, confidence=1.0, matched=st.phrase, date=st.date))
    for doc_i, doc in enumerate(enc.documents):
        # (both patterns name a chamber: an ASCII document without the word is not searched with re's slow
        # case-insensitive scan; re's IGNORECASE folds a few non-ASCII letters, so other texts are)
        if doc.text.isascii() and "chamber" not in doc.text.lower():
            continue
        for pattern, codes in _PROCEDURES:
            m = pattern.search(doc.text)
            if not m:
                continue
            a = max(doc.text.rfind("\n", 0, m.start()), doc.text.rfind(". ", 0, m.start())) + 1
            b = min((i for i in (doc.text.find("\n", m.end()), doc.text.find(". ", m.end())) if i >= 0),
                    default=len(doc.text))
            ev = Evidence(doc_i, doc.type, doc.text[a:b].strip(), a, b, m.group(0), m.start(), m.end())
            if _placed_before(doc.text[a:b], enc):  # a device of an earlier stay: its status (Z95.0)
                item_cm = release.cm("Z950")
                if item_cm is not None:
                    out.append(Suggestion(code="Z950", title=item_cm.title, system="CM", kind="code",
                                          cc_level=release.cc_level("Z950"), evidence=ev, confidence=1.0,
                                          matched=m.group(0)))
                continue
            for code in codes:
                item = release.pcs(code)
                if item is not None:
                    out.append(Suggestion(code=code, title=item.title, system="PCS", kind="code",
                                          cc_level=None, evidence=ev, confidence=1.0, matched=m.group(0),
                                          date=(doc.date or "")[:10]))
    return out


_PAST = re.compile(r"\b(s/p|status post|h/o|hx|history|prior|previous|pmh|past medical|old|existing|"
                   r"in place|has an?)\b|\b((?:19|20)\d\d)\b", re.IGNORECASE)


def _placed_before(line: str, enc: Encounter) -> bool:
    """The line speaks of a device placed before this stay (history words, or a year before admission)."""
    day = enc.admit_date or enc.discharge_date
    year = day.year if day is not None else 0
    for m in _PAST.finditer(line):
        if m.group(1) or (m.group(2) and year and int(m.group(2)) < year):
            return True
    return False


# The rest of a history item after the procedure's words: "PCI with drug-eluting stent to LAD (2022)".
_ITEM_END = re.compile(r"[;,\n]|\.\s|\band\b", re.IGNORECASE)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")


def done_in_past_year(enc: Encounter, s: Suggestion) -> bool:
    """The procedure's own list item dates it to a year before the admission ("CAD s/p CABG and PCI with
    drug-eluting stent to LAD (2022)"): a procedure of an earlier stay, not one of this stay."""
    ev = s.evidence
    if ev.document >= len(enc.documents):
        return False
    text = enc.documents[ev.document].text
    day = enc.admit_date or enc.discharge_date
    if day is None:
        return False
    end = _ITEM_END.search(text, ev.phrase_end)
    rest = text[ev.phrase_end: end.start() if end else len(text)]
    return any(int(y) < day.year for y in _YEAR.findall(rest))


def earlier_stays(release: Release, enc: Encounter, sugs: list[Suggestion]) -> list[Suggestion]:
    """Procedures whose own history item dates them to a year before the admission are not this stay's;
    a coronary dilation that left a device (character 6 not Z) becomes its status, Z95.5 (I.C.21.c.3)."""
    out = []
    for s in sugs:
        if s.system != "PCS" or not done_in_past_year(enc, s):
            out.append(s)
        elif s.code.startswith("027") and s.code[5] != "Z" and (z := _make(release, s, "Z955")) is not None \
                and all(o.code != "Z955" for o in sugs):
            out.append(z)
    return out


def pcs_table_key(code: str) -> str:
    """The PCS table a stated procedure replaces the search's readings of (4A02: cardiac measurement)."""
    return code[:4] if code.startswith("4A0") else code[:3]


def procedure_axes(release: Release, s: Suggestion, text: str) -> Suggestion:
    """The approach (character 5) and body part (character 4) the note states, when the table allows them."""
    code = s.code
    if len(code) != 7 or code[0] != "0":
        return s
    approach = "0" if _CONVERTED.search(text) else next((v for p, v in _APPROACH if p.search(text)), None)
    if approach and approach != code[4]:
        alt = code[:4] + approach + code[5:]
        if release.pcs(alt) is not None:
            code = alt
    table = release.pcs_table(code[:3])
    if table is not None:
        said = set(re.findall(r"[a-z]+", text.lower()))
        for row in table.rows:
            for bp in row.body_parts:
                words = set(re.findall(r"[a-z]+", bp.meaning.lower())) - _GENERIC_PART_WORDS
                if bp.value != code[3] and words and words <= said:
                    alt = code[:3] + bp.value + code[4:]
                    if release.pcs(alt) is not None:
                        code = alt
                        break
    # ICD-10-PCS B3.9 / Coding Clinic: a hernia repair with mesh is Supplement (U) with a synthetic substitute
    if code[2] == "Q" and _MESH.search(text) and release.pcs(code[:2] + "U" + code[3:5] + "J" + code[6]):
        code = code[:2] + "U" + code[3:5] + "J" + code[6]
    code = _side_said(release, code, text)
    # The diagnostic qualifier (X) is for a drainage done for diagnosis alone: "diagnostic and therapeutic",
    # or fluid removed by the litre, is a therapeutic drainage (Z).
    if code[2] == "9" and code[6] == "X" and _THERAPEUTIC.search(text) and release.pcs(code[:6] + "Z"):
        code = code[:6] + "Z"
    q = "A" if _UNCEMENTED.search(text) else "9" if _CEMENTED.search(text) else ""
    if code[:3] == "0SR" and q:
        if code[6] != q and release.pcs(code[:6] + q) is not None:  # 0SR qualifier: cemented 9, uncemented A
            code = code[:6] + q
    if code == s.code:
        return s
    return _make(release, s, code, "PCS") or s


_RIGHT = re.compile(r"\b(right|rt)\b", re.IGNORECASE)
_LEFT = re.compile(r"\b(left|lt)\b", re.IGNORECASE)


def _side_said(release: Release, code: str, text: str) -> str:
    """The body part of the side the note says, when it says one side only ("Left total knee
    arthroplasty": Knee Joint, Left, not the search's Right): the sibling value of the same row whose
    meaning is the same with the other side."""
    right, left = bool(_RIGHT.search(text)), bool(_LEFT.search(text))
    if right == left:
        return code
    table = release.pcs_table(code[:3])
    if table is None:
        return code
    said, other = ("Right", "Left") if right else ("Left", "Right")
    for row in table.rows:
        mine = next((bp.meaning for bp in row.body_parts if bp.value == code[3]), None)
        if mine is None or other not in mine.split(", ") and not mine.endswith(other):
            continue
        want = mine.replace(other, said)
        for bp in row.body_parts:
            if bp.meaning == want and release.pcs(code[:3] + bp.value + code[4:]) is not None:
                return code[:3] + bp.value + code[4:]
    return code


_MESH = re.compile(r"\bmesh\b", re.IGNORECASE)
_THERAPEUTIC = re.compile(r"\btherapeutic\b|\blarge[- ]volume\b|\b\d+(?:\.\d+)?\s*(?:l|liters?|litres?)\b"
                          r"[^.;]{0,40}?\b(?:removed|drained|evacuated|withdrawn)\b", re.IGNORECASE)
_UNCEMENTED = re.compile(r"\b(uncemented|cementless|non-?cemented|press[- ]fit)\b", re.IGNORECASE)
_CEMENTED = re.compile(r"\bcemented\b", re.IGNORECASE)
_BODY_PART = re.compile(r"^[^,]*? of (.+?)(?: with | using |,|$)")
_NOT_BODY_WORDS = frozenset("left right bilateral upper lower and of the other unspecified body part".split())


def body_part_said(s: Suggestion) -> bool:
    """A medical-surgical PCS code the search read through a bare index path of root operation, body
    part and side ("Drainage > Choroid > Left") names a body part the sentence must say: "Incision and
    drainage of left thigh abscess" is not a drainage of the left choroid, "excisional debridement of
    right heel" not an excision of the right atrium. Index terms, cross-references ("Paracentesis > see
    Drainage, Peritoneal Cavity") and abbreviations read as procedures are the index's own reading."""
    from workbench.record.combinations import _title_words

    first = s.matched.split("; ")[0]
    if s.system != "PCS" or s.code[:1] != "0" or " > " not in first or " see " in first:
        return True
    said = set(_title_words(s.evidence.text))
    said |= {w[:5] for w in said}
    m = _BODY_PART.match(s.title)
    part = [w for w in _title_words(m.group(1)) if w not in _NOT_BODY_WORDS] if m else []
    return not part or any(w in said or w[:5] in said for w in part)
