"""Regrouping stored groupings a release change made stale (`workbench db regroup`).

A stored DRG is stale when the grouper version that made it is not the one its discharge date takes now
(`store.model.stale_version`): the queue marks it (`291~`) and the reports leave it out of the case mix
until it is regrouped. This regroups those encounters at batch speed (`stored.summaries`) and saves each
with its new grouping, one save each under the store's usual rules: an encounter another session holds
open, or saved since it was read, is left for later and counted, never overwritten.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from workbench.drg.service import DrgService
from workbench.drg.stored import summaries
from workbench.store.files import StoreError

if TYPE_CHECKING:
    from workbench.store.core import Store

CHUNK = 500  # encounters read and grouped together


@dataclass(slots=True)
class RegroupResult:
    stale: int = 0  # stale groupings found
    regrouped: list[str] = field(default_factory=list)
    ungroupable: list[str] = field(default_factory=list)  # the grouper gave no DRG: grouping cleared
    left: list[tuple[str, str]] = field(default_factory=list)  # (account, why) for another time


def regroup_stale(store: Store, service: DrgService | None = None,
                  progress: Callable[[int, int], None] | None = None,
                  skip: Callable[[str], str | None] | None = None) -> RegroupResult:
    """Regroup every encounter whose stored grouping is stale; `progress(done, total)` before the first
    chunk and after each.
    `skip(account)` gives why an encounter is to be left for later (the app: a chart open in it, whose
    session would otherwise find its revision taken), else None; it is asked just before each save."""
    from workbench.store.core import StaleRevision
    from workbench.store.queue_index import QueueQuery

    accounts = store.queue(QueueQuery()).stale_accounts()
    result = RegroupResult(stale=len(accounts))
    if not accounts:
        return result
    if progress is not None:
        progress(0, len(accounts))
    service = service or DrgService()
    for start in range(0, len(accounts), CHUNK):
        stored = []
        for account in accounts[start:start + CHUNK]:
            try:
                stored.append(store.get(account))
            except StoreError as e:
                result.left.append((account, str(e)))
        found = summaries([s.encounter for s in stored], service)
        for s in stored:
            enc = s.encounter
            why = skip(enc.account) if skip is not None else None
            if why:
                result.left.append((enc.account, why))
                continue
            enc.grouping = found.get(enc.account)
            try:
                store.save(enc, s.revision, reason="regroup: new grouper version")
            except StaleRevision:
                result.left.append((enc.account, "saved by another session meanwhile"))
            except StoreError as e:  # held open by another session, or the workflow refuses
                result.left.append((enc.account, str(e)))
            else:
                (result.regrouped if enc.grouping else result.ungroupable).append(enc.account)
        if progress is not None:
            progress(min(start + CHUNK, len(accounts)), len(accounts))
    return result
