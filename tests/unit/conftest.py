"""Fixtures the unit tests share: the built-in release and its search index (built once per test module,
as each module did for itself), the checker on the real grouper (once per module), and a private data
folder for release imports."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from codesets.release.core import Release, load_release
from codesets.search.engine import SearchIndex
from workbench.checks.checker import Checker
from workbench.drg.service import DrgService


@pytest.fixture(scope="module")
def release() -> Release:
    return load_release("2026.1")


@pytest.fixture(scope="module")
def index(release: Release) -> SearchIndex:
    return SearchIndex.for_release(release)


@pytest.fixture(scope="module")
def checker() -> Iterator[Checker]:
    with DrgService() as svc, Checker(None, svc) as c:
        yield c


@pytest.fixture
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """WORKBENCH_DATA_DIR pointed at an empty folder: imported releases land there."""
    monkeypatch.setenv("WORKBENCH_DATA_DIR", str(tmp_path / "data"))
    return tmp_path / "data"
