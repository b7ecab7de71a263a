"""A newborn's record read with chapter 16 first (Official Guidelines I.C.16.a: on the newborn's record,
chapter 16 codes are used for conditions of the perinatal period):

- a sign or a condition the search read as an adult code (hypoglycemia E16.2, tachypnea R06.82) takes the
  Index's "neonatal"/"newborn" subterm where the Index has one and its title names the same words
  ("Hypoglycemia, neonatal P70.4", "Tachypnea, newborn, transitory P22.1");
- an infant of a mother with gestational diabetes is P70.0, not P70.1 (pre-existing diabetes; P70.0's
  Excludes1), when the record says the mother's diabetes was gestational;
- the hypoglycemia of an infant of a diabetic mother is part of P70.0/P70.1 ("Newborn (with hypoglycemia)
  affected by maternal gestational diabetes"): P70.4 is left out beside them, and so is P70.2 (neonatal
  diabetes), the mother's diabetes read as the newborn's.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from codesets.search.text import QUERY_STOPWORDS, raw_words, stem

if TYPE_CHECKING:
    from workbench.model.encounter import Encounter
    from workbench.record.suggest import Suggestion

# A strong Index reading of "neonatal <phrase>" (P70.4 for hypoglycemia scores 0.75, P22.1 for tachypnea
# 0.66); "neonatal anemia" (0.54, hemolytic disease P55.9) is not one.
_NEWBORN_SCORE = 0.6
# Chapters a newborn's own condition never moves out of: perinatal (P), congenital (Q), status and
# encounter codes (Z), injuries and external causes (S-Y).
_KEEP = ("P", "Q", "Z", "S", "T", "V", "W", "X", "Y")
_GESTATIONAL = re.compile(r"\bgestational diabet\w*|\bgdm\b|\b(?:a1|a2)gdm\b", re.IGNORECASE)


def _words(text: str) -> set[str]:
    return {stem(w) for w in raw_words(text) if w not in QUERY_STOPWORDS}


def newborn_codes(release: Any, index: Any, enc: Encounter, sugs: list[Suggestion],
                  is_newborn: bool) -> list[Suggestion]:
    """The suggestions with the rules of the module docstring applied (only on a newborn's record)."""
    if not is_newborn or index is None:
        return sugs
    from workbench.record.combinations import make

    out: list[Suggestion] = []
    for s in sugs:
        if s.system == "CM" and not s.code.startswith(_KEEP):
            s = _neonatal(release, index, s, make) or s
        out.append(s)
    gestational = any(_GESTATIONAL.search(d.text) for d in enc.documents)
    if gestational:
        out = [make(release, s, "P700") or s if s.system == "CM" and s.code == "P701" else s for s in out]
    have = {s.code for s in out if s.system == "CM"} | {d.code for d in enc.diagnoses}
    if have & {"P700", "P701"}:
        # (and the mother's diabetes the search read as the newborn's own, neonatal diabetes P70.2)
        out = [s for s in out if not (s.system == "CM" and s.code in ("P704", "P702"))]
    seen: set[str] = set()
    return [s for s in out if not (s.code in seen or seen.add(s.code))]  # type: ignore[func-returns-value]


def _neonatal(release: Any, index: Any, s: Suggestion, make: Any) -> Suggestion | None:
    phrase = s.evidence.phrase
    said = _words(phrase)
    if not said:
        return None
    for r in index.search("neonatal " + phrase, system="CM", billable_only=True, limit=2,
                          min_score=_NEWBORN_SCORE):
        if r.code.startswith("P") and r.score >= _NEWBORN_SCORE and said <= _words(r.title):
            made: Suggestion | None = make(release, s, r.code)
            return made
    return None
