"""The form side of edit conflicts: the version a form was opened at, the user's choice per field, and a
view's save of an edit (`save_edit`).

A form with `ConflictFormMixin` carries `version` and, after an EditConflict (core.merge), the names of the
fields both people changed and who the other person is. Each such field then shows the saved value beside
the user's own, with a required choice between them (rendered by templates/includes/field.html).
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy

from .history import EMPTY, related_text, value_text
from .merge import KEEP_MINE, KEEP_THEIRS, EditConflict
from .models import Versioned
from .versioning import Saved

CHOICE_PREFIX = "resolve__"


def display_value(instance: Any, name: str) -> str:
    """A field's value on a model instance as a person reads it, as the change log shows it."""
    model_field = instance._meta.get_field(name)
    if model_field.is_relation:
        related = getattr(instance, name, None)
        return EMPTY if related is None else related_text(related)
    return value_text(model_field, getattr(instance, name))


class ConflictFormMixin(forms.Form):
    """Optimistic locking and field-by-field conflict choices for a (model) form."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    conflict_fields = forms.CharField(widget=forms.HiddenInput, required=False)
    conflict_by = forms.CharField(widget=forms.HiddenInput, required=False)

    no_choice_message = gettext_lazy("Choose which value to keep.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = getattr(self, "instance", None)
        if isinstance(instance, Versioned) and instance.pk and not self.is_bound:
            self.initial.setdefault("version", instance.version)
        source = self.data if self.is_bound else self.initial
        names = str(
            source.get(self.add_prefix("conflict_fields") if self.is_bound else "conflict_fields") or ""
        )
        who = str(source.get(self.add_prefix("conflict_by") if self.is_bound else "conflict_by") or "")
        self.conflicts: dict[str, str] = {}
        for name in (n for n in names.split(",") if n in self.fields):
            input_name = self.add_prefix(f"{CHOICE_PREFIX}{name}")
            choice = self.data.get(input_name, "") if self.is_bound else ""
            self.conflicts[name] = choice
            self.fields[name].conflict = {
                "current": display_value(self.instance, name),
                "who": who,
                "input_name": input_name,
                "choice": choice,
                "mine": KEEP_MINE,
                "theirs": KEEP_THEIRS,
            }

    def clean(self):
        cleaned = super().clean()
        for name, choice in self.conflicts.items():
            if choice not in (KEEP_MINE, KEEP_THEIRS):
                self.add_error(name, self.no_choice_message)
        return cleaned

    @property
    def conflict_choices(self) -> dict[str, str]:
        return dict(self.conflicts)

    @property
    def expected_version(self) -> int:
        return self.cleaned_data.get("version") or 0

    @classmethod
    def after_conflict(cls, conflict: EditConflict, *, instance, extra=None, **kwargs):
        """The form to show after `conflict`: the merged values, the current version, a choice per conflict.

        `instance` holds the values saved now (shown beside the user's); `extra` adds initial values.
        """
        initial = {
            **conflict.outcome.values,
            **(extra or {}),
            "version": conflict.current_version,
            "conflict_fields": ",".join(conflict.outcome.conflicts),
            "conflict_by": conflict.changed_by,
        }
        return cls(instance=instance, initial=initial, **kwargs)


@dataclass(frozen=True)
class Edit:
    """A submitted edit: what it saved, or else the form to show again and, after a conflict, the conflict."""

    form: forms.Form
    saved: Saved | None = None
    conflict: EditConflict | None = None


def save_edit(
    form: forms.Form, save: Callable[[], Saved], *, after_conflict: Callable[[EditConflict], forms.Form]
) -> Edit:
    """Calls `save`, the service that saves the valid `form`'s edit (merging a stale one, core.versioning).

    When the user and someone else changed the same field, nothing was saved and the form to show is
    `after_conflict(conflict)` (for a ConflictFormMixin form, `Form.after_conflict(conflict, instance=<as
    saved now>)`); a ValidationError the service raises is shown on `form`.
    """
    try:
        saved = save()
    except EditConflict as conflict:
        return Edit(form=after_conflict(conflict), conflict=conflict)
    except ValidationError as exc:
        form.add_error(None, exc)
        return Edit(form=form)
    return Edit(form=form, saved=saved)
