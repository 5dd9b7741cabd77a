"""Writes of the benefit map: a project's change lines (deliverable → change → benefits) and the goals a
benefit serves. Each runs in one transaction, validates with full_clean() and records history with the user."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from core.history import delete_with_history, save_with_history
from programmes.models import Project

from .models import Benefit, ProjectChange


def _check_benefits(project: Project, benefits: Iterable[Benefit]) -> list[Benefit]:
    benefits = list(benefits)
    if any(benefit.project_id != project.pk for benefit in benefits):
        raise ValidationError({"benefits": _("Choose among the project's own benefits.")})
    return benefits


def change_create(
    *,
    project: Project,
    user: AbstractBaseUser | None,
    deliverable: str,
    change: str,
    benefits: Iterable[Benefit],
) -> ProjectChange:
    """A new change line, last on the project's map."""
    with transaction.atomic():
        Project.objects.select_for_update().filter(pk=project.pk).first()
        benefits = _check_benefits(project, benefits)
        last = ProjectChange.objects.filter(project=project).aggregate(last=Max("position"))["last"]
        line = ProjectChange(
            project=project, deliverable=deliverable, change=change, position=0 if last is None else last + 1
        )
        line.full_clean()
        save_with_history(line, user=user)
        line.benefits.set(benefits)
        return line


def change_update(
    *,
    line: ProjectChange,
    user: AbstractBaseUser | None,
    deliverable: str,
    change: str,
    benefits: Iterable[Benefit],
) -> ProjectChange:
    with transaction.atomic():
        line = ProjectChange.objects.select_for_update().get(pk=line.pk)
        benefits = _check_benefits(line.project, benefits)
        line.deliverable = deliverable
        line.change = change
        line.full_clean()
        save_with_history(line, user=user)
        line.benefits.set(benefits)
        return line


def change_delete(*, line: ProjectChange, user: AbstractBaseUser | None) -> None:
    with transaction.atomic():
        delete_with_history(line, user=user)


def benefit_goals_set(*, benefit: Benefit, user: AbstractBaseUser | None, goals: Iterable) -> Benefit:
    """The goals the benefit serves (none: the project's goals). Bumps the benefit's version, as every change
    to a benefit does, so a benefit form opened before it is not saved over it unseen."""
    with transaction.atomic():
        benefit = Benefit.objects.select_for_update().get(pk=benefit.pk)
        benefit.version += 1
        save_with_history(benefit, user=user, update_fields=["version"])
        benefit.goals.set(list(goals))
        return benefit
