"""The interchange file a command reads (`check`, `suggest`, `group`): one way to name it, refuse a missing
file, report each line that cannot be read (file, line, field) on standard error and count them."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass

from workbench.commands._common import BAD_INPUT
from workbench.model.encounter import Encounter


@dataclass
class InterchangeInput:
    command: str
    path: str  # "-" reads standard input
    bad: int = 0  # lines that could not be read so far

    @property
    def name(self) -> str:
        return "standard input" if self.path == "-" else self.path

    def say(self, message: str) -> None:
        print(f"workbench {self.command}: {message}", file=sys.stderr)

    def missing(self) -> bool:
        """True (and says so) when the file does not exist."""
        if self.path != "-" and not os.path.isfile(self.path):
            self.say(f"{self.path}: no such file")
            return True
        return False

    def encounters(self) -> Iterator[Encounter]:
        """The encounters that can be read; every other line is reported and counted, never guessed at.

        Raises UnicodeDecodeError when the file is not UTF-8 (`not_utf8` reports it)."""
        from workbench.interchange.reader import read_file

        for parsed in read_file(self.path):
            if parsed.encounter is None:
                self.bad += 1
                self.say(f"{self.name} {parsed.error}")
            else:
                yield parsed.encounter

    def not_utf8(self, error: UnicodeDecodeError) -> int:
        self.say(f"{self.name}: not UTF-8 text ({error.reason})")
        return BAD_INPUT

    def report_bad(self, outcome: str) -> bool:
        """Say how many lines could not be read ("... and were not checked"); True when there were some."""
        if self.bad:
            self.say(f"{self.bad} line(s) could not be read{outcome}")
        return bool(self.bad)
