"""Another revision of this checkout as a tree on disk, for the benches that run it beside this one."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def export(rev: str, folder: Path) -> Path:
    """`git archive` of `rev` unpacked into `folder` (made here); returns `folder`."""
    folder.mkdir()
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder
