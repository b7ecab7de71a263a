"""`workbench group FILE [--out FILE] [--format jsonl|csv] [--jobs N]`: MS-DRG for every encounter of a file.

Lines that cannot be read get an output row with `account` (when known) and `error`; the rest are
still grouped. Exit status 2 when the file itself cannot be read or any line was bad.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys

from workbench.commands._common import BAD_INPUT, drg_service, settings_or_defaults


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("group", help="MS-DRG, weight and edits for each encounter of a JSON Lines file")
    p.add_argument("file", help="interchange JSON Lines file, or - for standard input")
    p.add_argument("--out", metavar="FILE", help="write results here (default: standard output)")
    p.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    p.add_argument("--base-rate", type=float, metavar="DOLLARS",
                   help="hospital base rate for the expected payment (default: the settings)")
    p.add_argument("--jobs", type=int, default=1, metavar="N",
                   help="worker processes (default 1; the output is the same, in input order)")
    p.set_defaults(func=cmd_group)


def cmd_group(args: argparse.Namespace) -> int:
    from workbench.commands.interchange_input import InterchangeInput
    from workbench.drg.batch import (
        BatchGrouper,
        Progress,
        count_lines,
        parallel_rows,
        write_csv,
        write_jsonl,
    )
    from workbench.interchange.stays import read_stays

    source = InterchangeInput("group", args.file)
    if source.missing():
        return BAD_INPUT
    settings = settings_or_defaults()
    base_rate = settings.base_rate if args.base_rate is None else args.base_rate
    hac = settings.hac_status
    bad = 0

    def counted(rows):  # type: ignore[no-untyped-def]
        nonlocal bad
        for row in rows:
            if "error" in row:
                bad += 1
            yield row

    if args.jobs < 1:
        print(f"workbench group: --jobs must be 1 or more (got {args.jobs})", file=sys.stderr)
        return BAD_INPUT
    with contextlib.ExitStack() as stack:
        progress = Progress(count_lines(args.file) if sys.stderr.isatty() else None)
        if args.jobs == 1:
            svc = stack.enter_context(drg_service(base_rate))
            rows = progress.wrap(counted(BatchGrouper(svc).rows(read_stays(args.file))))
        else:
            src = sys.stdin if args.file == "-" else stack.enter_context(open(args.file, encoding="utf-8"))
            rows = progress.wrap(counted(parallel_rows(src, args.jobs, base_rate, hac)))
        try:
            if args.out:
                fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                with os.fdopen(fd, "wb") as fh:
                    n = (write_csv if args.format == "csv" else write_jsonl)(rows, fh)
            else:
                fh = sys.stdout.buffer
                n = (write_csv if args.format == "csv" else write_jsonl)(rows, fh)
                fh.flush()
        except UnicodeDecodeError as e:
            return source.not_utf8(e)
    if bad:
        print(f"workbench group: {bad} of {n} lines could not be grouped (see their error rows)",
              file=sys.stderr)
        return BAD_INPUT
    return 0
