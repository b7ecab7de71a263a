"""Where the workbench keeps its files: private to the user (0700 folders, 0600 files).

`WORKBENCH_DATA_DIR` overrides the platform's user data directory (tests use it).
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

APP_NAME = "coding-workbench"


def private_dir(path: Path) -> Path:
    """Create `path` (and parents) readable by the owner only; return it."""
    path.mkdir(parents=True, exist_ok=True, mode=0o700)
    try:
        path.chmod(0o700)
    except PermissionError:  # a shared folder owned by someone else keeps its own mode
        pass
    return path


def data_dir() -> Path:
    """The user's data directory for the workbench (created 0700)."""
    env = os.environ.get("WORKBENCH_DATA_DIR")
    return private_dir(Path(env) if env else user_data_path(APP_NAME))


def releases_dir() -> Path:
    """Where built release caches live: one folder per release id."""
    return private_dir(data_dir() / "releases")


def config_dir() -> Path:
    env = os.environ.get("WORKBENCH_CONFIG_DIR")
    return Path(env) if env else user_config_path(APP_NAME)
