"""A report as plain text for the terminal: its headline figures, then its table in aligned columns."""

from __future__ import annotations

from typing import Any

from workbench.reports.base import Report

MAX_ROWS = 200  # the text view is for reading; --csv and --json carry every row


def cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:,.2f}" if abs(value) >= 1000 else f"{value:.4f}".rstrip("0").rstrip(".")
    if isinstance(value, dict):
        return ", ".join(f"{k} {cell(v)}" for k, v in value.items())
    return str(value)


def render_text(report: Report) -> str:
    f = report.filters
    scope = ", ".join(f"{k} {v}" for k, v in f.describe().items() if v) or "all"
    lines = [f"{report.title} ({scope})", ""]
    width = max((len(k) for k in report.summary), default=0)
    lines += [f"  {k.replace('_', ' '):<{width}}  {cell(v)}" for k, v in report.summary.items()]
    lines.append("")
    rows = report.rows[:MAX_ROWS]
    table = [[c.replace("_", " ") for c in report.columns]] + [[cell(r.get(c)) for c in report.columns]
                                                                  for r in rows]
    widths = [max(len(row[i]) for row in table) for i in range(len(report.columns))]
    for row in table:
        lines.append("  ".join(v.rjust(w) if i else v.ljust(w) for i, (v, w) in enumerate(zip(row, widths,
                                                                                           strict=True))))
    if len(report.rows) > MAX_ROWS:
        lines.append(f"... {len(report.rows) - MAX_ROWS} more rows (use --csv or --json)")
    return "\n".join(lines) + "\n"
