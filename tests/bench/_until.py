"""Waiting on a condition in the benchmarks' app processes (imported beside them: they run as scripts)."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any


async def until(pilot: Any, cond: Callable[[], object], limit: float, step: float) -> None:
    """Poll `cond` every `step` seconds until it holds; TimeoutError after `limit` seconds."""
    end = time.perf_counter() + limit
    while not cond():
        if time.perf_counter() > end:
            raise TimeoutError("condition not reached")
        await pilot.pause(step)
