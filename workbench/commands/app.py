"""`workbench` with no subcommand: open the coding queue (or `--demo`, the demo database)."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from workbench.commands._common import BAD_INPUT


def demo_database() -> Path:
    """The demo database in the user data folder, created once from the demo encounters.

    It is built in a temporary folder beside it and renamed into place, so an interrupted first run
    leaves no half-filled demo behind and two first runs at once end with one complete database."""
    from codesets.paths import data_dir
    from workbench.store.core import Store, StoreError

    path = data_dir() / "demo"
    if (path / "meta.json").exists():
        return path
    if path.exists() and any(path.iterdir()):
        raise StoreError(f"{path} is not a workbench database; move it away to recreate the demo")
    from workbench.demo import demo_encounters

    building = Path(tempfile.mkdtemp(prefix=".demo-", dir=data_dir()))
    try:
        with Store.open(building) as store:
            store.add_many(demo_encounters())
        try:
            building.rename(path)
        except OSError:
            if not (path / "meta.json").exists():  # not another first run that finished before us
                raise
    except OSError as e:
        raise StoreError(f"could not create the demo database in {path}: {e}") from None
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return path


def run_app(args: argparse.Namespace) -> int:
    from workbench.settings import SettingsError, load_settings
    from workbench.store.core import StoreError

    try:
        settings = load_settings()
    except SettingsError as e:
        print(f"workbench: {e}", file=sys.stderr)
        return BAD_INPUT
    try:
        db = demo_database() if getattr(args, "demo", False) else getattr(args, "db", None)
        from workbench.tui.app import make_app

        app = make_app(db, settings)
    except StoreError as e:
        print(f"workbench: {e}", file=sys.stderr)
        return BAD_INPUT
    app.run()
    return int(app.return_code or 0)
