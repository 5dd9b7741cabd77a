"""The versions of a prioritisation criterion, so that a stale edit of it is caught and merged."""

from __future__ import annotations

from ..models import Criterion


def criterion_version(criterion: Criterion) -> int:
    """A criterion's version: its newest history record (every save through the model, the admin
    included, adds one; migration 0006 gave the seeded criteria their first)."""
    return (
        Criterion.history.filter(id=criterion.pk)
        .order_by("-history_id")
        .values_list("history_id", flat=True)
        .first()
        or 0
    )


def criterion_values_at(criterion: Criterion, version: int, fields: list[str]) -> dict | None:
    """The criterion's values at `version` (a history record of it); None if there is no such record."""
    record = Criterion.history.filter(id=criterion.pk, history_id=version).values(*fields).first()
    return record


def criterion_changed_by(criterion: Criterion, since_version: int) -> list:
    """Who saved the criterion after `since_version`, oldest first."""
    people = []
    for record in (
        Criterion.history.filter(id=criterion.pk, history_id__gt=since_version)
        .select_related("history_user")
        .order_by("history_id")
    ):
        if record.history_user is not None and record.history_user not in people:
            people.append(record.history_user)
    return people
