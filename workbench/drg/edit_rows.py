"""MCE edits as batch rows write them (`{"name", "code", "message", "edit_type"}`, `Edit.as_dict`).

Most claims' edits are answered by what `edits` already knows: edits about the principal or the claim
need nothing, and per-code edits (invalid code, age, sex, unspecified) need each code's remembered
answer in the claim's context (`EditMemo.known`). `remembered_edit_dicts` reads those from the stay's
codes, without decoding the claim; where an answer is missing or the answers do not add up to the
editor's count it gives None and the caller runs `edit_dicts`, the full attribution of `explain_edits`.
Both give what `explain_edits` gives (the batch comparison and a test hold them equal).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.drg.edits import (
    _BIT,
    _CACHE_MAX,
    _DX_KINDS,
    _PX_KINDS,
    CLAIM_EDITS,
    PDX_EDITS,
    Found,
    _attribute,
    _context,
    _message,
)

if TYPE_CHECKING:
    from workbench.drg.service import DrgService


def edit_dicts(service: DrgService, claim: dict[str, Any], result: dict[str, Any]) -> list[dict[str, Any]]:
    """`[e.as_dict() for e in explain_edits(service, claim, result)]`, without the `Edit` objects."""
    edits = result.get("edits")
    if not edits:
        return []
    return _rows(*_attribute(service, claim, edits, result), claim)


def remembered_edit_dicts(service: DrgService, facts: dict[str, Any], dxs: list[str], pxs: list[str],
                          edits: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """`edit_dicts` of a claim whose edits are all answered without running the editor again, else None.

    `facts`: the claim's version, age, sex and discharge status (its context and what messages quote);
    `dxs`: its diagnosis codes, principal first; `pxs`: its procedure codes; `edits`: the editor's list.
    The answer is the one `explain_edits` reaches on the same memo, and it remembers what that remembers
    (the culprits' hints)."""
    wanted = {e["name"]: e for e in edits}
    if len(wanted) != len(edits):
        return None
    found: Found = {}
    per_code: Found = {}
    known = service.edit_memo.known
    for n, e in wanted.items():
        if n in PDX_EDITS:
            found[n] = [(dxs[0], False)]
        elif n in CLAIM_EDITS:
            found[n] = [(None, False)]
        elif n in _BIT:
            table = known.get(_context(n, facts))
            if table is None or len(table) > _CACHE_MAX:
                return None
            if not per_code and (len(set(dxs)) != len(dxs) or len(set(pxs)) != len(pxs)):
                return None  # a repeated code: the count is not one per code
            kind = e.get("code_type")
            hits: list[tuple[str | None, bool]] = []
            if kind in _DX_KINDS:
                hits = [(c, False) for c in dxs if table.get(c)]
            if pxs and kind in _PX_KINDS:
                hits += [(c, True) for c in pxs if table.get("P:" + c)]
            if len(hits) != e.get("count", 1):
                return None  # a code not asked yet in this context, or answers that do not add up
            found[n] = per_code[n] = hits
        else:  # a duplicate of the principal, or an edit about a combination of codes
            return None
    if per_code:
        hints = service.edit_memo.hints
        if len(hints) > _CACHE_MAX:
            hints.clear()
        for n, codes in per_code.items():
            bit = _BIT[n]
            for code, pcs in codes:
                key = f"P:{code}" if pcs else str(code)  # a code: never None here
                hints[key] = hints.get(key, 0) | bit
    return _rows(wanted, found, facts)


def _rows(wanted: dict[str, dict[str, Any]], found: Found, claim: dict[str, Any]) -> list[dict[str, Any]]:
    """The entries in the editor's order, each code once (`edits._edits`, as dicts)."""
    out = []
    for name, e in wanted.items():
        et = e.get("edit_type", "")
        codes = found[name]
        if len(codes) != 1:
            codes = list(dict.fromkeys(codes)) or [(None, False)]
        for code, pcs in codes:
            out.append({"name": name, "code": code, "message": _message(name, code, claim, pcs),
                        "edit_type": et})
    return out
