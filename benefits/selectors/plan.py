"""The benefit plan as the Excel export writes it and the import reads it: rows, project labels, owners
by name and the benefits already there."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model

from core.people import person_name
from programmes.models import Programme, Project

from ..models import Benefit, BenefitPlanYear
from .counting import plan_years


@dataclass(frozen=True)
class PlanRow:
    """One benefit as a row of the Excel benefit plan."""

    project: str  # the project's name, or "Sub-programme / Project" where the name is not unique
    title: str
    kind: str  # a BenefitKind value
    owner: str
    budget_withdrawal: bool
    planned: dict[int, Decimal | None]
    realised: dict[int, Decimal | None]


def project_labels(projects: list[dict]) -> dict[int, str]:
    """How a project is named in the Excel file: its name, qualified by its sub-programme when another
    project in the programme has the same name (names are unique only within a sub-programme)."""
    counts: dict[str, int] = defaultdict(int)
    for p in projects:
        counts[p["name"].strip().casefold()] += 1
    return {
        p["pk"]: (
            f"{p['sub_programme__name']} / {p['name']}"
            if counts[p["name"].strip().casefold()] > 1
            else p["name"]
        )
        for p in projects
    }


def programme_projects(*, programme_id: int) -> list[dict]:
    return list(
        Project.objects.filter(sub_programme__programme=programme_id)
        .values("pk", "name", "sub_programme_id", "sub_programme__name", "sub_programme__leader_id")
        .order_by("sub_programme__position", "name", "pk")
    )


def benefit_plan(*, programme_id: int) -> tuple[list[int], list[PlanRow]]:
    """The whole benefit plan of a programme as Excel rows, in four queries whatever its size.

    The years are the plan period plus every other year a benefit has figures for.
    """
    programme = Programme.objects.select_related("economic_plan").get(pk=programme_id)
    projects = programme_projects(programme_id=programme_id)
    labels = project_labels(projects)
    order = {p["pk"]: index for index, p in enumerate(projects)}
    benefits = list(
        Benefit.objects.filter(project__sub_programme__programme=programme_id)
        .select_related("owner")
        .only(
            "pk",
            "project_id",
            "title",
            "kind",
            "owner__first_name",
            "owner__last_name",
            "owner__username",
        )
    )
    benefits.sort(key=lambda b: (order[b.project_id], b.pk))
    # The yearly figures as plain tuples: a model instance per year made a large plan slow (6,000 benefits
    # with 30,000 years took 1.8 s, most of it building instances the export never needs).
    figures: dict[int, dict[int, tuple]] = defaultdict(dict)
    withdrawn: set[int] = set()
    for benefit_id, year, planned, realised, withdrawal in BenefitPlanYear.objects.filter(
        benefit__project__sub_programme__programme=programme_id
    ).values_list("benefit_id", "year", "planned", "realised", "withdrawal"):
        figures[benefit_id][year] = (planned, realised)
        if withdrawal:
            withdrawn.add(benefit_id)
    years = set(plan_years(programme))
    for by_year in figures.values():
        years.update(by_year)
    year_list = sorted(years)
    rows = []
    for benefit in benefits:
        by_year = figures.get(benefit.pk, {})
        rows.append(
            PlanRow(
                project=labels[benefit.project_id],
                title=benefit.title,
                kind=benefit.kind,
                owner=person_name(benefit.owner) if benefit.owner else "",
                budget_withdrawal=benefit.pk in withdrawn,
                planned={y: by_year[y][0] if y in by_year else None for y in year_list},
                realised={y: by_year[y][1] if y in by_year else None for y in year_list},
            )
        )
    return year_list, rows


def benefit_plan_size(*, programme_id: int) -> int:
    """How many rows the programme's benefit plan export has: one per benefit (one query)."""
    return Benefit.objects.filter(project__sub_programme__programme=programme_id).count()


def people_by_name() -> dict[str, list[int]]:
    """Active users by casefolded full name and by username, for matching the `Gevinsteier` column."""
    names: dict[str, list[int]] = defaultdict(list)
    for pk, username, first, last in (
        get_user_model()
        .objects.filter(is_active=True)
        .values_list("pk", "username", "first_name", "last_name")
    ):
        full = f"{first} {last}".strip()
        if full:
            names[full.casefold()].append(pk)
        if username.casefold() != full.casefold():
            names[username.casefold()].append(pk)
    return names


def existing_benefits(*, programme_id: int) -> dict[tuple[int, str], Benefit]:
    """The programme's benefits by (project id, casefolded title), with their plan years."""
    return {
        (b.project_id, b.title.strip().casefold()): b
        for b in Benefit.objects.filter(project__sub_programme__programme=programme_id).prefetch_related(
            "plan_years"
        )
    }
