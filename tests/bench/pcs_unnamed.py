"""Walk every ICD-10-PCS table of a release and list the axis values with no usable name (empty, the bare
character, a placeholder), by table, as the table builder would show them.

    WORKBENCH_DATA_DIR=... .venv/bin/python -m tests.bench.pcs_unnamed [--release 2026.1]
"""

from __future__ import annotations

import argparse

from codesets.release.core import load_release
from tests.support.pcs_names import meaningless


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--release", default="2026.1")
    rel = load_release(ap.parse_args().release)
    bad = meaningless(rel)
    count = sum(map(len, bad.values()))
    print(f"{count} values without a name in {len(bad)} of {len(rel.pcs_tables())} tables")
    for table, values in sorted(bad.items()):
        print(f"  {table} {len(values):>3}  {' '.join(values)}")


if __name__ == "__main__":
    main()
