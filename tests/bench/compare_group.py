"""Compare `workbench group` at another revision with the current tree: same file, runs interleaved.

Run: .venv/bin/python -m tests.bench.compare_group REV FILE [--runs 5] [--cpu 0]
Speed on a shared VM drifts by a few percent over minutes, so one revision timed after the other can
show a gain that is only drift; alternating the two cancels it. Prints each median and the gain, and
whether the two outputs are byte for byte the same. REV is checked out in a temporary git worktree.
"""

from __future__ import annotations

import argparse
import filecmp
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("rev", help="the revision to compare with (commit, tag, branch)")
    ap.add_argument("file", help="interchange JSON Lines file to group")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cpu", default="0", help="core to pin to (taskset -c); 'none': unpinned")
    args = ap.parse_args()
    src = str(Path(args.file).resolve())
    pin = ["taskset", "-c", args.cpu] if args.cpu != "none" and shutil.which("taskset") else []
    with tempfile.TemporaryDirectory() as tmp:
        old = Path(tmp) / "old"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(old), args.rev],
                       check=True)
        try:
            # Run from each tree's root: the interpreter puts the working folder first on the path.
            sides = {"old": (old, Path(tmp) / "old.out"), "new": (ROOT, Path(tmp) / "new.out")}
            times: dict[str, list[float]] = {"old": [], "new": []}
            for i in range(args.runs + 1):  # the first round warms caches and is not counted
                for name, (tree, out) in sides.items():
                    t = time.perf_counter()
                    cmd = [*pin, sys.executable, "-m", "workbench.cli", "group", src, "--out", str(out)]
                    subprocess.run(cmd, cwd=tree, check=False)
                    if i:
                        times[name].append(time.perf_counter() - t)
            a, b = statistics.median(times["old"]), statistics.median(times["new"])
            same = filecmp.cmp(sides["old"][1], sides["new"][1], shallow=False)
            print(f"{args.rev}: median {a:.2f} s   current tree: median {b:.2f} s   "
                  f"gain {(a / b - 1) * 100:+.1f}%   ({args.runs} runs each, interleaved"
                  f"{', core ' + args.cpu if pin else ''}); outputs {'identical' if same else 'DIFFER'}")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(old)], check=False)


if __name__ == "__main__":
    main()
