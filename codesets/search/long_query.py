"""A long query (an operative note's line, a whole diagnosis statement of 20-30 words) cut to the words that
name codes: only the first MAX_QUERY_TERMS words of a query are read, so the narrative a note wraps its
findings in ("the patient was taken to the operating room where ...", "68 year old male admitted with ...")
used them up and led to place-of-occurrence codes (Y92.234 "Operating room of hospital").

    essentials("the patient was taken to the operating room where a laparoscopic cholecystectomy was
                performed".split())  ->  ["laparoscopic", "cholecystectomy", ...]

Applied only to queries longer than MAX_QUERY_TERMS words, so a short query ("operating room" itself,
"patient room in hospital") is read as typed.
"""

from __future__ import annotations

from codesets.search.text import MAX_QUERY_TERMS

# Phrases of the narrative, longest first (matched as whole words, in order).
_PHRASES: tuple[tuple[str, ...], ...] = tuple(tuple(p.split()) for p in (
    "was taken to the operating room", "was brought to the operating room", "taken to the operating room",
    "brought to the operating room", "to the operating room", "in the operating room", "operating room",
    "under general anesthesia", "under monitored anesthesia care", "under local anesthesia",
    "under conscious sedation", "general endotracheal anesthesia", "prepped and draped in the usual sterile",
    "prepped and draped", "in the usual sterile fashion", "in the supine position", "supine position",
    "year old", "years old", "yr old", "admitted with", "admitted for", "presented with", "presents with",
    "presenting with", "in a patient with", "the patient", "this patient", "was found to have",
    "found to have", "noted to have", "who has", "who had",
))
# Single words of the narrative that no code title needs.
_WORDS = frozenset("patient pt pts was were is are been being where which who whom whose then there "
                   "here this that these those male female man woman gentleman lady yo yof yom "
                   "admitted presented presents procedure".split())
# Joining words dropped when the rest is still too long; the connectors two conditions are read by (with,
# without, due, to, in, on, from, secondary) and "and"/"or" stay.
_FILLERS = frozenset("the a an of for by at as".split())  # "and", "or" stay: "right and left heart cath"


def essentials(words: list[str]) -> list[str]:
    """The words of a long query without its narrative, then without its joining words while still longer
    than MAX_QUERY_TERMS; unchanged when that short already (or when nothing would be left)."""
    if len(words) <= MAX_QUERY_TERMS:
        return words
    out: list[str] = []
    n = 0
    while n < len(words):
        phrase = next((p for p in _PHRASES if tuple(words[n : n + len(p)]) == p), None)
        if tuple(words[n : n + 2]) == ("complicated", "by"):
            out.append("with")  # a second condition, read as "with" is (two_conditions.py)
            n += 2
        elif phrase is not None:
            if phrase[0] in ("year", "years", "yr") and out and out[-1].isdigit():
                out.pop()  # "68 year old": the age
            n += len(phrase)
        elif words[n] in _WORDS:
            n += 1
        else:
            out.append(words[n])
            n += 1
    if len(out) > MAX_QUERY_TERMS:
        out = [w for w in out if w not in _FILLERS] or out
    return out or words
