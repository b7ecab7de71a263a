"""Pregnancy on the maternal record (ICD-10-CM Official Guidelines I.C.15): chapter 15 codes take
precedence over other chapters' codes for the same condition.

- Gestational diabetes (I.C.15.g; E08-E13 Excludes1 "gestational diabetes (O24.4-)") is O24.4-, never
  E11: "in pregnancy" (O24.41-) or, on a delivery record, "in childbirth" (O24.42-), with its control
  (diet 0, insulin 4, oral hypoglycemic drugs 5, unspecified 9; I.C.15.g: insulin and oral drugs both
  used: insulin controlled).
- Z33.1 "Pregnant state, incidental" (I.C.15.a.1) is for a pregnancy incidental to the stay: never on a
  record that codes the pregnancy with chapter 15 codes or a delivery.
- On a delivery record: the weeks of gestation Z3A.- (I.C.15.b.4... Z3A on the maternal record), the
  outcome of delivery Z37.- (I.C.15.b.5: every delivery record), and a spontaneous vaginal delivery's
  procedure 10E0XZZ; never the newborn's own Z38.- (I.C.16: newborn record only).
- I.C.15.a.3 (final character for trimester): when a delivery occurs during the stay and the obstetric
  complication has an "in childbirth" option, that code (gestational hypertension O13.4, mild pre-eclampsia
  O14.04, anemia O99.02), not the trimester's.
"""

from __future__ import annotations

import re
from typing import Any

from workbench.record.sections import NOT_THIS_STAY

_I = re.IGNORECASE
_GESTATIONAL = re.compile(r"\b(gestational diabet\w*|gdm|diabetes[^.;]{0,20}\bof pregnancy)\b", _I)
_DELIVERED = re.compile(r"\b(deliver\w*|cesarean|c-section|svd|nsvd|liveborn)\b", _I)
_CONTROL = ((re.compile(r"\binsulin\b", _I), "4"),
            (re.compile(r"\b(metformin|glyburide|oral (?:hypoglycemic|agent|medication)\w*)\b", _I), "5"),
            (re.compile(r"\bdiet\b", _I), "0"))


_WEEKS = re.compile(r"\b(\d{2})\s*(?:\+\s*\d\s*|and \d days? )?(?:weeks?|wks?|w(?=\s*\d\s*d\b))"
                    r"(?:\s*\d\s*d(?:ays?)?)?\b"
                    r"(?:[^.;]{0,20}\b(?:gestation|ega|ga|pregnan\w*)\b)?", _I)
_GESTATION_SAID = re.compile(r"\b(gestation\w*|pregnan\w*|iup|ega|ga|deliver\w*|g\d+(?:\s*p\d+)?)\b", _I)
_OUTCOMES = ((re.compile(r"\btwins?\b[^.;]{0,30}\bliveborn\b|\bliveborn twins\b", _I), "Z372"),
             (re.compile(r"\bstillborn\b|\bstillbirth\b|\bfetal demise\b", _I), "Z371"),
             (re.compile(r"\b(?:single )?liveborn\b|\bsingle live birth\b|"
                         r"\blive (?:born )?(?:male|female|infant)\b", _I), "Z370"))
_VAGINAL = re.compile(r"\b(?:spontaneous |normal |uncomplicated )?vaginal delivery\b|\bn?svd\b", _I)
# I.C.15: the degree of a perineal laceration during delivery (O70.0-O70.3; third degree unspecified O70.20)
_LACERATION = re.compile(r"\b(first|1st|second|2nd|third|3rd|fourth|4th)[- ]degree\b[^.;]{0,20}?"
                         r"\b(?:perineal )?(?:laceration|tear)\b", _I)
_DEGREES = {"first": "O700", "1st": "O700", "second": "O701", "2nd": "O701", "third": "O7020", "3rd": "O7020",
            "fourth": "O703", "4th": "O703"}
# Extraction of products of conception (10D07Z-): outlet and low forceps 3, mid 4, high 5
_FORCEPS = re.compile(r"\b(?:(outlet|low|mid|high)[- ])?forceps(?:[- ]assisted)?\b(?=[^.;]{0,40}\bdeliver)|"
                      r"\bforceps (?:assisted )?(?:vaginal )?delivery\b", _I)
_NO_FORCEPS = re.compile(r"\b(no|not|without|failed)\b", _I)
_FORCEPS_CODES = {"outlet": "10D07Z3", "low": "10D07Z3", "mid": "10D07Z4", "high": "10D07Z5"}
_OPERATIVE = re.compile(r"\b(cesarean|c-section|forceps|vacuum)\b", _I)


def delivery(release: Any, enc: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """Z3A weeks, Z37 outcome and 10E0XZZ for a delivery the maternal record states (module docstring)."""
    from workbench.record.suggest import stated_suggestion
    from workbench.record.text import sentences

    if not _maternal(enc):
        return []
    texts = " ".join(d.text for d in enc.documents)
    delivered = bool(_DELIVERED.search(texts)) or any(c.startswith(("O80", "O82", "Z37")) for c in coded)
    pregnant = delivered or any(c.startswith("O") for c in coded | {s.code for s in sugs if s.system == "CM"})
    if not pregnant:
        return []
    # The weeks the record states replace the search's reading of "weeks gestation" (I.C.21.c.11: Z3A
    # on every maternal record with a chapter-15 code, delivered or not).
    have = coded | {s.code for s in sugs if not s.code.startswith("Z3A")}
    out: list[Any] = []

    def add(code: str, system: str, doc: Any, d: int, s: Any, m: re.Match[str]) -> None:
        if code in have:
            return
        if code[:3] in ("Z3A", "Z37") and any(c[:3] == code[:3] for c in have if system == "CM"):
            return  # one weeks code, one outcome code
        new = stated_suggestion(release, code, doc, d, s, m, system=system, date=(doc.date or "")[:10])
        if new is not None:
            out.append(new)
            have.add(code)

    for d, doc in enumerate(enc.documents):
        for s in sentences(doc.text, d):
            if s.section_kind in NOT_THIS_STAY:
                continue
            m = _WEEKS.search(s.text)
            if m and _GESTATION_SAID.search(s.text):
                n = int(m.group(1))
                if 8 <= n <= 42:
                    add(f"Z3A{n:02d}", "CM", doc, d, s, m)
                elif n > 42 and n < 50:
                    add("Z3A49", "CM", doc, d, s, m)
            if not delivered:
                continue
            if (m := _LACERATION.search(s.text)) is not None:
                add(_DEGREES[m.group(1).lower()], "CM", doc, d, s, m)
            for pattern, code in _OUTCOMES:
                if (m := pattern.search(s.text)) is not None:
                    add(code, "CM", doc, d, s, m)
                    break
            m = _FORCEPS.search(s.text)
            if m and not _NO_FORCEPS.search(s.text[max(0, m.start() - 25):m.start()]):
                add(_FORCEPS_CODES.get((m.group(1) or "low").lower(), "10D07Z3"), "PCS", doc, d, s, m)
            m = _VAGINAL.search(s.text)
            if m and not _OPERATIVE.search(s.text):
                add("10E0XZZ", "PCS", doc, d, s, m)
    return out


def _maternal(enc: Any) -> bool:
    """The mother's record (I.C.15.a): a female patient of childbearing age, not a newborn admission."""
    age = enc.age_years()
    return (enc.sex or "").upper().startswith("F") and (age is None or age >= 9) \
        and "newborn" not in (enc.admission_type or "").lower()


def pregnancy(release: Any, enc: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """The suggestions held to I.C.15 (module docstring)."""
    from workbench.record.combinations import make

    read: list[bool] = []  # the whole record read for a delivery once, when a rule below first asks

    def delivered() -> bool:
        if not read:
            read.append(any(c.startswith(("O80", "O82", "Z37", "10D", "10E")) for c in coded)
                        or bool(_DELIVERED.search(" ".join(d.text for d in enc.documents))))
        return read[0]

    chapter_15 = any(c.startswith("O") for c in coded) or any(
        s.system == "CM" and s.code.startswith("O") for s in sugs)
    out = []
    said = delivery(release, enc, sugs, coded)
    if any(s.code.startswith("Z3A") for s in said):
        sugs = [s for s in sugs if not s.code.startswith("Z3A")]
    sugs = [*sugs, *said]
    for s in sugs:
        if s.system != "CM":
            out.append(s)
            continue
        if s.code == "Z331" and (chapter_15 or delivered()) or s.code.startswith("Z38") and delivered() \
                and _maternal(enc):
            continue
        if s.code.startswith("O") and "trimester" in s.title.lower() and _maternal(enc) and delivered() \
                and (birth := _in_childbirth(release, s.code, s.title)) is not None:
            new = make(release, s, birth)
            if new is not None:
                s = new
        if s.code[:3] in ("E08", "E09", "E10", "E11", "E13") and _GESTATIONAL.search(s.evidence.text):
            control = next((v for p, v in _CONTROL if p.search(s.evidence.text)), "9")
            new = make(release, s, f"O24.4{'2' if delivered() else '1'}{control}".replace(".", ""))
            if new is not None and new.code not in coded:
                out.append(new)
            continue
        out.append(s)
    return out + _endocrine_in_childbirth(release, enc, out, coded, delivered)


# Thyroid (E00-E07) and other endocrine glands (E20-E35): O99.28- "Endocrine, nutritional and metabolic
# diseases complicating pregnancy, childbirth and the puerperium" (its own notes send diabetes to O24,
# obesity to O99.21-, malnutrition to O25).
_ENDOCRINE = ("E00", "E01", "E02", "E03", "E04", "E05", "E06", "E07", "E20", "E21", "E22", "E23", "E24",
              "E25", "E26", "E27", "E28", "E29", "E30", "E31", "E32", "E34", "E35")


def _endocrine_in_childbirth(release: Any, enc: Any, sugs: list[Any], coded: set[str],
                             delivered: Any) -> list[Any]:
    """I.C.15.a.1: a thyroid or other endocrine condition on a delivery record is O99.284 "complicating
    childbirth", with the condition's own code beside it ("Hypothyroidism - continue levothyroxine")."""
    from workbench.record.combinations import make

    have = coded | {s.code for s in sugs if s.system == "CM"}
    if any(c.startswith("O9928") for c in have) or not _maternal(enc):
        return []
    first = next((s for s in sugs if s.system == "CM" and s.kind == "code" and s.code.startswith(_ENDOCRINE)),
                 None)
    if first is None or not delivered():
        return []
    new = make(release, first, "O99284")
    return [new] if new is not None else []


_TRIMESTER = re.compile(r"\b(?:first|second|third|unspecified) trimester\b", _I)
_STATE_WORDS = frozenset({"complicating", "in", "pregnancy", "childbirth"})


def _key(title: str) -> str:
    """A title without its trimester or childbirth words ("Anemia complicating pregnancy, third trimester" and
    "Anemia complicating childbirth" read alike)."""
    words = _TRIMESTER.sub(" ", title.lower()).replace(",", " ").split()
    return " ".join(w for w in words if w not in _STATE_WORDS)


def _in_childbirth(release: Any, code: str, title: str) -> str | None:
    """The "in childbirth" / "complicating childbirth" code of the same complication, or None."""
    from workbench.record.specific import _leaves

    mine = _key(title)
    for other, other_title, *_rest in _leaves(release, code[:3]):
        low = other_title.lower()
        if other != code and "childbirth" in low and "trimester" not in low and _key(other_title) == mine:
            return str(other)
    return None
