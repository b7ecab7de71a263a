"""Subcommands of the `workbench` command line, one module per area.

Each module defines `register(subparsers)`, adding its parsers with `set_defaults(func=...)`;
`func(args) -> int` returns the exit status. Parsing lives here; the work lives in plain modules.
"""
