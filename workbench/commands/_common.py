"""What the commands share: exit codes, the release options, and the DRG service from the settings.

Heavy modules are imported inside the functions so that `workbench --help` and the light commands
start without loading the grouper.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workbench.drg.service import DrgService
    from workbench.settings import Settings

OK = 0
BLOCKED = 1
"""`workbench check`: some encounter has a blocking finding."""
BAD_INPUT = 2
"""The input (a file, a line of it, an option) is wrong; the message on standard error says where."""


def add_release_options(p: argparse.ArgumentParser, date_metavar: str = "YYYY-MM-DD",
                        date_help: str = "discharge date (picks the release)") -> None:
    """--release R or --date D (one of them): which code-set release a command reads."""
    which = p.add_mutually_exclusive_group()
    which.add_argument("--release", metavar="R", help="code-set release, e.g. 2026.1")
    which.add_argument("--date", metavar=date_metavar, help=date_help)


def settings_or_defaults() -> Settings:
    """The user's settings; the defaults when the file cannot be read (the batch commands still run,
    `workbench config` and the app report the problem)."""
    from workbench.settings import Settings, SettingsError, load_settings

    try:
        return load_settings()
    except SettingsError:
        return Settings()


def drg_service(base_rate: float | None = None) -> DrgService:
    """The DRG service of the settings (base rate and HAC status); `base_rate` overrides the settings'."""
    from workbench.drg.service import service_from_settings

    return service_from_settings(settings_or_defaults(), base_rate)
