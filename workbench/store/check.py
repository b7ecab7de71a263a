"""`workbench db check`: read every file of the store back and compare it with the queue journal."""

from __future__ import annotations

from typing import TYPE_CHECKING

from workbench.store.backup import backup_problems, list_backups, newest_good_backup, verify_backup
from workbench.store.files import StoreCorrupt
from workbench.store.hygiene import open_to_others
from workbench.store.journal import QueueJournal
from workbench.store.model import CheckReport
from workbench.store.verify import file_problem

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
            problem = file_problem(path, account, row)
            if problem:
                report.problems.append(problem)
        for path in (store.path / "data" / "encounters").glob("*/*.json"):
            if path not in expected:
                report.problems.append(f"{path}: not in the queue journal (orphan file)")
        report.problems += open_to_others(store.path)
    if store.leftovers_removed:
        report.notes.append(f"removed {len(store.leftovers_removed)} temporary file(s) left by interrupted "
                            "saves: " + ", ".join(str(p) for p in store.leftovers_removed[:5]))
    if store.read_only:
        report.notes.append("read-only for you: checked, nothing repaired or removed")
    report.backups = list_backups(store.path)
    if report.backups:
        bad = backup_problems(report.backups[0])
        if bad or report.problems:
            good = report.backups[0] if not bad else newest_good_backup(store.path)
            unreadable = verify_backup(report.backups[0])
            report.problems += unreadable  # an incomplete backup is a note: the damage is reported above
            report.notes += [b for b in bad if b not in unreadable]
            report.notes.append(f"newest good backup: {good}" if good else "no good backup")
        else:
            report.notes.append(f"newest backup {report.backups[0].name} verified")
    else:
        report.notes.append("no backup yet (`workbench db backup`)")
    return report
