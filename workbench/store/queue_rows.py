"""Queue journal rows held compactly in memory: a tuple per encounter that reads like a dict.

A queue row as a dict costs about 2 kB in CPython; a department keeps 100,000 of them in memory, so a
row is a tuple of the known fields in a fixed order (repeated strings such as dates, statuses, coders,
payers and codes shared), plus a dict of any field this version does not know, kept and written
back unchanged. `Row` supports the mapping calls the store uses (`row["x"]`, `row.get`, `{**row}`,
`dict(row)`), so journal code reads it as it read the dicts.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Iterator
from typing import Any, TypeAlias

FIELDS = ("id", "account", "mrn", "patient_name", "admit_date", "discharge_date", "status", "coder",
          "principal", "drg", "weight", "service", "payer", "revision", "saved_by", "saved_at", "lock",
          "los", "age", "codes", "version", "stale", "sha256")
# Fields whose values repeat across rows: one string object shared by every row that has it.
SHARED = frozenset({"admit_date", "discharge_date", "status", "coder", "principal", "drg", "service", "payer",
                    "saved_by", "saved_at", "version"})
POS = {name: i for i, name in enumerate(FIELDS)}
EXTRA = len(FIELDS)  # the slot of the dict of unknown fields (None when there are none)
_SHARED_POS = tuple(POS[k] for k in SHARED)
_CODES, _LOS, _ADMIT, _DISCHARGE = POS["codes"], POS["los"], POS["admit_date"], POS["discharge_date"]
_intern = sys.intern


class Row(tuple[Any, ...]):
    """One queue row: FIELDS in order, then a dict of unknown fields or None."""

    __slots__ = ()

    @classmethod
    def of(cls, obj: dict[str, Any]) -> Row:
        get = obj.get
        values = [get(k) for k in FIELDS]
        for i in _SHARED_POS:
            v = values[i]
            if v.__class__ is str:
                values[i] = _intern(v)
        codes = values[_CODES]
        if codes:
            values[_CODES] = " ".join([_intern(c) for c in codes.split()])
        if values[_LOS] is None and "los" not in obj:
            values[_LOS] = stay_days(values[_ADMIT], values[_DISCHARGE])
        unknown = obj.keys() - POS.keys()
        values.append({k: obj[k] for k in unknown} if unknown else None)
        return tuple.__new__(cls, values)

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            i = POS.get(key)
            if i is not None:
                return tuple.__getitem__(self, i)
            extra = tuple.__getitem__(self, EXTRA)
            if extra is None:
                raise KeyError(key)
            return extra[key]
        return tuple.__getitem__(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        i = POS.get(key)
        if i is not None:
            return tuple.__getitem__(self, i)
        extra = tuple.__getitem__(self, EXTRA)
        return extra.get(key, default) if extra else default

    def keys(self) -> list[str]:
        extra = tuple.__getitem__(self, EXTRA)
        return [*FIELDS, *(extra or ())]

    def items(self) -> Iterator[tuple[str, Any]]:
        return ((k, self[k]) for k in self.keys())

    def __contains__(self, key: object) -> bool:
        extra = tuple.__getitem__(self, EXTRA)
        return key in POS or bool(extra and key in extra)

    def to_dict(self) -> dict[str, Any]:
        """The row as written to the journal (fields this version adds only when set)."""
        out = {k: tuple.__getitem__(self, i) for i, k in enumerate(FIELDS)}
        for k in ("los", "age", "codes", "version", "stale", "sha256"):
            if out[k] is None:
                del out[k]
        extra = tuple.__getitem__(self, EXTRA)
        if extra:
            out.update(extra)
        return out


# A queue row as the journal holds it (`Row`) or as a save builds it (a dict): code that reads or
# writes rows takes either.
RowData: TypeAlias = Row | dict[str, Any]


def stay_days(admit: str | None, discharge: str | None) -> int | None:
    """Length of stay from ISO dates (a same-day stay counts as 1, per UB-04); None if a date is missing."""
    if not admit or not discharge:
        return None
    try:
        return max((dt.date.fromisoformat(discharge) - dt.date.fromisoformat(admit)).days, 1)
    except ValueError:
        return None
