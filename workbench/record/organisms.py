"""The infectious agents a record names as the cause of an infection (B95-B97, from their titles and the
index's abbreviations, not a carrier state or a screening swab), and the query "urosepsis" calls for
(I.C.1.d.1.a.ii: no code of its own)."""

from __future__ import annotations

import re
from typing import Any

from workbench.checks import guideline_data as gd
from workbench.record.sections import NOT_AN_AGENT_NOW, NOT_STATED
from workbench.record.stated import _RELATIVE, _said
from workbench.record.text import sentences

_I = re.IGNORECASE


# ---------------------------------------------------------------- infectious agents (B95-B97)

_AGENT_TITLE = re.compile(r"\s+(?:infection\s+)?as the cause of diseases classified elsewhere$", _I)
_NO_GROWTH = re.compile(r"\b(negative|no growth|not|without|ruled out|contaminant)\b", _I)
_FOUND = re.compile(r"\b(positive|infection|infected|gastritis|associated|related|due to|treated|"
                    r"eradicat\w*)\b", _I)
_PEPTIC = ("K25", "K26", "K27", "K28", "K29")  # ulcers and gastritis H. pylori causes (Coding Clinic)
_AGENTS: dict[int, list[tuple[re.Pattern[str], str]]] = {}


def _agents(release: Any, index: Any) -> list[tuple[re.Pattern[str], str]]:
    """(name pattern, code) for the B95-B97 agents, read off their titles ("Klebsiella pneumoniae
    [K. pneumoniae] as the cause ...": both names; words in parentheses optional; "Other ..." titles
    left out) and the index's abbreviations of them (MRSA), longest names first."""
    key = id(release)
    hit = _AGENTS.get(key)
    if hit is not None:
        return hit
    names: list[tuple[str, str]] = []
    for it in release.iter_cm():
        if it.code[:3] not in ("B95", "B96", "B97") or not it.billable:
            continue
        title = _AGENT_TITLE.sub("", it.title)
        if title.lower().startswith("other"):
            continue
        title = re.sub(r"^unspecified\s+", "", title, flags=_I)
        for short in re.findall(r"\[([^\]]+)\]", title):
            names.append((short, it.code))
        main = re.sub(r"\s*\[[^\]]+\]", "", title)
        names.append((re.sub(r"\s*\([^)]*\)", "", main), it.code))
    abbrev = getattr(index, "abbreviations", {}) if index is not None else {}
    full = {n.lower(): c for n, c in names}
    for k, expansions in abbrev.items():
        for e in expansions:
            if e.lower() in full and len(k) == 1:
                names.append((k[0], full[e.lower()]))
    seen: set[str] = set()
    hit = []
    for name, code in sorted(names, key=lambda nc: -len(nc[0])):
        low = name.lower().strip(" ,")
        if low in seen or len(low) < 3:
            continue
        seen.add(low)
        words = [re.escape(w) for w in re.split(r"[\s.]+", low) if w]
        hit.append((re.compile(r"\b" + r"\.?\s*".join(words) + r"\b", _I), code))
    # the genus alone: "UCx >100K Klebsiella" (Index "Klebsiella (K.) pneumoniae, as cause of disease
    # classified elsewhere B96.1"; other species named are B96.89), after every longer name
    if release.cm("B961") is not None:
        hit.append((re.compile(r"\bklebsiella\b(?!\s+(?:oxytoca|aerogenes|variicola|ozaenae|"
                               r"rhinoscleromatis|species|spp))", _I), "B961"))
    _AGENTS[key] = hit
    return hit


def organisms(release: Any, index: Any, enc: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """B95-B97 for an infection whose "use additional code (B95-B97) to identify infectious agent" note
    applies (I.C.1.b), when the record names the organism in a sentence that is not a negative culture
    and no coded or suggested code names that organism already (J15.1 "Pneumonia due to Pseudomonas"
    names Pseudomonas, not the E. coli of the UTI beside it): one code an organism."""
    from workbench.record.suggest import stated_suggestion

    present = coded | {s.code for s in sugs if s.system == "CM"}
    if any(c.startswith(gd.SEPSIS) for c in present):
        return []
    named = [release.cm(c).title for c in present
             if c.startswith(gd.ORGANISM_NAMED) and release.cm(c) is not None]
    infections = [c for c in present if release.cm(c) is not None and any(
        n.kind == "use_additional_code" and "B95-B97" in n.text for n in release.notes(c))]
    agents = _agents(release, index)
    if not infections:  # a peptic ulcer or gastritis with H. pylori documented: B96.81 beside it
        if not any(c.startswith(_PEPTIC) for c in present):
            return []
        agents = [(p, c) for p, c in agents if c == "B9681"]
    said = {c for p, c in agents if any(p.search(t) for t in named)}  # by any of its names ("MRSA")
    agents = [(p, c) for p, c in agents if c not in said]
    found: dict[str, Any] = {}
    for d, doc in enumerate(enc.documents):
        for s in sentences(doc.text, d):
            if s.section_kind in NOT_AN_AGENT_NOW:
                continue
            for pattern, code in agents:
                m = pattern.search(s.text)
                if m is None or code in found or _NO_GROWTH.search(s.text) or _RELATIVE.search(s.text):
                    continue
                if code == "B9681" and not _FOUND.search(s.text):
                    continue  # "biopsies for H. pylori": a test, not a finding
                if _COLONIZED.search(s.text) or not _said(s, m, history_ok=False):
                    continue  # "History of MRSA infection", "MRSA nares swab positive": not the agent now
                if (new := stated_suggestion(release, code, doc, d, s, m)) is not None:
                    found[code] = new
                break  # one organism a sentence: the longest name it says
    return list(found.values())


# I.C.1.c: "ESBL-producing E. coli", "ESBL Klebsiella": the resistance the record states, Z16.12.
_ESBL = re.compile(r"\b(esbl|extended[- ]spectrum beta[- ]lactamase)\b", _I)
_ESBL_CODE = "Z1612"


def resistance(release: Any, enc: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """Z16.12 beside an infection (one whose note asks for its agent, or a sepsis) when a sentence names
    the organism as ESBL-producing: the resistance stated, not a negative culture, a swab or a history."""
    from workbench.record.suggest import stated_suggestion

    present = coded | {s.code for s in sugs if s.system == "CM"}
    if _ESBL_CODE in present or release.cm(_ESBL_CODE) is None:
        return []
    if not any(c.startswith(gd.SEPSIS) or c.startswith(("B95", "B96")) for c in present):
        return []
    for d, doc in enumerate(enc.documents):
        for s in sentences(doc.text, d):
            m = _ESBL.search(s.text)
            if m is None or s.section_kind in NOT_AN_AGENT_NOW or _NO_GROWTH.search(s.text):
                continue
            if _RELATIVE.search(s.text) or _COLONIZED.search(s.text) or not _said(s, m, history_ok=False):
                continue
            if (new := stated_suggestion(release, _ESBL_CODE, doc, d, s, m)) is not None:
                return [new]
    return []


# A carrier state or a screening swab (Z22.-), not the agent of an infection.
_COLONIZED = re.compile(r"\b(colonized|colonization|carrier|nares|nasal swab|screening swab|surveillance)\b",
                        _I)


# ---------------------------------------------------------------- urosepsis (I.C.1.d.1.a.ii)

_UROSEPSIS = re.compile(r"\burosepsis\b", _I)


def urosepsis(release: Any, enc: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """"Urosepsis" is a nonspecific term with no default code (Official Guidelines I.C.1.d.1.a.ii): the
    provider is queried, never a code assumed. A draft query with both readings, once a record."""
    from workbench.model.encounter import Query
    from workbench.record.suggest import Evidence, Suggestion

    if any(c.startswith(gd.SEPSIS) for c in coded) or any(s.code.startswith(gd.SEPSIS) and s.kind == "code"
                                                          for s in sugs):
        return []  # sepsis already stated: nothing to ask about "urosepsis"
    item = release.cm("A419")
    for d, doc in enumerate(enc.documents):
        if item is None or not _UROSEPSIS.search(doc.text):
            continue
        for s in sentences(doc.text, d):
            m = _UROSEPSIS.search(s.text)
            if m is None or s.section_kind in NOT_STATED or not _said(s, m, history_ok=False):
                continue
            ev = Evidence(d, doc.type, s.text, s.start, s.end, m.group(0), s.start + m.start(),
                          s.start + m.end(), "", s.section_kind)
            where = doc.type or "the record"
            q = Query(question=(f"Clinical indicator: {where} documents \"{s.text.strip()}\". \"Urosepsis\" "
                                "has no ICD-10-CM code. Based on your clinical judgment, can you please "
                                "clarify the condition being treated?"),
                      options=["Sepsis due to urinary tract infection",
                               "Urinary tract infection without sepsis", "Other (please specify)",
                               "Clinically undetermined"])
            return [Suggestion(code="A419", title=item.title, system="CM", kind="query", cc_level=None,
                               evidence=ev, confidence=1.0, query=q, matched=m.group(0))]
    return []
