"""Fixtures the unit tests share: the built-in release and its search index (built once per test module,
as each module did for itself), and a private data folder for release imports."""

from __future__ import annotations

from pathlib import Path

import pytest

from codesets.release.core import Release, load_release
from codesets.search.engine import SearchIndex


@pytest.fixture(scope="module")
def release() -> Release:
    return load_release("2026.1")


@pytest.fixture(scope="module")
def index(release: Release) -> SearchIndex:
    return SearchIndex.for_release(release)


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """WORKBENCH_DATA_DIR pointed at an empty folder: imported releases land there."""
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"
