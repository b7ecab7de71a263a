"""One encounter file checked against its queue journal row: used by `db check` and by backups (a
file that fails is never copied into a backup)."""

from __future__ import annotations

import json
from pathlib import Path

from workbench.interchange.reader import RecordError, encounter_from_record
from workbench.store.files import content_digest
from workbench.store.queue_rows import RowData


def file_problem(path: Path, account: str, row: RowData, blob: bytes | None = None,
                 digest: str | None = None) -> str | None:
    """What is wrong with the file of `account` (its bytes `blob`, read when not given), or None.

    `digest`: the caller's sha256 of `blob` (a backup hashes each file for its manifest anyway). When it
    is the checksum the queue journal holds, the file is byte for byte what a save wrote, and every save
    writes a record that reads back (`validated_record`): no need to parse it again, which was most of a
    100,000-encounter backup's time. `db check` passes none and reads every file back."""
    if blob is None:
        try:
            blob = path.read_bytes()
        except FileNotFoundError:
            return f"{path}: missing (encounter {account}, revision {row['revision']})"
    if digest is not None and row.get("sha256") == digest:
        return None
    try:
        data = json.loads(blob)
    except (UnicodeDecodeError, ValueError) as e:
        where = f" at byte {e.pos}" if isinstance(e, json.JSONDecodeError) else ""
        return f"{path}: not valid JSON{where} ({len(blob)} bytes)"
    digest = row.get("sha256")
    if digest is not None and content_digest(blob) != digest:
        return (f"{path}: content does not match the checksum in the queue journal (encounter {account}, "
                f"revision {row['revision']}): damaged after it was saved")
    doc = data.get("encounter", {}).get("1") if isinstance(data, dict) else None
    if not isinstance(doc, dict):
        return f"{path}: no encounter document"
    try:
        enc = encounter_from_record(doc["record"])
    except (RecordError, KeyError) as e:
        return f"{path}: the record does not read back ({e})"
    if enc.account != account:
        return f"{path}: holds account {enc.account}, expected {account}"
    if doc.get("revision") != row["revision"]:
        return f"{path}: revision {doc.get('revision')} but the queue says {row['revision']}"
    return None
