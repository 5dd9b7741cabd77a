"""Non-financial gains as indicators: a benefit's measurement series (its own measurements and the results of
a linked scorecard indicator), its achievement from baseline to target, and whether the target's way agrees
with the indicator's direction. One selector for the project page, the programme's gains overview and the
report's project sheet, so the three show the same figure.

The rules:

- A linked indicator's yearly result counts as a measurement dated 31 December of its year, marked with its
  source (the scorecard), and only when it is an exact number in a unit compatible with the benefit's unit
  of measure: a number whose unit (or, without one, the indicator's unit) is the benefit's, a percentage
  for a benefit measured in %, a duration for a benefit measured in a duration unit (converted, `2 t` is
  120 for a benefit in minutes). A limit (`<205`), a rank, yes/no, a ratio, a relative or a text result, or
  «Ikke målt» is shown in the series with the reason, but never used for achievement.
- Achievement = (latest − baseline) / (target − baseline) in per cent, rounded half up to one decimal: it
  may be negative (worse than the baseline) or above 100 (beyond the target). It is unknown, never 0, when
  the baseline or the target is missing, when target equals baseline, or when there is no measurement.
  The latest measurement is the one with the latest date; on the same date the benefit's own measurement
  goes before the scorecard's result (a person wrote it for this benefit).
- Direction: when the indicator has a direction (higher or lower is better) and the benefit's way from
  baseline to target goes the other way, the series carries a warning.

The bulk functions read a fixed number of queries whatever the number of benefits.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import Prefetch, Q
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.freshness import cached_by_data
from programmes.models import Programme, Project, SubProgramme
from scorecards.models import Indicator, IndicatorValue
from scorecards.values import DIRECTION_LABELS, DURATION_UNITS, Bound, Direction, Kind

from ..models import FINANCIAL_KINDS, Benefit, BenefitMeasurement

# What a series reads of a benefit, where a list of thousands reads nothing more.
SERIES_FIELDS = (
    "title",
    "kind",
    "unit_of_measure",
    "baseline_value",
    "baseline_date",
    "target_value",
    "target_date",
    "indicator",
    "project",
)

OWN = "own"
SCORECARD = "scorecard"

# Units written in different ways that mean the same thing (casefolded).
_SAME_UNIT = {
    "%": "%",
    "prosent": "%",
    "pst": "%",
    "pst.": "%",
    "percent": "%",
    "kr": "kr",
    "kr.": "kr",
    "nok": "kr",
    "kroner": "kr",
    "": "",
    "antall": "",
    "stk": "",
    "stk.": "",
}


def normal_unit(unit: str) -> str:
    """A unit as compared: `%`, `prosent`, `% heltid` and `% besvart digitalt` are all per cent."""
    text = " ".join((unit or "").split()).casefold()
    if text.startswith(("%", "prosent ")):
        return "%"
    return _SAME_UNIT.get(text, text)


def _duration_minutes(unit: str) -> int | None:
    canonical = DURATION_UNITS.get(" ".join((unit or "").split()).casefold())
    return canonical[1] if canonical else None


@dataclass(frozen=True)
class Point:
    """One measurement in a benefit's series. `value` is None for a scorecard result that does not count;
    `reason` then says why."""

    measured_on: datetime.date
    value: Decimal | None
    source: str  # OWN or SCORECARD
    comment: str = ""
    text: str = ""  # a scorecard result as written
    reason: str = ""
    measurement: BenefitMeasurement | None = None

    @property
    def counts(self) -> bool:
        return self.value is not None

    @property
    def is_own(self) -> bool:
        return self.source == OWN


@dataclass
class IndicatorSeries:
    """A non-financial benefit's way from baseline to target, as every page and the report show it."""

    benefit: Benefit
    points: list[Point] = field(default_factory=list)
    indicator: Indicator | None = None

    @property
    def baseline(self) -> Decimal | None:
        return self.benefit.baseline_value

    @property
    def target(self) -> Decimal | None:
        return self.benefit.target_value

    @cached_property
    def counted(self) -> list[Point]:
        return [point for point in self.points if point.counts]

    @property
    def not_counted(self) -> list[Point]:
        return [point for point in self.points if not point.counts]

    @cached_property
    def latest(self) -> Point | None:
        counted = self.counted
        return counted[-1] if counted else None

    @cached_property
    def achievement(self) -> Decimal | None:
        """Per cent of the way from baseline to target, one decimal; None when it cannot be known."""
        latest = self.latest
        if self.baseline is None or self.target is None or latest is None or self.target == self.baseline:
            return None
        share = (latest.value - self.baseline) / (self.target - self.baseline) * 100
        return share.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def unknown_reason(self) -> str:
        """Why the achievement is unknown, in words; empty when it is known."""
        if self.baseline is None and self.target is None:
            return _("No baseline and no target.")
        if self.baseline is None:
            return _("No baseline.")
        if self.target is None:
            return _("No target.")
        if self.target == self.baseline:
            return _("The target equals the baseline.")
        if self.latest is None:
            return _("No measurement yet.")
        return ""

    @property
    def way(self) -> Direction:
        """Which way the benefit's target lies from its baseline."""
        if self.baseline is None or self.target is None or self.target == self.baseline:
            return Direction.UNKNOWN
        return Direction.HIGHER if self.target > self.baseline else Direction.LOWER

    @property
    def direction_warning(self) -> str:
        """A warning when the indicator's direction and the benefit's way from baseline to target disagree."""
        if self.indicator is None or self.way == Direction.UNKNOWN:
            return ""
        direction = self.indicator.direction
        if direction not in (Direction.HIGHER, Direction.LOWER) or direction == self.way:
            return ""
        if self.way == Direction.HIGHER:
            text = _(
                "The scorecard indicator says «%(direction)s», but the benefit's target is above its baseline."
            )
        else:
            text = _(
                "The scorecard indicator says «%(direction)s», but the benefit's target is below its baseline."
            )
        return text % {"direction": DIRECTION_LABELS[Direction(direction)]}

    @property
    def reached(self) -> bool:
        achievement = self.achievement
        return achievement is not None and achievement >= 100


def _result_point(benefit: Benefit, indicator: Indicator, value: IndicatorValue) -> Point | None:
    """A scorecard result as a point of the benefit's series, counted only when its unit fits."""
    result = value.result
    if result is None:
        return None
    measured_on = datetime.date(value.year, 12, 31)
    common = {"measured_on": measured_on, "source": SCORECARD, "text": value.result_text or str(result)}
    if not result.is_measured:
        return Point(value=None, reason=_("Not measured."), **common)
    if result.kind not in (Kind.NUMBER, Kind.PERCENT, Kind.DURATION) or result.number is None:
        return Point(value=None, reason=_("Not a number the benefit can be measured by."), **common)
    if result.bound != Bound.NONE:
        return Point(value=None, reason=_("A limit, not a measured value."), **common)
    unit = normal_unit(benefit.unit_of_measure)
    if result.kind == Kind.DURATION:
        per = _duration_minutes(benefit.unit_of_measure)
        if per is None:
            return Point(value=None, reason=_unit_reason(benefit, result.unit), **common)
        return Point(value=(result.minutes / per).normalize() + 0, **common)
    result_unit = "%" if result.kind == Kind.PERCENT else normal_unit(result.unit or indicator.unit)
    if result_unit != unit:
        return Point(value=None, reason=_unit_reason(benefit, result_unit), **common)
    return Point(value=result.number, **common)


def _unit_reason(benefit: Benefit, unit: str) -> str:
    return _("In another unit (%(unit)s) than the benefit's (%(own)s).") % {
        "unit": unit or _("no unit"),
        "own": benefit.unit_of_measure or _("no unit"),
    }


def _sort_key(point: Point):
    # On the same date the scorecard's result goes first, so the benefit's own measurement is the latest.
    return (point.measured_on, point.is_own)


def benefit_indicators(
    benefits: Iterable[Benefit], *, as_of: datetime.date | None = None, records: bool = False
) -> dict[int, IndicatorSeries]:
    """The series of each non-financial benefit by id, in three queries at most, whatever their number:
    the measurements, the linked indicators, their values. `as_of` leaves out what was measured after it
    (a report about a period ends with the period). `records` keeps each measurement's row (with who
    recorded it) on its point, for the pages that change them; the overviews and the report read only the
    numbers, which is many times faster for thousands of benefits."""
    benefits = [b for b in benefits if b.kind not in FINANCIAL_KINDS]
    if not benefits:
        return {}
    ids = [b.pk for b in benefits]
    measurements = BenefitMeasurement.objects.filter(benefit_id__in=ids).order_by("measured_on", "pk")
    if as_of is not None:
        measurements = measurements.filter(measured_on__lte=as_of)
    own: dict[int, list[Point]] = defaultdict(list)
    if records:
        for m in measurements.select_related("recorded_by"):
            own[m.benefit_id].append(Point(m.measured_on, m.value, OWN, comment=m.comment, measurement=m))
    else:
        for benefit_id, measured_on, value, comment in measurements.values_list(
            "benefit_id", "measured_on", "value", "comment"
        ):
            own[benefit_id].append(Point(measured_on, value, OWN, comment=comment))
    indicator_ids = {b.indicator_id for b in benefits if b.indicator_id}
    indicators: dict[int, Indicator] = {}
    if indicator_ids:
        values = IndicatorValue.objects.order_by("year")
        if as_of is not None:
            values = values.filter(
                year__lt=as_of.year + (1 if as_of >= datetime.date(as_of.year, 12, 31) else 0)
            )
        indicators = {
            indicator.pk: indicator
            for indicator in Indicator.objects.filter(pk__in=indicator_ids)
            .select_related("scorecard")
            .prefetch_related(Prefetch("values", queryset=values))
        }
    series = {}
    for benefit in benefits:
        indicator = indicators.get(benefit.indicator_id)
        points = list(own[benefit.pk])
        if indicator is not None:
            for value in indicator.values.all():
                point = _result_point(benefit, indicator, value)
                if point is not None:
                    points.append(point)
        points.sort(key=_sort_key)
        series[benefit.pk] = IndicatorSeries(benefit=benefit, points=points, indicator=indicator)
    return series


def project_indicators(project: Project, *, as_of: datetime.date | None = None) -> list[IndicatorSeries]:
    """The project's non-financial benefits with their series, in the benefits' order (four queries)."""
    benefits = (
        Benefit.objects.filter(project=project)
        .exclude(kind__in=FINANCIAL_KINDS)
        .select_related("owner")
        .order_by("pk")
    )
    benefits = list(benefits)
    for benefit in benefits:
        benefit.project = project  # the caller's, with what the access rules read
    return list(benefit_indicators(benefits, as_of=as_of, records=True).values())


@dataclass
class AchievementSummary:
    """The non-financial benefits of a programme or sub-programme and how far they have come."""

    series: list[IndicatorSeries]

    @property
    def count(self) -> int:
        return len(self.series)

    @property
    def known(self) -> list[IndicatorSeries]:
        return [s for s in self.series if s.achievement is not None]

    @property
    def reached(self) -> int:
        return sum(1 for s in self.series if s.reached)

    @property
    def unknown(self) -> int:
        return self.count - len(self.known)

    @property
    def warnings(self) -> int:
        return sum(1 for s in self.series if s.direction_warning)

    def furthest_behind(self, limit: int = 20) -> list[IndicatorSeries]:
        """The benefits with a known achievement, the least achieved first."""
        return sorted(self.known, key=lambda s: (s.achievement, s.benefit.pk))[:limit]


def programme_indicators(
    programme: Programme, sub_programme: SubProgramme | None = None
) -> AchievementSummary:
    """The non-financial benefits of the programme (or one sub-programme) with their series (four queries)."""
    scope = (
        Q(project__sub_programme=sub_programme)
        if sub_programme
        else Q(project__sub_programme__programme=programme)
    )
    benefits = (
        Benefit.objects.filter(scope)
        .exclude(kind__in=FINANCIAL_KINDS)
        .select_related("project")
        .only(*SERIES_FIELDS, "project__name")
        .order_by("project__name", "pk")
    )
    return AchievementSummary(series=list(benefit_indicators(list(benefits)).values()))


@dataclass(frozen=True)
class AchievementLine:
    """One benefit of the overview's list, as plain figures (kept in the cache)."""

    benefit_id: int
    title: str
    unit_of_measure: str
    project_id: int
    project_name: str
    baseline: Decimal | None
    latest: Decimal | None
    target: Decimal | None
    achievement: Decimal | None
    unknown_reason: str
    direction_warning: str


@dataclass(frozen=True)
class AchievementOverview:
    """The figures of the gains overview's section on non-financial gains."""

    count: int
    reached: int
    unknown: int
    warnings: int
    known: int
    limit: int
    lines: tuple[AchievementLine, ...]


# A write to any of these tables makes the overview's figures be computed afresh (core.freshness).
OVERVIEW_TABLES = (Benefit, BenefitMeasurement, Indicator, IndicatorValue, Project, SubProgramme)


def achievement_overview(
    *, programme: Programme, sub_programme: SubProgramme | None = None, limit: int = 20
) -> AchievementOverview:
    """How far the programme's (or sub-programme's) non-financial gains have come, and the `limit` furthest
    from their target. Thousands of benefits take a noticeable time to read, so the figures are cached
    under the state of the tables they come from (one query when nothing has changed)."""

    def compute() -> AchievementOverview:
        summary = programme_indicators(programme, sub_programme)
        lines = tuple(
            AchievementLine(
                benefit_id=s.benefit.pk,
                title=s.benefit.title,
                unit_of_measure=s.benefit.unit_of_measure,
                project_id=s.benefit.project_id,
                project_name=s.benefit.project.name,
                baseline=s.baseline,
                latest=s.latest.value if s.latest else None,
                target=s.target,
                achievement=s.achievement,
                unknown_reason=s.unknown_reason,
                direction_warning=s.direction_warning,
            )
            for s in summary.furthest_behind(limit)
        )
        known = len(summary.known)
        return AchievementOverview(
            count=summary.count,
            reached=summary.reached,
            unknown=summary.count - known,
            warnings=summary.warnings,
            known=known,
            limit=limit,
            lines=lines,
        )

    key = (programme.pk, sub_programme.pk if sub_programme else "", limit, get_language())
    return cached_by_data(
        name="benefit-achievements", key=key, model_classes=OVERVIEW_TABLES, compute=compute
    )
