"""A non-financial benefit's way from baseline to target as a small SVG chart, drawn on the server by hand
(a few lines and markers need no plotting library and take microseconds), with a text alternative from
the same numbers. Embedded like the other gain charts (benefits.charts.Chart): `<img alt src="data:…">`,
the same image on the page and in the PDF, and followed by a table of the numbers.

Measurements are a solid line with round markers (the benefit's own) or square ones (the scorecard's
results); the baseline is a dotted line and the target a dashed one, each labelled in words, so nothing
is told by colour alone.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from functools import lru_cache
from xml.sax.saxutils import escape

from django.utils.translation import gettext as _

from core.numbers import format_date, format_number

from .charts import PLANNED_COLOUR, REALISED_COLOUR, TARGET_COLOUR, Chart
from .selectors.indicators import IndicatorSeries

WIDTH, HEIGHT = 360, 120
LEFT, RIGHT, TOP, BOTTOM = 8, 100, 10, 22  # room for the labels of the baseline and target lines


def series_chart(series: IndicatorSeries) -> Chart | None:
    """The chart of a benefit's series, or None when there is nothing to draw (no baseline, target or
    counted measurement)."""
    benefit = series.benefit
    points = tuple((p.measured_on, p.value, p.is_own) for p in series.counted)
    if not points and (series.baseline is None or series.target is None):
        return None
    svg = _draw(
        points=points,
        baseline=(benefit.baseline_date, series.baseline),
        target=(benefit.target_date, series.target),
        labels=(_("Baseline"), _("Target")),
    )
    return Chart(svg=svg, alt=series_alt(series))


def series_alt(series: IndicatorSeries) -> str:
    """The chart's text alternative: where the benefit started, where it is going and where it is."""
    benefit, unit = series.benefit, series.benefit.unit_of_measure
    parts = []

    def figure(value: Decimal | None, date: datetime.date | None) -> str:
        text = format_number(value)
        if unit and value is not None:
            text = f"{text} {unit}"
        return f"{text} ({format_date(date)})" if date else text

    parts.append(
        _("Line chart of «%(title)s»: baseline %(baseline)s, target %(target)s.")
        % {
            "title": benefit.title,
            "baseline": figure(series.baseline, benefit.baseline_date),
            "target": figure(series.target, benefit.target_date),
        }
    )
    latest = series.latest
    if latest is None:
        parts.append(_("No measurement yet."))
    else:
        count = len(series.counted)
        parts.append(
            _("%(count)s measurements, the latest %(latest)s.")
            % {"count": count, "latest": figure(latest.value, latest.measured_on)}
            if count != 1
            else _("One measurement: %(latest)s.") % {"latest": figure(latest.value, latest.measured_on)}
        )
    if series.achievement is not None:
        parts.append(
            _("%(share)s %% of the way from baseline to target.")
            % {"share": format_number(series.achievement, 0)}
        )
    return " ".join(parts)


@lru_cache(maxsize=512)
def _draw(
    *,
    points: tuple[tuple[datetime.date, Decimal, bool], ...],
    baseline: tuple[datetime.date | None, Decimal | None],
    target: tuple[datetime.date | None, Decimal | None],
    labels: tuple[str, str],
) -> str:
    values = [v for _d, v, _own in points]
    values += [v for v in (baseline[1], target[1]) if v is not None]
    dates = [d for d, _v, _own in points] + [d for d in (baseline[0], target[0]) if d is not None]
    low, high = min(values), max(values)
    if low == high:
        low, high = low - 1, high + 1
    pad = (high - low) / 10
    low, high = low - pad, high + pad
    first = min(dates) if dates else datetime.date.today()
    last = max(dates) if dates else first
    span = max((last - first).days, 1)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM

    def x(date: datetime.date) -> float:
        return LEFT + plot_w * (date - first).days / span

    def y(value: Decimal) -> float:
        return TOP + plot_h * float((high - value) / (high - low))

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" width="{WIDTH}" '
        f'height="{HEIGHT}" font-family="DejaVu Sans, Arial, sans-serif" font-size="11">',
        f'<line x1="{LEFT}" y1="{HEIGHT - BOTTOM}" x2="{WIDTH - RIGHT}" y2="{HEIGHT - BOTTOM}" '
        'stroke="#767676" stroke-width="1"/>',
    ]
    for (date, value), label, dash, colour in (
        (baseline, labels[0], "2 3", PLANNED_COLOUR),
        (target, labels[1], "6 4", TARGET_COLOUR),
    ):
        if value is None:
            continue
        level = y(value)
        parts.append(
            f'<line x1="{LEFT}" y1="{level:.1f}" x2="{WIDTH - RIGHT}" y2="{level:.1f}" stroke="{colour}" '
            f'stroke-width="1.2" stroke-dasharray="{dash}"/>'
        )
        parts.append(
            f'<text x="{WIDTH - RIGHT + 4}" y="{level + 3.5:.1f}" fill="{colour}">'
            f"{escape(label)} {escape(format_number(value))}</text>"
        )
        if date is not None:
            parts.append(
                f'<path d="M{x(date):.1f} {level - 4:.1f} l4 4 l-4 4 l-4 -4 z" fill="white" stroke="{colour}" '
                'stroke-width="1.4"/>'
            )
    if points:
        line = " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v, _own in points)
        parts.append(f'<polyline points="{line}" fill="none" stroke="{REALISED_COLOUR}" stroke-width="2"/>')
        for date, value, own in points:
            cx, cy = x(date), y(value)
            if own:
                parts.append(f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="3.2" fill="{REALISED_COLOUR}"/>')
            else:
                parts.append(
                    f'<rect x="{cx - 3:.1f}" y="{cy - 3:.1f}" width="6" height="6" fill="white" '
                    f'stroke="{REALISED_COLOUR}" stroke-width="1.6"/>'
                )
    parts.append(f'<text x="{LEFT}" y="{HEIGHT - 6}" fill="#444">{escape(format_date(first))}</text>')
    if last != first:
        parts.append(
            f'<text x="{WIDTH - RIGHT}" y="{HEIGHT - 6}" text-anchor="end" fill="#444">'
            f"{escape(format_date(last))}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)
