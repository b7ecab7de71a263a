"""Codes the classification's own notes and Index entries ask for beside a suggestion, and the sibling
its sentence names, read after the search:

- a "use additional code" note naming one condition and its code ("fever (R50.81)" at D70, "urinary
  retention (R33.8)" at N40.1): when a sentence of the record says that condition, its code is suggested
  and a code of the same category read from the same words (R50.9) gives way (I.A.13 / I.B.9);
- a "without X" code whose sentence says "with X", or whose "with X" sibling's notes name a condition
  its sentence says, is that sibling (cirrhosis with ascites K70.31; BPH with urinary retention N40.1,
  not N40.0; I.A.15);
- an unspecified code gives way to the one sibling of its subcategory whose distinguishing words the
  sentence says, all but one of its title's words said ("oropharyngeal dysphagia": R13.12; I.B.2);
- Index "Pancytopenia / Neutropenia / Anemia, due to antineoplastic chemotherapy" (D61.810, D70.1,
  D64.81) with the adverse effect T45.1X5A their notes ask for (I.C.19.e.5.a);
- Index "Influenza, due to identified influenza virus" J10.- when the type (A, B) is said; nicotine
  dependence of cigarettes F17.21- when the record says cigarettes or packs (I.B.2);
- Index "Cellulitis, leg / foot / ankle / thigh / knee" L03.11- and "arm / forearm / hand" by side;
- Index "Dementia, in, <condition>" for a condition of F02's "code first" list (Alzheimer's G30.9,
  Parkinson's G20.A1, ...) [F02.-]: the etiology first, F03.- gives way (I.A.13).
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from codesets.search.text import stem
from workbench.record.sections import NOT_THIS_STAY_NOR_HPI
from workbench.record.text import context, first_side, sentences

_I = re.IGNORECASE
_WORD = re.compile(r"[a-z0-9]+")
_NOTE = re.compile(r"^(?:code for )?(?:any )?(?:associated:? )?([a-z ,'-]+?)\s*\(([A-Z][0-9A-Z.]+)\)\s*$", _I)
_STOP = frozenset("code for any associated if applicable to identify the of and or with other".split())
# A companion is read from what the provider concluded, not from the presenting story (HPI) or lists.
_NO_WITH = re.compile(r"\b(without|w/o|no|denies|negative)\b", _I)
_PREVENTION = re.compile(r"\s*(?:ppx|prophyla\w*|prevention)\b", _I)


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP)


_NOTES: dict[tuple[int, str], list[Any]] = {}
_CONDITIONS: dict[tuple[int, str], list[tuple[tuple[str, ...], frozenset[str], str]]] = {}


def _notes(release: Any, code: str) -> list[Any]:
    key = (id(release), code)
    hit = _NOTES.get(key)
    if hit is None:
        if len(_NOTES) > 20_000:
            _NOTES.clear()
        hit = _NOTES[key] = release.notes(code)
    return hit


def _note_conditions(release: Any, code: str) -> list[tuple[tuple[str, ...], frozenset[str], str]]:
    """(raw words, stemmed words of the condition, its billable code) for each 'use additional code'
    note of the code that names one condition and one code (kept per release and code)."""
    key = (id(release), code)
    hit = _CONDITIONS.get(key)
    if hit is not None:
        return hit
    out = _CONDITIONS[key] = []
    for n in _notes(release, code):
        if n.kind != "use_additional_code":
            continue
        m = _NOTE.match(n.text.strip())
        if m is None:
            continue
        target = m.group(2).replace(".", "")
        item = release.cm(target)
        words = _stems(m.group(1))
        # status and history codes (Z) need their own evidence (stated.py): never from a note's word
        if item is not None and item.billable and words and len(words) <= 3 and target[0] != "Z":
            raw = tuple(w for w in _WORD.findall(m.group(1).lower()) if w not in _STOP)
            out.append((raw, words, target))
    return out


def _asserted(s: Any, words: frozenset[str]) -> bool:
    """The sentence says every word of the condition, not negated, ruled out, history or family."""
    said = {stem(w) for w in _WORD.findall(s.text.lower())}
    if not words <= said:
        return False
    idx = [i for i, t in enumerate(s.tokens) if stem(t.text) in words]
    if not idx:
        return False
    c = context(s, min(idx), max(idx))
    return not (c.negated or c.ruled_out or c.history or c.family)


def companions(release: Any, enc: Any, sugs: list[Any], coded: set[str]) -> list[Any]:
    """The suggestions with the notes' companions and siblings of the module docstring."""
    from workbench.record.combinations import make

    # "DVT ppx", "GI prophylaxis": prevention of the condition, not the condition
    sugs = [s for s in sugs if s.system != "CM" or not _PREVENTION.match(
        s.evidence.text[s.evidence.phrase_end - s.evidence.start:])]
    out = [_with_sibling(release, s, make) for s in sugs]
    out = [_unspecified_sibling(release, s, make) for s in out]
    out = _index_entries(release, enc, out, coded, make)
    have = coded | {s.code for s in out}
    extra: list[Any] = []
    texts = [doc.text.lower() for doc in enc.documents]
    joined = "\n".join(texts)
    chemo: list[bool] = []  # the record read for chemotherapy once, when a code's note first asks

    def chemo_said() -> bool:
        if not chemo:
            chemo.append(bool(_CHEMO.search(joined)))
        return chemo[0]

    for base in sorted(have):
        if base[:1] in "0123456789" or release.cm(base) is None:
            continue
        # "use additional code for adverse effect ... (T45.1X5)" at a code the chemotherapy caused
        if "T451X5A" not in have and "chemotherapy" in (release.cm(base).title or "").lower() \
                and chemo_said() and any("T45.1X5" in n.text for n in _notes(release, base)
                                         if n.kind == "use_additional_code"):
            like = next((s for s in out if s.system == "CM"), None)
            new = make(release, like, "T451X5A") if like is not None else None
            if new is not None:
                # its evidence: the first concluded sentence naming the chemotherapy (the adverse effect
                # is read there; guided's T36-T65 filter wants the event said)
                hit = _chemo_sentence(enc)
                if hit is not None:
                    new = dataclasses.replace(new, evidence=dataclasses.replace(
                        new.evidence, document=hit.document, text=hit.text, start=hit.start, end=hit.end,
                        phrase=hit.text[:60], phrase_start=hit.start,
                        phrase_end=min(hit.end, hit.start + 60), cue=""))
                extra.append(new)
                have.add("T451X5A")
        for raw, words, target in _note_conditions(release, base):
            if target in have:
                continue
            if not all(w in joined for w in raw):  # most conditions are said nowhere: no cutting
                continue
            like = next((s for s in out + extra if s.system == "CM"), None)
            hit = _said_in(enc, texts, raw, words)
            if like is None or hit is None:
                continue
            new = make(release, like, target)
            if new is None:
                continue
            ev = dataclasses.replace(like.evidence, document=hit.document, text=hit.text, start=hit.start,
                                     end=hit.end, phrase=hit.text[:60], phrase_start=hit.start,
                                     phrase_end=min(hit.end, hit.start + 60), cue="")
            extra.append(dataclasses.replace(new, evidence=ev, kind="code", query=None))
            have.add(target)
            # the code the search read from the same words gives way ("fever" R50.9 -> R50.81)
            out = [s for s in out if not (s.code[:3] == target[:3] and s.code != target
                                          and _stems(s.evidence.phrase) <= words | _stems(hit.text))]
    return out + extra


def _chemo_sentence(enc: Any) -> Any:
    for d, doc in enumerate(enc.documents):
        if not _CHEMO.search(doc.text.lower()):
            continue
        for s in sentences(doc.text, d):
            if s.section_kind not in NOT_THIS_STAY_NOR_HPI and _CHEMO.search(s.text.lower()):
                return s
    return None


def _said_in(enc: Any, texts: list[str], raw: tuple[str, ...], words: frozenset[str]) -> Any:
    """The first concluded sentence asserting the condition; documents without its words are not cut."""
    for d, doc in enumerate(enc.documents):
        if not all(w in texts[d] for w in raw):
            continue
        for s in sentences(doc.text, d):
            if s.section_kind not in NOT_THIS_STAY_NOR_HPI and _asserted(s, words):
                return s
    return None


def _with_sibling(release: Any, s: Any, make: Any) -> Any:
    if s.system != "CM" or " without " not in s.title.lower():
        return s
    head, _, tail = s.title.lower().partition(" without ")
    want = f"{head} with {tail}"
    parent = s.code[:-1] if len(s.code) > 3 else s.code
    sib = next((k.code for k in release.children(parent) if (k.title or "").lower() == want), None)
    if sib is None:
        return s
    text = s.evidence.text.lower()
    said = {stem(w) for w in _WORD.findall(text)}
    tail_words = _stems(tail)
    says_with = bool(tail_words) and tail_words <= said and re.search(r"\bwith\b", text) is not None \
        and _NO_WITH.search(text) is None  # "cirrhosis with ascites": the 'with' sibling itself
    if says_with or any(words <= said for _, words, _ in _note_conditions(release, sib)):
        new = make(release, s, sib)
        return dataclasses.replace(new, kind=s.kind, query=s.query) if new is not None else s
    return s


def _unspecified_sibling(release: Any, s: Any, make: Any) -> Any:
    if s.system != "CM" or "unspecified" not in s.title.lower() or len(s.code) < 5:
        return s
    said = {stem(w) for w in _WORD.findall(s.evidence.text.lower())}
    mine = _stems(s.title) - {"unspecifi"}
    best = None
    for k in release.children(s.code[:-1]):
        if k.code == s.code or not k.billable or "unspecified" in (k.title or "").lower() \
                or "other" in (k.title or "").lower().split():
            continue
        words = _stems(re.sub(r"\([^)]*\)", " ", k.title or ""))
        own = words - mine
        if own and own & said and len(words - said) <= 1 and len(own & said) >= 1:
            if best is not None:
                return s  # two siblings fit: the sentence does not decide
            best = k.code
    if best is None:
        return s
    new = make(release, s, best)
    return dataclasses.replace(new, kind=s.kind, query=s.query) if new is not None else s


_CHEMO = re.compile(r"\b(chemotherapy|chemo|antineoplastic|r-chop|folfox|carboplatin|cisplatin|"
                    r"pemetrexed)\b", _I)
_INDUCED = re.compile(r"\b(induced|due to|from|after|secondary to|related)\b", _I)
_CYTOPENIAS = ((re.compile(r"\bpancytopeni\w*", _I), "D61810", "D61"),
               (re.compile(r"\bneutropeni\w*|\bagranulocytos\w*", _I), "D701", "D70"),
               (re.compile(r"\banemi\w*", _I), "D6481", "D64"))
_FLU_TYPE = re.compile(r"\b(?:influenza|flu)\s*(?:type\s*)?(a|b)\b|\bh1n1\b|\bh3n2\b", _I)
_CIGARETTES = re.compile(r"\b(cigarettes?|ppd|packs? per day|pack[- ]years?|\d+\s*pk)\b", _I)
_CELLULITIS = re.compile(r"\bcellulitis\b", _I)
_LOWER = re.compile(r"\b(foot|feet|leg|ankle|thigh|knee|calf|shin|heel|lower (?:extremity|limb))\b", _I)
_UPPER = re.compile(r"\b(arm|forearm|elbow|wrist|hand|upper (?:extremity|limb))\b", _I)
_DEMENTIA = re.compile(r"\bdementia\b", _I)
_REF = re.compile(r"^(.+?)\s*\(([A-Z][0-9A-Z.]*)-?[^)]*\)\s*$")


def _leaves(release: Any, code: str) -> list[Any]:
    item = release.cm(code)
    if item is None:
        return []
    if item.billable:
        return [item]
    return [leaf for k in release.children(code) for leaf in _leaves(release, k.code)]


_LEAF_FILLER = frozenset(stem(w) for w in ("with", "without", "of", "the", "and", "disease", "in", "due",
                                           "to"))


def _dementia_etiology(release: Any, text: str) -> str | None:
    """The code of the underlying condition the sentence names among the F02 'code first' list
    (Index "Dementia, in (due to), <condition>"): the leaf of its category whose title says the
    note's words, the unspecified one first ("Alzheimer's (G30.-)": G30.9)."""
    said = {stem(w) for w in _WORD.findall(text.lower())}
    for n in _notes(release, "F0280"):
        m = _REF.match(n.text.strip()) if n.kind == "code_first" else None
        if m is None:
            continue
        words = _stems(re.sub(r"\[[^\]]*\]", " ", m.group(1)))
        if not words or not words <= said:
            continue
        leaves = [x for x in _leaves(release, m.group(2).replace(".", "")) if words <= _stems(x.title or "")]
        # The leaf whose other title words the sentence says ("early-onset Alzheimer's" -> G30.0 "with
        # early onset"), else the unspecified one ("Alzheimer's (G30.-)": G30.9).
        said_leaves = [x for x in leaves if len(_stems(x.title or "") - words - _LEAF_FILLER) > 0
                       and _stems(x.title or "") - words - _LEAF_FILLER <= said]
        said_leaves.sort(key=lambda x: -len(_stems(x.title or "") - words))
        leaves.sort(key=lambda x: "unspecified" not in (x.title or "").lower())
        leaves = said_leaves + leaves
        if leaves:
            return str(leaves[0].code)
    return None


def _index_entries(release: Any, enc: Any, sugs: list[Any], coded: set[str], make: Any) -> list[Any]:
    out: list[Any] = []
    extra: list[Any] = []
    have = coded | {s.code for s in sugs}

    def swap(s: Any, code: str) -> Any:
        if code in have:
            return None
        new = make(release, s, code)
        if new is None:
            return s
        have.add(code)
        return dataclasses.replace(new, kind=s.kind, query=s.query)

    for s in sugs:
        t = s.evidence.text
        if s.system != "CM":
            out.append(s)
            continue
        if _CHEMO.search(t) and _INDUCED.search(t):
            hit = next(((code, cat) for p, code, cat in _CYTOPENIAS if p.search(t)), None)
            if hit is not None:
                same = s.code[:3] == hit[1]
                if not same and hit[0] not in have and (c := make(release, s, hit[0])) is not None:
                    extra.append(dataclasses.replace(c, kind=s.kind, query=s.query))  # "neutropenic fever"
                    have.add(hit[0])
                ae = make(release, s, "T451X5A")
                if ae is not None and "T451X5A" not in have:
                    extra.append(dataclasses.replace(ae, kind=s.kind, query=s.query))
                    have.add("T451X5A")
                if same:
                    s2 = swap(s, hit[0])
                    if s2 is not None:
                        out.append(s2)
                    continue
        if s.code.startswith("J11") and _FLU_TYPE.search(t):
            s = swap(s, "J10" + s.code[3:]) or s
        if s.code.startswith("F1720") and any(_CIGARETTES.search(d.text) for d in enc.documents):
            s = swap(s, "F1721" + s.code[5:]) or s
        if s.code.startswith("L039") and _CELLULITIS.search(t):
            side = first_side(t)
            if side and _LOWER.search(t):
                s = swap(s, "L03115" if side == "right" else "L03116") or s
            elif side and _UPPER.search(t):
                s = swap(s, "L03113" if side == "right" else "L03114") or s
        if s.code.startswith("F03") and _DEMENTIA.search(t) and (cause := _dementia_etiology(release, t)):
            # I.A.13: the etiology first, then F02 of the same severity and behaviour (F03.90 -> F02.80)
            manifestation = "F02" + ("8" if s.code[3] == "9" else s.code[3]) + s.code[4:]
            for code in (cause, manifestation):
                if code not in have and (new := make(release, s, code)) is not None:
                    extra.append(dataclasses.replace(new, kind=s.kind, query=s.query))
                    have.add(code)
            continue
        out.append(s)
    # the adverse effect the cytopenia's note asks for, when the cytopenia is coded already
    return out + extra
