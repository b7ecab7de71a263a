"""Reading every stored encounter in one pass, for reports: the records (no documents) and audit trails.

`Store.get` builds a full encounter (documents included) and takes the lock once per call; a report
over 10,000 encounters reads under one shared lock instead, and keeps what it read in a cache file
(`data/report-cache.json`, the store's file mode) keyed by each encounter's revision and save time:
the next report reads only the encounters saved since. The cache holds no clinical text (documents,
names and notes are dropped), and a damaged or missing cache is simply rebuilt. An audit entry
written without a new revision (a lock taken over) reaches the cache at the encounter's next save.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import orjson

from workbench.store.files import StoreCorrupt, account_filename, shard, write_atomic
from workbench.store.queue_rows import RowData

if TYPE_CHECKING:
    from workbench.store.core import Store

CACHE_VERSION = 2
RECORD_KEYS = frozenset({"account", "status", "coder", "age", "birth_date", "sex", "admit_date",
                         "discharge_date", "disposition", "payer", "service", "attending", "diagnoses",
                         "procedures", "queries"})


@dataclass(frozen=True, slots=True)
class RawEncounter:
    """One stored encounter as reports read it: the queue row, the interchange record (documents
    removed), the kept grouping summary and the audit entries (dicts, oldest first)."""

    row: RowData
    record: dict[str, Any]
    grouping: dict[str, Any] | None
    audit: list[dict[str, Any]]


def _read(store: Store, base: str, account: str) -> dict[str, Any]:
    path = os.path.join(base, shard(account), account_filename(account))
    try:
        with open(path, "rb") as fh:
            data = orjson.loads(fh.read())
    except FileNotFoundError:
        raise StoreCorrupt(store.file_of(account), f"the file of encounter {account} is missing; "
                           f"run `workbench db check`") from None
    except orjson.JSONDecodeError as e:
        raise StoreCorrupt(store.file_of(account), f"not valid JSON ({e})") from None
    doc = data.get("encounter", {}).get("1") if isinstance(data, dict) else None
    if not isinstance(doc, dict) or not isinstance(doc.get("record"), dict):
        raise StoreCorrupt(store.file_of(account), "no encounter document in the file")
    # Only what reports read: no documents, names or notes (no clinical text in a report or the cache).
    record = {k: v for k, v in doc["record"].items() if k in RECORD_KEYS}
    entries = data.get("audit") or {}
    audit = [_slim(entries[k]) for k in sorted(entries, key=int)]  # TinyDB ids: order of writing
    return {"revision": doc.get("revision"), "record": record, "grouping": doc.get("grouping"),
            "audit": audit}


def _slim(entry: dict[str, Any]) -> dict[str, Any]:
    """An audit entry as reports read it: who, when, what, and the status change if any."""
    out = {k: entry.get(k) for k in ("revision", "user", "when", "action")}
    out["changes"] = [c for c in entry.get("changes") or ()
                      if isinstance(c, dict) and c.get("field") == "status"]
    return out


def _load_cache(path: str) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            data = orjson.loads(fh.read())
    except (OSError, orjson.JSONDecodeError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    entries = data.get("encounters")
    return entries if isinstance(entries, dict) else {}


def scan_encounters(store: Store) -> Iterator[RawEncounter]:
    """Every encounter of the queue, read under one shared lock (unchanged ones from the cache).

    Raises StoreCorrupt naming the file when one does not decode (a report never skips a chart
    silently)."""
    cache_path = os.path.join(store.path, "data", "report-cache.json")
    base = os.path.join(store.path, "data", "encounters")
    with store.reading():
        rows = list(store.journal.rows.values())
        cache = _load_cache(cache_path)
        fresh: dict[str, Any] = {}
        read = 0
        for row in rows:
            account = row["account"]
            hit = cache.get(account)
            if (hit is None or hit.get("revision") != row["revision"]
                    or hit.get("saved_at") != row["saved_at"]):
                hit = _read(store, base, account)
                hit["saved_at"] = row["saved_at"]  # with the revision: a restored database reuses numbers
                read += 1
            fresh[account] = hit
    if read or len(fresh) != len(cache):
        try:
            write_atomic(store.path / "data" / "report-cache.json",
                         orjson.dumps({"version": CACHE_VERSION, "encounters": fresh}), store.modes)
        except OSError:
            pass  # a read-only database: reports still work, each reading every file
    for row in rows:
        e = fresh[row["account"]]
        yield RawEncounter(row, e["record"], e["grouping"], e["audit"])
