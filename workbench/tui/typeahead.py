"""Type-ahead: keys typed while a screen or dialog opens or closes reach the screen they were meant for,
in the order they were typed.

Textual routes a key to whatever has focus when the app reads it, but a key's effects (a binding that
pushes a screen, a `focus()` call, a message bubbling up to the screen) land later, on other message
queues. A coder who types `Escape / kenji Enter` in a quarter of a second had the letters delivered
to the queue table (where `j` moves the cursor) before the filter box took focus, and Enter opened
another patient. So the app hands out one key at a time: after a key is dispatched it waits until
every message queue the key can have touched (the focused widget up to the screen, then the screen's
refresh, then the app) has worked through what it had, and goes round again while the screen stack or
the focus keeps changing. Only then does the next key go out. Screens that load asynchronously (an
encounter opening in a worker, a search whose results are not in yet, the queue reading its rows after
Escape cleared the filter) hold the keys explicitly with `hold_keys` / `release_keys`.

A pass costs a few message hops (well under a millisecond); a watchdog lets keys flow again if a hold is
never released or a pass waits on a closed queue, so a bug can slow a key down but never swallow it. A
slow machine only delays keys: they are never let go early to whatever happens to have focus.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import Any

from textual import events
from textual.app import App
from textual.command import CommandPalette
from textual.message_pump import MessagePump

MAX_PASSES = 6
"""Passes per key while the routing keeps changing (push, then mount, then focus)."""
HOLD_LIMIT = 15.0
"""Seconds after which an unreleased hold stops holding keys (a screen that failed to release). Every
hold is released by the code that set it, on success and on error; the limit only bounds a bug. It is
long because a key let go early lands on the wrong widget: under load (a loaded CI machine, 2 cores
shared by eight sessions) a search took over 3 s and `/i10 Enter y` typed the `y` into the search box.
A hold on work known to take longer (the first build of the search index) passes its own limit."""
PASS_LIMIT = 1.0
"""Seconds after which the watchdog looks at a pass that has not completed: a pass waiting on a queue
that was closed (a widget removed) never completes and lets the next key go; one waiting on a live
queue (a slow machine) keeps the keys until PASS_HARD_LIMIT."""
PASS_HARD_LIMIT = 15.0
PALETTE_SEARCH = CommandPalette._GATHER_COMMANDS_GROUP
"""The worker group of the command palette's search (textual 8.2.8, pinned)."""
LONG_WORKERS = {"warm-up"}
"""Worker groups that run for long in the background (loading the release and its index, regrouping
stale DRGs): `quiet_for` does not wait for them."""


class TypeAheadApp(App[None]):
    """An App that delivers keys one at a time, each after the previous one's effects have landed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._typed: deque[events.Key] = deque()
        self._in_flight = 0
        """Generation of the pass under way (0: none); a stale callback of an abandoned pass is ignored."""
        self._generation = 0
        self._holds: dict[str, tuple[float, float]] = {}
        """reason -> (since, limit in seconds)."""
        self._cancels: dict[str, Callable[[], object]] = {}
        """reason -> what Escape typed while the hold lasts does instead of waiting (a chart opening)."""
        self._pass_started = 0.0
        self._waiting_on: MessagePump | None = None
        """The queue the pass under way waits on (its step is queued there)."""
        self.last_key_at = 0.0
        """time.monotonic() of the last key typed (work that can wait, waits for a pause)."""

    # -- holding ---------------------------------------------------------------------------

    def hold_keys(self, reason: str, limit: float = HOLD_LIMIT,
                  cancel: Callable[[], object] | None = None) -> None:
        """Keep typed keys waiting until `release_keys(reason)` (or `limit` seconds). With `cancel`, an
        Escape typed meanwhile does not wait: `cancel` runs (it must release the hold), and the keys
        after the Escape go where it leads (Escape on a chart still opening goes back to the queue)."""
        self._holds[reason] = (time.monotonic(), limit)
        if cancel is not None:
            self._cancels[reason] = cancel

    def release_keys(self, reason: str) -> None:
        """Let the keys held for `reason` go, once what the release set off has landed."""
        self._cancels.pop(reason, None)
        if self._holds.pop(reason, None) is not None and not self._in_flight:
            self._start_pass(passes=0)

    @property
    def keys_waiting(self) -> int:
        """Keys typed and not yet delivered (tests, the benchmark)."""
        return len(self._typed)

    @property
    def holding_keys(self) -> bool:
        """Some screen holds the keys (opening a chart, a search not in yet)."""
        return self._held()

    @property
    def keys_in_flight(self) -> bool:
        """A key was delivered and what it set off has not landed yet."""
        return bool(self._in_flight)

    def quiet_for(self, seconds: float) -> bool:
        """Nothing the coder waits for: no key typed for `seconds`, none waiting or held, no work a key
        started still running (a worker, a screen holding its paint until it is filled). Work that can
        wait (a spare screen, the collector's older passes) runs only then, so it never lands on a key
        or on what a key set off."""
        if time.monotonic() - self.last_key_at < seconds or self._typed or self._in_flight or self._held():
            return False
        if any(w.is_running and w.group not in LONG_WORKERS for w in self.workers):
            return False
        try:
            return not getattr(self.screen, "paint_held", False)
        except Exception:  # noqa: BLE001 - no screen (starting or closing)
            return False

    def _held(self) -> bool:
        now = time.monotonic()
        for reason, (since, limit) in list(self._holds.items()):
            if now - since > limit:
                del self._holds[reason]
        return bool(self._holds)

    # -- delivering ------------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, events.Key) and not event.is_forwarded:
            self.last_key_at = time.monotonic()
            self._typed.append(event)
            await self._deliver_next()
            return
        await super().on_event(event)

    async def _deliver_next(self) -> None:
        if self._in_flight:
            if not self._pass_lost():
                return
            self._in_flight = 0  # a pass lost on a closed queue: never swallow keys because of it
        if not self._typed or self._held():
            if self._typed and self._typed[0].key == "escape" and self._cancel_hold():
                return
            if self._typed and self._holds:
                self.set_timer(0.05, self._deliver_next)  # look again (a hold may expire)
            return
        if self._typed[0].key == "enter" and self._palette_searching():
            self.set_timer(0.02, self._deliver_next)
            return
        key = self._typed.popleft()
        state = self._routing()
        await super().on_event(key)
        self._start_pass(passes=0, before=state)

    def _palette_searching(self) -> bool:
        """ctrl+p's search of the text typed is still running. Its list shows the hits of the text
        before until the search ends: "ke" then "ys" Enter typed fast on a loaded machine ran "chart:
        ESPERANZA, Kenji" (a hit for "ke") instead of "Keys". Enter waits for the search (bounded by
        the pass watchdog's limit: a search never ending lets Enter go)."""
        screen = self.screen_stack[-1] if self.screen_stack else None
        if not isinstance(screen, CommandPalette):
            return False
        if time.monotonic() - self.last_key_at > PASS_HARD_LIMIT:
            return False
        return any(w.node is screen and w.group == PALETTE_SEARCH and not w.is_finished for w in self.workers)

    def _cancel_hold(self) -> bool:
        """The first key waiting is Escape and a hold can be cancelled: take the key, cancel the hold
        (the newest such), and hand out the next keys once what that set off has landed."""
        cancellable = [reason for reason in self._holds if reason in self._cancels]
        if not cancellable:
            return False
        self._typed.popleft()
        state = self._routing()
        cancel = self._cancels.pop(cancellable[-1])
        cancel()
        self._start_pass(passes=0, before=state)
        return True

    def _routing(self) -> tuple[Any, ...]:
        """What decides where the next key goes: the screen stack and the focused widget."""
        try:
            return (tuple(id(s) for s in self.screen_stack), id(self.focused))
        except Exception:  # noqa: BLE001 - no screen yet (starting) or any more (closing)
            return ()

    def _start_pass(self, passes: int, before: tuple[Any, ...] | None = None,
                    settle_refresh: bool = False) -> None:
        self._generation += 1
        generation = self._generation
        self._in_flight = generation
        self._pass_started = time.monotonic()
        self.set_timer(PASS_LIMIT, self._watchdog)
        start = self._routing() if before is None else before
        chain: list[MessagePump] = []
        try:
            node: Any = self.focused or self.screen
            while node is not None and node is not self:
                chain.append(node)
                node = node.parent
        except Exception:  # noqa: BLE001 - no screen: only the app's own queue
            chain = []
        self._step(generation, chain, passes, start, not settle_refresh)

    def _step(self, generation: int, chain: list[MessagePump], passes: int, start: tuple[Any, ...],
              refreshed: bool) -> None:
        if generation != self._in_flight:
            return
        if chain:
            # The node's queue runs this after what it holds now: anything the key made it post to
            # its parent is then queued ahead of the parent's turn.
            head, rest = chain[0], chain[1:]
            self._waiting_on = head
            if not head.call_later(self._step, generation, rest, passes, start, refreshed):
                self._step(generation, rest, passes, start, refreshed)
            return
        if not refreshed:
            # The routing changed (a screen was pushed or popped): then also whatever the new screen
            # put off until after its first refresh (its focus), then the app's queue.
            self._waiting_on = self
            try:
                scheduled = self.call_after_refresh(self._step, generation, [], passes, start, True)
            except Exception:  # noqa: BLE001 - no screen
                scheduled = False
            if scheduled:
                return
        # Two hops through the app's queue: a binding handled there queues its own effects (a focus()
        # is a call_later) behind the first hop; the second hop comes after them.
        self._waiting_on = self
        self.call_later(self.call_later, self._finish_pass, generation, passes, start)

    def _pass_lost(self) -> bool:
        """The pass under way will never complete: its step sits on a closed queue (or a bug kept
        it past PASS_HARD_LIMIT). A pass that is merely slow is not lost: its keys wait for it."""
        elapsed = time.monotonic() - self._pass_started
        if elapsed < PASS_LIMIT:
            return False
        node = self._waiting_on
        closed = node is None or node._closed or node._closing
        return closed or elapsed >= PASS_HARD_LIMIT

    async def _watchdog(self) -> None:
        if not self._in_flight:
            return
        if self._pass_lost():
            await self._deliver_next()
        else:
            self.set_timer(PASS_LIMIT, self._watchdog)  # slow, not lost: look again

    async def _finish_pass(self, generation: int, passes: int, start: tuple[Any, ...]) -> None:
        if generation != self._in_flight:
            return
        now = self._routing()
        # Always a second pass: a binding runs on the app's queue and its action posts to the widget
        # (Enter in an Input posts Submitted to the Input), which then bubbles up to the screen.
        if (passes == 0 or now != start) and passes + 1 < MAX_PASSES:
            self._start_pass(passes + 1, before=now, settle_refresh=now != start)
            return
        self._in_flight = 0
        await self._deliver_next()


def hold_keys(app: App[Any], reason: str, limit: float = HOLD_LIMIT,
              cancel: Callable[[], object] | None = None) -> None:
    """Hold typed keys on `app` (a no-op on an app without type-ahead)."""
    if isinstance(app, TypeAheadApp):
        app.hold_keys(reason, limit, cancel)


def release_keys(app: App[Any], reason: str) -> None:
    if isinstance(app, TypeAheadApp):
        app.release_keys(reason)
