"""The search tuning sets name only codes the release knows (a typo in an expected code would make a
query look like a miss, or a hit, for the wrong reason)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["search_eval.tsv", "search_tuning_pcs.tsv", "search_tuning_cm.tsv",
                                  "search_tuning_cm2.tsv", "search_tuning_pcs2.tsv",
                                  "search_tuning_pcs3.tsv", "search_tuning_pcs4.tsv",
                                  "search_tuning_pcs5.tsv", "search_tuning_pcs6.tsv",
                                  "search_tuning_cm3.tsv", "search_tuning_pcs7.tsv",
                                  "search_tuning_pcs8.tsv", "search_tuning_pcs9.tsv",
                                  "search_tuning_pcs10.tsv",
                                  "search_tuning_cm4.tsv", "search_tuning_pcs11.tsv",
                                  "search_tuning_pcs12.tsv", "search_tuning_pcs13.tsv",
                                  "search_tuning_pcs14.tsv", "search_tuning_pcs15.tsv",
                                  "search_tuning_pcs16.tsv", "search_tuning_pcs17.tsv",
                                  "search_tuning_cm5.tsv", "search_tuning_pcs18.tsv",
                                  "search_tuning_pcs19.tsv", "search_tuning_cm6.tsv",
                                  "search_tuning_cm7.tsv", "search_tuning_pcs20.tsv",
                                  "search_tuning_cm8.tsv", "search_tuning_pcs21.tsv",
                                  "search_tuning_pcs22.tsv", "search_tuning_cm9.tsv",
                                  "search_tuning_pcs23.tsv", "search_tuning_cm10.tsv",
                                  "search_tuning_pcs24.tsv", "search_tuning_cm11.tsv",
                                  "search_tuning_pcs25.tsv", "search_tuning_pcs26.tsv"])
def test_every_expected_code_exists(name: str) -> None:
    from codesets.release.core import load_release

    rel = load_release("2026.1")
    bad = []
    for n, line in enumerate((ROOT / "tests" / name).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        query, codes, _kind = line.split("\t")
        bad += [f"line {n} {query!r}: {c}" for c in codes.split() if rel.pcs(c) is None and rel.cm(c) is None]
    assert not bad
