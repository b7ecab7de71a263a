"""The ICD-10-PCS Body Part Key and Device Key, read from a release's PCS Index "use" entries.

    keys = PcsKeys.from_release(rel)
    keys.body_part("Internal Iliac Artery, Right")   # ("Inferior vesical artery", "Obturator artery", ...)
    keys.device("Zooplastic Tissue", "Heart and Great Vessels")   # ("3f (Aortic) Bioprosthesis valve", ...)

The Index lists each anatomical or device term with "use <PCS value>" (Body Part Key) or
"use <device value> in <body system>" (Device Key); the builder shows them beside the values.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

_lock = threading.Lock()
_cache: dict[tuple[str, str], PcsKeys] = {}


def _norm(name: str) -> str:
    return " ".join(name.lower().replace("(", " ").replace(")", " ").split())


@dataclass
class PcsKeys:
    """Terms that `use` a PCS value, by the value's name (lower case) and, for devices, body system."""

    by_value: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_device: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def for_release(cls, release: Any) -> PcsKeys:
        """The keys of a release, read once per release file and process."""
        key = (str(getattr(release, "path", id(release))), str(getattr(release, "id", "")))
        with _lock:
            if key not in _cache:
                _cache[key] = cls.from_release(release)
            return _cache[key]

    @classmethod
    def from_release(cls, release: Any) -> PcsKeys:
        keys = cls()
        try:
            terms = list(release.index_terms("pcs_index"))
        except (AttributeError, NotImplementedError):
            return keys
        for t in terms:
            see = t.see or ""
            if not see.startswith("use ") or not t.path:
                continue
            term = t.path[-1] if len(t.path) == 1 else ", ".join(t.path)
            value = see[4:].strip()
            name, sep, system = value.rpartition(" in ")
            if sep and name:
                keys.by_device[(_norm(name), _norm(system))].append(term)
            keys.by_value[_norm(value)].append(term)
        return keys

    def body_part(self, meaning: str) -> tuple[str, ...]:
        """Anatomical terms the Body Part Key sends to this body part value."""
        return tuple(dict.fromkeys(self.by_value.get(_norm(meaning), ())))

    def device(self, meaning: str, body_system: str = "") -> tuple[str, ...]:
        """Device names the Device Key sends to this device value (in that body system when given)."""
        found = list(self.by_device.get((_norm(meaning), _norm(body_system)), ()))
        if not found:
            want = _norm(meaning)
            found = [t for (name, _), terms in self.by_device.items() if name == want for t in terms]
        return tuple(dict.fromkeys(found))
