"""The ledger's chart: the savings target against the expected gain per year, with the range (P10–P90) as a
band and «80 % sure of at least» (P20) as a line; an SVG drawn on the server, as benefits.charts draws its
charts, with a text alternative from the same numbers. The same chart serves the page and a PDF."""

from __future__ import annotations

from functools import lru_cache

import matplotlib
from django.utils.translation import gettext as _
from matplotlib.ticker import FuncFormatter

from core.numbers import format_millions

from .charts import PLANNED_COLOUR, RC, TARGET_COLOUR, Chart, _figure, _svg, axis_millions

BAND_COLOUR = "#a9c4e8"
AT_LEAST_COLOUR = "#7a3b00"


@lru_cache(maxsize=64)
def band_chart(
    *,
    categories: tuple[str, ...],
    expected: tuple[int, ...],
    p10: tuple[int, ...],
    p90: tuple[int, ...],
    at_least: tuple[int, ...],
    target: tuple[int | None, ...],
    labels: tuple[str, str, str, str],
    y_label: str,
) -> str:
    """Expected (solid, circles) in its P10–P90 band (hatched), at least (dotted, squares), target (dashed,
    diamonds): told apart by line and marker as well as colour."""
    with matplotlib.rc_context(RC):
        figure = _figure(7.5, 3.4)
        axes = figure.add_subplot()
        positions = list(range(len(categories)))
        expected_label, band_label, at_least_label, target_label = labels
        axes.fill_between(
            positions, p10, p90, color=BAND_COLOUR, alpha=0.6, hatch="//", edgecolor="white", label=band_label
        )
        axes.plot(positions, expected, color=PLANNED_COLOUR, marker="o", linewidth=2, label=expected_label)
        axes.plot(
            positions,
            at_least,
            color=AT_LEAST_COLOUR,
            marker="s",
            linestyle=":",
            linewidth=2,
            label=at_least_label,
        )
        points = [(p, v) for p, v in zip(positions, target, strict=True) if v is not None]
        if points:
            axes.plot(
                [p for p, _v in points],
                [v for _p, v in points],
                color=TARGET_COLOUR,
                marker="D",
                linestyle="--",
                linewidth=1.5,
                label=target_label,
            )
        axes.set_xticks(positions, list(categories))
        axes.yaxis.set_major_formatter(FuncFormatter(axis_millions))
        axes.set_ylabel(y_label)
        axes.set_ylim(bottom=0)
        axes.grid(axis="y", color="#d0d0d0", linewidth=0.6)
        axes.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        return _svg(figure)


def savings_chart(standing) -> Chart:
    """The chart of a `benefits.selectors.savings.SavingsStanding`."""
    years = standing.years
    svg = band_chart(
        categories=tuple(str(y.year) for y in years),
        expected=tuple(y.range.expected for y in years),
        p10=tuple(y.range.p10 for y in years),
        p90=tuple(y.range.p90 for y in years),
        at_least=tuple(y.range.at_least for y in years),
        target=tuple(y.ledger.target for y in years),
        labels=(
            str(_("Expected")),
            str(_("Range (P10–P90)")),
            str(_("80 % sure of at least")),
            str(_("Target")),
        ),
        y_label=str(_("Million kroner")),
    )
    parts = [
        _(
            "%(year)s: target %(target)s, expected %(expected)s, range %(low)s to %(high)s, 80 %% sure of at least %(at_least)s"
        )
        % {
            "year": y.year,
            "target": format_millions(y.ledger.target),
            "expected": format_millions(y.range.expected),
            "low": format_millions(y.range.p10),
            "high": format_millions(y.range.p90),
            "at_least": format_millions(y.range.at_least),
        }
        for y in years
    ]
    alt = _("Line chart of the savings target against the expected gain per year, with its range.") + " "
    return Chart(svg=svg, alt=alt + "; ".join(parts) + ".")
