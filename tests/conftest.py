"""Test isolation: every test run uses its own data and config folders, never the developer's.

The release cache is built once per checkout into `.test-data/` and shared by the xdist workers
(the builder takes a file lock), so only the first run pays for the build.
"""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ.setdefault("WORKBENCH_DATA_DIR", str(ROOT / ".test-data"))
os.environ.setdefault("WORKBENCH_CONFIG_DIR", str(ROOT / ".test-data" / "config"))
os.environ.pop("WORKBENCH_DB", None)
