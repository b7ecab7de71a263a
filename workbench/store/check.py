"""`workbench db check`: read every file of the store back and compare it with the queue journal."""

from __future__ import annotations

import stat
from typing import TYPE_CHECKING

from workbench.interchange.reader import RecordError, encounter_from_record
from workbench.store.backup import list_backups, verify_backup
from workbench.store.files import StoreCorrupt, read_json
from workbench.store.journal import QueueJournal
from workbench.store.model import CheckReport

if TYPE_CHECKING:
    from workbench.store.core import Store


def check_store(store: Store) -> CheckReport:
    report = CheckReport(store.path)
    with store.reading():
        journal = QueueJournal(store.journal.path, store.modes)
        try:
            journal.reload()
        except StoreCorrupt as e:
            report.problems.append(str(e))
            return report
        report.journal_lines = journal.lines
        if journal.torn_at is not None:
            report.notes.append(f"{journal.path}: a damaged last line (an unfinished save) will be dropped "
                                f"by the next save")
        report.encounters = len(journal.rows)
        expected = set()
        for account, row in journal.rows.items():
            path = store.file_of(account)
            expected.add(path)
            try:
                data = read_json(path)
            except FileNotFoundError:
                report.problems.append(f"{path}: missing (encounter {account}, revision {row['revision']})")
                continue
            except StoreCorrupt as e:
                report.problems.append(f"{path}: {e.problem}")
                continue
            doc = data.get("encounter", {}).get("1") if isinstance(data, dict) else None
            if not isinstance(doc, dict):
                report.problems.append(f"{path}: no encounter document")
                continue
            try:
                enc = encounter_from_record(doc["record"])
            except (RecordError, KeyError) as e:
                report.problems.append(f"{path}: the record does not read back ({e})")
                continue
            if enc.account != account:
                report.problems.append(f"{path}: holds account {enc.account}, expected {account}")
            if doc.get("revision") != row["revision"]:
                report.problems.append(f"{path}: revision {doc.get('revision')} but the queue says "
                                       f"{row['revision']}")
        for path in (store.path / "data" / "encounters").glob("*/*.json"):
            if path not in expected:
                report.problems.append(f"{path}: not in the queue journal (orphan file)")
            mode = stat.S_IMODE(path.stat().st_mode)
            if mode & 0o007:
                report.problems.append(f"{path}: readable by others (mode {mode:o})")
    report.backups = list_backups(store.path)
    if report.backups:
        bad = verify_backup(report.backups[0])
        if bad:
            good = next((b for b in report.backups[1:] if not verify_backup(b)), None)
            report.problems += bad
            report.notes.append(f"newest good backup: {good}" if good else "no good backup")
        else:
            report.notes.append(f"newest backup {report.backups[0].name} verified")
    else:
        report.notes.append("no backup yet (`workbench db backup`)")
    return report
