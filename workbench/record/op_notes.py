"""Procedures an operative or procedure note states in words the code search does not build axis by
axis: open reduction internal fixation (Reposition, 0PS/0QS, device 4 or intramedullary 6), endoscopic
biopsy (Excision with qualifier X Diagnostic, ICD-10-PCS guideline B3.4a), central venous catheter
(Insertion of an infusion device, 02HV33Z at the superior vena cava or cavoatrial junction, 02H633Z in
the right atrium: the tip's site decides, ICD-10-PCS B6.1), intermittent hemodialysis this stay
(5A1D70Z; continuous renal replacement 5A1D90Z) and incision and drainage of a subcutaneous abscess
(Drainage 0J9 of the region's subcutaneous tissue and fascia, open); electrical cardioversion 5A2204Z;
coronary angiography (fluoroscopy, low osmolar contrast: B2111ZZ, one artery B2101ZZ); an EGD's
inspection of the upper intestinal tract 0DJ08ZZ and an exploratory laparotomy's of the peritoneal cavity
0WJG0ZZ, which give way to any definitive procedure of their note; an IVC filter (Insertion of an
intraluminal device into the inferior vena cava, percutaneous, 06H03DZ); a percutaneous nephrostomy tube
(Drainage of the kidney with a drainage device, 0T9030Z right, 0T9130Z left); an excisional debridement
(Excision, open, of the deepest layer the note says it reached: subcutaneous tissue and fascia 0JB, muscle
0KB, by region and side; never a non-excisional one, which is Extraction).

Each code is built from the note's words (bone and side, the part biopsied, where the tip lies) and kept
only when its PCS table row allows it; never from a sentence that says it was not done, planned or prior.
"""

from __future__ import annotations

import re
from typing import Any

from workbench.record.procedures import _PLACED, Stated
from workbench.record.sections import NOT_THIS_STAY
from workbench.record.text import first_side

_I = re.IGNORECASE
_NOT = re.compile(r"\b(no|not|without|declin\w*|deferred|refus\w*|planned|will|consider\w*|recommend\w*|"
                  r"prior|previous|history|h/o|s/p|ago|outpatient)\b", _I)

# ------------------------------------------------------------------ ORIF: Reposition with internal fixation
_ORIF = re.compile(r"\b(orif|open reduction(?: and)? internal fixation|open reduction)\b", _I)
_IM = re.compile(r"\b(intramedullary|im nail|im rod|cephalomedullary|gamma nail|nail(?:ing)?)\b", _I)
# (words, PCS body system character, right value, left value); the first match in the sentence wins,
# bimalleolar/trimalleolar name both malleoli (fibula and tibia).
_BONES: tuple[tuple[re.Pattern[str], str, str, str], ...] = tuple(
    (re.compile(p, _I), s, r, left) for p, s, r, left in (
        (r"\blateral malleol\w*|\bdistal fibula\w*|\bfibula\w*", "Q", "J", "K"),
        (r"\bmedial malleol\w*|\bposterior malleol\w*|\btibia\w*|\bpilon\b|\bplafond\b", "Q", "G", "H"),
        (r"\bpatell\w*", "Q", "D", "F"),
        (r"\bfemoral neck\b|\bintertrochanteric\b|\bsubtrochanteric\b|\bproximal femur\b|\bhip fracture\b",
         "Q", "6", "7"),
        (r"\bdistal femur\b|\bsupracondylar femur\b", "Q", "B", "C"),
        (r"\bfemoral shaft\b|\bfemur\b", "Q", "8", "9"),
        (r"\bcalcane\w*|\btalus\b|\btalar\b", "Q", "L", "M"),
        (r"\bmetatarsal\w*", "Q", "N", "P"),
        (r"\bclavic\w*", "P", "9", "B"),
        (r"\bproximal humer\w*|\bhumeral head\b|\bsurgical neck\b", "P", "C", "D"),
        (r"\bhumer\w*", "P", "F", "G"),
        (r"\bradius\b|\bradial\b", "P", "H", "J"),
        (r"\bulna\w*|\bolecranon\b", "P", "K", "L"),
        (r"\bmetacarpal\w*", "P", "P", "Q"),
    ))
_BOTH_MALLEOLI = re.compile(r"\b(bi|tri)malleolar\b", _I)

# ------------------------------------------------------------------ endoscopic biopsy: Excision, diagnostic
_SCOPE = re.compile(r"\b(egd|esophagogastroduodenoscopy|upper endoscopy|colonoscop\w*|sigmoidoscop\w*)\b", _I)
_BIOPSY = re.compile(r"\bbiops\w*\b", _I)
_PYLORI = re.compile(r"\b(?:h\.?\s?pylori|helicobacter(?: pylori)?)\b", _I)
_GI_PARTS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, _I), v) for p, v in (
    (r"\b(?:ge|gastroesophageal|esophagogastric) junction\b", "4"),
    (r"\bpylor\w*", "7"), (r"\bduoden\w*", "9"),
    (r"\b(?:gastric|stomach|antr\w*|fundus|fundic)\b", "6"),
    (r"\besophag\w*", "5"), (r"\bterminal ileum\b|\bileum\b", "B"), (r"\bcec\w*", "H"),
    (r"\bascending colon\b", "K"), (r"\btransverse colon\b", "L"), (r"\bdescending colon\b", "M"),
    (r"\bsigmoid\b", "N"), (r"\brect\w*", "P"), (r"\bcolon\w*\b", "E"),
))

# ------------------------------------------------------------------ central venous catheter
_CVC = re.compile(r"\b(central venous catheter|central line|cvc|triple[- ]lumen|double[- ]lumen catheter|"
                  r"picc)\b", _I)
_PORT = re.compile(r"\b(port|tunneled|hemodialysis catheter|dialysis catheter|permcath|swan)\b", _I)
_ATRIUM = re.compile(r"\b(tip|terminat\w*)\b[^.;]{0,30}\bright atri\w*", _I)

# ------------------------------------------------------------------ incision and drainage of an abscess
_ID = re.compile(r"\b(incision and drainage|i\s?&\s?d)\b", _I)
_ABSCESS = re.compile(r"\b(abscess\w*|fluctuan\w*|purulen\w*)\b", _I)
# 0J9 Drainage of subcutaneous tissue and fascia: (region words, right value, left value or "" when none)
_REGIONS: tuple[tuple[re.Pattern[str], str, str], ...] = tuple(
    (re.compile(p, _I), r, left) for p, r, left in (
    (r"\b(foot|feet|heel|toe)\b", "Q", "R"), (r"\b(lower leg|calf|shin)\b", "N", "P"),
    (r"\b(thigh|upper leg)\b", "L", "M"), (r"\bhand\b", "J", "K"), (r"\b(forearm|lower arm)\b", "G", "H"),
    (r"\b(upper arm|axilla\w*)\b", "D", "F"), (r"\bneck\b", "4", "5"), (r"\bbuttock\w*|gluteal\b", "9", ""),
    (r"\b(chest wall|breast)\b", "6", ""), (r"\bback\b", "7", ""), (r"\babdominal wall\b", "8", ""),
    (r"\bperine\w*", "B", ""),
))

# ------------------------------------------------------------------ cardioversion, angiography, EGD
_CARDIOVERSION = re.compile(r"\b(?:dc |electrical |synchronized |external )*cardioversion\b", _I)
_CHEMICAL = re.compile(r"\b(chemical|pharmacolog\w*|amiodarone|ibutilide|procainamide)\b", _I)
_ANGIOGRAPHY = re.compile(r"\b(?:selective )?coronary angiogra\w*|\bcoronary arteriogra\w*", _I)
_SINGLE = re.compile(r"\b(single|one) (?:coronary )?(?:artery|vessel)\b", _I)
_EGD = re.compile(r"\b(egd|esophagogastroduodenoscopy|upper endoscopy)\b", _I)
_EX_LAP = re.compile(r"\b(?:exploratory laparotomy|ex(?:ploratory)? lap)\b", _I)
_IVC_FILTER = re.compile(r"\b(?:ivc|inferior vena cava)\s+filter\b", _I)
_NEPHROSTOMY = re.compile(r"\bnephrostomy(?: tube)?\b", _I)
_DEBRIDEMENT = re.compile(r"\bexcisional debridement\b|\bdebridement\b[^.;]{0,40}\bexcisional\b", _I)
_NON_EXCISIONAL = re.compile(r"\bnon-?excisional\b", _I)
# (region words, subcutaneous right/left (one value: no side), muscle right/left or "")
_DEBRIDE_REGIONS: tuple[tuple[re.Pattern[str], str, str, str, str], ...] = tuple(
    (re.compile(p, _I), sr, sl, mr, ml) for p, sr, sl, mr, ml in (
        (r"\b(?:foot|heel|toes?|plantar|metatarsal\w*|forefoot|midfoot)\b", "Q", "R", "V", "W"),
        (r"\b(?:lower leg|calf|shin|ankle|malleol\w*|pretibial)\b", "N", "P", "S", "T"),
        (r"\b(?:thigh|upper leg)\b", "L", "M", "Q", "R"),
        (r"\b(?:sacr\w*|coccyx|coccygeal|buttocks?|gluteal|ischi\w*)\b", "9", "9", "", ""),
        (r"\b(?:hand|fingers?|palm)\b", "J", "K", "C", "D"),
        (r"\b(?:forearm|lower arm)\b", "G", "H", "9", "B"),
        (r"\b(?:abdomen|abdominal wall|pannus)\b", "8", "8", "", ""),
        (r"\bback\b", "7", "7", "", ""),
    ))
_MUSCLE = re.compile(r"\bmuscle\b", _I)
_SUBCUTANEOUS = re.compile(r"\b(?:subcutaneous|subq|fat|adipose|fascia\w*)\b", _I)
_BONE_DEPTH = re.compile(r"\b(?:to|into|including|down to|through)\s+(?:the\s+)?bone\b", _I)
_NOTE_TYPES = ("procedure", "operative", "endoscopy", "op note", "cath")

# ------------------------------------------------------------------ dialysis this stay
_DIALYSIS = re.compile(r"\b(?:urgent|emergent|emergency|stat|inpatient)\s+(?:hemodialysis|hd|dialysis)\b|"
                       r"\b(?:underwent|received|required|initiated on|started on)\s+(?:urgent\s+)?"
                       r"(?:hemodialysis|hd|dialysis)\b|"
                       r"\b(?:hemodialysis|hd)\s+(?:was\s+)?(?:performed|done|sessions?|"
                       r"on \d{1,2}/\d{1,2})\b", _I)
# "after missing two HD sessions": sessions missed are none done (Z91.15-, stated.py).
_MISSED = re.compile(r"\b(miss\w*|skip\w*)\b", _I)
_CRRT = re.compile(r"\b(crrt|cvvhd?f?|continuous renal replacement)\b", _I)

# A cheap first look (substrings of the lower-cased text; a regex alternation over a 20-page record
# costs ~9 ms) before any sentence is cut or matched.
_KEYS = ("cardioversion", "angiogra", "arteriogra", "egd", "esophagogastroduodenoscopy", "upper endoscopy",
         "orif", "open reduction", "biops", "central", "cvc", "lumen", "picc", "dialysis", " hd", "crrt",
         "cvvh", "continuous renal", "incision and drainage", "i&d", "i & d", "laparotomy", "ex lap",
         "filter", "nephrostomy", "debridement")


class _Cue:
    """`search(text)`: whether the text holds any of _KEYS (the interface of a compiled pattern)."""

    @staticmethod
    def search(text: str) -> bool:
        low = text.lower()
        return any(k in low for k in _KEYS)


_ANY = _Cue()


def _before(text: str, m: re.Match[str], n: int = 30) -> str:
    return text[max(0, m.start() - n): m.start()]


def op_note_procedures(release: Any, enc: Any, sentences_of: Any) -> list[Stated]:
    """The procedures of the module docstring, one Stated each, with the note's date."""
    out: dict[str, Stated] = {}

    def add(code: str, d: int, s: Any, m: re.Match[str], date: str) -> None:
        if code not in out and release.pcs(code) is not None:
            out[code] = Stated(code, d, s.start, s.end, m.group(0), s.start + m.start(), s.start + m.end(),
                               date)

    for d, doc in enumerate(enc.documents):
        if not _ANY.search(doc.text):
            continue
        date = (doc.date or "")[:10]
        scoped = bool(_SCOPE.search(doc.text))
        doc_side = first_side(doc.text)
        for s in sentences_of(doc.text, d):
            t = s.text
            if s.section_kind in NOT_THIS_STAY or not _ANY.search(t):
                continue
            if (m := _ORIF.search(t)) and not _NOT.search(_before(t, m)):
                side = first_side(t) or doc_side
                device = "6" if _IM.search(t) else "4"
                for pattern, system, right, left in _BONES:
                    if pattern.search(t) and side:
                        add(f"0{system}S{right if side == 'right' else left}0{device}Z", d, s, m, date)
                        if not _BOTH_MALLEOLI.search(t):
                            break
                if _BOTH_MALLEOLI.search(t) and side:
                    add(f"0QS{'G' if side == 'right' else 'H'}04Z", d, s, m, date)
                    add(f"0QS{'J' if side == 'right' else 'K'}04Z", d, s, m, date)
            if scoped and (m := _BIOPSY.search(t)) and not _NOT.search(_before(t, m, 15)):
                plain = _PYLORI.sub(" ", t)  # the organism names no part of the stomach
                at = plain.find(m.group(0))
                rest, before = plain[max(at, 0):], plain[max(0, at - 40): max(at, 0)]
                for pattern, value in _GI_PARTS:
                    if pattern.search(rest) or pattern.search(before):
                        add(f"0DB{value}8ZX", d, s, m, date)
                        break
            if (m := _CVC.search(t)) and _PLACED.search(t) and not _PORT.search(t) \
                    and not _NOT.search(_before(t, m)):
                add("02H633Z" if _ATRIUM.search(t) else "02HV33Z", d, s, m, date)
            if (m := _ID.search(t)) and _ABSCESS.search(t) and not _NOT.search(_before(t, m, 15)):
                side = first_side(t) or doc_side
                for pattern, right, left in _REGIONS:
                    if pattern.search(t):
                        value = right if not left or side == "right" else left if side == "left" else ""
                        if value:
                            add(f"0J9{value}0ZZ", d, s, m, date)
                        break
            if (m := _CARDIOVERSION.search(t)) and not _CHEMICAL.search(t) and not _NOT.search(_before(t, m)):
                add("5A2204Z", d, s, m, date)  # Restoration of cardiac rhythm, single (5A2)
            if (m := _ANGIOGRAPHY.search(t)) and not _NOT.search(_before(t, m)):
                add("B2101ZZ" if _SINGLE.search(t) else "B2111ZZ", d, s, m, date)  # fluoroscopy, low osmolar
            if (m := _EGD.search(t)) and any(k in (doc.type or "").lower() for k in _NOTE_TYPES) \
                    and not _NOT.search(_before(t, m)):
                add("0DJ08ZZ", d, s, m, date)  # B3.11a: dropped beside a definitive procedure of the note
            if (m := _EX_LAP.search(t)) and any(k in (doc.type or "").lower() for k in _NOTE_TYPES) \
                    and not _NOT.search(_before(t, m)):
                add("0WJG0ZZ", d, s, m, date)  # B3.11a: dropped beside a definitive procedure of the note
            if (m := _IVC_FILTER.search(t)) and not re.search(r"\b(remov\w*|retriev\w*)\b", t, _I) \
                    and not _NOT.search(_before(t, m)):
                add("06H03DZ", d, s, m, date)
            if (m := _NEPHROSTOMY.search(t)) and re.search(r"\b(plac\w*|insert\w*)\b", t, _I) \
                    and not _NOT.search(_before(t, m)) and (side := first_side(t) or doc_side):
                add("0T9030Z" if side == "right" else "0T9130Z", d, s, m, date)
            if (m := _DEBRIDEMENT.search(t)) and not _NON_EXCISIONAL.search(t) and not _BONE_DEPTH.search(t) \
                    and not _NOT.search(_before(t, m)):
                side = first_side(t) or doc_side
                for pattern, sr, sl, mr, ml in _DEBRIDE_REGIONS:
                    if not pattern.search(t):
                        continue
                    if _MUSCLE.search(t) and mr:
                        value = mr if side == "right" else ml if side == "left" else ""
                        if value:
                            add(f"0KB{value}0ZZ", d, s, m, date)
                    elif _SUBCUTANEOUS.search(t) or _MUSCLE.search(t):
                        value = sr if side == "right" or sr == sl else sl if side == "left" else ""
                        if value:
                            add(f"0JB{value}0ZZ", d, s, m, date)
                    break
            if (m := _CRRT.search(t)) and not _NOT.search(_before(t, m)):
                add("5A1D90Z", d, s, m, date)
            elif (m := _DIALYSIS.search(t)) and not _NOT.search(_before(t, m, 15)) and not _MISSED.search(t):
                add("5A1D70Z", d, s, m, date)
    return list(out.values())
