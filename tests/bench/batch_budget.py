"""Where a batch pass spends its time beside msdrg alone, per claim, on bench_batch_ratio's claims.

    .venv/bin/python -m tests.bench.batch_budget [--n 10000] [--rounds 5] [--set typical|24-code]

`bench_batch_ratio` says how far the batch is from >= 0.8 of msdrg alone; this says where the gap is.
In one process and in turns (order swapped each round, CPU seconds, min and median of `--rounds`):

- msdrg alone (`MsdrgGrouper.group`, as the bench) and the batch (`BatchGrouper.rows`, as the bench);
- the native grouper alone (`msdrg_group_json` on the batch's claim texts) and the native editor alone
  (`mce_edit_json`), each answer copied out and freed as the batch does;
- the Python of each side alone: the same passes with every native answer replayed from memory (a
  buffer filled once before the timing), so what is left is the wrapper's validation, JSON and
  decoding for msdrg, and ours for the batch (with the replay's own look-up of each claim text, about
  2 us a claim, counted in ours);
- ours in parts, each over all claims with the native answers given: the claim texts (`_prepare`),
  the row (`_build`: template, severity source, HACs, payment), of the row its scan of the grouper's
  answer for a HAC (the answers' mean and largest size are printed), and the edits (`_add_edits`).

Parts run in tight loops with warm caches, so they add up to less than the passes they come from;
the ratio the parts give (grouper + msdrg's Python against grouper + editor + ours) is printed beside
the measured one. The service's memos are warmed by one pass first, as the bench's median does.
"""

from __future__ import annotations

import argparse
import ctypes
import os
import statistics
import time
from collections.abc import Callable
from typing import Any

import msdrg

from tests.bench.bench_batch_ratio import grouper_claims, stays_of
from tests.support.drg_sample import records, typical_records
from workbench.drg.batch import BatchGrouper
from workbench.drg.service import DrgService


class _Replay:
    """Native answers from memory: the pointer of a buffer holding the answer the library gave for the
    same text (a text not seen, e.g. the editor re-runs of an edit's attribution, goes to the library)."""

    def __init__(self, fn: Any, free: Any) -> None:
        self.fn, self.real_free = fn, free
        self.held: dict[bytes, tuple[int, Any]] = {}
        self.live: set[int] = set()

    def fill(self, ctx: Any, text: bytes) -> None:
        ptr = self.fn(ctx, text)
        buf = ctypes.create_string_buffer(ctypes.string_at(ptr))
        self.real_free(ptr)
        self.held[text] = (ctypes.addressof(buf), buf)

    def __call__(self, ctx: Any, text: bytes) -> int:
        hit = self.held.get(text)
        if hit is not None:
            return hit[0]
        ptr: int = self.fn(ctx, text)
        self.live.add(ptr)
        return ptr

    def free(self, ptr: int) -> None:
        if ptr in self.live:
            self.live.discard(ptr)
            self.real_free(ptr)


class _ReplayLib:
    """What `MsdrgGrouper.group` calls on its library, answered from a `_Replay`."""

    def __init__(self, replay: _Replay) -> None:
        self.replay = replay

    def msdrg_group_json(self, ctx: Any, text: bytes) -> int:
        return self.replay.held[text][0]

    def msdrg_string_free(self, ptr: int) -> None:
        pass


def budget(name: str, recs: list[dict[str, object]], rounds: int) -> None:
    with DrgService() as svc:
        stays = stays_of(recs)
        list(BatchGrouper(svc).rows(stays))  # warm the service's memos (the bench's median does)
        claims = grouper_claims(BatchGrouper(svc), stays)
        prepared: list[Any] = [p for p in map(BatchGrouper(svc)._prepare, stays) if not isinstance(p, dict)]
        gfn, mfn, free = svc._gfn, svc._mfn, svc._free
        gctx, mctx = svc.grouper.ctx, svc.mce.ctx
        g_replay, m_replay = _Replay(gfn, free), _Replay(mfn, free)
        for p in prepared:
            g_replay.fill(gctx, p[3])
            m_replay.fill(mctx, p[2])
        graws = [ctypes.string_at(g_replay.held[p[3]][0]) for p in prepared]
        mraws = [ctypes.string_at(m_replay.held[p[2]][0]) for p in prepared]
        grouper = msdrg.MsdrgGrouper()
        lib = grouper.lib
        string_at = ctypes.string_at
        warm = BatchGrouper(svc)
        built = [warm._build(p[0], p[1], g) for p, g in zip(prepared, graws, strict=True)]

        def msdrg_alone() -> None:
            for c in claims:
                grouper.group(c)  # type: ignore[arg-type]

        def batch() -> None:
            list(BatchGrouper(svc).rows(stays))

        def native(fn: Any, ctx: Any, at: int) -> Callable[[], None]:
            def run() -> None:
                for p in prepared:
                    ptr = fn(ctx, p[at])
                    string_at(ptr)
                    free(ptr)
            return run

        def msdrg_python() -> None:
            grouper.lib = _ReplayLib(g_replay)  # type: ignore[assignment]
            try:
                msdrg_alone()
            finally:
                grouper.lib = lib

        def our_python() -> None:
            svc._gfn, svc._mfn, svc._free = g_replay, m_replay, g_replay.free  # type: ignore[assignment]
            try:
                batch()
            finally:
                svc._gfn, svc._mfn, svc._free = gfn, mfn, free

        def claim_texts() -> None:
            b = BatchGrouper(svc)
            for s in stays:
                b._prepare(s)

        def rows() -> None:
            for p, g in zip(prepared, graws, strict=True):
                warm._build(p[0], p[1], g)

        def hac_scan() -> None:  # the row's look for a HAC, past the claim-level fields (`_build`)
            for g in graws:
                g.find(b'"HAC_CRITERIA_MET"', g.find(b',"pdx_output":'))

        def edits() -> None:
            for p, m, row in zip(prepared, mraws, built, strict=True):
                if m.find(b'"edits":[]') < 0:
                    warm._add_edits(row, p[0], p[1], p[2], m)

        passes: dict[str, Callable[[], None]] = {
            "msdrg alone": msdrg_alone, "batch": batch,
            "  native grouper": native(gfn, gctx, 3), "  native editor": native(mfn, mctx, 2),
            "  msdrg's Python (replayed)": msdrg_python, "  our Python (replayed)": our_python,
            "    claim texts": claim_texts, "    rows": rows, "      of which the HAC scan": hac_scan,
            "    edits": edits}
        times: dict[str, list[float]] = {k: [] for k in passes}
        for r in range(rounds):
            for k, fn in (list(passes.items()) if r % 2 == 0 else list(passes.items())[::-1]):
                t = time.process_time()
                fn()
                times[k].append(time.process_time() - t)
        grouper.close()
    n = len(stays)
    print(f"{name}: {n:,} stays, {len(claims):,} claims; us a claim, min / median of {rounds} "
          f"(load {os.getloadavg()[0]:.2f})")
    sizes = sorted(map(len, graws))
    print(f"  the grouper's answer: mean {sum(sizes) / len(sizes):,.0f} bytes, max {sizes[-1]:,}; "
          f"the editor's mean {sum(map(len, mraws)) / len(mraws):,.0f}")
    for k, v in times.items():
        print(f"  {k:30s} {min(v) / n * 1e6:7.1f} / {statistics.median(v) / n * 1e6:7.1f}")
    lo = {k: min(v) for k, v in times.items()}
    parts = ((lo["  native grouper"] + lo["  msdrg's Python (replayed)"])
             / (lo["  native grouper"] + lo["  native editor"] + lo["  our Python (replayed)"]))
    print(f"  ratio measured {lo['msdrg alone'] / lo['batch']:.3f} (min) / "
          f"{statistics.median(times['msdrg alone']) / statistics.median(times['batch']):.3f} (median); "
          f"from the parts {parts:.3f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--set", choices=("typical", "24-code"), action="append")
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} CPUs shared; load {os.getloadavg()[0]:.2f}")
    for name in args.set or ("typical", "24-code"):
        recs = list(typical_records(args.n, seed=3) if name == "typical"
                    else records(args.n, seed=3, max_dx=24, max_px=6))
        budget(name, recs, args.rounds)


if __name__ == "__main__":
    main()
