"""A coding session: the services the screens call, and one open encounter's edit-save cycle.

`Services` holds the store, the release of a discharge date, code search, the DRG service and the
checks; each is loaded on first use and cached, so the queue shows before any release or grouper is
loaded. `EncounterSession` is one open encounter: its revision, its lock, and `commit`, which
regroups, checks and saves an edit (serialised; an edit overtaken by a newer one is skipped).

Plain Python (no Textual), safe to call from worker threads; the app and the tests drive it alike.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tinydb import Query

from workbench.model.encounter import Encounter
from workbench.presentation import lock_holder_words
from workbench.settings import Settings
from workbench.store.core import EncounterLocked, StaleRevision, Store, StoredEncounter, StoreError

if TYPE_CHECKING:
    from codesets.release.core import Release, Resolution
    from codesets.search.engine import SearchIndex
    from workbench.checks.base import Finding
    from workbench.checks.checker import Checker
    from workbench.drg.service import DrgService
    from workbench.drg.whatif import Preview


class Services:
    """The app's handle on the plain modules. One per app; thread-safe."""

    def __init__(self, store: Store, settings: Settings, today: dt.date | None = None):
        self.store = store
        self.settings = settings
        self._today = today
        self._lock = threading.RLock()
        self._releases: dict[str, Resolution] = {}
        self._drg: DrgService | None = None
        self._checker: Checker | None = None

    @property
    def today(self) -> dt.date:
        return self._today or dt.date.today()

    @property
    def coder(self) -> str:
        return self.settings.coder or self.store.user

    # -- reference data ------------------------------------------------------------------

    def resolution(self, enc: Encounter) -> Resolution:
        """The release that applies to the encounter's discharge date (today's if not discharged)."""
        from codesets.release.core import resolve  # loaded on first use: the queue shows before

        day = enc.discharge_date or self.today
        key = day.isoformat()
        with self._lock:
            if key not in self._releases:
                self._releases[key] = resolve(date=day)
            return self._releases[key]

    def release(self, enc: Encounter) -> Release:
        return self.resolution(enc).data

    def search_index(self, release: Release) -> SearchIndex:
        from codesets.search.engine import SearchIndex  # loaded on first use, as the release

        return SearchIndex.for_release(release)

    def drg_service(self) -> DrgService:
        with self._lock:
            if self._drg is None:
                from workbench.drg.service import service_from_settings  # the grouper: on first use

                self._drg = service_from_settings(self.settings)
            return self._drg

    def preview(self, enc: Encounter) -> Preview:
        return self.drg_service().preview(enc)

    def checker(self) -> Checker:
        with self._lock:
            if self._checker is None:
                from workbench.checks.checker import Checker  # on first use, as the grouper

                self._checker = Checker(None, self.drg_service())
            return self._checker

    def findings(self, enc: Encounter) -> list[Finding]:
        """Check findings for the encounter, blocking first."""
        return list(self.checker().check(enc))

    def close(self) -> None:
        with self._lock:
            if self._drg is not None:
                self._drg.close()
                self._drg = None
        self.store.close()

    def preload(self) -> None:
        """Load the current release, its search index and the grouper (a background warm-up), and what
        the first chart's suggestions would otherwise wait for (workbench/record/warm.py)."""
        from workbench.memtrim import trim
        from workbench.record.warm import warm

        probe = Encounter(account="-", discharge_date=self.today)
        try:
            index = self.search_index(self.release(probe))
            self.drg_service()
            warm(index)
        except Exception:  # noqa: BLE001 - warm-up only; the real call reports the problem
            pass
        trim()  # the loads' temporary buffers: 20-40 MB of resident memory otherwise


def blocking_reasons(enc: Encounter, preview: Preview | None, findings: list[Finding]) -> list[str]:
    """Why the encounter cannot be finalized: blocking check findings, a missing principal
    diagnosis, or an ungroupable result (DRG 998/999)."""
    reasons = []
    if not enc.diagnoses:
        reasons.append("no principal diagnosis")
    reasons += [f.message for f in findings if f.severity == "blocking"]
    grouping = preview.grouping if preview is not None else None
    if grouping is not None and grouping.drg in ("998", "999"):
        reasons.append(f"DRG {grouping.drg}: {grouping.title}")
    return reasons


@dataclass
class CommitResult:
    """What one commit of an edit produced (posted back to the screen)."""

    seq: int
    encounter: Encounter
    revision: int | None = None
    preview: Preview | None = None
    findings: list[Finding] = field(default_factory=list)
    stale: StaleRevision | None = None
    error: str | None = None
    skipped: bool = False
    what: str = ""
    """What the edit was, in words ("I50.23 added"); set by the screen that made it."""


class EncounterSession:
    """One open encounter: what is shown, the revision it is based on, and its lock."""

    def __init__(self, services: Services, stored: StoredEncounter):
        self.services = services
        self.encounter = stored.encounter
        self.revision = stored.revision
        self.saved_by, self.saved_at = stored.saved_by, stored.saved_at
        self.locked_by: str | None = None
        self.took_stale_lock: str | None = None
        self._commit_lock = threading.Lock()
        self._seq = 0
        self._done = 0

    @property
    def account(self) -> str:
        return self.encounter.account

    def next_seq(self) -> int:
        self._seq += 1
        return self._seq

    def is_latest(self, result: CommitResult) -> bool:
        """Whether `result` is of the newest edit made (an older one must not overwrite the view)."""
        return result.seq == self._seq

    def take_lock(self, take_over: bool = False) -> None:
        """Mark the encounter open here; if another session has it, remember who (read-only)."""
        store = self.services.store
        try:
            if take_over:
                store.take_over_lock(self.account, reason="taken over in the workbench")
            else:
                store.lock(self.account)
            self.locked_by = None
        except EncounterLocked as e:
            if e.lock.stale:  # its session is gone (or idle past the limit): take it, audited
                store.take_over_lock(self.account, reason="stale lock")
                self.locked_by = None
                self.took_stale_lock = f"{e.lock.user} ({e.lock.session})"
                return
            self.locked_by = lock_holder_words(e.lock.user, e.lock.session, e.lock.since)

    def release_lock(self) -> None:
        try:
            self.services.store.unlock(self.account)
        except StoreError:
            pass

    def evaluate(self, enc: Encounter, seq: int = 0) -> CommitResult:
        """Group and check without saving (used when the encounter opens)."""
        result = CommitResult(seq, enc)
        if not enc.diagnoses:  # nothing to group yet; not a failure
            result.error = "no principal diagnosis yet: / searches codes to add one"
            result.findings = self.services.findings(enc)
            return result
        try:
            result.preview = self.services.preview(enc)
        except Exception as e:  # noqa: BLE001 - shown to the coder, the claim stays editable
            result.error = f"grouping failed: {e}"
        result.findings = self.services.findings(enc)
        return result

    def commit(self, enc: Encounter, seq: int, reason: str | None = None,
               expected: int | None = None) -> CommitResult:
        """Regroup `enc`, store the grouping summary with it and save it (edits are serialised;
        an edit overtaken by a newer one is skipped). Runs in a worker thread."""
        with self._commit_lock:
            if seq < self._done:
                return CommitResult(seq, enc, skipped=True)
            result = self.evaluate(enc, seq)
            summary = result.preview.grouping.summary() if result.preview is not None else None
            if summary is None and enc.diagnoses:  # with every diagnosis removed, no DRG is kept
                summary = enc.grouping
            to_save = dataclasses.replace(enc, grouping=summary)
            try:
                rev = self.services.store.save(to_save, self.revision if expected is None else expected,
                                               user=self.services.coder, reason=reason)
            except StaleRevision as e:
                result.stale = e
                return result
            except StoreError as e:
                result.error = str(e)
                return result
            self.revision = rev
            self._done = seq
            result.revision = rev
            result.encounter = to_save
            return result

    def saved_elsewhere(self) -> StaleRevision | None:
        """The newer revision another session has saved since this one opened or last saved, if any.

        Reads the encounter's queue row, which costs a stat of the queue journal plus reading what
        was appended since the last look. Answers None while one of our own saves is running (its
        new revision is not ours to report)."""
        if not self._commit_lock.acquire(blocking=False):
            return None
        try:
            rows = self.services.store.search(Query().account == self.account)
        except StoreError:
            return None
        finally:
            self._commit_lock.release()
        if not rows or rows[0].revision <= self.revision:
            return None
        row = rows[0]
        return StaleRevision(self.account, self.revision, row.revision, row.saved_by, row.saved_at)

    def reload(self) -> StoredEncounter:
        stored = self.services.store.get(self.account)
        self.encounter, self.revision = stored.encounter, stored.revision
        self.saved_by, self.saved_at = stored.saved_by, stored.saved_at
        return stored
