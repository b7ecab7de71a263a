"""Suggestion quality on the demo set's answer keys, and scan time of a 20-page record.

    .venv/bin/python tests/bench/bench_suggest.py [--show] [--runs 5]

Quality: every demo encounter is scanned as it comes (uncoded), so every answer-key code is "not yet
coded". A suggestion of kind "code" counts; "query" suggestions are reported apart (they are not
claims that the code applies). Precision = right codes / codes suggested; recall = key codes
suggested / key codes. Timing: the demo documents concatenated to at least 20 pages (3,000
characters a page), scanned from a cold phrase cache, median of --runs.
"""

from __future__ import annotations

import argparse
import statistics
import time


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true", help="list misses and wrong suggestions")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()

    from codesets.release import load_release
    from codesets.search import SearchIndex
    from workbench.demo import answer_keys, demo_encounters
    from workbench.drg import DrgService
    from workbench.encounter import Document, Encounter
    from workbench.scan import Scanner
    from workbench.suggest import suggest

    release = load_release("2026.1")
    index = SearchIndex.for_release(release)
    encs = demo_encounters()
    keys = answer_keys()
    tp = fp = fn = queries = 0
    lines: list[str] = []
    t0 = time.perf_counter()
    with DrgService() as svc:
        for enc in encs:
            key = keys[enc.account]
            want = {d.code for d in key.diagnoses} | {p.code for p in key.procedures}
            want -= {d.code for d in enc.diagnoses} | {p.code for p in enc.procedures}
            sugs = suggest(enc, release=release, index=index, drg_service=svc)
            got = {s.code for s in sugs if s.kind == "code"}
            queries += sum(s.kind == "query" for s in sugs)
            tp += len(got & want)
            fp += len(got - want)
            fn += len(want - got)
            if args.show:
                for s in sugs:
                    if s.code not in want:
                        lines.append(f"  {key.case:22} {s.kind:5} extra {s.code:8} {s.title[:50]!r:52} "
                                     f"<- {s.evidence.phrase!r} [{s.evidence.text[:70]}]")
                for c in sorted(want - got):
                    ev = next((d.evidence for d in (*key.diagnoses, *key.procedures) if d.code == c), "")
                    lines.append(f"  {key.case:22}       MISS  {c:8} {ev[:100]!r}")
    total_s = time.perf_counter() - t0
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    print(f"demo set: {len(encs)} encounters, {tp + fn} key codes not yet coded, {tp + fp} code suggestions, "
          f"{queries} query suggestions ({total_s:.1f} s with DRG what-ifs)")
    print(f"precision {p:.3f}  recall {r:.3f}  (tp {tp}, fp {fp}, fn {fn})")
    if lines:
        print("\n".join(lines))

    docs: list[Document] = []
    chars = 0
    while chars < 20 * 3000:
        for enc in encs:
            for d in enc.documents:
                docs.append(d)
                chars += len(d.text)
            if chars >= 20 * 3000:
                break
    big = Encounter(account="20-pages", documents=docs)
    times = []
    for _ in range(args.runs):
        Scanner.for_index(index).clear_cache()  # a cold phrase cache each run
        t = time.perf_counter()
        n = len(suggest(big, index=index))
        times.append((time.perf_counter() - t) * 1000)
    print(f"20-page record ({len(docs)} documents, {chars:,} characters): scan + suggestions median "
          f"{statistics.median(times):.0f} ms over {args.runs} runs "
          f"(min {min(times):.0f}, max {max(times):.0f}), "
          f"{n} suggestions")


if __name__ == "__main__":
    main()
