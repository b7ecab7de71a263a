"""The vocabulary of procedure search: codesets/search/procedure_terms.tsv read into phrases, medical
suffixes and word roots (see that file for its format), and how affixed words and spinal levels read.

    vocab = vocabulary()
    vocab.phrases[("biopsy",)].groups      # {"op": {"0_B": 1.0, "0_9": 0.9, ...}, "qual": {"______X": 1.0}}
    affix("nephrectomy", vocab)            # (the -ectomy entry, ("kidney",))
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from codesets.search.text import raw_words

AXES = ("op", "app", "dev", "qual", "dur", "count")
SUFFIX_MIN_ROOT = 2

MAX_PHRASE = 6
# Position of each axis in a code (0-based) for one-character values; "op" values longer than one
# character are code prefixes.
_AXIS_POS = {"app": 4, "dev": 5, "qual": 6, "dur": 4}

@dataclass(frozen=True)
class Entry:
    """One vocabulary line: the title words it stands for and the axis values it names."""

    words: tuple[str, ...] | None  # None: keep the phrase as typed
    groups: dict[str, dict[str, float]]
    weak_ops: dict[str, float] = field(default_factory=dict)   # op?= (makes a procedure)
    hint_ops: dict[str, float] = field(default_factory=dict)   # op~= (does not)
    site: tuple[str, ...] = ()
    part: bool = False
    whole: bool = False
    dev_default: dict[str, float] = field(default_factory=dict)  # dev?= (when the query names none)


@dataclass(frozen=True)
class Vocabulary:
    phrases: dict[tuple[str, ...], Entry]
    suffixes: dict[str, Entry]
    roots: dict[str, tuple[str, ...]]


def _pattern(axis: str, value: str) -> str:
    if axis == "op":
        return "0_" + value if len(value) == 1 else value
    return "_" * _AXIS_POS[axis] + value


def _values(axis: str, spec: str, source: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for part in spec.split("|"):
        value, _, weight = part.partition(":")
        if not value or (axis != "op" and len(value) != 1):
            raise ValueError(f"{source}: bad {axis} value {part!r}")
        out[_pattern(axis, value.upper())] = float(weight) if weight else 1.0
    return out


def parse_terms(lines: Sequence[str], source: str) -> Vocabulary:
    """Read procedure_terms.tsv lines; a malformed line raises ValueError naming the file and line."""
    phrases: dict[tuple[str, ...], Entry] = {}
    suffixes: dict[str, Entry] = {}
    roots: dict[str, tuple[str, ...]] = {}
    for n, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        where = f"{source}, line {n}"
        if cols[0].startswith("root:"):
            if len(cols) != 2:
                raise ValueError(f"{where}: expected `root:PART<TAB>title words`")
            roots[cols[0][5:]] = tuple(cols[1].split())
            continue
        if len(cols) != 3:
            raise ValueError(f"{where}: expected `phrase<TAB>title words<TAB>constraints` "
                             f"(got {line[:60]!r})")
        phrase, words, spec = cols
        spec, _, site_text = spec.partition("site?=")  # the default site comes last, words and all
        groups: dict[str, dict[str, float]] = {}
        weak: dict[str, float] = {}
        hint: dict[str, float] = {}
        dev_default: dict[str, float] = {}
        part = whole = False
        for token in spec.split():
            if token in ("-", ""):
                continue
            if token in ("part", "whole"):
                part, whole = part or token == "part", whole or token == "whole"
                continue
            key, _, value = token.partition("=")
            if key == "op?":
                weak = _values("op", value, where)
            elif key == "op~":
                hint = _values("op", value, where)
            elif key == "dev?":
                dev_default = _values("dev", value, where)
            elif key in AXES and value == "*":
                groups[key] = {}
            elif key in AXES:
                groups[key] = _values(key, value, where)
            else:
                raise ValueError(f"{where}: unknown constraint {token!r}")
        site = tuple(site_text.split())
        entry = Entry(None if words == "=" else tuple(words.split()) if words != "-" else (),
                      groups, weak, hint, site, part, whole, dev_default)
        if phrase.startswith("suffix:"):
            suffixes[phrase[7:]] = entry
        else:
            phrase_words = tuple(phrase.split())
            if not phrase_words or len(phrase_words) > MAX_PHRASE:
                raise ValueError(f"{where}: phrase must be 1 to {MAX_PHRASE} words")
            phrases[phrase_words] = entry
    return Vocabulary(phrases, suffixes, roots)


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    text = resources.files("codesets.search").joinpath("procedure_terms.tsv").read_text(encoding="utf-8")
    return parse_terms(text.splitlines(), "codesets/search/procedure_terms.tsv")


# Root operations of section 0 by character (ICD-10-PCS tables; the letters are the same in every body
# system of the section).
OPERATIONS = {
    "0": "alteration", "1": "bypass", "2": "change", "3": "control", "4": "creation", "5": "destruction",
    "6": "detachment", "7": "dilation", "8": "division", "9": "drainage", "B": "excision",
    "C": "extirpation", "D": "extraction", "F": "fragmentation", "G": "fusion", "H": "insertion",
    "J": "inspection", "K": "map", "L": "occlusion", "M": "reattachment", "N": "release",
    "P": "removal", "Q": "repair", "R": "replacement", "S": "reposition", "T": "resection",
    "U": "supplement", "V": "restriction", "W": "revision", "X": "transfer", "Y": "transplantation",
}
_OPERATION_LETTER = {name: letter for letter, name in OPERATIONS.items()}
_TABLE_RE = re.compile(r"\b([0-9A-HJ-NP-Z]{3,7})$")


@dataclass(frozen=True)
class IndexVocabulary:
    """What the PCS Index says about words: main terms and the objectives their `see` references name,
    and the Body Part Key terms with the PCS value words they stand for."""

    objectives: dict[tuple[str, ...], Entry]
    keys: dict[tuple[str, ...], Entry]
    # The Device Key's brand names ("XIENCE Everolimus Eluting Coronary Stent System: use Intraluminal
    # Device, Drug-eluting"): the first word of its terms, when all of them send it to one device value,
    # with that value's words ("intraluminal device drug eluting")
    brands: dict[str, tuple[str, ...]] = field(default_factory=dict)


_SIDES = frozenset({"right", "left", "bilateral"})
# Device Key values ("Tracheostomy tube: use Tracheostomy Device in Respiratory System") are left to the
# vocabulary's device words: a device term also says what was done with it.
_DEVICE_VALUE = frozenset({"device", "substitute", "tissue", "in"})
_PAREN_RE = re.compile(r"\([^)]*\)")


def index_vocabulary(lines: str) -> IndexVocabulary:
    """Read `term<TAB>see` lines (codesets/search/index.py). "Fasciotomy: see Division, Subcutaneous
    Tissue and Fascia 0J8; see Release" -> op 0J8 or Release; "Medial meniscus: use Knee Joint, Right"
    -> the words "knee joint" (the side is the query's to say). The words before a comma and outside
    parentheses are the term ("Discectomy, diskectomy"); a key term has two words or more, or one
    long word (`_one_word_key`)."""
    ops: dict[tuple[str, ...], dict[str, float]] = {}
    sites: dict[tuple[str, ...], dict[str, None]] = defaultdict(dict)
    keys: dict[tuple[str, ...], Entry] = {}
    brands: dict[str, set[tuple[str, ...]]] = defaultdict(set)
    for line in lines.splitlines():
        term, _, see = line.partition("\t")
        words = tuple(raw_words(_PAREN_RE.sub(" ", term.split(",")[0])))
        if not words or len(words) > MAX_PHRASE:
            continue
        if see.startswith("use "):
            # a key term narrowed after its comma names only that part ("Internal carotid artery,
            # intracranial portion: use Intracranial Artery"): the words before the comma stay the table's
            narrowed = "," in _PAREN_RE.sub(" ", term)
            value = tuple(w for w in raw_words(see[4:]) if w not in _SIDES)
            if (len(words) >= 2 or _one_word_key(words, value)) and words not in keys and not narrowed \
                    and not _DEVICE_VALUE & set(value):
                keys[words] = Entry(value, {})
            elif _DEVICE_VALUE & set(value) and len(words[0]) >= BRAND_MIN and words[0].isalpha():
                brands[words[0]].add(tuple(raw_words(see[4:].split(" in ")[0])))
            continue
        table = _TABLE_RE.search(see.strip())
        letter = _OPERATION_LETTER.get(see.split(",")[0].strip().lower())
        pattern = table.group(1)[:3] if table else f"0_{letter}" if letter else None
        if pattern is not None:
            ops.setdefault(words, {})[pattern] = 1.0
        if table and len(table.group(1)) >= 4:  # "Cecostomy: see Bypass, Cecum 0D1H": the cecum's own row
            ops[words][table.group(1)[:4]] = 1.0
        if table and len(table.group(1)) >= 4:  # the reference names the body part too: its words
            sites[words].update(dict.fromkeys(_site_words(see)))
    return IndexVocabulary({words: Entry(tuple(sites.get(words, ())), {"op": pats})
                            for words, pats in ops.items()}, keys,
                           {w: next(iter(v)) for w, v in brands.items() if len(v) == 1})


def _one_word_key(words: tuple[str, ...], value: tuple[str, ...]) -> bool:
    """A one-word key term is read too when it is a word of five letters or more and names another body
    part ("Calcaneus: use Tarsal", "Ischium: use Pelvic Bone", "Manubrium: use Sternum")."""
    return len(words[0]) >= 5 and words[0].isalpha() and bool(value) and words[0] not in value


def _site_words(see: str) -> list[str]:
    """The body-part words of a `see` reference whose code names the body part ("Repair, Anus 0DQQ" ->
    anus; "Drainage, Pericardial Cavity 0W9D" -> pericardial cavity): what follows the root operation,
    each reference of the line ("...; see ...") read alike."""
    out: list[str] = []
    for ref in re.split(r";?\s*see ", see):
        table = _TABLE_RE.search(ref.strip())
        if table and len(table.group(1)) >= 4 and "," in ref:
            out.extend(w for w in raw_words(ref[ref.index(",") + 1 : table.start()]) if w not in _SITE_SKIP)
    return out


_SITE_SKIP = frozenset({"and", "of", "the", "system", "systems"})
BRAND_MIN = 4  # letters of a Device Key brand name read alone ("Xience"; not "AMS", "Bone")


def suffix_entry(word: str, vocab: Vocabulary) -> Entry | None:
    """The entry of the procedure suffix `word` ends with (after a root of a few letters), if any."""
    return next((e for suffix, e in vocab.suffixes.items()
                 if len(word) > len(suffix) + SUFFIX_MIN_ROOT and word.endswith(suffix)), None)


UNLISTED_OBJECTIVE = 0.85  # an Index objective the suffix does not name itself
INDEX_OTHER_PART = 0.9  # a body part of the table other than the one an Index reference names


def index_objectives(suffixed: Entry, ref: Entry) -> Entry:
    """A suffixed word's entry with the objectives the PCS Index sends it to (`ref`, see_phrases):
    the Index says which root operations ("Fasciotomy: see Division ... 0J8; see Release"), the suffix
    which of them it means first (-otomy: drainage before division). A suffix that names its
    objective only by default (-scopy: inspection) keeps it a default."""
    own = suffixed.groups.get("op") or suffixed.weak_ops
    pats = {p: 0.9 + 0.1 * own.get("0_" + p[2], UNLISTED_OBJECTIVE) if p[:1] == "0" else 1.0
            for p in ref.groups["op"]}
    for p in [p for p in pats if len(p) == 3 and any(len(q) == 4 and q[:3] == p for q in pats)]:
        # the table's other body parts, after the one the reference names ("Cecostomy": Bypass of the
        # cecum to the skin before a bypass from the jejunum to the cecum, 0D1A0ZH)
        pats[p] *= INDEX_OTHER_PART
    if suffixed.groups.get("op"):
        return Entry(suffixed.words, {**suffixed.groups, "op": pats}, {}, suffixed.hint_ops,
                     suffixed.site, suffixed.part, suffixed.whole)
    return Entry(suffixed.words, suffixed.groups, pats, suffixed.hint_ops, suffixed.site,
                 suffixed.part, suffixed.whole)


# A suffixed word whose root the vocabulary does not list reads as that root when the code texts hold
# it as a word of at least this many letters ("hemorrhoidectomy": excision of what "hemorrhoid" names).
KNOWN_ROOT_MIN = 5


def affix(word: str, vocab: Vocabulary,
          known: Callable[[str], bool] | None = None) -> tuple[Entry, tuple[str, ...]] | None:
    """A word made of a root and a procedure suffix: its entry and the body-part words of its roots
    (or the root itself when `known` says the code texts hold it as a word)."""
    if word.startswith("post"):  # postmastectomy, postlaminectomy: a state after it, a diagnosis
        return None
    for suffix, entry in vocab.suffixes.items():
        if len(word) > len(suffix) + SUFFIX_MIN_ROOT and word.endswith(suffix):
            stem = word[: -len(suffix)]
            organs = _roots(stem, vocab)
            if organs:
                return entry, organs
            if known is not None and len(stem) >= KNOWN_ROOT_MIN and known(stem):
                return entry, (stem,)
    return None


def _roots(stem: str, vocab: Vocabulary) -> tuple[str, ...]:
    """Body-part words of the roots in `stem`, read left to right, longest root first ("cholecyst")."""
    out: list[str] = []
    i = 0
    longest = max(map(len, vocab.roots), default=0)
    while i < len(stem):
        for k in range(min(longest, len(stem) - i), 1, -1):
            words = vocab.roots.get(stem[i : i + k])
            if words is not None:
                out.extend(words)
                i += k
                break
        else:
            i += 1
    return tuple(dict.fromkeys(out))


LEVEL_RE = re.compile(r"^([ctls])([1-9]|1[0-2])$")
_REGIONS = {"c": "cervical", "t": "thoracic", "l": "lumbar", "s": "sacral"}


# Joints spanned by two levels of one region ("L3-L5": two) -> the body part of the tables that count
# them (0RG / 0SG: 2 or more cervical or lumbar vertebral joints, 2 to 7 or 8 or more thoracic).
_MANY_JOINTS = {"c": ((2, ("2", "or", "more", "cervical", "vertebral", "joints")),),
                "l": ((2, ("2", "or", "more", "lumbar", "vertebral", "joints")),),
                "t": ((8, ("8", "or", "more", "thoracic", "vertebral", "joints")),
                      (2, ("2", "to", "7", "thoracic", "vertebral", "joints")))}


def spine(first: str, second: str | None, joints: int = 1) -> tuple[str, ...]:
    """A spinal level (L1) is a vertebra; two levels (L4-L5) the joint between them, and two levels
    further apart in one region (L3-L5, C4-C7) the joints between them counted as the tables do."""
    if second is None:
        return ("sacrum",) if first == "s" else (_REGIONS[first], "vertebra")
    if {first, second} == {"l", "s"}:
        return ("lumbosacral", "joint")
    for least, words in _MANY_JOINTS.get(first, ()) if second == first else ():
        if joints >= least:
            return words
    return (_REGIONS[first], "vertebral", "joint")


def compound(word: str, vocab: Vocabulary) -> tuple[str, ...] | None:
    """A long adjective made of word roots (ventriculoperitoneal): the body-part words of its roots."""
    if len(word) < 12 or not word.endswith(("al", "ic", "ar")):
        return None
    organs = _roots(word, vocab)
    return organs if len(organs) >= 2 else None


@dataclass(frozen=True)
class Intent:
    """What a procedure query names: words for the titles and the axis patterns with weights."""

    words: tuple[str, ...]
    groups: dict[str, dict[str, float]]
    plain_device: bool  # no device named: "no device" (Z) first
    diagnostic: bool    # biopsy / diagnostic named
    contrast: bool = False  # imaging: contrast named (else "none" first)
    strong: bool = False    # an objective named outright (not only a scope's default inspection)


def root_operation(pattern: str | None) -> str | None:
    """The section-0 root operation a pattern names ("0_B" any body system, "0J8" one table), else None."""
    if pattern and len(pattern) == 3 and pattern[0] == "0" and pattern[2] in OPERATIONS:
        return pattern[2]
    return None


def best_pattern(pats: dict[str, float]) -> str | None:
    return max(pats, key=lambda p: pats[p]) if pats else None


def qualified_after(words: Sequence[str], i: int, vocab: Vocabulary) -> list[str] | None:
    """`words` with a phrase at `i` and the qualifier written after it ("arterial line, left femoral")
    put in the order of a longer vocabulary phrase ("left femoral arterial line": the side first), when
    the qualifier and the phrase make one; None when they do not."""
    n = len(words)
    for m in range(min(MAX_PHRASE - 1, n - i - 1), 1, -1):
        head = tuple(words[i : i + m])
        if head not in vocab.phrases:
            continue
        start = i + m + (i + m < n and words[i + m] in _SIDES)
        for k in range(min(MAX_PHRASE - m, n - start), 0, -1):
            if (*words[start : start + k], *head) in vocab.phrases:
                return [*words[:i], *words[i + m : start + k], *head, *words[start + k :]]
        return None
    return None


def inverted(words: Sequence[str], i: int, vocab: Vocabulary) -> int:
    """The number of words after `i` that, with the word at `i` put after them, make a vocabulary phrase
    written the other way round, as the PCS Index and coders looking it up order them ("dialysis,
    peritoneal", "filter, Greenfield", "biopsy, bone marrow", "biopsy of bone marrow"); 0 when none
    does, or when a phrase of the vocabulary starts at `i` with more than its first word (then the words
    were meant as written: "pacemaker dual chamber" keeps "dual chamber")."""
    longest = min(MAX_PHRASE, len(words) - i)
    if longest < 2 or any(tuple(words[i : i + k]) in vocab.phrases for k in range(2, longest + 1)):
        return 0
    of = int(i + 2 < len(words) and words[i + 1] == "of")  # "biopsy of bone marrow": the same phrase
    for k in range(longest - 1 - of, 0, -1):
        rest = tuple(words[i + 1 + of : i + 1 + of + k])
        if words[i] not in rest and ((*rest, words[i]) in vocab.phrases
                                     or (*rest[:-1], singular(rest[-1]), words[i]) in vocab.phrases):
            return k + of  # "extraction of stones": the phrase "stone extraction"
    return 0


def singular(word: str) -> str:
    """A plural noun's singular as the vocabulary writes its phrases ("stones" -> stone), else the word."""
    return word[:-1] if len(word) > 4 and word.endswith("s") and not word.endswith("ss") else word
