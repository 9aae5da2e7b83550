"""Inline SVG charts from plain data: bars, diverging bars (lift) and ROC curves.

Presentation only. Every function takes numbers and labels and returns one ``<svg>`` element
as text, with every label escaped, no script, no style attribute (a strict
Content-Security-Policy blocks those) and no remote reference. Colours come from CSS classes
(``c0``..``c7`` and the names the caller passes) that the page's own stylesheet defines, so
the same chart works in the scorecard and in the ``evaluate`` report. Output is
deterministic: the same data gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

BAR_HEIGHT = 18
BAR_GAP = 6
LABEL_WIDTH = 190
PLOT_WIDTH = 320
VALUE_WIDTH = 70


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value and the CSS class that colours it."""

    label: str
    value: float
    css_class: str = "c0"


@dataclass(frozen=True)
class Curve:
    """One ROC curve: (false positive rate, true positive rate) points in 0..1, in order."""

    label: str
    points: Sequence[tuple[float, float]]
    css_class: str = "c0"


def _num(value: float) -> str:
    # Coordinates with at most two decimals keep the file small and the output stable.
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _value_text(value: float) -> str:
    return f"{value:g}" if value == int(value) else f"{value:.2f}"


def _signed(value: float) -> str:
    # Round before signing, so a tiny negative or -0.0 does not print as "-0.000".
    return f"{round(value, 3) + 0.0:+.3f}"


def _open(width: int, height: int, title: str) -> list[str]:
    return [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}">',
            f"<title>{escape(title)}</title>"]


def bar_chart(bars: Sequence[Bar], title: str, unit: str = "") -> str:
    """Horizontal bars, one row per item, scaled to the largest value; values printed beside."""
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    height = max(1, len(bars)) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    top = max((bar.value for bar in bars), default=0.0)
    out = _open(width, height, title)
    for i, bar in enumerate(bars):
        y = BAR_GAP + i * (BAR_HEIGHT + BAR_GAP)
        length = PLOT_WIDTH * max(bar.value, 0.0) / top if top > 0 else 0.0
        label = escape(bar.label)
        out.append(f'<text class="label" x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT - 5}" '
                   f'text-anchor="end">{label}</text>')
        out.append(f'<rect class="{escape(bar.css_class)}" x="{LABEL_WIDTH}" y="{y}" '
                   f'width="{_num(length)}" height="{BAR_HEIGHT}">'
                   f"<title>{label}: {_value_text(bar.value)}{escape(unit)}</title></rect>")
        out.append(f'<text class="value" x="{_num(LABEL_WIDTH + length + 4)}" '
                   f'y="{y + BAR_HEIGHT - 5}">{_value_text(bar.value)}{escape(unit)}</text>')
    out.append("</svg>")
    return "\n".join(out)


def lift_chart(bars: Sequence[Bar], title: str) -> str:
    """Diverging bars around a zero line: negative values to the left, positive to the right."""
    width = LABEL_WIDTH + PLOT_WIDTH + VALUE_WIDTH
    height = max(1, len(bars)) * (BAR_HEIGHT + BAR_GAP) + BAR_GAP
    reach = max((abs(bar.value) for bar in bars), default=0.0)
    half = PLOT_WIDTH / 2
    zero = LABEL_WIDTH + half
    out = _open(width, height, title)
    out.append(f'<line class="axis" x1="{_num(zero)}" y1="0" x2="{_num(zero)}" y2="{height}"/>')
    for i, bar in enumerate(bars):
        y = BAR_GAP + i * (BAR_HEIGHT + BAR_GAP)
        length = half * abs(bar.value) / reach if reach > 0 else 0.0
        x = zero - length if bar.value < 0 else zero
        label = escape(bar.label)
        out.append(f'<text class="label" x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT - 5}" '
                   f'text-anchor="end">{label}</text>')
        out.append(f'<rect class="{escape(bar.css_class)}" x="{_num(x)}" y="{y}" '
                   f'width="{_num(length)}" height="{BAR_HEIGHT}">'
                   f"<title>{label}: {_signed(bar.value)}</title></rect>")
        out.append(f'<text class="value" x="{LABEL_WIDTH + PLOT_WIDTH + 4}" '
                   f'y="{y + BAR_HEIGHT - 5}">{_signed(bar.value)}</text>')
    out.append("</svg>")
    return "\n".join(out)


ROC_SIZE = 300
ROC_MARGIN = 40
ROC_LEGEND_WIDTH = 260  # room for long curve labels beside the square


def roc_chart(curves: Sequence[Curve], title: str) -> str:
    """ROC curves on a unit square with the chance diagonal; a legend names each curve."""
    size, margin = ROC_SIZE, ROC_MARGIN
    legend_height = 20 * len(curves)
    width, height = size + 2 * margin + ROC_LEGEND_WIDTH, size + 2 * margin + legend_height

    def x(fpr: float) -> str:
        return _num(margin + size * min(max(fpr, 0.0), 1.0))

    def y(tpr: float) -> str:
        return _num(margin + size * (1 - min(max(tpr, 0.0), 1.0)))

    out = _open(width, height, title)
    out.append(f'<rect class="frame" x="{margin}" y="{margin}" width="{size}" height="{size}"/>')
    out.append(f'<line class="chance" x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(1)}"/>')
    for tick in (0.0, 0.5, 1.0):
        out.append(f'<text class="label" x="{x(tick)}" y="{margin + size + 14}" '
                   f'text-anchor="middle">{tick:g}</text>')
        out.append(f'<text class="label" x="{margin - 4}" y="{_num(float(y(tick)) + 4)}" '
                   f'text-anchor="end">{tick:g}</text>')
    out.append(f'<text class="label" x="{margin + size / 2:g}" y="{margin + size + 30}" '
               'text-anchor="middle">false positive rate</text>')
    out.append(f'<text class="label" x="12" y="{margin + size / 2:g}" text-anchor="middle" '
               f'transform="rotate(-90 12 {margin + size / 2:g})">true positive rate</text>')
    for i, curve in enumerate(curves):
        points = " ".join(f"{x(fpr)},{y(tpr)}" for fpr, tpr in curve.points)
        css = escape(curve.css_class)
        out.append(f'<polyline class="curve {css}" points="{points}">'
                   f"<title>{escape(curve.label)}</title></polyline>")
        ly = size + 2 * margin + 20 * i + 4
        out.append(f'<rect class="{css}" x="{margin}" y="{ly}" width="14" height="10"/>')
        out.append(f'<text class="label" x="{margin + 20}" y="{ly + 10}">'
                   f"{escape(curve.label)}</text>")
    out.append("</svg>")
    return "\n".join(out)
