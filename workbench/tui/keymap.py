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
    Key("encounter.record", "1,f2", "focus_pane('record')", "Record", show=False,
        tooltip="Show and focus the record"),
    Key("encounter.coding", "2,f3", "focus_pane('coding')", "Codes", show=False,
        tooltip="Show and focus the coding list"),
    Key("encounter.drg", "4,f6", "focus_pane('drg')", "DRG", show=False,
        tooltip="Show and focus the DRG preview"),
    Key("encounter.suggestions", "3,f5", "focus_pane('suggestions')", "Suggestions", show=False,
        tooltip="Show and focus the record-driven suggestions"),
    Key("encounter.start", "s", "workflow('start')", "Start", show=False, tooltip="Mark in progress"),
    Key("encounter.hold", "h", "workflow('hold')", "Hold/query", show=False,
        tooltip="Hold with a physician query"),
    Key("encounter.coded", "c", "workflow('coded')", "Coded", show=False, tooltip="Mark coded"),
    Key("encounter.finalize", "F,shift+f,f9", "workflow('final')", "Finalize", show=False, key_display="F",
        tooltip="Finalize (refused while blocking findings remain)"),
    Key("encounter.reopen", "o", "workflow('reopen')", "Reopen", show=False,
        tooltip="Reopen a coded or final encounter, with a reason"),
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
    Key("coding.poa_y", "y", "poa('Y')", "POA", key_display="y/n/u/w", tooltip="Present on admission: yes"),
    Key("coding.poa_n", "n", "poa('N')", "POA N", show=False, tooltip="Present on admission: no"),
    Key("coding.poa_u", "u", "poa('U')", "POA U", show=False,
        tooltip="Present on admission: documentation insufficient"),
    Key("coding.poa_w", "w", "poa('W')", "POA W", show=False,
        tooltip="Present on admission: clinically undetermined"),
    Key("coding.poa_blank", "e", "poa('')", "POA exempt", show=False, tooltip="POA exempt (blank)"),
    # priority: the search input's own enter (submit) would otherwise hide "enter Add" from the footer
    Key("search.add", "enter", "add_code", "Add", priority=True, tooltip="Add the highlighted code"),
    Key("search.next", "down,ctrl+n", "move_result(1)", "Next", show=False, tooltip="Next result"),
    Key("search.previous", "up,ctrl+u", "move_result(-1)", "Previous", show=False,
        tooltip="Previous result"),
    Key("search.leave", "escape", "leave_search", "Codes", tooltip="Back to the coding list"),
    # The footer shows the five report keys as one entry (on the case mix binding).
    Key("reports.casemix", "1", "show('casemix')", "Report", key_display="1-5", tooltip="Case mix report"),
    Key("reports.dnfb", "2", "show('dnfb')", "DNFB", show=False, tooltip="DNFB report"),
    Key("reports.productivity", "3", "show('productivity')", "Productivity", show=False,
        tooltip="Coder productivity report"),
    Key("reports.queries", "4", "show('queries')", "Queries", show=False, tooltip="Physician queries report"),
    Key("reports.shift", "5", "show('shift')", "Shift", show=False,
        tooltip="DRG shift to another release (v picks it)"),
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
    Key("record.find", "ctrl+f", "find", "Find", tooltip="Find in the document"),
    Key("record.next_match", "ctrl+g", "find_next", "Next match", show=False,
        tooltip="Next match of the find text"),
)

BY_ID: dict[str, Key] = {k.id: k for k in KEYS}


def area_of(binding_id: str) -> str:
    return binding_id.split(".", 1)[0]


def keys_for(area: str) -> list[Key]:
    return [k for k in KEYS if area_of(k.id) == area]
