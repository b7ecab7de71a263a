"""Readings of the record the index makes too loosely, held to what the words say (round 8 of #15).

- A title read from one word of the record must be read from the condition it names, not from its
  cause or circumstance: "toxin positive" is not "Secondary sideroblastic anemia due to drugs and
  toxins" (D64.2), "treatment" is not "Procedure and treatment not carried out" (Z53.8) unless the record
  says something was not carried out (cancelled, deferred, declined; Z53.- is for that, I.C.21.c.14).
- An acronym of the Index ("PIN", prostatic intraepithelial neoplasia) is read only where the record
  writes it in capitals: "a guide pin was placed" is a pin.
- "Lobar pneumonia" J18.1 is the disease the Index names "lobar"; a lobe named ("RLL pneumonia", "left
  lower lobe pneumonia") says where a pneumonia is, not that it is lobar: J18.9 (Index "Pneumonia, lobar"
  against "Pneumonia (acute) (double) (migratory) (purulent) (septic) (unresolved) J18.9").
- An "unspecified"/"other" category gives way to the specified category coded or suggested for the same
  condition (I.B.9, I.A.12.a): noninfective gastroenteritis and colitis K52.- beside an intestinal
  infection (A00-A09) or Crohn's disease / ulcerative colitis (K50, K51); intestinal obstruction K56.6-
  beside a K50/K51 code "with intestinal obstruction".
- A fall of no stated mechanism (W19, W18.30) gives way to the mechanism the record states elsewhere
  (tripped or slipped W01.0-, stairs W10.9-; I.C.20: the external cause that best describes it).
"""

from __future__ import annotations

import dataclasses
import re
from typing import TYPE_CHECKING

from codesets.search.text import stem
from workbench.record.combinations import make
from workbench.record.text import first_side

if TYPE_CHECKING:
    from codesets.release.core import Release
    from workbench.model.encounter import Encounter
    from workbench.record.suggest import Suggestion

# The head of a title: its words before the qualifier that names a cause, site or circumstance.
_HEAD_END = re.compile(r",|\bdue to\b|\bwith\b|\bwithout\b|\bin\b|\bfollowing\b|\bfor\b|\bof\b|\(",
                       re.IGNORECASE)
_WORD = re.compile(r"[a-z0-9]+")
_NOT_DONE = re.compile(r"\b(cancel\w*|not (?:done|performed|carried out|completed|started|given)|deferred|"
                       r"postponed|aborted|declined|refused|contraindicat\w*|converted)\b", re.IGNORECASE)


def _head(title: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _WORD.findall(_HEAD_END.split(title, 1)[0].lower()))


def one_word_title(s: Suggestion) -> bool:
    """False when a title reading of one word is not read from the condition the title names."""
    if s.system != "CM" or s.matched or len(_WORD.findall(s.evidence.phrase.lower())) != 1:
        return True
    word = stem(s.evidence.phrase.lower().strip())
    if word not in _head(s.title):
        return False  # "toxin" of "... anemia due to drugs and toxins"
    if " not " in f" {s.title.lower()} " and not _NOT_DONE.search(s.evidence.text):
        return False  # "treatment" of "Procedure and treatment not carried out"
    return True


def acronym_as_written(s: Suggestion) -> bool:
    """False when an Index acronym ("PIN") is read from a word the record writes in lower case."""
    m = s.matched.strip()
    if s.system != "CM" or not (m.isalpha() and m.isupper() and 2 <= len(m) <= 6):
        return True
    return s.evidence.phrase.strip().lower() != m.lower() or s.evidence.phrase.strip().isupper()


_LOBE = re.compile(r"^(?!.*\blobar\b).*\b(?:rll|lll|rul|lul|rml|lingula\w*|"
                   r"(?:right|left) (?:upper|middle|lower) lobe|(?:upper|middle|lower) lobe)\b",
                   re.IGNORECASE | re.DOTALL)


def lobe_not_lobar(release: Release, s: Suggestion) -> Suggestion:
    if s.system == "CM" and s.code == "J181" and _LOBE.search(s.evidence.text):
        new = make(release, s, "J189")
        if new is not None:
            return dataclasses.replace(new, kind=s.kind, query=s.query)
    return s


# (the general category, the specified categories it gives way to, words the specified title must say)
_GIVE_WAY: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("K52", ("A00", "A01", "A02", "A03", "A04", "A05", "A06", "A07", "A08", "A09", "K50", "K51"), ""),
    ("K566", ("K50", "K51"), "intestinal obstruction"),
)


def specified_category(release: Release, sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    have = coded | {s.code for s in sugs if s.system == "CM"}
    out = []
    for s in sugs:
        rule = next((r for r in _GIVE_WAY if s.system == "CM" and s.code.startswith(r[0])), None)
        if rule is not None and any(c.startswith(rule[1]) and (not rule[2] or rule[2] in cm_title(release, c))
                                    for c in have if c != s.code):
            continue
        out.append(s)
    return out


def cm_title(release: Release, code: str) -> str:
    """The ICD-10-CM title of `code` in lower case ("" for a code the release does not have)."""
    item = release.cm(code)
    return item.title.lower() if item is not None else ""


_FALL_NOS = ("W19", "W1830")
_MECHANISMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:fell|fall\w*|tumbled)\b[^.;]{0,20}\b(?:down|on|from|off)\b[^.;]{0,12}\b(?:stairs|steps|"
                r"staircase|stairway)\b", re.IGNORECASE), "W109XXA"),
    (re.compile(r"\b(?:tripped|slipped|stumbled)\b[^.;]{0,40}\b(?:fell|fall\w*)\b|\bfall\w*\b[^.;]{0,30}"
                r"\b(?:trip\w*|slip\w*|stumbl\w*)\b", re.IGNORECASE), "W010XXA"),
)


def fall_mechanism(release: Release, enc: Encounter, sugs: list[Suggestion],
                   coded: set[str]) -> list[Suggestion]:
    """W19 / W18.30 (a fall, mechanism not said) gives way to the mechanism the record states elsewhere."""
    if not any(s.system == "CM" and s.code.startswith(_FALL_NOS) for s in sugs):
        return sugs
    text = "\n".join(d.text for d in enc.documents)
    code = next((c for p, c in _MECHANISMS if p.search(text)), None)
    if code is None:
        return sugs
    have = coded | {s.code for s in sugs}
    out = []
    for s in sugs:
        if s.system == "CM" and s.code.startswith(_FALL_NOS):
            mine = code[:-1] + s.code[-1]  # the encounter (7th character) the suggestion had
            if mine not in have and (new := make(release, s, mine)) is not None:
                out.append(new)
                have.add(mine)
            continue
        out.append(s)
    return out


_STATUS_POST = re.compile(r"\b(?:s/p|status post|now s/p)\b", re.IGNORECASE)
_NOT_NAMING = frozenset(stem(w) for w in (
    "acute chronic unspecified other disease disorder of with without and the in on right left bilateral "
    "unilateral primary secondary type stage initial encounter").split())


def status_for_principal(release: Release, enc: Encounter, sugs: list[Suggestion],
                         abbreviations: object = None) -> list[Suggestion]:
    """I.C.21.c.3: "<the principal condition> s/p <device procedure>" ("NSTEMI s/p PCI/DES to mid LAD",
    "OA right hip s/p right THA") says the device was placed for this stay's principal diagnosis, this stay:
    no Z95-Z97 status code for it (the procedure is coded instead)."""
    status = ("Z95", "Z96", "Z97")
    if not enc.diagnoses or not any(s.system == "CM" and s.code.startswith(status) for s in sugs):
        return sugs
    from workbench.record.specific import _expanded, _words

    item = release.cm(enc.diagnoses[0].code)
    if item is None:
        return sugs
    principal = set(_expanded(_words(item.title), abbreviations)) - _NOT_NAMING - {",", ";"}
    out = []
    for s in sugs:
        if s.system == "CM" and s.code.startswith(("Z95", "Z96", "Z97")):
            # the "s/p" of this status, not an earlier one of the sentence ("remote SBO 2019 s/p ex lap; CAD
            # s/p CABG 2018": the CABG's is the second)
            upto = s.evidence.text[: max(0, s.evidence.phrase_end - s.evidence.start)]
            m = next(reversed(list(_STATUS_POST.finditer(upto))), None) \
                or _STATUS_POST.search(s.evidence.text)
            head = s.evidence.text[: m.start()].rstrip() if m is not None else ""
            # the condition the "s/p" is attached to: no comma between ("68F with OA of the hip, s/p
            # left TKA 2019" lists another fact)
            if head and head[-1] not in ",;:(":
                head = re.split(r"[,;:(]", head)[-1]
                before = set(_expanded(_words(head), abbreviations)) - _NOT_NAMING - {",", ";"}
                if len(before & principal) >= max(2, len(before) // 2):
                    continue
        out.append(s)
    return out


def one_reading_per_procedure(sugs: list[Suggestion]) -> list[Suggestion]:
    """The same procedure read twice, once with its qualifier ("uncemented": 0SR904A, the operative note)
    and once without (0SR904Z, "s/p right THA" in the diagnoses list): the one that says less gives way."""
    said = {s.code for s in sugs if s.system == "PCS" and s.code[6] != "Z"}
    return [s for s in sugs if not (s.system == "PCS" and s.code[6] == "Z"
                                    and any(c[:6] == s.code[:6] for c in said))]


_AT_HOME = re.compile(r"\b(?:fell|falls?|fallen|tripped|slipped|injur\w*|stairs)\b[^.;]{0,60}\bat "
                      r"(?:his |her |their )?home\b|\bat (?:his |her |their )?home\b[^.;]{0,40}"
                      r"\b(?:fell|fall|tripped|slipped)\b",
                      re.IGNORECASE)


_ROOMS = (("kitchen", "Y92000"), ("dining room", "Y92001"), ("bathroom", "Y92002"), ("bath ?tub", "Y92002"),
          ("shower", "Y92002"), ("bedroom", "Y92003"), ("(?:garden|yard)", "Y92007"))


def place_home(release: Release, enc: Encounter, sugs: list[Suggestion], coded: set[str]) -> list[Suggestion]:
    """I.C.20.b: the place of occurrence at the initial encounter of an injury, when the record says where:
    "fell at home" is Y92.009 (inclusion term "Home (NOS)"), beside an injury and its external cause."""
    have = coded | {s.code for s in sugs if s.system == "CM"}
    if any(c.startswith("Y92") for c in have) or not any(c[:1] in "ST" and c.endswith("A") for c in have) \
            or not any(c[:1] in "VWX" for c in have):
        return sugs
    like = next((s for s in sugs if s.system == "CM" and s.code[:1] in "VWX"), None)
    text = "\n".join(d.text for d in enc.documents)
    m = _AT_HOME.search(text)
    if like is None or m is None:
        return sugs
    # the room said in the same sentence (Y92.00-, unspecified residence): kitchen, bathroom, ...
    line = text[max(0, text.rfind("\n", 0, m.start())): m.end() + 80].lower()
    code = next((c for w, c in _ROOMS if re.search(rf"\b{w}\b", line)), "Y92009")
    new = make(release, like, code)
    return sugs if new is None else [*sugs, new]


_JOINT = re.compile(r"\b(knees?|hips?)\b", re.IGNORECASE)
_BOTH = re.compile(r"\b(both|bilateral|bilat|b/l)\b|\bknees\b|\bhips\b", re.IGNORECASE)
_LEADING_HEADING = re.compile(r"^\s*[A-Za-z][A-Za-z ]{0,30}:\s*")
_NOT_PRIMARY = re.compile(r"\b(secondary|post-?traumatic|traumatic|rheumatoid|septic|gout\w*)\b",
                          re.IGNORECASE)


def osteoarthritis_site(release: Release, s: Suggestion) -> Suggestion:
    """Index "Osteoarthritis, knee M17.1-, bilateral M17.0; hip M16.1-, bilateral M16.0": the joint the
    sentence names makes an unspecified-site reading (M19.9-) the joint's code, side by I.B.13; the joint's
    unspecified code (M17.9, M16.9) takes the sides said ("OA knees" M17.0, "R knee OA" M17.11)."""
    joint_read = s.code in ("M179", "M169")  # the joint's own unspecified code: only the sides it leaves out
    if s.system != "CM" or not (s.code.startswith(("M1990", "M1991")) or joint_read):
        return s
    text = _LEADING_HEADING.sub("", s.evidence.text)  # "Secondary: ... osteoarthritis of both knees"
    m = _JOINT.search(text)
    if m is None or _NOT_PRIMARY.search(text):
        return s
    cat = "M17" if m.group(1).lower().startswith("knee") else "M16"
    if joint_read and cat != s.code[:3]:
        return s
    if _BOTH.search(text):
        code = cat + "0"  # "OA knees", "bilateral hip OA"
    elif joint_read and not first_side(text):
        return s
    else:
        code = cat + {"right": "11", "left": "12"}.get(first_side(text), "10")
    new = make(release, s, code)
    return s if new is None else dataclasses.replace(new, kind=s.kind, query=s.query)
