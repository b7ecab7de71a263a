"""A sentence of the record in the scanner's terms: its units (words, or several-word abbreviations
looked up as one), the units set aside in a short parenthesis, and whether the line reports a test or
lists procedures (neither is scanned for diagnoses the same way).
"""

from __future__ import annotations

import re
from typing import Any

from workbench.record.text import Sentence

PROCEDURE_WORDS = ("procedure", "procedures", "operation", "performed")


def as_written(s: Sentence, unit: tuple[str, int, int]) -> str:
    """The unit's first word as the record spells it (tokens are lower case)."""
    tok = s.tokens[unit[1]]
    return s.text[tok.start - s.start : tok.end - s.start]


def written_as_abbreviation(s: Sentence, unit: tuple[str, int, int]) -> bool:
    raw = as_written(s, unit)
    return unit[1] == unit[2] and len(raw) <= 6 and raw.isupper()


def sentence_units(s: Sentence, abbrev: Any) -> list[tuple[str, int, int]]:
    """The sentence's words as (word, first token, last token): a several-word key of the abbreviation
    table ("blood loss anemia", "total knee") is one unit, looked up through its expansions."""
    words = [t.text for t in s.tokens]
    out: list[tuple[str, int, int]] = []
    i = 0
    while i < len(words):
        for n in (4, 3, 2):
            key = tuple(words[i : i + n])
            if len(key) == n and key in abbrev and not any(j in s.clause_breaks for j in range(i + 1, i + n)):
                out.append((" ".join(key), i, i + n - 1))
                i += n
                break
        else:
            # a side inside the key ("distal right radius", "lower left lobe"): the key's unit, over the
            # side's word too (sides.py reads the side from the sentence)
            # (most words have no side after them: the tuples are built only for those that do)
            for n in ((4, 3) if _SIDE_WORDS.intersection(words[i + 1: i + 3]) else ()):
                key = tuple(words[i : i + n])
                inner = [j for j in range(1, n - 1) if j < len(key) and key[j] in _SIDE_WORDS]
                if len(key) == n and len(inner) == 1 and not any(
                        j in s.clause_breaks for j in range(i + 1, i + n)):
                    bare = key[: inner[0]] + key[inner[0] + 1:]
                    if bare in abbrev:
                        out.append((" ".join(bare), i, i + n - 1))
                        i += n
                        break
            else:
                out.append((words[i], i, i))
                i += 1
    return out


_SIDE_WORDS = frozenset({"left", "right", "lt", "rt", "bilateral"})


def asides(s: Sentence, units: list[tuple[str, int, int]]) -> dict[int, int]:
    """Units inside a short parenthesis: a restatement or nonessential word ("Morbid (severe) obesity",
    "Pneumocystis pneumonia (PCP)"). They are stepped over, neither anchors nor phrase words."""
    spans = [(m.start() + s.start, m.end() + s.start) for m in _ASIDE_RE.finditer(s.text)]
    out: dict[int, int] = {}
    for i, (_, a, b) in enumerate(units):
        ts, te = s.tokens[a].start, s.tokens[b].end
        for g, (x, y) in enumerate(spans):
            if x <= ts and te <= y:
                out[i] = g
    return out


_ASIDE_RE = re.compile(r"\((?:[^()\s]+\s*){1,4}\)|\[(?:[^\[\]\s]+\s*){1,4}\]")
# A line that reports a test ("CXR: cardiomegaly", "Pathology: ...", "ECG: ST depression"): findings
# are not coded from the report itself, only when the provider states their significance (Official
# Guidelines Section III.B, abnormal findings).
_TESTS = frozenset(
    "cxr xr x-ray xray ct cta mri mra us ultrasound echo echocardiogram tte tee ecg ekg egd colonoscopy "
    "endoscopy duplex doppler pathology path labs lab culture cultures ua urinalysis cbc bmp cmp abg "
    "imaging radiology telemetry eeg emg biopsy cytology angiogram angiography catheterization cath "
    "stress scan film films x-rays".split()
)
_TEST_LABEL_RE = re.compile(r"^\s*([A-Za-z][A-Za-z /-]{0,30}?)\s*:")


def is_findings_line(s: Sentence) -> bool:
    if s.section_kind == "findings":
        return False
    m = _TEST_LABEL_RE.match(s.text)
    if not m:
        return False
    label = m.group(1).lower().split()
    return bool(label) and (label[0] in _TESTS or label[-1] in _TESTS) and len(label) <= 3


def is_procedure_line(s: Sentence) -> bool:
    return bool(s.tokens) and s.tokens[0].text in PROCEDURE_WORDS and s.section_kind == ""
