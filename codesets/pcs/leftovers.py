"""The last source of ICD-10-PCS axis names: what the long titles leave over for the values the strict
readings of naming.py leave unnamed.

The strict readings accept a phrase only when every title using a value spells it alike. About 240
values of the built-in release fail that, and the table builder showed them bare: titles fold two axes
into one phrase ("Cardiac Output" is body system 2 and function 1 of 5A1), leave a value out
("Extracorporeal Oxygenation, Membrane, Central" says no duration), or give a code two unnamed values
("Transfusion of Nonautologous 4-Factor Prothrombin Complex Concentrate into Vein"). Here, row by row
(a value may mean another thing in another row: 3E0 qualifier 0 is "Influenza Vaccine" beside substance
4, "Autologous" beside U; section X rows are one New Technology group each):

1. residues: a title less its operation, body system and named values; the runs left go to the code's
   unnamed values in the order the titles put those axes (learnt from codes naming both, else the
   section's, else character order). A value takes the phrase most of its codes leave, Z the empty one
   ("None", the PCS value for no device, no qualifier). Repeated while values get named.
2. shared words: the longest phrase every title of the value holds that is neither the operation's nor
   the words of a value all those codes share ("Antineoplastic" of 3E0 substance 0, whose qualifiers
   read "Other Antineoplastic" and "Antineoplastic, Monoclonal Antibody").
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cmp_to_key
from itertools import permutations

from codesets.pcs import meanings as pcs_meanings
from codesets.pcs import sections as pcs_sections
from codesets.release.db import ReleaseData

RowKey = tuple[str, int, int, str]  # (table, row seq, position 4-7, value)
_ROUNDS = 4
_FRAME_WORDS = frozenset({"Approach"})  # "Percutaneous Approach": the approach's word, not a value's
# joining words between two axes' phrases ("Coronary Sinus with Reduction Device"); "and" and "," also
# join words inside one value's phrase ("Serum, Toxoid and Vaccine")
_SPLITTERS = pcs_meanings.JOINERS - {"and", ","}
_LISTED = 3  # a value read no other way shows the phrases of up to this many of its codes


class _Tables:
    """The codes of the tables with unnamed values, each with its row and its values' phrases."""

    def __init__(self, data: ReleaseData, tables: set[str]) -> None:
        self.data = data
        self.row_of: dict[str, int] = {}
        self._tails: dict[str, dict[tuple[int, tuple[str, ...]], set[str]]] = {}
        self.codes: dict[str, list[str]] = defaultdict(list)
        for code in sorted(data.pcs):
            t = code[:3]
            if t in tables:
                self.codes[t].append(code)
                self.row_of[code] = next(seq for seq, row in enumerate(data.pcs_rows[t])
                                         if all(code[3 + i] in row[i] for i in range(4)))

    def meaning(self, code: str, pos: int) -> str:
        t, v = code[:3], code[pos - 1]
        return self.data.pcs_row_axes.get((t, self.row_of[code], pos, v)) or \
            self.data.pcs_axes.get((t, pos, v), "")

    def meaning_at(self, key: RowKey) -> str:
        t, seq, pos, v = key
        return self.data.pcs_row_axes.get(key) or self.data.pcs_axes.get((t, pos, v), "")

    def key(self, code: str, pos: int) -> RowKey:
        return code[:3], self.row_of[code], pos, code[pos - 1]

    def tails(self, table: str) -> dict[tuple[int, tuple[str, ...]], set[str]]:
        """{(position, words): values} of the words that follow a named phrase in the table's titles."""
        if table not in self._tails:
            found: dict[tuple[int, tuple[str, ...]], set[str]] = defaultdict(set)
            for code in self.codes[table]:
                title = pcs_meanings.tokens(self.data.pcs[code])
                used = [False] * len(title)
                _spans(title, ((3, p) for p in _frame(self.data, table)), used)
                phrases = [(pos, pcs_meanings.tokens(self.meaning(code, pos))) for pos in range(4, 8)]
                at = _spans(title, ((p, ph) for p, ph in phrases if ph and ph != (pcs_meanings.NONE,)), used)
                for pos, start in at.items():
                    tail = _tail(title, used, start + len(dict(phrases)[pos]))
                    if tail:
                        found[(pos, tail)].add(code[pos - 1])
            self._tails[table] = found
        return self._tails[table]

    def unnamed(self, code: str) -> list[int]:
        return [pos for pos in range(4, 8) if not self.meaning(code, pos)]


def _frame(data: ReleaseData, table: str) -> list[tuple[str, ...]]:
    """The phrases of characters 1-3 a title may spell: the operation, the body system."""
    _sec, system, operation, _d = data.pcs_tables.get(table, ("", "", "", ""))
    return [pcs_meanings.tokens(p) for p in (operation, system) if p and p != pcs_meanings.NONE]


def _spans(title: tuple[str, ...], phrases: Iterable[tuple[int, tuple[str, ...]]],
           used: list[bool]) -> dict[int, int]:
    """Mark each phrase where the title has it; {position: start word} of those found."""
    at: dict[int, int] = {}
    for pos, phrase in phrases:
        if not phrase:
            continue
        found = pcs_meanings._find(title, used, phrase)
        if found is not None:
            used[found:found + len(phrase)] = [True] * len(phrase)
            at[pos] = found
    return at


def _tail(title: tuple[str, ...], used: list[bool], end: int) -> tuple[str, ...]:
    """The unexplained words right after a phrase ending at `end`, up to a joining word."""
    k = end
    while k < len(title) and not used[k] and title[k] not in pcs_meanings.JOINERS:
        k += 1
    return title[end:k]


Run = tuple[tuple[str, ...], str]  # a run of left-over words and the joining word before it ("" if none)


def _leftover(tabs: _Tables, code: str) -> tuple[list[Run], dict[int, str]]:
    """The runs of the title no named value, operation or body system explains, each with the joining
    word before it, and the joining word before each named value's phrase."""
    title = pcs_meanings.tokens(tabs.data.pcs[code])
    used = [False] * len(title)
    _spans(title, ((3, p) for p in _frame(tabs.data, code[:3])), used)
    named = [(pos, tabs.meaning(code, pos)) for pos in range(4, 8)]
    at = _spans(title, ((pos, pcs_meanings.tokens(m)) for pos, m in named
                        if m and m != pcs_meanings.NONE), used)
    for i, w in enumerate(title):
        if w in _FRAME_WORDS:
            used[i] = True
    for pos, start in at.items():  # words after the named phrases of several values of an axis carry
        end = start + len(pcs_meanings.tokens(tabs.meaning(code, pos)))  # them on ("Less than 24",
        tail = _tail(title, used, end)                                    # "24-96" + "Consecutive Hours")
        if tail and len(tabs.tails(code[:3]).get((pos, tail), ())) > 1:
            used[end:end + len(tail)] = [True] * len(tail)
    runs: list[Run] = []
    i = 0
    while i < len(title):
        if used[i] or title[i] in pcs_meanings.JOINERS:
            i += 1
            continue
        j = i
        while j < len(title) and not used[j] and (title[j] not in _SPLITTERS):
            j += 1
        run = pcs_meanings._strip(title[i:j])
        if run:
            runs.append((run, _joiner(title, i)))
        i = j
    return runs, {pos: _joiner(title, a) for pos, a in at.items()}


def _joiner(title: tuple[str, ...], at: int) -> str:
    k = at - 1
    while k >= 0 and title[k] == ",":
        k -= 1
    return title[k] if k >= 0 and title[k] in _SPLITTERS else ("," if at > 0 and title[at - 1] == "," else "")


class _Order:
    """Which unnamed value a left-over run belongs to: by the joining word before it ("into" the body
    part, "using" the device, as the table's and the section's operation's named values use them),
    else by the order titles put the axes in, else character order."""

    def __init__(self) -> None:
        self.before: dict[str, Counter[tuple[int, int]]] = defaultdict(Counter)
        self.joined: dict[str, Counter[tuple[str, int]]] = defaultdict(Counter)

    @staticmethod
    def _scopes(table: str) -> tuple[tuple[str, int], ...]:
        # not the whole section: XW0's "Introduction of <substance> into <body part>" outnumbers the
        # others and would put every section X device first
        return (table, 100), (table[0] + "." + table[2], 10)

    def learn(self, table: str, joiners: dict[int, str], at: dict[int, int]) -> None:
        for scope, _w in self._scopes(table):
            for pos, j in joiners.items():
                self.joined[scope][(j, pos)] += 1
            for p, a in at.items():
                for q, b in at.items():
                    if a < b:
                        self.before[scope][(p, q)] += 1

    def assign(self, table: str, runs: list[Run], positions: list[int]) -> list[int] | None:
        """The position of each run, or None when the joining words do not tell."""
        def odds(j: str, pos: int) -> float:
            got = sum(w * self.joined[s][(j, pos)] for s, w in self._scopes(table))
            total = sum(w * self.joined[s][(j, p)] for s, w in self._scopes(table) for p in positions)
            return (got + 0.01) / (total + 0.01 * len(positions))
        scored = []
        for perm in permutations(positions):
            score = 1.0
            for (_run, j), pos in zip(runs, perm, strict=True):
                score *= odds(j, pos)
            scored.append((score, perm))
        scored.sort(reverse=True)
        if len(scored) > 1 and scored[0][0] <= scored[1][0] * 1.5:
            return None
        return list(scored[0][1])

    def sort(self, table: str, positions: list[int]) -> list[int]:
        def cmp(p: int, q: int) -> int:
            for scope, _w in self._scopes(table):
                counts = self.before.get(scope)
                if counts and counts[(p, q)] != counts[(q, p)]:
                    return -1 if counts[(p, q)] > counts[(q, p)] else 1
            return p - q
        return sorted(positions, key=cmp_to_key(cmp))


def _residue_votes(tabs: _Tables) -> dict[RowKey, Counter[tuple[str, ...]]]:
    order = _Order()
    readings: list[tuple[str, list[Run], list[int]]] = []
    for table, codes in tabs.codes.items():
        for code in codes:
            runs, joiners = _leftover(tabs, code)
            title = pcs_meanings.tokens(tabs.data.pcs[code])
            used = [False] * len(title)
            at = _spans(title, ((pos, pcs_meanings.tokens(tabs.meaning(code, pos))) for pos in range(4, 8)
                                if tabs.meaning(code, pos) not in ("", pcs_meanings.NONE)), used)
            order.learn(table, joiners, at)
            unnamed = tabs.unnamed(code)
            if unnamed:
                readings.append((code, runs, unnamed))
    votes: dict[RowKey, Counter[tuple[str, ...]]] = defaultdict(Counter)
    for code, runs, unnamed in readings:
        worded = [p for p in unnamed if code[p - 1] != "Z"]
        if code[0] in "456" and sorted(worded) == [4, 6] and len(runs) == 1 and len(runs[0][0]) > 1:
            # body system and function in one phrase with no joining word (sections 4-6: "Respiratory
            # Ventilation" is body system 9, function 5): the last word is the function's
            (run, j), = runs
            runs = [(pcs_meanings._strip(run[:-1]), j), (run[-1:], "")]
            for pos, (words, _j) in zip(order.sort(code[:3], worded), runs, strict=True):
                votes[tabs.key(code, pos)][words] += 1
            continue
        if len(runs) < len(worded):  # "Intracranial Vascular Activity, Computer-aided Assessment"
            runs = [(piece, j if k == 0 else ",") for run, j in runs
                    for k, piece in enumerate(p for p in map(pcs_meanings._strip, _cut(run)) if p)]
        if len(runs) != len(worded):
            continue  # more or fewer runs than values: which run is whose cannot be told
        where = order.assign(code[:3], runs, worded) if len(worded) > 1 else worded
        if where is None:
            where = order.sort(code[:3], worded)
            runs = sorted(runs, key=lambda r: pcs_meanings.tokens(tabs.data.pcs[code]).index(r[0][0]))
        for pos, (run, _j) in zip(where, runs, strict=True):
            votes[tabs.key(code, pos)][run] += 1
        for pos in unnamed:
            if code[pos - 1] == "Z":
                votes[tabs.key(code, pos)][()] += 1
    return votes


def _cut(run: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A run cut at its commas."""
    pieces: list[list[str]] = [[]]
    for w in run:
        if w == ",":
            pieces.append([])
        else:
            pieces[-1].append(w)
    return [tuple(p) for p in pieces]


def _split(run: tuple[str, ...]) -> list[tuple[str, ...]]:
    """A run cut at its joining words ("Coronary Sinus" and "Reduction Device")."""
    pieces: list[list[str]] = [[]]
    for w in run:
        if w in _SPLITTERS or not w:
            pieces.append([])
        else:
            pieces[-1].append(w)
    return [p for p in map(pcs_meanings._strip, map(tuple, pieces)) if p]


def _shared_words(tabs: _Tables, users: list[str], pos: int, frame_only: bool = False) -> tuple[str, ...]:
    """The longest phrase every title of `users` holds outside the operation, the values all of them
    share at another position and their values before `pos` (a qualifier after it may repeat the
    value's words: "Other Antineoplastic"); () when there is none."""
    titles = []
    for code in users:
        title = pcs_meanings.tokens(tabs.data.pcs[code])
        used = [False] * len(title)
        _spans(title, ((3, p) for p in _frame(tabs.data, code[:3])), used)
        names = pcs_sections.axis_names(code)
        others = [(p, pcs_meanings.tokens(tabs.meaning(code, p))) for p in range(4, 8)
                  if (p < pos or p != pos and len({u[p - 1] for u in users}) == 1) and not frame_only
                  or names[p - 1] == "approach" or (code[0] == "X" and p == 7)]
        at = _spans(title, others, used)
        for p, start in at.items():  # and the words several values of that axis carry on with
            end = start + len(dict(others)[p])
            tail = _tail(title, used, end)
            if tail and len(tabs.tails(code[:3]).get((p, tail), ())) > 1:
                used[end:end + len(tail)] = [True] * len(tail)
        used = [u or w in _FRAME_WORDS for w, u in zip(title, used, strict=True)]
        titles.append([w if not u else "" for w, u in zip(title, used, strict=True)])
    best: tuple[str, ...] = ()
    for run in _split(tuple(titles[0])):  # "" marks an explained word: a cut like a joining word
        for i in range(len(run)):
            for j in range(len(run), i + len(best), -1):
                phrase = pcs_meanings._strip(run[i:j])
                if len(phrase) > len(best) and \
                        all(pcs_meanings._contains(tuple(t), phrase) for t in titles[1:]):
                    best = phrase
    return best


def _listed(tabs: _Tables, users: list[str]) -> tuple[str, ...]:
    """The distinct phrases the titles of `users` leave over, joined: "Recombinant Human-activated
    Protein C / Other Thrombolytic" for the thrombolytic substance value of 3E0."""
    seen: list[str] = []
    for code in users:
        runs, _at = _leftover(tabs, code)
        for run, _j in runs:
            shown = pcs_meanings._show(run)
            if shown not in seen:
                seen.append(shown)
    more = " ..." if len(seen) > _LISTED else ""
    return pcs_meanings.tokens(" / ".join(seen[:_LISTED]) + more) if seen else ()


def _set(tabs: _Tables, key: RowKey, phrase: tuple[str, ...]) -> None:
    t, seq, pos, value = key
    tabs.data.pcs_row_axes[(t, seq, pos, value)] = pcs_meanings._show(phrase) if phrase else pcs_meanings.NONE


def _users(tabs: _Tables) -> dict[RowKey, list[str]]:
    out: dict[RowKey, list[str]] = defaultdict(list)
    for codes in tabs.codes.values():
        for code in codes:
            for pos in tabs.unnamed(code):
                out[tabs.key(code, pos)].append(code)
    return out


def _from_siblings(tabs: _Tables, named: set[RowKey]) -> bool:
    """Give an unnamed row value the shortest name another row of its table, or a table of the same section
    and body system, gives the same value at the same position, when every title using it here spells it
    (5A0 body system 9 "Respiratory" as 5A1 reads it). Whether any was given."""
    data = tabs.data
    names: dict[tuple[str, int, str], set[str]] = defaultdict(set)
    for (t, pos, v), m in data.pcs_axes.items():
        names[(t[:2], pos, v)].add(m)
    for (t, _seq, pos, v), m in data.pcs_row_axes.items():
        names[(t[:2], pos, v)].add(m)
    added = False
    for key, codes in sorted(_users(tabs).items()):
        t, _seq, pos, v = key
        if v == "Z" or t[0] == "X":  # section X: a value is another thing in each group
            continue
        fits = [m for m in names.get((t[:2], pos, v), ()) if m != pcs_meanings.NONE
                and all(pcs_meanings.contains(data.pcs[c], m) for c in codes)]
        if fits:
            _set(tabs, key, pcs_meanings.tokens(min(fits, key=lambda m: (len(m), m))))
            named.add(key)
            added = True
    return added


def _table_words(tabs: _Tables, table: str) -> set[str]:
    """Words every title of the table has: the frame's, not a value's ("Substance Abuse Treatment")."""
    common: set[str] | None = None
    for code in tabs.codes[table]:
        words = set(pcs_meanings.tokens(tabs.data.pcs[code]))
        common = words if common is None else common & words
    return common or set()


def _later_values(tabs: _Tables, codes: list[str], pos: int) -> tuple[str, ...]:
    """The named values of the last axis after `pos` that names some: "Erythrocytes / Leukocytes /
    Platelets ..." for the body system of 6A5, which no title spells."""
    for p in range(7, pos, -1):
        if pcs_sections.axis_names(codes[0])[p - 1] == "approach":
            continue  # "Open / Percutaneous" says nothing of the value
        shown = [m for m in dict.fromkeys(tabs.meaning(c, p) for c in codes) if m and m != pcs_meanings.NONE
                 and not m.startswith("New Technology Group")]
        if shown:
            return pcs_meanings.tokens(" / ".join(shown[:_LISTED]) + (" ..." if len(shown) > _LISTED else ""))
    return ()


def name_leftovers(data: ReleaseData) -> dict[RowKey, str]:
    """Name the row values still unnamed from the titles' leftovers; returns those named."""
    # the sections with values no table-wide name covers: their titles teach the order of the axes
    sections = {c[0] for c in data.pcs if any((c[:3], p, c[p - 1]) not in data.pcs_axes for p in range(4, 8))}
    tabs = _Tables(data, {c[:3] for c in data.pcs if c[0] in sections})
    named: set[RowKey] = set()
    for _ in range(_ROUNDS):
        added = _from_siblings(tabs, named)
        for key, found in _residue_votes(tabs).items():
            (phrase, n), *rest = found.most_common(2) + [((), 0)]
            if n > rest[0][1] and (phrase or key[3] == "Z"):
                _set(tabs, key, phrase)
                named.add(key)
                added = True
        if not added:
            break
    for key, codes in sorted(_users(tabs).items()):
        t, _seq, pos, v = key
        # Z: "None" past the body part; a body part Z ("Other Anatomical Region") only in its own words
        phrase = () if v == "Z" and pos > 4 else _shared_words(tabs, codes, pos)
        if v == "Z" and set(phrase) <= _table_words(tabs, t):
            phrase = ()
        if phrase or v == "Z":
            _set(tabs, key, phrase)
            named.add(key)
    # rows still without: the name most other rows of the table give the value, else the phrases its
    # codes' titles leave over, else the values of the axis after it ("Other Antineoplastic / ...")
    elsewhere: dict[tuple[str, int, str], Counter[str]] = defaultdict(Counter)
    for (t, _seq, pos, v), m in data.pcs_row_axes.items():
        elsewhere[(t, pos, v)][m] += 1
    for key, codes in sorted(_users(tabs).items()):
        t, _seq, pos, v = key
        common = elsewhere.get((t, pos, v))
        phrase = pcs_meanings.tokens(common.most_common(1)[0][0]) if common else _listed(tabs, codes)
        phrase = phrase or _later_values(tabs, codes, pos)
        if not phrase:  # the words every title of the value shares, whatever other value holds them
            phrase = _shared_words(tabs, codes, pos, frame_only=True)
        if not phrase and len({data.pcs[c] for c in codes}) == 1:  # the title is the operation's words
            phrase = _cut(pcs_meanings.tokens(data.pcs[codes[0]]))[0]  # ("Family Psychotherapy"): up to
            # its first comma (the approach and New Technology group follow)
        if phrase:
            _set(tabs, key, phrase)
            named.add(key)
    return {k: data.pcs_row_axes[k] for k in sorted(named)}


def still_unnamed(data: ReleaseData) -> list[RowKey]:
    """Row values no source names (for the release's provenance lines)."""
    tabs = _Tables(data, {c[:3] for c in data.pcs})
    return sorted({tabs.key(c, pos) for codes in tabs.codes.values() for c in codes
                   for pos in tabs.unnamed(c)})

