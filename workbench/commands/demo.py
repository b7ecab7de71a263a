"""`workbench demo --out FILE [--seed N]`: write the built-in demo encounters as interchange JSON Lines.

The file holds the uncoded encounters only (never the answer key); `workbench import FILE` loads it.
"""

from __future__ import annotations

import argparse
import os
import sys

from workbench.commands._common import BAD_INPUT


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="write the demo encounters (uncoded) to a JSON Lines file",
                       description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--out", metavar="FILE", required=True, help="output file, or - for standard output")
    p.add_argument("--seed", type=int, default=None, metavar="N",
                   help="generator seed (default: the built-in one)")
    p.set_defaults(func=cmd_demo)


def cmd_demo(args: argparse.Namespace) -> int:
    from workbench.demo import DEFAULT_SEED, demo_encounters
    from workbench.interchange.writer import write_file

    encounters = demo_encounters(DEFAULT_SEED if args.seed is None else args.seed)
    if args.out == "-":
        write_file(encounters, sys.stdout)
        return 0
    try:
        # Demo records read like patient data: the file is private to the user (0600).
        fd = os.open(args.out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    except OSError as e:
        print(f"workbench demo: {args.out}: {e.strerror}", file=sys.stderr)
        return BAD_INPUT
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        n = write_file(encounters, out)
    print(f"wrote {n} demo encounters to {args.out}", file=sys.stderr)
    return 0
