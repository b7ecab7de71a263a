"""`workbench code CODE... [--release R | --date YYYY-MM-DD] [--json]`: the code card.

ICD-10-CM: code with dot, title, billable, hierarchy path, every note that applies (own and inherited,
marked), allowed 7th characters, CC/MCC level and the principal diagnoses that exclude it.
ICD-10-PCS: title and the meaning of each axis. When the release for the date is not installed,
validity follows that period's grouper (MCE), titles come from the nearest installed release and the
card says so; a code that release does not know but the MCE accepts is shown as valid, untitled.
Unknown codes: exit status 2 and the nearest existing codes; a 1-2 character PCS start (0S) names its tables.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from workbench.commands._common import BAD_INPUT, add_release_options


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("code", help="show ICD-10-CM / ICD-10-PCS codes: title, notes, 7th characters, CC/MCC")
    p.add_argument("codes", nargs="+", metavar="CODE", help="codes, with or without dots, any case")
    add_release_options(p)
    p.add_argument("--json", action="store_true", help="one JSON object per code per line")
    p.add_argument("--table", action="store_true",
                   help="show the ICD-10-PCS table of each code or prefix and its valid values per axis "
                        "(a 3-6 character PCS prefix such as 0SG or 0SG0 shows it without --table)")
    p.set_defaults(func=cmd_code)


def cmd_code(args: argparse.Namespace) -> int:
    from codesets.release.calendar import NoReleaseForDate, UnknownRelease
    from codesets.release.core import resolve

    try:
        res = resolve(date=args.date, release=args.release)
    except (NoReleaseForDate, UnknownRelease, ValueError) as e:
        print(f"workbench code: {e}", file=sys.stderr)
        return BAD_INPUT
    if res.notice:
        print(f"note: {res.notice}", file=sys.stderr)
    from workbench.drg.service import DrgService

    status = 0
    with DrgService() as svc:
        for raw in args.codes:
            if args.table or _is_table_prefix(raw, res.data):
                view = _table_view(raw, res.data)
                if view is None:
                    status = BAD_INPUT
                elif args.json:
                    head = {"release": res.period.release, "data_release": res.data.id}
                    print(json.dumps({**head, **view.as_dict()}, ensure_ascii=False))
                else:
                    from workbench.commands.code_table import render_table

                    print(render_table(view))
                    print()
                continue
            if _names_tables_of_short_prefix(raw, res.data):
                status = BAD_INPUT
                continue
            card = build_card(raw, res, svc)
            if card is None:
                status = BAD_INPUT
                continue
            if args.json:
                print(json.dumps(card, ensure_ascii=False))
            else:
                print(render(card))
                print()
    return status


def _is_table_prefix(raw: str, rel: Any) -> bool:
    """3-6 characters that are not an ICD-10-CM code or header (B20 is both) but start a PCS table."""
    from codesets.codes import normalize

    code = normalize(raw).replace("-", "").replace(" ", "")
    if not 3 <= len(code) <= 6 or rel.cm(code) is not None:
        return False
    return code[0].isdigit() or rel.pcs_table(code[:3]) is not None


def _names_tables_of_short_prefix(raw: str, rel: Any, limit: int = 12) -> bool:
    """`0S` or `0`: the start of ICD-10-PCS tables, too short for one. Names the tables it starts (a coder
    who typed it wants one of them, not the first codes in code order) and returns True."""
    from codesets.codes import normalize
    from codesets.pcs.builder import table_label

    code = normalize(raw).replace("-", "").replace(" ", "")
    if not 1 <= len(code) <= 2 or not code[0].isdigit():
        return False
    tables = [t for t in rel.pcs_tables() if t.startswith(code)]
    if not tables:
        return False
    shown = "; ".join(table_label(rel, t) for t in tables[:limit])
    more = f"; ... ({len(tables)} tables)" if len(tables) > limit else ""
    print(f"workbench code: {code} is not a code: a PCS table has 3 characters; tables starting {code} "
          f"in release {rel.id}: {shown}{more}", file=sys.stderr)
    return True


def _table_view(raw: str, rel: Any) -> Any:
    """The builder's view of a prefix, or None after printing why it is not valid."""
    from codesets.pcs.builder import PrefixError, build_view
    from codesets.pcs.keys import PcsKeys

    try:
        return build_view(rel, raw, PcsKeys.for_release(rel))
    except PrefixError as e:
        print(f"workbench code: {e}", file=sys.stderr)
        return None


def build_card(raw: str, res: Any, svc: Any = None) -> dict[str, Any] | None:
    """The card of one code as a dict (the --json form), or None after reporting an unknown code.

    With `svc` (a DrgService), a billable ICD-10-CM code also gets the grouper's and the MCE's flags:
    `hac`, `poa_exempt` (+ `poa_exempt_inferred`, `poa_exempt_text`), `principal`, `manifestation`."""
    from codesets.codes import looks_like_cm, looks_like_pcs, normalize, with_dot
    from codesets.pcs import sections as pcs_sections
    from codesets.release import validity
    from codesets.release.core import nearest_codes

    rel, per = res.data, res.period
    code = normalize(raw)
    base = {"release": per.release, "data_release": rel.id, "exact": res.exact, "notice": res.notice}
    item = rel.cm(code)
    if item is not None:
        if res.exact:
            billable = item.billable
        else:  # validity follows the period's grouper, not the release the title comes from
            billable = item.kind == "code" and validity.is_valid(code, "CM", per)
        path = [a for a in reversed(rel.ancestors(code))]
        excl = sorted(rel.cc_exclusion_pdx(code))
        flags = _flags(code, per, svc) if billable and item.kind == "code" else {}
        return {
            "code": item.display, "title": item.title, "titled": True, "billable": billable, "system": "CM",
            **base, "kind": item.kind,
            "path": [{"code": a.display, "title": a.title, "kind": a.kind} for a in path],
            "children": [c.display for c in rel.children(code)] if not item.billable else [],
            "notes": [{"kind": n.kind, "text": n.text,
                       "inherited_from": _display(n.inherited_from) if n.inherited_from else None}
                      for n in rel.notes(code)],
            "seven_chr": rel.seven_chr(code),
            # the level follows the period's grouper when its own tables are not installed
            "cc_level": rel.cc_level(code) if res.exact else validity.grouper_cc_level(code, per),
            "cc_level_release": rel.id if res.exact else f"MS-DRG v{per.drg_version}",
            "cc_installed": bool(rel.counts().get("cc", 0) + rel.counts().get("mcc", 0)),
            "cc_excluded_with_pdx": [with_dot(c) for c in excl],
            **flags,
        }
    pcs = rel.pcs(code)
    if pcs is not None:
        valid = True if res.exact else validity.is_valid(code, "PCS", per)
        names = pcs_sections.axis_names(code)
        meanings = rel.pcs_code_meanings(code) or ("",) * 7
        axes = [{"position": i + 1, "axis": names[i], "value": code[i], "meaning": meanings[i]}
                for i in range(7)]
        return {"code": code, "title": pcs.title, "titled": True, "billable": valid, "system": "PCS", **base,
                "notes": [], "cc_level": None, "axes": axes}
    if not res.exact:
        for system, shape in (("CM", looks_like_cm), ("PCS", looks_like_pcs)):
            if shape(code) and validity.is_valid(code, system, per):
                level = validity.grouper_cc_level(code, per) if system == "CM" else None
                flags = _flags(code, per, svc) if system == "CM" else {}
                return {"code": with_dot(code, system), "title": None, "titled": False, "billable": True,
                        "system": system, **base, "notes": [], "cc_level": level,
                        "cc_level_release": f"MS-DRG v{per.drg_version}", "cc_excluded_with_pdx": [],
                        **flags}
    near = nearest_codes(rel, code)
    shown = ", ".join(with_dot(c, "CM" if rel.cm(c) else "PCS") for c in near) or "none"
    print(f"workbench code: unknown code {raw.strip()!r} in release {rel.id}; "
          f"nearest existing codes: {shown}", file=sys.stderr)
    return None


def _flags(code: str, per: Any, svc: Any) -> dict[str, Any]:
    if svc is None:
        return {}
    from workbench.drg.code_flags import code_flags

    return code_flags(code, per, svc)


_PRINCIPAL_TEXT = {"unacceptable": "UNACCEPTABLE as principal diagnosis (Medicare Code Editor)",
                   "manifestation": "MANIFESTATION code: never principal, code the underlying condition "
                                    "first (ICD-10-CM Guidelines I.A.13; Medicare Code Editor)",
                   "external cause": "EXTERNAL CAUSE code: never principal (ICD-10-CM Guidelines I.C.20)"}


def _flag_lines(card: dict[str, Any]) -> list[str]:
    lines = []
    if "principal" in card:
        lines.append("  " + _PRINCIPAL_TEXT.get(card["principal"], "acceptable as principal diagnosis"))
    hac = card.get("hac")
    if hac:
        num = hac["category"][3:] if hac["category"].startswith("HAC") else hac["category"]
        cond = " (with the procedure the category names)" if hac["needs_procedure"] else ""
        lines.append(f"  HAC {num} {hac['title']}{cond}: not counted as CC/MCC when POA is N or U")
    if "poa_exempt_text" in card:
        lines.append(f"  POA: {card['poa_exempt_text']}")
    return lines


def _display(code: str) -> str:
    from codesets.codes import with_dot

    return code if "-" in code or code.isdigit() else with_dot(code)


def render(card: dict[str, Any]) -> str:
    """The card as text for a terminal."""
    from codesets.model import note_line

    lines = []
    where = card["release"] if card["exact"] else f"{card['release']}, titles from {card['data_release']}"
    title = card["title"] if card["titled"] else \
        f"(no title: valid for {card['release']}, not in the installed release {card['data_release']})"
    lines.append(f"{card['code']}  {title}")
    state = "billable" if card["billable"] else "NOT billable"
    if card["system"] == "CM" and card.get("kind") not in (None, "code"):
        state = f"NOT billable: {card['kind']} (header), pick a code below it"
    lines.append(f"  ICD-10-{card['system']}, release {where}: {state}")
    if card.get("path"):
        lines.append("  path: " + " > ".join(p["code"] for p in card["path"]) + f" > {card['code']}")
    if card.get("children"):
        lines.append("  codes below: " + ", ".join(card["children"][:12])
                     + (" ..." if len(card["children"]) > 12 else ""))
    if card["system"] == "CM":
        if card.get("cc_level"):
            n = len(card["cc_excluded_with_pdx"])
            per = "" if card["exact"] else f" (grouper {card['cc_level_release']})"
            excl = "" if card["exact"] else f" in {card['data_release']}, not the {card['release']} tables"
            lines.append(f"  {card['cc_level']}{per} as a secondary diagnosis; not counted with {n} "
                         f"principal diagnoses{excl}, e.g. {', '.join(card['cc_excluded_with_pdx'][:6])}")
        elif card["titled"] and not card.get("cc_installed", True):
            lines.append(f"  CC/MCC levels not installed for {card['cc_level_release']} "
                         "(import Tables 6I-6K)")
        elif card["titled"]:
            per = "" if card["exact"] else f" in {card['cc_level_release']}"
            lines.append(f"  not a CC or MCC{per}")
        lines += _flag_lines(card)
        for n in card["notes"]:
            src = f"  [from {n['inherited_from']}]" if n["inherited_from"] else ""
            lines.append(f"  {note_line(n['kind'], n['text'])}{src}")
        if card.get("seven_chr"):
            lines.append("  7th characters: " + "; ".join(f"{k} {v}" for k, v in card["seven_chr"].items()))
    width = max((len(a["axis"]) for a in card.get("axes", [])), default=0)
    for a in card.get("axes", []):
        meaning = a["meaning"] or "(meaning not installed)"
        lines.append(f"  {a['position']} {a['axis']:<{width}} {a['value']}  {meaning}")
    return "\n".join(lines)
