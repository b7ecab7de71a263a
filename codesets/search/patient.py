"""Search results ranked for the patient of the encounter: codes the patient's age or sex rules out
come after the others (still listed, marked), as a coder would skip them.

    shown = search_for_patient(index, "delivery", age=68, sex="M", limit=40)  # what the pane and CLI show
    ranked = rank_for_patient(index.search("delivery"), age=68, sex="M")    # a list already found

The conflicts are those of the Medicare Code Editor (CMS, "Definitions of Medicare Code Edits"): age
conflict (newborn diagnoses age 0; maternity diagnoses ages 9-64) and sex conflict (diagnoses and
procedures for one sex only). The MCE lists codes one by one; the ranges below are the chapters,
blocks and PCS body systems those lists are made of, which is enough to rank, never to edit a claim.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

DEMOTED = 0.5  # share of its score a result keeps when the patient rules it out
# Results searched to rank for the patient, whatever is shown: codes the patient rules out give their
# place to codes found further down (a search of 40 for "delivery" for a man was 40 obstetric codes).
POOL = 200
# Share of the lines shown kept for codes the patient rules out (at least one when any was found): they
# stay findable at the end of the list, as the coder may still mean one.
RULED_OUT_SHARE = 0.2
# A code that fits leads those ruled out only when it matches at least this share of the best match's score.
FIT_SHARE = 0.4
MATERNITY_AGES = (9, 64)

# ICD-10-CM by code prefix (no dot): male only / female only (MCE sex conflict lists, by block).
_CM_MALE = ("C60", "C61", "C62", "C63", "D074", "D075", "D076", "D29", "D40", "N40", "N41", "N42",
            "N43", "N44", "N45", "N46", "N47", "N48", "N49", "N50", "N51", "N52", "N53", "Q53", "Q54",
            "Q55", "R86", "Z125", "Z8042", "Z8546")
_CM_FEMALE = ("C51", "C52", "C53", "C54", "C55", "C56", "C57", "C58", "D06", "D070", "D071", "D072",
              "D073", "D25", "D26", "D27", "D28", "D39", "N70", "N71", "N72", "N73", "N74", "N75", "N76",
              "N77", "N80", "N81", "N82", "N83", "N84", "N85", "N86", "N87", "N88", "N89", "N90", "N91",
              "N92", "N93", "N94", "N95", "N96", "N97", "N98", "O", "Q50", "Q51", "Q52", "R87", "Z32",
              "Z33", "Z34", "Z35", "Z36", "Z37", "Z39", "Z124", "Z8041", "Z8540", "Z8541", "Z8542",
              "Z8543", "Z8544")
# ICD-10-CM outside chapters 15 and 16 the MCE also edits as maternity (ages 9-64) or newborn (age 0): the
# pregnancy, delivery-outcome, postpartum and weeks-of-gestation Z codes; newborn exams, observation and
# liveborn status (checked against the grouper's MCE: each code of these prefixes is an age conflict at 68).
_CM_MATERNITY = ("O", "Z037", "Z1332", "Z3201", "Z331", "Z332", "Z333", "Z34", "Z36", "Z37", "Z39", "Z3A")
_CM_NEWBORN = ("P", "Z38", "Z0011", "Z05")
# ICD-10-PCS by code prefix: male reproductive system (0V) / female reproductive system (0U) and the
# obstetrics section (1).
_PCS_MALE = ("0V",)
_PCS_FEMALE = ("0U", "1")


def conflict(code: str, system: str, age: int | None, sex: str | None) -> str:
    """Why the code does not fit the patient ("" when it does or nothing is known)."""
    sex = (sex or "").upper()[:1]
    if system == "PCS":
        if sex == "F" and code.startswith(_PCS_MALE):
            return "male patients only"
        if sex == "M" and code.startswith(_PCS_FEMALE):
            return "female patients only"
        if code.startswith("1") and age is not None and not MATERNITY_AGES[0] <= age <= MATERNITY_AGES[1]:
            return f"obstetrics, ages {MATERNITY_AGES[0]}-{MATERNITY_AGES[1]}"
        return ""
    maternity_age = age is None or MATERNITY_AGES[0] <= age <= MATERNITY_AGES[1]
    if code.startswith(_CM_MATERNITY) and not maternity_age:
        return f"maternity, ages {MATERNITY_AGES[0]}-{MATERNITY_AGES[1]}"
    if code.startswith(_CM_NEWBORN) and age is not None and age > 0:
        return "newborns (age 0)"
    if sex == "F" and code.startswith(_CM_MALE):
        return "male patients only"
    if sex == "M" and code.startswith(_CM_FEMALE):
        return "female patients only"
    return ""


def _marked(results: Sequence[Any], age: int | None, sex: str | None) -> list[tuple[int, Any, bool]]:
    """Each result with its place in the search and whether the patient rules it out (then its score x
    DEMOTED and the reason added to `matched`)."""
    out = []
    for n, r in enumerate(results):
        why = conflict(r.code, r.system, age, sex)
        if why:
            note = f"{r.matched}; {why}" if r.matched else why
            r = replace(r, score=round(r.score * DEMOTED, 4), matched=note)
        out.append((n, r, bool(why)))
    return out


def _known(age: int | None, sex: str | None) -> bool:
    return age is not None or (sex or "").upper()[:1] in ("M", "F")


def rank_for_patient(results: Sequence[Any], age: int | None, sex: str | None) -> list[Any]:
    """The results with those the patient rules out moved below the others (score x DEMOTED, the
    reason added to `matched`); the order is otherwise kept."""
    if not _known(age, sex):
        return list(results)
    # Conflicting results after the others, each group in the order the search gave.
    return [r for _, r, _ in sorted(_marked(results, age, sex), key=lambda t: (t[2], t[0]))]


def search_for_patient(index: Any, query: str, age: int | None, sex: str | None, *, limit: int,
                       **options: Any) -> list[Any]:
    """The first `limit` results of `index.search(query, **options)` ranked for the patient over the
    search's best `POOL` matches, not only its first `limit`: the codes that fit first (a code found
    further down takes the place of one ruled out), then those the patient rules out, each group in the
    search's order. Codes that fit but match less than FIT_SHARE of the best match's score go after
    those ruled out (a man's "cesarean section" does not lead with a transfusion code), and at least
    `RULED_OUT_SHARE` of the lines (one or more) are kept for those ruled out when any was found: they
    stay findable. With neither age nor sex known, the search's own first `limit`."""
    if not _known(age, sex):
        return list(index.search(query, limit=limit, **options))
    results = index.search(query, limit=max(limit, POOL), **options)
    if not results:
        return []
    floor = max(r.score for r in results) * FIT_SHARE
    rows = _marked(results, age, sex)
    fit = [r for n, r, out in rows if not out and results[n].score >= floor]
    ruled_out = [r for _, r, out in rows if out]
    weak = [r for n, r, out in rows if not out and results[n].score < floor]
    keep = min(len(ruled_out), max(1, int(limit * RULED_OUT_SHARE)), limit)
    head = fit[: limit - keep]
    return (head + ruled_out + weak)[:limit]
