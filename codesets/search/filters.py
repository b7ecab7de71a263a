"""The document filters of a search (system, billable only, `within` a chapter, block, code prefix or PCS
table) as boolean masks over the index's documents, kept per filter: a mixin of `engine.SearchIndex`."""

from __future__ import annotations

import numpy as np

from codesets.search.index import SYSTEMS, IndexData


class DocumentFilters:
    """Masks over `data`'s documents; `_sections` holds the (start, end) document rows of CM and PCS."""

    data: IndexData
    _sections: tuple[tuple[int, int], tuple[int, int]]
    _masks: dict[tuple[str | None, bool, str | None], np.ndarray | None]

    # Filters kept (the record scanner asks two; a coder's `within` prefixes add a few).
    _MAX_MASKS = 64

    def _filter(self, system: str | None, billable_only: bool, within: str | None) -> np.ndarray | None:
        """A boolean mask over documents (read only: kept per filter), or None when nothing is filtered."""
        key = (system, billable_only, within)
        if key in self._masks:
            return self._masks[key]
        mask = self._new_filter(system, billable_only, within)
        if mask is not None:
            mask = mask.view()  # never the index's own array made read only
            mask.flags.writeable = False
        if len(self._masks) >= self._MAX_MASKS:
            self._masks.clear()
        self._masks[key] = mask
        return mask

    def _new_filter(self, system: str | None, billable_only: bool, within: str | None) -> np.ndarray | None:
        d = self.data
        mask: np.ndarray | None = None

        def both(m: np.ndarray) -> np.ndarray:
            return m if mask is None else mask & m

        if system:
            s = system.strip().upper().replace("ICD-10-", "")
            if s not in SYSTEMS:
                raise ValueError(f"system must be CM or PCS (got {system!r})")
            mask = both(d.doc_system == SYSTEMS.index(s))
        if billable_only:
            mask = both(d.doc_billable)
        if within and within.strip():
            mask = both(self._within(within.strip().upper().replace(".", "")))
        return mask

    def _within(self, w: str) -> np.ndarray:
        d = self.data
        m = np.zeros(len(d.doc_code), bool)
        if w.isascii() and w.isdigit():  # "²" is a digit to str.isdigit, not to int()
            m |= (d.doc_chapter == int(w)) & (d.doc_system == 0)
            return m
        if "-" in w:
            lo, _, hi = w.partition("-")
            a, b = self._prefix_range(0, lo)[0], self._prefix_range(0, hi)[1]
            m[a:b] = True
            return m
        for section in (0, 1):
            a, b = self._prefix_range(section, w)
            m[a:b] = True
        return m

    def _prefix_range(self, section: int, prefix: str) -> tuple[int, int]:
        lo, hi = self._sections[section]
        codes = self.data.doc_code[lo:hi]
        p = prefix.encode("ascii", "ignore")[:8]
        a = int(np.searchsorted(codes, p, "left"))
        b = int(np.searchsorted(codes, p + b"\xff"[: 8 - len(p)], "right")) if len(p) < 8 else a + 1
        return lo + a, lo + b
