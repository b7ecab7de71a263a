"""`workbench` with no subcommand: open the coding queue (or `--demo`, the demo database)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def demo_database() -> Path:
    """The demo database in the user data folder, created once from the demo encounters."""
    from codesets.paths import data_dir
    from workbench.store import Store

    path = data_dir() / "demo"
    if (path / "meta.json").exists():
        return path
    from workbench.demo import demo_encounters

    with Store.open(path) as store:
        store.add_many(demo_encounters())
    return path


def run_app(args: argparse.Namespace) -> int:
    from workbench.settings import SettingsError, load_settings
    from workbench.store import StoreError

    try:
        settings = load_settings()
    except SettingsError as e:
        print(f"workbench: {e}", file=sys.stderr)
        return 2
    try:
        db = demo_database() if getattr(args, "demo", False) else getattr(args, "db", None)
        from workbench.tui.app import make_app

        app = make_app(db, settings)
    except (StoreError, ImportError) as e:
        print(f"workbench: {e}", file=sys.stderr)
        return 2
    app.run()
    return int(app.return_code or 0)
