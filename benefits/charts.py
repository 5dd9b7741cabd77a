"""Gain charts as SVG strings, drawn on the server with matplotlib; the same chart goes on the page and in
the PDF reports.

Each chart comes with a text alternative built from the same numbers. Embed it as
`<img alt="{{ chart.alt }}" src="{{ chart.data_uri }}">`: an `<img>` keeps its alt text in a tagged PDF,
an inline `<svg>` does not. Text stays text in the SVG (`svg.fonttype = "none"`), and planned and
realised differ by pattern as well as colour. Drawing takes tens of milliseconds, so a chart is cached
by its numbers and labels (the inputs are plain tuples): the same figures are never drawn twice.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from functools import lru_cache

import matplotlib
from django.utils.translation import gettext as _
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from core.numbers import format_millions

PLANNED_COLOUR = "#1f5aa6"
REALISED_COLOUR = "#2a7a3b"
TARGET_COLOUR = "#1a1a1a"
RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "gevinster",  # stable ids: the same numbers give the same SVG
    "font.family": "sans-serif",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}


@dataclass(frozen=True)
class Chart:
    svg: str
    alt: str

    @property
    def data_uri(self) -> str:
        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")


def axis_millions(value: float, _position=None) -> str:
    """An axis tick in millions of kroner (`1,25`); the axis label names the unit."""
    return format_millions(value, unit=False)


def _svg(figure: Figure) -> str:
    FigureCanvasSVG(figure)
    buffer = io.StringIO()
    with matplotlib.rc_context(RC):
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
    return buffer.getvalue()


def _figure(width: float, height: float) -> Figure:
    with matplotlib.rc_context(RC):
        return Figure(figsize=(width, height), layout="constrained")


@lru_cache(maxsize=256)
def bar_chart(
    *,
    categories: tuple[str, ...],
    series: tuple[tuple[str, tuple[int, ...]], ...],
    line: tuple[str, tuple[int | None, ...]] | None,
    y_label: str,
    horizontal: bool = False,
) -> str:
    """Grouped bars (first series plain, second hatched), optionally a dashed target line with markers."""
    with matplotlib.rc_context(RC):
        height = max(2.8, 0.55 * len(categories) + 1.2) if horizontal else 3.4
        figure = _figure(7.5, height)
        axes = figure.add_subplot()
        count = max(len(series), 1)
        width = 0.8 / count
        colours = (PLANNED_COLOUR, REALISED_COLOUR)
        hatches = ("", "///")
        positions = range(len(categories))
        for index, (label, values) in enumerate(series):
            offsets = [p - 0.4 + width * (index + 0.5) for p in positions]
            style = {
                "label": label,
                "color": colours[index % 2],
                "hatch": hatches[index % 2],
                "edgecolor": "white" if index % 2 else colours[0],
                "linewidth": 0.6,
            }
            if horizontal:
                axes.barh(offsets, values, height=width, **style)
            else:
                axes.bar(offsets, values, width=width, **style)
        if line is not None and not horizontal:
            label, values = line
            points = [(p, v) for p, v in zip(positions, values, strict=True) if v is not None]
            if points:
                axes.plot(
                    [p for p, _v in points],
                    [v for _p, v in points],
                    label=label,
                    color=TARGET_COLOUR,
                    linestyle="--",
                    marker="D",
                    linewidth=1.5,
                )
        formatter = FuncFormatter(axis_millions)
        if horizontal:
            axes.set_yticks(list(positions), list(categories))
            axes.invert_yaxis()
            axes.xaxis.set_major_formatter(formatter)
            axes.set_xlabel(y_label)
            axes.grid(axis="x", color="#d0d0d0", linewidth=0.6)
        else:
            axes.set_xticks(list(positions), list(categories))
            axes.yaxis.set_major_formatter(formatter)
            axes.set_ylabel(y_label)
            axes.grid(axis="y", color="#d0d0d0", linewidth=0.6)
        axes.set_axisbelow(True)
        axes.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        return _svg(figure)


@lru_cache(maxsize=256)
def line_chart(
    *, categories: tuple[str, ...], series: tuple[tuple[str, tuple[int | None, ...]], ...], y_label: str
) -> str:
    """Lines with distinct markers and dash patterns (planned, realised, target)."""
    styles = (
        {"color": PLANNED_COLOUR, "marker": "o", "linestyle": "-"},
        {"color": REALISED_COLOUR, "marker": "s", "linestyle": ":"},
        {"color": TARGET_COLOUR, "marker": "D", "linestyle": "--"},
    )
    with matplotlib.rc_context(RC):
        figure = _figure(7.5, 3.4)
        axes = figure.add_subplot()
        positions = list(range(len(categories)))
        for (label, values), style in zip(series, styles, strict=False):
            points = [(p, v) for p, v in zip(positions, values, strict=True) if v is not None]
            if points:
                axes.plot([p for p, _v in points], [v for _p, v in points], label=label, linewidth=2, **style)
        axes.set_xticks(positions, list(categories))
        axes.yaxis.set_major_formatter(FuncFormatter(axis_millions))
        axes.set_ylabel(y_label)
        axes.set_ylim(bottom=0)
        axes.grid(axis="y", color="#d0d0d0", linewidth=0.6)
        axes.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        return _svg(figure)


def yearly_chart(overview) -> Chart:
    """Planned and realised financial gains per year against the savings target (selectors.GainOverview)."""
    rows = overview.by_year
    has_target = any(r.target is not None for r in rows)
    svg = bar_chart(
        categories=tuple(str(r.year) for r in rows),
        series=(
            (str(_("Planned")), tuple(r.planned for r in rows)),
            (str(_("Realised")), tuple(r.realised for r in rows)),
        ),
        line=(str(_("Target")), tuple(r.target for r in rows)) if has_target else None,
        y_label=str(_("Million kroner")),
    )
    parts = [
        _("%(year)s: planned %(planned)s, realised %(realised)s, target %(target)s")
        % {
            "year": r.year,
            "planned": format_millions(r.planned),
            "realised": format_millions(r.realised),
            "target": format_millions(r.target),
        }
        for r in rows
    ]
    alt = _("Bar chart of financial gains per year.") + " " + "; ".join(parts) + "."
    return Chart(svg=svg, alt=alt)


def cumulative_chart(overview) -> Chart:
    rows = overview.by_year
    series = [
        (str(_("Planned, cumulative")), tuple(r.cumulative_planned for r in rows)),
        (str(_("Realised, cumulative")), tuple(r.cumulative_realised for r in rows)),
    ]
    if any(r.cumulative_target is not None for r in rows):
        series.append((str(_("Target, cumulative")), tuple(r.cumulative_target for r in rows)))
    svg = line_chart(
        categories=tuple(str(r.year) for r in rows), series=tuple(series), y_label=str(_("Million kroner"))
    )
    last = rows[-1] if rows else None
    alt = _("Line chart of the accumulated financial gains over the economic plan period.")
    if last:
        alt += " " + _("By %(year)s: planned %(planned)s, realised %(realised)s, target %(target)s.") % {
            "year": last.year,
            "planned": format_millions(last.cumulative_planned),
            "realised": format_millions(last.cumulative_realised),
            "target": format_millions(last.cumulative_target),
        }
    return Chart(svg=svg, alt=alt)


def group_chart(groups, *, description: str) -> Chart:
    """Horizontal bars of planned and realised per group (kind or sub-programme)."""
    svg = bar_chart(
        categories=tuple(g.label for g in groups),
        series=(
            (str(_("Planned")), tuple(g.planned for g in groups)),
            (str(_("Realised")), tuple(g.realised for g in groups)),
        ),
        line=None,
        y_label=str(_("Million kroner")),
        horizontal=True,
    )
    parts = [
        _("%(name)s: planned %(planned)s, realised %(realised)s")
        % {"name": g.label, "planned": format_millions(g.planned), "realised": format_millions(g.realised)}
        for g in groups
    ]
    return Chart(svg=svg, alt=f"{description} " + "; ".join(parts) + ".")
