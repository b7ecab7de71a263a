"""Code references inside ICD-10-CM instructional notes, as sets you can test codes against.

    refs = parse_refs("code to identify stage of chronic kidney disease (N18.1-N18.6)")
    "N18.30" in refs    # True: a range covers every descendant of the codes it spans
    "I46.9" in parse_refs("cardiac arrest (I46.-)")

Forms read (from the April 2026 tabular list): `(I46.-)`, `(Z16.-)`, `(B27.0-)`, `(I10)`,
`(N18.1-N18.6)`, `(O10-O11, O13-O16)`, `(K85-K86.-)`, `(E08.22, E09.22)`, `(I69.81- I69.91-)`,
and qualifiers `with fifth or sixth character 5`, `with 5th character 9`, `with 7th character B or C`,
`with .52`, `with .51-.52`, `with final characters -23`. Other qualifiers ("with fifth or sixth
character to indicate intent") keep the ranges and set `approximate`. Parenthesised text that is
not a list of code references (`(vitamin B12 deficiency)`) is ignored.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from codesets.codes import normalize

_CODE = r"[A-Z][0-9][0-9A-Z](?:\.[0-9A-Z]{0,4})?"
# A, A-, A.-, A-B, A- - B-, A.--B.-, A to B (the tabular list spells ranges all these ways).
_ITEM = rf"(?P<a>{_CODE})(?:(?:\.?-)?\s*(?:[-\u2013]|\bto\b)\s*(?P<b>{_CODE})(?:\.?-)?|\.?-)?"
_ITEM_RE = re.compile(_ITEM)
_SEP = r"\s*(?:,|;|\.(?=\s)|\band\b|\bor\b)\s*"
_GROUP_RE = re.compile(
    rf"^\s*(?:(?:i\.e\.|e\.g\.),?\s*)?(?P<items>{_ITEM.replace('?P<a>', '?:').replace('?P<b>', '?:')}"
    rf"(?:{_SEP}{_ITEM.replace('?P<a>', '?:').replace('?P<b>', '?:')})*),?\s*(?:with\b(?P<q>.*))?$",
)
_PAREN_RE = re.compile(r"\(([^()]*)\)")
_ORDINAL = {"fifth": 4, "5th": 4, "sixth": 5, "six": 5, "6th": 5, "seventh": 6, "7th": 6}


@dataclass(frozen=True)
class CodeRange:
    """Codes from `lo` to `hi` (normalised) and all their descendants, optionally narrowed by `test`."""

    lo: str
    hi: str
    qualifier: str = ""
    test: Callable[[str], bool] | None = field(default=None, compare=False)

    def __contains__(self, code: object) -> bool:
        if not isinstance(code, str):
            return False
        c = normalize(code)
        if not (c[: len(self.lo)] >= self.lo and c[: len(self.hi)] <= self.hi):
            return False
        return self.test(c) if self.test else True

    def __str__(self) -> str:
        text = self.lo if self.lo == self.hi else f"{self.lo}-{self.hi}"
        return f"{text} with {self.qualifier}" if self.qualifier else text


@dataclass(frozen=True)
class CodeRanges:
    """The code references of one note. `approximate` is True when a qualifier could not be applied."""

    ranges: tuple[CodeRange, ...] = ()
    approximate: bool = False

    def __contains__(self, code: object) -> bool:
        return any(code in r for r in self.ranges)

    def __bool__(self) -> bool:
        return bool(self.ranges)

    def __iter__(self) -> Iterator[CodeRange]:
        return iter(self.ranges)

    def __len__(self) -> int:
        return len(self.ranges)

    def __str__(self) -> str:
        return ", ".join(str(r) for r in self.ranges)

    def __or__(self, other: CodeRanges) -> CodeRanges:
        return CodeRanges(self.ranges + other.ranges, self.approximate or other.approximate)


def parse_refs(text: str) -> CodeRanges:
    """Every code reference in the parenthesised groups of a note's text."""
    ranges: list[CodeRange] = []
    approximate = False
    for group in _PAREN_RE.findall(text):
        m = _GROUP_RE.match(group)
        if not m:
            continue
        qualifier = (m.group("q") or "").strip()
        test = _qualifier_test(qualifier) if qualifier else None
        if qualifier and test is None:
            approximate = True
        for item in _ITEM_RE.finditer(m.group("items")):
            lo = normalize(item.group("a")).rstrip(".")
            hi = normalize(item.group("b")).rstrip(".") if item.group("b") else lo
            ranges.append(CodeRange(lo, hi, qualifier if test else "", test))
    return CodeRanges(tuple(ranges), approximate)


def _chars(spec: str) -> set[str] | None:
    """'1-4 or 6' -> {'1','2','3','4','6'}; 'B or C' -> {'B','C'}."""
    out: set[str] = set()
    for part in re.split(r"\s*(?:,|\bor\b|\band\b)\s*", spec.strip().strip(".")):
        part = part.strip().lstrip(".")
        if re.fullmatch(r"[0-9A-Z]", part):
            out.add(part)
        elif re.fullmatch(r"[0-9]-[0-9]", part):
            out.update(str(d) for d in range(int(part[0]), int(part[2]) + 1))
        else:
            return None
    return out or None


def _qualifier_test(q: str) -> Callable[[str], bool] | None:
    """A predicate on normalised codes for the qualifiers the tabular list uses; None if not understood."""
    q = " ".join(q.split())
    m = re.fullmatch(r"(fifth|5th|sixth|six|6th|seventh|7th)(?: (?:or|to) (fifth|sixth|six|5th|6th))?[ -]"
                     r"characters? (.+)", q)
    if m:
        positions = [_ORDINAL[m.group(1)]] + ([_ORDINAL[m.group(2)]] if m.group(2) else [])
        spec = m.group(3)
        if " to " in m.group(0).split("character")[0] and re.fullmatch(r"[0-9]{2}", spec):
            start = positions[0]
            return lambda c: c[start:start + 2] == spec
        allowed = _chars(spec)
        if allowed is None:
            return None
        chars, where = frozenset(allowed), tuple(positions)
        return lambda c: any(len(c) > p and c[p] in chars for p in where)
    m = re.fullmatch(r"final characters? -?([0-9A-Z]+)", q)
    if m:
        suffix = m.group(1)
        return lambda c: c.endswith(suffix)
    # "with .52", "with .51-.52", "with .69-", "with .17, .27, .97": characters after the category.
    parts = [p.strip() for p in re.split(r",|\bor\b", q)]
    tests = []
    for p in parts:
        r = re.fullmatch(r"\.([0-9A-Z]+)-?(?:\s*-\s*\.([0-9A-Z]+))?", p)
        if not r:
            return None
        lo, hi = r.group(1), r.group(2) or r.group(1)
        tests.append((lo, hi))
    ranges = tuple(tests)
    return lambda c: any(lo <= c[3:3 + len(lo)] <= hi for lo, hi in ranges)
