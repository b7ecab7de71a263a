"""An old stroke's deficits told as history, and the dominant side of hemiplegia codes.

- "Hx of CVA with L sided weakness", "h/o stroke with residual right hemiparesis": the deficit the old stroke
  left is coded with the sequela code (I.B.10, I.C.9.d: I69.3-), never the acute infarct nor, as a history
  without residual, Z86.73; the scanner reads the stroke there as history, which gives no code of its own.
  A sentence about a new deficit or an acute stroke is left alone.
- I.C.6.a (Dominant/nondominant side), for G81.-, G83.1-G83.3 and the I69 hemiplegia and monoplegia codes:
  the side documented as dominant or not decides; otherwise ambidextrous is dominant, the left side
  non-dominant and the right side dominant. A record saying the patient is left-handed makes a right-sided
  deficit non-dominant (I69.353) and a left-sided one dominant (I69.352).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from workbench.record.sections import NOT_STATED  # the sections a statement is not read from
from workbench.record.text import sentences

if TYPE_CHECKING:
    from workbench.model.encounter import Encounter
    from workbench.record.suggest import Suggestion

_I = re.IGNORECASE
_STROKE_WORDS = ("stroke", "cva", "infarct", "cerebrovascular")
_STROKE = re.compile(r"\b(stroke|cva|cerebral infarct\w*|cerebrovascular accident)\b", _I)
_HISTORY = re.compile(r"\b(?:h/o|hx of|hx|history of|personal history of|prior|previous|old|remote|"
                      r"s/p|status post)\s+(?:\w+\s+){0,3}?(?:stroke|cva|cerebral infarct\w*|"
                      r"cerebrovascular accident)\b", _I)
# A deficit of this stay: "new left-sided weakness", "presents with", an acute stroke.
_NOW = re.compile(r"\b(new|now|acute|sudden|worsen\w*|presents?|presented|presenting|evolving|tpa|"
                  r"thrombolys\w*|code stroke|stroke alert)\b", _I)
# "No residual deficits", "without neurologic deficit", "no weakness": said to be none (I.C.9.d.3: Z86.73,
# no I69); stated.py reads the same words before its Z86.73.
NO_DEFICIT = re.compile(r"\b(?:no|without|w/o)\s+(?:residual\s+|focal\s+|neuro\w*\s+|lasting\s+)*"
                        r"(?:deficits?|residuals?|sequelae|weakness)\b", _I)
# "residual left arm weakness": a limb's weakness is no hemiparesis (I69.35-).
_LIMB = re.compile(r"\b(arm|leg|hand|foot|upper|lower|ue|le|extremity|limb|face|facial)\b", _I)
_LEFT_HANDED = re.compile(r"\bleft[- ]hand(?:ed|ed(?:ness)?| dominant)\b|\bl[- ]handed\b|"
                          r"\bdominant (?:hand|side)\s*(?:is\s*|:\s*)?(?:the\s+)?left\b", _I)
_RIGHT_HANDED = re.compile(r"\bright[- ]hand(?:ed|ed(?:ness)?| dominant)\b|\br[- ]handed\b|"
                           r"\bdominant (?:hand|side)\s*(?:is\s*|:\s*)?(?:the\s+)?right\b", _I)
_AMBIDEXTROUS = re.compile(r"\bambidextrous\b", _I)
# Codes whose last character is the side and dominance: 1 right dominant, 2 left dominant, 3 right
# non-dominant, 4 left non-dominant (G81.9-, G83.1-G83.3, I69.x3- monoplegia, I69.x4-, I69.x5-).
_DOMINANCE_CODE = re.compile(r"^(?:G81[019]|G83[123]|I69[0-9][345])[1-4]$")


def handedness(enc: Encounter) -> str:
    """"l", "r" or "a" (ambidextrous) as the record documents it, "" when it does not."""
    # (a substring look first: most records never say a hand)
    text = " ".join(doc.text for doc in enc.documents if "hand" in (low := doc.text.lower())
                    or "ambidextrous" in low)
    if not text:
        return ""
    if _AMBIDEXTROUS.search(text):
        return "a"
    left, right = bool(_LEFT_HANDED.search(text)), bool(_RIGHT_HANDED.search(text))
    return "l" if left and not right else "r" if right and not left else ""


def dominance(code: str, hand: str) -> str:
    """The code of the same deficit and side with the dominance `hand` gives (I.C.6.a)."""
    if not _DOMINANCE_CODE.match(code) or not hand:
        return code
    right = code[-1] in "13"
    if hand == "a":
        dominant = True
    else:
        dominant = (hand == "r") == right
    return code[:-1] + ("1" if right and dominant else "3" if right else "2" if dominant else "4")


def stroke_sides(release: Any, enc: Encounter, sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """The suggestions with an old stroke's deficits told as history added and the dominance applied."""
    from workbench.record.combinations import make

    out = sugs + _history_deficits(release, enc, sugs, coded)
    hand = handedness(enc)
    if not hand:
        return out
    fixed = []
    for s in out:
        code = dominance(s.code, hand) if s.system == "CM" else s.code
        fixed.append(s if code == s.code else (make(release, s, code) or s))
    return fixed


def _history_deficits(release: Any, enc: Encounter, sugs: list[Suggestion],
                      coded: set[str]) -> list[Suggestion]:
    from workbench.record.guided import _STROKE_DEFICITS
    from workbench.record.stated import _said
    from workbench.record.suggest import stated_suggestion

    have = coded | {s.code for s in sugs if s.system == "CM"}
    found: dict[str, Suggestion] = {}
    for d, doc in enumerate(enc.documents):
        low = doc.text.lower()
        if not any(w in low for w in _STROKE_WORDS) or not _STROKE.search(doc.text):
            continue
        for s in sentences(doc.text, d):
            if s.section_kind in NOT_STATED or not (h := _HISTORY.search(s.text)) or _NOW.search(s.text) \
                    or NO_DEFICIT.search(s.text) or not _said(s, h, True):
                continue
            for pattern, code in _STROKE_DEFICITS:
                m = pattern.search(s.text, h.start())
                if m is None or code in have or code in found or code.startswith("I6935") and _LIMB.search(
                        m.group(0)):
                    continue
                if (new := stated_suggestion(release, code, doc, d, s, m)) is not None:
                    found[code] = new
    if found:  # the deficits say the stroke left residuals: no Z86.73, no acute infarct from these words
        return list(found.values())
    return []
