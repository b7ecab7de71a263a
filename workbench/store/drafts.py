"""Drafts: an edit refused as stale is kept here, per account and coder, so it can be reapplied."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from workbench.interchange.reader import encounter_from_record
from workbench.interchange.writer import encounter_to_record
from workbench.model.encounter import Encounter
from workbench.store.files import account_filename, make_dir, read_json, write_atomic
from workbench.store.model import now_iso

if TYPE_CHECKING:
    from workbench.store.core import Store


@dataclass(slots=True)
class Draft:
    account: str
    user: str
    base_revision: int
    saved_at: str
    encounter: Encounter
    path: Path


def _path(store: Store, account: str, user: str) -> Path:
    return store.path / "drafts" / f"{account_filename(account)[:-5]}.{user}.json"


def keep_draft(store: Store, enc: Encounter, base_revision: int, user: str) -> Path:
    """Write the refused edit durably and return where it is."""
    path = _path(store, enc.account, user)
    make_dir(path.parent, store.modes)
    doc = {"account": enc.account, "user": user, "base_revision": base_revision, "saved_at": now_iso(),
           "record": encounter_to_record(enc), "grouping": enc.grouping}
    write_atomic(path, json.dumps(doc, ensure_ascii=False).encode(), store.modes)
    return path


def drafts(store: Store, account: str) -> list[Draft]:
    """The kept drafts of an encounter, oldest first."""
    folder = store.path / "drafts"
    stem = account_filename(account)[:-5] + "."
    out = []
    for p in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        if not p.name.startswith(stem):
            continue
        d = read_json(p)
        if d.get("account") != account:
            continue
        enc = encounter_from_record(d["record"])
        enc.grouping = d.get("grouping")
        out.append(Draft(account, d["user"], d["base_revision"], d["saved_at"], enc, p))
    return sorted(out, key=lambda x: x.saved_at)


def discard_draft(store: Store, account: str, user: str) -> None:
    _path(store, account, user).unlink(missing_ok=True)
