"""Diagnosis terms with no code of their own, read as the conditions the ICD-10-CM Index sends them to.

    no_code.reading(["urosepsis", "e", "coli"])
    # -> NoCode(term="urosepsis", first=["urinary", "tract", "infection", "e", "coli"],
    #           second=["sepsis", "unspecified", "organism", "e", "coli"], note="...")

"Urosepsis" is a nonspecific term (ICD-10-CM Index: Urosepsis - code to condition; Official Guidelines
I.C.1.d.1.a.ii: it has no default code and the provider must be queried). A code search still answers it:
the conditions a coder looks at before querying (the urinary tract infection, the sepsis), each with a note
that says so. Only the search a coder types reads it this way (engine.SearchIndex.search with no
`min_score`): the record scanner never codes the term, it asks (workbench/record/stated.py).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# term -> the two conditions to look at, the likelier first
TERMS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "urosepsis": (("urinary", "tract", "infection"), ("sepsis", "unspecified", "organism")),
}
NOTE = "{term}: no code of its own (Index: code to condition; query the provider)"


@dataclass(frozen=True)
class NoCode:
    term: str
    first: list[str]
    second: list[str]
    note: str


def reading(words: Sequence[str]) -> NoCode | None:
    """The query's words with a term of TERMS replaced by each of its conditions, else None."""
    at = next((n for n, w in enumerate(words) if w in TERMS), None)
    if at is None:
        return None
    term = words[at]
    first, second = TERMS[term]
    rest_before, rest_after = list(words[:at]), list(words[at + 1 :])
    return NoCode(term, [*rest_before, *first, *rest_after], [*second, *rest_before, *rest_after],
                  NOTE.format(term=term.capitalize()))
