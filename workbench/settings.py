"""User settings: one typed model read from `config.toml` in the config folder.

Environment variables override the file (`WORKBENCH_BASE_RATE`, `WORKBENCH_HAC_STATUS`), so a
shared server can set hospital values once. A bad file is reported with its path and key.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from codesets.paths import config_dir
from workbench.drg.base import HOSPITAL_STATUSES


class SettingsError(ValueError):
    """The config file is unreadable or holds a wrong value."""


@dataclass
class Settings:
    base_rate: float | None = None
    """Operating base rate in dollars; expected payment = weight x base rate. Unset: weight only."""
    hac_status: str = "NOT_EXEMPT"
    """Hospital's HAC/POA reporting status for the grouper: NOT_EXEMPT, EXEMPT or UNKNOWN."""
    keymap: dict[str, str] = field(default_factory=dict)
    """Binding id -> keys (comma separated), applied with Textual's App.set_keymap."""
    theme: str = "textual-dark"
    """Textual theme name; ANSI themes (e.g. textual-ansi) suit 16-colour terminals."""
    coder: str | None = None
    """Name shown for the coder; default is the Unix login name."""
    path: Path | None = None
    """The file these settings were read from, if any."""


def config_file() -> Path:
    return config_dir() / "config.toml"


def _float(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise SettingsError(f"{where} must be a positive number of dollars (got {value!r})")
    return float(value)


def load_settings(path: Path | None = None) -> Settings:
    """Read the config file (missing file: defaults), then environment overrides."""
    path = path or config_file()
    s = Settings()
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as e:
            raise SettingsError(f"{path}: cannot read settings ({e})") from None
        s.path = path
        hospital = data.get("hospital", {})
        if not isinstance(hospital, dict):
            raise SettingsError(f"{path}: [hospital] must be a table")
        if "base_rate" in hospital:
            s.base_rate = _float(hospital["base_rate"], f"{path}: hospital.base_rate")
        if "hac_status" in hospital:
            s.hac_status = str(hospital["hac_status"]).upper()
        keymap = data.get("keymap", {})
        if not isinstance(keymap, dict) or not all(isinstance(v, str) for v in keymap.values()):
            raise SettingsError(
                f'{path}: [keymap] must map binding ids to keys, e.g. "coding.principal" = "p"'
            )
        s.keymap = dict(keymap)
        ui = data.get("ui", {})
        if isinstance(ui, dict) and isinstance(ui.get("theme"), str):
            s.theme = ui["theme"]
        if isinstance(ui, dict) and isinstance(ui.get("coder"), str):
            s.coder = ui["coder"]
    env_rate = os.environ.get("WORKBENCH_BASE_RATE")
    if env_rate:
        try:
            s.base_rate = _float(float(env_rate), "WORKBENCH_BASE_RATE")
        except ValueError:
            raise SettingsError(f"WORKBENCH_BASE_RATE must be a number (got {env_rate!r})") from None
    if os.environ.get("WORKBENCH_HAC_STATUS"):
        s.hac_status = os.environ["WORKBENCH_HAC_STATUS"].upper()
    if s.hac_status not in HOSPITAL_STATUSES:
        raise SettingsError(f"{path}: hospital.hac_status must be one of {', '.join(HOSPITAL_STATUSES)} "
                            f"(got {s.hac_status!r})")
    return s
