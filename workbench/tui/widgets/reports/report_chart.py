"""The chart of a report: bars or a line drawn with plotext (textual-plotext), from `Report.series`.

Which series each report charts, and how, is plain data (`CHARTS`); the widget only draws it. Bars
and a line read without colour (shapes and labels carry the meaning), so 16-colour and NO_COLOR
terminals show the same chart.
"""

from __future__ import annotations

import math

from textual_plotext import PlotextPlot

from workbench.reports.base import Report

# report -> (series key, kind, title, unit); the title names the unit (no y label: it costs a line)
CHARTS: dict[str, tuple[str, str, str, str]] = {
    "casemix": ("cmi_by_month", "bar", "CMI by discharge month", "CMI"),
    "dnfb": ("dnfb_by_age", "bar", "DNFB stays by days since discharge", "stays"),
    "productivity": ("coded_by_day", "line", "Charts coded per day", "charts"),
    "queries": ("open_by_physician", "bar", "Open queries by physician", "open"),
    "shift": ("top_moves", "bar", "Stays moving DRG (current>next)", "stays"),
}


class ReportChart(PlotextPlot):
    DEFAULT_CSS = "ReportChart { height: 1fr; min-height: 8; }"

    def show(self, report: Report) -> None:
        key, kind, title, _unit = CHARTS[report.name]
        points = [(label, value) for label, value in report.series.get(key, []) if value is not None]
        plt = self.plt
        plt.clear_data()
        plt.clear_figure()
        plt.title(title)
        if not points:
            plt.title(f"{title}: nothing to chart")
        elif kind == "bar":
            labels = [_short(p[0]) for p in points]
            values = [p[1] for p in points]
            plt.bar(labels, values, marker="hd", width=0.6)
            ticks = nice_ticks(max(values), whole=all(float(v).is_integer() for v in values))
            plt.ylim(0, ticks[-1])
            plt.yticks(ticks, [_tick_label(t) for t in ticks])
        else:
            xs: list[float] = list(range(1, len(points) + 1))
            plt.plot(xs, [p[1] for p in points], marker="braille")
            step = max(1, len(points) // 6)
            plt.xticks(xs[::step], [p[0][5:] for p in points][::step])  # MM-DD
        self.refresh()


def nice_ticks(top: float, most: int = 4, whole: bool = False) -> list[float]:
    """Round tick values from 0 to at least `top`, at most `most` steps (1, 2, 2.5 or 5 times a power
    of ten; whole numbers only for counts): plotext's own ticks on a few rows read 0.00 0.20 0.40 0.80
    1.00 1.20, uneven."""
    if top <= 0:
        return [0.0, 1.0]
    raw = top / most
    power = 10 ** math.floor(math.log10(raw))
    steps = [m * power for m in (1, 2, 2.5, 5, 10) if not whole or float(m * power).is_integer()]
    step = next((m for m in steps if m >= raw), 10 * power)
    if whole:
        step = max(step, 1)
    n = math.ceil(top / step - 1e-9)
    return [round(i * step, 10) for i in range(n + 1)]


def _tick_label(value: float) -> str:
    return f"{value:g}"


def _short(label: str) -> str:
    return label if len(label) <= 10 else label[:9] + "."
