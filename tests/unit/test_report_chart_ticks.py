"""The report charts' y axis: round, evenly spaced ticks from 0 past the largest bar."""

import pytest

from workbench.tui.widgets.reports.report_chart import nice_ticks


@pytest.mark.parametrize("top", [0.3, 1.1018, 2.0, 7.3, 68.0, 250.0, 9999.0])
def test_ticks_are_even_round_and_cover_the_largest_value(top: float) -> None:
    ticks = nice_ticks(top)
    steps = {round(b - a, 9) for a, b in zip(ticks, ticks[1:], strict=False)}
    assert ticks[0] == 0 and ticks[-1] >= top and len(steps) == 1 and 2 <= len(ticks) <= 6
    step = steps.pop()
    assert f"{step:g}".lstrip("0.").rstrip("0")[0] in "125"  # 1, 2, 2.5 or 5 times a power of ten


def test_counts_get_whole_number_ticks() -> None:
    assert nice_ticks(68, whole=True) == [0, 20, 40, 60, 80]
    assert all(float(t).is_integer() for t in nice_ticks(10, whole=True))
    assert nice_ticks(1, whole=True) == [0, 1]
