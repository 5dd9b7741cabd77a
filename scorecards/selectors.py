"""Reads of goals and scorecards, shared by the pages, the Excel/CSV export and (later) the portfolio."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

from django.db.models import Count, Prefetch, QuerySet
from django.urls import reverse
from django.utils.translation import get_language, gettext

from core.history import last_editor
from programmes.models import Project

from . import values
from .direction import Inference, infer_direction
from .excel import direction_text
from .models import Goal, Indicator, IndicatorValue, ProjectGoal, Scorecard
from .values import Status, Trend

EARLIER_YEARS = 2


@lru_cache(maxsize=512)
def _result_label_cached(year: int, language: str) -> str:
    return gettext("Result %(year)s") % {"year": year}


def _result_label(year: int) -> str:
    return _result_label_cached(
        year, get_language() or ""
    )  # results of this many years before the chosen one, as in annual reports


def goals_for_projects(project_ids: Iterable[int]) -> dict[int, list[ProjectGoal]]:
    """Each project's goal links (with goal and main goal loaded), in one query; projects without any are
    missing from the dict."""
    links = ProjectGoal.objects.filter(project_id__in=list(project_ids)).select_related("goal__parent")
    result: dict[int, list[ProjectGoal]] = defaultdict(list)
    for link in links:
        result[link.project_id].append(link)
    return dict(result)


def goal_tree() -> list[Goal]:
    """The social goals with their sub-goals, each with `project_count` (two queries)."""
    children = Goal.objects.annotate(project_count=Count("project_links")).order_by("position", "code")
    return list(
        Goal.objects.filter(parent__isnull=True)
        .annotate(project_count=Count("project_links"))
        .prefetch_related(Prefetch("children", queryset=children))
        .order_by("position", "code")
    )


def goal_detail(*, goal_id: int) -> Goal:
    """A goal with its main goal, sub-goals, project links (with project and sub-programme) and indicators."""
    return (
        Goal.objects.select_related("parent", "programme")
        .prefetch_related(
            Prefetch("children", queryset=Goal.objects.order_by("position", "code")),
            Prefetch(
                "project_links",
                queryset=ProjectGoal.objects.select_related("project__sub_programme").order_by(
                    "project__name"
                ),
            ),
            Prefetch(
                "indicators",
                queryset=Indicator.objects.select_related("scorecard").order_by(
                    "scorecard__title", "position"
                ),
            ),
        )
        .get(pk=goal_id)
    )


def project_goal_links(*, project: Project) -> list[ProjectGoal]:
    return list(project.goal_links.select_related("goal__parent").order_by("goal__position", "goal__code"))


def goal_choices() -> QuerySet[Goal]:
    return Goal.objects.select_related("parent").order_by("position", "code")


def scorecard_list() -> QuerySet[Scorecard]:
    return Scorecard.objects.select_related("owner").annotate(indicator_count=Count("indicators"))


def scorecard_by_title(title: str) -> Scorecard | None:
    """The scorecard with this title in any case. Compared in Python: SQLite's LOWER() knows only ASCII."""
    wanted = " ".join(title.split()).casefold()
    return next(
        (
            s
            for s in Scorecard.objects.select_related("owner")
            if " ".join(s.title.split()).casefold() == wanted
        ),
        None,
    )


@dataclass
class IndicatorLine:
    """One indicator's row on the scorecard page for the chosen year."""

    indicator: Indicator
    year: int
    by_year: dict[int, IndicatorValue]
    _statuses: dict[int, Status] = field(default_factory=dict, repr=False)

    @property
    def value(self) -> IndicatorValue | None:
        return self.by_year.get(self.year)

    @property
    def target(self) -> values.Value | None:
        return self.value.target if self.value else None

    @property
    def result(self) -> values.Value | None:
        return self.value.result if self.value else None

    @property
    def target_text(self) -> str:
        return self.value.target_text if self.value else ""

    @property
    def result_text(self) -> str:
        return self.value.result_text if self.value else ""

    def status_in(self, year: int) -> Status:
        if year not in self._statuses:
            self._statuses[year] = self.indicator.status_in(year, self.by_year)
        return self._statuses[year]

    @property
    def status(self) -> Status:
        return self.status_in(self.year)

    @property
    def earlier(self) -> list[tuple[int, str, str]]:
        """(year, result as written, the column's label) for the years before, latest first."""
        return [
            (year, self.by_year[year].result_text if year in self.by_year else "", _result_label(year))
            for year in range(self.year - 1, self.year - 1 - EARLIER_YEARS, -1)
        ]

    @property
    def edit_url(self) -> str:
        return reverse("scorecards:value_edit", args=[self.indicator.pk])

    @property
    def trend(self) -> Trend | None:
        """This year's result against the latest measured result before it."""
        later = self.result
        for year in sorted((y for y in self.by_year if y < self.year), reverse=True):
            earlier = self.by_year[year].result
            if earlier is not None and earlier.is_measured:
                return values.trend(earlier, later, self.indicator.status_direction)
        return None

    @cached_property
    def proposed_direction(self) -> Inference:
        """What the name and the values say about the direction, for the owner to confirm."""
        values_by_year = list(self.by_year.values())
        return infer_direction(
            self.indicator.name,
            *(v.result for v in values_by_year),
            targets=[v.target for v in values_by_year],
        )


@dataclass
class Group:
    area: str
    perspectives: list[tuple[str, list[IndicatorLine]]] = field(default_factory=list)


SUMMARY_ORDER = (
    Status.MET,
    Status.MISSED,
    Status.NOT_MEASURED,
    Status.NO_TARGET,
    Status.NOT_ASSESSABLE,
    Status.NO_DIRECTION,
)


@dataclass
class ScorecardTable:
    scorecard: Scorecard
    year: int
    years: list[int]
    groups: list[Group]
    lines: list[IndicatorLine]
    summary: dict[int, Counter]  # year -> Counter of statuses

    @property
    def earlier_years(self) -> list[int]:
        return list(range(self.year - 1, self.year - 1 - EARLIER_YEARS, -1))

    @property
    def summary_rows(self) -> list[tuple[int, list[int]]]:
        return [(year, [self.summary[year][status] for status in SUMMARY_ORDER]) for year in self.years]

    @property
    def this_year_counts(self) -> list[tuple[Status, int]]:
        """This year's count of each status, leaving out the two that only some scorecards have when none
        has them."""
        counts = self.this_year
        return [
            (status, counts[status])
            for status in SUMMARY_ORDER
            if counts[status] or status not in (Status.NOT_ASSESSABLE, Status.NO_DIRECTION)
        ]

    @property
    def to_confirm(self) -> list[IndicatorLine]:
        """The indicators whose direction nobody has confirmed: no Nådd/Ikke nådd until someone does."""
        return [line for line in self.lines if not line.indicator.direction_confirmed]

    @property
    def this_year(self) -> Counter:
        return self.summary.get(self.year, Counter())


def scorecard_indicators(scorecard: Scorecard) -> list[Indicator]:
    """The scorecard's indicators in order, each with its values (two queries)."""
    return list(
        scorecard.indicators.select_related("goal").prefetch_related(
            Prefetch("values", queryset=IndicatorValue.objects.order_by("year"))
        )
    )


def scorecard_years(scorecard: Scorecard, indicators: list[Indicator]) -> list[int]:
    years = {v.year for i in indicators for v in i.values.all()}
    if scorecard.first_year and scorecard.last_year:
        years |= set(range(scorecard.first_year, scorecard.last_year + 1))
    return sorted(years)


def default_year(indicators: list[Indicator], years: list[int]) -> int | None:
    """The latest year with a result, else the latest year."""
    with_results = [v.year for i in indicators for v in i.values.all() if v.result_kind]
    if with_results:
        return max(with_results)
    return years[-1] if years else None


def scorecard_table(*, scorecard: Scorecard, year: int | None = None) -> ScorecardTable:
    """The scorecard page's table for `year`: indicators grouped by area and perspective, statuses, trend
    and status counts per year."""
    indicators = scorecard_indicators(scorecard)
    years = scorecard_years(scorecard, indicators)
    if year is None or (years and year not in years):
        year = default_year(indicators, years)
    if year is None:
        year = scorecard.last_year or scorecard.created_at.year
        years = [year]
    lines = [IndicatorLine(i, year, {v.year: v for v in i.values.all()}) for i in indicators]
    groups: dict[str, dict[str, list[IndicatorLine]]] = {}
    for line in lines:
        groups.setdefault(line.indicator.area, {}).setdefault(line.indicator.perspective, []).append(line)
    summary = {y: Counter(line.status_in(y) for line in lines) for y in years}
    return ScorecardTable(
        scorecard=scorecard,
        year=year,
        years=years,
        groups=[Group(area, list(perspectives.items())) for area, perspectives in groups.items()],
        lines=lines,
        summary=summary,
    )


def indicator_line(*, indicator: Indicator, year: int) -> IndicatorLine:
    by_year = {v.year: v for v in indicator.values.order_by("year")}
    return IndicatorLine(indicator, year, by_year)


def scorecard_export_rows(*, scorecard: Scorecard) -> list[list[object]]:
    """The long form: one row per indicator and year with a value; original texts in Mål and Resultat."""
    rows = []
    labels = {status: str(label) for status, label in values.STATUS_LABELS.items()}
    for indicator in scorecard_indicators(scorecard):
        # An unconfirmed direction is left out, so that importing the file again does not confirm a guess.
        direction = direction_text(indicator.direction) if indicator.direction_confirmed else ""
        by_year = {value.year: value for value in indicator.values.all()}
        if not indicator.values.all():
            rows.append(
                [
                    indicator.area,
                    indicator.perspective,
                    indicator.name,
                    indicator.unit,
                    direction,
                    None,
                    "",
                    "",
                    "",
                ]
            )
        for value in indicator.values.all():
            status = indicator.status_in(value.year, by_year)
            rows.append(
                [
                    indicator.area,
                    indicator.perspective,
                    indicator.name,
                    indicator.unit,
                    direction,
                    value.year,
                    value.target_text,
                    value.result_text,
                    labels[status],
                ]
            )
    return rows


def scorecard_export_size(*, scorecard: Scorecard) -> int:
    """At most how many rows the long-form export of the scorecard has (one query): a row per value, and
    one for each indicator without values."""
    counts = Indicator.objects.filter(scorecard=scorecard).aggregate(
        indicators=Count("pk", distinct=True), values=Count("values")
    )
    return counts["indicators"] + counts["values"]


def cell_changed_by(*, indicator: Indicator, year: int) -> str:
    """Who saved the indicator's value for `year` last (also when it was removed); empty if unknown."""
    return last_editor(IndicatorValue.history.filter(indicator_id=indicator.pk, year=year))
