"""The overview's bubble chart as a server-side SVG: planned gain against cost, bubble size for resource
need, colour and shape for the latest status (so status is never told by colour alone).

Embedded as `<img alt src="data:…">` like the benefits charts (benefits.charts.Chart), and followed on the
page by a table with the same numbers.
"""

from __future__ import annotations

import io
from functools import lru_cache

import matplotlib
from django.utils.translation import gettext as _
from matplotlib.backends.backend_svg import FigureCanvasSVG
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter

from benefits.charts import Chart, axis_millions
from programmes.gains import UNKNOWN

RC = {
    "svg.fonttype": "none",
    "svg.hashsalt": "portefolje",
    "font.family": "sans-serif",
    "font.size": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
}
# status -> (colour, marker); markers differ so the chart reads in greyscale too.
STYLES = {
    "green": ("#1b7f3b", "o"),
    "yellow": ("#c98a00", "^"),
    "red": ("#b3261e", "s"),
    None: ("#6b7280", "D"),
}


def _status_label(status: str | None) -> str:
    return {"green": _("Green"), "yellow": _("Yellow"), "red": _("Red"), None: _("No status")}[status]


@lru_cache(maxsize=64)
def _draw(
    points: tuple[tuple[int, int, float, str | None], ...], x_label: str, y_label: str, size_note: str
) -> str:
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(7.5, 4.8), layout="constrained")
        FigureCanvasSVG(figure)
        axes = figure.add_subplot()
        for status, (colour, marker) in STYLES.items():
            chosen = [p for p in points if p[3] == status]
            if not chosen:
                continue
            axes.scatter(
                [p[0] for p in chosen],
                [p[1] for p in chosen],
                s=[30 + 40 * p[2] for p in chosen],
                c=colour,
                marker=marker,
                alpha=0.7,
                edgecolors="#1a1a1a",
                linewidths=0.6,
                label=_status_label(status),
            )
        # From zero, with room around the largest bubble; never a zero-width axis when all values are equal.
        max_x = max((p[0] for p in points), default=0)
        max_y = max((p[1] for p in points), default=0)
        min_y = min((p[1] for p in points), default=0)
        axes.set_xlim(0, max(max_x * 1.1, 1_000_000))
        axes.set_ylim(min(min_y * 1.1, 0), max(max_y * 1.1, 1_000_000))
        formatter = FuncFormatter(axis_millions)
        axes.xaxis.set_major_formatter(formatter)
        axes.yaxis.set_major_formatter(formatter)
        axes.set_xlabel(x_label)
        axes.set_ylabel(y_label)
        axes.grid(color="#d0d0d0", linewidth=0.6)
        axes.set_axisbelow(True)
        legend = axes.legend(
            frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0), title=_("Latest status")
        )
        for handle in legend.legend_handles:
            handle.set_sizes([60])
        figure.text(0.01, 0.0, size_note, fontsize=8)
        buffer = io.StringIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None}, bbox_inches="tight")
        return buffer.getvalue()


def bubble_chart(rows) -> Chart:
    # A project with neither a gain plan nor an estimate has no point: drawn at 0 it would claim a gain of 0.
    unknown = sum(1 for row in rows if row.gain_source == UNKNOWN)
    points = tuple(
        (row.cost, row.gain_total, float(row.resource_need), row.status)
        for row in sorted(rows, key=lambda r: r.pk)
        if row.gain_source != UNKNOWN
    )
    svg = _draw(
        points,
        _("Cost (million kroner)"),
        _("Planned gain over the plan period (million kroner)"),
        _("Bubble size: resource need in person-years."),
    )
    above = sum(1 for cost, gain, *_rest in points if gain > cost)
    alt = _(
        "Bubble chart of %(count)s projects, planned gain against cost; %(above)s plan a gain larger than "
        "their cost. The table below the chart has the same figures."
    ) % {"count": len(points), "above": above}
    if unknown:
        alt += " " + _("%(count)s projects without a gain plan or an estimate are left out.") % {
            "count": unknown
        }
    return Chart(svg=svg, alt=alt)
