"""MCE edits as batch rows write them (`{"name", "code", "message", "edit_type"}`, `Edit.as_dict`).

Most claims' edits are answered by what `edits` already knows: edits about the principal or the claim
need nothing, and per-code edits (invalid code, age, sex, unspecified) need each code's remembered
answer in the claim's context (`EditMemo.known`). `remembered_edit_dicts` reads those from the stay's
codes, without decoding the claim; where an answer is missing or the answers do not add up to the
editor's count it gives None and the caller runs `edit_dicts`, the full attribution of `explain_edits`.
Both give what `explain_edits` gives (the batch comparison and a test hold them equal). The batch reads
each distinct editor answer once (`edit_plan`) and names a claim's edits from that plan
(`planned_edit_dicts`), without decoding the answer again.
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


# How `planned_edit_dicts` names an edit's codes: the principal, the claim, or each code's own answer.
_PDX, _CLAIM, _PER_CODE = 0, 1, 2
# One editor answer read once: per edit (name, how, count, on diagnoses, on procedures, edit type).
EditPlan = tuple[tuple[str, int, int, bool, bool, str], ...]


def edit_plan(edits: list[dict[str, Any]]) -> EditPlan | None:
    """The editor's list of edits as `planned_edit_dicts` answers it, or None when memory cannot answer it
    (a name twice, a duplicate of the principal, an edit about a combination of codes). Claims share a
    few hundred such lists, so a caller keeps the plan by the editor's text."""
    names = {e["name"] for e in edits}
    if len(names) != len(edits):
        return None
    out = []
    for e in edits:
        n = e["name"]
        how = _PDX if n in PDX_EDITS else _CLAIM if n in CLAIM_EDITS else _PER_CODE if n in _BIT else -1
        if how < 0:
            return None
        kind = e.get("code_type")
        out.append((n, how, e.get("count", 1), kind in _DX_KINDS, kind in _PX_KINDS, e.get("edit_type", "")))
    return tuple(out)


def remembered_edit_dicts(service: DrgService, facts: dict[str, Any], dxs: list[str], pxs: list[str],
                          edits: list[dict[str, Any]]) -> list[dict[str, Any]] | None:
    """`edit_dicts` of a claim whose edits are all answered without running the editor again, else None.

    `facts`: the claim's version, age, sex and discharge status (its context and what messages quote);
    `dxs`: its diagnosis codes, principal first; `pxs`: its procedure codes; `edits`: the editor's list.
    The answer is the one `explain_edits` reaches on the same memo, and it remembers what that remembers
    (the culprits' hints)."""
    plan = edit_plan(edits)
    return None if plan is None else planned_edit_dicts(service, plan, facts, dxs, pxs)


def planned_edit_dicts(service: DrgService, plan: EditPlan, facts: dict[str, Any], dxs: list[str],
                       pxs: list[str], contexts: dict[str, str] | None = None) -> list[dict[str, Any]] | None:
    """`remembered_edit_dicts` of the editor's list read as `plan` (`edit_plan`). `contexts`: the edits'
    `_context` strings in these facts, kept by a caller whose claims share them (filled here)."""
    known = service.edit_memo.known
    out: list[dict[str, Any]] = []
    per_code: list[tuple[int, list[str], list[str]]] | None = None
    for n, how, count, on_dx, on_px, et in plan:
        if how == _PDX:
            code = dxs[0]
            out.append({"name": n, "code": code, "message": _message(n, code, facts, False), "edit_type": et})
            continue
        if how == _CLAIM:
            out.append({"name": n, "code": None, "message": _message(n, None, facts, False), "edit_type": et})
            continue
        ctx = contexts.get(n) if contexts is not None else None
        if ctx is None:
            ctx = _context(n, facts)
            if contexts is not None:
                contexts[n] = ctx
        table = known.get(ctx)
        if table is None or len(table) > _CACHE_MAX:
            return None
        if per_code is None:
            if len(set(dxs)) != len(dxs) or len(set(pxs)) != len(pxs):
                return None  # a repeated code: the count is not one per code
            per_code = []
        # Codes are unique here, so the hits are too (no deduplication); `filter` keeps the per-code
        # look-ups (about fifteen a claim) in C.
        hit_dx = list(filter(table.get, dxs)) if on_dx else []
        hit_px = [c for c in pxs if table.get("P:" + c)] if pxs and on_px else []
        if len(hit_dx) + len(hit_px) != count:
            return None  # a code not asked yet in this context, or answers that do not add up
        per_code.append((_BIT[n], hit_dx, hit_px))
        if not count:
            out.append({"name": n, "code": None, "message": _message(n, None, facts, False), "edit_type": et})
            continue
        for culprit in hit_dx:
            out.append({"name": n, "code": culprit, "message": _message(n, culprit, facts, False),
                        "edit_type": et})
        for culprit in hit_px:
            out.append({"name": n, "code": culprit, "message": _message(n, culprit, facts, True),
                        "edit_type": et})
    if per_code:
        hints = service.edit_memo.hints
        if len(hints) > _CACHE_MAX:
            hints.clear()
        for bit, hit_dx, hit_px in per_code:
            for key in hit_dx:
                had = hints.get(key, 0)
                if not had & bit:
                    hints[key] = had | bit
            for c in hit_px:
                key = "P:" + c
                had = hints.get(key, 0)
                if not had & bit:
                    hints[key] = had | bit
    return out


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
