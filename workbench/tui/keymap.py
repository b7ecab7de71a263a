"""Every key binding of the workbench: stable id, default keys, action and what it does.

Plain data (no Textual import): the widgets build their `BINDINGS` from it, `workbench config keys`
prints it, and `[keymap]` in config.toml overrides keys by id (applied with `App.set_keymap`).
Every action has a key a plain SSH terminal can send: keys that need the Kitty protocol or that
some terminals swallow (alt+arrows) always come with a plain fallback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Key:
    id: str
    """Stable binding id (`area.verb`), the name used in config.toml [keymap]."""
    keys: str
    """Default keys, comma separated (Textual key names)."""
    action: str
    description: str
    """Short label for the footer and the help screen."""
    show: bool = True
    """Shown in the footer."""
    key_display: str | None = None
    tooltip: str = ""
    priority: bool = False


AREAS: dict[str, str] = {
    "app": "Everywhere",
    "queue": "Queue",
    "encounter": "Encounter",
    "coding": "Coding list",
    "search": "Code search",
    "record": "Record",
    "drg": "DRG preview",
    "reports": "Reports",
    "builder": "PCS code builder",
}



# Families of keys that differ only in their target (kept out of the footer unless `show` says so).
def _pane(pane: str, keys: str, label: str, tooltip: str) -> Key:
    return Key(f"encounter.{pane}", keys, f"focus_pane('{pane}')", label, show=False, tooltip=tooltip)


def _workflow(verb: str, keys: str, status: str, label: str, tooltip: str, key_display: str | None = None,
              show: bool = False) -> Key:
    return Key(f"encounter.{verb}", keys, f"workflow('{status}')", label, show=show, key_display=key_display,
               tooltip=tooltip)


def _poa(value: str, keys: str, label: str, tooltip: str, show: bool = False,
         key_display: str | None = None) -> Key:
    return Key(f"coding.poa_{value.lower() or 'blank'}", keys, f"poa('{value}')", label, show=show,
               key_display=key_display, tooltip=tooltip)


def _report(name: str, keys: str, label: str, tooltip: str, show: bool = False,
            key_display: str | None = None) -> Key:
    return Key(f"reports.{name}", keys, f"show('{name}')", label, show=show, key_display=key_display,
               tooltip=tooltip)


KEYS: tuple[Key, ...] = (
    Key("app.help", "question_mark,f1", "help", "Help", key_display="? F1",
        tooltip="Keys and help for the focused area"),
    Key("app.quit", "ctrl+q", "quit", "Quit", priority=True, tooltip="Leave the workbench; edits are saved"),
    Key("app.palette", "ctrl+p", "command_palette", "Commands", show=False,
        tooltip="Search every command"),
    Key("app.reports", "f7", "reports", "Reports", show=False, key_display="F7",
        tooltip="Reports: case mix, DNFB, productivity, queries, DRG shift"),
    Key("queue.open", "enter", "open_encounter", "Open", tooltip="Open the highlighted encounter"),
    Key("queue.filter", "slash", "focus_filter", "Filter", key_display="/",
        tooltip="Filter: words, status:new, coder:NAME, drg:291"),
    Key("queue.status", "t", "cycle_status", "Status", tooltip="Show one status after another, then all"),
    Key("queue.mine", "m", "toggle_mine", "Mine", tooltip="Only encounters assigned to me"),
    Key("queue.sort", "s", "cycle_sort", "Sort", tooltip="Sort by the next column"),
    Key("queue.reverse", "r", "reverse_sort", "Reverse", show=False, tooltip="Reverse the sort order"),
    Key("queue.clear", "escape", "clear_filter", "Clear", show=False, tooltip="Clear every filter"),
    Key("queue.reports", "R,shift+r", "app.reports", "Reports", key_display="R",
        tooltip="Reports (department view)"),
    Key("queue.refresh", "f5,ctrl+l", "refresh", "Refresh", show=False,
        tooltip="Re-read the queue (other sessions' saves)"),
    Key("encounter.back", "escape", "back", "Back", tooltip="Back to the queue"),
    # Not in the footer: the search input is always on screen and its placeholder starts with "/".
    Key("encounter.search", "slash,f4", "focus_search", "Search", key_display="/", show=False,
        tooltip="Focus code search"),
    _pane("record", "1,f2", "Record", "Show and focus the record"),
    _pane("coding", "2,f3", "Codes", "Show and focus the coding list"),
    _pane("drg", "4,f6", "DRG", "Show and focus the DRG preview"),
    _pane("suggestions", "3,f5", "Suggestions", "Show and focus the record-driven suggestions"),
    _workflow("start", "s", "start", "Start", "Mark in progress"),
    _workflow("hold", "h", "hold", "Hold/query", "Hold with a physician query"),
    # The chart's closing step: on the key line (the other status keys are in the help, `?`).
    _workflow("coded", "c", "coded", "Coded", "Mark coded", show=True),
    _workflow("finalize", "F,shift+f,f9", "final", "Finalize",
              "Finalize (refused while blocking findings remain)", key_display="F"),
    _workflow("reopen", "o", "reopen", "Reopen", "Reopen a coded or final encounter, with a reason"),
    Key("encounter.next", "right_square_bracket,ctrl+pagedown", "next_chart(1)", "Next chart", show=False,
        key_display="]", tooltip="Next chart in the queue's order (filter and sort); edits are saved"),
    Key("encounter.previous", "left_square_bracket,ctrl+pageup", "next_chart(-1)", "Previous chart",
        show=False, key_display="[", tooltip="Previous chart in the queue's order; edits are saved"),
    Key("encounter.undo", "ctrl+z", "undo", "Undo", show=False, key_display="^z",
        tooltip="Undo the last coding edit (add, remove, POA, move, date)"),
    Key("encounter.queries", "Q,shift+q", "queries", "Queries", show=False, key_display="Q",
        tooltip="The chart's physician queries: answer or withdraw them"),
    Key("encounter.reload", "ctrl+r", "reload", "Reload theirs", show=False,
        tooltip="After a conflict: load the version saved by the other session"),
    Key("encounter.keep", "ctrl+t", "keep_mine", "Keep mine", show=False,
        tooltip="After a conflict: save my version over theirs"),
    Key("coding.principal", "p", "make_principal", "Principal", tooltip="Make the diagnosis principal"),
    Key("coding.date", "d", "edit_date", "Date", tooltip="Change the date of the highlighted procedure"),
    Key("coding.remove", "delete,x", "remove_code", "Remove", key_display="del",
        tooltip="Remove the highlighted code"),
    # The footer shows K and J as one entry (on the up binding).
    Key("coding.up", "K,shift+k,alt+up", "move(-1)", "Move", key_display="K/J", tooltip="Move the code up"),
    Key("coding.down", "J,shift+j,alt+down", "move(1)", "Down", key_display="J", show=False,
        tooltip="Move the code down"),
    # The footer shows the four POA keys as one entry (on the Y binding).
    _poa("Y", "y", "POA", "Present on admission: yes", show=True, key_display="y/n/u/w"),
    _poa("N", "n", "POA N", "Present on admission: no"),
    _poa("U", "u", "POA U", "Present on admission: documentation insufficient"),
    _poa("W", "w", "POA W", "Present on admission: clinically undetermined"),
    _poa("", "e", "POA exempt", "POA exempt (blank)"),
    # priority: the search input's own enter (submit) would otherwise hide "enter Add" from the footer
    Key("search.add", "enter", "add_code", "Add", priority=True, tooltip="Add the highlighted code"),
    Key("search.next", "down,ctrl+n", "move_result(1)", "Next", show=False, tooltip="Next result"),
    Key("search.previous", "up,ctrl+u", "move_result(-1)", "Previous", show=False,
        tooltip="Previous result"),
    Key("search.whatif", "ctrl+o,f8", "what_if", "What-if", key_display="^o",
        tooltip="DRG, weight and payment if the highlighted code were added (nothing is added)"),
    Key("search.leave", "escape", "leave_search", "Codes", tooltip="Back to the coding list"),
    # The footer shows the five report keys as one entry (on the case mix binding).
    _report("casemix", "1", "Report", "Case mix report", show=True, key_display="1-5"),
    _report("dnfb", "2", "DNFB", "DNFB report"),
    _report("productivity", "3", "Productivity", "Coder productivity report"),
    _report("queries", "4", "Queries", "Physician queries report"),
    _report("shift", "5", "Shift", "DRG shift to another release (v picks it)"),
    Key("reports.from", "f", "set_from", "From", tooltip="First day of the reports (blank: no limit)"),
    Key("reports.to", "t", "set_to", "To", tooltip="Last day of the reports (blank: no limit)"),
    Key("reports.coder", "c", "pick_coder", "Coder", tooltip="One coder, or every coder"),
    Key("reports.release", "v", "pick_release", "Release",
        tooltip="The release the DRG shift regroups under"),
    Key("reports.clear", "x", "clear_filters", "Clear", show=False, tooltip="Clear the dates and the coder"),
    Key("reports.refresh", "f5,ctrl+l", "refresh", "Refresh", tooltip="Re-read the database"),
    Key("reports.back", "escape", "back", "Back", tooltip="Back to where you were"),
    Key("search.build", "ctrl+b,f7", "build_code", "Build PCS", key_display="^b",
        tooltip="Build an ICD-10-PCS code from the highlighted result's table (or the typed prefix)"),
    Key("builder.next", "right,tab", "move_axis(1)", "Next axis", key_display="→/tab",
        tooltip="Move to the next axis"),
    Key("builder.previous", "left,shift+tab", "move_axis(-1)", "Prev axis", key_display="←", show=False,
        tooltip="Move to the previous axis"),
    Key("builder.undo", "backspace", "undo", "Undo", key_display="⌫",
        tooltip="Clear the last chosen character"),
    Key("builder.add", "ctrl+s,f10", "add", "Add", key_display="^s",
        tooltip="Add the complete code (asks the procedure date); Enter on a complete code does the same"),
    Key("builder.cancel", "escape", "cancel", "Cancel", tooltip="Close the builder without adding"),
    # The builder is modal: the app's own ? / F1 do not reach past it, so it carries its own.
    Key("builder.help", "question_mark,f1", "app.help", "Help", key_display="? F1",
        tooltip="Keys and help for the builder"),
    Key("record.find", "ctrl+f", "find", "Find", tooltip="Find in the record (this document, then the next)"),
    Key("record.next_match", "ctrl+g", "find_next", "Next match", show=False,
        tooltip="Next match of the find text"),
)

BY_ID: dict[str, Key] = {k.id: k for k in KEYS}


def area_of(binding_id: str) -> str:
    return binding_id.split(".", 1)[0]


def keys_for(area: str) -> list[Key]:
    return [k for k in KEYS if area_of(k.id) == area]

SCREENS: tuple[frozenset[str], ...] = (
    frozenset({"queue"}), frozenset({"encounter", "coding", "search", "record", "drg", "suggestions"}),
    frozenset({"reports"}), frozenset({"builder"}))
"""Areas whose keys are live at the same time (one screen); "app" keys are live everywhere."""


def _split(keys: str) -> list[str]:
    return [k.strip() for k in keys.split(",") if k.strip()]


def effective(overrides: dict[str, str]) -> list[tuple[Key, str, bool]]:
    """Every binding with the keys it has under `overrides` (config.toml [keymap]) and whether they
    were overridden."""
    return [(k, overrides.get(k.id, k.keys), k.id in overrides) for k in KEYS]


def _together(a: str, b: str) -> bool:
    return a == b or "app" in (a, b) or any(a in s and b in s for s in SCREENS)


def keymap_problems(overrides: dict[str, str]) -> list[str]:
    """What is wrong with `overrides`: an unknown binding id, or a remapped key that another binding
    live at the same time already has (one of the two would never run)."""
    problems = [f"[keymap] {bid!r} is not a binding id (workbench config keys lists them)"
                for bid in overrides if bid not in BY_ID]
    table = effective(overrides)
    for k, keys, overridden in table:
        if not overridden:
            continue
        for key in _split(keys):
            for other, other_keys, _ in table:
                live = _together(area_of(k.id), area_of(other.id))
                if other.id != k.id and key in _split(other_keys) and live:
                    problems.append(f"[keymap] {k.id} = {key!r} takes {key!r} from {other.id} "
                                    f"({other.tooltip or other.description})")
    return problems
