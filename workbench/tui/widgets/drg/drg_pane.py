"""The DRG preview: `DRG 291` and its title, weight, LOS against GMLOS/AMLOS, expected payment, the
severity source, edits, the explanation and the what-if analyses (workbench.drg.service's Preview)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from codesets.codes import with_dot
from workbench.drg.whatif import SEQUENCING_NOTE
from workbench.tui.markup import escape
from workbench.tui.pane_help import pane_help

if TYPE_CHECKING:
    from workbench.checks.base import Finding
    from workbench.drg.base import Grouping
    from workbench.drg.whatif import WhatIf

RESEQUENCING_NOTE = "for review only, not advice (F1)"
"""One line under the heading; the whole note (SEQUENCING_NOTE) is in the pane's help."""
TYPE_WORDS = {"SURG": "surgical", "MED": "medical"}


def drg_line(grouping: Grouping | None) -> str:
    """`DRG 291 Heart failure and shock with MCC  wt 1.3415` (markup), or why there is none."""
    if grouping is None:
        return "DRG -"
    if not grouping.drg:
        return f"[b]DRG none[/b]  {escape(grouping.return_text)}"
    wt = f"  wt {grouping.weight:.4f}" if grouping.weight is not None else ""
    return f"[b]DRG {grouping.drg}[/b] {escape(grouping.title)}{wt}"


def _money(x: float) -> str:
    return f"${x:,.2f}"


def _wi(w: WhatIf) -> str:
    wt = f" {w.weight:.4f}" if w.weight is not None else ""
    mark = " [b](current principal)[/b]" if w.current else ""  # only principal options are current
    note = f" [dim]{escape(w.note)}[/dim]" if w.note else ""
    return f"  {escape(w.code_display):<8} DRG {w.drg or '-'}{wt}{mark}{note}"


def findings_text(findings: list[Finding]) -> list[str]:
    if not findings:
        return []
    lines = ["", f"[b]Findings ({len(findings)})[/b]"]
    for f in findings:
        codes = ", ".join(with_dot(c) for c in f.codes)
        where = f"{codes}: " if codes else ""
        lines.append(f"  [b]{escape(f.severity)}[/b] {escape(where + f.message)}")
        if f.rule:  # its own line: a rule in parentheses stacked on the message's own
            lines.append(f"    [dim]rule: {escape(f.rule)}[/dim]")
    return lines


# The pane shows no config key names (snake_case reads as program text): the section is enough.
NO_BASE_RATE = "no base rate set (config.toml, [hospital] section): expected payment not shown"


def preview_text(preview: Any, base_rate_set: bool, findings: list[Any] | None = None) -> str:
    g = preview.grouping
    lines = [drg_line(g)]
    lines.append(f"MDC {g.mdc or '-'} {escape(g.mdc_title)}  {TYPE_WORDS.get(g.type, escape(g.type))}  "
                 f"[dim]MS-DRG v{g.version} (release {g.release})[/dim]")
    if g.weight is not None:
        pay = ""
        if g.payment is not None:
            pay = f"  expected {_money(g.payment.amount)}"
            if g.payment.reduced:
                pay += f" (full {_money(g.payment.full_amount)})"
        lines.append(f"Weight {g.weight:.4f}{pay}")
        if g.payment is not None and g.payment.note:
            lines.append(f"[dim]{escape(g.payment.note)}[/dim]")
        elif g.payment is None and not base_rate_set:
            lines.append(f"[dim]{escape(NO_BASE_RATE)}[/dim]")
    elif g.weight_note:
        lines.append(escape(g.weight_note))
    los = g.los if g.los is not None else "-"
    gm = f"{g.gmlos:.1f}" if g.gmlos is not None else "-"
    am = f"{g.amlos:.1f}" if g.amlos is not None else "-"
    diff = g.los_vs_gmlos
    vs = f"  ({diff:+.1f} vs GMLOS)" if diff is not None else ""
    lines.append(f"LOS {los}  GMLOS {gm}  AMLOS {am}{vs}")
    source = f" from {with_dot(g.severity_source)}" if g.severity_source else ""
    lines.append(f"Severity: {g.severity if g.severity != 'NONE' else 'no CC/MCC'}{escape(source)}")
    for h in getattr(g, "hacs", ()):
        lines.append(f"[b]HAC[/b] {escape(h.line())}")
    if g.explanation:
        lines.append(f"[dim]{escape(g.explanation)}[/dim]")
    for n in g.notes:
        lines.append(f"[dim]{escape(n)}[/dim]")
    lines += findings_text(findings or [])
    if g.edits:
        lines.append("")
        lines.append(f"[b]Edits ({len(g.edits)})[/b]")
        for e in g.edits:
            code = f"{with_dot(e.code)}: " if e.code else ""
            lines.append(f"  {escape(code + e.message)}")
    if preview.without:
        lines += ["", "[b]Without each secondary[/b]"]
        lines += [_wi(w) for w in preview.without]
    if preview.principal_options:
        lines += ["", f"[b]Re-sequencing[/b] [dim]{RESEQUENCING_NOTE}[/dim]"]
        lines += [_wi(w) for w in preview.principal_options]
    if preview.ladder:
        lines += ["", "[b]DRG family[/b]"]
        for r in preview.ladder:
            wt = f" {r.weight:.4f}" if r.weight is not None else ""
            cur = " [b]<- this case[/b]" if r.current else ""
            lines.append(f"  DRG {r.drg}{wt} {escape(r.requires)}{cur}")
            if r.how and not r.current:
                lines.append(f"      [dim]{escape(r.how)}[/dim]")
    if preview.releases:
        lines += ["", "[b]Other releases[/b]"]
        for r in preview.releases:
            wt = f" {r.weight:.4f}" if r.weight is not None else f" {escape(r.weight_note)}"
            cur = " (this stay)" if r.current else ""
            lines.append(f"  {r.release} v{r.version}: DRG {r.drg or '-'}{wt}{cur}")
    return "\n".join(lines)


class DrgPane(VerticalScroll):
    BINDING_GROUP_TITLE = "DRG preview"
    HELP = pane_help("drg") + " " + SEQUENCING_NOTE  # the same note the what-if lines carry

    _markup = ""

    def compose(self) -> ComposeResult:
        yield Static("DRG -", id="drg-text")

    def show(self, preview: Any, base_rate_set: bool, error: str | None = None,
             findings: list[Any] | None = None) -> None:
        if preview is None:
            markup = "\n".join([escape(error or "not grouped yet"), *findings_text(findings or [])])
        else:
            markup = preview_text(preview, base_rate_set, findings)
        if markup != self._markup:  # an update re-lays the pane out: only when the text changed
            self._markup = markup
            self.query_one("#drg-text", Static).update(markup)
