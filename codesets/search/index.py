"""The inverted index behind code search: built from a release, saved beside it, loaded in milliseconds.

Everything is a flat numpy array, never one Python object per code:
- documents (one per code, CM headers included): code, system, kind, billable, CC level, chapter.
  CM codes come first in code order, then PCS in code order, then CM chapters and blocks, so a code
  prefix is a contiguous slice found by binary search.
- texts (what words can match): every title (text i is the title of document i), then inclusion
  terms, conditions the CM notes name with a code (cm_sources.py), Alphabetic Index paths and the
  ICD-9-CM procedure titles the GEMs map to a PCS code (codesets/release/gems.py), each pointing at
  its document. A PCS text also records its head term: the first word of a title (the root operation
  or its section's kind of procedure) or of an index path (the main term).
- terms: the sorted vocabulary and, for each term, the sorted texts holding it (postings).

The cache is one uncompressed `.npz` (read with allow_pickle=False) plus a JSON header with the
format version; a stale or damaged cache is rebuilt.
"""

from __future__ import annotations

import bisect
import json
import re
import zipfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from codesets.fsutil import atomic_path, write_atomic
from codesets.model import CM_KINDS
from codesets.release import gems
from codesets.search import cm_sources
from codesets.search.index_postings import TextSpec, build_postings
from codesets.search.text import weighted_terms

# v6 CM default codes, header words; v7 GEMs, PCS text heads, Index see-refs; v9 PCS Index subterms narrow
# a prefix to the codes they name
FORMAT_VERSION = 21
CACHE_NAME = f"search-v{FORMAT_VERSION}"

SYSTEMS = ("CM", "PCS")
KINDS = CM_KINDS  # PCS codes use kind "code"
TEXT_TITLE, TEXT_INCLUSION, TEXT_INDEX, TEXT_NOTE, TEXT_GEM = 0, 1, 2, 3, 4
CC_LEVELS = (None, "CC", "MCC")
# "If the type of diabetes mellitus is not documented in the medical record the default is E11.-, Type 2
# diabetes mellitus" (ICD-10-CM guideline I.C.4.a.2): in E11 texts "type 2" says nothing the query must.
DEFAULT_TYPE_CATEGORY = "E11"
DEFAULT_TYPE = frozenset({"type", "2"})


@dataclass
class IndexData:
    """The arrays of one built index (see the module docstring)."""

    doc_code: np.ndarray  # S8
    doc_system: np.ndarray  # uint8, index into SYSTEMS
    doc_kind: np.ndarray  # uint8, index into KINDS
    doc_billable: np.ndarray  # bool
    doc_cc: np.ndarray  # uint8, index into CC_LEVELS
    doc_chapter: np.ndarray  # uint8, ICD-10-CM chapter number (0 for PCS)
    n_cm_codes: int  # documents [0, n_cm_codes) are CM codes in order
    n_pcs: int  # then [n_cm_codes, n_cm_codes + n_pcs) PCS codes in order
    text_doc: np.ndarray  # int32
    text_kind: np.ndarray  # uint8: TEXT_TITLE / TEXT_INCLUSION / TEXT_INDEX / TEXT_NOTE / TEXT_GEM
    text_head: np.ndarray  # int32 term id of a PCS text's first word, -1 for CM texts
    text_len: np.ndarray  # float32, weighted number of words
    text_blob: bytes  # UTF-8 of every text, back to back
    text_off: np.ndarray  # int64, len(texts) + 1
    vocab: list[str]  # sorted
    post: np.ndarray  # int32 text ids, term by term
    post_w: np.ndarray  # uint8 weight (percent) of the term in that text, parallel to `post`
    post_off: np.ndarray  # int64, len(vocab) + 1
    # Words a CM title does not say but stands under (its headers' words, a hyphenated word written as
    # one): their own postings, so that the postings above, document frequencies and the record
    # scanner count only what texts say. Matched like a word the text says, adding nothing to length.
    inh_post: np.ndarray  # int32 text ids, term by term
    inh_off: np.ndarray  # int64, len(vocab) + 1
    release_id: str = ""
    # PCS Index main terms and where they send the coder, a `term<TAB>see text` line each
    # ("Fasciotomy\tDivision, Subcutaneous Tissue and Fascia 0J8", "Medial meniscus\tuse Knee Joint,
    # Right"): procedure_vocab.index_vocabulary reads them.
    pcs_see: str = ""
    # The fingerprint of the release import the index was built from (SearchIndex.for_release): what a
    # cache read back beside the index (the scanner's side list) must have been built from too.
    fingerprint: str = ""

    def text(self, i: int) -> str:
        return self.text_blob[int(self.text_off[i]) : int(self.text_off[i + 1])].decode("utf-8")

    def nbytes(self) -> int:
        """Approximate memory held (arrays, the text blob and the vocabulary strings)."""
        arrays = sum(int(getattr(self, f).nbytes) for f in self.__dataclass_fields__
                     if isinstance(getattr(self, f), np.ndarray))
        return arrays + len(self.text_blob) + sum(49 + len(t) for t in self.vocab) + 8 * len(self.vocab)


def _chapter_of(item_parent: dict[str, str | None], code: str) -> int:
    node: str | None = code
    for _ in range(8):
        if node is None:
            return 0
        if node.isdigit():
            return int(node)
        node = item_parent.get(node)
    return 0


def build(release: Any) -> IndexData:
    """Read a release through its public API and build the arrays."""
    cm = list(release.iter_cm())
    parents = {i.code: i.parent for i in cm}
    codes_cm = sorted((i for i in cm if i.kind not in ("chapter", "block")), key=lambda i: i.code)
    heads = [i for i in cm if i.kind in ("chapter", "block")]
    pcs = sorted(release.iter_pcs(), key=lambda p: p.code)

    codes: list[str] = []
    system: list[int] = []
    kind: list[int] = []
    billable: list[bool] = []
    chapter: list[int] = []
    titles: list[str] = []
    for i in codes_cm:
        codes.append(i.code)
        system.append(0)
        kind.append(KINDS.index(i.kind))
        billable.append(bool(i.billable))
        chapter.append(_chapter_of(parents, i.code))
        titles.append(i.title)
    for p in pcs:
        codes.append(p.code)
        system.append(1)
        kind.append(KINDS.index("code"))
        billable.append(True)
        chapter.append(0)
        titles.append(p.title)
    for i in heads:
        codes.append(i.code)
        system.append(0)
        kind.append(KINDS.index(i.kind))
        billable.append(False)
        chapter.append(_chapter_of(parents, i.code))
        titles.append(i.title)
    cc = np.zeros(len(codes), np.uint8)
    levels = release.cc_levels()
    for d in range(len(codes_cm)):
        level = levels.get(codes[d]) if billable[d] else None
        if level in ("CC", "MCC"):
            cc[d] = CC_LEVELS.index(level)

    texts: list[str] = list(titles)
    text_doc: list[int] = list(range(len(titles)))
    text_kind: list[int] = [TEXT_TITLE] * len(titles)
    doc_of = {c: d for d, c in enumerate(codes[: len(codes_cm) + len(pcs)])}
    def add_text(text: str, d: int, kind: int) -> None:
        texts.append(text)
        text_doc.append(d)
        text_kind.append(kind)

    for d, syn in cm_sources.synonyms(release, codes_cm, doc_of):
        add_text(syn, d, TEXT_INCLUSION)
    for d, phrase in cm_sources.note_references(release, codes_cm, doc_of):
        add_text(phrase, d, TEXT_NOTE)
    for path, d in _index_paths(release, doc_of, [p.code for p in pcs], titles):
        add_text(path, d, TEXT_INDEX)
    for text, code in gems.texts(p.code for p in pcs):
        add_text(text, doc_of[code], TEXT_GEM)

    title_of = {i.code: i.title for i in cm}
    header_terms: dict[str, frozenset[str]] = {}
    extension_at = _extension_starts(codes_cm)
    n_cm, n_titles = len(codes_cm), len(titles)
    made: dict[tuple[int, bool, bool, int], TextSpec] = {}
    specs: list[TextSpec] = []
    for t, d in enumerate(text_doc):
        key = (extension_at.get(t, -1), n_cm <= t < n_cm + len(pcs),
               codes[d].startswith(DEFAULT_TYPE_CATEGORY), system[d])
        spec = made.get(key)
        if spec is None:
            spec = made[key] = TextSpec(light_from=key[0], pcs_title=key[1],
                                        light=DEFAULT_TYPE if key[2] else frozenset(), pcs=key[3] == 1,
                                        cm=key[3] == 0)
        specs.append(spec)

    def header_words(t: int) -> frozenset[str]:
        return _inherited(codes_cm[t].parent, parents, title_of, header_terms) if t < n_cm else frozenset()

    terms = build_postings(texts, specs, n_titles, header_words)
    encoded = [s.encode("utf-8") for s in texts]
    text_off = np.zeros(len(texts) + 1, np.int64)
    np.cumsum(np.fromiter((len(b) for b in encoded), np.int64, len(encoded)), out=text_off[1:])
    return IndexData(
        doc_code=np.array(codes, dtype="S8"),
        doc_system=np.array(system, np.uint8),
        doc_kind=np.array(kind, np.uint8),
        doc_billable=np.array(billable, bool),
        doc_cc=cc,
        doc_chapter=np.array(chapter, np.uint8),
        n_cm_codes=len(codes_cm),
        n_pcs=len(pcs),
        text_doc=np.array(text_doc, np.int32),
        text_kind=np.array(text_kind, np.uint8),
        text_head=terms.text_head,
        text_len=terms.text_len,
        text_blob=b"".join(encoded),
        text_off=text_off,
        vocab=terms.vocab,
        post=terms.post,
        post_w=terms.post_w,
        post_off=terms.post_off,
        inh_post=terms.inh_post,
        inh_off=terms.inh_off,
        release_id=str(getattr(release, "id", "")),
        pcs_see=_see_lines(release),
    )


def _inherited(parent: str | None, parents: dict[str, str | None], title_of: dict[str, str],
               memo: dict[str, frozenset[str]]) -> frozenset[str]:
    """The full-weight words of the titles of a code's headers up to its category: I82.432 "Acute
    embolism and thrombosis of left popliteal vein" is under I82.4 "... of deep veins of lower
    extremity". They match a query word (coverage) without lengthening the code's title (precision).
    `memo` keeps each header's words (with its own headers')."""
    if not parent or len(parent) < 3 or parent not in title_of:
        return frozenset()
    if parent not in memo:
        own = {t for t, w in weighted_terms(title_of[parent]) if w >= 1.0}
        memo[parent] = frozenset(own) | _inherited(parents.get(parent), parents, title_of, memo)
    return memo[parent]


def _extension_starts(codes_cm: list[Any]) -> dict[int, int]:
    """Where the 7th-character part starts in the title of each CM code that has one, by document.

    The title of S72.001A is the title of S72.001 followed by ", initial encounter for closed fracture".
    """
    title_of = {i.code: i.title for i in codes_cm}
    out: dict[int, int] = {}
    for d, item in enumerate(codes_cm):
        if len(item.code) == 7 and item.parent:
            base = title_of.get(item.parent, "")
            if base and item.title.startswith(base) and len(item.title) > len(base):
                out[d] = len(base)
    return out


_PCS_REF_RE = re.compile(r"\b([0-9A-HJ-NP-Z]{3,7})\b")
# A PCS Index entry naming a table or a partial code ("Laparotomy, exploratory: see Inspection,
# Peritoneal Cavity 0WJG") points at every code under it, up to this many (a whole table is too wide).
MAX_CODES_PER_PCS_ENTRY = 48


def _index_paths(release: Any, doc_of: dict[str, int],
                 pcs_codes: list[str] | None = None,
                 titles: list[str] | None = None) -> list[tuple[str, int]]:
    """Alphabetic Index entries as `Main term > subterm` texts pointing at their code.

    An entry without a code but with `see` (or `see also`) takes the codes found at the path it
    points to, which is how a coder follows the cross reference by hand. PCS Index entries point at
    codes by prefix (0WJG, 0DB); the text then says where the cross reference leads
    ("Laparotomy > Exploratory > see Inspection, Peritoneal Cavity 0WJG"). An entry whose last subterm
    names an axis value of some codes under its prefix ("Measurement > Cardiac > Sampling and Pressure >
    Left Heart", 4A02) points at those codes only (`titles`, by document).
    """
    try:
        entries = list(release.index_terms())
    except (AttributeError, NotImplementedError):
        return []
    pcs_sorted = pcs_codes or []
    by_path: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for e in entries:
        code = (getattr(e, "code", None) or "").replace(".", "").upper()
        path = tuple(getattr(e, "path", ()) or ())
        if code and path:
            by_path[tuple(p.lower() for p in path)].append(code)
    out: list[tuple[str, int]] = []
    title_words: dict[int, frozenset[str]] = {}
    for e in entries:
        path = tuple(getattr(e, "path", ()) or ())
        if not path:
            continue
        code = (getattr(e, "code", None) or "").replace(".", "").upper()
        see = getattr(e, "see", None) or ""
        text = " > ".join(path)
        if getattr(e, "source", "") == "pcs_index":
            if see.startswith("use "):
                continue  # Body Part / Device Key: read by codesets.pcs.keys, not a code pointer
            refs = [code] if code else _PCS_REF_RE.findall(see.upper())
            if see:
                text += f" > see {see}"
            for ref in dict.fromkeys(refs):
                under = [c for c in _under(pcs_sorted, ref) if c in doc_of]
                if titles is not None and len(path) >= 2 and len(under) > 1:
                    under = _naming(under, path[-1], doc_of, titles, title_words)
                linked = text
                # a table the words alone must find: a main term of one word the Index sends to a table
                # ("Pneumolysis"), or one whose code is the table ("Eculizumab XW0"); a longer term's
                # words ("Uterine artery embolization") the procedure reading places better
                # not a substance table (Administration, New Technology): its rows are body parts, each
                # first code names another drug ("Eculizumab XW0" would show Anacaulase)
                if (not under and len(ref) == 3 and len(path) == 1 and ref[0] not in "3X"
                        and (code or len(path[0].split()) == 1)):
                    under = [c for c in _rows_of(pcs_sorted, ref) if c in doc_of]
                    # the term and its table ("Pneumolysis > 0BN", shown as what matched): the
                    # reference's words ("Transfusion, Circulatory") would raise these few codes of the
                    # table above the rest for any query naming them
                    linked = f"{' > '.join(path)} > {ref}"
                for c in under:
                    out.append((linked, doc_of[c]))
            continue
        targets = [code] if code else []
        if not targets:
            for ref in (see, getattr(e, "see_also", None)):
                if ref:
                    ref_path = tuple(p.strip().lower() for p in str(ref).split(","))
                    targets.extend(by_path.get(ref_path, ())[:3])
        for c in dict.fromkeys(targets):
            if c in doc_of:
                out.append((text, doc_of[c]))
    return out


_WORD_RE = re.compile(r"[a-z0-9]+")
_NOT_AXIS = frozenset("of the and or with to in by via see".split())


def _naming(codes: list[str], subterm: str, doc_of: dict[str, int], titles: list[str],
            title_words: dict[int, frozenset[str]]) -> list[str]:
    """The codes among `codes` whose title holds every word of an Index subterm ("Left Heart"), or all
    of them when none does: a subterm names the axis value the coder looked up (ICD-10-PCS Index).
    `title_words` caches each title's words by document."""
    words = {w for w in _WORD_RE.findall(subterm.lower()) if w not in _NOT_AXIS}
    if not words:
        return codes
    named = []
    for c in codes:
        d = doc_of[c]
        have = title_words.get(d)
        if have is None:
            have = title_words[d] = frozenset(_WORD_RE.findall(titles[d].lower()))
        if words <= have:
            named.append(c)
    return named or codes


def _see_lines(release: Any) -> str:
    """`main term<TAB>see text` of the PCS Index's one-level cross references (`see ...`) and Body Part
    and Device Key entries (`use ...`), in index order."""
    try:
        entries = list(release.index_terms())
    except (AttributeError, NotImplementedError):
        return ""
    lines = []
    for e in entries:
        path = tuple(getattr(e, "path", ()) or ())
        see = (getattr(e, "see", None) or "").strip()
        if getattr(e, "source", "") == "pcs_index" and len(path) == 1 and see:
            lines.append(f"{path[0]}\t{see}".replace("\n", " "))
    return "\n".join(lines)


def _rows_of(codes: list[str], prefix: str) -> list[str]:
    """The first code of each row (body part) of a table too wide to point at whole, for a main term or
    subterm sending to the table alone ("Pneumolysis: see Release, Respiratory System 0BN"; "Eculizumab:
    XW0"), up to MAX_CODES_PER_PCS_ENTRY, so the term still finds its table (any code of it is the entry).
    A partial code (0D1B, 3E03) is left to the procedure reading, which knows its body part."""
    lo = bisect.bisect_left(codes, prefix)
    hi = bisect.bisect_left(codes, prefix + "~", lo)
    rows: dict[str, str] = {}
    for c in codes[lo:hi]:
        rows.setdefault(c[: len(prefix) + 1], c)
    return list(rows.values())[:MAX_CODES_PER_PCS_ENTRY]


def _under(codes: list[str], prefix: str) -> list[str]:
    """PCS codes starting with `prefix` (sorted list), none when more than MAX_CODES_PER_PCS_ENTRY."""
    if len(prefix) == 7:
        return [prefix]
    lo = bisect.bisect_left(codes, prefix)
    hi = bisect.bisect_left(codes, prefix + "~", lo)
    return codes[lo:hi] if 0 < hi - lo <= MAX_CODES_PER_PCS_ENTRY else []


# --- cache ---------------------------------------------------------------------------------------

_ARRAYS = ("doc_code", "doc_system", "doc_kind", "doc_billable", "doc_cc", "doc_chapter",
           "text_doc", "text_kind", "text_head", "text_len", "text_off", "post", "post_w", "post_off",
           "inh_post", "inh_off")


def save(data: IndexData, folder: Path, fingerprint: str = "") -> None:
    """Write the index atomically (temp file + rename), 0600. `fingerprint`: the release's own (its
    code set as imported), which `load` asks for."""
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    arrays = {name: getattr(data, name) for name in _ARRAYS}
    arrays["text_blob"] = np.frombuffer(data.text_blob, np.uint8)
    arrays["vocab"] = np.frombuffer("\n".join(data.vocab).encode("utf-8"), np.uint8)
    arrays["pcs_see"] = np.frombuffer(data.pcs_see.encode("utf-8"), np.uint8)
    header = {"format": FORMAT_VERSION, "release": data.release_id, "n_cm_codes": data.n_cm_codes,
              "n_pcs": data.n_pcs, "n_texts": len(data.text_doc), "n_terms": len(data.vocab),
              "fingerprint": fingerprint}
    with atomic_path(folder / f"{CACHE_NAME}.npz") as tmp, open(tmp, "wb") as f:
        np.savez(f, **arrays)
    write_atomic(folder / f"{CACHE_NAME}.json", json.dumps(header).encode())


def load(folder: Path, release_id: str, fingerprint: str = "") -> IndexData | None:
    """The cached index, or None when missing, of another format or release, damaged, or built from
    another import of the release (`fingerprint`: a release imported again from corrected files keeps its
    id and folder; its old index would answer with the old titles and codes)."""
    try:
        header = json.loads((folder / f"{CACHE_NAME}.json").read_text())
        if header.get("format") != FORMAT_VERSION or header.get("release") != release_id \
                or header.get("fingerprint", "") != fingerprint:
            return None
        with np.load(folder / f"{CACHE_NAME}.npz", allow_pickle=False) as z:
            arrays = {name: z[name] for name in _ARRAYS}
            blob = z["text_blob"].tobytes()
            vocab = z["vocab"].tobytes().decode("utf-8").split("\n")
            see = z["pcs_see"].tobytes().decode("utf-8")
    except (OSError, ValueError, KeyError, zipfile.BadZipFile, json.JSONDecodeError):
        return None
    data = IndexData(text_blob=blob, vocab=vocab, n_cm_codes=int(header["n_cm_codes"]),
                     n_pcs=int(header["n_pcs"]), release_id=release_id, pcs_see=see, fingerprint=fingerprint,
                     **arrays)
    if len(data.vocab) != header["n_terms"] or len(data.text_doc) != header["n_texts"]:
        return None
    return data
