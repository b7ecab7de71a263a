"""Suggestion quality on the demo set's answer keys, and scan time of a 20-page record.

    .venv/bin/python -m tests.bench.bench_suggest [--show] [--runs 20]

Quality: every demo encounter is scanned as it comes (uncoded), so every answer-key code is "not yet
coded". A suggestion of kind "code" counts; "query" suggestions are reported apart (they are not
claims that the code applies). Precision = right codes / codes suggested; recall = key codes
suggested / key codes. Timing: the demo documents concatenated to at least 20 pages (3,000
characters a page). The one-off cost is the scanner's word lists read off a loaded release's index
(paid by the first scan after the release loads, off the UI thread in the app): built from the index the
first time a release and version are used, then read back from the release's folder (sides_cache.py);
both are shown (with the search answers of the abbreviation table's keys and the release's own anchor
words: stored_answers.py, built once per release, version and table, kept like the word lists; no
record's words are in them, so a "cold" scan keeps them too). Each timed scan is the
first scan of that record: "cold process" starts from empty caches (no record read before in the
process: the worst case, median and p95 of --runs); "in a session" first reads the 146 records of
tests/tuning (other patients, other authors, no document in common with the 20-page record), as an
app session keeps the scanner's phrase and word caches from chart to chart (workbench/record/
search_cache.py), then times the 20-page record's first scan. A rescan of the same record (the pane
rescans after each regrouping) is shown apart.
Targets (issue 9): precision >= 0.8, recall >= 0.7, a 20-page record in <= 200 ms; the whole app
under 150 MB RSS with a release loaded (tests/bench/bench_app.py measures the app itself).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path
from typing import Any


def rss_mb() -> tuple[float, float]:
    """Resident memory now and at its peak, MB."""
    got = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(("VmRSS:", "VmHWM:")):
            got[line[:5]] = int(line.split()[1]) / 1024
    return got.get("VmRSS", float("nan")), got.get("VmHWM", float("nan"))


def other_records() -> list[object]:
    """The tuning records (tests/tuning/*.jsonl): other patients' charts an app session reads first."""
    from workbench.interchange.reader import encounter_from_record

    out: list[object] = []
    # the encounter records (procedure_dates_tuning holds sentences, not charts)
    for f in [*sorted((Path(__file__).resolve().parents[1] / "tuning").glob("conventions_tuning*.jsonl")),
              *sorted((Path(__file__).resolve().parents[1] / "tuning").glob("summaries_tuning*.jsonl"))]:
        out += [encounter_from_record(json.loads(line)) for line in f.read_text(encoding="utf-8").splitlines()
                if line.strip()]
    return out


def twenty_pages(encs: list[Any]) -> Any:
    """The 20-page record the scan is timed on (and suggest_snapshot compares): the demo's documents in
    turn until 20 pages of 3,000 characters."""
    from workbench.model.encounter import Document, Encounter

    docs: list[Document] = []
    chars = 0
    while chars < 20 * 3000:
        for enc in encs:
            for d in enc.documents:
                docs.append(d)
                chars += len(d.text)
            if chars >= 20 * 3000:
                break
    return Encounter(account="20-pages", documents=docs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--show", action="store_true", help="list misses and wrong suggestions")
    ap.add_argument("--runs", type=int, default=20)
    args = ap.parse_args()

    from codesets.release.core import load_release
    from codesets.search.engine import SearchIndex
    from workbench.demo import answer_keys, demo_encounters
    from workbench.drg.service import DrgService
    from workbench.record.scanner import Scanner
    from workbench.record.suggest import suggest

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

    big = twenty_pages(encs)
    docs = big.documents
    chars = sum(len(d.text) for d in docs)
    rss_loaded = rss_mb()[0]  # release, search index, grouper, demo set scanned once

    from workbench.record import stored_answers
    from workbench.record.lexicon import second_sides

    t = time.perf_counter()
    second_sides(index.data)  # what the first use of a release and version pays once
    built_ms = (time.perf_counter() - t) * 1000
    t = time.perf_counter()
    scanner = Scanner.for_index(index)
    stored_answers.build(index, scanner._ask, scanner._stored_anchor)  # and the stored answers
    shorthand_ms = (time.perf_counter() - t) * 1000
    builds, firsts = [], []
    for _ in range(3):
        Scanner._by_index.clear()  # as just after the release loads
        t = time.perf_counter()
        scanner = Scanner.for_index(index)
        builds.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        suggest(big, index=index)
        firsts.append(builds[-1] + (time.perf_counter() - t) * 1000)
    others = other_records()
    ours = {d.text for d in docs}
    assert not any(d.text in ours for e in others for d in e.documents)  # type: ignore[attr-defined]
    times, rescans, session = [], [], []
    cpu_cold, cpu_session = [], []  # CPU seconds of this process: less moved by the other sessions' load
    searches = cold_searches = 0
    for _ in range(args.runs):
        scanner.clear_cache()  # a fresh process: no record read before, every cache empty
        t, c = time.perf_counter(), time.process_time()
        n = len(suggest(big, index=index))
        times.append((time.perf_counter() - t) * 1000)
        cpu_cold.append((time.process_time() - c) * 1000)
        cold_searches = len(scanner._results)
        t = time.perf_counter()
        suggest(big, index=index)
        rescans.append((time.perf_counter() - t) * 1000)
        scanner.clear_cache()  # a session that has read other charts, then this one for the first time
        for e in others:
            suggest(e, index=index)  # type: ignore[arg-type]
        before = len(scanner._results)
        t, c = time.perf_counter(), time.process_time()
        suggest(big, index=index)
        session.append((time.perf_counter() - t) * 1000)
        cpu_session.append((time.process_time() - c) * 1000)
        searches += len(scanner._results) - before  # phrases the index was asked (the cache holds all)
    rss, peak = rss_mb()

    def p95(xs: list[float]) -> float:
        xs = sorted(xs)
        return xs[min(len(xs) - 1, round(0.95 * (len(xs) - 1)))]

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {os.cpu_count()} CPUs (shared), load average {load:.2f} at the end")
    print(f"20-page record ({len(docs)} documents, {chars:,} characters, {n} suggestions), first scan + "
          f"suggestions without DRG, target <= 200 ms, over {args.runs} runs:")
    print(f"  cold process (every cache empty): median {statistics.median(times):.0f} ms, "
          f"p95 {p95(times):.0f} ms (min {min(times):.0f}, max {max(times):.0f}), CPU median "
          f"{statistics.median(cpu_cold):.0f} ms; {cold_searches} searches")
    print(f"  in a session, after {len(others)} other records: median {statistics.median(session):.0f} ms, "
          f"p95 {p95(session):.0f} ms (min {min(session):.0f}, max {max(session):.0f}), CPU median "
          f"{statistics.median(cpu_session):.0f} ms; "
          f"{searches // args.runs} searches, the other {cold_searches - searches // args.runs} answered "
          "from the cache")
    print(f"one-off per release (scanner word lists, stored answers): median "
          f"{statistics.median(builds):.0f} ms read from the release's folder ({built_ms:.0f} + "
          f"{shorthand_ms:.0f} ms built from the index, once per release, version and abbreviation table); "
          f"first scan after the release loads, build included: median {statistics.median(firsts):.0f} ms")
    print(f"rescan of the same record (documents cached): median {statistics.median(rescans):.0f} ms")
    print(f"RSS {rss:.0f} MB (peak {peak:.0f} MB; {rss_loaded:.0f} MB before the timed scans): this process "
          f"holds the release, search index, grouper and scanner")


if __name__ == "__main__":
    main()
