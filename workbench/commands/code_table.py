"""`workbench code 0SG0` (a 3-6 character PCS prefix, or any code with --table): the table and the
values still valid for each remaining axis, from codesets.pcs.builder."""

from __future__ import annotations

import textwrap

from codesets.pcs.builder import TableView

KEY_TERMS_SHOWN = 4


def render_table(view: TableView) -> str:
    """The table as text: header, definition, then one block per axis (chosen value marked `>`)."""
    lines = [f"{view.table}  {view.section} / {view.body_system} / {view.operation}"]
    if view.definition:
        lines += textwrap.wrap(f"{view.operation}: {view.definition}", 100, initial_indent="  ",
                               subsequent_indent="    ")
    if view.code:
        lines.append(f"  code {view.code}  {view.title or '(no title in this release)'}")
    else:
        lines.append(f"  so far {view.prefix}{'_' * (7 - len(view.prefix))}: "
                     f"choose the {view.axes[len(view.prefix) - 3].name}")
    for axis in view.axes:
        chosen = f" = {axis.chosen}" if axis.chosen else ""
        lines.append(f"  {axis.position} {axis.name}{chosen}")
        shown = [v for v in axis.values if v.value == axis.chosen] if axis.chosen else axis.values
        for v in shown:
            mark = ">" if v.value == axis.chosen else " "
            line = f"   {mark} {v.value}  {v.meaning}"
            if v.key_terms:
                more = f" +{len(v.key_terms) - KEY_TERMS_SHOWN}" if len(v.key_terms) > KEY_TERMS_SHOWN else ""
                line += f"  (includes {', '.join(v.key_terms[:KEY_TERMS_SHOWN])}{more})"
            lines.append(line)
    return "\n".join(lines)
