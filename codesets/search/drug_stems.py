"""A drug no code names, read by its nonproprietary-name stem: "eculizumab infusion", "ocrelizumab".

ICD-10-PCS names a few drugs in section X and codes the rest as Introduction of Other Therapeutic
Substance (3E0_3GC: peripheral vein, percutaneous). A word no text, abbreviation or Index term holds that
ends with the USAN / INN stem "-mab" is a monoclonal antibody (USAN Council, stem list: -mab, monoclonal
antibodies); it is read as those words, which the procedure vocabulary sends to the other therapeutic
substance (procedure_terms.tsv), so such a query never meets an infusion catheter's complication codes or
nothing at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

STEMS = (("mab", ("monoclonal", "antibody")),)
MIN_LENGTH = 7  # "-mab" after a few letters of a name ("rituximab"); not "mab" or a short word


def read_stems(words: Sequence[str], known: Callable[[str], bool]) -> tuple[list[str], dict[str, str]]:
    """The words with each unknown drug name read as its stem's class, and the words read (typed -> as)."""
    out: list[str] = []
    said: dict[str, str] = {}
    for w in words:
        stem = next((s for s in STEMS if w.endswith(s[0])), None) if len(w) >= MIN_LENGTH else None
        if stem is None or not w.isalpha() or known(w):
            out.append(w)
            continue
        out.extend(stem[1])
        said[w] = " ".join(stem[1])
    return out, said
