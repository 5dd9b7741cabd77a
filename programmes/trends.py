"""Status history as a trend: per project and status dimension, the rating of each of the last periods,
read for any number of projects in a fixed number of queries, and drawn as a small SVG grid.

A period is shown from the first one the project existed and had started in (or had a report for) up to
the end period; a period without a report is «no report», never a rating. Only the latest version of a
period's report counts (a correction replaces what it corrects). The chart tells a rating by shape and
word as well as colour (as `includes/rating.html` does), and the table beside it has the same cells.
"""

from __future__ import annotations

import datetime
import html
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from core.periods import Period

from .models import STATUS_DIMENSIONS, Project, Rating, StatusReport

TREND_PERIODS = 6
NO_REPORT = ""

# rating -> (fill, stroke, shape); the shapes are those of includes/status_icon.html.
STYLES = {
    Rating.GREEN: ("#1b7f3b", "#0d4d22", "check"),
    Rating.YELLOW: ("#f2b705", "#5c3b00", "warning"),
    Rating.RED: ("#b3261e", "#7a1510", "cross"),
    NO_REPORT: ("#ffffff", "#6b7280", "none"),
}


def rating_word(value: str) -> str:
    return {
        Rating.GREEN: _("Green"),
        Rating.YELLOW: _("Yellow"),
        Rating.RED: _("Red"),
        NO_REPORT: _("no report"),
    }[value]


def dimension_label(name: str) -> str:
    return str(StatusReport._meta.get_field(name).verbose_name)


@dataclass(frozen=True)
class TrendCell:
    period: Period
    rating: str  # a Rating value, or NO_REPORT

    @property
    def word(self) -> str:
        return rating_word(self.rating)


@dataclass(frozen=True)
class DimensionTrend:
    name: str
    label: str
    cells: tuple[TrendCell, ...]


@dataclass(frozen=True)
class StatusTrend:
    project_id: int
    periods: tuple[Period, ...]
    dimensions: tuple[DimensionTrend, ...]

    @property
    def reported(self) -> int:
        """How many of the periods shown have a report."""
        return (
            sum(1 for cell in self.dimensions[0].cells if cell.rating != NO_REPORT) if self.dimensions else 0
        )

    @property
    def chart(self) -> TrendChart:
        return trend_chart(self)


def _existed(project: dict, period: Period) -> bool:
    """Whether the project existed and had started by the end of `period` (the rule of
    selectors.project_owes_status_report, without the phase: a closed project's history is still history)."""
    created = timezone.localdate(project["created_at"]) if project["created_at"] else None
    return (created is None or created <= period.end) and (
        project["start_date"] is None or project["start_date"] <= period.end
    )


def status_trends(
    *,
    project_ids: Iterable[int],
    until: Period | None = None,
    today: datetime.date | None = None,
    count: int = TREND_PERIODS,
) -> dict[int, StatusTrend]:
    """Every project's status trend over its last `count` periods, in two queries however many projects.

    `until`: the last period shown (a report's period). Without it, the current period when the project has
    reported it, else the last one that has ended (the current period's report is not due yet, so its
    absence is no gap).
    """
    ids = list(project_ids)
    today = today or timezone.localdate()
    projects = list(
        Project.objects.filter(pk__in=ids).values(
            "pk", "created_at", "start_date", scheme=F("sub_programme__programme__reporting_scheme")
        )
    )
    windows: dict[int, list[Period]] = {}
    for project in projects:
        if until is None:
            end = Period.containing(today, project["scheme"])
        else:
            end = (
                until
                if until.scheme == project["scheme"]
                else Period.containing(until.end, project["scheme"])
            )
        window = [end]
        # One extra period at the front, in case the current one is dropped below.
        for _i in range(count):
            window.insert(0, window[0].previous())
        windows[project["pk"]] = window
    keys = {period.key for window in windows.values() for period in window}
    latest: dict[tuple[int, str], StatusReport] = {}
    for report in StatusReport.objects.filter(project_id__in=ids, period_key__in=keys).only(
        "project_id", "period_key", "version", *STATUS_DIMENSIONS
    ):
        key = (report.project_id, report.period_key)
        if key not in latest or latest[key].version < report.version:
            latest[key] = report
    trends = {}
    for project in projects:
        pk = project["pk"]
        window = windows[pk]
        window = window[:-1] if until is None and (pk, window[-1].key) not in latest else window[1:]
        # Leading periods before the project existed (and had no report) are left out; a gap later is shown.
        first = next(
            (i for i, period in enumerate(window) if (pk, period.key) in latest or _existed(project, period)),
            len(window),
        )
        window = window[first:]
        dimensions = tuple(
            DimensionTrend(
                name=name,
                label=dimension_label(name),
                cells=tuple(
                    TrendCell(
                        period,
                        getattr(latest[(pk, period.key)], name) if (pk, period.key) in latest else NO_REPORT,
                    )
                    for period in window
                ),
            )
            for name in STATUS_DIMENSIONS
        )
        trends[pk] = StatusTrend(project_id=pk, periods=tuple(window), dimensions=dimensions)
    return trends


# --- The chart ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TrendChart:
    svg: str
    alt: str

    @property
    def data_uri(self) -> str:
        import base64

        return "data:image/svg+xml;base64," + base64.b64encode(self.svg.encode("utf-8")).decode("ascii")


LABEL_WIDTH = 150
CELL = 34
HEAD = 40
ROW = 30


def _shape(kind: str, cx: float, cy: float, fill: str, stroke: str) -> str:
    r = 10
    if kind == "check":
        return (
            f'<circle cx="{cx}" cy="{cy}" r="{r}" fill="{fill}"/>'
            f'<path d="M{cx - 5} {cy + 0.5}l3.3 3.3 7-7" fill="none" stroke="#fff" stroke-width="2.4"/>'
        )
    if kind == "warning":
        return (
            f'<path d="M{cx} {cy - 10.5}l11 19.5h-22z" fill="{fill}" stroke="{stroke}" stroke-width="0.8"/>'
            f'<path d="M{cx} {cy - 3.5}v6M{cx} {cy + 4.5}v2.2" stroke="#000" stroke-width="2.2"/>'
        )
    if kind == "cross":
        return (
            f'<rect x="{cx - r}" y="{cy - r}" width="{2 * r}" height="{2 * r}" rx="2.5" fill="{fill}"/>'
            f'<path d="M{cx - 4.5} {cy - 4.5}l9 9M{cx + 4.5} {cy - 4.5}l-9 9" stroke="#fff" stroke-width="2.4"/>'
        )
    return (
        f'<circle cx="{cx}" cy="{cy}" r="{r - 1}" fill="{fill}" stroke="{stroke}" stroke-width="1.5" '
        f'stroke-dasharray="3 2.5"/>'
    )


def trend_chart(trend: StatusTrend) -> TrendChart:
    """The trend as a grid of shapes: a row per dimension, a column per period (oldest left), the period
    names on top and a legend with the words below."""
    escape = html.escape
    columns = len(trend.periods)
    words = [rating_word(value) for value in STYLES]
    legend_width = sum(35 + 7 * len(word) for word in words)
    width = max(LABEL_WIDTH + max(columns, 1) * CELL + 10, legend_width)
    rows = len(trend.dimensions)
    legend_y = HEAD + rows * ROW + 22
    height = legend_y + 16
    title = _("Status trend per dimension over the last %(count)s periods") % {"count": columns}
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" font-family="DejaVu Sans, Arial, sans-serif" font-size="12" role="img" '
        f'aria-label="{escape(title)}">',
        f"<title>{escape(title)}</title>",
    ]
    for index, period in enumerate(trend.periods):
        x = LABEL_WIDTH + index * CELL + CELL / 2
        label = _short_period(period)
        parts.append(
            f'<text x="{x}" y="{HEAD - 8}" text-anchor="middle" font-size="10" fill="#1a1a1a">'
            f"{escape(label[0])}</text>"
            f'<text x="{x}" y="{HEAD - 22}" text-anchor="middle" font-size="10" fill="#4b5563">'
            f"{escape(label[1])}</text>"
        )
    for row, dimension in enumerate(trend.dimensions):
        y = HEAD + row * ROW + ROW / 2
        parts.append(
            f'<text x="0" y="{y + 4}" fill="#1a1a1a">{escape(dimension.label[:1].upper() + dimension.label[1:])}'
            "</text>"
        )
        for index, cell in enumerate(dimension.cells):
            fill, stroke, kind = STYLES[cell.rating]
            x = LABEL_WIDTH + index * CELL + CELL / 2
            parts.append(
                f"<g><title>{escape(f'{dimension.label}, {cell.period.label}: {cell.word}')}</title>"
                f"{_shape(kind, x, y, fill, stroke)}</g>"
            )
    x = 0
    for value in (Rating.GREEN, Rating.YELLOW, Rating.RED, NO_REPORT):
        fill, stroke, kind = STYLES[value]
        word = rating_word(value)
        parts.append(_shape(kind, x + 10, legend_y, fill, stroke))
        parts.append(f'<text x="{x + 25}" y="{legend_y + 4}" fill="#1a1a1a">{escape(word)}</text>')
        x += 35 + 7 * len(word)
    parts.append("</svg>")
    alt = _trend_alt(trend)
    return TrendChart(svg="".join(parts), alt=alt)


def _short_period(period: Period) -> tuple[str, str]:
    """(period within the year, year) for the chart's column heads: «T2», «2026» or «03», «2026»."""
    if period.key[5:].startswith("T"):
        return period.key[5:], str(period.year)
    return f"{period.number:02d}", str(period.year)


def _trend_alt(trend: StatusTrend) -> str:
    if not trend.periods:
        return _("No reporting periods to show yet.")
    parts = [
        f"{dimension.label[:1].upper()}{dimension.label[1:]}: "
        + ", ".join(f"{cell.period.label} {cell.word.lower()}" for cell in dimension.cells)
        for dimension in trend.dimensions
    ]
    return (
        _("Status trend from %(first)s to %(last)s.")
        % {
            "first": trend.periods[0].label,
            "last": trend.periods[-1].label,
        }
        + " "
        + "; ".join(parts)
        + "."
    )
