"""Procedures a note states in words the code search does not build axis by axis: each read from the
note's own words, the ICD-10-PCS table deciding the characters (body part, approach, device, qualifier).

- Mechanical ventilation (table 5A1, Assistance/Performance): the consecutive hours the note states or
  the intubation and extubation times give: less than 24 hours 5A1935Z, 24-96 hours 5A1945Z, more than
  96 hours 5A1955Z (ICD-10-PCS Reference Manual; counting from intubation, Coding Clinic 4Q 2014).
  Non-invasive ventilation alone (BiPAP, CPAP) is not this table.
- Hip replacement (0SR): hemiarthroplasty replaces the femoral surface (R right, S left), a total hip
  the joint (9, B); "cemented" qualifier 9, "uncemented" / "press-fit" A, neither Z.
- Coronary dilation (027): one to four or more arteries stented in the note; "drug-eluting" / DES
  device 4, any other stent D; percutaneous.
- Cardiac catheterization (4A023N-): left heart 7, right heart 6, both 8.
- Therapies and bedside procedures (`therapies`): transfusion of red cells, platelets or plasma (302-),
  thrombolytic (3E03317), chemotherapy infusion (3E0-305), NG decompression (0D9670Z), ureteroscopic
  lithotripsy (0TF-8ZZ), toe amputation (0Y6-0Z0), perineal laceration repair (0HQ9XZZ, 0KQM0ZZ) and
  non-invasive ventilation and high-flow nasal cannula with stated hours (5A09-57, 5A09-5A); a blood
  product counted in units ("2 units PRBC") was transfused; never where the sentence says it was not done,
  deferred or done before this stay.
- Esophageal variceal band ligation: Occlusion of the esophageal vein with an extraluminal device,
  endoscopic (06L38CZ); endoscopic clips on a bleeding GI lesion: Control bleeding in the GI tract
  (0W3P8ZZ, ICD-10-PCS guideline B3.7); a ureteral stent by cystoscopy: Dilation of the ureter with an
  intraluminal device (0T7-8DZ, 6 right, 7 left, 8 both).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from workbench.record.course_procedures import NOT_NOW, done_this_stay
from workbench.record.sections import NOT_THIS_STAY, NOT_THIS_STAY_NOR_HPI
from workbench.record.text import FirstLook

_I = re.IGNORECASE


@dataclass(frozen=True, slots=True)
class Stated:
    code: str
    document: int
    start: int  # the sentence, offsets in the document
    end: int
    phrase: str
    phrase_start: int
    phrase_end: int
    date: str


# -------------------------------------------------------------------- mechanical ventilation

_VENT_WORDS = re.compile(r"\b(ventilat\w*|intubat\w*|extubat\w*)\b", _I)
_NON_INVASIVE = re.compile(r"\b(non-?invasive|bipap|cpap|high[- ]flow)\b", _I)
_INVASIVE = re.compile(r"\b(intubat\w*|mechanical\w*|invasive mechanical|ventilator|ett|endotracheal|"
                       r"tracheostomy)\b", _I)
_NOT_DONE = re.compile(r"\b(not|never|no|declined|refused|avoid\w*|without|dnr/dni|dni)\b[^.;]{0,25}"
                       r"\b(intubat\w*|ventilat\w*)", _I)
_HOURS = re.compile(
    r"\b(\d{1,4}(?:\.\d+)?)\s*(hours?|hrs?|h|days?)\s+(?:of\s+)?(?:invasive\s+|mechanical\s+|ventilator\s+)*"
    r"(?:ventilat\w*|ventilator support)\b"
    r"|\b(?:ventilated|ventilation|on (?:the )?(?:mechanical )?ventilator|intubated)\b[^.;]{0,25}?\b"
    r"(?:for\s+)?"
    r"(\d{1,4}(?:\.\d+)?)\s*(hours?|hrs?|days?)\b", _I)
_DATE_TIME = r"(?:on\s+)?(\d{1,2})/(\d{1,2})(?:/\d{2,4})?(?:\s+(?:at\s+)?(\d{1,2}):?(\d{2})\b)?"
_INTUBATED = re.compile(r"\bintubated\s+" + _DATE_TIME, _I)
_EXTUBATED = re.compile(r"\b(?:extubated|liberated from (?:the )?(?:mechanical )?ventilat\w*|"
                        r"weaned off (?:the )?ventilator)\s+" + _DATE_TIME, _I)


def ventilation_code(hours: float) -> str:
    """5A1935Z / 5A1945Z / 5A1955Z for consecutive hours (ICD-10-PCS table 5A1)."""
    if hours < 24:
        return "5A1935Z"
    return "5A1945Z" if hours <= 96 else "5A1955Z"


def _when(m: re.Match[str], year: int) -> dt.datetime | None:
    try:
        day = dt.datetime(year, int(m.group(1)), int(m.group(2)))
    except ValueError:
        return None
    if m.group(3):
        hh, mm = int(m.group(3)), int(m.group(4) or 0)
        if hh < 24 and mm < 60:
            day = day.replace(hour=hh, minute=mm)
    return day


def ventilation(enc: Any, sentences_of: Any) -> list[Stated]:
    """The ventilation code the record's stated hours (or intubation/extubation times) give, once."""
    year = (enc.admit_date or enc.discharge_date or dt.date.today()).year
    best: tuple[float, Stated] | None = None
    start_at: tuple[dt.datetime, Any, int, Any] | None = None
    for d, doc in enumerate(enc.documents):
        if not _VENT_WORDS.search(doc.text):
            continue
        for s in sentences_of(doc.text, d):
            if s.section_kind in NOT_THIS_STAY \
                    or not _VENT_WORDS.search(s.text) or _NOT_DONE.search(s.text):
                continue
            if _NON_INVASIVE.search(s.text) and not _INVASIVE.search(s.text):
                continue
            for m in _HOURS.finditer(s.text):
                n, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
                hours = float(n) * (24 if unit.lower().startswith("d") else 1)
                st = Stated(ventilation_code(hours), d, s.start, s.end, m.group(0), s.start + m.start(),
                            s.start + m.end(), (doc.date or "")[:10])
                if best is None or hours > best[0]:
                    best = (hours, st)
            on = _INTUBATED.search(s.text)
            if on is not None and (t := _when(on, year)) is not None and start_at is None:
                start_at = (t, doc, d, s)
            off = _EXTUBATED.search(s.text) if start_at is not None else None
            if start_at is not None and off is not None and (t := _when(off, year)) is not None:
                hours = (t - start_at[0]).total_seconds() / 3600
                if hours > 0 and (best is None or hours > best[0]) and not _HOURS.search(s.text):
                    t0 = start_at[0]
                    st = Stated(ventilation_code(hours), d, s.start, s.end, off.group(0),
                                s.start + off.start(), s.start + off.end(), t0.date().isoformat())
                    best = (hours, st)
    return [best[1]] if best is not None else []


# -------------------------------------------------------------------- procedures stated in words

_SIDE = re.compile(r"\b(right|left|rt|lt|bilateral)\b", _I)
_HEMI = re.compile(r"\bhemiarthroplast\w*\b", _I)
_TOTAL_HIP = re.compile(r"\btotal hip (?:arthroplast\w*|replacement)\b|\bTHA\b", _I)
_UNCEMENTED = re.compile(r"\b(uncemented|cementless|non-?cemented|press[- ]fit)\b", _I)
# 0SR9 / 0SRB device (ICD-10-PCS Device Key): the bearing surface the note names; "J" when it names none.
_HEAD = r"(?:femoral )?head\b"
_LINER = r"\bpoly(?:ethylene)? liner\b"


def _pair(head: str) -> re.Pattern[str]:
    """"<head> on polyethylene", or a <head> head and a polyethylene liner named anywhere in the note."""
    return re.compile(rf"\b{head}\b[^.;]{{0,30}}\bon\b[^.;]{{0,25}}\bpoly(?:ethylene)?\b|"
                      rf"\b{head} {_HEAD}(?=[\s\S]*{_LINER})|{_LINER}(?=[\s\S]*\b{head} {_HEAD})", _I)


_BEARINGS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("6", re.compile(r"\b(oxidized zirconium|oxinium)\b", _I)),
    ("4", _pair("ceramic")),
    ("3", re.compile(r"\bceramic[- ]on[- ]ceramic\b", _I)),
    ("2", _pair(r"(?:metal|cobalt[- ]chrom\w*)")),
    ("1", re.compile(r"\bmetal[- ]on[- ]metal\b", _I)),
)


def hip_bearing(text: str) -> str:
    """The device value of a total hip's bearing surface the note names (Device Key), else J."""
    return next((v for v, p in _BEARINGS if p.search(text)), "J")
_CEMENTED = re.compile(r"\bcemented\b", _I)
_STENT = re.compile(r"\b(stent\w*|pci|ptca|angioplasty|percutaneous coronary intervention)\b", _I)
_STENT_DONE = re.compile(r"\b(stent\w*)\b[^.;]{0,40}\b(deployed|placed|implanted)\b|\b(placement|deployment|"
                         r"implantation) of\b[^.;]{0,40}\bstent|\bstent(?:ed|ing)\b|"
                         r"\b(?:pci|ptca|angioplasty)\b"
                         r"[^.;]{0,60}\b(?:with|and)\b[^.;]{0,30}\bstent|"
                         r"\btreated with (?:an? |one |two |three |\d )?"
                         r"(?:drug[- ]eluting |bare[- ]metal |des )?(?:coronary )?stents?\b", _I)
_NO_STENT = re.compile(r"\b(no|not|without|defer\w*|declin\w*|medical management)\b[^.;]{0,30}"
                       r"\b(stent\w*|pci|intervention)\b", _I)
_DES = re.compile(r"\b(drug[- ]eluting|des|everolimus|zotarolimus|sirolimus)\b", _I)
_VESSELS = (("lad", re.compile(r"\b(lad|left anterior descending)\b", _I)),
            ("lcx", re.compile(r"\b(lcx|circumflex|cx)\b", _I)),
            ("rca", re.compile(r"\b(rca|right coronary)\b", _I)),
            ("om", re.compile(r"\b(om\d?|obtuse marginal)\b", _I)),
            ("diag", re.compile(r"\b(d\d|diagonal)\b", _I)),
            ("ramus", re.compile(r"\bramus\b", _I)),
            ("pda", re.compile(r"\b(pda|posterior descending)\b", _I)),
            ("lm", re.compile(r"\bleft main\b", _I)))
_CATH = re.compile(r"\b(right and left|left and right|bilateral|left|right)\s+heart\s+cath\w*", _I)
_BANDING = re.compile(r"\b(band(?:ing|ed)?\s+ligation|banding|bands?\s+(?:were\s+|was\s+)?placed|banded)\b",
                      _I)
_VARICES = re.compile(r"\b(esophageal|distal esophag\w*)\b[^.;]{0,30}\bvaric\w*|\bvariceal\b", _I)
_GASTRIC_VARICES = re.compile(r"\bgastric varic\w*", _I)
_CLIPS = re.compile(r"\b(endo)?clips?\b|\bhemoclips?\b|\bclipp(?:ing|ed)\b", _I)
_BLEEDING = re.compile(r"\b(bleed\w*|hemostasis|hemorrhag\w*|visible vessel)\b", _I)
_PLACED = re.compile(r"\b(placed|placement|inserted|insertion)\b", _I)
_REMOVED = re.compile(r"\b(remov\w*|exchang\w*)\b", _I)
_URETERAL_STENT = re.compile(r"\bureteral stent\b|\bdouble[- ]j\b", _I)
_NEGATED = re.compile(r"\b(no|not|without|declined|deferred|refused|planned|will|consider\w*|recommend\w*)\b",
                      _I)


def _side(text: str) -> str:
    m = _SIDE.search(text)
    if m is None:
        return ""
    w = m.group(1).lower()
    return {"rt": "right", "lt": "left"}.get(w, w)


# Lysis of adhesions: Release (0DN) of the bowel freed, small intestine 8 unless the colon is said (E), the
# peritoneum W when no bowel is; laparoscopic 4, else open 0.
_ADHESIOLYSIS = re.compile(r"\b(lysis of (?:\w+ ){0,2}adhesions|adhesiolysis|lysis of adhesion)\b", _I)
_SMALL_BOWEL = re.compile(r"\b(small bowel|small intestin\w*|sbo|ileum|jejunum)\b", _I)
_LARGE_BOWEL = re.compile(r"\b(large bowel|colon\w*|lbo)\b", _I)
_LAPAROSCOPIC = re.compile(r"\b(laparoscop\w*|lap)\b", _I)
# Image-guided drainage of an abscess or collection with a drain left: Drainage with a drainage device (0),
# percutaneous (3), of the cavity said (pelvic 0W9J, peritoneal 0W9G, liver 0F90).
_PERC_DRAIN = re.compile(r"\b(?:percutaneous|ct[- ]guided|us[- ]guided|ultrasound[- ]guided|image[- ]guided|"
                         r"ir)\b[^.;]{0,40}\bdrain(?:age)?\b", _I)
_DRAIN_LEFT = re.compile(r"\b(drain (?:placement|placed|left|in place)|pigtail|drainage catheter|"
                         r"with (?:a )?drain)\b", _I)
_CAVITIES = ((re.compile(r"\bpelvi[cs]\b", _I), "0W9J3"), (re.compile(r"\b(liver|hepatic)\b", _I), "0F903"),
             (re.compile(r"\b(peritoneal|intra-?abdominal|abdominal)\b", _I), "0W9G3"))
# Kyphoplasty and vertebroplasty: Supplement of the vertebra with synthetic substitute (cement), percutaneous
# (Coding Clinic 3Q 2014: the balloon of a kyphoplasty is part of it): cervical 0PU3, thoracic 0PU4,
# lumbar 0QU0.
_KYPHOPLASTY = re.compile(r"\b(kyphoplast\w*|vertebroplast\w*)\b", _I)
_LEVELS = ((re.compile(r"\b(?:l[1-5]|lumbar)\b", _I), "0QU03JZ"),
           (re.compile(r"\b(?:t(?:[1-9]|1[0-2])|thoracic)\b", _I), "0PU43JZ"),
           (re.compile(r"\b(?:c[1-7]|cervical)\b", _I), "0PU33JZ"))

# One pass over a document decides whether any reading can fire in it (most documents state none).
_ANY = FirstLook(re.compile("|".join(f"(?:{p.pattern})" for p in (
    _HEMI, _TOTAL_HIP, _STENT, _CATH, _BANDING, _CLIPS, _URETERAL_STENT, _ADHESIOLYSIS, _PERC_DRAIN,
    _KYPHOPLASTY)), _I))


def _summary(enc: Any, d: int) -> bool:
    return "discharge" in (enc.documents[d].type or "").lower()


def stated_procedures(enc: Any, sentences_of: Any) -> list[Stated]:
    """The procedures of the module docstring, each once, from the first sentence that states it."""
    out: dict[str, Stated] = {}
    coronary: Stated | None = None

    def add(code: str, d: int, s: Any, m: re.Match[str], date: str) -> None:
        # The procedure note's sentence (and date) over the discharge summary's retelling.
        have = out.get(code)
        if have is None or _summary(enc, have.document) and not _summary(enc, d):
            out[code] = Stated(code, d, s.start, s.end, m.group(0), s.start + m.start(), s.start + m.end(),
                               date)

    for d, doc in enumerate(enc.documents):
        date = (doc.date or "")[:10]
        text = doc.text
        if not _ANY.search(text):
            continue
        vessels: set[str] = set()
        stent_at: tuple[Any, re.Match[str]] | None = None
        des = False
        for s in sentences_of(text, d):
            if s.section_kind in NOT_THIS_STAY_NOR_HPI:
                continue
            t = s.text
            if not _ANY.search(t):
                continue
            if (m := _HEMI.search(t)) and "hip" in t.lower() and not _NEGATED.search(t[: m.start()]):
                side = _side(t) or _side(text)
                part = {"right": "R", "left": "S"}.get(side)
                if part:
                    q = "A" if _UNCEMENTED.search(t) else "9" if _CEMENTED.search(t) else "Z"
                    add(f"0SR{part}0J{q}", d, s, m, date)
            elif (m := _TOTAL_HIP.search(t)) and not _NEGATED.search(t[: m.start()]):
                part = {"right": "9", "left": "B"}.get(_side(t) or _side(text))
                if part:
                    q = "A" if _UNCEMENTED.search(t) else "9" if _CEMENTED.search(t) else "Z"
                    add(f"0SR{part}0{hip_bearing(text)}{q}", d, s, m, date)
            named = {name for name, p in _VESSELS if p.search(t)}
            if _STENT.search(t) and not _NO_STENT.search(t) and (named or "coronary" in t.lower()):
                if (m := _STENT_DONE.search(t)) is not None:
                    stent_at = stent_at or (s, m)
                    des = des or bool(_DES.search(t))
                    vessels |= named
            if (m := _CATH.search(t)) and not _NEGATED.search(t[: m.start()]):
                which = m.group(1).lower()
                add("4A023N" + ("7" if which == "left" else "6" if which == "right" else "8"), d, s, m, date)
            if (m := _BANDING.search(t)) and (_VARICES.search(t) or _VARICES.search(text)) \
                    and not _GASTRIC_VARICES.search(t) and not _NEGATED.search(t[: m.start()]):
                add("06L38CZ", d, s, m, date)
            if (m := _CLIPS.search(t)) and _BLEEDING.search(t) and not _NEGATED.search(t[: m.start()]):
                add("0W3P8ZZ", d, s, m, date)
            # a summary's retelling must say it was done this stay; a note's line must not plan it
            now = done_this_stay(t, enc) if _summary(enc, d) else not NOT_NOW.search(t)
            if (m := _ADHESIOLYSIS.search(t)) and now and not _NEGATED.search(t[: m.start()]):
                bowel = "8" if _SMALL_BOWEL.search(t) or _SMALL_BOWEL.search(text) else \
                    "E" if _LARGE_BOWEL.search(t) else "W"
                add(f"0DN{bowel}{'4' if _LAPAROSCOPIC.search(t) else '0'}ZZ", d, s, m, date)
            if (m := _PERC_DRAIN.search(t)) and now and not _NEGATED.search(t[: m.start()]):
                cavity = next((v for p, v in _CAVITIES if p.search(t)), None)
                if cavity:
                    add(cavity + ("0Z" if _DRAIN_LEFT.search(t) else "ZZ"), d, s, m, date)
            if (m := _KYPHOPLASTY.search(t)) and now and not _NEGATED.search(t[: m.start()]):
                level = next((v for p, v in _LEVELS if p.search(t)), None)
                if level:
                    add(level, d, s, m, date)
            if (m := _URETERAL_STENT.search(t)) and _PLACED.search(t) \
                    and not _NEGATED.search(t[: m.start()]) and not _REMOVED.search(t):
                side = _side(t)
                part = {"right": "6", "left": "7", "bilateral": "8"}.get(side)
                if part:
                    add(f"0T7{part}8DZ", d, s, m, date)
        if stent_at is not None:
            n = max(1, min(4, len(vessels)))
            s, m = stent_at
            # a stent in each artery named: guideline B4.4's "two distinct coronary arteries with placement
            # of two stents" is Two Arteries with Two Intraluminal Devices
            code = f"027{n - 1}3{('4567' if des else 'DEFG')[n - 1]}Z"
            st = Stated(code, d, s.start, s.end, m.group(0), s.start + m.start(), s.start + m.end(), date)
            # One coronary dilation a record: the procedure note's reading over the summary's.
            if coronary is None or _summary(enc, coronary.document):
                coronary = st
    if coronary is not None:
        out.setdefault(coronary.code, coronary)
    return list(out.values())


# -------------------------------------------------------------------- therapies and bedside procedures

# ("Hgb stable without transfusion", "w/o transfusion": none was given)
_NOT_GIVEN = re.compile(r"\b(no|not|without|w/o|never|declin\w*|refus\w*|outside|contraindicat\w*|ineligible|"
                        r"withheld|deferred|"
                        r"planned|will|consider\w*|recommend\w*|last|prior|previous|ago)\b", _I)
# "Transfusion of PRBC was recommended, but the patient declined blood products": offered, not given.
_DECLINED_AFTER = re.compile(r"\b(?:was|were) (?:recommended|offered|discussed|deferred|held|declined|"
                             r"refused)\b|\b(?:declined|refused)\b", _I)
_TRANSFUSION = re.compile(r"\btransfus\w*\b", _I)
_PRODUCTS = ((re.compile(r"\b(prbcs?|packed red|red (?:blood )?cells?|rbcs?|units? of blood)\b", _I), "N1"),
             (re.compile(r"\bplatelets?\b", _I), "R1"),
             (re.compile(r"\b(ffp|fresh frozen plasma|plasma)\b", _I), "L1"))
# "2 units PRBC", "2u pRBC", "1 unit of FFP": a blood product counted in units was given.
_UNITS = re.compile(r"\b(?:\d+|one|two|three|four|five|six)\s*(?:units?|u)\s+(?:of\s+)?(?:prbcs?|packed "
                    r"red|packed rbcs?|red (?:blood )?cells?|rbcs?|ffp|fresh frozen plasma|platelets?|plasma|"
                    r"blood)\b", _I)
_FOR_ANEMIA = re.compile(r"\b(anemi\w*|hgb|hemoglobin|hb|blood loss)\b", _I)
_CENTRAL = re.compile(r"\b(central|port|picc|cvc|central line)\b", _I)
_THROMBOLYTIC = re.compile(r"\b(tpa|alteplase|tenecteplase|tnk|thrombolytic\w*|thrombolysis)\b", _I)
_GIVEN = re.compile(r"\b(given|administered|received|infus\w*|bolus|iv|intravenous)\b", _I)
_CHEMO = re.compile(r"\b(chemotherapy|chemo|antineoplastic|7\s?\+\s?3|cytarabine|daunorubicin|idarubicin|"
                    r"carboplatin|cisplatin|oxaliplatin|paclitaxel|docetaxel|gemcitabine|pemetrexed|etoposide|"
                    r"doxorubicin|cyclophosphamide|fluorouracil|5-fu|folfox|folfiri|r-chop|chop|abvd)\b", _I)
_NG_SUCTION = re.compile(r"\b(ng|ngt|nasogastric)\b(?: tube)?[^.;]{0,40}\b(suction|decompress\w*|lis|lcs)\b",
                         _I)
_LITHOTRIPSY = re.compile(r"\blithotrips\w*\b", _I)
_TOE_WORDS = {"great": 1, "first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
              "4th": 4, "fifth": 5, "5th": 5, "little": 5}
_TOE = re.compile(r"\b(right|left)\s+(great|first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|little)"
                  r"\s+toe\b", _I)
_AMPUTATION = re.compile(r"\b(amputat\w*|disarticulat\w*)\b", _I)
_PERINEAL = re.compile(r"\b(first|1st|second|2nd)[- ]degree\b[^.;]{0,30}\blaceration\b", _I)
_REPAIR = re.compile(r"\brepair\w*\b", _I)
_NIV = re.compile(r"\b(bipap|cpap|nippv|non-?invasive (?:positive pressure )?ventilation)\b", _I)
_HFNC = re.compile(r"\b(high[- ]flow nasal cannula|hfnc|heated high[- ]flow|"
                   r"high[- ]flow (?:oxygen|o2|cannula))\b", _I)
_NIV_HOURS = re.compile(r"\b(?:less than 24 hours|under 24 hours|"
                        r"(\d{1,3}(?:\.\d+)?)\s*(hours?|hrs?|days?))\b", _I)


def _offered_only(text: str, m: re.Match[str]) -> bool:
    """A transfusion the sentence only recommended or offered and then declined ("Transfusion ... was
    recommended, but the patient declined blood products"); "transfused 2 units, declined a third" was
    given."""
    return m.group(0).lower() != "transfused" and not _UNITS.search(text) \
        and bool(_DECLINED_AFTER.search(text, m.end()))


def _before(text: str, m: re.Match[str]) -> str:
    """The words just before a match: where "no", "declined", "outside" would negate it."""
    return text[max(0, m.start() - 40): m.start()]


def therapies(enc: Any, sentences_of: Any) -> list[Stated]:
    """Transfusion (302-), thrombolytic (3E03317), chemotherapy infusion (3E0-305), NG decompression
    (0D9670Z), ureteroscopic lithotripsy (0TF-8ZZ), toe amputation (0Y6-0Z0), first and second degree
    perineal laceration repair (0HQ9XZZ, 0KQM0ZZ), non-invasive ventilation and high-flow nasal cannula
    with stated hours (5A09-57, 5A09-5A), each from a sentence that says it was done this stay."""
    out: dict[str, Stated] = {}

    def add(code: str, d: int, s: Any, m: re.Match[str], date: str) -> None:
        if code not in out:
            out[code] = Stated(code, d, s.start, s.end, m.group(0), s.start + m.start(), s.start + m.end(),
                               date)

    for d, doc in enumerate(enc.documents):
        if not _ANY_THERAPY.search(doc.text):
            continue
        date = (doc.date or "")[:10]
        for s in sentences_of(doc.text, d):
            t = s.text
            if s.section_kind in NOT_THIS_STAY_NOR_HPI \
                    or not _ANY_THERAPY.search(t):
                continue
            if (m := _TRANSFUSION.search(t) or _UNITS.search(t)) and not _NOT_GIVEN.search(_before(t, m)) \
                    and "not" not in t[m.end():][:20] and not _offered_only(t, m):
                prod = next((v for p, v in _PRODUCTS if p.search(t)), None) or (
                    "N1" if _FOR_ANEMIA.search(t) else None)  # "Hgb 7.9, transfused 1 unit": red cells
                if prod:
                    add(f"302{'4' if _CENTRAL.search(t) else '3'}3{prod}", d, s, m, date)
            if (m := _THROMBOLYTIC.search(t)) and _GIVEN.search(t) and not _NOT_GIVEN.search(t):
                add("3E03317", d, s, m, date)
            if (m := _CHEMO.search(t)) and _GIVEN.search(t) and not _NOT_GIVEN.search(t):
                add(f"3E0{'4' if _CENTRAL.search(t) else '3'}305", d, s, m, date)
            if (m := _NG_SUCTION.search(t)) and not _NOT_GIVEN.search(_before(t, m)):
                add("0D9670Z", d, s, m, date)
            if (m := _LITHOTRIPSY.search(t)) and re.search(r"\bureteroscop\w*|\blaser\b", t, _I) \
                    and not _NOT_GIVEN.search(_before(t, m)):
                side = _side(t)
                if re.search(r"\bureter", t, _I):
                    part = {"right": "6", "left": "7"}.get(side)
                elif re.search(r"\b(renal pelvis|kidney)\b", t, _I):
                    part = {"right": "3", "left": "4"}.get(side)
                else:
                    part = None
                if part:
                    add(f"0TF{part}8ZZ", d, s, m, date)
            if (m := _AMPUTATION.search(t)) and (toe := _TOE.search(t)) and "partial" not in t.lower() \
                    and not _NOT_GIVEN.search(_before(t, m)):
                n = _TOE_WORDS[toe.group(2).lower()]
                value = "PRTVX"[n - 1] if toe.group(1).lower() == "right" else "QSUWY"[n - 1]
                add(f"0Y6{value}0Z0", d, s, m, date)
            if (m := _PERINEAL.search(t)) and _REPAIR.search(t):
                add("0HQ9XZZ" if m.group(1).lower() in ("first", "1st") else "0KQM0ZZ", d, s, m, date)
            if (m := _NIV.search(t)) and not _INVASIVE.search(t) and not _NOT_GIVEN.search(_before(t, m)):
                h = _NIV_HOURS.search(t)
                if h is not None:
                    hours = 12.0 if h.group(1) is None else float(h.group(1)) * (
                        24 if h.group(2).lower().startswith("d") else 1)
                    add(ventilation_code(hours).replace("5A19", "5A09")[:5] + "57", d, s, m, date)
            if (m := _HFNC.search(t)) and not _NOT_GIVEN.search(_before(t, m)) and not _INVASIVE.search(t):
                h = _NIV_HOURS.search(t)
                if h is not None:  # Assistance with ventilation, high flow/velocity cannula (5A09-5A)
                    hours = 12.0 if h.group(1) is None else float(h.group(1)) * (
                        24 if h.group(2).lower().startswith("d") else 1)
                    add(ventilation_code(hours).replace("5A19", "5A09")[:5] + "5A", d, s, m, date)
    return list(out.values())


_ANY_THERAPY = FirstLook(re.compile("|".join(f"(?:{p.pattern})" for p in (
    _TRANSFUSION, _UNITS, _THROMBOLYTIC, _CHEMO, _NG_SUCTION, _LITHOTRIPSY, _AMPUTATION, _PERINEAL, _NIV,
    _HFNC)), _I))
