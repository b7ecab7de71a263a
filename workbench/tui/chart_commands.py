"""ctrl+p: typing a patient's name, an account or an MRN offers "chart: NAME ACCOUNT" commands that open
that chart (from the queue, or from another chart, which is left as Escape leaves it). The matching is
the queue index's (`Store.queue` text search, the same as the queue filter)."""

from __future__ import annotations

import asyncio
import functools
from typing import Any

from textual.command import Hit, Hits, Provider

from workbench.store.queue_index import QueueQuery

LIMIT = 12
"""Charts offered for one query."""


class ChartProvider(Provider):
    async def search(self, query: str) -> Hits:
        words = query.strip()
        if len(words) < 2:
            return
        services: Any = getattr(self.app, "services", None)
        if services is None:
            return
        try:
            view = await asyncio.to_thread(services.store.queue, QueueQuery(text=words, sort="patient_name"))
        except Exception:  # noqa: BLE001 - a store error: no chart commands, the palette still works
            return
        matcher = self.matcher(query)
        for row in view.page(0, LIMIT):
            text = f"chart: {row.patient_name}  {row.account}"
            # Found by the queue's own search: ranked above the fuzzy matches of other commands, so
            # "maxim" Enter opens Maxim's chart rather than "Keys".
            score = max(matcher.match(text), 0.5) + 1.0
            yield Hit(score, matcher.highlight(text), functools.partial(self._open, row.account),
                      help=f"open the chart  MRN {row.mrn}  {row.status}")

    def _open(self, account: str) -> None:
        opener = getattr(self.app, "open_chart", None)
        if opener is not None:
            self.app.call_later(opener, account)
