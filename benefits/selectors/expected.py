"""A project's expected financial gain: the one figure every page, export and report shows."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import F, Sum

from programmes.gains import ESTIMATE, PLAN, UNKNOWN, ExpectedGain
from programmes.models import Project

from .. import models
from ..models import FINANCIAL_KINDS, BenefitPlanYear
from .counting import _int, current_year


def expected_gains(*, project_ids: Iterable[int]) -> dict[int, ExpectedGain]:
    """The one figure of a project's expected financial gain, for every page, export and report.

    Over the years of the project's economic-plan period: the gain plan (the financial benefits' planned
    figures) where the project has one, i.e. any planned financial figure in the period; until then the
    proposal's estimated gain per year (`Project.estimated_annual_gain`), counted for each year from the
    year the project is planned to start (every year of the period when no start is set) and marked as an
    estimate; when there is neither, unknown (not 0). Two queries, whatever the number of projects.
    """
    ids = list(project_ids)
    projects = Project.objects.filter(pk__in=ids).values(
        "pk",
        "start_date",
        "estimated_annual_gain",
        start_year=F("sub_programme__programme__economic_plan__start_year"),
        plan_length=F("sub_programme__programme__economic_plan__years"),
    )
    planned: dict[int, dict[int, int]] = defaultdict(dict)
    for row in (
        BenefitPlanYear.objects.filter(
            benefit__project_id__in=ids, benefit__kind__in=FINANCIAL_KINDS, planned__isnull=False
        )
        .values("benefit__project_id", "year")
        .annotate(planned=Sum("planned"))
        .order_by()
    ):
        planned[row["benefit__project_id"]][row["year"]] = _int(row["planned"])
    result = {}
    for p in projects:
        if p["start_year"] is None:
            years = list(range(current_year(), current_year() + models.DEFAULT_PLAN_YEARS))
        else:
            years = list(range(p["start_year"], p["start_year"] + p["plan_length"]))
        plan = planned.get(p["pk"], {})
        estimate = p["estimated_annual_gain"]
        if any(year in plan for year in years):
            gain = ExpectedGain(
                PLAN, tuple(years), {year: plan.get(year, 0) for year in years}, estimate_per_year=estimate
            )
        elif estimate is not None:
            first = p["start_date"].year if p["start_date"] else years[0]
            gain = ExpectedGain(
                ESTIMATE,
                tuple(years),
                {year: estimate if year >= first else 0 for year in years},
                estimate_per_year=estimate,
            )
        else:
            gain = ExpectedGain(UNKNOWN, tuple(years))
        result[p["pk"]] = gain
    return result


def benefits_expected(*, programme_id: int, years: Iterable[int]) -> dict[int, int]:
    """Each financial benefit of the programme with its share of `expected_gains`: the sum of its planned
    figures over `years` (its project's economic-plan years). A benefit without a planned figure in those
    years is left out (unknown, not 0). One query."""
    return {
        row["benefit_id"]: _int(row["planned"])
        for row in BenefitPlanYear.objects.filter(
            benefit__project__sub_programme__programme=programme_id,
            benefit__kind__in=FINANCIAL_KINDS,
            year__in=list(years),
            planned__isnull=False,
        )
        .values("benefit_id")
        .annotate(planned=Sum("planned"))
        .order_by()
    }
