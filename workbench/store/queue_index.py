"""Queue questions answered from the queue index (the journal's rows in memory), never from the
encounter files: filter, sort, count, case mix, and one page of rows at a time.

`QueueQuery` says what the coder asked for; `QueueIndex.view` answers with a `QueueView`, which holds
only the order of the matching rows: `len(view)` counts without building a row, `view.page(a, b)`
builds the `QueueRow`s of what is on screen. A server database would answer the same three calls
with COUNT, ORDER BY ... LIMIT/OFFSET and an aggregate, so the screens do not depend on where the
index lives.

Sorted orders are kept per sort key until the journal changes; a filter then walks the kept order,
so typing a filter costs one pass over the rows and no sort.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from workbench.store.files import StoreError
from workbench.store.model import QueueRow, stale_version
from workbench.store.queue_rows import POS, Row

SORT_KEYS = ("discharge_date", "admit_date", "account", "patient_name", "mrn", "status", "coder", "drg",
             "weight", "revision", "saved_at", "service", "payer", "los", "age")
_TEXT_FIELDS = tuple(POS[k] for k in ("account", "mrn", "patient_name", "coder", "drg"))
_CODE_FIELDS = (POS["principal"], POS["codes"])


@dataclass(frozen=True, slots=True)
class QueueQuery:
    """What the queue shows: every given filter must match; `text` words match account, MRN, patient,
    coder, DRG or any code (with or without its dot: "I44.2" finds what "I442" finds)."""

    status: str | tuple[str, ...] | None = None
    coder: str | None = None
    drg: str | None = None
    payer: str | None = None
    service: str | None = None
    text: str | None = None
    sort: str = "discharge_date"
    descending: bool = False

    def check(self) -> None:
        if self.sort not in SORT_KEYS:
            raise StoreError(f"sort must be one of {', '.join(SORT_KEYS)} (got {self.sort!r})")

    def same_rows(self, other: QueueQuery) -> bool:
        return (self.status, self.coder, self.drg, self.payer, self.service, self.sort, self.descending) == (
            other.status, other.coder, other.drg, other.payer, other.service, other.sort, other.descending)


def normal_drg(drg: str) -> str:
    d = drg.strip()
    return d.lstrip("0").zfill(3) if d.isdigit() else d


def _code_shaped(word: str) -> bool:
    """Letters and digits with a digit among them, dots aside: a word also looked for in the codes."""
    code = word.replace(".", "")
    return code.isalnum() and any(c.isdigit() for c in code)


def _narrows(old: str, new: str) -> bool:
    """Every row `new` matches also matches `old`, so `new` may filter `old`'s answer (typing on).
    Not when a word becomes code-shaped: "i" looks in names only, "i5" in the codes too."""
    if not new.casefold().startswith(old.casefold()):
        return False
    pairs = zip(old.split(), new.split(), strict=False)  # new may have more words
    return not any(_code_shaped(n) and not _code_shaped(o) for o, n in pairs)


def _word_test(word: str) -> Callable[[Row], bool]:
    needle = word.casefold()
    code = needle.replace(".", "").upper()
    # Code fields only for a word shaped like a code (letters and digits, a digit among them).
    code_fields = _CODE_FIELDS if _code_shaped(code) else ()
    text_fields = _TEXT_FIELDS

    def test(r: Row) -> bool:
        for i in text_fields:
            v = tuple.__getitem__(r, i)
            if v and needle in v.casefold():
                return True
        for i in code_fields:
            v = tuple.__getitem__(r, i)
            if v and code in v:
                return True
        return False

    return test


def row_test(q: QueueQuery) -> Callable[[Row], bool] | None:
    """One function that says whether a row matches every filter of `q` (None: all rows match)."""
    tests: list[Callable[[Row], bool]] = []

    def equals(field: str, value: Any) -> None:
        i = POS[field]
        tests.append(lambda r: tuple.__getitem__(r, i) == value)

    def contains(field: str, needle: str) -> None:
        i = POS[field]
        tests.append(lambda r: needle in (tuple.__getitem__(r, i) or "").casefold())

    if q.status is not None:
        if isinstance(q.status, str):
            equals("status", q.status)
        else:
            wanted, i = frozenset(q.status), POS["status"]
            tests.append(lambda r: tuple.__getitem__(r, i) in wanted)
    if q.coder is not None:
        equals("coder", q.coder)
    if q.drg is not None:
        equals("drg", normal_drg(q.drg))
    for field in ("payer", "service"):
        value = getattr(q, field)
        if value is not None:
            contains(field, value.casefold())
    for word in (q.text or "").split():
        tests.append(_word_test(word))
    if not tests:
        return None
    if len(tests) == 1:
        return tests[0]
    return lambda r: all(t(r) for t in tests)


class QueueView:
    """The rows of one query, in order. Cheap to hold: a list of references into the index."""

    def __init__(self, query: QueueQuery, rows: list[Row], make: Callable[[Row], QueueRow]):
        self.query = query
        self._rows = rows
        self._make = make
        self._positions: dict[str, int] | None = None

    def __len__(self) -> int:
        return len(self._rows)

    def page(self, start: int, stop: int) -> list[QueueRow]:
        """The queue rows from position `start` up to `stop` (what a screen shows)."""
        return [self._make(r) for r in self._rows[max(start, 0):stop]]

    def account_at(self, position: int) -> str:
        account: str = tuple.__getitem__(self._rows[position], POS["account"])
        return account

    def position(self, account: str) -> int | None:
        """Where `account` is in this view (None if it does not match)."""
        if self._positions is None:
            i = POS["account"]
            self._positions = {tuple.__getitem__(r, i): n for n, r in enumerate(self._rows)}
        return self._positions.get(account)

    def neighbour(self, account: str, delta: int) -> str | None:
        """The account `delta` places after `account` in this view's order (next chart +1, previous
        -1); None past either end or when `account` is not in the view."""
        here = self.position(account)
        there = None if here is None else here + delta
        return self.account_at(there) if there is not None and 0 <= there < len(self._rows) else None

    def case_mix(self) -> tuple[float | None, int]:
        """The mean weight of the grouped rows (the case mix index) and how many are grouped."""
        i = POS["weight"]
        weights = [w for r in self._rows if (w := tuple.__getitem__(r, i)) is not None]
        return (sum(weights) / len(weights) if weights else None), len(weights)

    def rows(self) -> list[QueueRow]:
        return self.page(0, len(self._rows))

    def stale_accounts(self) -> list[str]:
        """The accounts whose stored DRG a grouper version the stay no longer takes made."""
        a, drg, version, day = POS["account"], POS["drg"], POS["version"], POS["discharge_date"]
        get = tuple.__getitem__
        return [get(r, a) for r in self._rows
                if get(r, drg) and stale_version(get(r, version), get(r, day))]


class QueueIndex:
    """Sorted orders of the journal's rows, kept until the journal changes (`invalidate`)."""

    def __init__(self, rows: Callable[[], Iterable[Row]], make: Callable[[Row], QueueRow]):
        self._source = rows
        self._make = make
        self._orders: dict[str, list[Row]] = {}
        self._last: QueueView | None = None

    def invalidate(self) -> None:
        self._orders.clear()
        self._last = None

    def _order(self, sort: str) -> list[Row]:
        """All rows by `sort` ascending then account; rows without a value last."""
        order = self._orders.get(sort)
        if order is None:
            i, a = POS[sort], POS["account"]
            present = [r for r in self._source() if tuple.__getitem__(r, i) is not None]
            missing = [r for r in self._source() if tuple.__getitem__(r, i) is None]
            present.sort(key=lambda r: (tuple.__getitem__(r, i), tuple.__getitem__(r, a)))
            missing.sort(key=lambda r: tuple.__getitem__(r, a))
            order = self._orders[sort] = present + missing
            self._orders[sort + "/missing"] = missing
        return order

    def view(self, q: QueueQuery) -> QueueView:
        q.check()
        last = self._last
        test = row_test(q)
        if (last is not None and last.query.same_rows(q) and q.text and last.query.text
                and _narrows(last.query.text, q.text)):
            base = last._rows  # typing on: the new words only narrow the last answer
        else:
            base = self._order(q.sort)
            if q.descending:
                missing = self._orders[q.sort + "/missing"]
                base = base[len(base) - len(missing) - 1::-1] + missing if len(base) > len(missing) \
                    else list(missing)
        rows = [r for r in base if test(r)] if test is not None else list(base)
        view = QueueView(q, rows, self._make)
        self._last = view
        return view
