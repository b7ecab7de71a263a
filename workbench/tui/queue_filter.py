"""The queue filter line: free words plus `status:`, `coder:`, `drg:`, `payer:` and `service:` terms
(plain Python).

    "smith status:hold drg:291"  ->  QueueFilter(text="smith", status="on_hold", drg="291")
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.model.encounter import STATUS_LABELS, STATUSES

STATUS_WORDS = {"hold": "on_hold", "query": "on_hold", "progress": "in_progress", "wip": "in_progress",
                "started": "in_progress", "inprogress": "in_progress", "onhold": "on_hold", "done": "coded",
                "finalized": "final"}


class FilterError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class QueueFilter:
    text: str | None = None
    status: str | None = None
    coder: str | None = None
    drg: str | None = None
    payer: str | None = None
    service: str | None = None

    def describe(self) -> str:
        parts = []
        if self.status:
            parts.append(STATUS_LABELS[self.status])
        if self.coder:
            parts.append(f"coder {self.coder}")
        if self.drg:
            parts.append(f"DRG {self.drg}")
        if self.payer:
            parts.append(f"payer {self.payer}")
        if self.service:
            parts.append(f"service {self.service}")
        if self.text:
            parts.append(f'"{self.text}"')
        return ", ".join(parts) if parts else "all"


def status_of(word: str) -> str:
    w = word.strip().lower().replace(" ", "_").replace("-", "_")
    if w in STATUSES:
        return w
    if w in STATUS_WORDS:
        return STATUS_WORDS[w]
    matches = [s for s in STATUSES if s.startswith(w)]
    if len(matches) == 1:
        return matches[0]
    # The words a coder types, not the stored values (in_progress, on_hold).
    raise FilterError(f"status must be one of new, progress, hold, coded or final (got {word!r})")


def parse_filter(line: str) -> QueueFilter:
    """Parse the filter line; an unknown `key:` term is treated as words."""
    words, status, coder, drg, payer, service = [], None, None, None, None, None
    for token in line.split():
        key, sep, value = token.partition(":")
        key = key.lower()
        if sep and value and key in ("status", "s"):
            status = status_of(value)
        elif sep and value and key in ("coder", "c"):
            coder = value
        elif sep and value and key in ("drg", "d"):
            drg = value
        elif sep and value and key in ("payer", "p"):
            payer = value
        elif sep and value and key in ("service", "svc"):
            service = value
        else:
            words.append(token)
    return QueueFilter(" ".join(words) or None, status, coder, drg, payer, service)


def with_term(line: str, key: str, value: str | None) -> str:
    """The filter line with its `key:` term replaced by `value` (removed when None)."""
    kept = [t for t in line.split() if t.partition(":")[0].lower() != key or not t.partition(":")[1]]
    if value:
        kept.insert(0, f"{key}:{value}")
    return " ".join(kept)
