"""`workbench report NAME [--from D] [--to D] [--coder U] [--json|--csv]`: department reports.

NAME is casemix, dnfb, productivity, queries or shift (`--release R`). Plain text by default; `--json`
one object (shift: one JSON line per stay, then a summary line); `--csv` the report's table, for the
finance office (cells that a spreadsheet would run as formulas are quoted).
"""

from __future__ import annotations

import argparse
import json
import sys

BAD_INPUT = 2


def register(sub: argparse._SubParsersAction) -> None:
    from workbench.reports import REPORTS

    p = sub.add_parser("report", help="department reports: case mix, DNFB, productivity, queries, DRG shift",
                       description=__doc__ + "\n" + "\n".join(f"  {k:13} {v}" for k, v in REPORTS.items()),
                       formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("name", metavar="NAME", help=", ".join(REPORTS))
    p.add_argument("--from", dest="start", metavar="YYYY-MM-DD",
                   help="first day (discharge date; productivity: day of work; queries: day asked)")
    p.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last day, inclusive")
    p.add_argument("--coder", metavar="USER", help="one coder only")
    p.add_argument("--release", metavar="R", help="shift: the release to regroup under, e.g. 2027.0")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", help="dnfb, queries: count days up to this date "
                   "(default today)")
    fmt = p.add_mutually_exclusive_group()
    fmt.add_argument("--json", action="store_true", help="JSON output")
    fmt.add_argument("--csv", action="store_true", help="CSV output (the report's table)")
    p.set_defaults(func=cmd_report)


def _fail(msg: str) -> int:
    print(f"workbench report: {msg}", file=sys.stderr)
    return BAD_INPUT


def cmd_report(args: argparse.Namespace) -> int:
    import datetime as dt

    from workbench.drg.service import DrgService
    from workbench.reports import REPORTS, Filters, GroupCache, ReportError, build_report
    from workbench.reports.base import parse_day, write_csv
    from workbench.reports.stays import gc_paused, load_stays
    from workbench.reports.text import render_text
    from workbench.settings import SettingsError, load_settings
    from workbench.store.core import Store, StoreError

    if args.name not in REPORTS:
        return _fail(f"unknown report {args.name!r}: expected one of {', '.join(REPORTS)}")
    try:
        filters = Filters(parse_day(args.start, "--from"), parse_day(args.end, "--to"), args.coder)
        as_of = parse_day(args.as_of, "--as-of") or dt.date.today()
        settings = load_settings()
    except (ReportError, SettingsError) as e:
        return _fail(str(e))
    if args.name == "shift" and not args.release:
        return _fail("shift needs --release R, the release to regroup under (e.g. --release 2027.0)")
    try:
        store = Store.open(args.db, create=False)
    except StoreError as e:
        return _fail(str(e))
    try:
        stays = load_stays(store)
        cache = GroupCache.of_store(store)
        with DrgService(base_rate=settings.base_rate, hospital_status=settings.hac_status) as svc, \
                gc_paused():
            report = build_report(args.name, stays, filters, svc, as_of=as_of, release=args.release,
                                  cache=cache)
        cache.save()
    except (ReportError, StoreError) as e:
        return _fail(str(e))
    finally:
        store.close()
    out = sys.stdout
    if args.csv:
        write_csv(report, out)
    elif args.json and report.name == "shift":
        for row in report.rows:
            out.write(json.dumps({k: row[k] for k in ("account", "drg", "weight", "drg_next", "weight_next")}
                                 | ({"note": row["note"]} if row.get("note") else {})) + "\n")
        out.write(json.dumps({"summary": report.summary, "notes": report.notes}) + "\n")
    elif args.json:
        out.write(json.dumps(report.as_json(), indent=1) + "\n")
    else:
        out.write(render_text(report))
    for note in report.notes if not args.json else ():
        print(f"note: {note}", file=sys.stderr)
    return 0
