"""`workbench config locate | keys`: where the settings file is, and every key binding id."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("config", help="settings file location and key binding ids",
                       description="Show where config.toml lives, or list every key binding id with its "
                                   "default keys (override them in config.toml under [keymap]).")
    csub = p.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    loc = csub.add_parser("locate", help="print the path of config.toml (and whether it exists)")
    loc.set_defaults(func=_locate)
    keys = csub.add_parser("keys",
                          help="every binding id with its keys (overrides marked *); warns about clashes")
    keys.set_defaults(func=_keys)


def _locate(args: argparse.Namespace) -> int:
    from workbench.settings import config_file

    path = config_file()
    print(path)
    if not path.exists():
        print("(not created yet; every setting has its default)")
    return 0


def _keys(args: argparse.Namespace) -> int:
    """Every binding with its keys as the app will use them: config.toml [keymap] overrides are marked
    `*` (the default is shown beside them), and a remapped key that takes another binding's is warned."""
    import sys

    from workbench.settings import config_file, load_settings
    from workbench.tui.keymap import AREAS, area_of, effective, keymap_problems

    overrides = load_settings().keymap
    table = effective(overrides)
    width = max(len(k.id) for k, _, _ in table)
    area = None
    for k, keys, overridden in table:
        if area_of(k.id) != area:
            area = area_of(k.id)
            print(f"# {AREAS.get(area, area)}")
        mark = "*" if overridden else " "
        what = k.tooltip or k.description
        if overridden:
            what += f"  (default {k.keys})"
        print(f"{mark} {k.id:<{width}}  {keys:<22}  {what}")
    if overrides:
        print(f"\n* overridden in {config_file()} [keymap]")
    problems = keymap_problems(overrides)
    for problem in problems:
        print(f"warning: {problem}", file=sys.stderr)
    print('\n# Example config.toml:\n# [keymap]\n# "coding.principal" = "P"\n'
          '# "encounter.search" = "slash,f4"')
    return 0
