"""Two conditions a diagnosis query joins with a connector ("hyperkalemia in CKD", "hypokalemia 2/2
diarrhea", "AMS due to UTI"): when no combination code reads the whole query well, a coder codes each
condition, the one named first leading. `halves` gives the two sides of the first connector.
"""

from __future__ import annotations

import re

# Longest first: "due to" before "due"; "2 2" is "2/2" (secondary to) once the slash is read as a space.
_CONNECTORS: tuple[tuple[str, ...], ...] = (
    ("in", "setting", "of"), ("in", "the", "setting", "of"), ("secondary", "to"), ("due", "to"),
    ("d", "t"), ("2", "2"), ("with",), ("in",), ("from",))
# Connectors that name a cause: the second condition may lead ("delirium due to UTI": N39.0 first, as
# "code first the underlying condition" has it; "hyponatremia due to SIADH": E22.2 says both).
_CAUSAL = frozenset(c for c in _CONNECTORS if c not in (("with",), ("in",)))


def halves(words: list[str]) -> tuple[list[str], list[str], bool, bool] | None:
    """The words before and after the first connector, both non-empty, whether the connector names a
    cause, and whether it is "in" (a condition found in the setting of another: "hyperkalemia in CKD");
    None when there is none."""
    for n in range(1, len(words) - 1):
        for c in _CONNECTORS:
            if tuple(words[n : n + len(c)]) == c and n + len(c) < len(words):
                return words[:n], words[n + len(c) :], c in _CAUSAL, c == ("in",)
    return None


STEM = 7  # letters two words share to say the same condition
_WORD = re.compile(r"[a-z0-9]+")
_PLAIN = frozenset("with without and due the other unspecified specified from into site type".split())


def _content(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if len(w) >= 4 and w not in _PLAIN}


def reads_both(found: str, first: str, second: list[str]) -> bool:
    """True when the text `found` (a result's title and the entry that led to it) shares a word with the
    first condition's best title and a word (or its start: "chemo" of "chemotherapy") with the second's
    words: a combination code that says both."""
    have = _content(found)
    stems = {w[:STEM] for w in have}
    if not any(w[:STEM] in stems for w in _content(first)):  # "gastroenteropathy" says "gastroenteritis"
        return False
    return any(h.startswith(w) for w in _content(" ".join(second)) for h in have)
