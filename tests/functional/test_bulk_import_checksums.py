"""An import writes many encounters in one commit (store/bulk.py): their queue rows carry the same file
checksum as a save's, so a byte flip that still parses is found by `db check` (issue 17, item 1)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def _wb(*args: str, env_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {"WORKBENCH_DATA_DIR": str(env_dir), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "workbench.cli", *args], capture_output=True, text=True,
                          env=env, cwd=Path(__file__).resolve().parents[2], check=False)


def test_damage_to_a_bulk_imported_file_is_reported(tmp_path: Path) -> None:
    data = Path(__file__).resolve().parents[2] / ".test-data"
    src, db = tmp_path / "demo.jsonl", tmp_path / "db"
    assert _wb("demo", "--out", str(src), env_dir=data).returncode == 0
    assert _wb("--db", str(db), "import", str(src), env_dir=data).returncode == 0  # 68 at once: bulk
    assert _wb("--db", str(db), "db", "check", env_dir=data).returncode == 0
    victim = next(p for p in (db / "data" / "encounters").rglob("*.json") if "FAIRBANKS" in p.read_text())
    victim.write_text(victim.read_text().replace("FAIRBANKS", "XAIRBANKS"))
    check = _wb("--db", str(db), "db", "check", env_dir=data)
    assert check.returncode == 1
    assert "does not match the checksum" in check.stdout + check.stderr
