"""A drug no code names, read by its nonproprietary-name stem: "eculizumab infusion", "ocrelizumab".

ICD-10-PCS names a few drugs in section X and codes the rest as Introduction of Other Therapeutic
Substance (3E0_3GC: peripheral vein, percutaneous). A word no text, abbreviation or Index term holds that
ends with the USAN / INN stem "-mab" is a monoclonal antibody (USAN Council, stem list: -mab, monoclonal
antibodies); it is read as those words, which the procedure vocabulary sends to the other therapeutic
substance (procedure_terms.tsv), so such a query never meets an infusion catheter's complication codes or
nothing at all.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

STEMS = (("mab", ("monoclonal", "antibody")),)
MIN_LENGTH = 7  # "-mab" after a few letters of a name ("rituximab"); not "mab" or a short word


def is_stem_name(word: str) -> bool:
    """The word is a nonproprietary drug name by its stem ("eculizumab")."""
    return len(word) >= MIN_LENGTH and word.isalpha() and any(word.endswith(s[0]) for s in STEMS)


def read_stems(words: Sequence[str], known: Callable[[str], bool],
               brands: Mapping[str, str] | None = None) -> tuple[list[str], dict[str, str]]:
    """The words with each unknown drug name read as its stem's class, and the words read (typed -> as).
    A brand the PCS Index's Substance Key sends to its nonproprietary name ("Soliris(R): use Eculizumab",
    `brands`) is read by that name's stem."""
    out: list[str] = []
    said: dict[str, str] = {}
    for w in words:
        name = brands.get(w, w) if brands else w
        stem = next((s for s in STEMS if name.endswith(s[0])), None) if len(name) >= MIN_LENGTH else None
        if name != w and name.isalpha() and known(name):  # a brand of a drug some code names: that name
            out.append(name)
            said[w] = name
            continue
        if stem is None or not name.isalpha() or known(name):
            out.append(w)
            continue
        out.extend(stem[1])
        said[w] = " ".join(stem[1])
    return out, said
