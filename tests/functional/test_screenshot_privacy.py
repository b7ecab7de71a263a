"""Screenshots show patient names: ctrl+p "Screenshot" writes them 0600 in a 0700 folder under the data
directory, never into ~/Downloads (#17)."""

from __future__ import annotations

import asyncio
import stat
from pathlib import Path

from tests.support.app_samples import TODAY, make_db
from workbench.settings import Settings
from workbench.tui.app import make_app


def test_palette_screenshot_is_private(tmp_path, monkeypatch):
    data = tmp_path / "data"
    home = tmp_path / "home"
    (home / "Downloads").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DOWNLOAD_DIR", str(home / "Downloads"))
    db = make_db(tmp_path / "db")
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(data))
    app = make_app(db, Settings(), today=TODAY, preload=False)

    async def drive() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause(0.1)
            await pilot.press("ctrl+p")
            await pilot.pause(0.1)
            await pilot.press(*"Screenshot")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause(0.5)
            await app.workers.wait_for_complete()
            await pilot.pause(0.3)

    asyncio.run(drive())
    shots = list((data / "screenshots").glob("*.svg"))
    assert len(shots) == 1
    assert stat.S_IMODE(shots[0].stat().st_mode) == 0o600
    assert stat.S_IMODE((data / "screenshots").stat().st_mode) == 0o700
    assert "Doe, John" in shots[0].read_text() or "Doe" in shots[0].read_text()
    assert not list((home / "Downloads").iterdir())
    assert not list(Path.cwd().glob("*.svg"))
