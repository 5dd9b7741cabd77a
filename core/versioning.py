"""Saving an edit of a versioned, history-tracked object, merging it with what others saved meanwhile.

Every app saves its editable objects through `versioned_update`: the form's version tells whether the edit
is stale; a stale one is merged field by field (core.merge) against the values recorded in history at that
version, and a field both people changed raises EditConflict for the user to choose.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from .history import last_editor, save_with_history
from .merge import UNKNOWN_BASE, apply_values, instance_values, merge_edit, submitted_values


def values_at_version(instance: Any, version: int, fields: Iterable[str]) -> dict[str, Any] | object:
    """The raw values of `fields` as they were at `version`, from history; UNKNOWN_BASE if not recorded."""
    record = instance.history.filter(version=version).order_by("-history_date").first()
    if record is None:
        return UNKNOWN_BASE
    return instance_values(record.instance, fields)


@dataclass(frozen=True)
class Saved:
    """What an edit saved, and which of someone else's changes made meanwhile it kept (by field)."""

    instance: Any
    kept_from: str = ""
    kept_fields: tuple[str, ...] = ()


def versioned_update(
    *,
    instance: Any,
    fields: Iterable[str],
    data: dict[str, Any],
    expected_version: int,
    choices: dict[str, str] | None,
    user: AbstractBaseUser,
) -> Saved:
    """Saves an edit of a versioned, history-tracked object (locked by the caller), merging a stale one.

    Raises core.merge.EditConflict, saving nothing, when the user and someone else changed the same field.
    """
    fields = [name for name in fields if name in data]
    current = instance_values(instance, fields)
    stale = instance.version != expected_version
    base = values_at_version(instance, expected_version, fields) if stale else current
    changed_by = last_editor(instance.history.all()) if stale else ""
    outcome = merge_edit(
        fields=fields,
        base=base,
        mine=submitted_values(data, fields),
        current=current,
        choices=choices,
        current_version=instance.version,
        changed_by=changed_by,
    )
    apply_values(instance, outcome.values)
    instance.full_clean()
    save_with_history(instance, user=user)
    return Saved(instance=instance, kept_from=changed_by, kept_fields=tuple(outcome.theirs_only))


def kept_text(text: str, *, who: str, fields: Iterable[str]) -> str:
    """`text` (what was saved), followed by which of someone else's changes made meanwhile the save kept:
    `fields` as the page names them, made by `who` (a person's name, or "" when unknown)."""
    fields = [str(name) for name in fields]
    if not fields:
        return str(text)
    kept = _("%(who)s had also changed %(fields)s – those changes were kept.") % {
        "who": who or capfirst(_("someone else")),
        "fields": ", ".join(fields),
    }
    return f"{text} {kept}"


def saved_text(saved: Saved, text: str | None = None, *, labels: Mapping[str, str] | None = None) -> str:
    """The message of a save: `text` (by default «The changes were saved.», or «Your changes were saved.»
    when someone else's changes were kept), followed by those changes, each field by its entry in `labels`
    or else by the model's name for it."""
    if text is None:
        text = _("Your changes were saved.") if saved.kept_fields else _("The changes were saved.")
    labels = labels or {}
    names = [
        labels.get(name) or saved.instance._meta.get_field(name).verbose_name for name in saved.kept_fields
    ]
    return kept_text(text, who=saved.kept_from, fields=names)
