"""The `workbench` command line: parses arguments and calls the plain modules.

`workbench` alone opens the coding queue of the current database; `workbench --demo` the demo one.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Subcommand modules under workbench.commands, in the order `--help` lists them.
COMMAND_MODULES = ("codesets", "code", "search", "group", "db", "demo", "check", "suggest", "config")


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The full parser, or with `only` one subcommand registered (its module alone is imported: each
    command starts without loading the others')."""
    parser = argparse.ArgumentParser(
        prog="workbench",
        description="Terminal workbench for inpatient ICD-10 coding with a live MS-DRG preview.",
    )
    parser.add_argument("--db", metavar="PATH", help="encounter database (default: $WORKBENCH_DB, "
                        "else the user data directory)")
    parser.add_argument("--demo", action="store_true", help="open the built-in demo database")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES if only is None else (only,):
        importlib.import_module(f"workbench.commands.{name}").register(sub)
    return parser


def _command_named(argv: Sequence[str]) -> str | None:
    """The subcommand the arguments name, read past the global options; None if none is named."""
    args = iter(argv)
    for arg in args:
        if arg == "--db":
            next(args, None)  # its value
        elif arg == "--demo" or arg.startswith("--db="):
            continue
        else:
            return arg if arg in COMMAND_MODULES else None
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(_command_named(argv))
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    try:
        if func is None:
            from workbench.commands.app import run_app

            return run_app(args)
        return int(func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `workbench ... | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
