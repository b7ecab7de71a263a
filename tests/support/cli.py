"""Running the `workbench` command line in-process, as the functional tests do."""

from __future__ import annotations

from typing import Any

from workbench.cli import main


def run_cli(capsys: Any, *argv: object) -> tuple[int, str, str]:
    """`workbench ARGV...`: its exit status, stdout and stderr. A traceback is never a user's answer."""
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err
