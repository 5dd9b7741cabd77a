"""Read queries for programmes and projects, shared by pages, exports and reports."""

from django.db.models import Count, Prefetch, QuerySet

from .models import Programme, Project, SubProgramme


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.annotate(
        sub_programme_count=Count("sub_programmes", distinct=True),
        project_count=Count("sub_programmes__projects", distinct=True),
    ).order_by("name")


def programme_with_structure(*, programme_id: int) -> Programme:
    """A programme with its sub-programmes and their projects, in three queries whatever the size."""
    projects = Project.objects.select_related("leader", "owner").order_by("name")
    sub_programmes = (
        SubProgramme.objects.select_related("leader")
        .prefetch_related(Prefetch("projects", queryset=projects))
        .order_by("position", "name")
    )
    return Programme.objects.prefetch_related(Prefetch("sub_programmes", queryset=sub_programmes)).get(
        pk=programme_id
    )
