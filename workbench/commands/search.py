"""`workbench search QUERY`: find ICD-10-CM / ICD-10-PCS codes from words, shorthand or code fragments.

`workbench search -` reads one query per line from standard input, loads the release once and
prints one JSON line per query: {"q": ..., "results": [{"code", "title", "system", "billable",
"score", "display", "kind", "cc_level", "matched"}, ...]}; `matched` names the index entry,
inclusion term or abbreviation that led to a result.

`--age N`, `--sex M|F` or `--account ACCOUNT` (an encounter of the database) rank the results for the
patient as the encounter screen does: codes the patient's age or sex rules out (newborn codes for a
68-year-old, pregnancy codes for a man) come after the others, still listed, with the reason in
`matched`, e.g. `workbench search "delivery" --age 68 --sex M`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from typing import Any

from codesets.search.patient import search_for_patient
from workbench.commands._common import BAD_INPUT, add_release_options


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("search", help="search ICD-10-CM/PCS codes by words, abbreviations or code",
                              description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("query", help="words, an abbreviation (CHF, lap chole), a code or code prefix; "
                                 "`-` reads one query per line from stdin")
    p.add_argument("--system", choices=("cm", "pcs"), type=str.lower, help="only ICD-10-CM or ICD-10-PCS")
    p.add_argument("--billable", action="store_true", help="only codes valid on a claim")
    p.add_argument("--within", metavar="SCOPE",
                   help="a CM chapter number (9), block (I30-I5A), code prefix (I50) or PCS table (0DT)")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="results per query (default 20)")
    who = p.add_argument_group("patient", "rank for a patient as the encounter screen does: codes the "
                               "patient's age or sex rules out (newborn codes past age 0, maternity codes "
                               "outside ages 9-64, codes of the other sex) come after the others, still "
                               "listed and marked")
    who.add_argument("--age", type=int, metavar="N", help="the patient's age in years (0 for a newborn)")
    who.add_argument("--sex", type=str.upper, choices=("M", "F"), help="the patient's sex, M or F")
    who.add_argument("--account", metavar="ACCOUNT",
                     help="take age and sex from this encounter of the database (--age/--sex override)")
    add_release_options(p, date_metavar="D", date_help="discharge date YYYY-MM-DD (picks the release)")
    p.add_argument("--json", action="store_true", help="JSON output (always JSON Lines with `-`)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.limit < 1 or args.limit > 1000:
        print(f"workbench search: --limit must be between 1 and 1000 (got {args.limit})", file=sys.stderr)
        return BAD_INPUT
    try:
        index = _load_index(args)
    except ValueError as e:  # unknown release, bad date, no release for the date
        print(f"workbench search: {e}", file=sys.stderr)
        return BAD_INPUT
    if args.age is not None and not 0 <= args.age <= 124:
        print(f"workbench search: --age must be between 0 and 124 (got {args.age})", file=sys.stderr)
        return BAD_INPUT
    try:
        age, sex = _patient(args)
    except LookupError as e:
        print(f"workbench search: {e}", file=sys.stderr)
        return BAD_INPUT
    options = {"system": args.system.upper() if args.system else None, "billable_only": args.billable,
               "within": args.within, "limit": args.limit}

    def search(q: str) -> list[Any]:
        return search_for_patient(index, q, age, sex, **options)

    if args.query == "-":
        for q in _stdin_lines():
            results = search(q)
            line_out = {"q": q, "results": [_full(r) for r in results]}
            print(json.dumps(line_out, ensure_ascii=False), flush=True)
        return 0
    query = _text(args.query)
    results = search(query)
    if args.json:
        print(json.dumps({"q": query, "results": [_full(r) for r in results]}, ensure_ascii=False))
        return 0
    if not results:  # nothing found (or an empty query) is an answer, not an error
        print("no matching codes", file=sys.stderr)
    for r in results:
        badge = r.cc_level or ""
        mark = " " if r.billable else "-"
        why = f"  [{r.matched}]" if r.matched else ""
        print(f"{r.display:9} {r.system:3} {mark} {badge:3} {r.title}{why}")
    return 0


def _patient(args: argparse.Namespace) -> tuple[int | None, str | None]:
    """Age and sex to rank for: --age and --sex, else those of the --account encounter (LookupError when
    the database has no such account)."""
    age, sex = args.age, args.sex
    if args.account:
        from workbench.store.core import Store, StoreError, UnknownEncounter

        try:
            with Store.open(args.db, create=False) as store:
                enc = store.get(args.account).encounter
        except (UnknownEncounter, StoreError, FileNotFoundError) as e:
            raise LookupError(f"no encounter {args.account!r} in the database") from e
        age = enc.age_years() if age is None else age
        sex = (enc.sex or None) if sex is None else sex
    return age, sex


def _stdin_lines() -> Iterator[str]:
    """Standard input one line at a time (only \\n ends a line; a \\r\\n ending is dropped). Bytes that are
    not UTF-8 become U+FFFD: whatever the locale makes of stdin, each line gets its one JSON answer (a
    strict decoder stopped the batch at the first such line; a lenient one wrote the bytes back out, so
    the answer was not UTF-8 JSON)."""
    buffer = getattr(sys.stdin, "buffer", None)
    if buffer is None:  # a text stream handed in (tests, embedding)
        for line in sys.stdin:
            yield _text(line.rstrip("\r\n"))
        return
    for raw in buffer:
        yield raw.rstrip(b"\r\n").decode("utf-8", errors="replace")


def _text(arg: str) -> str:
    """An argument as text: bytes the locale could not decode (kept as lone surrogates) become U+FFFD,
    so the JSON echo of the query can be written to any stdout."""
    return arg.encode("utf-8", errors="surrogateescape").decode("utf-8", errors="replace")


def _load_index(args: argparse.Namespace) -> Any:
    from codesets.release.core import resolve
    from codesets.search.engine import SearchIndex

    resolved = resolve(date=args.date, release=args.release)
    notice = getattr(resolved, "notice", None)
    if notice:
        print(f"workbench search: {notice}", file=sys.stderr)
    return SearchIndex.for_release(resolved.data)


def _short(r: Any) -> dict[str, Any]:
    return {"code": r.code, "title": r.title, "system": r.system, "billable": r.billable, "score": r.score}


def _full(r: Any) -> dict[str, Any]:
    return {**_short(r), "display": r.display, "kind": r.kind, "cc_level": r.cc_level, "matched": r.matched}
