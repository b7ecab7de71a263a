"""Reading every stored encounter in one pass, for reports: the raw documents and audit trails.

`Store.get` builds a full encounter (documents included) and takes the lock once per call; a report
over 10,000 encounters reads each file once under one shared lock and decodes it with orjson instead.
The documents' text is decoded but never handed on.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from workbench.store.files import StoreCorrupt

if TYPE_CHECKING:
    from workbench.store.core import Store


@dataclass(frozen=True, slots=True)
class RawEncounter:
    """One stored encounter as reports read it: the queue row, the interchange record (documents
    removed), the kept grouping summary and the audit entries (dicts, oldest first)."""

    row: dict[str, Any]
    record: dict[str, Any]
    grouping: dict[str, Any] | None
    audit: list[dict[str, Any]]


def scan_encounters(store: Store, accounts: set[str] | None = None) -> Iterator[RawEncounter]:
    """Every encounter of the queue (or those in `accounts`), read under one shared lock.

    Raises StoreCorrupt naming the file when one does not decode (a report never skips a chart
    silently)."""
    with store._shared():
        store._sync()
        rows = [r for a, r in store.journal.rows.items() if accounts is None or a in accounts]
        out = []
        for row in rows:
            path = store.file_of(row["account"])
            try:
                with open(path, "rb") as fh:
                    data = orjson.loads(fh.read())
            except FileNotFoundError:
                raise StoreCorrupt(path, f"the file of encounter {row['account']} is missing; "
                                   f"run `workbench db check`") from None
            except orjson.JSONDecodeError as e:
                raise StoreCorrupt(path, f"not valid JSON ({e})") from None
            doc = data.get("encounter", {}).get("1") if isinstance(data, dict) else None
            if not isinstance(doc, dict) or not isinstance(doc.get("record"), dict):
                raise StoreCorrupt(path, "no encounter document in the file")
            record = doc["record"]
            record.pop("documents", None)  # clinical text: never carried into a report
            entries = data.get("audit") or {}
            audit = [entries[k] for k in sorted(entries, key=int)]  # TinyDB ids: order of writing
            out.append(RawEncounter(row, record, doc.get("grouping"), audit))
    yield from out
