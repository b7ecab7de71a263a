"""Two procedures written as one word: "cystoprostatectomy" is a cystectomy and a prostatectomy.

    split_compound(["radical", "cystoprostatectomy"], is_index_term)
    # (["radical", "cystectomy", "and", "prostatectomy"],
    #  {"cystoprostatectomy": "cystectomy and prostatectomy"})

Medical compounds join the roots of the organs removed, the principal organ first ("cysto-prostat-ectomy",
"pancreatico-duoden-ectomy", "nephro-ureter-ectomy"). ICD-10-PCS codes each body part resected (guideline
B3.2a: the same root operation on different body parts), the principal one first. A word that is no PCS
Index main term itself is split where both halves, each given the suffix, are Index main terms
("Cystectomy: see Excision, Bladder / Resection, Bladder"; "Prostatectomy: see ... Prostate"), the linking
vowel of the first root dropped (cysto- -> cyst-, pancreatico- -> pancreat-).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

SUFFIXES = ("ectomy",)
MIN_ROOT = 3  # letters of each root ("cyst", "nephr")


def _firsts(left: str) -> list[str]:
    """The first root as its own word takes it ("cysto" -> cyst, "pancreatico" -> pancreat)."""
    out = [left]
    if left.endswith("o"):
        out.append(left[:-1])
    if left.endswith("ico"):
        out.append(left[:-3])
    return [x for x in out if len(x) >= MIN_ROOT]


def _split(word: str, is_term: Callable[[str], bool]) -> tuple[str, str] | None:
    for suffix in SUFFIXES:
        if not word.endswith(suffix):
            continue
        stem = word[: -len(suffix)]
        for i in range(MIN_ROOT + 1, len(stem) - MIN_ROOT + 1):
            second = stem[i:] + suffix
            if not is_term(second):
                continue
            first = next((f + suffix for f in _firsts(stem[:i]) if is_term(f + suffix)), None)
            if first is not None:
                return first, second
    return None


def split_compound(words: Sequence[str], is_term: Callable[[str], bool]) -> tuple[list[str], dict[str, str]]:
    """The words with each two-organ compound (see the module docstring) written as two procedures
    joined by "and", and the words split (typed -> read as). `is_term`: a word is a PCS Index main term."""
    out: list[str] = []
    split: dict[str, str] = {}
    for w in words:
        halves = None if is_term(w) or not w.isalpha() else _split(w, is_term)
        if halves is None:
            out.append(w)
        else:
            out.extend((halves[0], "and", halves[1]))
            split[w] = f"{halves[0]} and {halves[1]}"
    return out, split
