"""`workbench check FILE [--json]`: coding checks for every encounter of an interchange file.

Text output: one block per encounter (account, then one line per finding). `--json`: one JSON line
per encounter, `{"account", "findings": [{"severity", "codes", "message", "rule"}]}`. A line that
cannot be read is reported on standard error (`FILE line N: field must be ...`) and the others are
still checked. Exit status: 0 no blocking finding, 1 some encounter has a blocking finding, 2 bad input.
"""

from __future__ import annotations

import argparse
import sys

from workbench.commands._common import BAD_INPUT, BLOCKED, drg_service
from workbench.commands._input import InterchangeInput, add_file_command, json_line
from workbench.model.encounter import Encounter


def register(sub: argparse._SubParsersAction) -> None:
    add_file_command(sub, "check", "coding checks (classification rules and Medicare Code Editor edits) "
                     "for each encounter of a JSON Lines file", cmd_check)


def cmd_check(args: argparse.Namespace, source: InterchangeInput) -> int:
    from codesets.codes import with_dot
    from workbench.checks.checker import Checker
    blocked = 0
    out = sys.stdout

    with drg_service() as svc, Checker(None, svc) as checker:
        def visit(enc: Encounter) -> None:
            nonlocal blocked
            findings = checker.check(enc)
            blocked += any(f.severity == "blocking" for f in findings)
            if args.json:
                out.write(json_line(enc.account, "findings", [f.as_dict() for f in findings]))
                return
            head = f"{len(findings)} finding(s)" if findings else "no findings"
            out.write(f"{enc.account}: {head}\n")
            dx = {d.code for d in enc.diagnoses}
            for f in findings:
                codes = ", ".join(with_dot(c) if c in dx else c for c in f.codes)
                out.write(f"  {f.severity:<8} {codes or '(claim)'}: {f.message}\n")
                out.write(f"  {'':<8} rule: {f.rule}\n")

        failed = source.each(visit)
    if failed is not None:
        return failed
    out.flush()
    if source.report_bad(" and were not checked"):
        return BAD_INPUT
    return BLOCKED if blocked else 0

