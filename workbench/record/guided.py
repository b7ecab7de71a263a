"""Suggestions held to the coding guidelines: after the scanner has read the record, this module drops
what the guidelines forbid, turns what they combine into the combination code, and adds the codes the
record states in words the index does not hold (sequela, first vs recurrent, place of birth, procedures).

- History, resolved and old conditions never yield acute codes (I.B.10 sequelae: I69.- for an old
  stroke's residual deficits; history Z8x codes only where care needs them).
- Uncertain conditions sent to the outpatient plan were not evaluated this stay (Section III, II.H):
  a query, not a code.
- The "with" presumption (I.A.15): hypertension + heart failure -> I11.0, + CKD -> I12.-, both -> I13.0;
  diabetes + a listed complication -> its combination code (the checks' tables, guideline_data.py).
- A suggestion a coded code's Excludes1 note forbids is hidden (I.A.12.a).
- Procedures: the approach and body part the operative note states (laparoscopic = 4; "sigmoid").
- At most MAX_SUGGESTIONS a record.
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from codesets.coderefs import CodeRanges
from codesets.model import CmItem, PcsCode
from workbench.checks import guideline_data as gd

if TYPE_CHECKING:  # suggest imports this module (inside `suggest`), so only its types are named here
    from codesets.release.core import Release
    from workbench.model.encounter import Encounter
    from workbench.record.suggest import Suggestion

MAX_SUGGESTIONS = 15

# Resolved before this stay: "resolved" with a past time, not "resolved with fluids" during the stay.
_RESOLVED = re.compile(r"\b(last (?:year|month|week)|years? ago|months? ago|in the past|previously treated|"
                       r"treated in (?:19|20)\d\d|prior to (?:this )?admission|(?:in|since) (?:january|"
                       r"february|march|april|may|june|july|august|september|october|november|december)\b"
                       r"[^.;]*\bresolved)\b", re.IGNORECASE)
_OLD = re.compile(r"\b(old|remote|prior|previous|sequela[e]?|residual|since the (?:old|prior|previous))\b",
                  re.IGNORECASE)
_STROKE = re.compile(r"\b(stroke|cva|cerebral infarct\w*|cerebrovascular accident|mca infarct\w*)\b",
                     re.IGNORECASE)
_OUTPATIENT = re.compile(r"\b(as (?:an )?outpatient|outpatient (?:follow|work|evaluation|setting)|"
                         r"after discharge|at follow[- ]up)\b", re.IGNORECASE)
_ACUTE_CHAPTERS = ("I6", "J", "N17", "A", "B", "K", "S", "T", "I2", "I5", "E4")
# I.C.9.d: deficits of an old stroke, I69.3- (cerebral infarction). Right side = dominant by default.
_STROKE_DEFICITS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(right|r)\b[^.;]{0,30}\b(hemiparesis|hemiplegia|weakness)\b|\b(hemiparesis|hemiplegia)"
                r"[^.;]{0,15}\bright\b", re.IGNORECASE), "I69351"),
    (re.compile(r"\b(left|l)\b[^.;]{0,30}\b(hemiparesis|hemiplegia|weakness)\b|\b(hemiparesis|hemiplegia)"
                r"[^.;]{0,15}\bleft\b", re.IGNORECASE), "I69354"),
    (re.compile(r"\bdysphagia\b", re.IGNORECASE), "I69391"),
    (re.compile(r"\baphasia\b", re.IGNORECASE), "I69320"),
    (re.compile(r"\bdysarthria\b", re.IGNORECASE), "I69322"),
    (re.compile(r"\b(facial (?:droop|weakness))\b", re.IGNORECASE), "I69392"),
    (re.compile(r"\bataxia\b", re.IGNORECASE), "I69393"),
)
# Phrases the index reads wrongly or too loosely, with the code the Index gives them.
_PHRASES: tuple[tuple[re.Pattern[str], str, tuple[str, ...]], ...] = (
    (re.compile(r"\b(transient ischemic attack|tia)\b", re.IGNORECASE), "G459", ("G40", "G45")),
    (re.compile(r"(?<!not )(?<!non-)(?<!non)\brecurrent\b[^.;]*\b(c\.? ?diff(?:icile)?|clostridi\w* "
                r"difficile)\b|\b(c\.? ?diff(?:icile)?|clostridi\w* difficile)\b[^.;]*(?<!not )(?<!non-)"
                r"(?<!non)\brecurren", re.IGNORECASE), "A0471", ("K52", "A047")),
    (re.compile(r"\b(c\.? ?diff(?:icile)?|clostridi\w* difficile|clostridioides difficile)\b",
                re.IGNORECASE), "A0472", ("K52", "A047")),
    (re.compile(r"\bfall\b[^.;]*\b(slip\w*|trip\w*|stumbl\w*)\b|\b(slipped|tripped|stumbled)\b[^.;]*\bfell\b",
                re.IGNORECASE), "W010XXA", ("W18", "W01")),
    (re.compile(r"\b(type 1|type i|t1dm|iddm)\b[^.;]*\b(dka|ketoacidosis)\b|\b(dka|ketoacidosis)\b[^.;]*"
                r"\b(type 1|t1dm)\b", re.IGNORECASE), "E1010", ("E11", "E10", "E87")),
    (re.compile(r"\b(type 2|type ii|t2dm|dm2)\b[^.;]*\b(dka|ketoacidosis)\b", re.IGNORECASE), "E1110",
     ("E11", "E87")),
    (re.compile(r"\b(born|delivered|birth)\b[^.;]*\b(?:in|at) (?:this |the |our )?hospital\b[^.;]*"
                r"\b(cesarean|c-section)\b", re.IGNORECASE), "Z3801", ("Z38",)),
    (re.compile(r"\b(born|birth)\b[^.;]*\b(?:in|at) (?:this |the |our )?hospital\b", re.IGNORECASE), "Z3800",
     ("Z38",)),
)
_STRESS_TEST = re.compile(r"\bstress (?:test|echo\w*|imaging)\b", re.IGNORECASE)
_DIABETIC_NEPHROPATHY = re.compile(r"\bdiabetic (nephropathy|kidney disease)\b|\bdiabet\w*[^.;]*\bwith\b"
                                   r"[^.;]*\bnephropathy\b", re.IGNORECASE)
# Procedures stated in words the index does not hold (ICD-10-PCS tables 0SR, 0JH, 02H).
_PROCEDURES: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"\b(right|rt)\b[^.;]*\bhip hemiarthroplasty\b[^.;]*\buncemented\b",
                re.IGNORECASE), ("0SRR0JA",)),
    (re.compile(r"\b(right|rt)\b[^.;]*\bhip hemiarthroplasty\b[^.;]*\bcemented\b",
                re.IGNORECASE), ("0SRR0J9",)),
    (re.compile(r"\b(right|rt)\b[^.;]*\bhip hemiarthroplasty\b|\bhemiarthroplasty\b[^.;]*\bright hip\b",
                re.IGNORECASE), ("0SRR0JZ",)),
    (re.compile(r"\b(left|lt)\b[^.;]*\bhip hemiarthroplasty\b|\bhemiarthroplasty\b[^.;]*\bleft hip\b",
                re.IGNORECASE), ("0SRS0JZ",)),
    (re.compile(r"\bdual[- ]chamber pacemaker\b", re.IGNORECASE), ("0JH606Z", "02H63JZ", "02HK3JZ")),
    (re.compile(r"\bsingle[- ]chamber pacemaker\b", re.IGNORECASE), ("0JH604Z", "02HK3JZ")),
)
_APPROACH = ((re.compile(r"\b(laparoscop\w*|thoracoscop\w*|arthroscop\w*|robotic)\b", re.IGNORECASE), "4"),
             (re.compile(r"\bpercutaneous\b", re.IGNORECASE), "3"),
             (re.compile(r"\bopen\b", re.IGNORECASE), "0"))
_GENERIC_PART_WORDS = frozenset("right left colon intestine large small joint bone vein artery upper lower "
                                "and of the body part".split())
_CONVERTED = re.compile(r"\bconverted to (?:an )?open\b", re.IGNORECASE)


def _valid(release: Release, code: str, system: str) -> CmItem | PcsCode | None:
    if system == "PCS":
        return release.pcs(code)
    it = release.cm(code)
    return it if it is not None and it.billable else None


def _make(release: Release, like: Suggestion, code: str, system: str = "CM") -> Suggestion | None:
    """A suggestion for `code` carrying `like`'s evidence, or None when the release lacks the code."""
    item = _valid(release, code, system)
    if item is None:
        return None
    level = release.cc_level(code) if system == "CM" else None
    return dataclasses.replace(like, code=code, title=item.title, system=system, cc_level=level,
                               query=None, kind="code", drg_if_added=None)


def _sentence(s: Suggestion) -> str:
    return s.evidence.text


def apply(sugs: list[Suggestion], enc: Encounter, release: Release, coded: set[str],
          dismissed: set[str]) -> list[Suggestion]:
    """The suggestions, held to the guidelines (see the module docstring)."""
    from workbench.record.suggest import draft_query

    out: list[Suggestion] = []
    extra: list[Suggestion] = []
    for s in sugs:
        text = _sentence(s)
        if s.system == "CM":
            if _STROKE.search(text) and _OLD.search(text) and s.code.startswith(("I63", "I61", "I64", "I67")):
                extra += _stroke_sequelae(release, s, text)
                continue
            if _RESOLVED.search(text) and s.code.startswith(_ACUTE_CHAPTERS):
                continue  # resolved before this stay: not coded (history codes only where care needs them)
            if s.kind == "code" and s.evidence.cue and _OUTPATIENT.search(text):
                s = dataclasses.replace(s, kind="query")
                s = dataclasses.replace(s, query=draft_query(s))
            if s.code.startswith("Z733") and _STRESS_TEST.search(text):
                continue  # a cardiac stress test is not stress (Z73.3)
            replaced = False
            for pattern, code, parts in _PHRASES:
                if pattern.search(text) and (s.code.startswith(parts) or s.code == code):
                    new = _make(release, s, code)
                    if new is not None:
                        extra.append(new)
                        replaced = True
                    break
            if replaced:
                continue
        else:
            s = dataclasses.replace(_procedure_axes(release, s, text), date=_doc_date(enc, s))
        out.append(s)
    out += _stated_only(release, enc)
    out += extra
    out = _combinations(release, out, coded)
    out = _dedupe(out, coded | dismissed)
    out = _excluded(release, out, coded)
    return out[:MAX_SUGGESTIONS]


def _doc_date(enc: Encounter, s: Suggestion) -> str:
    docs = enc.documents
    return (docs[s.evidence.document].date or "")[:10] if s.evidence.document < len(docs) else ""


def _stroke_sequelae(release: Release, like: Suggestion, text: str) -> list[Suggestion]:
    found = []
    for pattern, code in _STROKE_DEFICITS:
        if pattern.search(text) and (new := _make(release, like, code)) is not None:
            found.append(new)
    if not found and (new := _make(release, like, "Z8673")) is not None:
        found.append(new)  # old stroke without deficits: personal history (I.C.9.d.3)
    return found


def _stated_only(release: Release, enc: Encounter) -> list[Suggestion]:
    """Procedures stated in words the index does not read, with the sentence and the note's date."""
    from workbench.record.suggest import Evidence, Suggestion

    out = []
    for doc_i, doc in enumerate(enc.documents):
        hip = False
        for pattern, codes in _PROCEDURES:
            m = pattern.search(doc.text)
            if not m or (hip and codes[0].startswith("0SR")):
                continue
            hip = hip or codes[0].startswith("0SR")
            a = max(doc.text.rfind("\n", 0, m.start()), doc.text.rfind(". ", 0, m.start())) + 1
            b = min((i for i in (doc.text.find("\n", m.end()), doc.text.find(". ", m.end())) if i >= 0),
                    default=len(doc.text))
            ev = Evidence(doc_i, doc.type, doc.text[a:b].strip(), a, b, m.group(0), m.start(), m.end())
            for code in codes:
                item = release.pcs(code)
                if item is not None:
                    out.append(Suggestion(code=code, title=item.title, system="PCS", kind="code",
                                          cc_level=None, evidence=ev, confidence=1.0, matched=m.group(0),
                                          date=(doc.date or "")[:10]))
    return out


def _procedure_axes(release: Release, s: Suggestion, text: str) -> Suggestion:
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
    if code == s.code:
        return s
    return _make(release, s, code, "PCS") or s


def _combinations(release: Release, sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """The "with" presumption (I.A.15): combination codes replace their parts."""
    cm = [s for s in sugs if s.system == "CM"]
    codes = {s.code for s in cm} | coded
    drop: set[str] = set()
    add: list[Suggestion] = []
    heart = [c for c in codes if c.startswith(gd.HYPERTENSIVE_HEART)]
    ckd = [c for c in codes if c.startswith(gd.HYPERTENSIVE_CKD)]
    htn = next((s for s in cm if s.code == "I10"), None)
    if htn is not None and (heart or ckd):
        late = any(c in ("N185", "N186") for c in ckd)  # CKD stage 5 / ESRD: I12.0, I13.2
        if heart and ckd:
            combo = "I132" if late else "I130"
        else:
            combo = "I110" if heart else ("I120" if late else "I129")
        drop.add("I10")
        if (new := _make(release, htn, combo)) is not None:
            add.append(new)
    for s in cm:  # "hypertensive heart and chronic kidney disease" read as its parts
        low = s.evidence.text.lower()
        if "hypertensive heart and" in low and "kidney" in low and not any(c[:3] == "I13" for c in codes):
            combo = "I130" if heart else "I1310"
            if (new := _make(release, s, combo)) is not None:
                add.append(new)
                codes.add(combo)
            break
    for cat in ("E08", "E09", "E10", "E11", "E13"):
        dm = [s for s in cm if s.code.startswith(cat)]
        if not dm and not any(c.startswith(cat) for c in coded):
            type_said = [s for s in cm if s.code.startswith(gd.DIABETES_WITH[0][0] + ("N08",))
                         and re.search(r"\b(type 2|t2dm|dm2|diabet)", s.evidence.text, re.IGNORECASE)
                         and cat == "E11"]
            if not type_said:
                continue
            dm = type_said[:1]
        like = dm[0]
        for prefixes, suffix, _what in gd.DIABETES_WITH:
            if not any(c.startswith(prefixes) for c in codes):
                continue
            combo = cat + suffix
            if combo in codes:
                continue
            if suffix == "21" and any(c.startswith(cat + "22") for c in codes):
                continue
            if (new := _make(release, like, combo)) is not None:
                add.append(new)
                codes.add(combo)
                drop.update({cat + "9", cat + "8"})
                if suffix == "21":
                    drop.add("N08")  # E1x.21 names the nephropathy; N08 is its manifestation form
        if any(_DIABETIC_NEPHROPATHY.search(s.evidence.text) for s in dm) and cat + "21" not in codes \
                and not any(c.startswith(cat + "22") for c in codes):
            if (new := _make(release, like, cat + "21")) is not None:
                add.append(new)
                drop.update({cat + "9", cat + "8", "N08"})
    return [s for s in sugs if s.code not in drop] + add


def _dedupe(sugs: list[Suggestion], leave_out: set[str]) -> list[Suggestion]:
    seen: set[str] = set()
    out = []
    for s in sugs:
        if s.code in seen or s.code in leave_out:
            continue
        seen.add(s.code)
        out.append(s)
    return out


def _excluded(release: Release, sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """Hide a suggestion that a coded code's Excludes1 note names, or whose own note names a coded code."""
    if not coded:
        return sugs
    from codesets.coderefs import parse_refs

    def ranges(code: str) -> list[CodeRanges]:
        if release.cm(code) is None:
            return []
        return [parse_refs(n.text) for n in release.notes(code) if n.kind == "excludes1"]

    coded_cm = [c for c in coded if release.cm(c) is not None]
    coded_refs = [r for c in coded_cm for r in ranges(c)]
    out = []
    for s in sugs:
        if s.system == "CM" and (any(s.code in r for r in coded_refs)
                                 or any(c in r for r in ranges(s.code) for c in coded_cm)):
            continue
        out.append(s)
    return out
