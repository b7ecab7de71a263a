"""Chart-coding benchmark: Pilot drives the real app through five demo charts as a coder codes them
(medical, surgical, sepsis with ventilation, delivery, suggestions-driven) and reports the keys and
the app's seconds per chart, and the app time of every step. Prints figures; not a pass/fail test.

    .venv/bin/python -m tests.bench.bench_flow [--runs 3] [--plan new|old] [--root PATH] [--steps] [--cpu]

Each chart starts on the queue: find the patient, open the chart, read it (a 1.5 s pause, its CPU
reported apart: the app may work in pauses), code it to its answer key, mark it coded and go back. A
step is one coder action (open a chart, add one code, accept the suggestions); its app time runs from
the first key until the app has settled (workers done, screen idle, its frame painted), with Pilot's
own pauses between keys included, so the figures are an upper bound. `--cpu` adds the main thread's
CPU per step and per step's costliest key: the figures the load of other processes moves least.
Keys are counted as typed: a letter, Enter, Escape or ctrl+u each count one.

`--plan old` types what the workbench before #16 needed (Enter in the queue filter only moved to the
table, the search kept focus after an add, procedure dates were typed over the admission date, no
suggestion acceptance with POA); `--root /path/to/checkout` runs another checkout's code, so the
"before" figures come from `--root <main before #16> --plan old`. Targets: median <= 40 keys per
chart, every step <= 100 ms of app time. At the end each chart's coding is compared with its answer
key (codes, POA, dates), so a plan that skips work cannot look fast.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.support.keys import key_event, split_keys

ARGS = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
ARGS.add_argument("--runs", type=int, default=3)
ARGS.add_argument("--plan", choices=("new", "old"), default="new")
ARGS.add_argument("--steps", action="store_true", help="print every step's slowest-key time")
ARGS.add_argument("--cpu", action="store_true",
                  help="also the main thread's CPU time per step (the event loop's own work: what a quiet "
                       "machine's coder waits for; the load of other processes does not count)")
ARGS.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2],
                  help="checkout whose code runs (default: this one)")

# (label, account, queue filter, kind). The answer keys give the codes; the plans decide the keys: the
# old plan searches every code; the new one accepts what the suggestions offer, then searches the rest.
CHARTS = (
    ("medical: pneumonia, hyponatremia", "40562544", "william", "search"),
    ("surgical: lap cholecystectomy", "46984897", "46984897", "search"),
    ("sepsis, shock, ventilation", "40720680", "40720680", "search"),
    ("delivery with laceration", "44568929", "44568929", "search"),
    ("suggestions: CHF", "47477539", "47477539", "suggestions"),
)


@dataclass
class Chart:
    label: str
    keys: int = 0
    seconds: float = 0.0
    steps: list[tuple[str, float]] = field(default_factory=list)
    responses: list[tuple[str, float]] = field(default_factory=list)
    """Per step, its slowest key's response: key sent -> the last frame the app wrote for it."""
    cpu: list[tuple[str, float]] = field(default_factory=list)
    """Per step, the main thread's CPU seconds (the event loop: compose, styles, layout, frames)."""
    key_cpu: list[tuple[str, float]] = field(default_factory=list)
    """Per step, its costliest key's main-thread CPU seconds (key sent -> settled and painted): the
    step's app time as a quiet machine would show it, which the load of other processes moves least."""
    mismatch: str = ""
    idle_cpu: float = 0.0
    """Main-thread CPU while the coder reads the chart (no key typed): work the app does in pauses."""


class Driver:
    def __init__(self, app: Any, pilot: Any, chart: Chart, patient: bool = False) -> None:
        self.app, self.pilot, self.chart = app, pilot, chart
        self.paints = paints_of(app)
        self.patient = patient
        """Wait like a coder after keys that move focus (the old app needed it)."""

    async def settle(self) -> None:
        """Until the foreground work is done: the app's queues, the search, the save and regrouping.
        The suggestions scan runs in the background (the coder is not kept waiting): not counted."""
        # Pilot's _wait_for_screen posts a callback to every widget of the screen (~4.5 ms of the main
        # thread on a chart): it runs only once the cheap signs say the step is done, never in a loop
        # while a worker or a held paint is awaited (that polling was billed to the app's CPU).
        for _ in range(4000):
            workers = self._busy()
            if workers is None:
                await self.pilot._wait_for_screen()  # every queue of the screen has run what it held
                for _hop in range(2):  # and what a binding queued on the app meanwhile (a focus() call)
                    done = asyncio.get_running_loop().create_future()
                    self.app.call_later(done.set_result, None)
                    await done
                if self._busy() is None:
                    break
                continue
            if not workers:
                await asyncio.sleep(0.002)  # keys still arriving, a screen composing, a chart opening
                continue
            try:
                await self.app.workers.wait_for_complete(workers)
            except Exception:  # noqa: BLE001 - a cancelled (superseded) worker
                pass

    def _busy(self) -> list[Any] | None:
        """None when the step looks done; else the foreground workers still running (maybe none)."""
        workers = [w for w in self.app.workers if w.group not in BACKGROUND and w.is_running]
        typing = getattr(self.app, "keys_waiting", 0) or getattr(self.app, "keys_in_flight", False)
        # Painted: a screen that holds its paint until it is filled (workbench/tui/frames.py), or
        # whose next frame is still due, is not done (the frame's CPU belongs to this step).
        scr = self.app.screen
        painted = not (getattr(scr, "paint_held", False) or scr._layout_required
                       or scr._repaint_required or scr._dirty_widgets)
        if (not workers and not typing and painted and scr.is_mounted
                and getattr(scr, "session", 1)):
            return None
        return workers

    async def step(self, name: str, *keys: str) -> None:
        """Type `keys` (each string a key name or a run of characters) as one step."""
        names = split_keys(*keys)
        t0 = time.perf_counter()
        c0 = time.thread_time()  # the asyncio loop (the app's main thread) runs here
        slowest = slowest_cpu = 0.0
        for key in names:
            # As a terminal sends it, then wait for the app (Pilot.press also waits for the CPU to go
            # quiet, which on a shared machine measures the other processes).
            event = key_event(key)
            event.set_sender(self.app)
            sent, c_key = time.perf_counter(), time.thread_time()
            self.app._driver.send_message(event)
            await self.settle()
            slowest_cpu = max(slowest_cpu, time.thread_time() - c_key)
            frames = [p for p in self.paints if p > sent]
            slowest = max(slowest, frames[-1] - sent if frames else 0.0)
            if self.patient and not (len(key) == 1 and key.isalnum()):
                # The old app lost keys typed before a focus change landed: a coder waits for the
                # screen after each such key. That wait is not app time.
                t_wait, c_wait = time.perf_counter(), time.thread_time()
                await asyncio.sleep(0.15)
                await self.settle()
                t0 += time.perf_counter() - t_wait
                c0 += time.thread_time() - c_wait
        dt_ = time.perf_counter() - t0
        self.chart.cpu.append((name, time.thread_time() - c0))
        self.chart.keys += len(names)
        self.chart.seconds += dt_
        self.chart.steps.append((name, dt_))
        self.chart.responses.append((name, slowest))
        self.chart.key_cpu.append((name, slowest_cpu))

    def merge_last(self, name: str, n: int, seconds: float) -> None:
        """The last `n` steps as one named step of `seconds`, its slowest key the slowest of theirs."""
        del self.chart.steps[-n:]
        slowest = max(r for _, r in self.chart.responses[-n:])
        del self.chart.responses[-n:]
        cpu = sum(c for _, c in self.chart.cpu[-n:])
        del self.chart.cpu[-n:]
        key_cpu = max(c for _, c in self.chart.key_cpu[-n:])
        del self.chart.key_cpu[-n:]
        self.chart.key_cpu.append((name, key_cpu))
        self.chart.steps.append((name, seconds))
        self.chart.responses.append((name, slowest))
        self.chart.cpu.append((name, cpu))

    async def typed(self, name: str, query: str, *after: str) -> None:
        """A search query, then (once its results are in) the keys that pick from them."""
        t0 = time.perf_counter()
        before = self.chart.keys
        await self.step(name, query)
        await self.settle()  # the old app picked whatever was highlighted: let the search finish
        await self.step(name, *after)
        assert self.chart.keys >= before
        self.merge_last(name, 2, time.perf_counter() - t0)


READ_SECONDS = 1.5
BACKGROUND = {"suggestions", "conflict-check", "unlock", "warm-up"}


def paints_of(app: Any) -> list[float]:
    """When the app hands each frame to the (headless) terminal, noted from now on (once per app)."""
    if not hasattr(app, "_bench_paints"):
        paints: list[float] = []
        real = app._display

        def display(screen: Any, renderable: Any) -> None:
            real(screen, renderable)
            paints.append(time.perf_counter())

        app._display = display
        app._bench_paints = paints
    return app._bench_paints  # type: ignore[no-any-return]


def poa_key(poa: str) -> str:
    return poa.lower() if poa else "e"


async def code_chart(app: Any, pilot: Any, plan: str, label: str, account: str, find: str, kind: str,
                     key: Any) -> Chart:
    chart = Chart(label)
    d = Driver(app, pilot, chart, patient=plan == "old")
    if plan == "old":
        await d.step("open chart", "/", find, "enter", "enter")
    else:
        await d.step("open chart", "/", find, "enter")
    # The coder reads the chart before coding it (a few minutes, here a second and a half): the app may
    # use the pause (a spare chart screen composed ahead); its CPU is reported apart, not in a step.
    c0 = time.thread_time()
    await asyncio.sleep(READ_SECONDS)
    await d.settle()
    chart.idle_cpu = time.thread_time() - c0
    screen = app.screen
    session = getattr(screen, "session", None)
    if session is None or session.encounter.account != account:
        chart.mismatch = f"opened {getattr(session, 'encounter', None) and session.encounter.account}"
        return chart
    diagnoses = list(key.diagnoses)
    if plan == "new":
        # Suggestions first (the fastest path), on every chart. From the suggestions list: move to
        # each suggestion the chart needs, accept it with its POA
        # (a + y: focus stays in the list); then search for whatever the suggestions did not cover.
        from workbench.tui.widgets.suggestions.suggestions_pane import SuggestionsPane

        await d.step("suggestions", "3")
        # The coder reads the list once it is there: the wait for the scan counts as this step's time.
        t0, c0 = time.perf_counter(), time.thread_time()
        scans = [w for w in app.workers if w.group == "suggestions" and w.is_running]
        if scans:
            try:
                await app.workers.wait_for_complete(scans)
            except Exception:  # noqa: BLE001 - a superseded (cancelled) scan
                pass
            await d.settle()
        waited = time.perf_counter() - t0
        name, took = chart.steps[-1]
        chart.steps[-1] = (name, took + waited)
        chart.responses[-1] = (name, chart.responses[-1][1] + waited)
        chart.cpu[-1] = (name, chart.cpu[-1][1] + time.thread_time() - c0)
        chart.key_cpu[-1] = (name, chart.key_cpu[-1][1] + time.thread_time() - c0)
        from codesets.release.poa_categories import exemption

        # A POA-exempt suggestion is added blank by `a` alone (since flow17); one the key gives a POA
        # anyway (Z66 N on the sepsis chart) is added by searching, whose dialog asks the POA.
        release = app.screen.release.id
        wanted = {dx.code: dx.poa for dx in diagnoses
                  if not (dx.poa and exemption(dx.code, release).exempt)}
        for _ in range(2 * len(wanted) + 2):
            pane = app.screen.query_one(SuggestionsPane)
            codes = [s.code for s in pane.suggestions]
            todo = [i for i, c in enumerate(codes) if c in wanted and pane.suggestions[i].kind == "code"
                    and pane.suggestions[i].system == "CM"]
            if not todo:
                break
            here = pane.query_one("#sugg-list").highlighted or 0
            moves = ["down" if todo[0] > here else "up"] * abs(todo[0] - here)
            code = codes[todo[0]]
            if moves:
                await d.step(f"move to {code}", *moves)
                # The coder reads the line before accepting: a rescan may have reordered the list.
                now = pane.query_one("#sugg-list").highlighted
                if now is None or now >= len(pane.suggestions) or pane.suggestions[now].code != code:
                    continue
            poa = wanted.pop(code)
            keys = ("a",) if exemption(code, release).exempt else ("a", poa_key(poa))
            await d.step(f"accept {code}", *keys)
        have = {dx.code for dx in app.screen.session.encounter.diagnoses}
        diagnoses = [dx for dx in diagnoses if dx.code not in have]
    first = True
    for dx in diagnoses:
        lead = ("/",) if plan == "new" or first else ()
        first = False
        await d.typed(f"add {dx.code}", "".join(lead) + dx.code.lower(), "enter", poa_key(dx.poa))
    for px in key.procedures:
        lead = ("/",) if plan == "new" or first else ()
        first = False
        # The coder reads the date the box offers and types over it when it is not the key's date
        # (the old box always offered the admission date; the new one the documenting note's date).
        await d.typed(f"add {px.code}", "".join(lead) + px.code.lower(), "enter")
        t0 = time.perf_counter()
        offered = app.screen.query_one("Input").value if app.screen is not screen else ""
        date_keys = ("enter",) if offered == px.date.isoformat() else (px.date.isoformat(), "enter")
        await d.step(f"date {px.code}", *date_keys)
        d.merge_last(f"add {px.code}", 2, d.chart.steps[-2][1] + time.perf_counter() - t0)
    codes = [x.code for x in app.screen.session.encounter.diagnoses]
    if key.diagnoses and codes and key.diagnoses[0].code != codes[0] and key.diagnoses[0].code in codes:
        await d.step("focus coding list", "2")
        row = app.screen.query_one("#dx").cursor_row
        target = codes.index(key.diagnoses[0].code)
        await d.step("make principal", *(["down" if target > row else "up"] * abs(target - row)), "p")
    # The old search kept focus after an add: Escape leaves it before `c`.
    await d.step("mark coded", *(("escape", "c") if plan == "old" else ("c",)))
    await d.settle()
    enc = app.screen.session.encounter
    # The principal first; the order of the others does not change the claim's grouping.
    got = ([(x.code, x.poa) for x in enc.diagnoses[:1]], sorted((x.code, x.poa) for x in enc.diagnoses[1:]),
           sorted((p.code, p.date) for p in enc.procedures))
    want = ([(x.code, x.poa) for x in key.diagnoses[:1]], sorted((x.code, x.poa) for x in key.diagnoses[1:]),
            sorted((p.code, p.date) for p in key.procedures))
    if got != want or enc.status != "coded":
        chart.mismatch = f"coded {got} status {enc.status}; key {want}"
    await d.step("back to queue", "escape")
    return chart


async def one_run(plan: str) -> list[Chart]:
    from workbench.demo import answer_keys, demo_encounters
    from workbench.settings import Settings
    from workbench.store.core import Store
    from workbench.tui.app import make_app

    keys = answer_keys()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "db"
        with Store.open(db) as store:
            store.add_many(demo_encounters())
        app = make_app(db, Settings(), preload=False)
        charts = []
        async with app.run_test(size=(120, 40)) as pilot:
            # the warm-up a coder's first minute pays for (the app's own, started when the queue shows),
            # outside the timing
            app.warm_up()
            await pilot.pause(0.2)
            await app.workers.wait_for_complete([w for w in app.workers if w.group == "warm-up"])
            # the first chart loads the grouper and the scanner: open and close one before timing
            warm = Driver(app, pilot, Chart("warm-up"), patient=plan == "old")
            await warm.settle()
            await warm.step("open", "enter")
            await warm.settle()
            await warm.step("back", "escape")
            for label, account, find, kind in CHARTS:
                charts.append(await code_chart(app, pilot, plan, label, account, find, kind, keys[account]))
        return charts


def main() -> None:
    args = ARGS.parse_args()
    sys.path.insert(0, str(args.root.resolve()))
    runs = [asyncio.run(one_run(args.plan)) for _ in range(args.runs)]
    print(f"plan {args.plan}, code from {args.root}, {args.runs} run(s), 120x40; medians over runs")
    print(f"{'chart':36} {'keys':>5} {'app s':>6} {'slowest step':>28}  coded as the key?")
    per_chart_keys = []
    all_steps: list[float] = []
    all_responses: list[float] = []
    all_cpu: list[float] = []
    all_key_cpu: list[float] = []
    for i, (label, *_rest) in enumerate(CHARTS):
        cs = [r[i] for r in runs]
        keys = int(statistics.median(c.keys for c in cs))
        per_chart_keys.append(keys)
        secs = statistics.median(c.seconds for c in cs)
        steps: dict[str, list[float]] = {}
        for c in cs:
            for name, s in c.steps:
                steps.setdefault(name, []).append(s)
        med = {n: statistics.median(v) for n, v in steps.items()}
        all_steps.extend(med.values())
        responses: dict[str, list[float]] = {}
        for c in cs:
            for name, s in c.responses:
                responses.setdefault(name, []).append(s)
        all_responses.extend(statistics.median(v) for v in responses.values())
        cpus: dict[str, list[float]] = {}
        for c in cs:
            for name, s in c.cpu:
                cpus.setdefault(name, []).append(s)
        all_cpu.extend(statistics.median(v) for v in cpus.values())
        key_cpus: dict[str, list[float]] = {}
        for c in cs:
            for name, s in c.key_cpu:
                key_cpus.setdefault(name, []).append(s)
        all_key_cpu.extend(statistics.median(v) for v in key_cpus.values())
        slow = max(med.items(), key=lambda kv: kv[1]) if med else ("-", 0.0)
        ok = "yes" if not any(c.mismatch for c in cs) else "NO: " + next(c.mismatch for c in cs if c.mismatch)
        print(f"{label:36} {keys:>5} {secs:>6.2f} {slow[0]:>20} {slow[1] * 1000:5.0f} ms  {ok}")
        if args.steps or args.cpu:
            for name, v in responses.items():
                cpu = (f"  cpu {statistics.median(cpus[name]) * 1000:4.0f} ms, costliest key "
                       f"{statistics.median(key_cpus[name]) * 1000:4.0f} ms" if args.cpu else "")
                print(f"    {name:34} {statistics.median(v) * 1000:6.0f} ms{cpu}")
    print(f"median keys per chart: {statistics.median(per_chart_keys):g} (target <= 40)")
    print(f"steps: {len(all_steps)}, {_spread(all_steps)}")
    print(f"slowest key of each step, in the app (key sent -> the last frame written for it): "
          f"{_spread(all_responses)}")
    if args.cpu:
        print(f"main-thread CPU of each step (the event loop's own work): {_spread(all_cpu)}")
        print(f"main-thread CPU of each step's costliest key (key sent -> settled and painted): "
              f"{_spread(all_key_cpu)}")
        idle = [statistics.median(r[i].idle_cpu for r in runs) for i in range(len(CHARTS))]
        print(f"main-thread CPU while the coder reads each chart ({READ_SECONDS:g} s, no key): "
              + " / ".join(f"{x * 1000:.0f}" for x in idle) + " ms")


def _spread(seconds: list[float]) -> str:
    """Median, p95 and max in ms, and how many are over the 100 ms target."""
    v = sorted(seconds)
    p95 = v[min(len(v) - 1, round(0.95 * (len(v) - 1)))]
    return (f"median {statistics.median(v) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
            f"max {v[-1] * 1000:.0f} ms, over 100 ms: {sum(x > 0.1 for x in v)}")


if __name__ == "__main__":
    main()
