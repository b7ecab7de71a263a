"""Shorthand typed as one word, read as the words it runs together.

    split_run_together(["lapchole"], is_key, known)   # (["lap", "chole"], {"lapchole": "lap chole"})

People type fast and drop the space of a two-word shorthand: "lapchole", "exlap", "gtube", "ngtube",
"lapappy". A word no text holds and no abbreviation names is split in two when the two halves are a
two-word abbreviation or procedure phrase ("lap chole", "g tube", "chest tube"); two plain words are
not enough ("overnight" is no "over night") unless the titles write them side by side: "chestpain",
"lowback", "urinarytract", "acuterenal" are read as the two words a title says ("phrase" below), since
no text holds them as one. A count typed onto its procedure ("cabgx3") is its own
word too, and so is a stage typed onto its abbreviation ("ckd4", "ckd3b").
The reverse, a word written as two ("heat stroke"), is clinical.joined.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

_COUNT_RE = re.compile(r"([a-z]{2,})(x\d{1,2})$")  # a procedure and its count: "cabgx3", "desx2"
# An abbreviation and its stage or grade typed as one word: "ckd4", "ckd3b", "nyha3"
_STAGE_RE = re.compile(r"([a-z]{2,})(\d{1,2}[a-z]?)$")
MIN_LENGTH = 4   # a shorter word is an abbreviation of its own, or a word being typed
MIN_HALF = 3     # a half of two plain words run together ("low" back pain)


def _split(word: str, is_key: Callable[[tuple[str, ...]], bool]) -> tuple[str, str] | None:
    """The two halves `word` runs together (see the module docstring), else None."""
    halves = [(word[:i], word[i:]) for i in range(1, len(word))]
    # "kidneystones": the plural of a key's last word ("kidney stone") splits as well
    return next((h for h in halves if is_key(h) or (h[1].endswith("s") and is_key((h[0], h[1][:-1])))), None)


def _split_phrase(word: str, phrase: Callable[[str, str], bool]) -> tuple[str, str] | None:
    """The two plain words `word` runs together when some title writes them side by side, else None."""
    return next(((word[:i], word[i:]) for i in range(MIN_HALF, len(word) - MIN_HALF + 1)
                 if phrase(word[:i], word[i:])), None)


def split_run_together(words: Sequence[str], is_key: Callable[[tuple[str, ...]], bool],
                       known: Callable[[str], bool],
                       phrase: Callable[[str, str], bool] | None = None) -> tuple[list[str], dict[str, str]]:
    """The words with each run-together word split, and the words split (typed -> read as). `phrase(a, b)`:
    some title says the words a and b side by side."""
    out: list[str] = []
    split: dict[str, str] = {}
    for w in words:
        count = _COUNT_RE.match(w)
        stage = _STAGE_RE.match(w) if count is None else None
        if count is not None and (is_key((count[1],)) or known(count[1])):
            halves: tuple[str, str] | None = (count[1], count[2])  # "cabgx3": a CABG of three arteries
        elif stage is not None and is_key((stage[1],)) and not is_key((w,)) and not known(w):
            halves = (stage[1], stage[2])  # "ckd3b": chronic kidney disease, stage 3b
        else:
            halves = (_split(w, is_key) if len(w) >= MIN_LENGTH and w.isalpha()
                      and not is_key((w,)) and not known(w) else None)
            if halves is None and phrase is not None and len(w) >= 2 * MIN_HALF and w.isalpha() \
                    and not is_key((w,)) and not known(w):
                halves = _split_phrase(w, phrase)  # "chestpain": chest pain
        if halves is None:
            out.append(w)
        else:
            out.extend(halves)
            split[w] = " ".join(halves)
    return out, split
