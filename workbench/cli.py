"""The `workbench` command line: parses arguments and calls the plain modules.

`workbench` alone opens the coding queue of the current database; `workbench --demo` the demo one.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

# Subcommand modules under workbench.commands, in the order `--help` lists them.
COMMAND_MODULES = ("codesets", "code", "search", "group", "db", "demo", "check", "suggest", "report",
                   "config")
# Subcommands registered by a module of another name.
MODULE_OF = {"import": "db", "export": "db", "apply": "db"}


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
    parser.add_argument("--debug", action="store_true", help="print the traceback of an unexpected error")
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
        elif arg in ("--demo", "--debug") or arg.startswith("--db="):
            continue
        else:
            return MODULE_OF.get(arg, arg) if arg in COMMAND_MODULES or arg in MODULE_OF else None
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
        if getattr(args, "demo", False) and getattr(args, "db", None) is None:
            # `workbench --demo export` (import, apply, db ...): the commands work on the demo database
            from workbench.commands.app import demo_database
            from workbench.store.core import StoreError

            try:
                args.db = str(demo_database())
            except StoreError as e:
                print(f"workbench: {e}", file=sys.stderr)
                return 2
        return int(func(args) or 0)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:  # `workbench ... | head`
        return 0
    except Exception as e:  # noqa: BLE001  the one place an error no command expected becomes a message
        return _report(e, args.debug)


def _report(error: Exception, debug: bool) -> int:
    """Bad input a command did not word itself (a file that cannot be read, a store error): `workbench:
    message`, exit 2. Anything else is a bug: a short message, exit 1, the traceback only with --debug."""
    from workbench.commands._common import BAD_INPUT
    from workbench.store.files import StoreError

    if isinstance(error, (StoreError, UnicodeDecodeError)) or (isinstance(error, OSError) and error.filename):
        if isinstance(error, OSError):
            message = f"{error.filename}: {error.strerror or error}"
        elif isinstance(error, UnicodeDecodeError):
            message = f"not UTF-8 text ({error.reason} at byte {error.start})"
        else:
            message = str(error)
        print(f"workbench: {message}", file=sys.stderr)
        return BAD_INPUT
    if debug:
        import traceback

        traceback.print_exc()
    print(f"workbench: unexpected error ({type(error).__name__}: {str(error)[:200]}); nothing more was "
          "done. Run again with --debug for the traceback and report it", file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
