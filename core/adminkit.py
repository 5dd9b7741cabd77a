"""What every app's admin shares: deletion offered only where it will succeed, and people shown by name."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import admin
from django.db import models
from django.utils.translation import gettext as _


class DeleteOnlyWhatCanBeDeleted:
    """A ModelAdmin mixin that does not offer a deletion the admin would then refuse.

    Django offers «Slett» on every object and «Slett valgte …» on every list, and only on the confirmation
    page says that protected objects (a project's decisions, a sub-programme's projects) stand in the way.
    Here the button shows only when the object can really be deleted, and the list has no bulk deletion,
    whose outcome depends on what is ticked.
    """

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions

    def has_delete_permission(self, request, obj=None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        # Working out what a deletion takes asks this method again for the object and what it cascades to;
        # there the plain permission is the answer.
        if obj is None or getattr(request, "_checking_deletion", False):
            return True
        request._checking_deletion = True
        try:
            _objects, _counts, permissions_needed, protected = self.get_deleted_objects([obj], request)
        finally:
            request._checking_deletion = False
        return not permissions_needed and not protected


def person_column(model: type[models.Model], field: str, name: Callable[[object], str]) -> Callable:
    """A list_display column that names the person in `field` with `name` instead of showing a username."""

    @admin.display(description=model._meta.get_field(field).verbose_name, ordering=f"{field}__last_name")
    def column(obj) -> str | None:
        person = getattr(obj, field)
        return name(person) if person is not None else None

    column.__name__ = f"{field}_name"
    return column


def yes_no_column(model: type[models.Model], field: str) -> Callable:
    """A list_display column that says «Ja» or «Nei»: Django's yes/no icons are read aloud as «True»/«False»."""

    @admin.display(description=model._meta.get_field(field).verbose_name, ordering=field)
    def column(obj) -> str:
        return _("Yes") if getattr(obj, field) else _("No")

    column.__name__ = f"{field}_yes_no"
    return column
