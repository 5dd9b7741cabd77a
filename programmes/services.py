"""Writes to projects and their status reports, milestones and risks; each runs in one transaction."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.utils.translation import gettext as _

from .models import Milestone, Phase, Project, Risk, StatusReport
from .people import person_name

PROJECT_EDITABLE_FIELDS = (
    "sub_programme",
    "name",
    "need",
    "description",
    "goal",
    "owner",
    "leader",
    "phase",
    "start_date",
    "end_date",
    "cost_estimate",
    "resource_need",
    "estimated_annual_gain",
)


@dataclass(frozen=True)
class FieldChange:
    field: str
    label: str
    old: str
    new: str


class StaleObjectError(Exception):
    """Someone else saved the object after the form was opened; `changes` says what they changed."""

    def __init__(self, *, current_version: int, changes: list[FieldChange], changed_by: str):
        super().__init__(_("The project was changed by someone else while you were editing it."))
        self.current_version = current_version
        self.changes = changes
        self.changed_by = changed_by


def _display(instance: Any, field_name: str) -> str:
    field = instance._meta.get_field(field_name)
    if field.choices:
        return str(getattr(instance, f"get_{field_name}_display")())
    if field.is_relation:
        related = getattr(instance, field_name, None)
        if related is None:
            return "–"
        return related.get_full_name() if hasattr(related, "get_full_name") else str(related)
    value = getattr(instance, field_name)
    return "–" if value in (None, "") else str(value)


def project_changes_since(*, project: Project, version: int) -> list[FieldChange]:
    """What changed in the project's editable fields between `version` and now (via its history)."""
    old = project.history.filter(version=version).order_by("-history_date").first()
    if old is None:
        return []
    return [
        FieldChange(
            field=name,
            label=str(Project._meta.get_field(name).verbose_name),
            old=_display(old.instance, name),
            new=_display(project, name),
        )
        for name in PROJECT_EDITABLE_FIELDS
        if getattr(old, f"{name}_id" if Project._meta.get_field(name).is_relation else name)
        != getattr(project, f"{name}_id" if Project._meta.get_field(name).is_relation else name)
    ]


@transaction.atomic
def project_create(*, user: AbstractBaseUser, data: dict[str, Any]) -> Project:
    """Registers a proposal: it starts in the idea phase and waits for the portfolio decision."""
    project = Project(**{name: data[name] for name in PROJECT_EDITABLE_FIELDS if name in data})
    project.phase = Phase.IDEA
    project.full_clean()
    project._history_user = user
    project.save()
    return project


@transaction.atomic
def project_update(
    *, project_id: int, user: AbstractBaseUser, data: dict[str, Any], expected_version: int
) -> Project:
    """Saves the project if nobody else has saved it since `expected_version`; otherwise raises."""
    project = Project.objects.select_for_update().get(pk=project_id)
    if project.version != expected_version:
        last = project.history.order_by("-history_date").select_related("history_user").first()
        who = person_name(last.history_user) if last and last.history_user else ""
        raise StaleObjectError(
            current_version=project.version,
            changes=project_changes_since(project=project, version=expected_version),
            changed_by=who,
        )
    for name in PROJECT_EDITABLE_FIELDS:
        if name in data:
            setattr(project, name, data[name])
    project.version += 1
    project.full_clean()
    project._history_user = user
    project.save()
    return project


@transaction.atomic
def status_report_submit(
    *, project: Project, user: AbstractBaseUser, period_key: str, data: dict[str, Any]
) -> StatusReport:
    """Submits (and so freezes) a status report; a second one for the same period is its next version."""
    Project.objects.select_for_update().filter(pk=project.pk).first()  # serialise versions per project
    latest = project.status_reports.filter(period_key=period_key).order_by("-version").first()
    report = StatusReport(
        project=project,
        period_key=period_key,
        version=(latest.version + 1) if latest else 1,
        submitted_by=user,
        **data,
    )
    report.full_clean()
    report._history_user = user
    report.save()
    return report


@transaction.atomic
def project_item_save(
    *, item: Milestone | Risk, user: AbstractBaseUser, data: dict[str, Any]
) -> Milestone | Risk:
    """Creates or updates one of a project's milestones or risks (`item` carries its project)."""
    for name, value in data.items():
        setattr(item, name, value)
    item.full_clean()
    item._history_user = user
    item.save()
    return item
