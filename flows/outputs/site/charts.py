"""Charts as inline SVG text: the trend lines of a statement and tier distributions.

Built as strings rather than with a plotting library: a site has about six charts per
agent (12,000 for a 2,000-agent month), and a string chart costs tens of microseconds
where a plotting library's figure costs tens of milliseconds (docs/reports.md).
Every text is escaped; values are shown as numbers on the chart, so it reads in print
and without JavaScript (``<title>`` elements add hover text where a browser shows it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

TREND_SIZE = (230, 92)
SCORE_SIZE = (300, 150)
_PAD_LEFT, _PAD_TOP, _PAD_BOTTOM = 16, 26, 16  # room for the values' labels


def _num(value: float) -> str:
    """Coordinates with one decimal: stable text, small pages."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Months:
    """The months a trend runs over, the same for every chart of a statement: ``labels``
    as people read them, ``keys`` (e.g. ``2026-10``) to tag each point as ``data-month``."""

    labels: Sequence[str]
    keys: Sequence[str]


@dataclass(frozen=True)
class Scale:
    """A trend's vertical scale, ``low`` to ``high`` (values beyond are drawn at the
    edge), and how a value is written on the chart."""

    low: float
    high: float
    show: Callable[[float], str]


def trend_chart(
    months: Months,
    values: Sequence[float | None],
    scale: Scale,
    *,
    title: str,
    css_class: str,
    guides: Sequence[tuple[float, str]] = (),
    size: tuple[int, int] = TREND_SIZE,
) -> str:
    """A line over ``months`` with a point and its value for each non-null value; a null
    value is a gap in the line. ``guides`` are dashed lines (e.g. tier lines)."""
    labels, keys = months.labels, months.keys
    low, high, show = scale.low, scale.high, scale.show
    width, height = size
    pad_right = 22 if guides else 16  # room for values' and guides' labels
    inner_w = width - _PAD_LEFT - pad_right
    inner_h = height - _PAD_TOP - _PAD_BOTTOM
    step = inner_w / max(len(labels) - 1, 1)
    span = (high - low) or 1.0

    def x(i: int) -> float:
        return _PAD_LEFT + i * step

    def y(v: float) -> float:
        clamped = min(max(v, low), high)
        return _PAD_TOP + inner_h * (1 - (clamped - low) / span)

    out = [
        f'<svg class="chart trend {css_class}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<text class="chart-title" x="{_PAD_LEFT}" y="11">{escape(title)}</text>',
        f'<line class="axis" x1="{_PAD_LEFT}" y1="{_num(_PAD_TOP + inner_h)}" '
        f'x2="{width - pad_right}" y2="{_num(_PAD_TOP + inner_h)}"/>',
    ]
    for value, name in guides:
        gy = _num(y(value))
        out.append(
            f'<line class="guide" x1="{_PAD_LEFT}" y1="{gy}" x2="{width - pad_right}" '
            f'y2="{gy}"/><text class="guide-label" x="{width - 1}" y="{gy}">'
            f"{escape(name)}</text>"
        )
    segment: list[str] = []
    segments: list[list[str]] = []
    for i, value in enumerate(values):
        if value is None:
            if segment:
                segments.append(segment)
            segment = []
        else:
            segment.append(f"{_num(x(i))},{_num(y(value))}")
    if segment:
        segments.append(segment)
    out += [f'<polyline class="line" points="{" ".join(s)}"/>' for s in segments if len(s) > 1]
    for i, (label, key, value) in enumerate(zip(labels, keys, values, strict=True)):
        out.append(
            f'<text class="x-label" x="{_num(x(i))}" y="{height - 3}">{escape(label)}</text>'
        )
        if value is None:
            continue
        px, py = _num(x(i)), _num(y(value))
        shown = escape(show(value))
        out.append(
            f'<circle class="point" cx="{px}" cy="{py}" r="2.5" '
            f'data-month="{escape(key)}"><title>{escape(label)}: {shown}</title>'
            f'</circle><text class="value" x="{px}" y="{_num(y(value) - 5)}">'
            f"{shown}</text>"
        )
    out.append("</svg>")
    return "".join(out)


def bar_chart(rows: Sequence[tuple[str, int, str]], *, title: str, css_class: str) -> str:
    """Horizontal bars: (label, count, count text) per row, scaled to the largest."""
    bar_x, bar_w, row_h = 64, 200, 16
    width, height = bar_x + bar_w + 60, 20 + row_h * len(rows)
    top = max((count for _, count, _ in rows), default=0) or 1
    out = [
        f'<svg class="chart bars {css_class}" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<text class="chart-title" x="0" y="11">{escape(title)}</text>',
    ]
    for i, (label, count, text) in enumerate(rows):
        ty = 20 + i * row_h
        length = bar_w * count / top
        out.append(
            f'<text class="bar-label" x="{bar_x - 6}" y="{ty + 11}">{escape(label)}'
            f'</text><rect class="bar" x="{bar_x}" y="{ty + 2}" width="{_num(length)}" '
            f'height="{row_h - 4}"/><text class="bar-value" x="{_num(bar_x + length + 4)}"'
            f' y="{ty + 11}">{escape(text)}</text>'
        )
    out.append("</svg>")
    return "".join(out)


def stacked_bar(parts: Sequence[tuple[str, int]], *, width: int = 120) -> str:
    """One bar split by count (e.g. agents per tier), each part titled; empty parts
    are left out. The counts themselves are written beside it by the page."""
    total = sum(count for _, count in parts) or 1
    out = [
        f'<svg class="chart stacked" xmlns="http://www.w3.org/2000/svg" '
        f'viewBox="0 0 {width} 10" width="{width}" height="10" aria-hidden="true">'
    ]
    left = 0.0
    for i, (label, count) in enumerate(parts):
        if not count:
            continue
        part = width * count / total
        out.append(
            f'<rect class="part part-{i}" x="{_num(left)}" y="0" width="{_num(part)}" '
            f'height="10"><title>{escape(label)}: {count}</title></rect>'
        )
        left += part
    out.append("</svg>")
    return "".join(out)
