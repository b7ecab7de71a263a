"""Drafts: an edit refused as stale is kept here, per account and coder, so it can be reapplied.

Each refused edit gets its own file (`ACCOUNT.USER.N.json`, N counting up): a later draft never
replaces an earlier one."""

from __future__ import annotations

import glob
import json
import re
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


def _prefix(account: str, user: str) -> str:
    return f"{account_filename(account)[:-5]}.{re.sub(r'[^A-Za-z0-9._-]', '_', user)}."


def keep_draft(store: Store, enc: Encounter, base_revision: int, user: str) -> Path:
    """Write the refused edit durably, beside any earlier ones, and return where it is."""
    folder = make_dir(store.path / "drafts", store.modes)
    prefix = _prefix(enc.account, user)
    taken = {p.name for p in folder.glob(f"{glob.escape(prefix)}*.json")}
    n = 1
    while f"{prefix}{n}.json" in taken:
        n += 1
    path = folder / f"{prefix}{n}.json"
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
    return sorted(out, key=lambda x: (x.saved_at, x.path.name))


def discard_draft(store: Store, account: str, user: str, path: Path | None = None) -> None:
    """Remove one draft (`path`), or all of `user`'s drafts of the encounter."""
    if path is not None:
        path.unlink(missing_ok=True)
        return
    folder = store.path / "drafts"
    for p in folder.glob(f"{glob.escape(_prefix(account, user))}*.json") if folder.is_dir() else []:
        p.unlink(missing_ok=True)
