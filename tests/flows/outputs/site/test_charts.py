"""The statement's trend lines as SVG text."""

from __future__ import annotations

from flows.outputs.site.charts import Months, Scale, trend_chart


def test_a_trend_has_a_point_per_month_with_a_value_and_a_gap_for_a_missing_one():
    months = Months(["Aug", "Sep", "Oct", "Nov"], ["2026-08", "2026-09", "2026-10", "2026-11"])
    svg = trend_chart(
        months,
        [40.0, 50.0, None, 120.0],
        Scale(0, 100, lambda v: f"{v:g}"),
        title="Score <all>",
        css_class="trend-score",
        size=(116, 92),
    )
    assert svg.startswith(
        '<svg class="chart trend trend-score" xmlns="http://www.w3.org/2000/svg" '
        'viewBox="0 0 116 92" width="116" height="92" role="img" '
        'aria-label="Score &lt;all&gt;"><title>Score &lt;all&gt;</title>'
    )
    # Aug-Sep is one line; Oct breaks it; Nov, alone, is a point without a line.
    assert svg.count("<polyline") == 1
    assert '<polyline class="line" points="16,56 44,51"/>' in svg
    assert [part.split('"')[0] for part in svg.split('data-month="')[1:]] == [
        "2026-08",
        "2026-09",
        "2026-11",
    ]
    # A value beyond the scale is drawn at its edge and written as it is.
    assert '<circle class="point" cx="100" cy="26" r="2.5" data-month="2026-11">' in svg
    assert "<title>Nov: 120</title>" in svg
