"""The answer key of a demo stay: the codes a careful coder assigns, with the text that supports each.

Kept with the generator for tests and the suggestions benchmark; the app never shows it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from workbench.demo.template import Problem
from workbench.model.encounter import Document


@dataclass(frozen=True)
class KeyDiagnosis:
    code: str  # no dot, upper case
    poa: str  # Y, N, U, W or "" (exempt)
    evidence: str  # a sentence that occurs verbatim in the documents


@dataclass(frozen=True)
class KeyProcedure:
    code: str
    date: dt.date
    evidence: str


@dataclass(frozen=True)
class AnswerKey:
    account: str
    case: str  # template slug, e.g. "chf-hfref"
    release: str  # code-set release of the discharge date
    drg: str  # MS-DRG the coding groups to
    surgical: bool
    diagnoses: tuple[KeyDiagnosis, ...]  # principal first
    procedures: tuple[KeyProcedure, ...]
    problems: tuple[Problem, ...] = ()
    # sentences whose conditions must NOT be coded (negated, ruled out)
    not_coded: tuple[str, ...] = ()

    @property
    def needs_query(self) -> bool:
        return any(p.kind == "query" for p in self.problems)


_SENTENCE_END = re.compile(r"(?<=[.;!?])\s+")


def evidence_sentence(phrase: str, docs: list[Document]) -> str:
    """The sentence (or list line) of the documents that holds `phrase`. ValueError when absent."""
    for doc in docs:
        for line in doc.text.splitlines():
            if phrase not in line:
                continue
            for sentence in _SENTENCE_END.split(line):
                if phrase in sentence:
                    return sentence.strip()
            return line.strip()
    raise ValueError(f"evidence {phrase!r} does not occur in the documents")


# Clinical wording the demo documents use for a code whose official title shares few words with it.
# A text scanner that knows these (or their abbreviations) finds every key code; tests hold the
# evidence of each key code to its title words or to one of these phrases.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "E871": ("hyponatremia",),
    "F0390": ("dementia without behavioral disturbance", "dementia, without behavioral disturbance"),
    "Z6841": ("bmi 42", "bmi 43"),
    "Z87891": ("former smoker",),
    "0D9670Z": ("ng tube",),
    "0DB64Z3": ("sleeve gastrectomy",),
    "0WUF0JZ": ("hernia repair with synthetic mesh",),
    "0SRR0J9": ("hip hemiarthroplasty",),
    "3E04305": ("chemotherapy infused via central venous port",),
    "0T778DZ": ("ureteral stent",),
    "B2111ZZ": ("coronary angiography",),
    "02H63JZ": ("right atrial pacing lead",),
    "0Y6U0Z0": ("amputation of the left third toe",),
}
