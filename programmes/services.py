"""Writes to projects and their status reports, milestones and risks; each runs in one transaction."""

from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core import access
from core.history import delete_with_history, last_editor, save_with_history
from core.merge import EditConflict, apply_values, instance_values, merge_edit, submitted_values
from core.people import person_name
from core.versioning import Saved, values_at_version, versioned_update

from .models import (
    DECIDED_OUTCOMES,
    DECISION_PENDING,
    NEXT_PHASE,
    STATUS_DIMENSIONS,
    DecisionOutcome,
    DecisionPoint,
    Milestone,
    Phase,
    Project,
    ProjectMove,
    Risk,
    StatusReport,
    StatusReportDraft,
)
from .rules import may_move_project

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


@transaction.atomic
def project_create(*, user: AbstractBaseUser, data: dict[str, Any]) -> Project:
    """Registers a proposal: it starts in the idea phase and waits for the portfolio decision."""
    project = Project(**{name: data[name] for name in PROJECT_EDITABLE_FIELDS if name in data})
    project.phase = Phase.IDEA
    project.full_clean()
    save_with_history(project, user=user)
    return project


@transaction.atomic
def project_update(
    *,
    project_id: int,
    user: AbstractBaseUser,
    data: dict[str, Any],
    expected_version: int,
    choices: dict[str, str] | None = None,
    phase_reason: str = "",
) -> Saved:
    """Saves the project; an edit made on an older version is merged field by field (see core.merge).

    The phase changes by a decision (decision_point_decide). Only the administrator may change it here,
    with `phase_reason`; the change is recorded as a skipped decision point."""
    project = Project.objects.select_for_update().select_related("sub_programme").get(pk=project_id)
    old_sub_programme = project.sub_programme
    old_phase = project.phase
    target = data.get("sub_programme")
    if target is not None and not may_move_project(user, project, target):
        raise ValidationError(
            {"sub_programme": _("You may not move the project to that sub-programme.")}, code="move"
        )
    saved = versioned_update(
        instance=project,
        fields=PROJECT_EDITABLE_FIELDS,
        data=data,
        expected_version=expected_version,
        choices=choices,
        user=user,
    )
    if project.sub_programme_id != old_sub_programme.pk:
        ProjectMove.objects.create(
            project=project,
            from_sub_programme=old_sub_programme,
            to_sub_programme_id=project.sub_programme_id,
            moved_by=user,
        )
    if project.phase != old_phase:
        decision_point_skip(project=project, from_phase=old_phase, user=user, reason=phase_reason)
    return saved


STATUS_REPORT_FIELDS = (
    *(f for name in STATUS_DIMENSIONS for f in (name, f"{name}_comment")),
    "achieved",
    "next_steps",
    "risks",
    "decisions_needed",
)


class DraftConflict(EditConflict):
    """A colleague saved the period's draft meanwhile and changed a field this user changed too."""


def _merge_with_draft(
    draft: StatusReportDraft, *, data: dict[str, Any], expected_version: int, choices: dict[str, str] | None
):
    """The merge of `data` (opened at the draft's `expected_version`, 0: opened without it) with the draft as
    saved now, as core.versioning merges any versioned object. Raises DraftConflict."""
    current = instance_values(draft, STATUS_REPORT_FIELDS)
    stale = draft.version != expected_version
    base = values_at_version(draft, expected_version, STATUS_REPORT_FIELDS) if stale else current
    changed_by = last_editor(draft.history.all()) if stale else ""
    try:
        outcome = merge_edit(
            fields=STATUS_REPORT_FIELDS,
            base=base,
            mine=data,
            current=current,
            choices=choices,
            current_version=draft.version,
            changed_by=changed_by,
        )
    except EditConflict as conflict:
        raise DraftConflict(
            outcome=conflict.outcome,
            current=conflict.current,
            current_version=conflict.current_version,
            changed_by=conflict.changed_by,
            unchosen=conflict.unchosen,
        ) from None
    return outcome, changed_by


@transaction.atomic
def status_report_draft_save(
    *,
    project: Project,
    user: AbstractBaseUser,
    period_key: str,
    data: dict[str, Any],
    draft_id: int | None = None,
    expected_version: int = 0,
    based_on_id: int | None = None,
    seen: int | None = None,
    choices: dict[str, str] | None = None,
) -> Saved:
    """Saves the period's draft of the project's status report (one per project and period), which may be
    incomplete. `draft_id` and `expected_version` are the draft the form was opened on: a draft a colleague
    saved since is merged field by field, and one the form did not know of counts as changed everywhere.
    `based_on_id` and `seen` are kept for the submission's own merge (status_report_submit)."""
    Project.objects.select_for_update().filter(pk=project.pk).first()
    draft = project.status_report_drafts.filter(period_key=period_key).first()
    if based_on_id is not None and not project.status_reports.filter(pk=based_on_id).exists():
        based_on_id = None
    if draft is None:
        draft = StatusReportDraft(project=project, period_key=period_key)
        apply_values(draft, submitted_values(data, STATUS_REPORT_FIELDS))
        draft.based_on_id, draft.seen, draft.updated_by = based_on_id, seen, user
        draft.full_clean()
        save_with_history(draft, user=user)
        return Saved(instance=draft)
    draft.based_on_id, draft.seen, draft.updated_by = based_on_id, seen, user
    return versioned_update(
        instance=draft,
        fields=STATUS_REPORT_FIELDS,
        data=data,
        expected_version=expected_version if draft.pk == draft_id else 0,
        choices=choices,
        user=user,
    )


@transaction.atomic
def status_report_submit(
    *,
    project: Project,
    user: AbstractBaseUser,
    period_key: str,
    data: dict[str, Any],
    based_on_id: int | None = None,
    seen: int | None = None,
    choices: dict[str, str] | None = None,
    draft_id: int | None = None,
    draft_version: int = 0,
    draft_choices: dict[str, str] | None = None,
) -> Saved:
    """Submits (and so freezes) a status report; a second one for the same period is its next version.

    `based_on_id` is the report the form started from and `seen` the newest report id when it was opened. If
    someone submitted a report for the same period since, the two are merged field by field (core.merge):
    nobody's text is dropped without the user choosing. Without `seen`, no merge is attempted.

    The period's draft, if any, becomes this report and is removed. What a colleague saved in it since the
    form was opened (`draft_id` at `draft_version`) is merged first; a field both changed raises
    DraftConflict (answered with `draft_choices`), so submitting never drops a colleague's draft text.
    """
    Project.objects.select_for_update().filter(pk=project.pk).first()  # serialise versions per project
    kept_from, kept_fields = "", ()
    draft = project.status_report_drafts.filter(period_key=period_key).first()
    if draft is not None:
        expected = draft_version if draft.pk == draft_id else 0
        outcome, changed_by = _merge_with_draft(
            draft, data=data, expected_version=expected, choices=draft_choices
        )
        data = outcome.values
        if outcome.theirs_only:
            kept_from, kept_fields = changed_by, tuple(outcome.theirs_only)
        delete_with_history(draft, user=user)
    latest = project.status_reports.filter(period_key=period_key).order_by("-version").first()
    if seen is not None and latest is not None:
        current = instance_values(latest, STATUS_REPORT_FIELDS)
        stale = latest.pk > seen
        submitter = ""
        if stale:
            based_on = project.status_reports.filter(pk=based_on_id).first() if based_on_id else None
            submitter = person_name(latest.submitted_by) if latest.submitted_by else ""
        base = instance_values(based_on or StatusReport(), STATUS_REPORT_FIELDS) if stale else current
        outcome = merge_edit(
            fields=STATUS_REPORT_FIELDS,
            base=base,
            mine=data,
            current=current,
            choices=choices,
            current_version=latest.pk,
            changed_by=submitter,
        )
        data = outcome.values
        if outcome.theirs_only:
            kept_from, kept_fields = kept_from or submitter, (*kept_fields, *outcome.theirs_only)
    report = StatusReport(
        project=project,
        period_key=period_key,
        version=(latest.version + 1) if latest else 1,
        submitted_by=user,
        **data,
    )
    report.full_clean()
    save_with_history(report, user=user)
    return Saved(instance=report, kept_from=kept_from, kept_fields=kept_fields)


ITEM_FIELDS = {
    Milestone: ("title", "planned_date", "forecast_date", "done_date"),
    Risk: ("title", "description", "probability", "consequence", "mitigation", "owner", "status"),
}


@transaction.atomic
def project_item_save(
    *,
    item: Milestone | Risk,
    user: AbstractBaseUser,
    data: dict[str, Any],
    expected_version: int = 0,
    choices: dict[str, str] | None = None,
) -> Saved:
    """Creates or updates one of a project's milestones or risks (`item` carries its project).

    An edit made on an older version is merged field by field (core.merge), as for the project itself.
    """
    if item.pk is None:
        apply_values(item, submitted_values(data, ITEM_FIELDS[type(item)]))
        item.full_clean()
        save_with_history(item, user=user)
        return Saved(instance=item)
    locked = type(item).objects.select_for_update().get(pk=item.pk, project_id=item.project_id)
    return versioned_update(
        instance=locked,
        fields=ITEM_FIELDS[type(item)],
        data=data,
        expected_version=expected_version,
        choices=choices,
        user=user,
    )


@transaction.atomic
def project_item_delete(*, item: Milestone | Risk, user: AbstractBaseUser) -> None:
    """Deletes a milestone or risk; the deletion stays in the project's change log."""
    delete_with_history(item, user=user)


# --- Decision points between phases ----------------------------------------------------------------------

DECISION_BASIS_FIELDS = ("need", "goals", "gains", "cost", "risk")


def _checklist(items) -> list[dict[str, Any]]:
    """The checklist as stored: each question's text, whether it is done, and the comment."""
    return [
        {
            "text": str(item["text"]),
            "done": bool(item.get("done")),
            "comment": str(item.get("comment", "")).strip(),
        }
        for item in items
    ]


@transaction.atomic
def decision_point_prepare(
    *,
    project_id: int,
    user: AbstractBaseUser,
    basis: dict[str, str],
    checklist: list[dict[str, Any]],
    from_phase: str | None = None,
) -> DecisionPoint:
    """Prepares the decision that moves the project to its next phase, or updates the preparation while the
    decision is still pending; the project's owner or the kommunedirektør then decides.

    `from_phase` is the phase the form was opened in: a basis (and its checklist) written for a phase the
    project has left since is refused, never attached to the next decision point."""
    project = Project.objects.select_for_update().get(pk=project_id)
    if from_phase is not None and from_phase != project.phase:
        raise ValidationError(
            _("The project has moved to another phase since you opened the form. Open it again."),
            code="stale",
        )
    to_phase = NEXT_PHASE.get(project.phase)
    if to_phase is None:
        raise ValidationError(_("A closed project has no decision point ahead."), code="closed")
    point = project.decision_points.filter(DECISION_PENDING).first() or DecisionPoint(project=project)
    point.from_phase, point.to_phase = project.phase, to_phase
    for name in DECISION_BASIS_FIELDS:
        setattr(point, name, (basis.get(name) or "").strip())
    point.checklist = _checklist(checklist)
    point.prepared_by, point.prepared_at = user, timezone.now()
    point.full_clean()
    save_with_history(point, user=user)
    return point


# Where the project goes after each decision; «back for rework» leaves it where it is.
def _phase_after(point: DecisionPoint) -> str | None:
    if point.outcome in (DecisionOutcome.GO, DecisionOutcome.GO_WITH_CONDITIONS):
        return point.to_phase
    if point.outcome == DecisionOutcome.STOP:
        return Phase.CLOSED
    return None


@transaction.atomic
def decision_point_decide(
    *,
    decision_point_id: int,
    user: AbstractBaseUser,
    outcome: str,
    reason: str,
    conditions: str = "",
) -> DecisionPoint:
    """Records the decision on a prepared decision point and moves the project's phase by it: go (with or
    without conditions) to the next phase, stop to closed, back for rework nowhere. The decision and the
    basis it was made on are frozen from then on."""
    point = DecisionPoint.objects.select_for_update().get(pk=decision_point_id)
    project = Project.objects.select_for_update().get(pk=point.project_id)
    if not point.pending:
        raise ValidationError(_("This decision point has already been decided."), code="decided")
    if project.phase != point.from_phase:
        raise ValidationError(
            _("The project is no longer in the phase this decision point was prepared in."), code="stale"
        )
    errors = {}
    reason, conditions = reason.strip(), conditions.strip()
    if outcome not in DECIDED_OUTCOMES:
        errors["outcome"] = _("Choose a decision.")
    if not reason:
        errors["reason"] = _("Write the reason for the decision.")
    if outcome == DecisionOutcome.GO_WITH_CONDITIONS and not conditions:
        errors["conditions"] = _("Write the conditions for the go.")
    elif conditions and outcome != DecisionOutcome.GO_WITH_CONDITIONS:
        errors["conditions"] = _("Only a go with conditions has conditions: choose it, or remove the text.")
    if errors:
        raise ValidationError(errors)
    point.outcome, point.reason, point.conditions = outcome, reason, conditions
    point.decided_by, point.decided_at = user, timezone.now()
    point.full_clean()
    save_with_history(point, user=user)
    new_phase = _phase_after(point)
    if new_phase is not None and new_phase != project.phase:
        project.phase = new_phase
        save_with_history(project, user=user, reason=str(point))
    return point


def decision_point_skip(
    *, project: Project, from_phase: str, user: AbstractBaseUser, reason: str
) -> DecisionPoint:
    """Records that `user` moved the (locked, already saved) project from `from_phase` to its phase now
    without a decision. Only the administrator may; the reason is required. A decision point waiting for a
    decision becomes this record, with the basis as it was prepared."""
    if not access.has_perm(user, "programmes.skip_decision_point", project):
        raise ValidationError(
            {
                "phase": _(
                    "The phase changes by a decision at the decision point. Only the administrator may skip one."
                )
            },
            code="skip",
        )
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"phase": _("Write why the phase is changed without a decision.")}, code="skip_reason"
        )
    point = project.decision_points.select_for_update().filter(DECISION_PENDING).first() or DecisionPoint(
        project=project
    )
    point.from_phase, point.to_phase = from_phase, project.phase
    point.outcome, point.reason = DecisionOutcome.SKIPPED, reason
    point.decided_by, point.decided_at = user, timezone.now()
    point.full_clean()
    save_with_history(point, user=user)
    return point
