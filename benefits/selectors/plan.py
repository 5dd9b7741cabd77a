"""The benefit plan as the Excel export writes it and the import reads it: rows, project labels, owners
by name and the benefits already there."""

from __future__ import annotations

from collections import defaultdict

from django.contrib.auth import get_user_model

from programmes.models import Project

from ..models import Benefit


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
