"""Typing as a fast coder types: keys sent to the app in one burst, without waiting between them.

`Pilot.press` waits for the app to go idle after every key, which hides type-ahead bugs; `burst` posts
every key at once, the way a terminal delivers keys typed faster than the app reacts.
"""

from __future__ import annotations

import unicodedata
from typing import Any

from textual import events
from textual.keys import _character_to_key, _get_unicode_name_from_key


def key_event(key: str) -> events.Key:
    """The Key event a terminal produces for `key` (a key name like "enter", or one character)."""
    if len(key) == 1 and not key.isalnum():
        key = _character_to_key(key)
    try:
        char: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        char = key if len(key) == 1 else None
    return events.Key(key, char)


def split_keys(*keys: str) -> list[str]:
    """"/kenji" -> ["/", "k", "e", "n", "j", "i"]; key names ("enter", "escape", "ctrl+f") stay whole."""
    out: list[str] = []
    for k in keys:
        if len(k) > 1 and (k.isalpha() and k.islower() and k in NAMED or "+" in k and len(k) > 2):
            out.append(k)
        else:
            out.extend(k)
    return out


NAMED = {"enter", "escape", "tab", "delete", "backspace", "up", "down", "left", "right", "home", "end",
         "space", "pageup", "pagedown"} | {f"f{i}" for i in range(1, 13)}


def burst(app: Any, *keys: str) -> int:
    """Post every key to the app at once (as a terminal does when the coder types ahead); returns how
    many key events were sent."""
    names = split_keys(*keys)
    driver = app._driver
    for name in names:
        event = key_event(name)
        event.set_sender(app)
        driver.send_message(event)
    return len(names)
