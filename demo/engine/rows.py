"""The demo engine's one way to write a row: find it, make it carry the story's values, save only on a real
difference, and count what happened, so that a second run of `seed_demo` changes nothing and says so."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext as _

from core.history import save_with_history

M = TypeVar("M", bound=models.Model)


@dataclass
class Tally:
    """What a seed run did, per kind of row, so the command can say what was created vs. already there."""

    counts: dict[str, Counter[str]] = field(default_factory=dict)

    def add(self, label: str, outcome: str) -> None:
        self.counts.setdefault(label, Counter())[outcome] += 1

    def lines(self) -> list[str]:
        return [
            _("%(label)s: %(created)d created, %(updated)d updated, %(unchanged)d already there")
            % {"label": label, "created": c["created"], "updated": c["updated"], "unchanged": c["unchanged"]}
            for label, c in self.counts.items()
        ]

    @property
    def changed(self) -> bool:
        return any(c["created"] or c["updated"] for c in self.counts.values())


def upsert(
    model: type[M],
    *,
    match: dict[str, Any],
    values: dict[str, Any],
    tally: Tally,
    label: str,
    created_by: AbstractUser | None = None,
    created_at: datetime | None = None,
) -> M:
    """Find the row by `match` and make it carry `values`, saving only when a value differs.

    Saving only on a real difference keeps a re-run from touching timestamps or writing history rows.
    `created_by` and `created_at` go on the history row of a new row (who and when the change log shows).
    """
    obj, outcome = sync(model, match=match, values=values, created_by=created_by, created_at=created_at)
    tally.add(label, outcome)
    return obj


def sync(
    model: type[M],
    *,
    match: dict[str, Any],
    values: dict[str, Any],
    created_by: AbstractUser | None = None,
    created_at: datetime | None = None,
) -> tuple[M, str]:
    """`upsert` without the tally: the row and "created", "updated" or "unchanged"."""
    obj = model._default_manager.filter(**match).first()
    if obj is None:
        obj = model(**values)
        outcome = "created"
    else:
        changed = [name for name, value in values.items() if _current(obj, name) != _comparable(value)]
        if not changed:
            return obj, "unchanged"
        for name in changed:
            setattr(obj, name, values[name])
        outcome = "updated"
    obj.full_clean()
    created = outcome == "created"
    save_with_history(
        obj,
        user=created_by if created else None,
        reason="Demodata (seed_demo)",
        when=created_at if created else None,
    )
    return obj, outcome


def _current(obj: models.Model, name: str) -> Any:
    # Compare foreign keys by id, so that checking a row does not load its related objects.
    return getattr(obj, obj._meta.get_field(name).attname)


def _comparable(value: Any) -> Any:
    return value.pk if isinstance(value, models.Model) else value
