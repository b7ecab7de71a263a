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
    keys = csub.add_parser("keys", help="list every binding id with its default keys")
    keys.set_defaults(func=_keys)


def _locate(args: argparse.Namespace) -> int:
    from workbench.settings import config_file

    path = config_file()
    print(path)
    if not path.exists():
        print("(not created yet; every setting has its default)")
    return 0


def _keys(args: argparse.Namespace) -> int:
    from workbench.tui.keymap import AREAS, KEYS, area_of

    width = max(len(k.id) for k in KEYS)
    area = None
    for k in KEYS:
        if area_of(k.id) != area:
            area = area_of(k.id)
            print(f"# {AREAS.get(area, area)}")
        print(f"{k.id:<{width}}  {k.keys:<22}  {k.tooltip or k.description}")
    print('\n# Example config.toml:\n# [keymap]\n# "coding.principal" = "P"\n'
          '# "encounter.search" = "slash,f4"')
    return 0
