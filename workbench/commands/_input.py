"""The interchange file a command reads (`check`, `suggest`, `group`): one way to name it, refuse a missing
file, report each line that cannot be read (file, line, field) on standard error and count them."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from workbench.commands._common import BAD_INPUT
from workbench.model.encounter import Encounter


def add_file_command(sub: argparse._SubParsersAction, name: str, help: str,
                     run: Callable[[argparse.Namespace, InterchangeInput], int]) -> None:
    """A command that reads an interchange file: the file (or -) and --json (one JSON line per encounter).
    `run` gets the file as an InterchangeInput; a file that does not exist is reported before."""
    p = sub.add_parser(name, help=help)
    p.add_argument("file", help="interchange JSON Lines file, or - for standard input")
    p.add_argument("--json", action="store_true", help="one JSON line per encounter")

    def func(args: argparse.Namespace) -> int:
        source = InterchangeInput(name, args.file)
        return BAD_INPUT if source.missing() else run(args, source)

    p.set_defaults(func=func)


def json_line(account: str, key: str, items: list[dict[str, Any]]) -> str:
    """`{"account": ..., key: items}` and a newline: the --json output of `check` and `suggest`."""
    return json.dumps({"account": account, key: items}, ensure_ascii=False) + "\n"


@dataclass
class InterchangeInput:
    command: str
    path: str  # "-" reads standard input
    bad: int = 0  # lines that could not be read so far
    line: int = 0  # the line of the encounter `encounters` yielded last

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
            self.line = parsed.line
            if parsed.encounter is None:
                self.bad += 1
                self.say(f"{self.name} {parsed.error}")
            else:
                yield parsed.encounter

    def each(self, visit: Callable[[Encounter], None]) -> int | None:
        """Call `visit` with every encounter that can be read; BAD_INPUT (said) when the file is not
        UTF-8, else None."""
        try:
            for enc in self.encounters():
                visit(enc)
        except UnicodeDecodeError as e:
            return self.not_utf8(e)
        return None

    def bad_line(self, message: str) -> None:
        """Report (and count) the encounter just read as one that cannot be processed."""
        self.bad += 1
        self.say(f"{self.name} line {self.line}: {message}")

    def not_utf8(self, error: UnicodeDecodeError) -> int:
        self.say(f"{self.name}: not UTF-8 text ({error.reason})")
        return BAD_INPUT

    def report_bad(self, outcome: str) -> bool:
        """Say how many lines could not be read ("... and were not checked"); True when there were some."""
        if self.bad:
            self.say(f"{self.bad} line(s) could not be read{outcome}")
        return bool(self.bad)
