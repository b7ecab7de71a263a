"""What a sentence specifies beyond the search's reading of a condition, with the code the Tabular gives it:

- the nicotine product (I.C.5.b, F17.2-): e-cigarettes and vaping are "other tobacco product" F17.29-,
  chewing tobacco F17.22-, cigarettes F17.21-; the search reads "nicotine dependence" as cigarettes;
- remission denied ("AML, not in remission"): the search reads "in remission" (C92.01, F11.21); the
  sentence says the opposite, so the "not having achieved remission" / uncomplicated sibling (C92.00, F11.20);
- a substance use disorder "in remission": the remission code F1x.21 (dependence in remission, the DSM-5
  moderate or severe use disorder), never "use, unspecified" F1x.9- read from the same words;
- the dementia's severity (F01-F03, FY2023): mild A, moderate B, severe C in the fourth character, with
  the behavioural character kept ("severe, with agitation": F02.C11, not F02.811 of unspecified severity).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from workbench.record.combinations import make

if TYPE_CHECKING:
    from codesets.release.core import Release
    from workbench.record.suggest import Suggestion

_I = re.IGNORECASE
_PRODUCTS = ((re.compile(r"\b(e-?cig\w*|electronic cig\w*|vap(?:e|es|ing|er)|juul|nicotine pen)\b", _I), "9"),
             (re.compile(r"\b(chew\w*|dip|snuff|smokeless)\b", _I), "2"),
             (re.compile(r"\b(cigarettes?|ppd|packs?)\b", _I), "1"))
_SEVERITY = ((re.compile(r"\bmild\b", _I), "A"), (re.compile(r"\bmoderate\b", _I), "B"),
             (re.compile(r"\bsevere\b", _I), "C"))
# Dementia codes of unspecified severity (F01.5-, F02.8-, F03.9-) and the severities' fourth character.
_UNSPECIFIED_SEVERITY = ("F015", "F028", "F039")


def nicotine_product(release: Release, sugs: list[Suggestion]) -> list[Suggestion]:
    """F17.2x: the product the sentence names decides the fifth character (module docstring)."""
    out = []
    for s in sugs:
        if s.system == "CM" and s.code.startswith("F172") and len(s.code) == 6:
            text = s.evidence.text
            said = []
            for p, v in _PRODUCTS:  # "e-cigarettes" names no cigarettes once read
                if p.search(text):
                    said.append(v)
                    text = p.sub(" ", text)
            if len(said) == 1 and said[0] != s.code[4] and (
                    new := make(release, s, s.code[:4] + said[0] + s.code[5:])) is not None:
                out.append(new)
                continue
        out.append(s)
    return out


def dementia_severity(release: Release, sugs: list[Suggestion]) -> list[Suggestion]:
    """F01-F03 of unspecified severity: the severity the sentence states (module docstring)."""
    out = []
    for s in sugs:
        if s.system == "CM" and s.code.startswith(_UNSPECIFIED_SEVERITY):
            said = [v for p, v in _SEVERITY if p.search(s.evidence.text)]
            if len(said) == 1 and (new := make(release, s, s.code[:3] + said[0] + s.code[4:])) is not None:
                out.append(new)
                continue
        out.append(s)
    return out


_NOT_IN_REMISSION = re.compile(r"\bnot (?:yet )?(?:in|achieved|achieving) (?:complete )?remission\b|"
                               r"\bnot having achieved remission\b|\bwithout remission\b|\brefractory\b|"
                               r"\bactive disease\b", _I)


def remission_denied(release: Release, sugs: list[Suggestion]) -> list[Suggestion]:
    """A code "in remission" read from a sentence that says the remission is not reached: its sibling
    ending in 0 (leukemias C90-C95 "not having achieved remission", substance dependence F1x.20)."""
    out = []
    for s in sugs:
        if s.system == "CM" and s.code.endswith("1") and "in remission" in s.title.lower() \
                and _NOT_IN_REMISSION.search(s.evidence.text) \
                and (new := make(release, s, s.code[:-1] + "0")) is not None:
            out.append(new)
            continue
        out.append(s)
    return out


_IN_REMISSION = re.compile(r"(?<!not )\bin (?:early |sustained |full |partial )?remission\b", _I)
_SUBSTANCES = tuple(f"F1{n}9" for n in range(0, 10) if n != 7)  # F10-F19 use codes (F17 nicotine has none)


def use_in_remission(release: Release, sugs: list[Suggestion]) -> list[Suggestion]:
    """F1x.9- "use, unspecified" read from a sentence that says the disorder is in remission: F1x.21."""
    out = []
    for s in sugs:
        if s.system == "CM" and s.code.startswith(_SUBSTANCES) and _IN_REMISSION.search(s.evidence.text) \
                and (new := make(release, s, s.code[:3] + "21")) is not None:
            out.append(new)
            continue
        out.append(s)
    return out
