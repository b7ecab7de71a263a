"""Clinical text assembly: a case template plus one patient becomes an H&P, notes and a discharge summary.

The notes follow the usual layout of US inpatient documents (H&P: CC, HPI, PMH, meds, ROS, exam, data,
assessment and plan; discharge summary: diagnoses, procedures, hospital course, disposition).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from workbench.demo import people
from workbench.demo.template import Case
from workbench.model.encounter import Document

DISPOSITION_TEXT = {
    "01": "Home / self-care", "02": "Transferred to short-term acute care hospital",
    "03": "Skilled nursing facility (SNF)", "06": "Home with home health services",
    "07": "Left against medical advice (AMA)", "20": "Expired",
    "62": "Inpatient rehabilitation facility (IRF)",
}


@dataclass(frozen=True)
class Patient:
    """What the seed chose for one stay."""

    name: str
    age: int
    sex: str
    admit: dt.date
    discharge: dt.date
    attending: str
    resident: str


def fill(text: str, pt: Patient) -> str:
    """Replace {age}, {sex}, {he}... in a template text."""
    male = pt.sex == "M"
    words = {
        "age": "newborn" if pt.age == 0 else str(pt.age),
        "sex": ("boy" if male else "girl") if pt.age < 13 else ("man" if male else "woman"),
        "he": "he" if male else "she", "his": "his" if male else "her", "him": "him" if male else "her",
    }
    for k, v in list(words.items()):
        words[k.capitalize()] = v.capitalize()
    out = text
    for k, v in words.items():
        out = out.replace("{" + k + "}", v)
    return out


def _day(pt: Patient, n: int) -> dt.date:
    return min(pt.admit + dt.timedelta(days=n), pt.discharge)


def _stamp(day: dt.date, rng: random.Random) -> str:
    return f"{day.isoformat()} {rng.randint(6, 20):02d}:{rng.choice((0, 5, 10, 15, 20, 30, 40, 45, 50)):02d}"


def _vitals(rng: random.Random, pt: Patient) -> str:
    if pt.age == 0:
        return (f"T 36.{rng.randint(6, 9)} C, HR {rng.randint(124, 150)}, RR {rng.randint(36, 52)}, "
                "SpO2 99% RA")
    return (f"T 36.{rng.randint(5, 9)} C, HR {rng.randint(68, 96)}, BP {rng.randint(118, 148)}/"
            f"{rng.randint(66, 88)}, RR {rng.randint(14, 18)}, SpO2 {rng.randint(94, 99)}% RA")


def _bullets(items: tuple[str, ...] | list[str], empty: str = "None") -> str:
    return "\n".join(f"- {i}" for i in items) if items else empty


def history_and_physical(case: Case, pt: Patient, rng: random.Random) -> Document:
    has_vitals = "BP " in case.exam or "HR " in case.exam
    exam = case.exam if has_vitals else f"Vitals: {_vitals(rng, pt)}\n{case.exam}"
    plan = "\n".join(f"{i}. {a}" for i, a in enumerate(case.assessment, 1))
    ident = "Newborn" if pt.age == 0 else f"{pt.age} y/o {'M' if pt.sex == 'M' else 'F'}"
    text = "\n\n".join([
        f"HISTORY AND PHYSICAL\nPatient: {pt.name}   {ident}   Admit date: {pt.admit.isoformat()}\n"
        f"Attending: {pt.attending}",
        f"CHIEF COMPLAINT: {case.complaint}",
        f"HISTORY OF PRESENT ILLNESS:\n{case.hpi}",
        f"PAST MEDICAL HISTORY:\n{_bullets(case.pmh, 'None reported.')}",
        f"PAST SURGICAL HISTORY:\n{_bullets(case.psh, 'None.')}",
        f"HOME MEDICATIONS:\n{_bullets(case.meds, 'None.')}",
        "ALLERGIES: NKDA",
        f"SOCIAL HISTORY: {case.social}",
        "FAMILY HISTORY: Noncontributory.",
        f"REVIEW OF SYSTEMS: {case.ros or 'Negative except as noted in the HPI.'}",
        f"PHYSICAL EXAM:\n{exam}",
        f"LABS / IMAGING:\n{case.data}",
        f"ASSESSMENT AND PLAN:\n{plan}",
        f"Code status: {'DNR/DNI' if case.disposition == '20' else 'Full code'}.\n"
        f"{pt.resident} / {pt.attending}",
    ])
    return Document("H&P", fill(text, pt), pt.attending, _stamp(pt.admit, rng))


def operative_note(case: Case, pt: Patient, rng: random.Random) -> Document:
    op = case.op
    assert op is not None
    surgeon = people.SURGEONS[op.surgeon]
    text = "\n\n".join([
        f"OPERATIVE REPORT\nPatient: {pt.name}   Date of surgery: {_day(pt, op.day).isoformat()}",
        f"Surgeon: {surgeon}\nAssistant: {pt.resident}\nAnesthesia: {op.anesthesia} "
        f"({rng.choice(people.ANESTHESIA)})",
        f"PREOPERATIVE DIAGNOSIS: {op.pre}",
        f"POSTOPERATIVE DIAGNOSIS: {op.post}",
        f"PROCEDURE: {op.procedure}",
        f"FINDINGS: {op.findings}",
        f"DESCRIPTION OF PROCEDURE:\n{op.description}",
        f"ESTIMATED BLOOD LOSS: {op.ebl}\nSPECIMENS: {op.specimens}\nCOMPLICATIONS: None apparent.\n"
        "The patient tolerated the procedure well.",
    ])
    return Document("Operative Note", fill(text, pt), surgeon, _stamp(_day(pt, op.day), rng))


def progress_note(text: str, day: int, pt: Patient, rng: random.Random) -> Document:
    body = f"PROGRESS NOTE - Hospital day {day + 1}\nPatient: {pt.name}\n\n{text}\n\n{pt.attending}"
    return Document("Progress Note", fill(body, pt), pt.attending, _stamp(_day(pt, day), rng))


def discharge_summary(case: Case, pt: Patient, rng: random.Random) -> Document:
    listed = [d.text for d in case.dx if d.listed]
    dxs = [f"Principal: {listed[0]}"] + [f"{d}" for d in listed[1:]] if listed else []
    procs = [f"{p.text} ({_day(pt, p.day).isoformat()})" for p in case.px]
    died = case.disposition == "20"
    title = "DEATH SUMMARY" if died else "DISCHARGE SUMMARY"
    parts = [
        f"{title}\nPatient: {pt.name}   Admitted: {pt.admit.isoformat()}   "
        f"{'Date of death' if died else 'Discharged'}: {pt.discharge.isoformat()}\nAttending: {pt.attending}",
        "DISCHARGE DIAGNOSES:\n" + "\n".join(f"{i}. {d}" for i, d in enumerate(dxs, 1)),
        f"PROCEDURES:\n{_bullets(procs)}",
        f"HOSPITAL COURSE:\n{case.course}",
    ]
    if not died:
        parts += [
            f"CONDITION AT DISCHARGE: {case.condition}",
            f"DISPOSITION: {DISPOSITION_TEXT.get(case.disposition, case.disposition)}",
            f"DISCHARGE MEDICATIONS:\n{_bullets(case.discharge_meds, 'Resume home medications.')}",
            f"FOLLOW-UP: {case.followup}",
        ]
    parts.append(f"Electronically signed: {pt.attending}")
    text = "\n\n".join(parts)
    return Document("Discharge Summary", fill(text, pt), pt.attending, _stamp(pt.discharge, rng))


def documents(case: Case, pt: Patient, rng: random.Random) -> list[Document]:
    """All documents of the stay, in date order: H&P, operative note, progress notes, discharge summary."""
    docs = [history_and_physical(case, pt, rng)]
    dated: list[tuple[int, int, Document]] = []
    if case.op is not None:
        dated.append((case.op.day, 0, operative_note(case, pt, rng)))
    for n, (day, text) in enumerate(case.progress):
        dated.append((day, n + 1, progress_note(text, day, pt, rng)))
    docs += [d for _, _, d in sorted(dated, key=lambda t: (t[0], t[1]))]
    docs.append(discharge_summary(case, pt, rng))
    return docs
