"""codesets and every non-UI workbench module import without Textual (checked in a fresh interpreter)."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _modules() -> list[str]:
    import codesets
    import workbench

    names = ["codesets", "workbench"]
    for pkg in (codesets, workbench):
        for info in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            if info.name.startswith("workbench.tui.") and info.name not in (
                    "workbench.tui.keymap", "workbench.tui.queue_filter"):
                continue  # the UI itself (the listed plain modules of the UI package are checked too)
            if info.name == "workbench.commands.app":
                continue  # imports the UI lazily, inside run_app
            names.append(info.name)
    return names


def test_no_textual_outside_the_ui() -> None:
    names = _modules()
    code = (
        "import importlib, json, sys\n"
        f"names = {names!r}\n"
        "bad, broken = {}, {}\n"
        "for n in names:\n"
        "    try:\n"
        "        importlib.import_module(n)\n"
        "    except Exception as e:\n"
        "        broken[n] = f'{type(e).__name__}: {e}'\n"
        "        continue\n"
        "    loaded = sorted(m for m in sys.modules if m == 'textual' or m.startswith('textual.'))\n"
        "    if loaded:\n"
        "        bad[n] = loaded[:3]\n"
        "        break\n"
        "print(json.dumps([bad, broken]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    bad, broken = json.loads(out.stdout.strip().splitlines()[-1])
    assert bad == {}, f"a non-UI module imported textual (first one, with what it loaded): {bad}"
    assert broken == {}, f"modules that do not import: {broken}"
    assert {"workbench.store.core", "codesets.search.engine", "workbench.drg.service"} <= set(names)


def test_a_command_loads_only_its_own_module_and_help_lists_them_all() -> None:
    """`workbench group ...` starts without importing the other commands (their shared `_common` aside;
    a quicker start on a slow machine); `workbench --help`, a global option before the command, and a
    mistyped command still see every command."""
    code = (
        "import sys\n"
        "from workbench import cli\n"
        "for argv in (['group', 'x'], ['--db', 'a.json', 'group', 'x'], ['--db=a.json', 'group', 'x']):\n"
        "    cli.build_parser(cli._command_named(argv)).parse_args(argv)\n"
        "print(sorted(m for m in sys.modules if m.startswith('workbench.commands.')\n"
        "             and not m.startswith('workbench.commands._')))\n"  # _common: shared by all
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "['workbench.commands.group']"
    helped = subprocess.run([sys.executable, "-m", "workbench.cli", "--help"], capture_output=True, text=True,
                            cwd=ROOT)
    for name in ("codesets", "code", "search", "group", "db", "import", "export", "apply", "demo", "check",
                 "suggest", "config"):
        assert f"\n    {name} " in helped.stdout, name
    typo = subprocess.run([sys.executable, "-m", "workbench.cli", "grop"], capture_output=True, text=True,
                          cwd=ROOT)
    assert typo.returncode == 2 and "invalid choice: 'grop'" in typo.stderr and "'group'" in typo.stderr
