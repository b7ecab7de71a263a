"""`workbench db check`: read every file of the store back and compare it with the queue journal."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from workbench.store.backup import backup_problems, list_backups, newest_good_backup, verify_backup
from workbench.store.files import StoreCorrupt
from workbench.store.hygiene import open_to_others
from workbench.store.journal import QueueJournal
from workbench.store.model import CheckReport
from workbench.store.verify import file_problem

if TYPE_CHECKING:
    from workbench.store.core import Store


def check_store(store: Store, on_stage: Callable[[str], None] | None = None) -> CheckReport:
    """Read the journal from scratch and every encounter file back. The files are read outside the store
    lock (at 100,000 encounters that takes a minute, and every coder's save would wait for it); a file
    that does not match the journal read is looked at again under the lock, against the journal as it is
    then: it may have been saved meanwhile. `on_stage` (tests) is called outside the lock with "listed"
    once the journal is read and "read" once the files are."""
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
    if on_stage:
        on_stage("listed")
    expected = {store.file_of(account) for account in journal.rows}
    again = [account for account, row in journal.rows.items()
             if file_problem(store.file_of(account), account, row)]
    orphans = [p for p in (store.path / "data" / "encounters").glob("*/*.json") if p not in expected]
    if on_stage:
        on_stage("read")
    with store.reading():
        rows = store.journal.rows
        report.encounters = len(rows)
        for account in again:
            problem = file_problem(store.file_of(account), account, rows.get(account, journal.rows[account]))
            if problem:
                report.problems.append(problem)
        added = {store.file_of(a) for a in rows.keys() - journal.rows.keys()}
        for path in orphans:  # a new encounter's file is written just before its journal line
            if path not in added:
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
