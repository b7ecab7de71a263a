"""`workbench check FILE [--json]`: coding checks for every encounter of an interchange file.

Text output: one block per encounter (account, then one line per finding). `--json`: one JSON line
per encounter, `{"account", "findings": [{"severity", "codes", "message", "rule"}]}`. A line that
cannot be read is reported on standard error (`FILE line N: field must be ...`) and the others are
still checked. Exit status: 0 no blocking finding, 1 some encounter has a blocking finding, 2 bad input.
"""

from __future__ import annotations

import argparse
import json
import sys

from workbench.commands._common import BAD_INPUT, BLOCKED, drg_service


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="coding checks (classification rules and Medicare Code Editor edits) "
                       "for each encounter of a JSON Lines file")
    p.add_argument("file", help="interchange JSON Lines file, or - for standard input")
    p.add_argument("--json", action="store_true", help="one JSON line per encounter")
    p.set_defaults(func=cmd_check)


def cmd_check(args: argparse.Namespace) -> int:
    from codesets.codes import with_dot
    from workbench.checks.checker import Checker
    from workbench.commands.interchange_input import InterchangeInput

    source = InterchangeInput("check", args.file)
    if source.missing():
        return BAD_INPUT
    blocked = 0
    out = sys.stdout
    with drg_service() as svc, Checker(None, svc) as checker:
        try:
            for enc in source.encounters():
                findings = checker.check(enc)
                blocked += any(f.severity == "blocking" for f in findings)
                if args.json:
                    rec = {"account": enc.account, "findings": [f.as_dict() for f in findings]}
                    out.write(json.dumps(rec, ensure_ascii=False) + "\n")
                    continue
                head = f"{len(findings)} finding(s)" if findings else "no findings"
                out.write(f"{enc.account}: {head}\n")
                for f in findings:
                    codes = ", ".join(with_dot(c) if c in _dx(enc) else c for c in f.codes)
                    out.write(f"  {f.severity:<8} {codes or '(claim)'}: {f.message}\n")
                    out.write(f"  {'':<8} rule: {f.rule}\n")
        except UnicodeDecodeError as e:
            return source.not_utf8(e)
    out.flush()
    if source.report_bad(" and were not checked"):
        return BAD_INPUT
    return BLOCKED if blocked else 0


def _dx(enc: object) -> set[str]:
    return {d.code for d in getattr(enc, "diagnoses", ())}
