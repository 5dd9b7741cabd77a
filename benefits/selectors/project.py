"""One project's gains (its benefits with their yearly figures and totals) and the recorded changes of
them."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch, QuerySet

from core import history
from programmes.models import Project

from ..models import Benefit, BenefitPlanYear
from .counting import _int, counted_realised, current_year, plan_years


@dataclass
class BenefitRow:
    """One benefit in the project grid: its plan years by year and its totals over the shown years."""

    benefit: Benefit
    years: dict[int, BenefitPlanYear | None]
    planned_total: Decimal
    realised_total: Decimal
    # Years with a realised figure stored for a year that has not started: shown, never counted.
    uncounted_realised: frozenset[int] = frozenset()


@dataclass
class ProjectGains:
    project: Project
    years: list[int]
    rows: list[BenefitRow]
    planned_by_year: dict[int, int]  # financial benefits only, whole kroner
    realised_by_year: dict[int, int]
    planned_total: int
    realised_total: int
    this_year: int = 0

    @property
    def year_totals(self) -> list[tuple[int, int, int]]:
        """(year, planned, realised) of the financial benefits, for the grid's total row."""
        return [(y, self.planned_by_year[y], self.realised_by_year[y]) for y in self.years]


def project_gains(*, project_id: int) -> ProjectGains:
    """A project with its benefits and their plan years, in three queries whatever the number of benefits.

    The years shown are the programme's plan period plus any other year a benefit has figures for.
    """
    gains = projects_gains(project_ids=[project_id])
    if project_id not in gains:
        raise Project.DoesNotExist(f"No project with id {project_id}")
    return gains[project_id]


def projects_gains(*, project_ids: Iterable[int]) -> dict[int, ProjectGains]:
    """`project_gains` of many projects by id, in three queries however many projects there are."""
    projects = list(
        Project.objects.select_related("sub_programme__programme__economic_plan", "owner", "leader").filter(
            pk__in=list(project_ids)
        )
    )
    return _gains_of(projects)


def gains_of_project(project: Project) -> ProjectGains:
    """`project_gains` of a project already loaded (with `sub_programme__programme__economic_plan`), in two
    queries: the pages that have the project at hand save fetching it again."""
    return _gains_of([project])[project.pk]


def project_benefits(*, project_ids: Iterable[int]) -> QuerySet[Benefit]:
    """Projects' benefits as their gains are shown: with the owner, and the plan years by year (two queries)."""
    return (
        Benefit.objects.filter(project__in=list(project_ids))
        .select_related("owner")
        .prefetch_related(Prefetch("plan_years", queryset=BenefitPlanYear.objects.order_by("year")))
        .order_by("pk")
    )


def _gains_of(projects: list[Project]) -> dict[int, ProjectGains]:
    benefits_by_project: dict[int, list[Benefit]] = {}
    for benefit in project_benefits(project_ids=[p.pk for p in projects]):
        benefits_by_project.setdefault(benefit.project_id, []).append(benefit)
    gains = {}
    for project in projects:
        benefits = benefits_by_project.get(project.pk, [])
        year_rows = [plan_year for benefit in benefits for plan_year in benefit.plan_years.all()]
        gains[project.pk] = gains_from_rows(project, benefits=benefits, year_rows=year_rows)
    return gains


def gains_from_rows(
    project: Project, *, benefits: list[Benefit], year_rows: Iterable[BenefitPlanYear]
) -> ProjectGains:
    """A project's gains from its benefits and their plan years as read already, without a query: the
    grid's save reads them under its lock, saves, and answers with the figures of what it holds."""
    this_year = current_year()
    by_benefit: dict[int, dict[int, BenefitPlanYear]] = {benefit.pk: {} for benefit in benefits}
    for plan_year in year_rows:
        by_benefit[plan_year.benefit_id][plan_year.year] = plan_year
    years = set(plan_years(project.sub_programme.programme))
    for by_year in by_benefit.values():
        years.update(by_year)
    year_list = sorted(years)
    rows = []
    planned_by_year = dict.fromkeys(year_list, 0)
    realised_by_year = dict.fromkeys(year_list, 0)
    for benefit in benefits:
        by_year = by_benefit[benefit.pk]
        rows.append(
            BenefitRow(
                benefit=benefit,
                years={year: by_year.get(year) for year in year_list},
                planned_total=sum((py.planned or 0 for py in by_year.values()), Decimal(0)),
                realised_total=sum(
                    (counted_realised(py, this_year) or 0 for py in by_year.values()), Decimal(0)
                ),
                uncounted_realised=frozenset(
                    py.year for py in by_year.values() if py.realised is not None and py.year > this_year
                ),
            )
        )
        if benefit.is_financial:
            for year, py in by_year.items():
                planned_by_year[year] += _int(py.planned)
                realised_by_year[year] += _int(counted_realised(py, this_year))
    return ProjectGains(
        project=project,
        years=year_list,
        rows=rows,
        planned_by_year=planned_by_year,
        realised_by_year=realised_by_year,
        planned_total=sum(planned_by_year.values()),
        realised_total=sum(realised_by_year.values()),
        this_year=this_year,
    )


def benefit_history_records(*, project_id: int) -> tuple[list, list]:
    """The recorded changes of a project's benefits and their plan years (two queries)."""
    benefit_records = history.records(Benefit, project_id=project_id)
    year_records = history.records(BenefitPlanYear, benefit_id__in={r.id for r in benefit_records})
    return benefit_records, year_records
